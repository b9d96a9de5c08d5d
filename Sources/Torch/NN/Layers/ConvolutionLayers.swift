/// What convolution modules share: PyTorch's `_ConvNd` (weights, default
/// initialisation, padding modes and the printed form).
public class ConvolutionModule: Module {
    public let inChannels: Int
    public let outChannels: Int
    public let kernelSize: [Int]
    public let stride: [Int]
    public let padding: ConvPadding
    public let dilation: [Int]
    public let outputPadding: [Int]
    public let groups: Int
    /// `zeros`, `reflect`, `replicate` or `circular`.
    public let paddingMode: String
    public let weight: Parameter
    public let bias: Parameter?
    let transposed: Bool

    init(spatialDims n: Int, inChannels: Int, outChannels: Int, kernelSize: IntOrTuple, stride: IntOrTuple,
         padding: ConvPadding, dilation: IntOrTuple, outputPadding: IntOrTuple, groups: Int, bias: Bool,
         paddingMode: String, transposed: Bool, dtype: DType, file: StaticString, line: UInt) {
        let name = transposed ? "ConvTranspose\(n)d" : "Conv\(n)d"
        torchCheck(groups > 0, "groups must be a positive integer", file: file, line: line)
        torchCheck(inChannels % groups == 0, "in_channels must be divisible by groups", file: file, line: line)
        torchCheck(outChannels % groups == 0, "out_channels must be divisible by groups", file: file, line: line)
        torchCheck(["zeros", "reflect", "replicate", "circular"].contains(paddingMode),
                   "padding_mode must be one of ['zeros', 'reflect', 'replicate', 'circular'], but got padding_mode='\(paddingMode)'", file: file, line: line)
        if case .invalid(let s) = padding {
            torchFail("Invalid padding string '\(s)', should be one of ['valid', 'same']", file: file, line: line)
        }
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.kernelSize = kernelSize.expanded(to: n, argument: "kernel_size", file: file, line: line)
        self.stride = stride.expanded(to: n, argument: "stride", file: file, line: line)
        self.padding = padding
        self.dilation = dilation.expanded(to: n, argument: "dilation", file: file, line: line)
        self.outputPadding = outputPadding.expanded(to: n, argument: "output_padding", file: file, line: line)
        self.groups = groups
        self.paddingMode = paddingMode
        self.transposed = transposed
        if padding == .same {
            torchCheck(self.stride.allSatisfy { $0 == 1 }, "padding='same' is not supported for strided convolutions", file: file, line: line)
        }
        let weightShape = transposed ? [inChannels, outChannels / groups] + self.kernelSize
                                     : [outChannels, inChannels / groups] + self.kernelSize
        weight = Parameter(Torch.empty(weightShape, dtype: dtype))
        self.bias = bias ? Parameter(Torch.empty([outChannels], dtype: dtype)) : nil
        _ = name
        super.init()
        resetParameters()
    }

    /// PyTorch's default initialisation: Kaiming-uniform weights with a = sqrt(5),
    /// then a bias uniform in ±1/sqrt(fan_in), drawn in that order.
    public func resetParameters() {
        Init.kaimingUniform_(weight, a: 5.0.squareRoot())
        if let bias {
            let fanIn = Init.calculateFanInAndFanOut(weight).fanIn
            if fanIn != 0 {
                let bound = 1 / Double(fanIn).squareRoot()
                Init.uniform_(bias, a: -bound, b: bound)
            }
        }
    }

    /// The input padded by `paddingMode` (other than zeros), with the conv's own padding then 0.
    func paddedInput(_ input: Tensor, file: StaticString, line: UInt) -> (Tensor, ConvPadding) {
        guard paddingMode != "zeros" else { return (input, padding) }
        // F.pad takes (last dim left, right, previous dim left, right, ...).
        let pads: [Int]
        switch padding {
        case .explicit(let sizes):
            let perDim = sizes.expanded(to: kernelSize.count, argument: "padding", file: file, line: line)
            pads = perDim.reversed().flatMap { [$0, $0] }
        case .same:
            // As PyTorch: each dim's total dilation * (kernel - 1), the odd unit on the right.
            pads = zip(kernelSize, dilation).reversed().flatMap { k, d -> [Int] in
                let total = d * (k - 1)
                return [total / 2, total - total / 2]
            }
        case .valid, .invalid:
            return (input, padding)
        }
        return (Functional.pad(input, pads, mode: paddingMode, file: file, line: line), 0)
    }

