/// One decoder block, PyTorch's `nn.TransformerDecoderLayer`: self-attention
/// over the target, attention from the target to the encoder's output
/// (`memory`), then a feed-forward network, each with a residual connection
/// and layer norm (after each block, or before it with `normFirst`).
///
/// Submodules carry PyTorch's names (`self_attn`, `multihead_attn`, `linear1`,
/// ..., `dropout3`) and are built in PyTorch's order, so a seeded layer holds
/// PyTorch's weights.
///
/// ```swift
/// let layer = TransformerDecoderLayer(32, 4, dimFeedforward: 64)
/// let memory = Torch.randn([10, 2, 32])                 // [S, N, E]
/// let tgt = Torch.randn([7, 2, 32])                     // [T, N, E]
/// let mask = Transformer.generateSquareSubsequentMask(7)
/// let y = layer(tgt, memory, tgtMask: mask)             // [7, 2, 32]
/// ```
public final class TransformerDecoderLayer: Module {
    /// Self-attention over the target.
    public let selfAttn: MultiheadAttention
    /// Attention from the target to the memory.
    public let multiheadAttn: MultiheadAttention
    /// The feed-forward network's first layer, dModel -> dimFeedforward.
    public let linear1: Linear
    /// The dropout inside the feed-forward network.
    public let dropout: Dropout
    /// The feed-forward network's second layer, dimFeedforward -> dModel.
    public let linear2: Linear
    /// The norm of the self-attention block.
    public let norm1: LayerNorm
    /// The norm of the memory-attention block.
    public let norm2: LayerNorm
    /// The norm of the feed-forward block.
    public let norm3: LayerNorm
    /// The dropout on the self-attention block's output.
    public let dropout1: Dropout
    /// The dropout on the memory-attention block's output.
    public let dropout2: Dropout
    /// The dropout on the feed-forward block's output.
    public let dropout3: Dropout
    /// Whether the norms come before each block (pre-norm) rather than after.
    public let normFirst: Bool
    /// The feed-forward activation.
    public let activation: TransformerActivation

