extension Functional {
    /// Batch normalization over the channel dim 1 of `[N, C, *]`, PyTorch's `F.batch_norm`.
    ///
    /// In training (or without running statistics) each channel is normalized
    /// with its batch mean and biased variance, and the running statistics,
    /// when given, are updated in place: `running = (1 - momentum) * running +
    /// momentum * batch`, using the unbiased variance for `runningVar` as
    /// PyTorch does. Otherwise the running statistics normalize. Fused kernels
    /// forward and backward (grad_fn `NativeBatchNormBackward0`).
    public static func batchNorm(_ input: Tensor, runningMean: Tensor?, runningVar: Tensor?, weight: Tensor? = nil, bias: Tensor? = nil,
                                 training: Bool = false, momentum: Double = 0.1, eps: Double = 1e-5,
                                 file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        if input.numel() == 0 {
            // As PyTorch: an empty input comes back as a copy (scaled by weight[0] and shifted by bias[0] where given).
            var out = input.clone()
            if let weight, weight.numel() > 0 { out = out * weight.reshape([-1])[0] }
            if let bias, bias.numel() > 0 { out = out + bias.reshape([-1])[0] }
            return out
        }
        torchCheck(input.ndim >= 2, "batch_norm: expected input with at least 2 dims, got input of size \(torchSizeString(input.shape))", file: file, line: line)
        let n = input.shape[0], c = input.shape[1], inner = input.shape[2...].reduce(1, *)
        for (name, t) in [("running_mean", runningMean), ("running_var", runningVar), ("weight", weight), ("bias", bias)] {
            if let t { torchCheck(t.numel() == c, "\(name) should contain \(c) elements not \(t.numel())", file: file, line: line) }
        }
        if training {
            torchCheck(n * inner > 1, "Expected more than 1 value per channel when training, got input size \(torchSizeString(input.shape))", file: file, line: line)
        }
        torchCheck(input.dtype.isFloatingPoint, unsupportedDTypeMessage("batch_norm", input.dtype), file: file, line: line)
        let compute = input.dtype.computeType
        let x = input.cast(compute).contiguous()
        let device = commonDevice([input] + [runningMean, runningVar, weight, bias].compactMap { $0 }, file: file, line: line)
        let useBatchStats = training || runningMean == nil || runningVar == nil
        let mean: Tensor, invstd: Tensor
        if useBatchStats {
            let mu = Tensor(uninitializedShape: [c], dtype: .float64, device: device)
            let variance = Tensor(uninitializedShape: [c], dtype: .float64, device: device)
            Dispatch.channelStatistics(x, n: n, c: c, inner: inner, mean: mu, variance: variance)
            mean = mu.cast(compute)
            invstd = noGrad { (variance + eps).rsqrt().cast(compute) }
            if training, let runningMean, let runningVar {
                let count = Double(n * inner)
                noGrad {
                    let unbiased = variance * (count / Swift.max(count - 1, 1))
                    runningMean.mul_(1 - momentum, file: file, line: line)
                        .add_(mu.to(runningMean.dtype).reshape(runningMean.shape), alpha: momentum, file: file, line: line)
                    runningVar.mul_(1 - momentum, file: file, line: line)
                        .add_(unbiased.to(runningVar.dtype).reshape(runningVar.shape), alpha: momentum, file: file, line: line)
                }
            }
        } else {
            mean = noGrad { runningMean!.detach().to(compute).reshape([c]).contiguous() }
            invstd = noGrad { (runningVar!.detach().to(compute).reshape([c]) + eps).rsqrt().contiguous() }
        }
        let w = weight.map { $0.detach().cast(compute).reshape([c]).contiguous() }
        let b = bias.map { $0.detach().cast(compute).reshape([c]).contiguous() }
        let out = Tensor(uninitializedShape: input.shape, dtype: compute, device: device)
        Dispatch.batchNorm(x, n: n, c: c, inner: inner, mean: mean, invstd: invstd, weight: w, bias: b, into: out)
        let result = out.cast(input.dtype)
        let inputs = [input] + [weight, bias].compactMap { $0 }
        if gradNeeded(inputs) {
            let hasWeight = weight != nil, hasBias = bias != nil, inputShape = input.shape
            let weightShape = weight?.shape ?? [c], biasShape = bias?.shape ?? [c]
            let channelShape = [1, c] + [Int](repeating: 1, count: input.ndim - 2)
            let notChannel = (0..<input.ndim).filter { $0 != 1 }
            recordNode("NativeBatchNormBackward0", inputs: inputs, output: result, saving: [input] + [weight].compactMap { $0 }) { ctx in
                let needs = ctx.needsInputGrad
                let needW = hasWeight && needs[1], needB = hasBias && needs[hasWeight ? 2 : 1]
                var grads: [Tensor?]
                if GradMode.isEnabled {
                    let x = ctx.saved[0], g = ctx.grad
                    let wv = hasWeight ? ctx.saved[1].reshape(channelShape) : nil
                    let gw = wv.map { g * $0 } ?? g
                    let xhat: Tensor
                    if useBatchStats {
                        let (h, r) = normalizeComposed(x, dims: notChannel, eps: eps)
                        xhat = h
                        grads = [needs[0] ? normalizedInputGradient(gw, xhat: h, rstd: r, dims: notChannel) : nil]
                    } else {
                        let inv = invstd.reshape(channelShape).to(x.dtype)
                        xhat = (x - mean.reshape(channelShape).to(x.dtype)) * inv
                        grads = [needs[0] ? gw * inv : nil]
                    }
                    if hasWeight { grads.append(needW ? (g * xhat).sum(dims: notChannel) : nil) }
                    if hasBias { grads.append(needB ? g.sum(dims: notChannel) : nil) }
                    return grads
                }
                let g = ctx.grad.cast(compute).contiguous(), xs = ctx.saved[0].cast(compute).contiguous()
                let ws = hasWeight ? ctx.saved[1].cast(compute).reshape([c]).contiguous() : nil
                let dx = needs[0] ? Tensor(uninitializedShape: inputShape, dtype: compute, device: device) : nil
                let dw = needW ? Tensor(uninitializedShape: [c], dtype: compute, device: device) : nil
                let db = needB ? Tensor(uninitializedShape: [c], dtype: compute, device: device) : nil
                Dispatch.batchNormBackward(grad: g, x: xs, n: n, c: c, inner: inner, mean: mean, invstd: invstd,
                                           weight: ws, training: useBatchStats, dx: dx, dw: dw, db: db)
                grads = [dx]
                if hasWeight { grads.append(dw.map { $0.reshape(weightShape) }) }
                if hasBias { grads.append(db.map { $0.reshape(biasShape) }) }
                return grads
            }
        }
        return result
    }