    public override func extraRepr() -> String {
        var s = "\(inChannels), \(outChannels), kernel_size=\(pythonTuple(kernelSize)), stride=\(pythonTuple(stride))"
        switch padding {
        case .same: s += ", padding=same"
        case .valid: s += ", padding=valid"
        case .explicit(let p):
            let values = p.expanded(to: kernelSize.count) ?? p.values
            if values.contains(where: { $0 != 0 }) { s += ", padding=\(pythonTuple(values))" }
        case .invalid: break
        }
        if dilation.contains(where: { $0 != 1 }) { s += ", dilation=\(pythonTuple(dilation))" }
        if outputPadding.contains(where: { $0 != 0 }) { s += ", output_padding=\(pythonTuple(outputPadding))" }
        if groups != 1 { s += ", groups=\(groups)" }
        if bias == nil { s += ", bias=False" }
        if paddingMode != "zeros" { s += ", padding_mode=\(paddingMode)" }
        return s
    }
}

/// 1-d convolution over [N, C, L] (or unbatched [C, L]), PyTorch's `nn.Conv1d`.
public final class Conv1d: ConvolutionModule {
    public init(_ inChannels: Int, _ outChannels: Int, kernelSize: IntOrTuple, stride: IntOrTuple = 1,
                padding: ConvPadding = 0, dilation: IntOrTuple = 1, groups: Int = 1, bias: Bool = true,
                paddingMode: String = "zeros", dtype: DType = .float32, file: StaticString = #fileID, line: UInt = #line) {
        super.init(spatialDims: 1, inChannels: inChannels, outChannels: outChannels, kernelSize: kernelSize, stride: stride,
                   padding: padding, dilation: dilation, outputPadding: 0, groups: groups, bias: bias,
                   paddingMode: paddingMode, transposed: false, dtype: dtype, file: file, line: line)
    }

    public override func forward(_ input: Tensor) -> Tensor {
        let (x, p) = paddedInput(input, file: #fileID, line: #line)
        return Functional.conv1d(x, weight, bias: bias, stride: IntOrTuple(stride), padding: p,
                                 dilation: IntOrTuple(dilation), groups: groups)
    }
}

/// 2-d convolution over [N, C, H, W] (or unbatched [C, H, W]), PyTorch's `nn.Conv2d`.
///
/// ```swift
/// let conv = Conv2d(16, 33, kernelSize: [3, 5], stride: [2, 1], padding: [4, 2], dilation: [3, 1])
/// ```
public final class Conv2d: ConvolutionModule {
    public init(_ inChannels: Int, _ outChannels: Int, kernelSize: IntOrTuple, stride: IntOrTuple = 1,
                padding: ConvPadding = 0, dilation: IntOrTuple = 1, groups: Int = 1, bias: Bool = true,
                paddingMode: String = "zeros", dtype: DType = .float32, file: StaticString = #fileID, line: UInt = #line) {
        super.init(spatialDims: 2, inChannels: inChannels, outChannels: outChannels, kernelSize: kernelSize, stride: stride,
                   padding: padding, dilation: dilation, outputPadding: 0, groups: groups, bias: bias,
                   paddingMode: paddingMode, transposed: false, dtype: dtype, file: file, line: line)
    }

    public override func forward(_ input: Tensor) -> Tensor {
        let (x, p) = paddedInput(input, file: #fileID, line: #line)
        return Functional.conv2d(x, weight, bias: bias, stride: IntOrTuple(stride), padding: p,
                                 dilation: IntOrTuple(dilation), groups: groups)
    }
}

/// 3-d convolution over [N, C, D, H, W], PyTorch's `nn.Conv3d`.
public final class Conv3d: ConvolutionModule {
    public init(_ inChannels: Int, _ outChannels: Int, kernelSize: IntOrTuple, stride: IntOrTuple = 1,
                padding: ConvPadding = 0, dilation: IntOrTuple = 1, groups: Int = 1, bias: Bool = true,
                paddingMode: String = "zeros", dtype: DType = .float32, file: StaticString = #fileID, line: UInt = #line) {
        super.init(spatialDims: 3, inChannels: inChannels, outChannels: outChannels, kernelSize: kernelSize, stride: stride,
                   padding: padding, dilation: dilation, outputPadding: 0, groups: groups, bias: bias,
                   paddingMode: paddingMode, transposed: false, dtype: dtype, file: file, line: line)
    }

