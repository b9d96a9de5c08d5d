/// The printed form of a size argument: `2` for one value, `(2, 1)` for several.
func pythonSize(_ s: IntOrTuple) -> String {
    s.values.count == 1 ? String(s.values[0]) : pythonTuple(s.values)
}

/// Max pooling over 1, 2 or 3 spatial dims, PyTorch's `nn.MaxPool1d/2d/3d`.
/// With `returnIndices`, `forwardWithIndices` also gives the argmax positions
/// (for `MaxUnpool`).
public class MaxPoolModule: Module {
    public let kernelSize: IntOrTuple
    public let stride: IntOrTuple
    public let padding: IntOrTuple
    public let dilation: IntOrTuple
    public let returnIndices: Bool
    public let ceilMode: Bool
    let dims: Int

    init(dims: Int, kernelSize: IntOrTuple, stride: IntOrTuple?, padding: IntOrTuple, dilation: IntOrTuple,
         returnIndices: Bool, ceilMode: Bool) {
        self.dims = dims
        self.kernelSize = kernelSize
        self.stride = stride ?? kernelSize
        self.padding = padding
        self.dilation = dilation
        self.returnIndices = returnIndices
        self.ceilMode = ceilMode
        super.init()
    }

    /// The pooled values and the flat index of each maximum in its input plane.
    public func forwardWithIndices(_ input: Tensor) -> (Tensor, Tensor) {
        switch dims {
        case 1: return Functional.maxPool1dWithIndices(input, kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation, ceilMode: ceilMode)
        case 2: return Functional.maxPool2dWithIndices(input, kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation, ceilMode: ceilMode)
        default: return Functional.maxPool3dWithIndices(input, kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation, ceilMode: ceilMode)
        }
    }

    public override func forward(_ input: Tensor) -> Tensor { forwardWithIndices(input).0 }

    public override func extraRepr() -> String {
        "kernel_size=\(pythonSize(kernelSize)), stride=\(pythonSize(stride)), padding=\(pythonSize(padding)), dilation=\(pythonSize(dilation)), ceil_mode=\(Module.pythonRepr(ceilMode))"
    }
}

/// PyTorch's `nn.MaxPool1d`.
public final class MaxPool1d: MaxPoolModule {
    public init(_ kernelSize: IntOrTuple, stride: IntOrTuple? = nil, padding: IntOrTuple = 0, dilation: IntOrTuple = 1,
                returnIndices: Bool = false, ceilMode: Bool = false) {
        super.init(dims: 1, kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation, returnIndices: returnIndices, ceilMode: ceilMode)
    }
}

/// PyTorch's `nn.MaxPool2d`: `MaxPool2d(2)` halves height and width.
public final class MaxPool2d: MaxPoolModule {
    public init(_ kernelSize: IntOrTuple, stride: IntOrTuple? = nil, padding: IntOrTuple = 0, dilation: IntOrTuple = 1,
                returnIndices: Bool = false, ceilMode: Bool = false) {
        super.init(dims: 2, kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation, returnIndices: returnIndices, ceilMode: ceilMode)
    }
}

/// PyTorch's `nn.MaxPool3d`.
public final class MaxPool3d: MaxPoolModule {
    public init(_ kernelSize: IntOrTuple, stride: IntOrTuple? = nil, padding: IntOrTuple = 0, dilation: IntOrTuple = 1,
                returnIndices: Bool = false, ceilMode: Bool = false) {
        super.init(dims: 3, kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation, returnIndices: returnIndices, ceilMode: ceilMode)
    }
}

/// Average pooling over 1, 2 or 3 spatial dims, PyTorch's `nn.AvgPool1d/2d/3d`.
public class AvgPoolModule: Module {
    public let kernelSize: IntOrTuple
    public let stride: IntOrTuple
    public let padding: IntOrTuple
    public let ceilMode: Bool
    public let countIncludePad: Bool
    public let divisorOverride: Int?
    let dims: Int

