/// A fully connected layer `y = x Aᵀ + b`, PyTorch's `nn.Linear`.
///
/// `weight` is [outFeatures, inFeatures] and `bias` [outFeatures]; both start
/// as PyTorch's do (kaiming-uniform weight with a = √5, then a bias uniform in
/// ±1/√inFeatures), drawing from the global generator in that order.
///
/// ```swift
/// Torch.manualSeed(0)
/// let layer = Linear(3, 2)          // PyTorch's weights for the same seed
/// let y = layer(Torch.ones([4, 3])) // [4, 2]
/// ```
public class Linear: Module {
    /// The size of each input sample.
    public let inFeatures: Int
    /// The size of each output sample.
    public let outFeatures: Int
    /// The learnable weight, [outFeatures, inFeatures].
    public let weight: Parameter
    /// The learnable bias, [outFeatures], or nil when made with `bias: false`.
    public let bias: Parameter?

    /// A layer from `inFeatures` to `outFeatures`, with a bias unless `bias` is false.
    public init(_ inFeatures: Int, _ outFeatures: Int, bias: Bool = true, dtype: DType = .float32) {
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
        weight = Parameter(Torch.empty([outFeatures, inFeatures], dtype: dtype))
        self.bias = bias ? Parameter(Torch.empty([outFeatures], dtype: dtype)) : nil
        super.init()
        resetParameters()
    }

    /// Re-draws the weight and bias as at construction, PyTorch's `reset_parameters()`.
    public func resetParameters() {
        Init.kaimingUniform_(weight, a: 5.0.squareRoot())
        if let bias {
            let fanIn = Init.calculateFanInAndFanOut(weight).fanIn
            let bound = fanIn > 0 ? 1 / Double(fanIn).squareRoot() : 0
            Init.uniform_(bias, a: -bound, b: bound)
        }
    }

    public override func forward(_ input: Tensor) -> Tensor {
        Functional.linear(input, weight: weight, bias: bias)
    }

    public override func extraRepr() -> String {
        "in_features=\(inFeatures), out_features=\(outFeatures), bias=\(Module.pythonRepr(bias != nil))"
    }
}

