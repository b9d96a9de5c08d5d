extension Functional {
    /// Layer normalization over the trailing `normalizedShape` dims, PyTorch's `F.layer_norm`.
    ///
    /// `(x - mean) / sqrt(var + eps) * weight + bias` with the biased variance
    /// of each `normalizedShape` block. Forward and backward are fused kernels
    /// (grad_fn `NativeLayerNormBackward0`).
    public static func layerNorm(_ input: Tensor, normalizedShape: [Int], weight: Tensor? = nil, bias: Tensor? = nil,
                                 eps: Double = 1e-5, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let k = normalizedShape.count
        torchCheck(k >= 1 && input.ndim >= k && Array(input.shape.suffix(k)) == normalizedShape,
                   "Given normalized_shape=\(shapeString(normalizedShape)), expected input with shape [*, \(normalizedShape.map(String.init).joined(separator: ", "))], but got input of size\(shapeString(input.shape))", file: file, line: line)
        if let weight {
            torchCheck(weight.shape == normalizedShape, "Expected weight to be of same shape as normalized_shape, but got weight of shape \(shapeString(weight.shape)) and normalized_shape = \(shapeString(normalizedShape))", file: file, line: line)
        }
        if let bias {
            torchCheck(bias.shape == normalizedShape, "Expected bias to be of same shape as normalized_shape, but got bias of shape \(shapeString(bias.shape)) and normalized_shape = \(shapeString(normalizedShape))", file: file, line: line)
        }
        torchCheck(input.dtype.isFloatingPoint, unsupportedDTypeMessage("LayerNormKernelImpl", input.dtype), file: file, line: line)
        let compute = input.dtype.computeType
        let m = normalizedShape.reduce(1, *), rows = m == 0 ? 0 : input.numel() / m
        let x = input.cast(compute).contiguous()
        let w = weight.map { $0.detach().cast(compute).contiguous() }, b = bias.map { $0.detach().cast(compute).contiguous() }
        let inputs = [input] + [weight, bias].compactMap { $0 }
        let device = commonDevice(inputs, file: file, line: line)
        let out = Tensor(uninitializedShape: input.shape, dtype: compute, device: device)
        let mean = Tensor(uninitializedShape: [rows], dtype: compute, device: device)
        let rstd = Tensor(uninitializedShape: [rows], dtype: compute, device: device)
        Dispatch.layerNorm(x, weight: w, bias: b, rows: rows, m: m, eps: eps, mean: mean, rstd: rstd, into: out)
        let result = out.cast(input.dtype)
        if gradNeeded(inputs) {
            let hasWeight = weight != nil, hasBias = bias != nil, inputShape = input.shape
            let leading = Array(0..<(input.ndim - k)), trailing = Array((input.ndim - k)..<input.ndim)
            recordNode("NativeLayerNormBackward0", inputs: inputs, output: result, saving: [input] + [weight].compactMap { $0 }) { ctx in
                let needs = ctx.needsInputGrad
                let needW = hasWeight && needs[1], needB = hasBias && needs[hasWeight ? 2 : 1]
                var grads: [Tensor?]
                if GradMode.isEnabled {
                    let x = ctx.saved[0], g = ctx.grad
                    let (xhat, r) = normalizeComposed(x, dims: trailing, eps: eps)
                    let gw = hasWeight ? g * ctx.saved[1] : g
                    grads = [needs[0] ? normalizedInputGradient(gw, xhat: xhat, rstd: r, dims: trailing) : nil]
                    if hasWeight { grads.append(needW ? sumOver(g * xhat, leading) : nil) }
                    if hasBias { grads.append(needB ? sumOver(g, leading) : nil) }
                    return grads
                }
                let g = ctx.grad.cast(compute).contiguous(), xs = ctx.saved[0].cast(compute).contiguous()
                let dx = needs[0] ? Tensor(uninitializedShape: inputShape, dtype: compute, device: device) : nil
                let dw = needW ? Tensor(uninitializedShape: normalizedShape, dtype: compute, device: device) : nil
                let db = needB ? Tensor(uninitializedShape: normalizedShape, dtype: compute, device: device) : nil
                let ws = hasWeight ? ctx.saved[1].cast(compute).contiguous() : nil
                Dispatch.layerNormBackward(grad: g, x: xs, mean: mean, rstd: rstd, weight: ws, rows: rows, m: m, dx: dx, dw: dw, db: db)
                grads = [dx]
                if hasWeight { grads.append(dw) }
                if hasBias { grads.append(db) }
                return grads
            }
        }
        return result
    }

    /// Group normalization over groups of channels, PyTorch's `F.group_norm`.
    ///
    /// `input` is `[N, C, *]`; each of the `numGroups` groups of `C / numGroups`
    /// channels is normalized per sample, then `weight` and `bias` (`[C]`) apply per channel.
    public static func groupNorm(_ input: Tensor, numGroups: Int, weight: Tensor? = nil, bias: Tensor? = nil, eps: Double = 1e-5,
                                 file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(input.ndim >= 2, "Expected at least 2 dimensions for input tensor but received \(input.ndim)", file: file, line: line)
        let n = input.shape[0], c = input.shape[1]
        torchCheck(numGroups > 0 && c % numGroups == 0, "Expected number of channels in input to be divisible by num_groups, but got input of shape \(shapeString(input.shape)) and num_groups=\(numGroups)", file: file, line: line)
        if let weight { torchCheck(weight.ndim == 1 && weight.numel() == c, "Expected weight to be a vector of size equal to the number of channels in input, but got weight of shape \(shapeString(weight.shape)) and input of shape \(shapeString(input.shape))", file: file, line: line) }
        if let bias { torchCheck(bias.ndim == 1 && bias.numel() == c, "Expected bias to be a vector of size equal to the number of channels in input, but got bias of shape \(shapeString(bias.shape)) and input of shape \(shapeString(input.shape))", file: file, line: line) }
        torchCheck(input.dtype.isFloatingPoint, unsupportedDTypeMessage("GroupNormKernelImpl", input.dtype), file: file, line: line)
        torchCheck(c > 0, "Expected number of channels to be greater than 0, got \(c)", file: file, line: line)
        let spatialSize = input.shape.dropFirst(2).reduce(1, *)
        torchCheck(spatialSize > 0, "Expected HxW to be greater than 0, got \(spatialSize)", file: file, line: line)
        let channelShape = [1, c] + [Int](repeating: 1, count: input.ndim - 2)
        let grouped = [n, numGroups, input.numel() / Swift.max(n * numGroups, 1)]  // explicit: -1 is ambiguous for an empty batch
        let notChannel = (0..<input.ndim).filter { $0 != 1 }
        let out = noGrad { () -> Tensor in
            // Half types normalize in float32 and round once, as PyTorch's kernel does.
            let work = input.dtype.computeType
            let (xhat, _) = normalizeComposed(input.to(work).reshape(grouped), dims: [2], eps: eps)
            var y = xhat.reshape(input.shape)
            if let weight { y = y * weight.to(work).reshape(channelShape) }
            if let bias { y = y + bias.to(work).reshape(channelShape) }
            return y.to(input.dtype)
        }
        let inputs = [input] + [weight, bias].compactMap { $0 }
        if gradNeeded(inputs) {
            let hasWeight = weight != nil, hasBias = bias != nil
            recordNode("NativeGroupNormBackward0", inputs: inputs, output: out, saving: [input] + [weight].compactMap { $0 }) { ctx in
                let needs = ctx.needsInputGrad, x = ctx.saved[0], g = ctx.grad
                let (xhat, r) = normalizeComposed(x.reshape(grouped), dims: [2], eps: eps)
                let gw = (hasWeight ? g * ctx.saved[1].reshape(channelShape) : g).reshape(grouped)
                var grads: [Tensor?] = [needs[0] ? normalizedInputGradient(gw, xhat: xhat, rstd: r, dims: [2]).reshape(x.shape) : nil]
                if hasWeight { grads.append(needs[1] ? (g * xhat.reshape(x.shape)).sum(dims: notChannel) : nil) }
                if hasBias { grads.append(needs[hasWeight ? 2 : 1] ? g.sum(dims: notChannel) : nil) }
                return grads
            }
        }
        return out
    }
}

/// `((x - mean) * rstd, rstd)` over `dims` (biased variance), by Tensor ops.
func normalizeComposed(_ x: Tensor, dims: [Int], eps: Double) -> (xhat: Tensor, rstd: Tensor) {
    let centered = x - x.mean(dims: dims, keepdim: true)
    let rstd = ((centered * centered).mean(dims: dims, keepdim: true) + eps).rsqrt()
    return (centered * rstd, rstd)
}

/// The input gradient of a normalization whose statistics come from the input:
/// `rstd * (gw - mean(gw) - xhat * mean(gw * xhat))` over `dims`, `gw` the
/// gradient after the affine weight.
func normalizedInputGradient(_ gw: Tensor, xhat: Tensor, rstd: Tensor, dims: [Int]) -> Tensor {
    rstd * (gw - gw.mean(dims: dims, keepdim: true) - xhat * (gw * xhat).mean(dims: dims, keepdim: true))
}

/// The sum over `dims`, or `t` itself when there are none (an empty list is not "all dims" here).
func sumOver(_ t: Tensor, _ dims: [Int]) -> Tensor {
    dims.isEmpty ? t : t.sum(dims: dims)
}
