#if canImport(Accelerate)
import Accelerate
#else
import CBLAS
#endif

/// Matrix products: the primitive behind `mm`, `bmm`, `mv`, `dot`, `matmul`,
/// `einsum` and the linear layers.
///
/// float32 and float64 go to BLAS (`sgemm`/`dgemm`). A matrix whose rows or
/// columns are unit-stride is handed to BLAS as it is, with the transpose flag
/// saying which, so `a.t().mm(b)` (common in backward rules) copies nothing.
/// Integer types use a plain Swift loop; float16 and bfloat16 compute in float32.
enum GemmKernel {
    /// `out[i] = a[i] @ b[i]` for 3-d operands `[batch, m, k]` and `[batch, k, n]`
    /// (any strides, batch stride 0 for broadcast), into a new contiguous
    /// `[batch, m, n]` tensor of the operands' dtype.
    static func batched(_ a: Tensor, _ aLayout: Layout, _ b: Tensor, _ bLayout: Layout) -> Tensor {
        let batch = aLayout.shape[0], m = aLayout.shape[1], k = aLayout.shape[2], n = bLayout.shape[2]
        let dtype = a.dtype
        switch dtype {
        case .float32, .float64:
            let out = Tensor(uninitializedShape: [batch, m, n], dtype: dtype)
            blasBatched(a, aLayout, b, bLayout, out, batch: batch, m: m, n: n, k: k)
            return out
        case .float16, .bfloat16:
            // Half types compute in float32, as PyTorch's CPU kernels accumulate them.
            let a32 = Tensor(storage: a.storage, layout: aLayout, dtype: dtype).cast(.float32)
            let b32 = Tensor(storage: b.storage, layout: bLayout, dtype: dtype).cast(.float32)
            return batched(a32, a32.layout, b32, b32.layout).cast(dtype)
        default:
            let out = Tensor(uninitializedShape: [batch, m, n], dtype: dtype)
            dtype.dispatch(IntegerGemm(a: a, aLayout: aLayout, b: b, bLayout: bLayout, out: out))
            return out
        }
    }

    /// `out[i] = beta * out[i] + alpha * a[i] @ b[i]` through BLAS in one pass, for
    /// float32/float64 with a non-empty inner dim (`addmm`, `baddbmm`, linear layers);
    /// `out` is a contiguous `[batch, m, n]` tensor, whose contents are ignored
    /// when beta is 0. Returns false (writing nothing) for other cases.
    static func accumulate(_ a: Tensor, _ aLayout: Layout, _ b: Tensor, _ bLayout: Layout,
                           alpha: Double, beta: Double, into out: Tensor) -> Bool {
        guard a.dtype == .float32 || a.dtype == .float64, aLayout.shape[2] > 0 else { return false }
        blasBatched(a, aLayout, b, bLayout, out, batch: aLayout.shape[0], m: aLayout.shape[1], n: bLayout.shape[2],
                    k: aLayout.shape[2], alpha: alpha, beta: beta)
        return true
    }

    /// How BLAS should read a strided row-major matrix: as is, transposed, or
    /// not at all (then the caller makes a contiguous copy).
    private static func blasOperand(rows: Int, cols: Int, rowStride: Int, colStride: Int) -> (transposed: Bool, ld: Int)? {
        if (colStride == 1 || cols == 1) && (rows == 1 || rowStride >= max(cols, 1)) {
            return (false, rows == 1 || rowStride < max(cols, 1) ? max(cols, 1) : rowStride)
        }
        if (rowStride == 1 || rows == 1) && (cols == 1 || colStride >= max(rows, 1)) {
            return (true, cols == 1 || colStride < max(rows, 1) ? max(rows, 1) : colStride)
        }
        return nil
    }

    /// A layout BLAS can read for one matrix of a batched operand, copying the
    /// operand to contiguous memory when its strides are neither row- nor column-major.
    private static func blasReady(_ t: Tensor, _ layout: Layout) -> (Tensor, Layout, transposed: Bool, ld: Int) {
        let (r, c) = (layout.shape[1], layout.shape[2])
        if let op = blasOperand(rows: r, cols: c, rowStride: layout.strides[1], colStride: layout.strides[2]) {
            return (t, layout, op.transposed, op.ld)
        }
        let copy = Tensor(storage: t.storage, layout: layout, dtype: t.dtype).contiguousCopy()
        return (copy, copy.layout, false, max(c, 1))
    }

