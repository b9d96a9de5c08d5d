import Foundation

extension Tensor {
    /// Runs a pointwise activation kernel and records `node`. The backward is the
    /// fused kernel, or `grad * derivative(x)` in Tensor ops when a graph is built.
    func pointwiseActivation<F: PointwiseActivation>(
        _ f: F.Type, _ node: String, kernel: String, a: Double = 0, b: Double = 0, c: Double = 0,
        file: StaticString, line: UInt, derivative: @escaping (Tensor) -> Tensor
    ) -> Tensor {
        torchCheck(dtype.isFloatingPoint, unsupportedDTypeMessage(kernel, dtype), file: file, line: line)
        let out = Dispatch.activation(F.self, self, a: a, b: b, c: c)
        if gradNeeded(self) {
            recordNode(node, inputs: [self], output: out, saving: [self]) { ctx in
                if !GradMode.isEnabled { return [Dispatch.activationBackward(F.self, ctx.saved[0], ctx.grad, a: a, b: b, c: c)] }
                return [ctx.grad * derivative(ctx.saved[0])]
            }
        }
        return out
    }

    /// The in-place form of `pointwiseActivation`: writes through this tensor's layout.
    func pointwiseActivation_<F: PointwiseActivation>(
        _ f: F.Type, _ node: String, kernel: String, a: Double = 0, b: Double = 0, c: Double = 0,
        file: StaticString, line: UInt, derivative: @escaping (Tensor) -> Tensor
    ) -> Tensor {
        torchCheck(dtype.isFloatingPoint, unsupportedDTypeMessage(kernel, dtype), file: file, line: line)
        return applyInPlace(file: file, line: line) {
            let r = Dispatch.activation(F.self, self, a: a, b: b, c: c)
            Dispatch.copy(from: r, srcLayout: r.layout, to: self, dstLayout: layout)
        } outOfPlace: {
            self.clone().pointwiseActivation(F.self, node, kernel: kernel, a: a, b: b, c: c, file: file, line: line, derivative: derivative)
        }
    }
}

/// 1 where `condition` holds, else 0, in `x`'s dtype.
private func indicator(_ condition: Tensor, like x: Tensor) -> Tensor { condition.to(x.dtype) }

// SELU's constants, as in PyTorch.
private let seluAlpha = 1.673_263_242_354_377_284_817_042_991_671_7
private let seluScale = 1.050_700_987_355_480_493_419_334_985_294_6

extension Functional {
    /// Clamps to `[minVal, maxVal]`, PyTorch's `F.hardtanh`.
    public static func hardtanh(_ input: Tensor, minVal: Double = -1, maxVal: Double = 1, inplace: Bool = false,
                                file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(minVal <= maxVal, "min_val cannot be greater than max_val", file: file, line: line)
        if input.dtype.isIntegral {
            // PyTorch clamps integer tensors to the bounds truncated toward zero and kept
            // inside the dtype's range (so -1 is 0 for uint8); no gradient flows.
            let range: ClosedRange<Int64> = input.dtype == .uint8 ? 0...255 : input.dtype == .int8 ? -128...127
                : input.dtype == .int16 ? -32768...32767 : input.dtype == .int32 ? Int64(Int32.min)...Int64(Int32.max) : Int64.min...Int64.max
            func bound(_ v: Double) -> Scalar {
                let t = Int64(Swift.min(Swift.max(v.rounded(.towardZero), -9e18), 9e18))
                return .int(Swift.min(Swift.max(t, range.lowerBound), range.upperBound))
            }
            let lo = bound(minVal), hi = bound(maxVal)
            return inplace ? input.clamp_(min: lo, max: hi, file: file, line: line) : input.clamp(min: lo, max: hi, file: file, line: line)
        }
        let derivative = { (x: Tensor) in indicator(x.gt(minVal).logicalAnd(x.lt(maxVal)), like: x) }
        return inplace
            ? input.pointwiseActivation_(HardtanhFunction.self, "HardtanhBackward0", kernel: "hardtanh_backward_cpu", a: minVal, b: maxVal, file: file, line: line, derivative: derivative)
            : input.pointwiseActivation(HardtanhFunction.self, "HardtanhBackward0", kernel: "hardtanh_backward_cpu", a: minVal, b: maxVal, file: file, line: line, derivative: derivative)
    }

