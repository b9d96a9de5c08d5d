enum AddFunction: BinaryFunction {
    @inline(__always) static func apply<T: NumericElement>(_ a: T, _ b: T) -> T { T.plus(a, b) }
}
enum SubFunction: BinaryFunction {
    @inline(__always) static func apply<T: NumericElement>(_ a: T, _ b: T) -> T { T.minus(a, b) }
}
enum MulFunction: BinaryFunction {
    @inline(__always) static func apply<T: NumericElement>(_ a: T, _ b: T) -> T { T.times(a, b) }
}
enum DivFunction: FloatBinaryFunction {
    @inline(__always) static func apply<T: FloatElement>(_ a: T, _ b: T) -> T { a / b }
}
enum NegFunction: UnaryFunction {
    @inline(__always) static func apply<T: NumericElement>(_ a: T) -> T { T.negate(a) }
}

extension Tensor {
    /// `self + alpha * other` with broadcasting and type promotion, PyTorch's `add`.
    public func add(_ other: Tensor, alpha: Double = 1, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let rhs = alpha == 1 ? other : other.mul(Tensor.wrapped(alphaScalar(alpha, other)), file: file, line: line)
        let out = binaryKernelOp(AddFunction.self, self, rhs, dtype: promotedType(self, rhs), file: file, line: line)
        if gradNeeded(self, rhs) {
            recordNode("AddBackward0", inputs: [self, rhs], output: out) { ctx in [ctx.grad, ctx.grad] }
        }
        return out
    }

    /// `self + other` for a Swift number.
    public func add<S: TensorScalar>(_ other: S, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        add(Tensor.wrapped(other.scalar), file: file, line: line)
    }

    /// `self - alpha * other`, PyTorch's `sub`.
    public func sub(_ other: Tensor, alpha: Double = 1, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(!(dtype == .bool && other.dtype == .bool), "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.", file: file, line: line)
        torchCheck(!(dtype == .bool || other.dtype == .bool), "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.", file: file, line: line)
        let rhs = alpha == 1 ? other : other.mul(Tensor.wrapped(alphaScalar(alpha, other)), file: file, line: line)
        let out = binaryKernelOp(SubFunction.self, self, rhs, dtype: promotedType(self, rhs), file: file, line: line)
        if gradNeeded(self, rhs) {
            recordNode("SubBackward0", inputs: [self, rhs], output: out) { ctx in [ctx.grad, -ctx.grad] }
        }
        return out
    }

    /// `self - other` for a Swift number.
    public func sub<S: TensorScalar>(_ other: S, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        sub(Tensor.wrapped(other.scalar), file: file, line: line)
    }

    /// Elementwise product with broadcasting, PyTorch's `mul`.
    public func mul(_ other: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let out = binaryKernelOp(MulFunction.self, self, other, dtype: promotedType(self, other), file: file, line: line)
        if gradNeeded(self, other) {
            recordNode("MulBackward0", inputs: [self, other], output: out, saving: [self, other]) { ctx in
                [ctx.needsInputGrad[0] ? ctx.grad * ctx.saved[1] : nil,
                 ctx.needsInputGrad[1] ? ctx.grad * ctx.saved[0] : nil]
            }
        }
        return out
    }

    /// `self * other` for a Swift number.
    public func mul<S: TensorScalar>(_ other: S, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        mul(Tensor.wrapped(other.scalar), file: file, line: line)
    }