    init(dims: Int, kernelSize: IntOrTuple, stride: IntOrTuple?, padding: IntOrTuple, ceilMode: Bool,
         countIncludePad: Bool, divisorOverride: Int?) {
        self.dims = dims
        self.kernelSize = kernelSize
        self.stride = stride ?? kernelSize
        self.padding = padding
        self.ceilMode = ceilMode
        self.countIncludePad = countIncludePad
        self.divisorOverride = divisorOverride
        super.init()
    }

    public override func forward(_ input: Tensor) -> Tensor {
        switch dims {
        case 1: return Functional.avgPool1d(input, kernelSize: kernelSize, stride: stride, padding: padding, ceilMode: ceilMode, countIncludePad: countIncludePad)
        case 2: return Functional.avgPool2d(input, kernelSize: kernelSize, stride: stride, padding: padding, ceilMode: ceilMode, countIncludePad: countIncludePad, divisorOverride: divisorOverride)
        default: return Functional.avgPool3d(input, kernelSize: kernelSize, stride: stride, padding: padding, ceilMode: ceilMode, countIncludePad: countIncludePad, divisorOverride: divisorOverride)
        }
    }

    public override func extraRepr() -> String {
        "kernel_size=\(pythonSize(kernelSize)), stride=\(pythonSize(stride)), padding=\(pythonSize(padding))"
    }
}

/// PyTorch's `nn.AvgPool1d`.
public final class AvgPool1d: AvgPoolModule {
    public init(_ kernelSize: IntOrTuple, stride: IntOrTuple? = nil, padding: IntOrTuple = 0, ceilMode: Bool = false,
                countIncludePad: Bool = true) {
        super.init(dims: 1, kernelSize: kernelSize, stride: stride, padding: padding, ceilMode: ceilMode, countIncludePad: countIncludePad, divisorOverride: nil)
    }
}

/// PyTorch's `nn.AvgPool2d`.
public final class AvgPool2d: AvgPoolModule {
    public init(_ kernelSize: IntOrTuple, stride: IntOrTuple? = nil, padding: IntOrTuple = 0, ceilMode: Bool = false,
                countIncludePad: Bool = true, divisorOverride: Int? = nil) {
        super.init(dims: 2, kernelSize: kernelSize, stride: stride, padding: padding, ceilMode: ceilMode, countIncludePad: countIncludePad, divisorOverride: divisorOverride)
    }
}

/// PyTorch's `nn.AvgPool3d`.
public final class AvgPool3d: AvgPoolModule {
    public init(_ kernelSize: IntOrTuple, stride: IntOrTuple? = nil, padding: IntOrTuple = 0, ceilMode: Bool = false,
                countIncludePad: Bool = true, divisorOverride: Int? = nil) {
        super.init(dims: 3, kernelSize: kernelSize, stride: stride, padding: padding, ceilMode: ceilMode, countIncludePad: countIncludePad, divisorOverride: divisorOverride)
    }
}

/// Average pooling to a fixed output size, PyTorch's `nn.AdaptiveAvgPool1d/2d/3d`.
public class AdaptiveAvgPoolModule: Module {
    public let outputSize: IntOrTuple
    let dims: Int

    init(dims: Int, _ outputSize: IntOrTuple) {
        self.dims = dims
        self.outputSize = outputSize
        super.init()
    }

    public override func forward(_ input: Tensor) -> Tensor {
        switch dims {
        case 1: return Functional.adaptiveAvgPool1d(input, outputSize: outputSize)
        case 2: return Functional.adaptiveAvgPool2d(input, outputSize: outputSize)
        default: return Functional.adaptiveAvgPool3d(input, outputSize: outputSize)
        }
    }

    public override func extraRepr() -> String { "output_size=\(pythonSize(outputSize))" }
}

/// PyTorch's `nn.AdaptiveAvgPool1d`.
public final class AdaptiveAvgPool1d: AdaptiveAvgPoolModule {
    public init(_ outputSize: IntOrTuple) { super.init(dims: 1, outputSize) }
}

/// PyTorch's `nn.AdaptiveAvgPool2d`: `AdaptiveAvgPool2d([1, 1])` before a classifier head.
public final class AdaptiveAvgPool2d: AdaptiveAvgPoolModule {
    public init(_ outputSize: IntOrTuple) { super.init(dims: 2, outputSize) }
}

