/// The output projection of `MultiheadAttention`, a plain linear layer that
/// prints under PyTorch's name `NonDynamicallyQuantizableLinear`.
public final class NonDynamicallyQuantizableLinear: Linear {}

/// Multi-head scaled dot-product attention, PyTorch's `nn.MultiheadAttention`.
///
/// Inputs are [L, N, E] (or [N, L, E] with `batchFirst`), or unbatched [L, E].
/// When keys and values have other feature sizes (`kdim`, `vdim`), the
/// projections are three separate weights `q_proj_weight`, `k_proj_weight`,
/// `v_proj_weight` instead of the packed `in_proj_weight`, as in PyTorch.
///
/// ```swift
/// let mha = MultiheadAttention(16, 4)
/// let x = Torch.randn([5, 2, 16])            // [L, N, E]
/// let (out, weights) = mha(x, x, x)          // [5, 2, 16], [2, 5, 5]
/// ```
public final class MultiheadAttention: Module {
    /// The model dimension E.
    public let embedDim: Int
    /// The feature size of keys.
    public let kdim: Int
    /// The feature size of values.
    public let vdim: Int
    /// The number of heads; `embedDim` must be divisible by it.
    public let numHeads: Int
    /// The dropout probability on the attention weights.
    public let dropout: Double
    /// Whether inputs and outputs are [N, L, E] rather than [L, N, E].
    public let batchFirst: Bool
    /// The size of each head, `embedDim / numHeads`.
    public let headDim: Int
    /// The packed query, key and value projection weights, [3E, E]; nil when
    /// `kdim` or `vdim` differ from `embedDim`.
    public let inProjWeight: Parameter?
    /// The query projection weight [E, E], only when `kdim`/`vdim` differ from `embedDim`.
    public let qProjWeight: Parameter?
    /// The key projection weight [E, kdim], only when `kdim`/`vdim` differ from `embedDim`.
    public let kProjWeight: Parameter?
    /// The value projection weight [E, vdim], only when `kdim`/`vdim` differ from `embedDim`.
    public let vProjWeight: Parameter?
    /// The packed projection biases, [3E], or nil when made with `bias: false`.
    public let inProjBias: Parameter?
    /// A learned key appended to every sequence's keys, [1, 1, E] (`addBiasKV`).
    public let biasK: Parameter?
    /// A learned value appended to every sequence's values, [1, 1, E] (`addBiasKV`).
    public let biasV: Parameter?
    /// Whether an all-zero key and value are appended after the projections.
    public let addZeroAttn: Bool
    /// The output projection.
    public let outProj: NonDynamicallyQuantizableLinear

    /// Whether queries, keys and values share `embedDim` (one packed projection weight).
    public var qkvSameEmbedDim: Bool { inProjWeight != nil }

    /// An attention layer over `embedDim` features split into `numHeads` heads;
    /// `kdim` / `vdim` default to `embedDim`. `addBiasKV` appends a learned key
    /// and value to every sequence, `addZeroAttn` an all-zero one.
    public init(_ embedDim: Int, _ numHeads: Int, dropout: Double = 0, bias: Bool = true, addBiasKV: Bool = false,
                addZeroAttn: Bool = false, kdim: Int? = nil, vdim: Int? = nil, batchFirst: Bool = false,
                dtype: DType = .float32,
                file: StaticString = #fileID, line: UInt = #line) {
        torchCheck(embedDim > 0 && numHeads > 0,
                   "embed_dim and num_heads must be greater than 0, got embed_dim=\(embedDim) and num_heads=\(numHeads) instead",
                   file: file, line: line)
        self.embedDim = embedDim
        self.kdim = kdim ?? embedDim
        self.vdim = vdim ?? embedDim
        self.numHeads = numHeads
        self.dropout = dropout
        self.batchFirst = batchFirst
        headDim = embedDim / numHeads
        torchCheck(headDim * numHeads == embedDim, "embed_dim must be divisible by num_heads", file: file, line: line)
        if self.kdim == embedDim && self.vdim == embedDim {
            inProjWeight = Parameter(Torch.empty([3 * embedDim, embedDim], dtype: dtype))
            qProjWeight = nil; kProjWeight = nil; vProjWeight = nil
        } else {
            inProjWeight = nil
            qProjWeight = Parameter(Torch.empty([embedDim, embedDim], dtype: dtype))
            kProjWeight = Parameter(Torch.empty([embedDim, self.kdim], dtype: dtype))
            vProjWeight = Parameter(Torch.empty([embedDim, self.vdim], dtype: dtype))
        }
        inProjBias = bias ? Parameter(Torch.empty([3 * embedDim], dtype: dtype)) : nil
        outProj = NonDynamicallyQuantizableLinear(embedDim, embedDim, bias: bias, dtype: dtype)
        biasK = addBiasKV ? Parameter(Torch.empty([1, 1, embedDim], dtype: dtype)) : nil
        biasV = addBiasKV ? Parameter(Torch.empty([1, 1, embedDim], dtype: dtype)) : nil
        self.addZeroAttn = addZeroAttn
        super.init()
        resetParameters()
    }

