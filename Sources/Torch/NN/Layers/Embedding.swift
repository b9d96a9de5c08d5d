/// A lookup table of `numEmbeddings` vectors of size `embeddingDim`, PyTorch's `nn.Embedding`.
///
/// `weight` starts as N(0, 1) draws with the `paddingIdx` row zeroed; the
/// padding row gets no gradient. With `maxNorm`, looked-up rows whose norm
/// exceeds it are rescaled in place first, as in PyTorch.
///
/// ```swift
/// let emb = Embedding(10, 3, paddingIdx: 0)
/// let v = emb(Tensor([[1, 2], [0, 9]]))   // [2, 2, 3]
/// ```
public final class Embedding: Module {
    /// The number of rows in the table.
    public let numEmbeddings: Int
    /// The size of each row.
    public let embeddingDim: Int
    /// The row that stays zero and gets no gradient (non-negative), or nil.
    public let paddingIdx: Int?
    /// The largest norm a looked-up row may have, or nil.
    public let maxNorm: Double?
    /// The p of the norm compared with `maxNorm`.
    public let normType: Double
    /// Whether each row's gradient is divided by how often its index occurs in the batch.
    public let scaleGradByFreq: Bool
    /// The learnable table, [numEmbeddings, embeddingDim].
    public let weight: Parameter

    /// A table of `numEmbeddings` rows of `embeddingDim` values.
    public init(_ numEmbeddings: Int, _ embeddingDim: Int, paddingIdx: Int? = nil, maxNorm: Double? = nil,
                normType: Double = 2, scaleGradByFreq: Bool = false, dtype: DType = .float32,
                file: StaticString = #fileID, line: UInt = #line) {
        if let p = paddingIdx {
            if p > 0 { torchCheck(p < numEmbeddings, "Padding_idx must be within num_embeddings", file: file, line: line) }
            if p < 0 { torchCheck(p >= -numEmbeddings, "Padding_idx must be within num_embeddings", file: file, line: line) }
        }
        self.numEmbeddings = numEmbeddings
        self.embeddingDim = embeddingDim
        self.paddingIdx = paddingIdx.map { $0 < 0 ? $0 + numEmbeddings : $0 }
        self.maxNorm = maxNorm
        self.normType = normType
        self.scaleGradByFreq = scaleGradByFreq
        weight = Parameter(Torch.empty([numEmbeddings, embeddingDim], dtype: dtype))
        super.init()
        resetParameters()
    }

    /// A table holding `embeddings` (copied), PyTorch's `Embedding.from_pretrained`.
    public static func fromPretrained(_ embeddings: Tensor, freeze: Bool = true, paddingIdx: Int? = nil,
                                      maxNorm: Double? = nil, normType: Double = 2, scaleGradByFreq: Bool = false,
                                      file: StaticString = #fileID, line: UInt = #line) -> Embedding {
        torchCheck(embeddings.ndim == 2, "Embeddings parameter is expected to be 2-dimensional", file: file, line: line)
        let e = Embedding(embeddings.shape[0], embeddings.shape[1], paddingIdx: paddingIdx, maxNorm: maxNorm,
                          normType: normType, scaleGradByFreq: scaleGradByFreq, dtype: embeddings.dtype, file: file, line: line)
        noGrad { _ = e.weight.copy_(embeddings) }
        e.weight.requiresGrad_(!freeze)
        return e
    }

    /// Re-draws the table as at construction, PyTorch's `reset_parameters()`.
    public func resetParameters() {
        Init.normal_(weight)
        if let p = paddingIdx { noGrad { _ = weight.select(0, p).fill_(0) } }
    }

    public override func forward(_ input: Tensor) -> Tensor {
        embeddingForward(input, weight, paddingIdx: paddingIdx, maxNorm: maxNorm, normType: normType,
                         scaleGradByFreq: scaleGradByFreq)
    }

    public override func extraRepr() -> String {
        var s = "\(numEmbeddings), \(embeddingDim)"
        if let paddingIdx { s += ", padding_idx=\(paddingIdx)" }
        if let maxNorm { s += ", max_norm=\(Module.pythonRepr(maxNorm))" }
        if normType != 2 { s += ", norm_type=\(Module.pythonRepr(normType))" }
        if scaleGradByFreq { s += ", scale_grad_by_freq=True" }
        return s
    }
}

/// Rows of `weight` picked by the integer `input`, shaped input.shape + [dim]
/// (PyTorch's `F.embedding`); the gradient adds each output row back into its
/// table row, skipping `paddingIdx` (EmbeddingBackward0), divided by the
/// index's count in the batch with `scaleGradByFreq`.
func embeddingForward(_ input: Tensor, _ weight: Tensor, paddingIdx: Int?, maxNorm: Double?, normType: Double,
                      scaleGradByFreq: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    torchCheck(input.dtype == .int64 || input.dtype == .int32,
               "Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got torch.\(input.dtype.scalarTypeName)Tensor instead (while checking arguments for embedding)",
               file: file, line: line)
    let rows = weight.shape[0], dim = weight.shape[1]
    let flat = input.reshape([-1]).to(.int64)
    // max_norm and the frequencies need the index values, which only host indices give here.
    torchCheck(flat.isCpu || (maxNorm == nil && !scaleGradByFreq),
               "embedding's max_norm and scale_grad_by_freq read the indices on the host: not supported on \(flat.device) yet", file: file, line: line)
    let indices = flat.hostIndexValues
    torchCheck(indices.allSatisfy { $0 >= 0 && $0 < rows }, "index out of range in self", file: file, line: line)
    if let maxNorm {
        noGrad {
            for i in Set(indices).sorted() {
                let row = weight.select(0, i)
                let norm = row.norm(p: normType).item()
                if norm > maxNorm { _ = row.mul_(maxNorm / (norm + 1e-7)) }
            }
        }
    }
    let out = noGrad { weight.indexSelect(0, flat, file: file, line: line) }.reshape(input.shape + [dim])
    if gradNeeded(weight) {
        var frequencyScale: Tensor?
        if scaleGradByFreq {
            var counts: [Int: Int] = [:]
            for i in indices { counts[i, default: 0] += 1 }
            frequencyScale = Tensor.fromArray(indices.map { 1 / Double(counts[$0]!) }, shape: [indices.count, 1])
        }
        recordNode("EmbeddingBackward0", inputs: [weight], output: out) { ctx in
            var rowsGrad = ctx.grad.reshape([-1, dim])
            if let frequencyScale { rowsGrad = rowsGrad * frequencyScale.to(rowsGrad.dtype) }
            let table = Torch.zeros([rows, dim], device: ctx.grad.device, dtype: ctx.grad.dtype)
            // The table is fresh, so the rows go in in place (no copy of the
            // whole table) unless double backward needs the differentiable form.
            var g = GradMode.isEnabled ? table.indexAdd(0, flat, rowsGrad) : table.indexAdd_(0, flat, rowsGrad)
            if let p = paddingIdx { g = g.indexFill(0, Tensor.fromArray([Int64(p)]), 0) }
            return [g]
        }
    }
    return out
}
