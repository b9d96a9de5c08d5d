enum RemainderFunction: BinaryFunction {
    @inline(__always) static func apply<T: NumericElement>(_ a: T, _ b: T) -> T { T.remainder(a, b) }
}
enum FmodFunction: BinaryFunction {
    @inline(__always) static func apply<T: NumericElement>(_ a: T, _ b: T) -> T { T.fmod(a, b) }
}

extension Tensor {
    /// Python's `%` elementwise: the result takes the sign of the divisor,
    /// PyTorch's `remainder`.
    ///
    /// ```swift
    /// Tensor([-3, 3]) % 2      // tensor([1, 1])
    /// ```
    public func remainder(_ other: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        moduloOp(RemainderFunction.self, "remainder_cpu", node: "RemainderBackward", other, file: file, line: line) {
            $0.div($1).floor()
        }
    }

    /// `self % other` for a Swift number.
    public func remainder<S: TensorScalar>(_ other: S, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        remainder(Tensor.wrapped(other.scalar), file: file, line: line)
    }

    /// C's `fmod` elementwise: the result takes the sign of the dividend, PyTorch's `fmod`.
    public func fmod(_ other: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        moduloOp(FmodFunction.self, "fmod_cpu", node: "FmodBackward", other, file: file, line: line) {
            $0.div($1).trunc()
        }
    }

    /// `fmod(self, other)` for a Swift number.
    public func fmod<S: TensorScalar>(_ other: S, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        fmod(Tensor.wrapped(other.scalar), file: file, line: line)
    }

    /// `self = self % other` in place, PyTorch's `remainder_`.
    @discardableResult
    public func remainder_(_ other: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let shape = broadcastShape(with: [other], file: file, line: line)
        return updateInPlace(others: [other], resultType: promotedType(self, other), resultShape: shape,
                             file: file, line: line) { old in old.remainder(other, file: file, line: line) }
    }

    /// `self = self % other` in place for a Swift number.
    @discardableResult
    public func remainder_<S: TensorScalar>(_ other: S, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        remainder_(Tensor.wrapped(other.scalar), file: file, line: line)
    }

    /// `self = fmod(self, other)` in place, PyTorch's `fmod_`.
    @discardableResult
    public func fmod_(_ other: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let shape = broadcastShape(with: [other], file: file, line: line)
        return updateInPlace(others: [other], resultType: promotedType(self, other), resultShape: shape,
                             file: file, line: line) { old in old.fmod(other, file: file, line: line) }
    }

    /// `self = fmod(self, other)` in place for a Swift number.
    @discardableResult
    public func fmod_<S: TensorScalar>(_ other: S, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        fmod_(Tensor.wrapped(other.scalar), file: file, line: line)
    }

    /// Shared body of `remainder` and `fmod`: `a - b * quotient(a, b)`, so the
    /// gradient for `b` is `-grad * quotient`.
    private func moduloOp<F: BinaryFunction>(
        _ f: F.Type, _ kernel: String, node: String, _ other: Tensor, file: StaticString, line: UInt,
        quotient: @escaping (Tensor, Tensor) -> Tensor
    ) -> Tensor {
        let dtype = promotedType(self, other)
        torchCheck(dtype != .bool, unsupportedDTypeMessage(kernel, .bool), file: file, line: line)
        if !dtype.isFloatingPoint {
            torchCheck(!other.hasZero, "ZeroDivisionError", file: file, line: line)
        }
        let out = binaryKernelOp(F.self, self, other, dtype: dtype, file: file, line: line)
        guard gradNeeded(self, other) else { return out }
        if other.isWrappedNumber || !other.requiresGrad && !isWrappedNumber {
            recordNode(node + (other.isWrappedNumber ? "0" : "1"), inputs: [self, other], output: out) { ctx in [ctx.grad, nil] }
        } else {
            recordNode(node + "1", inputs: [self, other], output: out, saving: [self, other]) { ctx in
                [ctx.needsInputGrad[0] ? ctx.grad : nil,
                 ctx.needsInputGrad[1] ? -ctx.grad * quotient(ctx.saved[0], ctx.saved[1]) : nil]
            }
        }
        return out
    }
}

/// PyTorch's `torch.remainder`.
public func remainder(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    a.remainder(b, file: file, line: line)
}

/// PyTorch's `torch.remainder` with a Swift number divisor.
public func remainder<S: TensorScalar>(_ a: Tensor, _ b: S, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    a.remainder(b, file: file, line: line)
}

/// PyTorch's `torch.remainder` with a Swift number dividend.
public func remainder<S: TensorScalar>(_ a: S, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Tensor.wrapped(a.scalar).remainder(b, file: file, line: line)
}

/// PyTorch's `torch.fmod`.
public func fmod(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    a.fmod(b, file: file, line: line)
}

/// PyTorch's `torch.fmod` with a Swift number divisor.
public func fmod<S: TensorScalar>(_ a: Tensor, _ b: S, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    a.fmod(b, file: file, line: line)
}

/// PyTorch's `torch.floor_divide`.
public func floorDivide(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    a.floorDivide(b, file: file, line: line)
}
