import Foundation

extension Tensor {
    /// The Gaussian error linear unit `x * Φ(x)`, PyTorch's `F.gelu`.
    ///
    /// `approximate: "tanh"` uses `0.5 x (1 + tanh(√(2/π) (x + 0.044715 x³)))`.
    public func gelu(approximate: String = "none", file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(approximate == "none" || approximate == "tanh", "approximate argument must be either none or tanh.", file: file, line: line)
        torchCheck(dtype.isFloatingPoint, unsupportedDTypeMessage("GeluKernelImpl", dtype), file: file, line: line)
        let exact = approximate == "none"
        let out = exact ? Dispatch.activation(GeluExact.self, self) : Dispatch.activation(GeluTanh.self, self)
        if gradNeeded(self) {
            recordNode("GeluBackward0", inputs: [self], output: out, saving: [self]) { ctx in
                [geluBackward(ctx.grad, ctx.saved[0], exact: exact)]
            }
        }
        return out
    }

    /// The sigmoid linear unit `x * sigmoid(x)` (swish), PyTorch's `F.silu`.
    public func silu(file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(dtype.isFloatingPoint, unsupportedDTypeMessage("silu_cpu", dtype), file: file, line: line)
        let out = Dispatch.activation(Silu.self, self)
        if gradNeeded(self) {
            recordNode("SiluBackward0", inputs: [self], output: out, saving: [self]) { ctx in
                let x = ctx.saved[0]
                if !GradMode.isEnabled { return [Dispatch.activationBackward(Silu.self, x, ctx.grad)] }
                let s = x.sigmoid()
                return [ctx.grad * s * (1 + x * (1 - s))]
            }
        }
        return out
    }

    /// `x` where positive, `negativeSlope * x` elsewhere, PyTorch's `F.leaky_relu`.
    public func leakyRelu(negativeSlope: Double = 0.01, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(dtype.isFloatingPoint, unsupportedDTypeMessage("leaky_relu_cpu", dtype), file: file, line: line)
        let out = Dispatch.activation(LeakyRelu.self, self, a: negativeSlope)
        if gradNeeded(self) {
            recordNode("LeakyReluBackward0", inputs: [self], output: out, saving: [self]) { ctx in
                [leakyReluBackward(ctx.grad, ctx.saved[0], negativeSlope)]
            }
        }
        return out
    }

    /// `leakyRelu` in place, PyTorch's `leaky_relu_` (grad_fn `LeakyReluBackward1`, from the result).
    @discardableResult
    public func leakyRelu_(negativeSlope: Double = 0.01, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(dtype.isFloatingPoint, unsupportedDTypeMessage("leaky_relu_cpu", dtype), file: file, line: line)
        return applyInPlace(file: file, line: line) {
            let r = Dispatch.activation(LeakyRelu.self, self, a: negativeSlope)
            Dispatch.copy(from: r, srcLayout: r.layout, to: self, dstLayout: layout)
        } outOfPlace: {
            let x = self.clone()
            let out = noGrad { Dispatch.activation(LeakyRelu.self, x, a: negativeSlope) }
            // With a non-negative slope the result has the input's sign, so it can stand in for it.
            recordNode("LeakyReluBackward1", inputs: [x], output: out, savingOutput: true) { ctx in
                [leakyReluBackward(ctx.grad, ctx.saved[0], negativeSlope)]
            }
            return out
        }
    }

    /// `silu` in place.
    @discardableResult
    public func silu_(file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        updateInPlace(resultType: dtype, file: file, line: line) { $0.silu(file: file, line: line) }
    }
}

private func geluBackward(_ grad: Tensor, _ x: Tensor, exact: Bool) -> Tensor {
    if !GradMode.isEnabled {
        return exact ? Dispatch.activationBackward(GeluExact.self, x, grad) : Dispatch.activationBackward(GeluTanh.self, x, grad)
    }
    if exact {
        let cdf = 0.5 * (1 + (x * M_SQRT1_2).erf())
        let pdf = (-0.5 * x * x).exp() * (0.5 * M_2_SQRTPI * M_SQRT1_2)
        return grad * (cdf + x * pdf)
    }
    let k = M_2_SQRTPI * M_SQRT1_2
    let t = (k * (x + 0.044715 * x * x * x)).tanh()
    return grad * (0.5 * (1 + t) + 0.5 * x * (1 - t * t) * (k * (1 + 3 * 0.044715 * x * x)))
}

private func leakyReluBackward(_ grad: Tensor, _ x: Tensor, _ slope: Double) -> Tensor {
    if !GradMode.isEnabled { return Dispatch.activationBackward(LeakyRelu.self, x, grad, a: slope) }
    return Torch.where(x > 0, grad, grad * slope)
}

extension Functional {
    /// `max(x, 0)`, PyTorch's `F.relu` (`inplace` runs `relu_`).
    public static func relu(_ input: Tensor, inplace: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        inplace ? input.relu_(file: file, line: line) : input.relu(file: file, line: line)
    }

    /// The logistic function, PyTorch's `F.sigmoid`.
    public static func sigmoid(_ input: Tensor) -> Tensor { input.sigmoid() }

    /// The hyperbolic tangent, PyTorch's `F.tanh`.
    public static func tanh(_ input: Tensor) -> Tensor { input.tanh() }

    /// The Gaussian error linear unit, PyTorch's `F.gelu`; see `Tensor.gelu(approximate:)`.
    public static func gelu(_ input: Tensor, approximate: String = "none",
                            file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        input.gelu(approximate: approximate, file: file, line: line)
    }

    /// `x * sigmoid(x)`, PyTorch's `F.silu`.
    public static func silu(_ input: Tensor, inplace: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        inplace ? input.silu_(file: file, line: line) : input.silu(file: file, line: line)
    }

    /// Leaky ReLU, PyTorch's `F.leaky_relu`.
    public static func leakyRelu(_ input: Tensor, negativeSlope: Double = 0.01, inplace: Bool = false,
                                 file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        inplace ? input.leakyRelu_(negativeSlope: negativeSlope, file: file, line: line)
            : input.leakyRelu(negativeSlope: negativeSlope, file: file, line: line)
    }

    /// Dropout, PyTorch's `F.dropout`; see `Tensor.dropout(p:training:generator:)`.
    ///
    /// `inplace` writes the result into `input` (no autograd through it then).
    public static func dropout(_ input: Tensor, p: Double = 0.5, training: Bool = true, inplace: Bool = false,
                               generator: Generator? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let out = input.dropout(p: p, training: training, generator: generator, file: file, line: line)
        guard inplace, out !== input else { return out }
        return input.copy_(out)
    }
}
