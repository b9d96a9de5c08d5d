// Module forms of functions that already exist in the functional API:
// Softmax2d, LocalResponseNorm, CosineSimilarity, PairwiseDistance,
// PixelUnshuffle, Unfold and Fold.

/// Softmax over the channels at every spatial position of `[N, C, H, W]` or
/// `[C, H, W]`, PyTorch's `nn.Softmax2d`.
public final class Softmax2d: Module {
    public override init() { super.init() }

    public override func forward(_ input: Tensor) -> Tensor { forward(input, file: #fileID, line: #line) }

    /// The softmax over dim -3, stopping unless the input is 3-d or 4-d.
    public func forward(_ input: Tensor, file: StaticString, line: UInt) -> Tensor {
        torchCheck(input.ndim == 3 || input.ndim == 4, "Softmax2d: expected input to be 3D or 4D, got \(input.ndim)D instead",
                   file: file, line: line)
        return Functional.softmax(input, dim: -3, file: file, line: line)
    }
}

/// Normalisation by the squares of neighbouring channels, PyTorch's `nn.LocalResponseNorm`.
public final class LocalResponseNorm: Module {
    public let size: Int
    public let alpha: Double
    public let beta: Double
    public let k: Double

    /// A window of `size` channels: `x / (k + alpha / size * sum(x²))^beta`.
    public init(_ size: Int, alpha: Double = 1e-4, beta: Double = 0.75, k: Double = 1) {
        self.size = size
        self.alpha = alpha
        self.beta = beta
        self.k = k
        super.init()
    }

    public override func forward(_ input: Tensor) -> Tensor {
        Functional.localResponseNorm(input, size: size, alpha: alpha, beta: beta, k: k)
    }

    public override func extraRepr() -> String {
        "\(size), alpha=\(Module.pythonRepr(alpha)), beta=\(Module.pythonRepr(beta)), k=\(Module.pythonRepr(k))"
    }
}

/// The cosine of the angle between two inputs along `dim`, PyTorch's `nn.CosineSimilarity`:
/// `similarity(x1, x2)`.
public final class CosineSimilarity: Module {
    public let dim: Int
    public let eps: Double

    public init(dim: Int = 1, eps: Double = 1e-8) {
        self.dim = dim
        self.eps = eps
        super.init()
    }

    /// The similarity of a pair of inputs.
    public func callAsFunction(_ x1: Tensor, _ x2: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        Functional.cosineSimilarity(x1, x2, dim: dim, eps: eps, file: file, line: line)
    }

    /// Stops: the similarity needs two inputs.
    public override func forward(_ input: Tensor) -> Tensor {
        fatalError("CosineSimilarity takes two inputs: call it as similarity(x1, x2)")
    }
}

/// The p-norm distance between rows of two inputs, PyTorch's `nn.PairwiseDistance`:
/// `distance(x1, x2)`.
public final class PairwiseDistance: Module {
    public let p: Double
    public let eps: Double
    public let keepdim: Bool

    public init(p: Double = 2, eps: Double = 1e-6, keepdim: Bool = false) {
        self.p = p
        self.eps = eps
        self.keepdim = keepdim
        super.init()
    }

    /// The distance of a pair of inputs.
    public func callAsFunction(_ x1: Tensor, _ x2: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        Functional.pairwiseDistance(x1, x2, p: p, eps: eps, keepdim: keepdim, file: file, line: line)
    }

    /// Stops: the distance needs two inputs.
    public override func forward(_ input: Tensor) -> Tensor {
        fatalError("PairwiseDistance takes two inputs: call it as distance(x1, x2)")
    }
}

/// The inverse of `PixelShuffle`: `[N, C, H·r, W·r]` to `[N, C·r², H, W]`, PyTorch's `nn.PixelUnshuffle`.
public final class PixelUnshuffle: Module {
    public let downscaleFactor: Int

    public init(_ downscaleFactor: Int) {
        self.downscaleFactor = downscaleFactor
        super.init()
    }

    public override func forward(_ input: Tensor) -> Tensor { Functional.pixelUnshuffle(input, downscaleFactor: downscaleFactor) }

    public override func extraRepr() -> String { "downscale_factor=\(downscaleFactor)" }
}

/// Sliding local blocks of `[N, C, H, W]` as columns `[N, C·kh·kw, L]`, PyTorch's `nn.Unfold`.
public final class Unfold: Module {
    public let kernelSize: IntOrTuple
    public let dilation: IntOrTuple
    public let padding: IntOrTuple
    public let stride: IntOrTuple

    public init(_ kernelSize: IntOrTuple, dilation: IntOrTuple = 1, padding: IntOrTuple = 0, stride: IntOrTuple = 1) {
        self.kernelSize = kernelSize
        self.dilation = dilation
        self.padding = padding
        self.stride = stride
        super.init()
    }

    public override func forward(_ input: Tensor) -> Tensor {
        Functional.unfold(input, kernelSize: kernelSize, dilation: dilation, padding: padding, stride: stride)
    }

    public override func extraRepr() -> String {
        "kernel_size=\(pythonSize(kernelSize)), dilation=\(pythonSize(dilation)), padding=\(pythonSize(padding)), stride=\(pythonSize(stride))"
    }
}

/// Columns of sliding blocks summed back into `[N, C, outputSize]`, the adjoint of
/// `Unfold`, PyTorch's `nn.Fold`.
public final class Fold: Module {
    public let outputSize: IntOrTuple
    public let kernelSize: IntOrTuple
    public let dilation: IntOrTuple
    public let padding: IntOrTuple
    public let stride: IntOrTuple

    public init(_ outputSize: IntOrTuple, _ kernelSize: IntOrTuple, dilation: IntOrTuple = 1, padding: IntOrTuple = 0,
                stride: IntOrTuple = 1) {
        self.outputSize = outputSize
        self.kernelSize = kernelSize
        self.dilation = dilation
        self.padding = padding
        self.stride = stride
        super.init()
    }

    public override func forward(_ input: Tensor) -> Tensor {
        Functional.fold(input, outputSize: outputSize, kernelSize: kernelSize, dilation: dilation, padding: padding, stride: stride)
    }

    public override func extraRepr() -> String {
        "output_size=\(pythonSize(outputSize)), kernel_size=\(pythonSize(kernelSize)), dilation=\(pythonSize(dilation)), padding=\(pythonSize(padding)), stride=\(pythonSize(stride))"
    }
}