    private static func blasBatched(_ a: Tensor, _ aLayout: Layout, _ b: Tensor, _ bLayout: Layout, _ out: Tensor,
                                    batch: Int, m: Int, n: Int, k: Int, alpha: Double = 1, beta: Double = 0) {
        if batch == 0 || m == 0 || n == 0 { return }
        if k == 0 {
            CopyKernel.fill(out, layout: out.layout, with: .int(0))
            return
        }
        let (aT, aL, aTrans, lda) = blasReady(a, aLayout)
        let (bT, bL, bTrans, ldb) = blasReady(b, bLayout)
        let ta = aTrans ? CblasTrans : CblasNoTrans
        let tb = bTrans ? CblasTrans : CblasNoTrans
        _ = ownThreading
        // Element steps to the next row of A and the next column of B.
        let aRowStep = aTrans ? 1 : lda, bColumnStep = bTrans ? ldb : 1
        // Several products are split across cores by batch; one large product
        // by rows or columns of the output into one block per core, each a
        // single-threaded BLAS call (see `ownThreading`).
        let work = batch * m * n * k
        let parts = work < Self.parallelWork || Parallel.cores == 1 ? 1 : Parallel.cores
        let batchChunks = batch >= parts ? parts : 1
        let blocks = batchChunks > 1 ? 1 : parts
        let splitRows = m >= n
        let (span, align) = splitRows ? (m, 8) : (n, 16)
        let blockCount = min(blocks, max(1, span / align))
        func block(_ j: Int) -> Range<Int> {
            let units = (span + align - 1) / align
            return min(span, units * j / blockCount * align)..<min(span, units * (j + 1) / blockCount * align)
        }
        if out.dtype == .float32 {
            let pa = aT.basePointer(as: Float.self) + aL.offset, pb = bT.basePointer(as: Float.self) + bL.offset
            let pc = out.pointer(as: Float.self)
            Parallel.run(count: batch * blockCount, chunks: max(batchChunks, blockCount)) { range in
                for task in range {
                    let i = task / blockCount, r = block(task % blockCount)
                    let (rows, cols) = splitRows ? (r, 0..<n) : (0..<m, r)
                    cblas_sgemm(CblasRowMajor, ta, tb, Int32(rows.count), Int32(cols.count), Int32(k), Float(alpha),
                                pa + i * aL.strides[0] + rows.lowerBound * aRowStep, Int32(lda),
                                pb + i * bL.strides[0] + cols.lowerBound * bColumnStep, Int32(ldb), Float(beta),
                                pc + i * m * n + rows.lowerBound * n + cols.lowerBound, Int32(n))
                }
            }
        } else {
            let pa = aT.basePointer(as: Double.self) + aL.offset, pb = bT.basePointer(as: Double.self) + bL.offset
            let pc = out.pointer(as: Double.self)
            Parallel.run(count: batch * blockCount, chunks: max(batchChunks, blockCount)) { range in
                for task in range {
                    let i = task / blockCount, r = block(task % blockCount)
                    let (rows, cols) = splitRows ? (r, 0..<n) : (0..<m, r)
                    cblas_dgemm(CblasRowMajor, ta, tb, Int32(rows.count), Int32(cols.count), Int32(k), alpha,
                                pa + i * aL.strides[0] + rows.lowerBound * aRowStep, Int32(lda),
                                pb + i * bL.strides[0] + cols.lowerBound * bColumnStep, Int32(ldb), beta,
                                pc + i * m * n + rows.lowerBound * n + cols.lowerBound, Int32(n))
                }
            }
        }
    }

    /// Multiply-adds below which a product stays on one thread.
    static let parallelWork = 1 << 19

    /// BLAS runs single-threaded and the products are split across cores here,
    /// on the same worker threads as every other kernel. Left to thread itself,
    /// OpenBLAS keeps its own workers spinning (sched_yield) for a while after
    /// each product, and on a small machine they fight the next kernel's
    /// threads for the cores: a quarter of a training step's CPU time went there.
    private static let ownThreading: Void = {
        #if !canImport(Accelerate)
        openblas_set_num_threads(1)
        #endif
    }()

    /// The i-k-j loop for integer element types, which BLAS does not cover.
    private struct IntegerGemm: ElementVisitor {
        let a: Tensor, aLayout: Layout, b: Tensor, bLayout: Layout, out: Tensor
        func visit<T: TensorElement>(_: T.Type) {
            guard let N = T.self as? any NumericElement.Type else { preconditionFailure("matmul of \(T.self)") }
            run(N)
        }
        private func run<T: NumericElement>(_: T.Type) {
            let batch = aLayout.shape[0], m = aLayout.shape[1], k = aLayout.shape[2], n = bLayout.shape[2]
            let pa = a.basePointer(as: T.self), pb = b.basePointer(as: T.self), pc = out.pointer(as: T.self)
            let (as0, as1, as2) = (aLayout.strides[0], aLayout.strides[1], aLayout.strides[2])
            let (bs0, bs1, bs2) = (bLayout.strides[0], bLayout.strides[1], bLayout.strides[2])
            pc.update(repeating: T.zeroValue, count: batch * m * n)
            for p in 0..<batch {
                let ab = pa + aLayout.offset + p * as0, bb = pb + bLayout.offset + p * bs0
                for i in 0..<m {
                    let row = pc + (p * m + i) * n
                    for kk in 0..<k {
                        let av = ab[i * as1 + kk * as2]
                        let brow = bb + kk * bs1
                        for j in 0..<n { row[j] = T.plus(row[j], T.times(av, brow[j * bs2])) }
                    }
                }
            }
        }
    }
}
