import OrderedCollections

/// A module's state by name in PyTorch's order: `stateDict()`'s result and
/// `loadStateDict`'s argument (keys like `0.weight`, `bn.running_mean`).
public typealias StateDict = OrderedDictionary<String, Tensor>

/// Why `loadStateDict` refused a state dict: every missing key, unexpected key
/// and shape mismatch, reported together as PyTorch does.
public struct StateDictLoadingError: Error, CustomStringConvertible {
    /// The module's class name.
    public let moduleName: String
    public let missingKeys: [String]
    public let unexpectedKeys: [String]
    /// `(key, shape in the state dict, shape in the module)`.
    public let sizeMismatches: [(key: String, loaded: [Int], expected: [Int])]

    /// PyTorch's `Error(s) in loading state_dict for ...` text.
    public var description: String {
        var lines = ["Error(s) in loading state_dict for \(moduleName):"]
        func quoted(_ keys: [String]) -> String { keys.map { "\"\($0)\"" }.joined(separator: ", ") }
        if !unexpectedKeys.isEmpty { lines.append("\tUnexpected key(s) in state_dict: \(quoted(unexpectedKeys)). ") }
        if !missingKeys.isEmpty { lines.append("\tMissing key(s) in state_dict: \(quoted(missingKeys)). ") }
        for m in sizeMismatches {
            lines.append("\tsize mismatch for \(m.key): copying a param with shape \(torchSizeString(m.loaded)) from checkpoint, the shape in current model is \(torchSizeString(m.expected)).")
        }
        return lines.joined(separator: "\n")
    }
}

/// What `loadStateDict(_:strict: false)` did not match, PyTorch's `_IncompatibleKeys`.
public struct IncompatibleKeys: Equatable, Sendable {
    public let missingKeys: [String]
    public let unexpectedKeys: [String]

    public init(missingKeys: [String], unexpectedKeys: [String]) {
        self.missingKeys = missingKeys
        self.unexpectedKeys = unexpectedKeys
    }
}

extension Module {
    /// Every parameter and persistent buffer by dotted name, PyTorch's
    /// `state_dict()`: each module's parameters, then its buffers, then its
    /// submodules in order. Values are detached tensors sharing storage.
    public func stateDict(keepVars: Bool = false) -> StateDict {
        var dict = StateDict()
        var visited = Set<ObjectIdentifier>()
        func visit(_ m: Module, _ prefix: String) {
            guard visited.insert(ObjectIdentifier(m)).inserted else { return }
            for (name, p) in m.directMembers().parameters {
                dict[prefix + name] = keepVars ? p : p.detach()
            }
            for (name, b) in m.registeredBuffers where !m.nonPersistentBuffers.contains(name) {
                if let b { dict[prefix + name] = keepVars ? b : b.detach() }
            }
            for (name, child) in m.namedChildren() { visit(child, prefix + name + ".") }
        }
        visit(self, "")
        return dict
    }

    /// Copies values from a state dict into this module's parameters and
    /// buffers, PyTorch's `load_state_dict`.
    ///
    /// With `strict` (the default), missing keys, unexpected keys and shape
    /// mismatches throw one `StateDictLoadingError` listing all of them, and
    /// nothing is copied. Without it, shape mismatches still throw and the
    /// unmatched keys are returned.
    @discardableResult
    public func loadStateDict(_ stateDict: StateDict, strict: Bool = true) throws -> IncompatibleKeys {
        let own = self.stateDict(keepVars: true)
        let missing = own.keys.elements.filter { stateDict[$0] == nil }
        let unexpected = stateDict.keys.elements.filter { own[$0] == nil }
        var mismatches: [(key: String, loaded: [Int], expected: [Int])] = []
        for (key, target) in own {
            if let source = stateDict[key], source.shape != target.shape {
                mismatches.append((key, source.shape, target.shape))
            }
        }
        if !mismatches.isEmpty || (strict && (!missing.isEmpty || !unexpected.isEmpty)) {
            throw StateDictLoadingError(moduleName: typeName, missingKeys: strict ? missing : [],
                                        unexpectedKeys: strict ? unexpected : [], sizeMismatches: mismatches)
        }
        noGrad {
            for (key, target) in own {
                if let source = stateDict[key] { target.copy_(source) }
            }
        }
        return IncompatibleKeys(missingKeys: missing, unexpectedKeys: unexpected)
    }
}
