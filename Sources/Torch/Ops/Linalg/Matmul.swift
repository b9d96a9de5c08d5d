// Matrix products: `mm`, `bmm`, `mv`, `dot`, `outer` and `matmul` with
// PyTorch's shape rules. All of them run on `GemmKernel`.

extension Tensor {
    /// This matrix as a batch of one, without autograd.
    func asBatchOfOne() -> Tensor {
        Tensor(storage: storage, layout: Layout(shape: [1] + layout.shape, strides: [0] + layout.strides, offset: layout.offset), dtype: dtype)
    }

    /// The product of two 2-d tensors without autograd or checks.
    func rawMm(_ other: Tensor) -> Tensor {
        let a = asBatchOfOne(), b = other.asBatchOfOne()
        return Dispatch.batchedMatmul(a, a.layout, b, b.layout).makeReshapedAlias([shape[0], other.shape[1]])
    }

    /// The product of two 3-d tensors without autograd or checks.
    func rawBmm(_ other: Tensor) -> Tensor {
        Dispatch.batchedMatmul(self, layout, other, other.layout)
    }

    /// A contiguous result under another shape, recording `name` as the node
    /// (PyTorch's `_unsafe_view` after a folded product, or `squeeze_`).
    func reshapedResult(_ newShape: [Int], node name: String) -> Tensor {
        let alias = Tensor(storage: storage, layout: Layout(contiguous: newShape, offset: layout.offset), dtype: dtype)
        if gradNeeded(self) {
            let inputShape = shape
            recordNode(name, inputs: [self], output: alias) { ctx in [ctx.grad.reshape(inputShape)] }
        }
        return alias
    }

    private func checkNotBool(_ kernel: String, file: StaticString, line: UInt) {
        torchCheck(dtype != .bool, "\"\(kernel)\" not implemented for 'Bool'", file: file, line: line)
    }

    /// The product of two matrices, PyTorch's `mm`: `[n, k] x [k, m] -> [n, m]`.
    public func mm(_ mat2: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(ndim == 2, "mm: self must be a matrix, got \(ndim)-D tensor", file: file, line: line)
        torchCheck(mat2.ndim == 2, "mm: mat2 must be a matrix, got \(mat2.ndim)-D tensor", file: file, line: line)
        torchCheck(shape[1] == mat2.shape[0], "mm: mat1 and mat2 shapes cannot be multiplied (\(shape[0])x\(shape[1]) and \(mat2.shape[0])x\(mat2.shape[1]))", file: file, line: line)
        torchCheck(dtype == mat2.dtype, "expected m1 and m2 to have the same dtype, but got: \(dtype.cppTypeName) != \(mat2.dtype.cppTypeName)", file: file, line: line)
        checkNotBool("addmm_impl_cpu_", file: file, line: line)
        let out = rawMm(mat2)
        if gradNeeded(self, mat2) {
            recordNode("MmBackward0", inputs: [self, mat2], output: out, saving: [self, mat2]) { ctx in
                [ctx.needsInputGrad[0] ? ctx.grad.mm(ctx.saved[1].t()) : nil,
                 ctx.needsInputGrad[1] ? ctx.saved[0].t().mm(ctx.grad) : nil]
            }
        }
        return out
    }

    /// Batched matrix product, PyTorch's `bmm`: `[b, n, k] x [b, k, m] -> [b, n, m]`.
    public func bmm(_ mat2: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(ndim == 3, "batch1 must be a 3D tensor", file: file, line: line)
        torchCheck(mat2.ndim == 3, "batch2 must be a 3D tensor", file: file, line: line)
        torchCheck(mat2.shape[0] == shape[0] && mat2.shape[1] == shape[2], "Expected size for first two dimensions of batch2 tensor to be: [\(shape[0]), \(shape[2])] but got: [\(mat2.shape[0]), \(mat2.shape[1])].", file: file, line: line)
        torchCheck(dtype == mat2.dtype, "expected scalar type \(dtype.scalarTypeName) but found \(mat2.dtype.scalarTypeName)", file: file, line: line)
        checkNotBool("bmm", file: file, line: line)
        let out = rawBmm(mat2)
        if gradNeeded(self, mat2) {
            recordNode("BmmBackward0", inputs: [self, mat2], output: out, saving: [self, mat2]) { ctx in
                [ctx.needsInputGrad[0] ? ctx.grad.bmm(ctx.saved[1].transpose(1, 2)) : nil,
                 ctx.needsInputGrad[1] ? ctx.saved[0].transpose(1, 2).bmm(ctx.grad) : nil]
            }
        }
        return out
    }

