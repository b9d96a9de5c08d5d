extension Tensor {
    /// Elementwise logical AND of the truth values (nonzero is true), PyTorch's `logical_and`.
    public func logicalAnd(_ other: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        logicalOp(LogicalAndFunction.self, other, file: file, line: line)
    }

    /// Elementwise logical OR, PyTorch's `logical_or`.
    public func logicalOr(_ other: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        logicalOp(LogicalOrFunction.self, other, file: file, line: line)
    }

    /// Elementwise logical XOR, PyTorch's `logical_xor`.
    public func logicalXor(_ other: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        logicalOp(LogicalXorFunction.self, other, file: file, line: line)
    }

    /// Elementwise logical NOT (true where the element is zero), PyTorch's `logical_not`.
    public func logicalNot() -> Tensor {
        let out = Tensor(uninitializedShape: shape, dtype: .bool, device: device)
        Dispatch.bitwiseNot(cast(.bool), into: out)
        return out
    }

    private func logicalOp<F: LogicalFunction>(_ f: F.Type, _ other: Tensor, file: StaticString, line: UInt) -> Tensor {
        let shape = broadcastShape(with: [other], file: file, line: line)
        let out = Tensor(uninitializedShape: shape, dtype: .bool, device: commonDevice(self, other, file: file, line: line))
        Dispatch.logical(f, cast(.bool), other.cast(.bool), into: out)
        return out
    }

    /// Elementwise bitwise AND of integer or bool tensors, PyTorch's `bitwise_and` (`&`).
    public func bitwiseAnd(_ other: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        bitwiseOp(BitwiseAndFunction.self, "bitwise_and_cpu", other, file: file, line: line)
    }

    /// `self & other` for a Swift number.
    public func bitwiseAnd<S: TensorScalar>(_ other: S, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        bitwiseAnd(Tensor.wrapped(other.scalar), file: file, line: line)
    }

    /// Elementwise bitwise OR, PyTorch's `bitwise_or` (`|`).
    public func bitwiseOr(_ other: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        bitwiseOp(BitwiseOrFunction.self, "bitwise_or_cpu", other, file: file, line: line)
    }

    /// `self | other` for a Swift number.
    public func bitwiseOr<S: TensorScalar>(_ other: S, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        bitwiseOr(Tensor.wrapped(other.scalar), file: file, line: line)
    }

    /// Elementwise bitwise XOR, PyTorch's `bitwise_xor` (`^`).
    public func bitwiseXor(_ other: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        bitwiseOp(BitwiseXorFunction.self, "bitwise_xor_cpu", other, file: file, line: line)
    }

    /// `self ^ other` for a Swift number.
    public func bitwiseXor<S: TensorScalar>(_ other: S, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        bitwiseXor(Tensor.wrapped(other.scalar), file: file, line: line)
    }

    /// Elementwise bitwise NOT (logical NOT on bool), PyTorch's `bitwise_not` (`~`).
    public func bitwiseNot(file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(!dtype.isFloatingPoint, "~ (operator.invert) is only implemented on integer and Boolean-type tensors", file: file, line: line)
        let out = Tensor(uninitializedShape: shape, dtype: dtype, device: device)
        Dispatch.bitwiseNot(self, into: out)
        return out
    }

    private func bitwiseOp<F: BitwiseFunction>(_ f: F.Type, _ kernel: String, _ other: Tensor,
                                               file: StaticString, line: UInt) -> Tensor {
        let dtype = promotedType(self, other)
        torchCheck(!dtype.isFloatingPoint, unsupportedDTypeMessage(kernel, dtype), file: file, line: line)
        let shape = broadcastShape(with: [other], file: file, line: line)
        let out = Tensor(uninitializedShape: shape, dtype: dtype, device: commonDevice(self, other, file: file, line: line))
        Dispatch.bitwise(f, cast(dtype), other.cast(dtype), into: out)
        return out
    }

    /// `self &= other` in place, PyTorch's `bitwise_and_`.
    @discardableResult
    public func bitwiseAnd_(_ other: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let shape = broadcastShape(with: [other], file: file, line: line)
        return updateInPlace(others: [other], resultType: promotedType(self, other), resultShape: shape, file: file, line: line) {
            $0.bitwiseAnd(other, file: file, line: line)
        }
    }

    /// `self |= other` in place, PyTorch's `bitwise_or_`.
    @discardableResult
    public func bitwiseOr_(_ other: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let shape = broadcastShape(with: [other], file: file, line: line)
        return updateInPlace(others: [other], resultType: promotedType(self, other), resultShape: shape, file: file, line: line) {
            $0.bitwiseOr(other, file: file, line: line)
        }
    }

    /// `self ^= other` in place, PyTorch's `bitwise_xor_`.
    @discardableResult
    public func bitwiseXor_(_ other: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let shape = broadcastShape(with: [other], file: file, line: line)
        return updateInPlace(others: [other], resultType: promotedType(self, other), resultShape: shape, file: file, line: line) {
            $0.bitwiseXor(other, file: file, line: line)
        }
    }
}

/// PyTorch's `torch.logical_and`.
public func logicalAnd(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { a.logicalAnd(b, file: file, line: line) }
/// PyTorch's `torch.logical_or`.
public func logicalOr(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { a.logicalOr(b, file: file, line: line) }
/// PyTorch's `torch.logical_xor`.
public func logicalXor(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { a.logicalXor(b, file: file, line: line) }
/// PyTorch's `torch.logical_not`.
public func logicalNot(_ a: Tensor) -> Tensor { a.logicalNot() }
/// PyTorch's `torch.bitwise_and`.
public func bitwiseAnd(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { a.bitwiseAnd(b, file: file, line: line) }
/// PyTorch's `torch.bitwise_or`.
public func bitwiseOr(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { a.bitwiseOr(b, file: file, line: line) }
/// PyTorch's `torch.bitwise_xor`.
public func bitwiseXor(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { a.bitwiseXor(b, file: file, line: line) }
/// PyTorch's `torch.bitwise_not`.
public func bitwiseNot(_ a: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { a.bitwiseNot(file: file, line: line) }