    /// A layer of width `dModel` with `nhead` heads, PyTorch's
    /// `nn.TransformerDecoderLayer(d_model, nhead, dim_feedforward, dropout,
    /// activation, layer_norm_eps, batch_first, norm_first, bias)`.
    public init(_ dModel: Int, _ nhead: Int, dimFeedforward: Int = 2048, dropout: Double = 0.1,
                activation: TransformerActivation = .relu, layerNormEps: Double = 1e-5, batchFirst: Bool = false,
                normFirst: Bool = false, bias: Bool = true, dtype: DType = .float32,
                file: StaticString = #fileID, line: UInt = #line) {
        selfAttn = MultiheadAttention(dModel, nhead, dropout: dropout, bias: bias, batchFirst: batchFirst, dtype: dtype,
                                      file: file, line: line)
        multiheadAttn = MultiheadAttention(dModel, nhead, dropout: dropout, bias: bias, batchFirst: batchFirst,
                                           dtype: dtype, file: file, line: line)
        linear1 = Linear(dModel, dimFeedforward, bias: bias, dtype: dtype)
        self.dropout = Dropout(dropout, file: file, line: line)
        linear2 = Linear(dimFeedforward, dModel, bias: bias, dtype: dtype)
        norm1 = LayerNorm([dModel], eps: layerNormEps, bias: bias, dtype: dtype)
        norm2 = LayerNorm([dModel], eps: layerNormEps, bias: bias, dtype: dtype)
        norm3 = LayerNorm([dModel], eps: layerNormEps, bias: bias, dtype: dtype)
        dropout1 = Dropout(dropout, file: file, line: line)
        dropout2 = Dropout(dropout, file: file, line: line)
        dropout3 = Dropout(dropout, file: file, line: line)
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
    func clone() -> TransformerDecoderLayer {
        deepCopy {
            TransformerDecoderLayer(selfAttn.embedDim, selfAttn.numHeads, dimFeedforward: linear1.outFeatures,
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

    private func memoryAttentionBlock(_ x: Tensor, _ memory: Tensor, _ mask: Tensor?, _ keyPaddingMask: Tensor?,
                                      _ isCausal: Bool, file: StaticString, line: UInt) -> Tensor {
        dropout2(multiheadAttn(x, memory, memory, keyPaddingMask: keyPaddingMask, needWeights: false, attnMask: mask,
                               isCausal: isCausal, file: file, line: line).output)
    }

    private func feedForwardBlock(_ x: Tensor) -> Tensor {
        dropout3(linear2(dropout(activation(linear1(x)))))
    }

    /// Runs the layer on `tgt` ([T, N, E], [N, T, E] with batchFirst, or
    /// unbatched [T, E]) attending to `memory` ([S, N, E] likewise).
    ///
    /// `tgtMask` [T, T] / `memoryMask` [T, S] (or per head [N·H, ·, ·]) and the
    /// key padding masks [N, T] / [N, S]: bool masks exclude where true, float
    /// masks are added to the scores. `tgtIsCausal` / `memoryIsCausal` are
    /// PyTorch's hints that the matching mask is the causal mask.
    public func callAsFunction(_ tgt: Tensor, _ memory: Tensor, tgtMask: Tensor? = nil, memoryMask: Tensor? = nil,
                               tgtKeyPaddingMask: Tensor? = nil, memoryKeyPaddingMask: Tensor? = nil,
                               tgtIsCausal: Bool = false, memoryIsCausal: Bool = false,
                               file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        var x = tgt
        if normFirst {
            x = x + selfAttentionBlock(norm1(x), tgtMask, tgtKeyPaddingMask, tgtIsCausal, file: file, line: line)
            x = x + memoryAttentionBlock(norm2(x), memory, memoryMask, memoryKeyPaddingMask, memoryIsCausal,
                                         file: file, line: line)
            x = x + feedForwardBlock(norm3(x))
        } else {
            x = norm1(x + selfAttentionBlock(x, tgtMask, tgtKeyPaddingMask, tgtIsCausal, file: file, line: line))
            x = norm2(x + memoryAttentionBlock(x, memory, memoryMask, memoryKeyPaddingMask, memoryIsCausal,
                                               file: file, line: line))
            x = norm3(x + feedForwardBlock(x))
        }
        return x
    }

    /// PyTorch's `forward` needs `memory` too: stops with its message.
    public override func forward(_ input: Tensor) -> Tensor {
        torchFail("TransformerDecoderLayer.forward() missing 1 required positional argument: 'memory'",
                  file: #fileID, line: #line)
    }
}

/// What `Transformer` needs of its decoder (`TransformerDecoder`, or a custom one).
public protocol TransformerDecoderModule: Module {
    /// Decodes `tgt` against `memory` with their masks and causal hints.
    func callAsFunction(_ tgt: Tensor, _ memory: Tensor, tgtMask: Tensor?, memoryMask: Tensor?,
                        tgtKeyPaddingMask: Tensor?, memoryKeyPaddingMask: Tensor?, tgtIsCausal: Bool?,
                        memoryIsCausal: Bool, file: StaticString, line: UInt) -> Tensor
}

/// A stack of `numLayers` copies of a decoder layer, PyTorch's `nn.TransformerDecoder`.
///
/// Each copy starts with the given layer's parameters (PyTorch's deep copy,
/// which draws nothing from the random stream); the given layer itself is not used.
///
/// ```swift
/// let decoder = TransformerDecoder(TransformerDecoderLayer(32, 4), numLayers: 3)
/// let out = decoder(Torch.randn([7, 2, 32]), Torch.randn([10, 2, 32]))   // [7, 2, 32]
/// ```
public final class TransformerDecoder: Module, TransformerDecoderModule {
    /// The copies of the decoder layer, `layers.0`, `layers.1`, ...
    public let layers: ModuleList
    /// The number of layers.
    public let numLayers: Int
    /// An optional final normalisation.
    public let norm: Module?

    /// A stack of `numLayers` copies of `decoderLayer`, followed by `norm` if given.
    public init(_ decoderLayer: TransformerDecoderLayer, numLayers: Int, norm: Module? = nil) {
        layers = ModuleList((0..<numLayers).map { _ in decoderLayer.clone() })
        self.numLayers = numLayers
        self.norm = norm
        super.init()
    }

    /// Runs every layer in turn on `tgt` against `memory`, then the norm.
    /// `tgtIsCausal` nil detects whether `tgtMask` is the causal mask of the
    /// target length, as PyTorch does.
    public func callAsFunction(_ tgt: Tensor, _ memory: Tensor, tgtMask: Tensor? = nil, memoryMask: Tensor? = nil,
                               tgtKeyPaddingMask: Tensor? = nil, memoryKeyPaddingMask: Tensor? = nil,
                               tgtIsCausal: Bool? = nil, memoryIsCausal: Bool = false,
                               file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        var x = tgt
        let first = layers.first as? TransformerDecoderLayer
        let causal = detectCausalMask(tgtMask, tgtIsCausal,
                                      sequenceLength(tgt, batchFirst: first?.selfAttn.batchFirst ?? false))
        for case let layer as TransformerDecoderLayer in layers {
            x = layer(x, memory, tgtMask: tgtMask, memoryMask: memoryMask, tgtKeyPaddingMask: tgtKeyPaddingMask,
                      memoryKeyPaddingMask: memoryKeyPaddingMask, tgtIsCausal: causal, memoryIsCausal: memoryIsCausal,
                      file: file, line: line)
        }
        if let norm { x = norm(x) }
        return x
    }

    /// PyTorch's `forward` needs `memory` too: stops with its message.
    public override func forward(_ input: Tensor) -> Tensor {
        torchFail("TransformerDecoder.forward() missing 1 required positional argument: 'memory'",
                  file: #fileID, line: #line)
    }
}
