/// `max(0, x)` elementwise, PyTorch's `nn.ReLU`; with `inplace` it overwrites its input.
public final class ReLU: Module {
    /// Whether the input is overwritten.
    public let inplace: Bool

    /// A ReLU that overwrites its input when `inplace` is true.
    public init(inplace: Bool = false) {
        self.inplace = inplace
        super.init()
    }

    public override func forward(_ input: Tensor) -> Tensor { inplace ? input.relu_() : input.relu() }
    public override func extraRepr() -> String { inplace ? "inplace=True" : "" }
}

/// `1 / (1 + exp(-x))` elementwise, PyTorch's `nn.Sigmoid`.
public final class Sigmoid: Module {
    /// The sigmoid module.
    public override init() { super.init() }
    public override func forward(_ input: Tensor) -> Tensor { input.sigmoid() }
}

/// `tanh(x)` elementwise, PyTorch's `nn.Tanh`.
public final class Tanh: Module {
    /// The tanh module.
    public override init() { super.init() }
    public override func forward(_ input: Tensor) -> Tensor { input.tanh() }
}

/// `exp(x) / Σ exp(x)` along `dim`, PyTorch's `nn.Softmax`.
///
/// Without a dim it picks PyTorch's legacy implicit one: 0 for 0-, 1- and
/// 3-d inputs, otherwise 1.
public final class Softmax: Module {
    /// The dim the values sum to one along, or nil for the implicit choice.
    public let dim: Int?

    /// Normalises along `dim` (PyTorch's implicit choice when nil).
    public init(dim: Int? = nil) {
        self.dim = dim
        super.init()
    }

    public override func forward(_ input: Tensor) -> Tensor {
        Functional.softmax(input, dim: dim ?? implicitSoftmaxDim(input.ndim))
    }

    public override func extraRepr() -> String { "dim=\(dim.map(String.init) ?? "None")" }
}

/// `x - log Σ exp(x)` along `dim`, PyTorch's `nn.LogSoftmax`.
public final class LogSoftmax: Module {
    /// The dim normalised along, or nil for the implicit choice (see `Softmax`).
    public let dim: Int?

    /// Normalises along `dim` (PyTorch's implicit choice when nil).
    public init(dim: Int? = nil) {
        self.dim = dim
        super.init()
    }

    public override func forward(_ input: Tensor) -> Tensor {
        Functional.logSoftmax(input, dim: dim ?? implicitSoftmaxDim(input.ndim))
    }

    public override func extraRepr() -> String { "dim=\(dim.map(String.init) ?? "None")" }
}

/// PyTorch's `_get_softmax_dim` for a module built without a dim.
private func implicitSoftmaxDim(_ ndim: Int) -> Int { [0, 1, 3].contains(ndim) ? 0 : 1 }

/// Zeroes elements with probability `p` and scales the rest by 1 / (1 - p)
/// in training mode; the identity in eval mode. PyTorch's `nn.Dropout`, with
/// PyTorch's masks for the same seed.
public final class Dropout: Module {
    /// The probability of zeroing an element.
    public let p: Double
    /// Whether the input is overwritten (when it does not need a gradient).
    public let inplace: Bool

    /// Dropout with probability `p`; stops unless 0 ≤ p ≤ 1.
    public init(p: Double = 0.5, inplace: Bool = false, file: StaticString = #fileID, line: UInt = #line) {
        torchCheck(p >= 0 && p <= 1, "dropout probability has to be between 0 and 1, but got \(Module.pythonRepr(p))", file: file, line: line)
        self.p = p
        self.inplace = inplace
        super.init()
    }

    /// `Dropout(0.2)`, as PyTorch's positional `nn.Dropout(0.2)`.
    public convenience init(_ p: Double, inplace: Bool = false, file: StaticString = #fileID, line: UInt = #line) {
        self.init(p: p, inplace: inplace, file: file, line: line)
    }

    public override func forward(_ input: Tensor) -> Tensor {
        let out = input.dropout(p: p, training: training)
        // Overwriting an input that autograd needs would break its backward,
        // so in-place only applies to tensors outside the graph.
        if inplace, out !== input, !(isGradEnabled() && input.requiresGrad) {
            return input.copy_(out)
        }
        return out
    }

    public override func extraRepr() -> String { "p=\(Module.pythonRepr(p)), inplace=\(Module.pythonRepr(inplace))" }
}
