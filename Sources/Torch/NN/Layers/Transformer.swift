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
    /// The feed-forward activation, "relu" or "gelu".
    public let activation: String
    let config: (dModel: Int, nhead: Int, dimFeedforward: Int, dropout: Double, eps: Double, batchFirst: Bool)

    /// A layer of width `dModel` with `nhead` heads.
    public init(_ dModel: Int, _ nhead: Int, dimFeedforward: Int = 2048, dropout: Double = 0.1,
                activation: String = "relu", layerNormEps: Double = 1e-5, batchFirst: Bool = false,
                normFirst: Bool = false, bias: Bool = true, file: StaticString = #fileID, line: UInt = #line) {
        torchCheck(activation == "relu" || activation == "gelu",
                   "activation should be relu/gelu, not \(activation)", file: file, line: line)
        selfAttn = MultiheadAttention(dModel, nhead, dropout: dropout, bias: bias, batchFirst: batchFirst, file: file, line: line)
        linear1 = Linear(dModel, dimFeedforward, bias: bias)
        self.dropout = Dropout(dropout)
        linear2 = Linear(dimFeedforward, dModel, bias: bias)
        norm1 = LayerNorm(dModel, eps: layerNormEps, bias: bias)
        norm2 = LayerNorm(dModel, eps: layerNormEps, bias: bias)
        dropout1 = Dropout(dropout)
        dropout2 = Dropout(dropout)
        self.normFirst = normFirst
        self.activation = activation
        config = (dModel, nhead, dimFeedforward, dropout, layerNormEps, batchFirst)
        super.init()
    }

    /// A fresh layer with the same configuration and a copy of this layer's state.
    func clone() -> TransformerEncoderLayer {
        // PyTorch deep-copies the layer without drawing random numbers; building the copy
        // draws a default initialisation, so the global generator is put back afterwards
        // (else every layer built after a TransformerEncoder would get other weights).
        let generatorState = Generator.defaultGenerator.getState()
        defer { Generator.defaultGenerator.setState(generatorState) }
        let copy = TransformerEncoderLayer(config.dModel, config.nhead, dimFeedforward: config.dimFeedforward,
                                           dropout: config.dropout, activation: activation, layerNormEps: config.eps,
                                           batchFirst: config.batchFirst, normFirst: normFirst,
                                           bias: linear1.bias != nil)
        let state = stateDict().mapValues { $0.detach().clone() }
        _ = try! copy.loadStateDict(state)
        copy.train(training)
        return copy
    }

    private func selfAttentionBlock(_ x: Tensor, _ mask: Tensor?, _ keyPaddingMask: Tensor?) -> Tensor {
        dropout1(selfAttn(x, x, x, keyPaddingMask: keyPaddingMask, needWeights: false, attnMask: mask).output)
    }

    private func feedForwardBlock(_ x: Tensor) -> Tensor {
        let hidden = linear1(x)
        let act = activation == "gelu" ? Functional.gelu(hidden) : Functional.relu(hidden)
        return dropout2(linear2(dropout(act)))
    }

    /// Runs the layer on `src` ([L, N, E], or [N, L, E] with batchFirst) with
    /// an optional attention mask and key padding mask.
    public func callAsFunction(_ src: Tensor, srcMask: Tensor? = nil, srcKeyPaddingMask: Tensor? = nil) -> Tensor {
        var x = src
        if normFirst {
            x = x + selfAttentionBlock(norm1(x), srcMask, srcKeyPaddingMask)
            x = x + feedForwardBlock(norm2(x))
        } else {
            x = norm1(x + selfAttentionBlock(x, srcMask, srcKeyPaddingMask))
            x = norm2(x + feedForwardBlock(x))
        }
        return x
    }

    public override func forward(_ input: Tensor) -> Tensor { self(input, srcMask: nil, srcKeyPaddingMask: nil) }
}

/// A stack of `numLayers` copies of an encoder layer, PyTorch's `nn.TransformerEncoder`.
///
/// Each copy starts with the given layer's parameters (as PyTorch's deep copy).
public final class TransformerEncoder: Module {
    /// The copies of the encoder layer, `layers.0`, `layers.1`, ...
    public let layers: ModuleList
    /// The number of layers.
    public let numLayers: Int
    /// An optional final normalisation.
    public let norm: Module?

    /// A stack of `numLayers` copies of `encoderLayer`, followed by `norm` if given.
    public init(_ encoderLayer: TransformerEncoderLayer, numLayers: Int, norm: Module? = nil) {
        layers = ModuleList((0..<numLayers).map { _ in encoderLayer.clone() })
        self.numLayers = numLayers
        self.norm = norm
        super.init()
    }

    /// Runs every layer in turn, then the norm.
    public func callAsFunction(_ src: Tensor, mask: Tensor? = nil, srcKeyPaddingMask: Tensor? = nil) -> Tensor {
        var x = src
        for case let layer as TransformerEncoderLayer in layers {
            x = layer(x, srcMask: mask, srcKeyPaddingMask: srcKeyPaddingMask)
        }
        if let norm { x = norm(x) }
        return x
    }

    public override func forward(_ input: Tensor) -> Tensor { self(input, mask: nil, srcKeyPaddingMask: nil) }
}