    /// Matrix-vector product, PyTorch's `mv`: `[n, m] x [m] -> [n]`.
    public func mv(_ vec: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(ndim == 2 && vec.ndim == 1, "vector + matrix @ vector expected, got 1, \(ndim), \(vec.ndim)", file: file, line: line)
        torchCheck(shape[1] == vec.shape[0], "size mismatch, got input (\(shape[0])), mat (\(shape[0])x\(shape[1])), vec (\(vec.shape[0]))", file: file, line: line)
        torchCheck(dtype == vec.dtype, "addmv input tensors must have the same dtype, but got \(vec.dtype.scalarTypeName), \(dtype.scalarTypeName), and \(vec.dtype.scalarTypeName)", file: file, line: line)
        checkNotBool("addmv_impl_cpu", file: file, line: line)
        let column = Tensor(storage: vec.storage, layout: Layout(shape: [vec.shape[0], 1], strides: [vec.layout.strides[0], 1], offset: vec.layout.offset), dtype: vec.dtype)
        let out = rawMm(column).makeReshapedAlias([shape[0]])
        if gradNeeded(self, vec) {
            recordNode("MvBackward0", inputs: [self, vec], output: out, saving: [self, vec]) { ctx in
                [ctx.needsInputGrad[0] ? ctx.grad.unsqueeze(1) * ctx.saved[1] : nil,
                 ctx.needsInputGrad[1] ? ctx.saved[0].t().mv(ctx.grad) : nil]
            }
        }
        return out
    }

    /// The inner product of two vectors, PyTorch's `dot`; a 0-d result.
    public func dot(_ other: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(ndim == 1 && other.ndim == 1, "1D tensors expected, but got \(ndim)D and \(other.ndim)D tensors", file: file, line: line)
        torchCheck(dtype == other.dtype, "dot : expected both vectors to have same dtype, but found \(dtype.scalarTypeName) and \(other.dtype.scalarTypeName)", file: file, line: line)
        torchCheck(shape[0] == other.shape[0], "inconsistent tensor size, expected tensor [\(shape[0])] and src [\(other.shape[0])] to have the same number of elements, but got \(shape[0]) and \(other.shape[0]) elements respectively", file: file, line: line)
        checkNotBool("dot", file: file, line: line)
        let row = Tensor(storage: storage, layout: Layout(shape: [1, shape[0]], strides: [1, layout.strides[0]], offset: layout.offset), dtype: dtype)
        let column = Tensor(storage: other.storage, layout: Layout(shape: [other.shape[0], 1], strides: [other.layout.strides[0], 1], offset: other.layout.offset), dtype: dtype)
        let out = row.rawMm(column).makeReshapedAlias([])
        if gradNeeded(self, other) {
            recordNode("DotBackward0", inputs: [self, other], output: out, saving: [self, other]) { ctx in
                [ctx.needsInputGrad[0] ? ctx.grad * ctx.saved[1] : nil,
                 ctx.needsInputGrad[1] ? ctx.grad * ctx.saved[0] : nil]
            }
        }
        return out
    }

    /// The outer product of two vectors, PyTorch's `outer` (`ger`): `[n] x [m] -> [n, m]`.
    public func outer(_ vec2: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(ndim == 1, "outer: Expected 1-D argument self, but got \(ndim)-D", file: file, line: line)
        torchCheck(vec2.ndim == 1, "outer: Expected 1-D argument vec2, but got \(vec2.ndim)-D", file: file, line: line)
        return unsqueeze(1).mul(vec2, file: file, line: line)
    }

