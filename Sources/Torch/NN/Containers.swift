/// Modules applied one after another, PyTorch's `nn.Sequential`.
///
/// The seeds' three forms:
/// ```swift
/// let net = Sequential(Linear(2, 1))                        // positional: keys 0, 1, ...
/// let net2 = Sequential(); net2.addModule("linear", Linear(2, 1))
/// let net3 = Sequential(["linear": Linear(2, 1)])           // named, in order
/// ```
public final class Sequential: Module {
    /// Modules under the keys "0", "1", ...
    public init(_ modules: [Module]) {
        super.init()
        for (i, m) in modules.enumerated() { addModule(String(i), m) }
    }

    /// Modules under the keys "0", "1", ...
    public convenience init(_ modules: Module...) { self.init(modules) }

    /// Modules under the given keys, in order (PyTorch's `Sequential(OrderedDict(...))`).
    public init(_ named: KeyValuePairs<String, Module>) {
        super.init()
        for (name, m) in named { addModule(name, m) }
    }

    /// The modules in order.
    public var layers: [Module] { registeredModules.values.compactMap { $0 } }

    /// The number of modules, PyTorch's `len(net)`.
    public var count: Int { layers.count }

    /// The module at a position (negative counts from the end), PyTorch's `net[0]`.
    public subscript(index: Int) -> Module {
        let all = layers
        let i = index < 0 ? index + all.count : index
        precondition(i >= 0 && i < all.count, "index \(index) is out of range")
        return all[i]
    }

    /// The modules in a range, as a new `Sequential` sharing them, PyTorch's `net[1:3]`.
    public subscript(range: Range<Int>) -> Sequential {
        let entries = Array(registeredModules.elements[range])
        let s = Sequential([])
        for (name, m) in entries { s.addModule(name, m) }
        return s
    }

    /// Adds a module at the end under the next index, PyTorch's `append`.
    @discardableResult
    public func append(_ module: Module) -> Sequential {
        addModule(String(registeredModules.count), module)
        return self
    }

    /// Feeds the input through every module in order.
    public override func forward(_ input: Tensor) -> Tensor {
        var x = input
        for m in layers { x = m(x) }
        return x
    }
}

/// A list of submodules registered under "0", "1", ..., PyTorch's `nn.ModuleList`.
public final class ModuleList: Module, RandomAccessCollection {
    public init(_ modules: [Module] = []) {
        super.init()
        for m in modules { append(m) }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { registeredModules.count }

    /// The module at a position, PyTorch's `modules[i]`.
    public subscript(position: Int) -> Module { registeredModules.values[position]! }

    /// Adds a module at the end.
    public func append(_ module: Module) { addModule(String(registeredModules.count), module) }

    /// Adds several modules at the end, PyTorch's `extend`.
    public func extend(_ modules: [Module]) { for m in modules { append(m) } }
}

/// Submodules by string key, in insertion order, PyTorch's `nn.ModuleDict`.
public final class ModuleDict: Module {
    public init(_ modules: KeyValuePairs<String, Module> = [:]) {
        super.init()
        for (k, m) in modules { addModule(k, m) }
    }

    /// The module under a key (nil if absent); assigning adds or replaces it.
    public subscript(key: String) -> Module? {
        get { registeredModules[key] ?? nil }
        set { addModule(key, newValue) }
    }

    /// The keys in order.
    public var keys: [String] { Array(registeredModules.keys) }

    /// The modules in order.
    public var values: [Module] { registeredModules.values.compactMap { $0 } }

    /// The number of modules.
    public var count: Int { registeredModules.count }
}

/// Returns its input unchanged, PyTorch's `nn.Identity`.
public final class Identity: Module {
    public override init() { super.init() }
    public override func forward(_ input: Tensor) -> Tensor { input }
}

/// Flattens a range of dims, PyTorch's `nn.Flatten` (by default every dim but the batch dim).
public final class Flatten: Module {
    public let startDim: Int
    public let endDim: Int

    public init(startDim: Int = 1, endDim: Int = -1) {
        self.startDim = startDim
        self.endDim = endDim
        super.init()
    }

    public override func forward(_ input: Tensor) -> Tensor { input.flatten(startDim: startDim, endDim: endDim) }
    public override func extraRepr() -> String { "start_dim=\(startDim), end_dim=\(endDim)" }
}

/// Splits one dim into several, PyTorch's `nn.Unflatten`.
public final class Unflatten: Module {
    public let dim: Int
    public let unflattenedSize: [Int]

    public init(_ dim: Int, _ unflattenedSize: [Int]) {
        self.dim = dim
        self.unflattenedSize = unflattenedSize
        super.init()
    }

    public override func forward(_ input: Tensor) -> Tensor { input.unflatten(dim, unflattenedSize) }
    public override func extraRepr() -> String {
        "dim=\(dim), unflattened_size=(" + unflattenedSize.map(String.init).joined(separator: ", ") + (unflattenedSize.count == 1 ? ",)" : ")")
    }
}
