/// The encoder-decoder model of "Attention Is All You Need", PyTorch's `nn.Transformer`.
///
/// Builds a `TransformerEncoder` of `numEncoderLayers` layers and a
/// `TransformerDecoder` of `numDecoderLayers` layers (each with a final
/// `LayerNorm`) unless custom ones are given, then re-draws every parameter
/// with more than one dimension with `Init.xavierUniform_`, in parameter
/// order, as PyTorch's `_reset_parameters` does: `Torch.manualSeed(s)` then
/// `Transformer(...)` holds the weights PyTorch's does for the same seed.
///
/// ```swift
/// let model = Transformer(dModel: 32, nhead: 4, numEncoderLayers: 2, numDecoderLayers: 2, dimFeedforward: 64)
/// let src = Torch.randn([10, 2, 32]), tgt = Torch.randn([7, 2, 32])
/// let out = model(src, tgt, tgtMask: Transformer.generateSquareSubsequentMask(7))   // [7, 2, 32]
/// ```
public final class Transformer: Module {
    /// The encoder.
    public let encoder: any TransformerEncoderModule
    /// The decoder.
    public let decoder: any TransformerDecoderModule
    /// The model width.
    public let dModel: Int
    /// The number of attention heads.
    public let nhead: Int
    /// Whether inputs and outputs are [N, L, E] rather than [L, N, E].
    public let batchFirst: Bool

    /// PyTorch's `nn.Transformer(d_model, nhead, num_encoder_layers,
    /// num_decoder_layers, dim_feedforward, dropout, activation, custom_encoder,
    /// custom_decoder, layer_norm_eps, batch_first, norm_first, bias)`.
    public init(dModel: Int = 512, nhead: Int = 8, numEncoderLayers: Int = 6, numDecoderLayers: Int = 6,
                dimFeedforward: Int = 2048, dropout: Double = 0.1, activation: TransformerActivation = .relu,
                customEncoder: (any TransformerEncoderModule)? = nil, customDecoder: (any TransformerDecoderModule)? = nil,
                layerNormEps: Double = 1e-5, batchFirst: Bool = false, normFirst: Bool = false, bias: Bool = true,
                dtype: DType = .float32, file: StaticString = #fileID, line: UInt = #line) {
        if let customEncoder {
            encoder = customEncoder
        } else {
            let layer = TransformerEncoderLayer(dModel, nhead, dimFeedforward: dimFeedforward, dropout: dropout,
                                                activation: activation, layerNormEps: layerNormEps,
                                                batchFirst: batchFirst, normFirst: normFirst, bias: bias, dtype: dtype,
                                                file: file, line: line)
            let norm = LayerNorm([dModel], eps: layerNormEps, bias: bias, dtype: dtype)
            encoder = TransformerEncoder(layer, numLayers: numEncoderLayers, norm: norm)
        }
        if let customDecoder {
            decoder = customDecoder
        } else {
            let layer = TransformerDecoderLayer(dModel, nhead, dimFeedforward: dimFeedforward, dropout: dropout,
                                                activation: activation, layerNormEps: layerNormEps,
                                                batchFirst: batchFirst, normFirst: normFirst, bias: bias, dtype: dtype,
                                                file: file, line: line)
            let norm = LayerNorm([dModel], eps: layerNormEps, bias: bias, dtype: dtype)
            decoder = TransformerDecoder(layer, numLayers: numDecoderLayers, norm: norm)
        }
        self.dModel = dModel
        self.nhead = nhead
        self.batchFirst = batchFirst
        super.init()
        resetParameters()
    }

    /// A model with the activation given by name (`"relu"` or `"gelu"`).
    public convenience init(dModel: Int = 512, nhead: Int = 8, numEncoderLayers: Int = 6, numDecoderLayers: Int = 6,
                            dimFeedforward: Int = 2048, dropout: Double = 0.1, activation: String,
                            customEncoder: (any TransformerEncoderModule)? = nil,
                            customDecoder: (any TransformerDecoderModule)? = nil, layerNormEps: Double = 1e-5,
                            batchFirst: Bool = false, normFirst: Bool = false, bias: Bool = true,
                            dtype: DType = .float32, file: StaticString = #fileID, line: UInt = #line) {
        self.init(dModel: dModel, nhead: nhead, numEncoderLayers: numEncoderLayers, numDecoderLayers: numDecoderLayers,
                  dimFeedforward: dimFeedforward, dropout: dropout,
                  activation: TransformerActivation(activation, file: file, line: line), customEncoder: customEncoder,
                  customDecoder: customDecoder, layerNormEps: layerNormEps, batchFirst: batchFirst,
                  normFirst: normFirst, bias: bias, dtype: dtype, file: file, line: line)
    }

    /// PyTorch's `_reset_parameters`: xavier-uniform on every parameter with
    /// more than one dimension, in `parameters()` order.
    public func resetParameters() {
        for p in parameters() where p.dim() > 1 { Init.xavierUniform_(p) }
    }

    /// A float [sz, sz] mask with -inf above the diagonal and 0 elsewhere,
    /// PyTorch's `Transformer.generate_square_subsequent_mask` (with a bool
    /// dtype: true above the diagonal).
    public static func generateSquareSubsequentMask(_ sz: Int, dtype: DType = .float32) -> Tensor {
        if dtype == .bool { return Torch.ones([sz, sz], dtype: .bool).triu(diagonal: 1) }
        return Torch.full([sz, sz], -Double.infinity, dtype: dtype).triu(diagonal: 1)
    }

    /// Encodes `src` and decodes `tgt` against it: [S, N, E] and [T, N, E]
    /// (batchFirst: [N, S, E], [N, T, E]; unbatched: [S, E], [T, E]) to the
    /// decoder's output shaped like `tgt`.
    ///
    /// Masks as in `TransformerEncoder` and `TransformerDecoder`; the causal
    /// hints default to detecting whether `srcMask` / `tgtMask` are causal.
    public func callAsFunction(_ src: Tensor, _ tgt: Tensor, srcMask: Tensor? = nil, tgtMask: Tensor? = nil,
                               memoryMask: Tensor? = nil, srcKeyPaddingMask: Tensor? = nil,
                               tgtKeyPaddingMask: Tensor? = nil, memoryKeyPaddingMask: Tensor? = nil,
                               srcIsCausal: Bool? = nil, tgtIsCausal: Bool? = nil, memoryIsCausal: Bool = false,
                               file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let batched = src.dim() == 3
        if batched {
            let batchDim = batchFirst ? 0 : 1
            torchCheck(tgt.dim() > batchDim && src.shape[batchDim] == tgt.shape[batchDim],
                       "the batch number of src and tgt must be equal", file: file, line: line)
        }
        torchCheck(src.shape.last == dModel && tgt.shape.last == dModel,
                   "the feature number of src and tgt must be equal to d_model", file: file, line: line)
        let memory = encoder(src, mask: srcMask, srcKeyPaddingMask: srcKeyPaddingMask, isCausal: srcIsCausal,
                             file: file, line: line)
        return decoder(tgt, memory, tgtMask: tgtMask, memoryMask: memoryMask, tgtKeyPaddingMask: tgtKeyPaddingMask,
                       memoryKeyPaddingMask: memoryKeyPaddingMask, tgtIsCausal: tgtIsCausal,
                       memoryIsCausal: memoryIsCausal, file: file, line: line)
    }

    /// PyTorch's `forward` needs both `src` and `tgt`: stops with its message.
    public override func forward(_ input: Tensor) -> Tensor {
        torchFail("Transformer.forward() missing 1 required positional argument: 'tgt'", file: #fileID, line: #line)
    }
}