    /// PyTorch's `_reset_parameters`: xavier-uniform projection weights (packed,
    /// or q, k, v in that order), zero biases (the output projection's weight
    /// keeps its Linear initialisation), xavier-normal `biasK` and `biasV`.
    public func resetParameters() {
        if let w = inProjWeight {
            Init.xavierUniform_(w)
        } else {
            for w in [qProjWeight, kProjWeight, vProjWeight] { Init.xavierUniform_(w!) }
        }
        if let b = inProjBias {
            Init.constant_(b, 0)
            if let ob = outProj.bias { Init.constant_(ob, 0) }
        }
        if let b = biasK { Init.xavierNormal_(b) }
        if let b = biasV { Init.xavierNormal_(b) }
    }

    /// PyTorch's `_mha_shape_check`: whether the inputs are batched (3-D) or not (2-D).
    private func isBatched(_ query: Tensor, _ key: Tensor, _ value: Tensor, _ keyPaddingMask: Tensor?,
                           _ attnMask: Tensor?, file: StaticString, line: UInt) -> Bool {
        switch query.dim() {
        case 3:
            torchCheck(key.dim() == 3 && value.dim() == 3,
                       "For batched (3-D) `query`, expected `key` and `value` to be 3-D but found \(key.dim())-D and \(value.dim())-D tensors respectively",
                       file: file, line: line)
            if let m = keyPaddingMask {
                torchCheck(m.dim() == 2,
                           "For batched (3-D) `query`, expected `key_padding_mask` to be `None` or 2-D but found \(m.dim())-D tensor instead",
                           file: file, line: line)
            }
            if let m = attnMask {
                torchCheck(m.dim() == 2 || m.dim() == 3,
                           "For batched (3-D) `query`, expected `attn_mask` to be `None`, 2-D or 3-D but found \(m.dim())-D tensor instead",
                           file: file, line: line)
            }
            return true
        case 2:
            torchCheck(key.dim() == 2 && value.dim() == 2,
                       "For unbatched (2-D) `query`, expected `key` and `value` to be 2-D but found \(key.dim())-D and \(value.dim())-D tensors respectively",
                       file: file, line: line)
            if let m = keyPaddingMask {
                torchCheck(m.dim() == 1,
                           "For unbatched (2-D) `query`, expected `key_padding_mask` to be `None` or 1-D but found \(m.dim())-D tensor instead",
                           file: file, line: line)
            }
            if let m = attnMask {
                torchCheck(m.dim() == 2 || m.dim() == 3,
                           "For unbatched (2-D) `query`, expected `attn_mask` to be `None`, 2-D or 3-D but found \(m.dim())-D tensor instead",
                           file: file, line: line)
                if m.dim() == 3 {
                    let expected = [numHeads, query.shape[0], key.shape[0]]
                    torchCheck(m.shape == expected,
                               "Expected `attn_mask` shape to be \(pythonTuple(expected)) but got \(torchSizeString(m.shape))",
                               file: file, line: line)
                }
            }
            return false
        default:
            torchFail("query should be unbatched 2D or batched 3D tensor but received \(query.dim())-D query tensor",
                      file: file, line: line)
        }
    }

