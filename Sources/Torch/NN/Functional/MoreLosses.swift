extension Functional {
    /// Squared error below `beta`, absolute error above, PyTorch's `F.smooth_l1_loss`.
    ///
    /// Per element `0.5 d² / beta` where `|d| < beta`, else `|d| - 0.5 beta`
    /// (`beta == 0` is the L1 loss). grad_fn `SmoothL1LossBackward0`.
    public static func smoothL1Loss(_ input: Tensor, _ target: Tensor, reduction: Reduction = .mean, beta: Double = 1,
                                    file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(beta >= 0, "smooth_l1_loss does not support negative values for beta.", file: file, line: line)
        if beta == 0 { return l1Loss(input, target, reduction: reduction, file: file, line: line) }
        return elementwiseLoss(input, target, reduction, "SmoothL1LossBackward0", file: file, line: line) { d in
            Torch.where(d.abs().lt(beta), d * d * (0.5 / beta), d.abs() - 0.5 * beta)
        } derivative: { d in
            Torch.where(d.abs().lt(beta), d / beta, d.sign())
        }
    }

    /// Squared error below `delta`, linear above, PyTorch's `F.huber_loss`.
    ///
    /// Per element `0.5 d²` where `|d| < delta`, else `delta (|d| - 0.5 delta)`.
    public static func huberLoss(_ input: Tensor, _ target: Tensor, reduction: Reduction = .mean, delta: Double = 1,
                                 file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(delta > 0, "huber_loss does not support non-positive values for delta.", file: file, line: line)
        return elementwiseLoss(input, target, reduction, "HuberLossBackward0", file: file, line: line) { d in
            Torch.where(d.abs().lt(delta), d * d * 0.5, (d.abs() - 0.5 * delta) * delta)
        } derivative: { d in
            d.clamp(min: -delta, max: delta)
        }
    }

    /// A loss of `d = input - target` per element, with `derivative(d)` its
    /// gradient with respect to `input` (and minus that for `target`).
    private static func elementwiseLoss(_ input: Tensor, _ target: Tensor, _ reduction: Reduction, _ node: String,
                                        file: StaticString, line: UInt,
                                        loss: @escaping (Tensor) -> Tensor, derivative: @escaping (Tensor) -> Tensor) -> Tensor {
        _ = input.broadcastShape(with: [target], file: file, line: line)
        // Half types compute in float32 and round once, as PyTorch's kernels do.
        let dtype = promoteTypes(input.dtype, target.dtype), work = dtype.computeType
        let diff = noGrad { input.to(work).sub(target.to(work), file: file, line: line) }
        let out = noGrad { reduction.apply(loss(diff)).to(dtype) }
        if gradNeeded(input, target) {
            let scale = reduction.gradientScale(count: diff.numel())
            recordNode(node, inputs: [input, target], output: out, saving: [input, target]) { ctx in
                let g = derivative(ctx.saved[0] - ctx.saved[1]) * (ctx.grad * scale)
                return [ctx.needsInputGrad[0] ? g : nil, ctx.needsInputGrad[1] ? -g : nil]
            }
        }
        return out
    }

    /// The Kullback-Leibler divergence of `target` from `input` (log-probabilities),
    /// PyTorch's `F.kl_div`.
    ///
    /// Per element `target * (log(target) - input)` (with `0 log 0 = 0`), or
    /// `exp(target) * (target - input)` when `logTarget`. `reduction` is
    /// PyTorch's string: `"mean"` (over all elements), `"batchmean"` (over dim 0,
    /// the mathematical KL divergence), `"sum"` or `"none"`.
    public static func klDiv(_ input: Tensor, _ target: Tensor, reduction: String = "mean", logTarget: Bool = false,
                             file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(["none", "mean", "batchmean", "sum"].contains(reduction), "\(reduction) is not a valid value for reduction", file: file, line: line)
        let loss: Tensor
        if logTarget {
            loss = target.exp() * target.sub(input, file: file, line: line)
        } else {
            // PyTorch's xlogy(t, t): 0 at t = 0 (whose target gradient is NaN there, as in PyTorch).
            let xlogy = Torch.where(target.eq(0), Torch.zerosLike(target), target * target.log())
            loss = xlogy - target.mul(input, file: file, line: line)
        }
        switch reduction {
        case "none": return loss
        case "sum": return loss.sum()
        case "batchmean": return input.ndim == 0 ? loss.sum() : loss.sum() / Double(input.shape[0])
        default: return loss.mean()
        }
    }

    /// `max(0, -target * (x1 - x2) + margin)`, PyTorch's `F.margin_ranking_loss`.
    public static func marginRankingLoss(_ input1: Tensor, _ input2: Tensor, _ target: Tensor, margin: Double = 0,
                                         reduction: Reduction = .mean, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(input1.ndim == input2.ndim && input1.ndim == target.ndim,
                   "margin_ranking_loss : All input tensors should have same dimension but got sizes: input1: \(torchSizeString(input1.shape)), input2: \(torchSizeString(input2.shape)), target: \(torchSizeString(target.shape)) ",
                   file: file, line: line)
        let diff = input1.sub(input2, file: file, line: line)
        return reduction.apply((-target.mul(diff, file: file, line: line) + margin).clamp(min: 0.0))
    }

    /// `1 - cos(x1, x2)` for target 1, `max(0, cos(x1, x2) - margin)` for target -1,
    /// PyTorch's `F.cosine_embedding_loss`.
    public static func cosineEmbeddingLoss(_ input1: Tensor, _ input2: Tensor, _ target: Tensor, margin: Double = 0,
                                           reduction: Reduction = .mean, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(target.ndim <= 1, "0D or 1D target tensor expected, multi-target not supported", file: file, line: line)
        let expected = target.ndim + 1
        torchCheck(input1.ndim == expected && input2.ndim == expected,
                   "\(target.ndim)D target tensor expects \(expected)D input tensors, but found inputs with sizes \(input1.shape) and \(input2.shape).",
                   file: file, line: line)
        let dim = input1.ndim == 1 ? 0 : 1
        let epsilon = 1e-12
        let product = input1.mul(input2, file: file, line: line).sum(dim: dim)
        let squared1 = (input1 * input1).sum(dim: dim) + epsilon, squared2 = (input2 * input2).sum(dim: dim) + epsilon
        let cos = product / (squared1 * squared2).sqrt()
        let zeros = Torch.zerosLike(cos)
        let positive = Torch.where(target.eq(1), 1 - cos, zeros, file: file, line: line)
        let negative = Torch.where(target.eq(-1), (cos - margin).clamp(min: 0.0), zeros, file: file, line: line)
        return reduction.apply(positive + negative)
    }

    /// `max(d(a, p) - d(a, n) + margin, 0)` with `d` the p-norm distance,
    /// PyTorch's `F.triplet_margin_loss` (`swap` uses `min(d(a, n), d(p, n))`).
    public static func tripletMarginLoss(_ anchor: Tensor, _ positive: Tensor, _ negative: Tensor, margin: Double = 1, p: Double = 2,
                                         eps: Double = 1e-6, swap: Bool = false, reduction: Reduction = .mean,
                                         file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(margin > 0, "margin must be greater than 0, got \(margin)", file: file, line: line)
        torchCheck(anchor.ndim == positive.ndim && anchor.ndim == negative.ndim,
                   "The anchor, positive, and negative tensors are expected to have the same number of dimensions, but got: anchor \(anchor.ndim)D, positive \(positive.ndim)D, and negative \(negative.ndim)D inputs",
                   file: file, line: line)
        let toPositive = pairwiseDistance(anchor, positive, p: p, eps: eps, file: file, line: line)
        var toNegative = pairwiseDistance(anchor, negative, p: p, eps: eps, file: file, line: line)
        if swap { toNegative = toNegative.minimum(pairwiseDistance(positive, negative, p: p, eps: eps, file: file, line: line)) }
        return reduction.apply((toPositive - toNegative + margin).clamp(min: 0.0))
    }

    /// The p-norm of `x1 - x2 + eps` over the last dim, PyTorch's `F.pairwise_distance`.
    public static func pairwiseDistance(_ x1: Tensor, _ x2: Tensor, p: Double = 2, eps: Double = 1e-6, keepdim: Bool = false,
                                        file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let diff = x1.sub(x2, file: file, line: line) + eps
        return diff.norm(p: p, dim: -1, keepdim: keepdim, file: file, line: line)
    }

    /// The cosine of the angle between `x1` and `x2` along `dim`, PyTorch's `F.cosine_similarity`.
    ///
    /// Each norm is clamped below at `eps` before dividing (the clamp passes
    /// gradients through unchanged, as PyTorch's no-grad clamp does).
    public static func cosineSimilarity(_ x1: Tensor, _ x2: Tensor, dim: Int = 1, eps: Double = 1e-8,
                                        file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let shape = x1.broadcastShape(with: [x2], file: file, line: line)
        let d = wrapDim(dim, rank: shape.count, file: file, line: line)
        func clampedNorm(_ x: Tensor) -> Tensor {
            let n = x.norm(p: 2, dim: d, keepdim: true)
            return n + (n.clamp(min: eps) - n).detach()
        }
        let a = x1.expand(shape), b = x2.expand(shape)
        return ((a / clampedNorm(a)) * (b / clampedNorm(b))).sum(dim: d)
    }

    /// `input / max(||input||_p, eps)` along `dim`, PyTorch's `F.normalize`.
    public static func normalize(_ input: Tensor, p: Double = 2, dim: Int = 1, eps: Double = 1e-12,
                                 file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        input / input.norm(p: p, dim: dim, keepdim: true, file: file, line: line).clamp(min: eps).expand(input.shape)
    }
}
