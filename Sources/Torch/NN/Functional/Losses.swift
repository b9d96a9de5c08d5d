extension Reduction {
    /// Combines per-element losses.
    func apply(_ loss: Tensor) -> Tensor {
        switch self {
        case .none: return loss
        case .mean: return loss.mean()
        case .sum: return loss.sum()
        }
    }

    /// The factor a reduced gradient carries per element.
    func gradientScale(count: Int) -> Double { self == .mean ? 1 / Double(count) : 1 }
}

extension Functional {
    /// The mean squared error `(input - target)^2`, PyTorch's `F.mse_loss`.
    ///
    /// `input` and `target` broadcast; grad_fn `MseLossBackward0`.
    public static func mseLoss(_ input: Tensor, _ target: Tensor, reduction: Reduction = .mean,
                               file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        _ = input.broadcastShape(with: [target], file: file, line: line)
        let diff = noGrad { input.sub(target, file: file, line: line) }
        let out = noGrad { reduction.apply(diff.square()) }
        if gradNeeded(input, target) {
            let scale = 2 * reduction.gradientScale(count: diff.numel())
            recordNode("MseLossBackward0", inputs: [input, target], output: out, saving: [input, target]) { ctx in
                let g = (ctx.saved[0] - ctx.saved[1]) * (ctx.grad * scale)
                return [ctx.needsInputGrad[0] ? g : nil, ctx.needsInputGrad[1] ? -g : nil]
            }
        }
        return out
    }

    /// The mean absolute error `|input - target|`, PyTorch's `F.l1_loss`.
    ///
    /// Composed as in PyTorch: `(input - target).abs()` then the reduction.
    public static func l1Loss(_ input: Tensor, _ target: Tensor, reduction: Reduction = .mean,
                              file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        reduction.apply(input.sub(target, file: file, line: line).abs(file: file, line: line))
    }

    /// The binary cross-entropy between probabilities and targets, PyTorch's `F.binary_cross_entropy`.
    ///
    /// `-w (t log(x) + (1 - t) log(1 - x))` with each log clamped at -100, as
    /// PyTorch does, so `x = 0` or `1` gives a finite loss. `input` must lie in
    /// `[0, 1]` and have `target`'s shape; `weight` broadcasts to it.
    public static func binaryCrossEntropy(_ input: Tensor, _ target: Tensor, weight: Tensor? = nil, reduction: Reduction = .mean,
                                          file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(target.shape == input.shape, "Using a target size (\(torchSizeString(target.shape))) that is different to the input size (\(torchSizeString(input.shape))) is deprecated. Please ensure they have the same size.", file: file, line: line)
        if let weight { checkBroadcastsTo(weight, input.shape, file: file, line: line) }
        // A meta input has no values to check.
        let outOfRange = !input.isMeta && noGrad { input.lt(0).logicalOr(input.gt(1)).any().item() != 0 }
        torchCheck(!outOfRange, "all elements of input should be between 0 and 1", file: file, line: line)
        let out = noGrad { () -> Tensor in
            // Half types compute in float32 and round once, as PyTorch's kernel does.
            let work = input.dtype.computeType
            let x = input.to(work), t = target.to(work)
            let logX = x.log().clamp(min: -100.0), logOneMinusX = (1 - x).log().clamp(min: -100.0)
            var loss = -(t * logX + (1 - t) * logOneMinusX)
            if let weight { loss = loss * weight.to(work) }
            return reduction.apply(loss).to(input.dtype)
        }
        if gradNeeded(input, target) {
            let scale = reduction.gradientScale(count: input.numel())
            recordNode("BinaryCrossEntropyBackward0", inputs: [input, target], output: out, saving: [input, target]) { ctx in
                let x = ctx.saved[0], t = ctx.saved[1]
                var g = ctx.grad * scale
                if let weight { g = g * weight }
                return [ctx.needsInputGrad[0] ? g * (x - t) / ((1 - x) * x).clamp(min: 1e-12) : nil,
                        ctx.needsInputGrad[1] ? g * ((1 - x).log() - x.log()) : nil]
            }
        }
        return out
    }

    /// Binary cross-entropy on logits, computed stably, PyTorch's `F.binary_cross_entropy_with_logits`.
    ///
    /// `(1 - t) x + (1 + (p - 1) t) softplus(-x)`, times `weight`; `posWeight`
    /// (`p`) weighs the positive term per class and broadcasts along the last dim.
    public static func binaryCrossEntropyWithLogits(
        _ input: Tensor, _ target: Tensor, weight: Tensor? = nil, posWeight: Tensor? = nil, reduction: Reduction = .mean,
        file: StaticString = #fileID, line: UInt = #line
    ) -> Tensor {
        torchCheck(target.shape == input.shape, "Target size (\(torchSizeString(target.shape))) must be the same as input size (\(torchSizeString(input.shape)))", file: file, line: line)
        if let weight { checkBroadcastsTo(weight, input.shape, file: file, line: line) }
        if let posWeight { checkBroadcastsTo(posWeight, input.shape, file: file, line: line) }
        let out = noGrad { () -> Tensor in
            var loss = (1 - target) * input
            let soft = softplusOfNegative(input)
            loss = loss + (posWeight.map { 1 + ($0 - 1) * target } ?? Torch.onesLike(input)) * soft
            if let weight { loss = loss * weight }
            return reduction.apply(loss)
        }
        if gradNeeded(input, target) {
            let scale = reduction.gradientScale(count: input.numel())
            recordNode("BinaryCrossEntropyWithLogitsBackward0", inputs: [input, target], output: out, saving: [input, target]) { ctx in
                let x = ctx.saved[0], t = ctx.saved[1]
                var g = ctx.grad * scale
                if let weight { g = g * weight }
                var gradInput: Tensor? = nil, gradTarget: Tensor? = nil
                if ctx.needsInputGrad[0] {
                    if let posWeight {
                        gradInput = g * ((1 - t) - (1 + (posWeight - 1) * t) * (1 - x.sigmoid()))
                    } else {
                        gradInput = g * (x.sigmoid() - t)
                    }
                }
                if ctx.needsInputGrad[1] {
                    gradTarget = posWeight.map { g * ((($0 - 1) * softplusOfNegative(x)) - x) } ?? -(g * x)
                }
                return [gradInput, gradTarget]
            }
        }
        return out
    }
}

/// `log(1 + exp(-x))` without overflow: `max(-x, 0) + log1p(exp(-|x|))`.
private func softplusOfNegative(_ x: Tensor) -> Tensor {
    (-x).clamp(min: 0.0) + (-x.abs()).exp().log1p()
}

/// Stops with PyTorch's broadcast message unless `t` broadcasts to `shape`.
private func checkBroadcastsTo(_ t: Tensor, _ shape: [Int], file: StaticString, line: UInt) {
    let result = broadcastShapes(t.shape, shape, file: file, line: line)
    torchCheck(result == shape, "output with shape \(shapeString(shape)) doesn't match the broadcast shape \(shapeString(result))", file: file, line: line)
}