/// PyTorch's `nn.AdaptiveAvgPool3d`.
public final class AdaptiveAvgPool3d: AdaptiveAvgPoolModule {
    public init(_ outputSize: IntOrTuple) { super.init(dims: 3, outputSize) }
}

/// Max pooling to a fixed output size, PyTorch's `nn.AdaptiveMaxPool1d/2d/3d`.
public class AdaptiveMaxPoolModule: Module {
    public let outputSize: IntOrTuple
    public let returnIndices: Bool
    let dims: Int

    init(dims: Int, _ outputSize: IntOrTuple, returnIndices: Bool) {
        self.dims = dims
        self.outputSize = outputSize
        self.returnIndices = returnIndices
        super.init()
    }

    public override func forward(_ input: Tensor) -> Tensor {
        switch dims {
        case 1: return Functional.adaptiveMaxPool1d(input, outputSize: outputSize)
        case 2: return Functional.adaptiveMaxPool2d(input, outputSize: outputSize)
        default: return Functional.adaptiveMaxPool3d(input, outputSize: outputSize)
        }
    }

    public override func extraRepr() -> String { "output_size=\(pythonSize(outputSize))" }
}

/// PyTorch's `nn.AdaptiveMaxPool1d`.
public final class AdaptiveMaxPool1d: AdaptiveMaxPoolModule {
    public init(_ outputSize: IntOrTuple, returnIndices: Bool = false) { super.init(dims: 1, outputSize, returnIndices: returnIndices) }
}

/// PyTorch's `nn.AdaptiveMaxPool2d`.
public final class AdaptiveMaxPool2d: AdaptiveMaxPoolModule {
    public init(_ outputSize: IntOrTuple, returnIndices: Bool = false) { super.init(dims: 2, outputSize, returnIndices: returnIndices) }
}

/// PyTorch's `nn.AdaptiveMaxPool3d`.
public final class AdaptiveMaxPool3d: AdaptiveMaxPoolModule {
    public init(_ outputSize: IntOrTuple, returnIndices: Bool = false) { super.init(dims: 3, outputSize, returnIndices: returnIndices) }
}

/// The partial inverse of max pooling over 1, 2 or 3 spatial dims, PyTorch's
/// `nn.MaxUnpool1d/2d/3d`: `unpool(pooled, indices)` puts each value back at the
/// position its index names and zeros elsewhere.
///
/// ```swift
/// let pool = MaxPool2d(2, returnIndices: true), unpool = MaxUnpool2d(2)
/// let (y, indices) = pool.forwardWithIndices(x)
/// let restored = unpool(y, indices, outputSize: x.shape)
/// ```
public class MaxUnpoolModule: Module {
    public let kernelSize: IntOrTuple
    public let stride: IntOrTuple
    public let padding: IntOrTuple
    let dims: Int

    init(dims: Int, kernelSize: IntOrTuple, stride: IntOrTuple?, padding: IntOrTuple) {
        self.dims = dims
        self.kernelSize = kernelSize
        self.stride = stride ?? kernelSize
        self.padding = padding
        super.init()
    }

    /// The unpooled tensor; `outputSize` (spatial dims, optionally led by N and C)
    /// picks a size other than the default `(in - 1) * stride - 2 * padding + kernel`.
    public func callAsFunction(_ input: Tensor, _ indices: Tensor, outputSize: [Int]? = nil,
                               file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        forward(input, indices, outputSize: outputSize, file: file, line: line)
    }

    /// The unpooled tensor, as `callAsFunction`.
    public func forward(_ input: Tensor, _ indices: Tensor, outputSize: [Int]? = nil,
                        file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        switch dims {
        case 1: return Functional.maxUnpool1d(input, indices, kernelSize: kernelSize, stride: stride, padding: padding, outputSize: outputSize, file: file, line: line)
        case 2: return Functional.maxUnpool2d(input, indices, kernelSize: kernelSize, stride: stride, padding: padding, outputSize: outputSize, file: file, line: line)
        default: return Functional.maxUnpool3d(input, indices, kernelSize: kernelSize, stride: stride, padding: padding, outputSize: outputSize, file: file, line: line)
        }
    }

