import Foundation

// Each function is a tiny type so its kernel is specialised once per dtype.
enum ExpFunction: FloatUnaryFunction { @inline(__always) static func apply<T: FloatElement>(_ x: T) -> T { T.exp(x) } }
enum LogFunction: FloatUnaryFunction { @inline(__always) static func apply<T: FloatElement>(_ x: T) -> T { T.log(x) } }
enum SqrtFunction: FloatUnaryFunction { @inline(__always) static func apply<T: FloatElement>(_ x: T) -> T { x.squareRoot() } }
enum TanhFunction: FloatUnaryFunction { @inline(__always) static func apply<T: FloatElement>(_ x: T) -> T { T.tanh(x) } }
enum SigmoidFunction: FloatUnaryFunction {
    @inline(__always) static func apply<T: FloatElement>(_ x: T) -> T { 1 / (1 + T.exp(-x)) }
}
enum TruncFunction: FloatUnaryFunction { @inline(__always) static func apply<T: FloatElement>(_ x: T) -> T { x.rounded(.towardZero) } }
enum ReluFunction: UnaryFunction {
    @inline(__always) static func apply<T: NumericElement>(_ x: T) -> T { x.isNaNValue ? x : (x > T.zeroValue ? x : T.zeroValue) }
}

extension Tensor {
    /// `e^x` elementwise, PyTorch's `exp`.
    public func exp() -> Tensor {
        let out = floatUnaryKernelOp(ExpFunction.self, self)
        if gradNeeded(self) {
            recordNode("ExpBackward0", inputs: [self], output: out, savingOutput: true) { ctx in [ctx.grad * ctx.saved[0]] }
        }
        return out
    }

    /// The natural logarithm elementwise, PyTorch's `log`.
    public func log() -> Tensor {
        let out = floatUnaryKernelOp(LogFunction.self, self)
        if gradNeeded(self) {
            recordNode("LogBackward0", inputs: [self], output: out, saving: [self]) { ctx in [ctx.grad / ctx.saved[0]] }
        }
        return out
    }

    /// The square root elementwise, PyTorch's `sqrt`.
    public func sqrt() -> Tensor {
        let out = floatUnaryKernelOp(SqrtFunction.self, self)
        if gradNeeded(self) {
            recordNode("SqrtBackward0", inputs: [self], output: out, savingOutput: true) { ctx in [ctx.grad / (2 * ctx.saved[0])] }
        }
        return out
    }

    /// The hyperbolic tangent elementwise, PyTorch's `tanh`.
    public func tanh() -> Tensor {
        let out = floatUnaryKernelOp(TanhFunction.self, self)
        if gradNeeded(self) {
            recordNode("TanhBackward0", inputs: [self], output: out, savingOutput: true) { ctx in
                [ctx.grad * (1 - ctx.saved[0] * ctx.saved[0])]
            }
        }
        return out
    }

    /// The logistic function elementwise, PyTorch's `sigmoid`.
    public func sigmoid() -> Tensor {
        let out = floatUnaryKernelOp(SigmoidFunction.self, self)
        if gradNeeded(self) {
            recordNode("SigmoidBackward0", inputs: [self], output: out, savingOutput: true) { ctx in
                [ctx.grad * ctx.saved[0] * (1 - ctx.saved[0])]
            }
        }
        return out
    }

    /// Rounds toward zero elementwise, PyTorch's `trunc`. Integer tensors are returned unchanged.
    public func trunc() -> Tensor {
        if !dtype.isFloatingPoint { return clone() }
        let out = floatUnaryKernelOp(TruncFunction.self, self)
        if gradNeeded(self) {
            recordNode("TruncBackward0", inputs: [self], output: out) { ctx in [Torch.zerosLike(ctx.grad)] }
        }
        return out
    }

    /// `max(x, 0)` elementwise, PyTorch's `relu`.
    public func relu() -> Tensor {
        let out = unaryKernelOp(ReluFunction.self, self)
        if gradNeeded(self) {
            recordNode("ReluBackward0", inputs: [self], output: out, savingOutput: true) { ctx in
                [ctx.grad * (ctx.saved[0] > 0).to(ctx.grad.dtype)]
            }
        }
        return out
    }
}
