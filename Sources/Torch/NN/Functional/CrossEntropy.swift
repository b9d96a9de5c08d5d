extension Functional {
    /// The negative log-likelihood loss, PyTorch's `F.nll_loss`.
    ///
    /// `input` holds log-probabilities `[N, C]`, `[C]` or `[N, C, d1, ...]`;
    /// `target` holds class indices (int64 or uint8) `[N]`, `[]` or `[N, d1, ...]`.
    /// Targets equal to `ignoreIndex` add nothing (nor weight). With `.mean`
    /// the sum is divided by the total weight of the counted targets.
    public static func nllLoss(_ input: Tensor, _ target: Tensor, weight: Tensor? = nil, ignoreIndex: Int = -100,
                               reduction: Reduction = .mean, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(target.dtype == .int64 || target.dtype == .uint8, "expected target dtype to be Long or Byte, but got \(target.dtype.scalarTypeName)", file: file, line: line)
        torchCheck(input.ndim >= 1, "input tensor should be 1D or 2D", file: file, line: line)
        let classes = input.ndim == 1 ? input.shape[0] : input.shape[1]
        if input.ndim <= 2 {
            torchCheck(target.ndim <= 1, "0D or 1D target tensor expected, multi-target not supported", file: file, line: line)
            let batch = input.ndim == 1 ? 1 : input.shape[0]
            let targetBatch = target.ndim == 0 ? 1 : target.shape[0]
            torchCheck(batch == targetBatch, "Expected input batch_size (\(batch)) to match target batch_size (\(targetBatch)).", file: file, line: line)
            if let weight {
                torchCheck(weight.ndim == 1 && weight.numel() == classes, "weight tensor should be defined either for all \(classes) classes or no classes but got weight tensor of shape: \(shapeString(weight.shape))", file: file, line: line)
            }
        } else {
            torchCheck(input.shape[0] == target.shape.first, "Expected input batch_size (\(input.shape[0])) to match target batch_size (\(target.shape.first ?? 1)).", file: file, line: line)
            let expected = [input.shape[0]] + input.shape[2...]
            torchCheck(target.shape == expected, "Expected target size \(shapeString(expected)), got \(shapeString(target.shape))", file: file, line: line)
            if let weight {
                torchCheck(weight.numel() == classes, "weight tensor should be defined either for all or no classes", file: file, line: line)
            }
        }
        torchCheck(input.dtype.isFloatingPoint, unsupportedDTypeMessage("nll_loss_forward_out_frame", input.dtype), file: file, line: line)
        if input.ndim >= 3 && input.ndim != 4 {
            // PyTorch views other ranks as 4-d for its 2-d kernel, and the result back.
            let n = input.shape[0], rest = target.numel() / Swift.max(n, 1)
            let out = nllLoss(input.reshape([n, classes, 1, rest], file: file, line: line), target.reshape([n, 1, rest], file: file, line: line),
                              weight: weight, ignoreIndex: ignoreIndex, reduction: reduction, file: file, line: line)
            return reduction == .none ? out.reshape(target.shape, file: file, line: line) : out
        }

        let compute = input.dtype.computeType
        let x = input.cast(compute).contiguous()
        let t = target.to(.int64).contiguous()
        let w = weight.map { $0.detach().cast(compute).contiguous() }
        let problem = NllLossKernel.Problem(outer: input.ndim == 1 ? 1 : input.shape[0], classes: classes,
                                            inner: input.ndim <= 2 ? 1 : input.shape[2...].reduce(1, *), ignoreIndex: Int64(ignoreIndex))
        let device = commonDevice([input, target] + [weight].compactMap { $0 }, file: file, line: line)
        let perElement = reduction == .none ? Tensor(uninitializedShape: target.shape, dtype: compute, device: device) : nil
        let (sum, totalWeight) = Dispatch.nllLoss(problem, input: x, target: t, weight: w, perElement: perElement, file: file, line: line)
        let result: Tensor
        switch reduction {
        case .none: result = perElement!
        case .sum: result = sum.cast(compute)
        case .mean: result = noGrad { sum.div(totalWeight) }.cast(compute)
        }
        let out = result.cast(input.dtype)
        if gradNeeded(input) {
            let scale = reduction == .mean ? noGrad { totalWeight.reciprocal() } : Torch.ones([], device: device, dtype: .float64)
            let inputShape = input.shape, inputDType = input.dtype
            recordNode(input.ndim == 4 ? "NllLoss2DBackward0" : "NllLossBackward0", inputs: [input], output: out) { ctx in
                [nllLossBackward(ctx.grad, problem: problem, inputShape: inputShape, dtype: inputDType, target: t, weight: w, scale: scale)]
            }
        }
        return out
    }

    /// The cross-entropy loss between logits and targets, PyTorch's `F.cross_entropy`.
    ///
    /// `input` is `[N, C]`, `[C]` or `[N, C, d1, ...]` (unnormalised scores).
    /// `target` is either class indices (int64, shaped like `input` without
    /// the class dim) or class probabilities (floating, shaped like `input`).
    /// Computed as `nllLoss(logSoftmax(input, dim: 1), target)`, so its
    /// grad_fn is `NllLossBackward0` fed by `LogSoftmaxBackward0`.
    ///
    /// ```swift
    /// let loss = Functional.crossEntropy(logits, labels)             // mean over the batch
    /// let smooth = Functional.crossEntropy(logits, labels, labelSmoothing: 0.1)
    /// ```
    public static func crossEntropy(_ input: Tensor, _ target: Tensor, weight: Tensor? = nil, ignoreIndex: Int = -100,
                                    reduction: Reduction = .mean, labelSmoothing: Double = 0,
                                    file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(labelSmoothing >= 0 && labelSmoothing <= 1, "label_smoothing must be between 0.0 and 1.0. Got: \(labelSmoothing)", file: file, line: line)
        let classDim = input.ndim == 1 ? 0 : 1
        let logp = input.logSoftmax(dim: classDim, file: file, line: line)
        let classes = input.ndim == 0 ? 1 : input.shape[classDim]
        // Weights viewed to broadcast along the class dim (once their size is checked).
        func weightView() -> Tensor? {
            weight.map { w -> Tensor in
                var shape = [Int](repeating: 1, count: input.ndim)
                shape[classDim] = classes
                return w.reshape(shape, file: file, line: line)
            }
        }
        if input.shape == target.shape {
            torchCheck(target.dtype.isFloatingPoint, "Expected floating point type for target with class probabilities, got \(target.dtype.scalarTypeName)", file: file, line: line)
            if let weight {
                torchCheck(weight.ndim == 1 && weight.numel() == classes, "weight tensor should be defined either for all \(classes) classes or no classes but got weight tensor of shape: \(shapeString(weight.shape))", file: file, line: line)
            }
            let probs = labelSmoothing > 0 ? target * (1 - labelSmoothing) + labelSmoothing / Double(classes) : target
            var terms = logp * probs
            if let w = weightView() { terms = terms * w }
            switch reduction {
            case .none: return -terms.sum(dim: classDim)
            case .sum: return -terms.sum()
            case .mean: return -terms.sum() / Double(input.numel() / Swift.max(classes, 1))
            }
        }
        let nll = nllLoss(logp, target, weight: weight, ignoreIndex: ignoreIndex, reduction: reduction, file: file, line: line)
        guard labelSmoothing > 0 else { return nll }
        let ignored = target.eq(ignoreIndex)
        var smooth = -(weightView().map { logp * $0 } ?? logp).sum(dim: classDim)
        smooth = smooth.maskedFill(ignored, 0.0)
        let smoothTerm: Tensor
        switch reduction {
        case .none: smoothTerm = smooth
        case .sum: smoothTerm = smooth.sum()
        case .mean:
            if let weight {
                let kept = target.maskedSelect(ignored.logicalNot()).flatten()
                smoothTerm = smooth.sum() / weight.gather(0, kept).sum()
            } else {
                smoothTerm = smooth.sum() / ignored.logicalNot().sum()
            }
        }
        return (1 - labelSmoothing) * nll + smoothTerm * (labelSmoothing / Double(classes))
    }
}

/// The input gradient of `nllLoss`: the kernel, or a scatter of Tensor ops when
/// building a graph for higher-order gradients.
private func nllLossBackward(_ grad: Tensor, problem: NllLossKernel.Problem, inputShape: [Int], dtype: DType,
                             target: Tensor, weight: Tensor?, scale: Tensor) -> Tensor {
    if GradMode.isEnabled {
        let classDim = inputShape.count == 1 ? 0 : 1
        let kept = target.ne(Int(problem.ignoreIndex))
        let safe = target.maskedFill(kept.logicalNot(), 0)
        var w = kept.to(dtype)
        if let weight { w = w * weight.to(dtype).gather(0, safe.flatten()).reshape(target.shape) }
        let src = (-(grad * w) * scale).unsqueeze(classDim)
        let zeros = Torch.zeros(inputShape, device: grad.device, dtype: dtype)
        return zeros.scatter(classDim, safe.unsqueeze(classDim), src)
    }
    let compute = dtype.computeType
    let g = grad.cast(compute).contiguous()
    let out = Tensor(uninitializedShape: inputShape, dtype: compute, device: grad.device)
    Dispatch.nllLossBackward(problem, grad: g, scale: scale, target: target, weight: weight, into: out)
    return out.cast(dtype)
}