    /// `min(max(x, 0), 6)`, PyTorch's `F.relu6`.
    public static func relu6(_ input: Tensor, inplace: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        hardtanh(input, minVal: 0, maxVal: 6, inplace: inplace, file: file, line: line)
    }

    /// `x` where positive, `alpha * (exp(x) - 1)` elsewhere, PyTorch's `F.elu`.
    public static func elu(_ input: Tensor, alpha: Double = 1, inplace: Bool = false,
                           file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        eluFamily(input, "EluBackward0", alpha: alpha, scale: 1, inputScale: 1, inplace: inplace, file: file, line: line)
    }

    /// Scaled ELU with PyTorch's fixed constants, PyTorch's `F.selu`.
    public static func selu(_ input: Tensor, inplace: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        eluFamily(input, "EluBackward0", alpha: seluAlpha, scale: seluScale, inputScale: 1, inplace: inplace, file: file, line: line)
    }

    /// `max(0, x) + min(0, alpha * (exp(x / alpha) - 1))`, PyTorch's `F.celu`.
    public static func celu(_ input: Tensor, alpha: Double = 1, inplace: Bool = false,
                            file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(alpha != 0, "ZeroDivisionError: alpha cannot be 0 for CELU", file: file, line: line)
        return eluFamily(input, "CeluBackward0", alpha: alpha, scale: 1, inputScale: 1 / alpha, inplace: inplace, file: file, line: line)
    }

    private static func eluFamily(_ input: Tensor, _ node: String, alpha: Double, scale: Double, inputScale: Double, inplace: Bool,
                                  file: StaticString, line: UInt) -> Tensor {
        let derivative = { (x: Tensor) in
            Torch.where(x.gt(0), Torch.fullLike(x, scale), (x * inputScale).exp() * (inputScale * scale * alpha))
        }
        return inplace
            ? input.pointwiseActivation_(EluFunction.self, node, kernel: "elu_cpu", a: alpha, b: scale, c: inputScale, file: file, line: line, derivative: derivative)
            : input.pointwiseActivation(EluFunction.self, node, kernel: "elu_cpu", a: alpha, b: scale, c: inputScale, file: file, line: line, derivative: derivative)
    }

    /// `log(1 + exp(beta * x)) / beta`, linear above `threshold`, PyTorch's `F.softplus`.
    public static func softplus(_ input: Tensor, beta: Double = 1, threshold: Double = 20,
                                file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        input.pointwiseActivation(SoftplusFunction.self, "SoftplusBackward0", kernel: "softplus_cpu", a: beta, b: threshold, file: file, line: line) { x in
            Torch.where((x * beta).gt(threshold), Torch.onesLike(x), (x * beta).sigmoid())
        }
    }

    /// `x * tanh(softplus(x))`, PyTorch's `F.mish`.
    public static func mish(_ input: Tensor, inplace: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let derivative = { (x: Tensor) -> Tensor in
            let t = x.exp().log1p().tanh()
            return t + x * x.sigmoid() * (1 - t * t)
        }
        return inplace
            ? input.pointwiseActivation_(MishFunction.self, "MishBackward0", kernel: "mish_cpu", file: file, line: line, derivative: derivative)
            : input.pointwiseActivation(MishFunction.self, "MishBackward0", kernel: "mish_cpu", file: file, line: line, derivative: derivative)
    }

    /// `relu6(x + 3) / 6`, PyTorch's `F.hardsigmoid`.
    public static func hardsigmoid(_ input: Tensor, inplace: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let derivative = { (x: Tensor) in indicator(x.gt(-3).logicalAnd(x.lt(3)), like: x) / 6 }
        return inplace
            ? input.pointwiseActivation_(HardsigmoidFunction.self, "HardsigmoidBackward0", kernel: "hardsigmoid_cpu", file: file, line: line, derivative: derivative)
            : input.pointwiseActivation(HardsigmoidFunction.self, "HardsigmoidBackward0", kernel: "hardsigmoid_cpu", file: file, line: line, derivative: derivative)
    }

