import OrderedCollections

/// The base class of neural-network layers and models, PyTorch's `nn.Module`.
///
/// Subclass it, keep layers and parameters in stored properties and override
/// `forward`. Parameters (`Parameter` properties), submodules (`Module`
/// properties) and buffers (`registerBuffer`) are found from the stored
/// properties and named after them in snake_case, so `stateDict()` keys read
/// exactly like PyTorch's.
///
/// ```swift
/// final class LinearNet: Module {
///     let linear: Linear
///     init(_ n: Int) { linear = Linear(n, 1); super.init() }
///     override func forward(_ x: Tensor) -> Tensor { linear(x) }
/// }
/// let net = LinearNet(2)
/// print(net)   // LinearNet(\n  (linear): Linear(in_features=2, out_features=1, bias=True)\n)
/// ```
@dynamicMemberLookup
open class Module: CustomStringConvertible {
    /// Whether the module is in training mode (`train()`) or evaluation mode (`eval()`).
    public private(set) var training = true

    /// Parameters, buffers and submodules added by name at run time
    /// (`registerParameter`, `registerBuffer`, `addModule`), in registration order.
    var registeredParameters: OrderedDictionary<String, Parameter?> = [:]
    var registeredBuffers: OrderedDictionary<String, Tensor?> = [:]
    var nonPersistentBuffers: Set<String> = []
    var registeredModules: OrderedDictionary<String, Module?> = [:]
    var forwardPreHooks: [(id: Int, hook: (Module, Tensor) -> Tensor?)] = []
    var forwardHooks: [(id: Int, hook: (Module, Tensor, Tensor) -> Tensor?)] = []

    public init() {}

    /// The computation of the module; subclasses override it.
    open func forward(_ input: Tensor) -> Tensor {
        fatalError("Module [\(typeName)] is missing the required \"forward\" function")
    }

    /// Runs the forward pre-hooks, `forward` and the forward hooks, PyTorch's `module(x)`.
    public func callAsFunction(_ input: Tensor) -> Tensor {
        if forwardPreHooks.isEmpty && forwardHooks.isEmpty { return forward(input) }
        var x = input
        for (_, hook) in forwardPreHooks { if let replaced = hook(self, x) { x = replaced } }
        var y = forward(x)
        for (_, hook) in forwardHooks { if let replaced = hook(self, x, y) { y = replaced } }
        return y
    }

    /// The text inside the parentheses of this module's line in `print(model)`,
    /// PyTorch's `extra_repr` (e.g. `in_features=2, out_features=1, bias=True`).
    open func extraRepr() -> String { "" }

    /// The class name PyTorch prints (`Linear`, `Sequential`, or the subclass's name).
    open var typeName: String { String(describing: type(of: self)) }

    // MARK: - Modes

    /// Sets training mode on this module and every submodule, PyTorch's `train()`.
    @discardableResult
    public func train(_ mode: Bool = true) -> Self {
        for m in modules() { m.training = mode }
        return self
    }

    /// Sets evaluation mode, PyTorch's `eval()` (`train(false)`).
    @discardableResult
    public func eval() -> Self { train(false) }

    /// Calls `fn` on every submodule (children first) and then on this module,
    /// PyTorch's `apply`: the seeds' `model.apply(weights_init)`.
    @discardableResult
    public func apply(_ fn: (Module) -> Void) -> Self {
        for child in children() { child.apply(fn) }
        fn(self)
        return self
    }

    /// Clears (or zeroes) the gradients of every parameter, PyTorch's `zero_grad()`.
    public func zeroGrad(setToNone: Bool = true) {
        for p in parameters() {
            if setToNone { p.grad = nil } else { p.grad?.zero_() }
        }
    }

    /// Turns gradient recording for every parameter on or off (freezing), PyTorch's `requires_grad_()`.
    @discardableResult
    public func requiresGrad_(_ requiresGrad: Bool = true) -> Self {
        for p in parameters() { p.requiresGrad_(requiresGrad) }
        return self
    }

    /// The number of parameter elements (only those that require grad when `onlyTrainable`).
    public func numParameters(onlyTrainable: Bool = false) -> Int {
        parameters().filter { !onlyTrainable || $0.requiresGrad }.reduce(0) { $0 + $1.numel() }
    }

    // MARK: - Hooks

    nonisolated(unsafe) private static var nextHookID = 0

    /// Registers `hook(module, input, output)` to run after every forward; a
    /// non-nil return replaces the output. PyTorch's `register_forward_hook`.
    @discardableResult
    public func registerForwardHook(_ hook: @escaping (Module, Tensor, Tensor) -> Tensor?) -> HookHandle {
        Module.nextHookID += 1
        let id = Module.nextHookID
        forwardHooks.append((id, hook))
        return HookHandle { [weak self] in self?.forwardHooks.removeAll { $0.id == id } }
    }

    /// Registers `hook(module, input)` to run before every forward; a non-nil
    /// return replaces the input. PyTorch's `register_forward_pre_hook`.
    @discardableResult
    public func registerForwardPreHook(_ hook: @escaping (Module, Tensor) -> Tensor?) -> HookHandle {
        Module.nextHookID += 1
        let id = Module.nextHookID
        forwardPreHooks.append((id, hook))
        return HookHandle { [weak self] in self?.forwardPreHooks.removeAll { $0.id == id } }
    }

    // MARK: - Attribute access

    /// `module.weight`-style access to a registered parameter, buffer or
    /// submodule by name, for code written against a plain `Module` (`net[0].weight`).
    public subscript(dynamicMember name: String) -> Tensor {
        let key = snakeCase(name)
        if let p = namedParameters(recurse: false).first(where: { $0.name == key })?.parameter { return p }
        if let b = namedBuffers(recurse: false).first(where: { $0.name == key })?.buffer { return b }
        fatalError("'\(typeName)' object has no attribute '\(key)'")
    }
}

/// Removes a hook when `remove()` is called, PyTorch's `RemovableHandle`.
public final class HookHandle {
    private var removal: (() -> Void)?
    init(_ removal: @escaping () -> Void) { self.removal = removal }

    /// Unregisters the hook.
    public func remove() {
        removal?()
        removal = nil
    }
}