    /// True division with broadcasting, PyTorch's `div`: integer inputs give float32.
    ///
    /// `roundingMode` is `"trunc"` or `"floor"` for PyTorch's rounding divisions.
    public func div(_ other: Tensor, roundingMode: String? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        if let mode = roundingMode {
            switch mode {
            case "floor": return floorDivide(other, file: file, line: line)
            case "trunc":
                let q = promotedType(self, other).isFloatingPoint ? div(other, file: file, line: line).trunc()
                    : floorDivideTowardZero(other, file: file, line: line)
                return q
            default:
                torchFail("div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '\(mode)'", file: file, line: line)
            }
        }
        let promoted = promotedType(self, other)
        let dtype = promoted.isFloatingPoint ? promoted : DType.defaultFloat
        let shape = broadcastShapes(shape, other.shape, file: file, line: line)
        let compute = dtype.computeType
        var out = Tensor(uninitializedShape: shape, dtype: compute, device: commonDevice(self, other, file: file, line: line))
        Dispatch.floatBinary(DivFunction.self, cast(compute), other.cast(compute), into: out)
        if compute != dtype { out = out.cast(dtype) }
        if gradNeeded(self, other) {
            recordNode("DivBackward0", inputs: [self, other], output: out, saving: [self, other]) { ctx in
                let (a, b) = (ctx.saved[0], ctx.saved[1])
                return [ctx.needsInputGrad[0] ? ctx.grad / b : nil,
                        ctx.needsInputGrad[1] ? -ctx.grad * a / (b * b) : nil]
            }
        }
        return out
    }

    /// `self / other` for a Swift number.
    public func div<S: TensorScalar>(_ other: S, roundingMode: String? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        div(Tensor.wrapped(other.scalar), roundingMode: roundingMode, file: file, line: line)
    }

    /// `-self`, PyTorch's `neg`.
    public func neg(file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(dtype != .bool, "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.", file: file, line: line)
        let out = unaryKernelOp(NegFunction.self, self)
        if gradNeeded(self) {
            recordNode("NegBackward0", inputs: [self], output: out) { ctx in [-ctx.grad] }
        }
        return out
    }

    private func alphaScalar(_ alpha: Double, _ other: Tensor) -> Scalar {
        alpha == alpha.rounded() && !other.dtype.isFloatingPoint ? .int(Int64(alpha)) : .double(alpha)
    }

    /// Integer division rounding toward zero (for `div(roundingMode: "trunc")` on integers).
    private func floorDivideTowardZero(_ other: Tensor, file: StaticString, line: UInt) -> Tensor {
        let dtype = promotedType(self, other)
        return binaryKernelOp(TruncDivFunction.self, self, other, dtype: dtype, file: file, line: line)
    }
}

enum TruncDivFunction: BinaryFunction {
    @inline(__always) static func apply<T: NumericElement>(_ a: T, _ b: T) -> T { T.truncDivide(a, b) }
}

// MARK: - In place

extension Tensor {
    /// `self += alpha * other` in place, PyTorch's `add_`.
    @discardableResult
    public func add_(_ other: Tensor, alpha: Double = 1, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        applyInPlace(others: [other], file: file, line: line) {
            let rhs = alpha == 1 ? other : noGrad { other.mul(Tensor.wrapped(alphaScalar(alpha, other))) }
            binaryKernelInPlace(AddFunction.self, self, rhs, file: file, line: line)
        } outOfPlace: {
            checkCastable(promotedType(self, other), file: file, line: line)
            return self.add(other, alpha: alpha, file: file, line: line).to(dtype)
        }
    }

    /// `self += other` for a Swift number.
    @discardableResult
    public func add_<S: TensorScalar>(_ other: S, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        add_(Tensor.wrapped(other.scalar), file: file, line: line)
    }

    /// `self -= alpha * other` in place, PyTorch's `sub_`.
    @discardableResult
    public func sub_(_ other: Tensor, alpha: Double = 1, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        add_(other, alpha: -alpha, file: file, line: line)
    }

    /// `self -= other` for a Swift number.
    @discardableResult
    public func sub_<S: TensorScalar>(_ other: S, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        add_(Tensor.wrapped(other.scalar), alpha: -1, file: file, line: line)
    }

    /// `self *= other` in place, PyTorch's `mul_`.
    @discardableResult
    public func mul_(_ other: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        applyInPlace(others: [other], file: file, line: line) {
            binaryKernelInPlace(MulFunction.self, self, other, file: file, line: line)
        } outOfPlace: {
            checkCastable(promotedType(self, other), file: file, line: line)
            return self.clone().mul(other, file: file, line: line).to(dtype)
        }
    }