    /// `x * relu6(x + 3) / 6`, PyTorch's `F.hardswish`.
    public static func hardswish(_ input: Tensor, inplace: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let derivative = { (x: Tensor) in
            Torch.where(x.lt(-3), Torch.zerosLike(x), Torch.where(x.le(3), x / 3 + 0.5, Torch.onesLike(x)))
        }
        return inplace
            ? input.pointwiseActivation_(HardswishFunction.self, "HardswishBackward0", kernel: "hardswish_cpu", file: file, line: line, derivative: derivative)
            : input.pointwiseActivation(HardswishFunction.self, "HardswishBackward0", kernel: "hardswish_cpu", file: file, line: line, derivative: derivative)
    }

    /// `value` where `x <= threshold`, else `x`, PyTorch's `F.threshold`.
    public static func threshold(_ input: Tensor, threshold: Double, value: Double, inplace: Bool = false,
                                 file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        if input.dtype.isIntegral {
            // PyTorch converts both numbers to the integer dtype (toward zero) first; no gradient flows.
            let t = Int64(threshold.rounded(.towardZero)), v = Torch.full([], Int64(value.rounded(.towardZero)), dtype: input.dtype)
            let out = Torch.where(input.gt(Scalar.int(t)), input, v)
            return inplace ? input.copy_(out, file: file, line: line) : out
        }
        let derivative = { (x: Tensor) in indicator(x.gt(threshold), like: x) }
        return inplace
            ? input.pointwiseActivation_(ThresholdFunction.self, "ThresholdBackward0", kernel: "threshold_cpu", a: threshold, b: value, file: file, line: line, derivative: derivative)
            : input.pointwiseActivation(ThresholdFunction.self, "ThresholdBackward0", kernel: "threshold_cpu", a: threshold, b: value, file: file, line: line, derivative: derivative)
    }

    /// `log(sigmoid(x))`, computed stably, PyTorch's `F.logsigmoid`.
    public static func logsigmoid(_ input: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        input.pointwiseActivation(LogSigmoidFunction.self, "LogSigmoidBackward0", kernel: "log_sigmoid_cpu", file: file, line: line) { x in (-x).sigmoid() }
    }

    /// 0 inside `[-lambd, lambd]`, `x` outside, PyTorch's `F.hardshrink`.
    public static func hardshrink(_ input: Tensor, lambd: Double = 0.5, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        input.pointwiseActivation(HardshrinkFunction.self, "HardshrinkBackward0", kernel: "hardshrink_cpu", a: lambd, file: file, line: line) { x in
            indicator(x.abs().gt(lambd), like: x)
        }
    }

    /// `x` moved toward 0 by `lambd` (0 inside `[-lambd, lambd]`), PyTorch's `F.softshrink`.
    public static func softshrink(_ input: Tensor, lambd: Double = 0.5, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(lambd >= 0, "lambda must be in range [0, 3.40282e+38] for input dtype \(input.dtype.scalarTypeName), but found \(formatNumber(lambd))", file: file, line: line)
        return input.pointwiseActivation(SoftshrinkFunction.self, "SoftshrinkBackward0", kernel: "softshrink_cpu", a: lambd, file: file, line: line) { x in
            indicator(x.abs().gt(lambd), like: x)
        }
    }

    /// `x / (1 + |x|)`, PyTorch's `F.softsign` (composed, as in PyTorch).
    public static func softsign(_ input: Tensor) -> Tensor { input / (input.abs() + 1) }

    /// `x - tanh(x)`, PyTorch's `F.tanhshrink` (composed, as in PyTorch).
    public static func tanhshrink(_ input: Tensor) -> Tensor { input - input.tanh() }

    /// Gated linear unit: the first half of `dim` times the sigmoid of the second, PyTorch's `F.glu`.
    public static func glu(_ input: Tensor, dim: Int = -1, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(input.ndim > 0, "glu does not support scalars because halving size must be even", file: file, line: line)
        let d = wrapDim(dim, rank: input.ndim, file: file, line: line)
        let size = input.shape[d]
        torchCheck(size % 2 == 0, "Halving dimension must be even, but dimension \(d) is size \(size)", file: file, line: line)
        let half = size / 2
        let out = noGrad { input.narrow(d, 0, half) * input.narrow(d, half, half).sigmoid() }
        if gradNeeded(input) {
            recordNode("GluBackward0", inputs: [input], output: out, saving: [input]) { ctx in
                let x = ctx.saved[0], g = ctx.grad
                let a = x.narrow(d, 0, half), s = x.narrow(d, half, half).sigmoid()
                return [Torch.cat([g * s, g * a * s * (1 - s)], dim: d)]
            }
        }
        return out
    }

