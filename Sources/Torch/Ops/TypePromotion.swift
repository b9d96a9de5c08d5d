/// PyTorch's `torch.result_type` over op operands: dimensioned tensors take
/// priority over 0-d tensors, which take priority over Swift numbers; a
/// lower-priority operand only matters when it is of a higher category
/// (bool < integer < floating).
func resultType(_ operands: [Tensor]) -> DType {
    var dimResult: DType? = nil, zeroResult: DType? = nil, wrappedResult: DType? = nil
    for t in operands {
        if t.isWrappedNumber {
            // A Swift floating number counts as the default float dtype.
            let d = t.dtype.isFloatingPoint ? DType.defaultFloat : t.dtype
            wrappedResult = wrappedResult.map { DType.promote($0, d) } ?? d
        } else if t.ndim == 0 {
            zeroResult = zeroResult.map { DType.promote($0, t.dtype) } ?? t.dtype
        } else {
            dimResult = dimResult.map { DType.promote($0, t.dtype) } ?? t.dtype
        }
    }
    let lower = DType.combineCategories(higher: zeroResult, lower: wrappedResult)
    return DType.combineCategories(higher: dimResult, lower: lower) ?? .float32
}

@inline(__always)
func promotedType(_ a: Tensor, _ b: Tensor) -> DType {
    if a.dtype == b.dtype && !a.isWrappedNumber && !b.isWrappedNumber { return a.dtype }
    return resultType([a, b])
}

/// PyTorch's `torch.result_type` for two tensors.
public func resultType(_ a: Tensor, _ b: Tensor) -> DType { promotedType(a, b) }

/// PyTorch's `torch.promote_types`.
public func promoteTypes(_ a: DType, _ b: DType) -> DType { DType.promote(a, b) }

/// PyTorch's `torch.can_cast`: whether an in-place op may write `from` into `to`.
public func canCast(from: DType, to: DType) -> Bool {
    if from.isFloatingPoint && !to.isFloatingPoint { return false }
    if from != .bool && to == .bool { return false }
    return true
}

extension Tensor {
    /// A Swift number as an op operand.
    static func wrapped(_ s: Scalar) -> Tensor {
        let t = scalarTensor(s, dtype: s.isFloatingPoint ? .float64 : nil)
        t.isWrappedNumber = true
        return t
    }
}

/// The dtype a kernel computes in for a result dtype: bool arithmetic runs in
/// uint8, half types in float32.
@inline(__always)
func kernelDType(for dtype: DType) -> DType {
    dtype == .bool ? .uint8 : dtype.computeType
}

/// Runs a binary kernel with broadcasting; operands are cast to the compute
/// dtype first and the result cast to `dtype`. Records nothing.
func binaryKernelOp<F: BinaryFunction>(_ f: F.Type, _ a: Tensor, _ b: Tensor, dtype: DType,
                                        file: StaticString, line: UInt) -> Tensor {
    let shape = a.shape == b.shape ? a.shape : broadcastShapes(a.shape, b.shape, file: file, line: line)
    let compute = kernelDType(for: dtype)
    let out = Tensor(uninitializedShape: shape, dtype: compute, device: commonDevice(a, b, file: file, line: line))
    Dispatch.binary(F.self, a.cast(compute), b.cast(compute), into: out)
    return compute == dtype ? out : out.cast(dtype)
}

/// Runs a binary kernel in place into `target` (whose dtype the result must be castable to).
func binaryKernelInPlace<F: BinaryFunction>(_ f: F.Type, _ target: Tensor, _ b: Tensor,
                                             file: StaticString, line: UInt) {
    let result = promotedType(target, b)
    torchCheck(canCast(from: result, to: target.dtype), "result type \(result.scalarTypeName) can't be cast to the desired output type \(target.dtype.scalarTypeName)", file: file, line: line)
    let shape = broadcastShapes(target.shape, b.shape, file: file, line: line)
    torchCheck(shape == target.shape, "output with shape \(shapeString(target.shape)) doesn't match the broadcast shape \(shapeString(shape))", file: file, line: line)
    let compute = kernelDType(for: target.dtype)
    _ = commonDevice(target, b, file: file, line: line)
    if compute == target.dtype {
        Dispatch.binary(F.self, target, b.cast(compute), into: target)
    } else {
        let tmp = Tensor(uninitializedShape: shape, dtype: compute, device: target.device)
        Dispatch.binary(F.self, target.cast(compute), b.cast(compute), into: tmp)
        Dispatch.copy(from: tmp, srcLayout: tmp.layout, to: target, dstLayout: target.layout)
    }
}

/// Runs a floating unary kernel: integer inputs give float32, as in PyTorch.
func floatUnaryKernelOp<F: FloatUnaryFunction>(_ f: F.Type, _ a: Tensor) -> Tensor {
    let dtype = a.dtype.isFloatingPoint ? a.dtype : DType.defaultFloat
    let compute = dtype.computeType
    let out = Tensor(uninitializedShape: a.shape, dtype: compute, device: a.device)
    Dispatch.floatUnary(F.self, a.cast(compute), into: out)
    return compute == dtype ? out : out.cast(dtype)
}

/// Runs a numeric unary kernel keeping the input dtype (neg, abs, ...).
func unaryKernelOp<F: UnaryFunction>(_ f: F.Type, _ a: Tensor) -> Tensor {
    let compute = kernelDType(for: a.dtype)
    let out = Tensor(uninitializedShape: a.shape, dtype: compute, device: a.device)
    Dispatch.unary(F.self, a.cast(compute), into: out)
    return compute == a.dtype ? out : out.cast(a.dtype)
}
