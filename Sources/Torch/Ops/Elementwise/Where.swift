/// Picks `x` where `condition` holds and `y` elsewhere, into a new tensor of
/// `dtype` with the broadcast shape. No arithmetic, so every dtype runs as stored.
func whereKernel(_ condition: Tensor, _ x: Tensor, _ y: Tensor, dtype: DType, shape: [Int],
                 file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let out = Tensor(uninitializedShape: shape, dtype: dtype, device: commonDevice(condition, x, y, file: file, line: line))
    Dispatch.select(condition, x.cast(dtype), y.cast(dtype), into: out)
    return out
}

extension Tensor {
    /// `self` where `condition` holds and `other` elsewhere, PyTorch's `Tensor.where(condition, y)`.
    public func `where`(_ condition: Tensor, _ other: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        Torch.where(condition, self, other, file: file, line: line)
    }

    /// `self` where `condition` holds and a Swift number elsewhere.
    public func `where`<S: TensorScalar>(_ condition: Tensor, _ other: S, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        Torch.where(condition, self, Tensor.wrapped(other.scalar), file: file, line: line)
    }

    /// `value` where `mask` is true, `self` elsewhere, PyTorch's `masked_fill`.
    /// The result keeps `self`'s dtype (the value is cast); `mask` broadcasts.
    ///
    /// ```swift
    /// let y = x.maskedFill(x < 0, 0)
    /// ```
    public func maskedFill<S: TensorScalar>(_ mask: Tensor, _ value: S, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        maskedFillOp(mask, Tensor.wrapped(value.scalar), file: file, line: line)
    }

    /// `masked_fill` with a 0-d tensor value; gradients flow to the value too.
    public func maskedFill(_ mask: Tensor, _ value: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(value.ndim == 0, "masked_fill_ only supports a 0-dimensional value tensor, but got tensor with \(value.ndim) dimension(s).", file: file, line: line)
        return maskedFillOp(mask, value, file: file, line: line)
    }

    /// `masked_fill` in place, PyTorch's `masked_fill_`; the mask must broadcast to this shape.
    @discardableResult
    public func maskedFill_<S: TensorScalar>(_ mask: Tensor, _ value: S, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        maskedFill_(mask, Tensor.wrapped(value.scalar), file: file, line: line)
    }

    /// `masked_fill_` with a 0-d tensor value.
    @discardableResult
    public func maskedFill_(_ mask: Tensor, _ value: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(value.ndim == 0, "masked_fill_ only supports a 0-dimensional value tensor, but got tensor with \(value.ndim) dimension(s).", file: file, line: line)
        let shape = broadcastShape(with: [mask], file: file, line: line)
        return updateInPlace(others: [value], resultType: dtype, resultShape: shape, file: file, line: line) {
            $0.maskedFillOp(mask, value, file: file, line: line)
        }
    }

    private func maskedFillOp(_ mask: Tensor, _ value: Tensor, file: StaticString, line: UInt) -> Tensor {
        torchCheck(mask.dtype == .bool, "masked_fill_ only supports boolean masks, but got mask with dtype \(mask.dtype.cppTypeName)", file: file, line: line)
        let shape = broadcastShape(with: [mask], file: file, line: line)
        let out = whereKernel(mask, value, self, dtype: dtype, shape: shape, file: file, line: line)
        guard gradNeeded(self, value) else { return out }
        if value.isWrappedNumber || !value.requiresGrad {
            recordNode("MaskedFillBackward0", inputs: [self], output: out, saving: [mask]) { ctx in
                [ctx.grad.maskedFill(ctx.saved[0], 0)]
            }
        } else {
            recordNode("MaskedFillBackward1", inputs: [self, value], output: out, saving: [mask]) { ctx in
                let mask = ctx.saved[0]
                return [ctx.needsInputGrad[0] ? ctx.grad.maskedFill(mask, 0) : nil,
                        ctx.needsInputGrad[1] ? Torch.where(mask, ctx.grad, 0.0).sum() : nil]
            }
        }
        return out
    }
}

/// `x` where `condition` holds and `y` elsewhere, with broadcasting and type
/// promotion, PyTorch's `torch.where`.
///
/// ```swift
/// let y = Torch.where(x > 0, x, 0.0)
/// ```
public func `where`(_ condition: Tensor, _ x: Tensor, _ y: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    torchCheck(condition.dtype == .bool, "where expected condition to be a boolean tensor, but got a tensor with dtype \(condition.dtype.scalarTypeName)", file: file, line: line)
    let shape = condition.broadcastShape(with: [x, y], file: file, line: line)
    let out = whereKernel(condition, x, y, dtype: promotedType(x, y), shape: shape, file: file, line: line)
    if gradNeeded(x, y) {
        recordNode("WhereBackward0", inputs: [x, y], output: out, saving: [condition]) { ctx in
            let c = ctx.saved[0]
            return [ctx.needsInputGrad[0] ? Torch.where(c, ctx.grad, 0.0) : nil,
                    ctx.needsInputGrad[1] ? Torch.where(c, 0.0, ctx.grad) : nil]
        }
    }
    return out
}

/// `torch.where` with a Swift number for `y`.
public func `where`<S: TensorScalar>(_ condition: Tensor, _ x: Tensor, _ y: S, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Torch.where(condition, x, Tensor.wrapped(y.scalar), file: file, line: line)
}

/// `torch.where` with a Swift number for `x`.
public func `where`<S: TensorScalar>(_ condition: Tensor, _ x: S, _ y: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Torch.where(condition, Tensor.wrapped(x.scalar), y, file: file, line: line)
}

/// `torch.where` with Swift numbers for both branches.
public func `where`<S: TensorScalar, U: TensorScalar>(_ condition: Tensor, _ x: S, _ y: U, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Torch.where(condition, Tensor.wrapped(x.scalar), Tensor.wrapped(y.scalar), file: file, line: line)
}