    /// Instance normalization: each channel of each sample normalized on its
    /// own, PyTorch's `F.instance_norm`.
    ///
    /// Runs `batchNorm` on the input viewed as `[1, N * C, *]`; running
    /// statistics, when given, receive the mean of the per-sample updates.
    public static func instanceNorm(_ input: Tensor, runningMean: Tensor? = nil, runningVar: Tensor? = nil, weight: Tensor? = nil,
                                    bias: Tensor? = nil, useInputStats: Bool = true, momentum: Double = 0.1, eps: Double = 1e-5,
                                    file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(input.ndim >= 2, "instance_norm: expected input with at least 2 dims, got input of size \(torchSizeString(input.shape))", file: file, line: line)
        let n = input.shape[0], c = input.shape[1], rest = Array(input.shape[2...])
        if useInputStats {
            torchCheck(rest.reduce(1, *) > 1, "Expected more than 1 spatial element when training, got input size \(torchSizeString(input.shape))", file: file, line: line)
        }
        let x = input.reshape([1, n * c] + rest, file: file, line: line)
        let repeatedMean = runningMean.map { $0.detach().repeat([n]) }, repeatedVar = runningVar.map { $0.detach().repeat([n]) }
        let out = batchNorm(x, runningMean: repeatedMean, runningVar: repeatedVar, weight: weight?.repeat([n]), bias: bias?.repeat([n]),
                            training: useInputStats, momentum: momentum, eps: eps, file: file, line: line)
        if useInputStats {
            noGrad {
                if let runningMean, let repeatedMean { runningMean.copy_(repeatedMean.reshape([n, c]).mean(dim: 0)) }
                if let runningVar, let repeatedVar { runningVar.copy_(repeatedVar.reshape([n, c]).mean(dim: 0)) }
            }
        }
        return out.view(input.shape, file: file, line: line)
    }
}