    /// Attends from `query` to `key`/`value`; returns the output and, when
    /// `needWeights`, the attention weights ([N, L, S] averaged over heads, or
    /// [N, H, L, S]; without the batch dim for unbatched inputs).
    ///
    /// Masks: `keyPaddingMask` [N, S] (or [S]), `attnMask` [L, S] or [N·H, L, S];
    /// bool masks exclude where true, float masks are added to the scores.
    /// `isCausal` is PyTorch's hint that `attnMask` is the causal mask: it needs
    /// `attnMask`, and without a key padding mask or weights the causal mask is
    /// used in its place.
    public func callAsFunction(_ query: Tensor, _ key: Tensor, _ value: Tensor, keyPaddingMask: Tensor? = nil,
                               needWeights: Bool = true, attnMask: Tensor? = nil, averageAttnWeights: Bool = true,
                               isCausal: Bool = false,
                               file: StaticString = #fileID, line: UInt = #line) -> (output: Tensor, weights: Tensor?) {
        let batched = isBatched(query, key, value, keyPaddingMask, attnMask, file: file, line: line)
        var q = query, k = key, v = value, kpmInput = keyPaddingMask
        // Shared inputs stay shared (self-attention, key = value) so the packed
        // projection takes PyTorch's path for them.
        func reshaped(_ f: (Tensor) -> Tensor) {
            let newQ = f(query)
            let newK = key === query ? newQ : f(key)
            v = value === key ? newK : value === query ? newQ : f(value)
            q = newQ; k = newK
        }
        if batched && batchFirst {
            reshaped { $0.transpose(0, 1) }
        } else if !batched {
            reshaped { $0.unsqueeze(1) }
            kpmInput = kpmInput?.unsqueeze(0)
        }
        let l = q.shape[0], n = q.shape[1], e = q.shape[2]
        var kpm = canonicalMask(kpmInput, "key_padding_mask", q.dtype, file: file, line: line)
        var mask: Tensor?
        if isCausal {
            torchCheck(attnMask != nil,
                       "Need attn_mask if specifying the is_causal hint. You may use the Transformer module method `generate_square_subsequent_mask` to create this mask.",
                       file: file, line: line)
        }
        let causalHintReplacesMask = isCausal && kpm == nil && !needWeights
        if !causalHintReplacesMask { mask = canonicalMask(attnMask, "attn_mask", q.dtype, file: file, line: line) }
        torchCheck(e == embedDim, "was expecting embedding dimension of \(embedDim), but got \(e)", file: file, line: line)

        let (qp, keys, values) = project(q, k, v, file: file, line: line)
        var kp = keys, vp = values
        let sourceLength = k.shape[0], h = numHeads, hd = headDim
        if let m = mask {
            let s = sourceLength
            if m.dim() == 2 {
                torchCheck(m.shape == [l, s],
                           "The shape of the 2D attn_mask is \(torchSizeString(m.shape)), but should be \(pythonTuple([l, s])).",
                           file: file, line: line)
            } else {
                torchCheck(m.shape == [n * h, l, s],
                           "The shape of the 3D attn_mask is \(torchSizeString(m.shape)), but should be \(pythonTuple([n * h, l, s])).",
                           file: file, line: line)
            }
        }
        // The extra key/value positions are never masked.
        func padMasks() {
            mask = mask.map { Functional.pad($0, [0, 1]) }
            kpm = kpm.map { Functional.pad($0, [0, 1]) }
        }
        if let bk = biasK, let bv = biasV {
            kp = Torch.cat([kp, bk.expand([1, n, e])])
            vp = Torch.cat([vp, bv.expand([1, n, e])])
            padMasks()
        }
        // [len, N, E] -> [N·H, len, hd]
        let qh = qp.reshape([l, n * h, hd], file: file, line: line).transpose(0, 1)
        var kh = kp.reshape([kp.shape[0], n * h, hd], file: file, line: line).transpose(0, 1)
        var vh = vp.reshape([vp.shape[0], n * h, hd], file: file, line: line).transpose(0, 1)
        if addZeroAttn {
            kh = Torch.cat([kh, Torch.zeros([n * h, 1, hd], device: kh.device, dtype: kh.dtype)], dim: 1)
            vh = Torch.cat([vh, Torch.zeros([n * h, 1, hd], device: vh.device, dtype: vh.dtype)], dim: 1)
            padMasks()
        }
        let s = kh.shape[1]
        if causalHintReplacesMask {
            // The scaled-dot-product path PyTorch takes here builds a causal mask of [L, S].
            mask = Torch.zeros([l, s], device: q.device, dtype: q.dtype).maskedFill(Torch.ones([l, s], device: q.device, dtype: .bool).triu(diagonal: 1),
                                                                  -Double.infinity)
        }

        var scores = (qh * (1 / Double(hd)).squareRoot()).bmm(kh.transpose(-2, -1))   // [N·H, L, S]
        if let m = mask { scores = scores + m }
        if let m = kpm {
            torchCheck(m.shape[0] == n, "Expected key_padded_mask.shape[0] to be \(n), but got \(m.shape[0])", file: file, line: line)
            torchCheck(m.shape[1] == s, "Expected key_padded_mask.shape[1] to be \(s), but got \(m.shape[1])", file: file, line: line)
            scores = (scores.view([n, h, l, s]) + m.view([n, 1, 1, s])).view([n * h, l, s])
        }
        var attn = scores.softmax(dim: -1)
        if dropout > 0 && training { attn = Functional.dropout(attn, p: dropout, training: true) }
        var out = attn.bmm(vh).transpose(0, 1).reshape([l * n, e])
        out = outProj(out).view([l, n, e])
        if !batched { out = out.squeeze(1) } else if batchFirst { out = out.transpose(0, 1) }
        guard needWeights else { return (out, nil) }
        var w = attn.view([n, h, l, s])
        if averageAttnWeights { w = w.mean(dim: 1) }
        return (out, batched ? w : w.squeeze(0))
    }

