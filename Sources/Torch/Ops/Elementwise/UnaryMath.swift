import Foundation

enum AbsFunction: UnaryFunction { @inline(__always) static func apply<T: NumericElement>(_ x: T) -> T { T.absolute(x) } }
enum SignFunction: UnaryFunction {
    // NaN compares false both ways, so it gives 0 as in PyTorch.
    @inline(__always) static func apply<T: NumericElement>(_ x: T) -> T {
        x > T.zeroValue ? T.oneValue : (x < T.zeroValue ? T.negate(T.oneValue) : T.zeroValue)
    }
}
enum ReluFunction: UnaryFunction {
    @inline(__always) static func apply<T: NumericElement>(_ x: T) -> T { x.isNaNValue ? x : (x > T.zeroValue ? x : T.zeroValue) }
}
enum ReciprocalFunction: FloatUnaryFunction { @inline(__always) static func apply<T: FloatElement>(_ x: T) -> T { 1 / x } }
enum ErfFunction: FloatUnaryFunction { @inline(__always) static func apply<T: FloatElement>(_ x: T) -> T { T.erf(x) } }

extension Tensor {
    /// The absolute value elementwise, PyTorch's `abs`. Keeps the dtype; bool is not supported.
    public func abs(file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(dtype != .bool, unsupportedDTypeMessage("abs_cpu", .bool), file: file, line: line)
        let out = unaryKernelOp(AbsFunction.self, self)
        if gradNeeded(self) {
            recordNode("AbsBackward0", inputs: [self], output: out, saving: [self]) { ctx in [ctx.grad * ctx.saved[0].sign()] }
        }
        return out
    }

    /// -1, 0 or 1 by the sign of each element, PyTorch's `sign` (NaN gives 0; bool stays bool).
    public func sign() -> Tensor {
        if dtype == .bool { return clone() }
        let out = unaryKernelOp(SignFunction.self, self)
        if gradNeeded(self) {
            recordNode("SignBackward0", inputs: [self], output: out) { ctx in [Torch.zerosLike(ctx.grad)] }
        }
        return out
    }

    /// `max(x, 0)` elementwise, PyTorch's `relu`. NaN stays NaN.
    public func relu(file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(dtype != .bool, "Boolean inputs not supported for relu", file: file, line: line)
        let out = unaryKernelOp(ReluFunction.self, self)
        if gradNeeded(self) {
            recordNode("ReluBackward0", inputs: [self], output: out, savingOutput: true) { ctx in
                [reluBackward(ctx.grad, ctx.saved[0])]
            }
        }
        return out
    }

    /// `1 / x` elementwise, PyTorch's `reciprocal`. Integer inputs give float32.
    public func reciprocal() -> Tensor {
        floatUnaryOp(ReciprocalFunction.self, "ReciprocalBackward0", savingOutput: true) { g, s in -g * s[0] * s[0] }
    }

    /// The Gauss error function elementwise, PyTorch's `erf`.
    public func erf() -> Tensor {
        floatUnaryOp(ErfFunction.self, "ErfBackward0", savingInput: true) { g, s in
            g * (2 / Foundation.sqrt(Double.pi)) * (-(s[0] * s[0])).exp()
        }
    }

    /// `abs` in place, PyTorch's `abs_`.
    @discardableResult
    public func abs_(file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        updateInPlace(resultType: dtype, file: file, line: line) { $0.abs(file: file, line: line) }
    }

    /// `relu` in place, PyTorch's `relu_`.
    @discardableResult
    public func relu_(file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        updateInPlace(resultType: dtype, file: file, line: line) { $0.relu(file: file, line: line) }
    }
}

/// PyTorch's `torch.abs`.
public func abs(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { x.abs(file: file, line: line) }
/// PyTorch's `torch.sign`.
public func sign(_ x: Tensor) -> Tensor { x.sign() }
/// PyTorch's `torch.relu`.
public func relu(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { x.relu(file: file, line: line) }
/// PyTorch's `torch.reciprocal`.
public func reciprocal(_ x: Tensor) -> Tensor { x.reciprocal() }
/// PyTorch's `torch.erf`.
public func erf(_ x: Tensor) -> Tensor { x.erf() }

/// `result <= 0 ? 0 : grad`, PyTorch's `threshold_backward(grad, result, 0)`:
/// NaN results pass the gradient through, as in PyTorch.
enum ReluGradFunction: BinaryFunction {
    @inline(__always) static func apply<T: NumericElement>(_ grad: T, _ result: T) -> T {
        result <= T.zeroValue ? T.zeroValue : grad
    }
}

/// The gradient of `relu` in one fused pass; differentiable in `grad` (its
/// own backward masks with the same result), so double backward works.
func reluBackward(_ grad: Tensor, _ result: Tensor) -> Tensor {
    let out = binaryKernelOp(ReluGradFunction.self, grad, result, dtype: grad.dtype, file: #fileID, line: #line)
    if gradNeeded(grad) {
        recordNode("ThresholdBackwardBackward0", inputs: [grad], output: out, saving: [result]) { ctx in
            [reluBackward(ctx.grad, ctx.saved[0])]
        }
    }
    return out
}