    /// The matrix product with PyTorch's `matmul` rules.
    ///
    /// - 1-d x 1-d: the dot product (0-d result).
    /// - 2-d x 2-d: `mm`; 2-d x 1-d: `mv`; 1-d x 2-d: the vector as a row, then squeezed.
    /// - Otherwise a batched product: batch dims broadcast, a 1-d operand is
    ///   unsqueezed to a matrix and its dim removed from the result.
    ///
    /// ```swift
    /// let y = x.matmul(w.t())      // [batch, in] x [in, out]
    /// let z = q • k.transpose(-2, -1)
    /// ```
    public func matmul(_ other: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let (da, db) = (ndim, other.ndim)
        torchCheck(da > 0 && db > 0, "both arguments to matmul need to be at least 1D, but they are \(da)D and \(db)D", file: file, line: line)
        if da == 1 && db == 1 { return dot(other, file: file, line: line) }
        if da == 2 && db == 1 { return mv(other, file: file, line: line) }
        if da == 1 && db == 2 {
            return unsqueeze(0).mm(other, file: file, line: line).reshapedResult([other.shape[1]], node: "SqueezeBackward4")
        }
        if da == 2 && db == 2 { return mm(other, file: file, line: line) }
        if da >= 3 && db <= 2 {
            // Fold the batch dims into the rows: one large product instead of many small ones.
            let batchShape = Array(shape.dropLast())
            let folded = reshape([batchShape.reduce(1, *), shape[da - 1]], file: file, line: line)
            let rhs = db == 1 ? other.unsqueeze(1) : other
            let product = folded.mm(rhs, file: file, line: line)
            return product.reshapedResult(db == 1 ? batchShape : batchShape + [other.shape[1]], node: "UnsafeViewBackward0")
        }
        if da == 2 && db >= 3 {
            // (A B)^T = B^T A^T folds B's batch dims into rows, as PyTorch does.
            return other.transpose(-2, -1).matmul(transpose(0, 1), file: file, line: line).transpose(-2, -1).contiguous()
        }
        return batchedMatmul(other, file: file, line: line)
    }

    /// `matmul` where at least one operand has 3 or more dims and neither folds.
    private func batchedMatmul(_ other: Tensor, file: StaticString, line: UInt) -> Tensor {
        let (da, db) = (ndim, other.ndim)
        let n = da > 1 ? shape[da - 2] : 1
        let k = shape[da - 1]
        let k2 = db > 1 ? other.shape[db - 2] : other.shape[0]
        let m = db > 1 ? other.shape[db - 1] : 1
        let batchA = Array(shape.dropLast(Swift.min(da, 2)))
        let batchB = Array(other.shape.dropLast(Swift.min(db, 2)))
        let batch = broadcastShapes(batchA, batchB, file: file, line: line)
        let batchCount = batch.reduce(1, *)
        let lhs = (da == 1 ? unsqueeze(0) : self).expand(batch + [n, k], file: file, line: line).reshape([batchCount, n, k], file: file, line: line)
        let rhs = (db == 1 ? other.unsqueeze(1) : other).expand(batch + [k2, m], file: file, line: line).reshape([batchCount, k2, m], file: file, line: line)
        let product = lhs.bmm(rhs, file: file, line: line)
        var outShape = batch
        if da > 1 { outShape.append(n) }
        if db > 1 { outShape.append(m) }
        return product.reshapedResult(outShape, node: "UnsafeViewBackward0")
    }

