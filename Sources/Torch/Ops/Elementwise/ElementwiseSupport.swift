// Shared plumbing of the elementwise ops: dtype rules, floating kernels with
// half-precision round trips, and the in-place update pattern.

/// Runs a floating binary kernel with broadcasting: integer and bool operands
/// give float32 (PyTorch's `div`, `atan2`, float `pow`); half types compute in
/// float32 and round back. Records nothing.
func floatBinaryKernelOp<F: FloatBinaryFunction>(_ f: F.Type, _ a: Tensor, _ b: Tensor, dtype promoted: DType,
                                                 file: StaticString, line: UInt) -> Tensor {
    let dtype = promoted.isFloatingPoint ? promoted : DType.defaultFloat
    let shape = a.shape == b.shape ? a.shape : broadcastShapes(a.shape, b.shape, file: file, line: line)
    let compute = dtype.computeType
    let out = Tensor(uninitializedShape: shape, dtype: compute, device: commonDevice(a, b, file: file, line: line))
    Dispatch.floatBinary(F.self, a.cast(compute), b.cast(compute), into: out)
    return compute == dtype ? out : out.cast(dtype)
}


/// PyTorch's "not implemented for" message of a kernel that lacks a dtype.
func unsupportedDTypeMessage(_ kernel: String, _ dtype: DType) -> String {
    "\"\(kernel)\" not implemented for '\(dtype.scalarTypeName)'"
}

extension Tensor {
    /// Runs a floating unary kernel and records `node` with `rule(grad, saved)`
    /// when grad is needed. `saved` holds the input (if `savingInput`) then the
    /// output (if `savingOutput`).
    func floatUnaryOp<F: FloatUnaryFunction>(
        _ f: F.Type, _ node: String, savingInput: Bool = false, savingOutput: Bool = false,
        rule: @escaping (_ grad: Tensor, _ saved: [Tensor]) -> Tensor
    ) -> Tensor {
        let out: Tensor
        let contiguousRows = ndim == 2 && layout.strides[1] == 1 && shape[1] >= 16
        if dtype == .float32, device == .cpu, isContiguous || contiguousRows, let vectorised = F.self as? ContiguousFloat32Function.Type {
            out = Tensor(uninitializedShape: shape, dtype: .float32)
            if isContiguous {
                applyContiguousFloat32(vectorised, from: self, into: out)
            } else {
                applyRowsFloat32(vectorised, from: self, into: out)
            }
        } else {
            out = floatUnaryKernelOp(F.self, self)
        }
        if gradNeeded(self) {
            recordNode(node, inputs: [self], output: out, saving: savingInput ? [self] : [], savingOutput: savingOutput) { ctx in
                [rule(ctx.grad, ctx.saved)]
            }
        }
        return out
    }

    /// The in-place form of a floating unary function (`exp_`, `sqrt_`, ...):
    /// float32/float64 tensors are updated by the kernel directly, others go
    /// through a float32 temporary. Integer tensors stop: the float result can't
    /// be written back.
    func floatUnaryInPlace<F: FloatUnaryFunction>(
        _ f: F.Type, file: StaticString, line: UInt, outOfPlace: @escaping (Tensor) -> Tensor
    ) -> Tensor {
        checkCastable(dtype.isFloatingPoint ? dtype : DType.defaultFloat, file: file, line: line)
        return applyInPlace(file: file, line: line) {
            if dtype == .float32, isContiguous, let vectorised = F.self as? ContiguousFloat32Function.Type {
                applyContiguousFloat32(vectorised, from: self, into: self)
            } else if dtype == .float32 || dtype == .float64 {
                Dispatch.floatUnary(F.self, self, into: self)
            } else {
                let r = floatUnaryKernelOp(F.self, self)
                Dispatch.copy(from: r, srcLayout: r.layout, to: self, dstLayout: layout)
            }
        } outOfPlace: {
            outOfPlace(self.clone())
        }
    }

    /// The in-place form of an op computed out of place: checks that the
    /// result dtype can be written into this tensor and that broadcasting
    /// keeps its shape, then writes the result through this tensor's layout
    /// (so views update their base).
    ///
    /// `compute` receives the tensor to read `self`'s old value from: `self`
    /// itself without autograd, a clone of it with autograd (the graph may save it).
    func updateInPlace(
        others: [Tensor] = [], resultType: DType, resultShape: [Int]? = nil, file: StaticString, line: UInt,
        _ compute: @escaping (Tensor) -> Tensor
    ) -> Tensor {
        checkCastable(resultType, file: file, line: line)
        if let resultShape {
            torchCheck(resultShape == shape, "output with shape \(shapeString(shape)) doesn't match the broadcast shape \(shapeString(resultShape))", file: file, line: line)
        }
        return applyInPlace(others: others, file: file, line: line) {
            let r = noGrad { compute(self) }
            Dispatch.copy(from: r, srcLayout: r.layout, to: self, dstLayout: layout)
        } outOfPlace: {
            compute(self.clone()).to(dtype)
        }
    }

    /// The broadcast shape of this tensor with others, with PyTorch's message on failure.
    func broadcastShape(with others: [Tensor], file: StaticString, line: UInt) -> [Int] {
        var s = shape
        for o in others where o.shape != s { s = broadcastShapes(s, o.shape, file: file, line: line) }
        return s
    }
}
