/// A `Linear` whose input size is taken from its first input, PyTorch's `nn.LazyLinear`.
///
/// Until the first forward the weight and bias are empty placeholders (so
/// build an optimizer after a first dry run, as in PyTorch); the first forward
/// sizes them and draws them exactly as `Linear(inFeatures, outFeatures)`
/// would at that moment. From then on the module prints as `Linear`, as
/// PyTorch's module turns into one.
public final class LazyLinear: Module {
    /// The size of each input sample: 0 until the first forward.
    public private(set) var inFeatures = 0
    /// The size of each output sample.
    public let outFeatures: Int
    /// The learnable weight, [outFeatures, inFeatures] once initialised.
    public private(set) var weight: Parameter
    /// The learnable bias, [outFeatures] once initialised, or nil.
    public private(set) var bias: Parameter?
    private let dtype: DType

    /// A layer to `outFeatures` whose input size the first forward decides.
    public init(_ outFeatures: Int, bias: Bool = true, dtype: DType = .float32) {
        self.outFeatures = outFeatures
        self.dtype = dtype
        weight = Parameter(Torch.empty([0], dtype: dtype))
        self.bias = bias ? Parameter(Torch.empty([0], dtype: dtype)) : nil
        super.init()
    }

    /// Whether the first forward has sized the parameters.
    public var isInitialized: Bool { inFeatures > 0 }

    public override var typeName: String { isInitialized ? "Linear" : "LazyLinear" }

    public override func forward(_ input: Tensor) -> Tensor {
        if !isInitialized {
            inFeatures = input.shape.last ?? 1
            let twin = Linear(inFeatures, outFeatures, bias: bias != nil, dtype: dtype)
            weight = twin.weight
            bias = twin.bias
        }
        return Functional.linear(input, weight: weight, bias: bias)
    }

    public override func extraRepr() -> String {
        "in_features=\(inFeatures), out_features=\(outFeatures), bias=\(Module.pythonRepr(bias != nil))"
    }
}