    /// Leaky ReLU with a learned slope, PyTorch's `F.prelu`.
    ///
    /// `weight` holds one slope, or one per channel (dim 1 of `input`).
    public static func prelu(_ input: Tensor, weight: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let channels = input.ndim >= 2 ? input.shape[1] : 1
        torchCheck(weight.ndim <= 1, "prelu: Expected `weight` to be a scalar or 1D tensor, but got: ndim = \(weight.ndim)", file: file, line: line)
        torchCheck(weight.numel() == 1 || weight.numel() == channels, "Mismatch of parameter numbers and input channel size. Found parameter numbers = \(weight.numel()) and channel size = \(channels).", file: file, line: line)
        var slopeShape = [Int](repeating: 1, count: input.ndim)
        if weight.numel() > 1 { slopeShape[1] = channels }
        let notChannel = (0..<input.ndim).filter { weight.numel() == 1 || $0 != 1 }
        let out = noGrad { Torch.where(input.gt(0), input, input * weight.reshape(slopeShape)) }
        if gradNeeded(input, weight) {
            recordNode("PreluKernelBackward0", inputs: [input, weight], output: out, saving: [input, weight]) { ctx in
                let x = ctx.saved[0], w = ctx.saved[1].reshape(slopeShape), g = ctx.grad
                let positive = x.gt(0)
                let gw = ctx.needsInputGrad[1] ? sumOver(Torch.where(positive, 0.0, x * g), notChannel).reshape(ctx.saved[1].shape) : nil
                return [ctx.needsInputGrad[0] ? Torch.where(positive, g, g * w) : nil, gw]
            }
        }
        return out
    }

    /// Randomized leaky ReLU, PyTorch's `F.rrelu`.
    ///
    /// In training each non-positive element is scaled by a slope drawn
    /// uniformly from `[lower, upper)` (one draw per such element, in memory
    /// order, as PyTorch's CPU kernel); otherwise the slope is `(lower + upper) / 2`.
    public static func rrelu(_ input: Tensor, lower: Double = 1.0 / 8, upper: Double = 1.0 / 3, training: Bool = false,
                             inplace: Bool = false, generator: Generator? = nil,
                             file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(lower <= upper, "Lower bound should be less than or equal to the upper bound", file: file, line: line)
        torchCheck(input.dtype.isFloatingPoint, unsupportedDTypeMessage("rrelu_with_noise_out_cpu", input.dtype), file: file, line: line)
        let noise: Tensor
        if training {
            let x = input.contiguous().to(.float64).toArray(as: Double.self)
            let slopes: [Double] = resolve(generator).withState { state in
                x.map { $0 <= 0 ? lower.addingProduct(state.uniformDouble(), upper - lower) : 1 }
            }
            noise = Tensor.fromArray(slopes, shape: input.shape).to(input.dtype)
        } else {
            noise = noGrad { Torch.where(input.gt(0), Torch.onesLike(input), Torch.fullLike(input, (lower + upper) / 2)) }
        }
        let out = noGrad { input * noise }
        if inplace {
            return input.applyInPlace(file: file, line: line) {
                Dispatch.copy(from: out, srcLayout: out.layout, to: input, dstLayout: input.layout)
            } outOfPlace: {
                input.clone() * noise
            }
        }
        if gradNeeded(input) {
            recordNode("RreluWithNoiseBackward0", inputs: [input], output: out) { ctx in [ctx.grad * noise] }
        }
        return out
    }
}

extension Tensor {
    /// 0 inside `[-lambd, lambd]`, `x` outside, PyTorch's `Tensor.hardshrink`; see `Functional.hardshrink`.
    public func hardshrink(lambd: Double = 0.5, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        Functional.hardshrink(self, lambd: lambd, file: file, line: line)
    }

    /// Leaky ReLU with a learned slope, PyTorch's `Tensor.prelu`; see `Functional.prelu`.
    public func prelu(_ weight: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        Functional.prelu(self, weight: weight, file: file, line: line)
    }
}