    /// `self *= other` for a Swift number.
    @discardableResult
    public func mul_<S: TensorScalar>(_ other: S, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        mul_(Tensor.wrapped(other.scalar), file: file, line: line)
    }

    /// `self /= other` in place, PyTorch's `div_`.
    @discardableResult
    public func div_(_ other: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let promoted = promotedType(self, other)
        checkCastable(promoted.isFloatingPoint ? promoted : .float32, file: file, line: line)
        return applyInPlace(others: [other], file: file, line: line) {
            let q = noGrad { self.div(other, file: file, line: line) }
            Dispatch.copy(from: q, srcLayout: q.layout, to: self, dstLayout: layout)
        } outOfPlace: {
            self.clone().div(other, file: file, line: line).to(dtype)
        }
    }

    /// `self /= other` for a Swift number.
    @discardableResult
    public func div_<S: TensorScalar>(_ other: S, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        div_(Tensor.wrapped(other.scalar), file: file, line: line)
    }

    /// `self = -self` in place, PyTorch's `neg_`.
    @discardableResult
    public func neg_(file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        applyInPlace(file: file, line: line) {
            let compute = kernelDType(for: dtype)
            if compute == dtype { Dispatch.unary(NegFunction.self, self, into: self) } else {
                let n = unaryKernelOp(NegFunction.self, self)
                Dispatch.copy(from: n, srcLayout: n.layout, to: self, dstLayout: layout)
            }
        } outOfPlace: { self.neg(file: file, line: line) }
    }

    /// Stops when an in-place op's result dtype can't be written into this tensor.
    func checkCastable(_ result: DType, file: StaticString, line: UInt) {
        torchCheck(canCast(from: result, to: dtype), "result type \(result.scalarTypeName) can't be cast to the desired output type \(dtype.scalarTypeName)", file: file, line: line)
    }
}

/// PyTorch's `torch.add`.
public func add(_ a: Tensor, _ b: Tensor, alpha: Double = 1, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    a.add(b, alpha: alpha, file: file, line: line)
}

/// PyTorch's `torch.add(a, b, out=out)`: writes the sum into a preallocated tensor.
@discardableResult
public func add(_ a: Tensor, _ b: Tensor, out: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let dtype = promotedType(a, b)
    let shape = broadcastShapes(a.shape, b.shape, file: file, line: line)
    torchCheck(out.shape == shape, "output with shape \(shapeString(out.shape)) doesn't match the broadcast shape \(shapeString(shape))", file: file, line: line)
    torchCheck(canCast(from: dtype, to: out.dtype), "result type \(dtype.scalarTypeName) can't be cast to the desired output type \(out.dtype.scalarTypeName)", file: file, line: line)
    if out.dtype == dtype && kernelDType(for: dtype) == dtype {
        Dispatch.binary(AddFunction.self, a.cast(dtype), b.cast(dtype), into: out)
    } else {
        let r = binaryKernelOp(AddFunction.self, a, b, dtype: dtype, file: file, line: line)
        Dispatch.copy(from: r, srcLayout: r.layout, to: out, dstLayout: out.layout)
    }
    out.bumpVersion()
    return out
}

/// PyTorch's `torch.sub`.
public func sub(_ a: Tensor, _ b: Tensor, alpha: Double = 1, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    a.sub(b, alpha: alpha, file: file, line: line)
}

/// PyTorch's `torch.mul`.
public func mul(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    a.mul(b, file: file, line: line)
}

/// PyTorch's `torch.div`.
public func div(_ a: Tensor, _ b: Tensor, roundingMode: String? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    a.div(b, roundingMode: roundingMode, file: file, line: line)
}

/// PyTorch's `torch.neg`.
public func neg(_ a: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { a.neg(file: file, line: line) }
