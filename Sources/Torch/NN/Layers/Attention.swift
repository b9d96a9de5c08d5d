/// The output projection of `MultiheadAttention`, a plain linear layer that
/// prints under PyTorch's name `NonDynamicallyQuantizableLinear`.
public final class NonDynamicallyQuantizableLinear: Linear {}

/// Multi-head scaled dot-product attention, PyTorch's `nn.MultiheadAttention`
/// (query, key and value of the same `embedDim`).
///
/// ```swift
/// let mha = MultiheadAttention(16, 4)
/// let x = Torch.randn([5, 2, 16])            // [L, N, E]
/// let (out, weights) = mha(x, x, x)          // [5, 2, 16], [2, 5, 5]
/// ```
public final class MultiheadAttention: Module {
    /// The model dimension E.
    public let embedDim: Int
    /// The number of heads; `embedDim` must be divisible by it.
    public let numHeads: Int
    /// The dropout probability on the attention weights.
    public let dropout: Double
    /// Whether inputs and outputs are [N, L, E] rather than [L, N, E].
    public let batchFirst: Bool
    /// The packed query, key and value projection weights, [3E, E].
    public let inProjWeight: Parameter
    /// The packed projection biases, [3E], or nil when made with `bias: false`.
    public let inProjBias: Parameter?
    /// The output projection.
    public let outProj: NonDynamicallyQuantizableLinear

    /// An attention layer over `embedDim` features split into `numHeads` heads.
    public init(_ embedDim: Int, _ numHeads: Int, dropout: Double = 0, bias: Bool = true, batchFirst: Bool = false,
                dtype: DType = .float32, file: StaticString = #fileID, line: UInt = #line) {
        torchCheck(embedDim > 0 && numHeads > 0,
                   "embed_dim and num_heads must be greater than 0, got embed_dim=\(embedDim) and num_heads=\(numHeads) instead",
                   file: file, line: line)
        torchCheck(embedDim % numHeads == 0, "embed_dim must be divisible by num_heads", file: file, line: line)
        self.embedDim = embedDim
        self.numHeads = numHeads
        self.dropout = dropout
        self.batchFirst = batchFirst
        inProjWeight = Parameter(Torch.empty([3 * embedDim, embedDim], dtype: dtype))
        inProjBias = bias ? Parameter(Torch.empty([3 * embedDim], dtype: dtype)) : nil
        outProj = NonDynamicallyQuantizableLinear(embedDim, embedDim, bias: bias, dtype: dtype)
        super.init()
        resetParameters()
    }

    /// PyTorch's `_reset_parameters`: xavier-uniform packed weights, zero biases
    /// (the output projection's weight keeps its Linear initialisation).
    public func resetParameters() {
        Init.xavierUniform_(inProjWeight)
        if let b = inProjBias { Init.constant_(b, 0) }
        if let b = outProj.bias { Init.constant_(b, 0) }
    }

    /// A float mask to add to the scores: bool masks become -inf where true.
    private func additive(_ mask: Tensor, like scores: Tensor) -> Tensor {
        if mask.dtype == .bool {
            return Torch.zerosLike(mask, dtype: scores.dtype).maskedFill(mask, -Double.infinity)
        }
        return mask
    }

    /// Attends from `query` to `key`/`value`; returns the output and, when
    /// `needWeights`, the attention weights ([N, L, S] averaged over heads, or
    /// [N, H, L, S]). Masks: `keyPaddingMask` [N, S], `attnMask` [L, S] or
    /// [N·H, L, S]; bool masks exclude where true, float masks are added.
    public func callAsFunction(_ query: Tensor, _ key: Tensor, _ value: Tensor, keyPaddingMask: Tensor? = nil,
                               needWeights: Bool = true, attnMask: Tensor? = nil, averageAttnWeights: Bool = true,
                               file: StaticString = #fileID, line: UInt = #line) -> (output: Tensor, weights: Tensor?) {
        torchCheck(query.dim() == 3 && key.dim() == 3 && value.dim() == 3,
                   "query, key and value should be 3-D (batched) tensors", file: file, line: line)
        var q = query, k = key, v = value
        if batchFirst { q = q.transpose(0, 1); k = k.transpose(0, 1); v = v.transpose(0, 1) }
        let l = q.shape[0], n = q.shape[1], e = embedDim
        let s = k.shape[0], h = numHeads, hd = e / h
        torchCheck(q.shape[2] == e, "was expecting embedding dimension of \(e), but got \(q.shape[2])", file: file, line: line)
        torchCheck(k.shape == v.shape, "key shape \(k.shape) does not match value shape \(v.shape)", file: file, line: line)

        func project(_ x: Tensor, _ i: Int) -> Tensor {
            Functional.linear(x, weight: inProjWeight.narrow(0, i * e, e), bias: inProjBias?.narrow(0, i * e, e))
        }
        // [L, N, E] -> [N·H, L, hd]
        func heads(_ x: Tensor, _ len: Int) -> Tensor { x.reshape([len, n * h, hd]).transpose(0, 1) }
        let qh = heads(project(q, 0), l) * (1 / Double(hd).squareRoot())
        let kh = heads(project(k, 1), s)
        let vh = heads(project(v, 2), s)

        var scores = qh.matmul(kh.transpose(-2, -1))          // [N·H, L, S]
        if let m = attnMask {
            torchCheck(m.dim() == 2 ? m.shape == [l, s] : m.shape == [n * h, l, s],
                       "The shape of the attn_mask is \(m.shape), but should be \([l, s]) or \([n * h, l, s]).", file: file, line: line)
            scores = scores + additive(m, like: scores)
        }
        if let m = keyPaddingMask {
            torchCheck(m.shape == [n, s], "expecting key_padding_mask shape of \([n, s]), but got \(m.shape)", file: file, line: line)
            scores = (scores.reshape([n, h, l, s]) + additive(m, like: scores).reshape([n, 1, 1, s])).reshape([n * h, l, s])
        }
        var attn = scores.softmax(dim: -1)
        if dropout > 0 { attn = Functional.dropout(attn, p: dropout, training: training) }
        var out = attn.matmul(vh).transpose(0, 1).reshape([l * n, e])
        out = outProj(out).reshape([l, n, e])
        if batchFirst { out = out.transpose(0, 1) }
        guard needWeights else { return (out, nil) }
        let w = attn.reshape([n, h, l, s])
        return (out, averageAttnWeights ? w.mean(dim: 1) : w)
    }

    /// Self-attention output `self(x, x, x).output`, for use in `Sequential`.
    public override func forward(_ input: Tensor) -> Tensor {
        self(input, input, input, needWeights: false).output
    }

    public override func extraRepr() -> String { "" }
}
