/// The feed-forward activation of a transformer layer: PyTorch's `"relu"` /
/// `"gelu"` strings, any function, or an activation module (which, as in
/// PyTorch, becomes the layer's `activation` child and shows in `print(layer)`).
///
/// ```swift
/// TransformerEncoderLayer(32, 4, activation: "gelu")
/// TransformerEncoderLayer(32, 4, activation: .function { Functional.silu($0) })
/// TransformerDecoderLayer(32, 4, activation: .module(GELU(approximate: "tanh")))
/// ```
public enum TransformerActivation: ExpressibleByStringLiteral {
    /// `F.relu`, the default.
    case relu
    /// `F.gelu` (exact).
    case gelu
    /// Any elementwise function.
    case function((Tensor) -> Tensor)
    /// An activation module, registered as the layer's `activation` child.
    /// The copies a `TransformerEncoder`/`TransformerDecoder` makes share it
    /// (PyTorch deep-copies it too), which only matters for one with parameters.
    case module(Module)

    /// `"relu"` or `"gelu"`; any other name stops with PyTorch's message.
    public init(_ name: String, file: StaticString = #fileID, line: UInt = #line) {
        switch name {
        case "relu": self = .relu
        case "gelu": self = .gelu
        default: torchFail("activation should be relu/gelu, not \(name)", file: file, line: line)
        }
    }

    /// `activation: "gelu"`, as PyTorch's string argument.
    public init(stringLiteral name: String) { self.init(name) }

    /// Applies the activation.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        switch self {
        case .relu: return Functional.relu(x)
        case .gelu: return Functional.gelu(x)
        case .function(let f): return f(x)
        case .module(let m): return m(x)
        }
    }

    /// The module to register as the layer's `activation` child, if any.
    var module: Module? { if case .module(let m) = self { return m } else { return nil } }
}

extension Module {
    /// Builds a module without drawing from the global generator and gives it
    /// this module's parameter values, `requiresGrad` flags and training modes:
    /// PyTorch's `copy.deepcopy(module)` for the transformer stacks, which must
    /// not move the random stream (a seeded `Transformer` draws exactly as PyTorch's).
    /// The global generator's state is saved and restored around `make`, so
    /// draws from other threads during a copy are undone.
    func deepCopy<M: Module>(_ make: () -> M) -> M {
        let generator = Generator.defaultGenerator
        let saved = generator.getState()
        let copy = make()
        generator.setState(saved)
        noGrad {
            for ((_, mine), (_, theirs)) in zip(namedParameters(), copy.namedParameters()) {
                theirs.copy_(mine)
                theirs.requiresGrad_(mine.requiresGrad)
            }
            for ((_, mine), (_, theirs)) in zip(namedBuffers(), copy.namedBuffers()) { theirs.copy_(mine) }
        }
        // `train` recurses; parents come first, so each child ends with its own mode.
        for (mine, theirs) in zip(modules(), copy.modules()) { theirs.train(mine.training) }
        return copy
    }
}

/// One encoder block (self-attention then a feed-forward network, each with a
/// residual connection and layer norm), PyTorch's `nn.TransformerEncoderLayer`.
///
/// ```swift
/// let layer = TransformerEncoderLayer(32, 4, dimFeedforward: 64, batchFirst: true)
/// let y = layer(Torch.randn([2, 10, 32]))   // [2, 10, 32]
/// ```
public final class TransformerEncoderLayer: Module {
    /// The self-attention block.
    public let selfAttn: MultiheadAttention
    /// The feed-forward network's first layer, dModel -> dimFeedforward.
    public let linear1: Linear
    /// The dropout inside the feed-forward network.
    public let dropout: Dropout
    /// The feed-forward network's second layer, dimFeedforward -> dModel.
    public let linear2: Linear
    /// The norm of the attention block.
    public let norm1: LayerNorm
    /// The norm of the feed-forward block.
    public let norm2: LayerNorm
    /// The dropout on the attention block's output.
    public let dropout1: Dropout
    /// The dropout on the feed-forward block's output.
    public let dropout2: Dropout
    /// Whether the norms come before each block (pre-norm) rather than after.
    public let normFirst: Bool
    /// The feed-forward activation.
    public let activation: TransformerActivation

