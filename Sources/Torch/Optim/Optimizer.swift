// The base of every optimizer: parameter groups, per-parameter state, state_dict, printout.

/// The state an optimizer keeps for one parameter (`exp_avg`, `step`, ...), one
/// entry of PyTorch's `optimizer.state`, in insertion order.
public final class ParameterState {
    /// The keys in the order they were first set.
    public private(set) var keys: [String] = []
    private var values: [String: OptimValue] = [:]

    /// An empty state.
    public init() {}

    /// The value under a key; setting nil removes it.
    public subscript(key: String) -> OptimValue? {
        get { values[key] }
        set {
            if let newValue {
                if values.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if values.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    /// The tensor under a key, if the value is a tensor.
    public func tensor(_ key: String) -> Tensor? { values[key]?.tensorValue }

    /// The entries in order.
    public var entries: [(key: String, value: OptimValue)] { keys.map { ($0, values[$0]!) } }

    /// Whether nothing is stored.
    public var isEmpty: Bool { keys.isEmpty }
}

/// Errors of `Optimizer.loadStateDict`, with PyTorch's messages.
public struct OptimizerStateError: Error, CustomStringConvertible {
    /// What is wrong with the state_dict.
    public let description: String
}

/// The base class of optimizers, PyTorch's `torch.optim.Optimizer`.
///
/// Holds the parameter groups (mutable, like `param_groups`) and the
/// per-parameter state; subclasses implement `step()`. Every update runs under
/// `noGrad` and writes the parameters in place.
open class Optimizer: CustomStringConvertible {
    /// The parameter groups with their options, PyTorch's `param_groups`.
    public var paramGroups: [ParamGroup] = []
    /// The options a new group takes where it sets none, PyTorch's `defaults`.
    public let defaults: [(key: String, value: OptimValue)]
    /// Per-parameter state, keyed by the parameter's identity.
    public internal(set) var state: [ObjectIdentifier: ParameterState] = [:]

    /// An optimizer over one group of parameters with the default options.
    public init(_ params: [Tensor], defaults: [(key: String, value: OptimValue)],
                file: StaticString = #fileID, line: UInt = #line) {
        self.defaults = defaults
        torchCheck(!params.isEmpty, "optimizer got an empty parameter list", file: file, line: line)
        addParamGroup(ParamGroup(params: params, options: []), file: file, line: line)
    }

    /// An optimizer over several groups; options a group leaves unset come from `defaults`.
    public init(_ groups: [ParamGroup], defaults: [(key: String, value: OptimValue)],
                file: StaticString = #fileID, line: UInt = #line) {
        self.defaults = defaults
        // The `[Tensor]` convenience inits arrive here as one group: an empty one is PyTorch's empty list.
        torchCheck(!groups.isEmpty && !(groups.count == 1 && groups[0].params.isEmpty),
                   "optimizer got an empty parameter list", file: file, line: line)
        for g in groups { addParamGroup(g, file: file, line: line) }
    }

    /// Adds a group of parameters, filling unset options from the defaults,
    /// PyTorch's `add_param_group`.
    open func addParamGroup(_ group: ParamGroup, file: StaticString = #fileID, line: UInt = #line) {
        var group = group
        for p in group.params {
            torchCheck(p.isLeaf, "can't optimize a non-leaf Tensor", file: file, line: line)
        }
        for (k, v) in defaults { group.setDefault(k, v) }
        let seen = Set(paramGroups.flatMap { $0.params.map(ObjectIdentifier.init) })
        torchCheck(group.params.allSatisfy { !seen.contains(ObjectIdentifier($0)) },
                   "some parameters appear in more than one parameter group", file: file, line: line)
        paramGroups.append(group)
    }

    /// Resets the gradients of all parameters, PyTorch's `zero_grad`.
    ///
    /// With `setToNone` (the default) `.grad` becomes nil; otherwise it is zeroed in place.
    open func zeroGrad(setToNone: Bool = true) {
        for group in paramGroups {
            for p in group.params {
                guard let g = p.grad else { continue }
                if setToNone {
                    p.grad = nil
                } else {
                    noGrad { _ = g.detach().zero_() }
                }
            }
        }
    }

    /// Performs one optimization step. Subclasses override it.
    open func step() {
        fatalError("\(type(of: self)) does not implement step()")
    }

    /// Re-evaluates the loss with `closure` (under grad mode), then steps;
    /// returns the loss, PyTorch's `step(closure)`.
    @discardableResult
    open func step(closure: () -> Tensor) -> Tensor {
        let loss = enableGrad(closure)
        step()
        return loss
    }

    /// The state of one parameter, created empty on first use.
    public func state(for p: Tensor) -> ParameterState {
        let id = ObjectIdentifier(p)
        if let s = state[id] { return s }
        let s = ParameterState()
        state[id] = s
        return s
    }

    /// The optimizer's state as PyTorch's `state_dict()`: a dictionary with
    /// `state` (parameter index -> that parameter's state) and `param_groups`
    /// (each group's options under PyTorch's names, `params` as index lists).
    ///
    /// Tensors in it are the optimizer's own (not copies), as in PyTorch.
    public func stateDict() -> OptimValue {
        var stateEntries: [(key: OptimValue, value: OptimValue)] = []
        var groups: [OptimValue] = []
        var index = 0
        for group in paramGroups {
            var indices: [OptimValue] = []
            for p in group.params {
                if let s = state[ObjectIdentifier(p)], !s.isEmpty {
                    stateEntries.append((.int(index), .dict(s.entries.map { (.string($0.key), $0.value) })))
                }
                indices.append(.int(index))
                index += 1
            }
            var entries = group.options.map { (key: OptimValue.string($0.key), value: $0.value) }
            entries.append((.string("params"), .list(indices)))
            groups.append(.dict(entries))
        }
        return .dict([(.string("state"), .dict(stateEntries)), (.string("param_groups"), .list(groups))])
    }

    /// Restores state saved by `stateDict()` (or PyTorch's `state_dict()`),
    /// PyTorch's `load_state_dict`.
    ///
    /// Groups must match in number and size. Group options are replaced by the
    /// saved ones; floating state tensors are copied and cast to their parameter's
    /// dtype (except `step`).
    public func loadStateDict(_ stateDict: OptimValue) throws {
        guard let savedGroups = stateDict["param_groups"]?.elements,
              let savedState = stateDict["state"]?.entries else {
            throw OptimizerStateError(description: "state_dict must contain 'state' and 'param_groups'")
        }
        guard savedGroups.count == paramGroups.count else {
            throw OptimizerStateError(description: "loaded state dict has a different number of parameter groups")
        }
        var byIndex: [Int: Tensor] = [:]
        var newGroups = paramGroups
        for (i, saved) in savedGroups.enumerated() {
            guard let entries = saved.entries, let ids = saved["params"]?.elements else {
                throw OptimizerStateError(description: "loaded state dict has a malformed parameter group")
            }
            guard ids.count == paramGroups[i].params.count else {
                throw OptimizerStateError(description:
                    "loaded state dict contains a parameter group that doesn't match the size of optimizer's group")
            }
            for (id, p) in zip(ids, paramGroups[i].params) {
                guard let k = id.intValue else {
                    throw OptimizerStateError(description: "loaded state dict has a non-integer parameter index")
                }
                byIndex[k] = p
            }
            newGroups[i].options = entries.compactMap { e in
                guard let k = e.key.stringKey, k != "params" else { return nil }
                return (k, e.value)
            }
        }
        var newState: [ObjectIdentifier: ParameterState] = [:]
        for (key, value) in savedState {
            guard let k = key.intValue, let p = byIndex[k], let entries = value.entries else { continue }
            let s = ParameterState()
            for (name, v) in entries {
                guard let name = name.stringKey else { continue }
                s[name] = Self.adopt(v, key: name, for: p)
            }
            newState[ObjectIdentifier(p)] = s
        }
        paramGroups = newGroups
        state = newState
    }

    private static func adopt(_ v: OptimValue, key: String, for p: Tensor) -> OptimValue {
        guard case .tensor(let t) = v else { return v }
        if key != "step" && t.dtype.isFloatingPoint && p.dtype.isFloatingPoint {
            return .tensor(optimWorkCopy(t, p.dtype))
        }
        return .tensor(optimWorkCopy(t, t.dtype))
    }

    /// PyTorch's printout: the class name, then each group's options sorted by name.
    open var description: String {
        var s = "\(type(of: self)) ("
        for (i, group) in paramGroups.enumerated() {
            s += "\nParameter Group \(i)\n"
            for (k, v) in group.options.sorted(by: { $0.key < $1.key }) {
                s += "    \(k): \(v.pythonStr)\n"
            }
        }
        return s + ")"
    }
}