    /// Stops: unpooling needs the indices of the pooling.
    public override func forward(_ input: Tensor) -> Tensor {
        fatalError("\(typeName) takes the pooled values and their indices: call it as unpool(input, indices)")
    }

    // PyTorch stores these arguments expanded to one value per dim, and prints them so.
    public override func extraRepr() -> String {
        func tuple(_ s: IntOrTuple) -> String { pythonTuple(s.expanded(to: dims) ?? s.values) }
        return "kernel_size=\(tuple(kernelSize)), stride=\(tuple(stride)), padding=\(tuple(padding))"
    }
}

/// PyTorch's `nn.MaxUnpool1d`.
public final class MaxUnpool1d: MaxUnpoolModule {
    public init(_ kernelSize: IntOrTuple, stride: IntOrTuple? = nil, padding: IntOrTuple = 0) {
        super.init(dims: 1, kernelSize: kernelSize, stride: stride, padding: padding)
    }
}

/// PyTorch's `nn.MaxUnpool2d`.
public final class MaxUnpool2d: MaxUnpoolModule {
    public init(_ kernelSize: IntOrTuple, stride: IntOrTuple? = nil, padding: IntOrTuple = 0) {
        super.init(dims: 2, kernelSize: kernelSize, stride: stride, padding: padding)
    }
}

/// PyTorch's `nn.MaxUnpool3d`.
public final class MaxUnpool3d: MaxUnpoolModule {
    public init(_ kernelSize: IntOrTuple, stride: IntOrTuple? = nil, padding: IntOrTuple = 0) {
        super.init(dims: 3, kernelSize: kernelSize, stride: stride, padding: padding)
    }
}

/// Power-average pooling `(sum over window of x^p)^(1/p)` over 1 or 2 spatial dims,
/// PyTorch's `nn.LPPool1d/2d` (`normType` 1 is sum pooling; infinity is max pooling).
public class LPPoolModule: Module {
    public let normType: Double
    public let kernelSize: IntOrTuple
    public let stride: IntOrTuple?
    public let ceilMode: Bool
    let dims: Int

    init(dims: Int, normType: Double, kernelSize: IntOrTuple, stride: IntOrTuple?, ceilMode: Bool) {
        self.dims = dims
        self.normType = normType
        self.kernelSize = kernelSize
        self.stride = stride
        self.ceilMode = ceilMode
        super.init()
    }

    public override func forward(_ input: Tensor) -> Tensor {
        if dims == 1 {
            return Functional.lpPool1d(input, normType: normType, kernelSize: kernelSize.values[0], stride: stride?.values[0], ceilMode: ceilMode)
        }
        return Functional.lpPool2d(input, normType: normType, kernelSize: kernelSize, stride: stride, ceilMode: ceilMode)
    }

    // PyTorch prints the arguments as given; a whole norm prints as the int a user writes (`norm_type=2`).
    public override func extraRepr() -> String {
        let norm = normType.isFinite && normType == normType.rounded() && abs(normType) < 1e15 ? String(Int(normType)) : Module.pythonRepr(normType)
        return "norm_type=\(norm), kernel_size=\(pythonSize(kernelSize)), stride=\(stride.map(pythonSize) ?? "None"), ceil_mode=\(Module.pythonRepr(ceilMode))"
    }
}

/// PyTorch's `nn.LPPool1d`: `LPPool1d(2, 3)` is the L2 norm over windows of 3.
public final class LPPool1d: LPPoolModule {
    public init(_ normType: Double, _ kernelSize: Int, stride: Int? = nil, ceilMode: Bool = false) {
        super.init(dims: 1, normType: normType, kernelSize: IntOrTuple(kernelSize), stride: stride.map { IntOrTuple($0) }, ceilMode: ceilMode)
    }
}

/// PyTorch's `nn.LPPool2d`: `LPPool2d(2, [2, 3], stride: 1)`.
public final class LPPool2d: LPPoolModule {
    public init(_ normType: Double, _ kernelSize: IntOrTuple, stride: IntOrTuple? = nil, ceilMode: Bool = false) {
        super.init(dims: 2, normType: normType, kernelSize: kernelSize, stride: stride, ceilMode: ceilMode)
    }
}