    /// A layer of width `dModel` with `nhead` heads.
    public init(_ dModel: Int, _ nhead: Int, dimFeedforward: Int = 2048, dropout: Double = 0.1,
                activation: TransformerActivation = .relu, layerNormEps: Double = 1e-5, batchFirst: Bool = false,
                normFirst: Bool = false, bias: Bool = true, dtype: DType = .float32,
                file: StaticString = #fileID, line: UInt = #line) {
        selfAttn = MultiheadAttention(dModel, nhead, dropout: dropout, bias: bias, batchFirst: batchFirst, dtype: dtype,
                                      file: file, line: line)
        linear1 = Linear(dModel, dimFeedforward, bias: bias, dtype: dtype)
        self.dropout = Dropout(dropout, file: file, line: line)
        linear2 = Linear(dimFeedforward, dModel, bias: bias, dtype: dtype)
        norm1 = LayerNorm([dModel], eps: layerNormEps, bias: bias, dtype: dtype)
        norm2 = LayerNorm([dModel], eps: layerNormEps, bias: bias, dtype: dtype)
        dropout1 = Dropout(dropout, file: file, line: line)
        dropout2 = Dropout(dropout, file: file, line: line)
        self.normFirst = normFirst
        self.activation = activation
        super.init()
        if let m = activation.module { addModule("activation", m) }
    }

    /// A layer with the activation given by name (`"relu"` or `"gelu"`).
    public convenience init(_ dModel: Int, _ nhead: Int, dimFeedforward: Int = 2048, dropout: Double = 0.1,
                            activation: String, layerNormEps: Double = 1e-5, batchFirst: Bool = false,
                            normFirst: Bool = false, bias: Bool = true, dtype: DType = .float32,
                            file: StaticString = #fileID, line: UInt = #line) {
        self.init(dModel, nhead, dimFeedforward: dimFeedforward, dropout: dropout,
                  activation: TransformerActivation(activation, file: file, line: line), layerNormEps: layerNormEps,
                  batchFirst: batchFirst, normFirst: normFirst, bias: bias, dtype: dtype, file: file, line: line)
    }

    /// A copy with this layer's configuration and state (PyTorch's deep copy);
    /// draws nothing from the global generator.
    func clone() -> TransformerEncoderLayer {
        deepCopy {
            TransformerEncoderLayer(selfAttn.embedDim, selfAttn.numHeads, dimFeedforward: linear1.outFeatures,
                                    dropout: dropout.p, activation: activation, layerNormEps: norm1.eps,
                                    batchFirst: selfAttn.batchFirst, normFirst: normFirst, bias: linear1.bias != nil,
                                    dtype: linear1.weight.dtype)
        }
    }

    private func selfAttentionBlock(_ x: Tensor, _ mask: Tensor?, _ keyPaddingMask: Tensor?, _ isCausal: Bool,
                                    file: StaticString, line: UInt) -> Tensor {
        dropout1(selfAttn(x, x, x, keyPaddingMask: keyPaddingMask, needWeights: false, attnMask: mask,
                          isCausal: isCausal, file: file, line: line).output)
    }

    private func feedForwardBlock(_ x: Tensor) -> Tensor {
        dropout2(linear2(dropout(activation(linear1(x)))))
    }

    /// Runs the layer on `src` ([S, N, E], [N, S, E] with batchFirst, or
    /// unbatched [S, E]) with an optional attention mask and key padding mask;
    /// `isCausal` is PyTorch's hint that `srcMask` is the causal mask.
    public func callAsFunction(_ src: Tensor, srcMask: Tensor? = nil, srcKeyPaddingMask: Tensor? = nil,
                               isCausal: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let srcKeyPaddingMask = canonicalMask(srcKeyPaddingMask, "src_key_padding_mask", src.dtype, file: file, line: line)
        let srcMask = canonicalMask(srcMask, "src_mask", src.dtype, file: file, line: line)
        var x = src
        if normFirst {
            x = x + selfAttentionBlock(norm1(x), srcMask, srcKeyPaddingMask, isCausal, file: file, line: line)
            x = x + feedForwardBlock(norm2(x))
        } else {
            x = norm1(x + selfAttentionBlock(x, srcMask, srcKeyPaddingMask, isCausal, file: file, line: line))
            x = norm2(x + feedForwardBlock(x))
        }
        return x
    }