    public override func forward(_ input: Tensor) -> Tensor {
        let (x, p) = paddedInput(input, file: #fileID, line: #line)
        return Functional.conv3d(x, weight, bias: bias, stride: IntOrTuple(stride), padding: p,
                                 dilation: IntOrTuple(dilation), groups: groups)
    }
}

/// Transposed 1-d convolution, PyTorch's `nn.ConvTranspose1d`.
public final class ConvTranspose1d: ConvolutionModule {
    public init(_ inChannels: Int, _ outChannels: Int, kernelSize: IntOrTuple, stride: IntOrTuple = 1,
                padding: IntOrTuple = 0, outputPadding: IntOrTuple = 0, groups: Int = 1, bias: Bool = true,
                dilation: IntOrTuple = 1, dtype: DType = .float32, file: StaticString = #fileID, line: UInt = #line) {
        super.init(spatialDims: 1, inChannels: inChannels, outChannels: outChannels, kernelSize: kernelSize, stride: stride,
                   padding: .explicit(padding), dilation: dilation, outputPadding: outputPadding, groups: groups, bias: bias,
                   paddingMode: "zeros", transposed: true, dtype: dtype, file: file, line: line)
    }

    public override func forward(_ input: Tensor) -> Tensor {
        guard case .explicit(let p) = padding else { preconditionFailure("transposed convolutions take explicit padding") }
        return Functional.convTranspose1d(input, weight, bias: bias, stride: IntOrTuple(stride), padding: p,
                                          outputPadding: IntOrTuple(outputPadding), groups: groups, dilation: IntOrTuple(dilation))
    }
}

/// Transposed 2-d convolution, PyTorch's `nn.ConvTranspose2d` (the DCGAN generator's layer).
public final class ConvTranspose2d: ConvolutionModule {
    public init(_ inChannels: Int, _ outChannels: Int, kernelSize: IntOrTuple, stride: IntOrTuple = 1,
                padding: IntOrTuple = 0, outputPadding: IntOrTuple = 0, groups: Int = 1, bias: Bool = true,
                dilation: IntOrTuple = 1, dtype: DType = .float32, file: StaticString = #fileID, line: UInt = #line) {
        super.init(spatialDims: 2, inChannels: inChannels, outChannels: outChannels, kernelSize: kernelSize, stride: stride,
                   padding: .explicit(padding), dilation: dilation, outputPadding: outputPadding, groups: groups, bias: bias,
                   paddingMode: "zeros", transposed: true, dtype: dtype, file: file, line: line)
    }

    public override func forward(_ input: Tensor) -> Tensor {
        guard case .explicit(let p) = padding else { preconditionFailure("transposed convolutions take explicit padding") }
        return Functional.convTranspose2d(input, weight, bias: bias, stride: IntOrTuple(stride), padding: p,
                                          outputPadding: IntOrTuple(outputPadding), groups: groups, dilation: IntOrTuple(dilation))
    }
}

/// Transposed 3-d convolution, PyTorch's `nn.ConvTranspose3d`.
public final class ConvTranspose3d: ConvolutionModule {
    public init(_ inChannels: Int, _ outChannels: Int, kernelSize: IntOrTuple, stride: IntOrTuple = 1,
                padding: IntOrTuple = 0, outputPadding: IntOrTuple = 0, groups: Int = 1, bias: Bool = true,
                dilation: IntOrTuple = 1, dtype: DType = .float32, file: StaticString = #fileID, line: UInt = #line) {
        super.init(spatialDims: 3, inChannels: inChannels, outChannels: outChannels, kernelSize: kernelSize, stride: stride,
                   padding: .explicit(padding), dilation: dilation, outputPadding: outputPadding, groups: groups, bias: bias,
                   paddingMode: "zeros", transposed: true, dtype: dtype, file: file, line: line)
    }

    public override func forward(_ input: Tensor) -> Tensor {
        guard case .explicit(let p) = padding else { preconditionFailure("transposed convolutions take explicit padding") }
        return Functional.convTranspose3d(input, weight, bias: bias, stride: IntOrTuple(stride), padding: p,
                                          outputPadding: IntOrTuple(outputPadding), groups: groups, dilation: IntOrTuple(dilation))
    }
}
