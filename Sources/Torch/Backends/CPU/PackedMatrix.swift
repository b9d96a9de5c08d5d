import CFastMath

/// A float32 matrix packed once for many products `A @ B` against it: the
/// recurrent weight of an RNN, LSTM or GRU layer, multiplied by every time
/// step's hidden state. A BLAS call repacks its operands on each product,
/// which at these sizes (a [32, 256] state against a [256, 1024] weight)
/// costs as much as the arithmetic; this packs B's panels once and runs the
/// AVX-512 kernel of CFastMath's packed_gemm.c, columns split across cores.
final class PackedMatrix: PreparedMatrix {
    let rows: Int
    let columns: Int
    private let panels: UnsafeMutablePointer<Float>

    /// Packs a 2-D float32 tensor of any strides; nil when the CPU lacks
    /// AVX-512 or the tensor is not float32, and callers use `mm` instead.
    init?(_ b: Tensor) {
        guard b.dtype == .float32, b.ndim == 2, torch_sgemm_packed_available() != 0 else { return nil }
        rows = b.shape[0]
        columns = b.shape[1]
        panels = .allocate(capacity: Swift.max(1, torch_sgemm_packed_size(rows, columns)))
        torch_sgemm_pack(b.basePointer(as: Float.self) + b.layout.offset, b.layout.strides[0], b.layout.strides[1],
                         rows, columns, panels)
    }

    deinit { panels.deallocate() }

    /// `a @ B`, plus `base` (broadcast to the result's shape) when given, as a
    /// new contiguous `[m, columns]` tensor; no autograd.
    func product(_ a: Tensor, adding base: Tensor? = nil) -> Tensor {
        precondition(a.ndim == 2 && a.shape[1] == rows && a.dtype == .float32)
        let m = a.shape[0]
        let out = Tensor(uninitializedShape: [m, columns], dtype: .float32)
        // The base is read in place when its rows are contiguous (or one row
        // repeated); otherwise it is first copied into the output.
        var baseSource: (tensor: Tensor, layout: Layout)? = base.map { ($0, $0.layout.broadcast(to: [m, columns])) }
        if let (tensor, layout) = baseSource, layout.strides[1] != 1 && columns > 1 {
            CopyKernel.copy(from: tensor, srcLayout: layout, to: out, dstLayout: out.layout)
            baseSource = (out, out.layout)
        }
        let pb = baseSource.map { UnsafePointer($0.tensor.basePointer(as: Float.self) + $0.layout.offset) }
        let ldbase = baseSource.map { m == 1 ? 0 : $0.layout.strides[0] } ?? 0
        let lhs = a.layout.strides[1] == 1 && a.layout.strides[0] >= rows ? a : a.contiguous()
        let pa = lhs.basePointer(as: Float.self) + lhs.layout.offset, lda = lhs.layout.strides[0]
        let pc = out.pointer(as: Float.self)
        let blocks = (columns + 31) / 32
        let chunks = m * rows * columns < GemmKernel.parallelWork ? 1 : Swift.min(Parallel.cores, blocks)
        let k = rows, n = columns
        Parallel.run(count: blocks, chunks: chunks) { range in
            torch_sgemm_packed(pa, lda, panels, k, n, pc, n, m, range.lowerBound * 32, Swift.min(n, range.upperBound * 32),
                               pb, ldbase)
        }
        return out
    }
}