    public override func forward(_ input: Tensor) -> Tensor { self(input, srcMask: nil) }
}

/// What `Transformer` needs of its encoder (`TransformerEncoder`, or a custom one).
public protocol TransformerEncoderModule: Module {
    /// Encodes `src` with its attention mask, key padding mask and causal hint.
    func callAsFunction(_ src: Tensor, mask: Tensor?, srcKeyPaddingMask: Tensor?, isCausal: Bool?,
                        file: StaticString, line: UInt) -> Tensor
}

/// A stack of `numLayers` copies of an encoder layer, PyTorch's `nn.TransformerEncoder`.
///
/// Each copy starts with the given layer's parameters (as PyTorch's deep copy,
/// which draws nothing from the random stream); the given layer itself is not used.
public final class TransformerEncoder: Module, TransformerEncoderModule {
    /// The copies of the encoder layer, `layers.0`, `layers.1`, ...
    public let layers: ModuleList
    /// The number of layers.
    public let numLayers: Int
    /// An optional final normalisation.
    public let norm: Module?

    /// A stack of `numLayers` copies of `encoderLayer`, followed by `norm` if given.
    /// `enableNestedTensor` and `maskCheck` are accepted for PyTorch's signature;
    /// they select PyTorch's nested-tensor inference path, which gives the same results.
    public init(_ encoderLayer: TransformerEncoderLayer, numLayers: Int, norm: Module? = nil,
                enableNestedTensor: Bool = true, maskCheck: Bool = true) {
        layers = ModuleList((0..<numLayers).map { _ in encoderLayer.clone() })
        self.numLayers = numLayers
        self.norm = norm
        super.init()
    }

    /// Runs every layer in turn, then the norm. `isCausal` nil detects whether
    /// `mask` is the causal mask of the sequence length, as PyTorch does.
    public func callAsFunction(_ src: Tensor, mask: Tensor? = nil, srcKeyPaddingMask: Tensor? = nil,
                               isCausal: Bool? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let srcKeyPaddingMask = canonicalMask(srcKeyPaddingMask, "src_key_padding_mask", src.dtype, file: file, line: line)
        let mask = canonicalMask(mask, "mask", src.dtype, file: file, line: line)
        var x = src
        let first = layers.first as? TransformerEncoderLayer
        let causal = detectCausalMask(mask, isCausal, sequenceLength(src, batchFirst: first?.selfAttn.batchFirst ?? false))
        for case let layer as TransformerEncoderLayer in layers {
            x = layer(x, srcMask: mask, srcKeyPaddingMask: srcKeyPaddingMask, isCausal: causal, file: file, line: line)
        }
        if let norm { x = norm(x) }
        return x
    }

    public override func forward(_ input: Tensor) -> Tensor { self(input, mask: nil) }
}

/// The sequence length of a transformer input ([S, E], [S, N, E] or [N, S, E]).
func sequenceLength(_ x: Tensor, batchFirst: Bool) -> Int {
    x.dim() == 2 ? x.shape[0] : x.shape[batchFirst ? 1 : 0]
}

/// PyTorch's `_detect_is_causal_mask`: an explicit hint wins; without one, a
/// mask equal to the square subsequent mask of `size` counts as causal.
func detectCausalMask(_ mask: Tensor?, _ isCausal: Bool?, _ size: Int) -> Bool {
    if let isCausal { return isCausal }
    guard let mask, mask.shape == [size, size] else { return false }
    let causal = Transformer.generateSquareSubsequentMask(size, dtype: mask.dtype)
    return mask.eq(causal).all().item(as: Bool.self)
}