    /// The query, key and value projections ([len, N, E] each), packed or separate.
    private func project(_ q: Tensor, _ k: Tensor, _ v: Tensor,
                         file: StaticString, line: UInt) -> (Tensor, Tensor, Tensor) {
        let e = embedDim
        func bias(_ i: Int) -> Tensor? { inProjBias?.narrow(0, i * e, e) }
        if let w = inProjWeight {
            torchCheck(k.shape == v.shape,
                       "key shape \(torchSizeString(k.shape)) does not match value shape \(torchSizeString(v.shape))",
                       file: file, line: line)
            // One product for self-attention and one for shared key/value memory, as
            // PyTorch's `_in_projection_packed` (so shape errors read the same).
            func proj(_ x: Tensor, _ first: Int, _ count: Int) -> [Tensor] {
                let y = Functional.linear(x, weight: w.narrow(0, first * e, count * e),
                                          bias: inProjBias?.narrow(0, first * e, count * e), file: file, line: line)
                return (0..<count).map { y.narrow(-1, $0 * e, e) }
            }
            if k === v {
                if q === k {
                    let qkv = proj(q, 0, 3)
                    return (qkv[0], qkv[1], qkv[2])
                }
                let kv = proj(k, 1, 2)
                return (proj(q, 0, 1)[0], kv[0], kv[1])
            }
            return (proj(q, 0, 1)[0], proj(k, 1, 1)[0], proj(v, 2, 1)[0])
        }
        torchCheck(Array(k.shape.prefix(2)) == Array(v.shape.prefix(2)),
                   "key's sequence and batch dims \(torchSizeString(Array(k.shape.prefix(2)))) do not match value's \(torchSizeString(Array(v.shape.prefix(2))))",
                   file: file, line: line)
        let weights = [qProjWeight!, kProjWeight!, vProjWeight!]
        let inputs = [q, k, v]
        let names = ["query", "key", "value"]
        for i in 0..<3 {
            let expected = [e, inputs[i].shape[2]]
            torchCheck(weights[i].shape == expected,
                       "expecting \(names[i]) weights shape of \(pythonTuple(expected)), but got \(torchSizeString(weights[i].shape))",
                       file: file, line: line)
        }
        let out = (0..<3).map { Functional.linear(inputs[$0], weight: weights[$0], bias: bias($0), file: file, line: line) }
        return (out[0], out[1], out[2])
    }

    /// Self-attention output `self(x, x, x).output`, for use in `Sequential`.
    public override func forward(_ input: Tensor) -> Tensor {
        self(input, input, input, needWeights: false).output
    }

    public override func extraRepr() -> String { "" }
}

/// PyTorch's `_canonical_mask`: bool masks become float masks of `dtype` with
/// -inf where true; float masks pass through; other dtypes stop.
func canonicalMask(_ mask: Tensor?, _ name: String, _ dtype: DType, file: StaticString, line: UInt) -> Tensor? {
    guard let mask else { return nil }
    torchCheck(mask.dtype == .bool || mask.dtype.isFloatingPoint,
               "only bool and floating types of \(name) are supported", file: file, line: line)
    if mask.dtype == .bool {
        return Torch.zerosLike(mask, dtype: dtype).maskedFill(mask, -Double.infinity)
    }
    return mask
}
