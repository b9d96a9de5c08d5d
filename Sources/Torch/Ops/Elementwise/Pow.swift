import Foundation

enum PowFunction: FloatBinaryFunction {
    @inline(__always) static func apply<T: FloatElement>(_ a: T, _ b: T) -> T { T.pow(a, b) }
}

/// Integer powers by repeated squaring, wrapping on overflow like C++.
/// Negative exponents give 0 except for bases 1 and -1 (PyTorch's integer pow).
enum IntegerPowFunction: BinaryFunction {
    @inline(__always) static func apply<T: NumericElement>(_ a: T, _ b: T) -> T {
        var e = b.int64Value
        if e < 0 {
            let base = a.int64Value
            if base == 1 { return T.oneValue }
            if base == -1 { return e & 1 == 0 ? T.oneValue : a }
            return T.zeroValue
        }
        var result = T.oneValue, base = a
        while e > 0 {
            if e & 1 == 1 { result = T.times(result, base) }
            e >>= 1
            if e > 0 { base = T.times(base, base) }
        }
        return result
    }
}

extension Tensor {
    /// `self ** exponent` elementwise with broadcasting, PyTorch's `pow`.
    ///
    /// Integer tensors raised to integer powers stay integer; any floating
    /// operand gives a floating result.
    ///
    /// ```swift
    /// let y = x.pow(2)        // also x ** 2
    /// ```
    public func pow(_ exponent: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let dtype = promotedType(self, exponent)
        if exponent.isWrappedNumber && !dtype.isFloatingPoint {
            torchCheck(exponent.item() >= 0, "Integers to negative integer powers are not allowed.", file: file, line: line)
        }
        let out = dtype.isFloatingPoint
            ? floatBinaryKernelOp(PowFunction.self, self, exponent, dtype: dtype, file: file, line: line)
            : binaryKernelOp(IntegerPowFunction.self, self, exponent, dtype: dtype, file: file, line: line)
        guard gradNeeded(self, exponent) else { return out }
        if exponent.isWrappedNumber {
            let e = exponent.item()
            recordNode("PowBackward0", inputs: [self], output: out, saving: [self]) { ctx in
                e == 0 ? [Torch.zerosLike(ctx.grad)] : [ctx.grad * (e * ctx.saved[0].pow(e - 1))]
            }
        } else if isWrappedNumber {
            let base = item()
            recordNode("PowBackward2", inputs: [exponent], output: out, saving: [exponent], savingOutput: true) { ctx in
                let (exponent, result) = (ctx.saved[0], ctx.saved[1])
                let g = ctx.grad * result * Foundation.log(base)
                // 0 ** e has derivative 0 in e for e >= 0 (not nan from log(0)).
                return [base == 0 ? Torch.where(exponent >= 0, 0.0, g) : g]
            }
        } else {
            recordNode("PowBackward1", inputs: [self, exponent], output: out, saving: [self, exponent], savingOutput: true) { ctx in
                let (base, exponent, result) = (ctx.saved[0], ctx.saved[1], ctx.saved[2])
                var grads: [Tensor?] = [nil, nil]
                if ctx.needsInputGrad[0] {
                    grads[0] = Torch.where(exponent == 0, 0.0, ctx.grad * exponent * base.pow(exponent - 1))
                }
                if ctx.needsInputGrad[1] {
                    grads[1] = Torch.where((base == 0).logicalAnd(exponent >= 0), 0.0, ctx.grad * result * base.log())
                }
                return grads
            }
        }
        return out
    }

    /// `self ** exponent` for a Swift number.
    public func pow<S: TensorScalar>(_ exponent: S, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        pow(Tensor.wrapped(exponent.scalar), file: file, line: line)
    }

    /// `self = self ** exponent` in place, PyTorch's `pow_`.
    @discardableResult
    public func pow_(_ exponent: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let shape = broadcastShape(with: [exponent], file: file, line: line)
        return updateInPlace(others: [exponent], resultType: promotedType(self, exponent), resultShape: shape,
                             file: file, line: line) { old in old.pow(exponent, file: file, line: line) }
    }

    /// `self = self ** exponent` in place for a Swift number.
    @discardableResult
    public func pow_<S: TensorScalar>(_ exponent: S, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        pow_(Tensor.wrapped(exponent.scalar), file: file, line: line)
    }

    /// `self * self`, PyTorch's `square` (recorded as `PowBackward0`). Bool gives int64.
    public func square(file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        pow(2, file: file, line: line)
    }
}

/// PyTorch's `torch.pow`.
public func pow(_ base: Tensor, _ exponent: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    base.pow(exponent, file: file, line: line)
}

/// PyTorch's `torch.pow` with a Swift number exponent.
public func pow<S: TensorScalar>(_ base: Tensor, _ exponent: S, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    base.pow(exponent, file: file, line: line)
}

/// PyTorch's `torch.pow` with a Swift number base: `base ** exponent` elementwise.
public func pow<S: TensorScalar>(_ base: S, _ exponent: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Tensor.wrapped(base.scalar).pow(exponent, file: file, line: line)
}

/// PyTorch's `torch.square`.
public func square(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    x.square(file: file, line: line)
}