    /// `beta * self + alpha * (mat1 @ mat2)`, PyTorch's `addmm` (`self` broadcasts to the product).
    public func addmm(_ mat1: Tensor, _ mat2: Tensor, beta: Double = 1, alpha: Double = 1,
                      file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(mat1.ndim == 2, "addmm: self must be a matrix, got \(mat1.ndim)-D tensor", file: file, line: line)
        torchCheck(mat2.ndim == 2, "addmm: mat2 must be a matrix, got \(mat2.ndim)-D tensor", file: file, line: line)
        torchCheck(mat1.shape[1] == mat2.shape[0], "addmm: mat1 and mat2 shapes cannot be multiplied (\(mat1.shape[0])x\(mat1.shape[1]) and \(mat2.shape[0])x\(mat2.shape[1]))", file: file, line: line)
        torchCheck(dtype == mat2.dtype, "self and mat2 must have the same dtype, but got \(dtype.scalarTypeName) and \(mat2.dtype.scalarTypeName)", file: file, line: line)
        torchCheck(mat1.dtype == mat2.dtype, "expected m1 and m2 to have the same dtype, but got: \(mat1.dtype.cppTypeName) != \(mat2.dtype.cppTypeName)", file: file, line: line)
        checkNotBool("addmm_impl_cpu_", file: file, line: line)
        if dtype.computeType != dtype {
            // PyTorch accumulates a reduced-precision product and its sum in float32 and rounds once.
            return to(.float32).addmm(mat1.to(.float32), mat2.to(.float32), beta: beta, alpha: alpha, file: file, line: line).to(dtype)
        }
        let target = [mat1.shape[0], mat2.shape[1]]
        _ = expand(target, file: file, line: line)
        let out = fusedAddProduct(mat1.asBatchOfOne(), mat2.asBatchOfOne(), beta: beta, alpha: alpha, shape: target)
            ?? noGrad { scaledSum(beta, self, alpha, mat1.rawMm(mat2)) }
        if gradNeeded([self, mat1, mat2]) {
            recordNode("AddmmBackward0", inputs: [self, mat1, mat2], output: out, saving: [mat1, mat2]) { ctx in
                [ctx.needsInputGrad[0] ? (beta == 1 ? ctx.grad : ctx.grad * beta) : nil,
                 ctx.needsInputGrad[1] ? scaled(ctx.grad.mm(ctx.saved[1].t()), alpha) : nil,
                 ctx.needsInputGrad[2] ? scaled(ctx.saved[0].t().mm(ctx.grad), alpha) : nil]
            }
        }
        return out
    }

    /// `beta * self + alpha * (batch1 @ batch2)` over a batch, PyTorch's `baddbmm`.
    public func baddbmm(_ batch1: Tensor, _ batch2: Tensor, beta: Double = 1, alpha: Double = 1,
                        file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(batch1.ndim == 3, "batch1 must be a 3D tensor", file: file, line: line)
        torchCheck(batch2.ndim == 3, "batch2 must be a 3D tensor", file: file, line: line)
        torchCheck(batch2.shape[0] == batch1.shape[0] && batch2.shape[1] == batch1.shape[2], "Expected size for first two dimensions of batch2 tensor to be: [\(batch1.shape[0]), \(batch1.shape[2])] but got: [\(batch2.shape[0]), \(batch2.shape[1])].", file: file, line: line)
        torchCheck(dtype == batch1.dtype && dtype == batch2.dtype, "Input dtypes must be the same, got: input \(dtype.cppTypeName), batch1: \(batch1.dtype.cppTypeName), batch2: \(batch2.dtype.cppTypeName)", file: file, line: line)
        checkNotBool("baddbmm", file: file, line: line)
        if dtype.computeType != dtype {
            return to(.float32).baddbmm(batch1.to(.float32), batch2.to(.float32), beta: beta, alpha: alpha, file: file, line: line).to(dtype)
        }
        let target = [batch1.shape[0], batch1.shape[1], batch2.shape[2]]
        _ = expand(target, file: file, line: line)
        let out = fusedAddProduct(batch1, batch2, beta: beta, alpha: alpha, shape: target)
            ?? noGrad { scaledSum(beta, self, alpha, batch1.rawBmm(batch2)) }
        if gradNeeded([self, batch1, batch2]) {
            recordNode("BaddbmmBackward0", inputs: [self, batch1, batch2], output: out, saving: [batch1, batch2]) { ctx in
                [ctx.needsInputGrad[0] ? (beta == 1 ? ctx.grad : ctx.grad * beta) : nil,
                 ctx.needsInputGrad[1] ? scaled(ctx.grad.bmm(ctx.saved[1].transpose(1, 2)), alpha) : nil,
                 ctx.needsInputGrad[2] ? scaled(ctx.saved[0].transpose(1, 2).bmm(ctx.grad), alpha) : nil]
            }
        }
        return out
    }
}

