/// A bilinear layer `y = x1ᵀ A x2 + b`, PyTorch's `nn.Bilinear`.
///
/// `weight` is [outFeatures, in1Features, in2Features] and `bias`
/// [outFeatures], both uniform in ±1/√in1Features (weight first, as PyTorch).
/// Call it with two inputs: `layer(x1, x2)`.
public final class Bilinear: Module {
    /// The size of each first input sample.
    public let in1Features: Int
    /// The size of each second input sample.
    public let in2Features: Int
    /// The size of each output sample.
    public let outFeatures: Int
    /// The learnable weight, [outFeatures, in1Features, in2Features].
    public let weight: Parameter
    /// The learnable bias, [outFeatures], or nil.
    public let bias: Parameter?

    /// A layer taking inputs of `in1Features` and `in2Features` to `outFeatures`.
    public init(_ in1Features: Int, _ in2Features: Int, _ outFeatures: Int, bias: Bool = true, dtype: DType = .float32) {
        self.in1Features = in1Features
        self.in2Features = in2Features
        self.outFeatures = outFeatures
        weight = Parameter(Torch.empty([outFeatures, in1Features, in2Features], dtype: dtype))
        self.bias = bias ? Parameter(Torch.empty([outFeatures], dtype: dtype)) : nil
        super.init()
        resetParameters()
    }

    /// Re-draws the weight and bias as at construction, PyTorch's `reset_parameters()`.
    public func resetParameters() {
        let bound = 1 / Double(weight.shape[1]).squareRoot()
        Init.uniform_(weight, a: -bound, b: bound)
        if let bias { Init.uniform_(bias, a: -bound, b: bound) }
    }

    /// The layer applied to a pair of inputs, PyTorch's `module(x1, x2)`.
    public func callAsFunction(_ input1: Tensor, _ input2: Tensor,
                               file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        forward(input1, input2, file: file, line: line)
    }

    /// `y[..., o] = Σᵢⱼ x1[..., i] A[o, i, j] x2[..., j] + b[o]`.
    public func forward(_ input1: Tensor, _ input2: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(input1.ndim == input2.ndim, "bilinear(): input dimensions do not match: got \(input1.ndim) and \(input2.ndim)", file: file, line: line)
        for d in 0..<(input1.ndim - 1) where input1.shape[d] != input2.shape[d] {
            torchFail("bilinear(): input batch dimensions do not match at dim \(d): got \(input1.shape[d]) and \(input2.shape[d])", file: file, line: line)
        }
        torchCheck(input1.shape.last == in1Features,
                   "bilinear(): input1 size does not match weight size: got \(input1.shape.last ?? 0) but expected \(in1Features)", file: file, line: line)
        torchCheck(input2.shape.last == in2Features,
                   "bilinear(): input2 size does not match weight size: got \(input2.shape.last ?? 0) but expected \(in2Features)", file: file, line: line)
        let batch = Array(input1.shape.dropLast())
        let x1 = input1.reshape([-1, in1Features]), x2 = input2.reshape([-1, in2Features])
        // (B, i) @ (i, o*j) -> (B, o, j), then contract j with x2.
        let left = x1.mm(weight.permute([1, 0, 2]).reshape([in1Features, outFeatures * in2Features]))
            .reshape([-1, outFeatures, in2Features])
        var out = left.matmul(x2.unsqueeze(2)).squeeze(2)
        if let bias { out = out + bias }
        return input1.ndim == 2 ? out : out.reshape(batch + [outFeatures])
    }

    /// Stops: Bilinear needs two inputs.
    public override func forward(_ input: Tensor) -> Tensor {
        fatalError("Bilinear takes two inputs: call it as layer(input1, input2)")
    }

    public override func extraRepr() -> String {
        "in1_features=\(in1Features), in2_features=\(in2Features), out_features=\(outFeatures), bias=\(Module.pythonRepr(bias != nil))"
    }
}