extension Tensor {
    /// `beta * self + alpha * (a @ b)` for 3-d `a`, `b` in one BLAS call: `self`
    /// (broadcast) is copied into the output, which BLAS scales and accumulates
    /// into. Nil where BLAS does not apply. No autograd.
    fileprivate func fusedAddProduct(_ a: Tensor, _ b: Tensor, beta: Double, alpha: Double, shape: [Int]) -> Tensor? {
        guard dtype == .float32 || dtype == .float64, a.shape[2] > 0 else { return nil }
        let out = Tensor(uninitializedShape: shape, dtype: dtype, device: device)
        if beta != 0 { Dispatch.copy(from: self, srcLayout: layout.broadcast(to: shape), to: out, dstLayout: out.layout) }
        let out3 = out.makeReshapedAlias([a.shape[0], a.shape[1], b.shape[2]])
        let done = Dispatch.accumulateMatmul(a, a.layout, b, b.layout, alpha: alpha, beta: beta, into: out3)
        return done ? out : nil
    }
}

/// `beta * input + alpha * product`, where beta 0 ignores the input (NaNs included), as BLAS does.
private func scaledSum(_ beta: Double, _ input: Tensor, _ alpha: Double, _ product: Tensor) -> Tensor {
    let p = scaled(product, alpha)
    if beta == 0 { return p }
    return p.add(beta == 1 ? input : input.mul(factorScalar(beta, for: input)))
}

private func scaled(_ t: Tensor, _ factor: Double) -> Tensor {
    factor == 1 ? t : t.mul(factorScalar(factor, for: t))
}

/// `alpha` or `beta` as the Python number PyTorch sees: an int for an integer
/// tensor (where they must be integral), so the result keeps the tensor's dtype.
private func factorScalar(_ factor: Double, for t: Tensor) -> Scalar {
    t.dtype.isFloatingPoint ? .double(factor) : .int(Int64(factor))
}

/// PyTorch's `torch.mm`.
public func mm(_ input: Tensor, _ mat2: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    input.mm(mat2, file: file, line: line)
}

/// PyTorch's `torch.bmm`.
public func bmm(_ input: Tensor, _ mat2: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    input.bmm(mat2, file: file, line: line)
}

/// PyTorch's `torch.mv`.
public func mv(_ input: Tensor, _ vec: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    input.mv(vec, file: file, line: line)
}

/// PyTorch's `torch.dot`.
public func dot(_ input: Tensor, _ other: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    input.dot(other, file: file, line: line)
}

/// PyTorch's `torch.outer`.
public func outer(_ input: Tensor, _ vec2: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    input.outer(vec2, file: file, line: line)
}

/// PyTorch's `torch.matmul`.
public func matmul(_ input: Tensor, _ other: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    input.matmul(other, file: file, line: line)
}

/// PyTorch's `torch.addmm`.
public func addmm(_ input: Tensor, _ mat1: Tensor, _ mat2: Tensor, beta: Double = 1, alpha: Double = 1,
                  file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    input.addmm(mat1, mat2, beta: beta, alpha: alpha, file: file, line: line)
}

/// PyTorch's `torch.baddbmm`.
public func baddbmm(_ input: Tensor, _ batch1: Tensor, _ batch2: Tensor, beta: Double = 1, alpha: Double = 1,
                    file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    input.baddbmm(batch1, batch2, beta: beta, alpha: alpha, file: file, line: line)
}

/// The matrix-product operator, PyTorch's `@` (Swift has no `@` operator; `•`
/// is the bullet, typed Option-8 on a Mac, as Swift for TensorFlow used it).
infix operator • : MultiplicationPrecedence

extension Tensor {
    /// `lhs.matmul(rhs)`, PyTorch's `lhs @ rhs`.
    public static func • (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.matmul(rhs) }
}
