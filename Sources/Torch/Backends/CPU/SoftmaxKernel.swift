import Foundation

/// Fused softmax and log-softmax along one dim, forward and backward.
///
/// Each slice `x[o, 0..<size, i]` is read three times (max, sum of
/// exponentials, write) with no temporaries; subtracting the slice maximum
/// keeps every exponential at most 1, so large logits do not overflow.
enum SoftmaxKernel {
    /// Softmax (or log-softmax with `log`) of a float32/float64 tensor along `dim`.
    static func forward(_ x: Tensor, dim: Int, log: Bool) -> Tensor {
        let g = SliceGeometry(x, dim: dim)
        let out = Tensor(uninitializedShape: x.shape, dtype: x.dtype)
        if x.numel() == 0 { return out }
        switch x.dtype {
        case .float32 where g.inner == 1: forwardContiguousRows(g, out, log: log)
        case .float32: forward(g, out, log: log, Float.self)
        case .float64: forward(g, out, log: log, Double.self)
        default: preconditionFailure("softmax kernel called with dtype \(x.dtype)")
        }
        return out
    }

    /// The input gradient from the output gradient `grad` and the forward output `y`.
    ///
    /// softmax: `y * (grad - sum(grad * y))`; log-softmax: `grad - exp(y) * sum(grad)`.
    static func backward(grad: Tensor, output y: Tensor, dim: Int, log: Bool) -> Tensor {
        let yc = y.isContiguous ? y : y.contiguousCopy()
        let gc = grad.shape == y.shape && grad.isContiguous ? grad : grad.expand(y.shape).contiguousCopy()
        let g = SliceGeometry(yc, dim: dim)
        let out = Tensor(uninitializedShape: y.shape, dtype: y.dtype)
        if y.numel() == 0 { return out }
        switch y.dtype {
        case .float32 where g.inner == 1: backwardContiguousRows(g, gc, out, log: log)
        case .float32: backward(g, gc, out, log: log, Float.self)
        case .float64: backward(g, gc, out, log: log, Double.self)
        default: preconditionFailure("softmax kernel called with dtype \(y.dtype)")
        }
        return out
    }

    private static func forward<T: FloatElement>(_ g: SliceGeometry, _ out: Tensor, log: Bool, _: T.Type) {
        let inBase = g.input.pointer(as: T.self), outBase = out.pointer(as: T.self)
        let n = g.size
        g.forEachSlice(T.self) { p, s, _ in
            let o = outBase + (p - inBase)
            // A NaN anywhere makes the maximum NaN, so the whole slice becomes NaN as in PyTorch.
            var m = p[0]
            for k in 1..<max(n, 1) {
                let v = p[k * s]
                if v > m || v.isNaN { m = v }
                if m.isNaN { break }
            }
            var sum: T = 0
            if log {
                if s == 1 { for k in 0..<n { sum += ExpFunction.apply(p[k] - m) } } else {
                    for k in 0..<n { sum += ExpFunction.apply(p[k * s] - m) }
                }
                let shift = m + T.log(sum)
                if s == 1 { for k in 0..<n { o[k] = p[k] - shift } } else {
                    for k in 0..<n { o[k * s] = p[k * s] - shift }
                }
            } else {
                if s == 1 {
                    for k in 0..<n {
                        let e = ExpFunction.apply(p[k] - m)
                        o[k] = e
                        sum += e
                    }
                    let r = 1 / sum
                    for k in 0..<n { o[k] *= r }
                } else {
                    for k in 0..<n {
                        let e = ExpFunction.apply(p[k * s] - m)
                        o[k * s] = e
                        sum += e
                    }
                    let r = 1 / sum
                    for k in 0..<n { o[k * s] *= r }
                }
            }
        }
    }

    private static func backward<T: FloatElement>(_ g: SliceGeometry, _ grad: Tensor, _ out: Tensor, log: Bool, _: T.Type) {
        let yBase = g.input.pointer(as: T.self), gBase = grad.pointer(as: T.self), outBase = out.pointer(as: T.self)
        let n = g.size
        g.forEachSlice(T.self) { y, s, _ in
            let offset = y - yBase
            let gr = gBase + offset, o = outBase + offset
            var dot: T = 0
            if log {
                for k in 0..<n { dot += gr[k * s] }
                for k in 0..<n { o[k * s] = gr[k * s] - ExpFunction.apply(y[k * s]) * dot }
            } else {
                for k in 0..<n { dot += gr[k * s] * y[k * s] }
                for k in 0..<n { o[k * s] = y[k * s] * (gr[k * s] - dot) }
            }
        }
    }

    // MARK: float32 rows (the softmax of attention and of classifier logits)

    // Each pass is a plain loop over a contiguous row, or the vectorised exp of
    // CFastMath and the SIMD row sum of FastSum, so the row is streamed a few
    // times at vector speed instead of once per scalar libm call.

    private static func forwardContiguousRows(_ g: SliceGeometry, _ out: Tensor, log: Bool) {
        let inBase = g.input.pointer(as: Float.self), outBase = out.pointer(as: Float.self)
        let n = g.size
        g.forEachSlice(Float.self) { p, _, _ in
            let o = outBase + (p - inBase)
            // Eight running maxima break the loop-carried dependency. A NaN is
            // never selected here, but it makes the row sum NaN, and so every output.
            var lanes = SIMD8<Float>(repeating: -.infinity)
            let raw = UnsafeRawPointer(p)
            var k = 0
            while k + 8 <= n {
                let v = raw.loadUnaligned(fromByteOffset: k * 4, as: SIMD8<Float>.self)
                lanes.replace(with: v, where: v .> lanes)
                k += 8
            }
            var m = lanes.max()
            while k < n {
                m = p[k] > m ? p[k] : m
                k += 1
            }
            for k in 0..<n { o[k] = p[k] - m }
            ExpFunction.applyContiguous(UnsafePointer(o), o, n)
            let sum = Float(FastSum.rowSum(UnsafePointer(o), n))
            if log {
                let shift = m + Foundation.logf(sum)
                for k in 0..<n { o[k] = p[k] - shift }
            } else {
                let r = 1 / sum
                for k in 0..<n { o[k] *= r }
            }
        }
    }

    private static func backwardContiguousRows(_ g: SliceGeometry, _ grad: Tensor, _ out: Tensor, log: Bool) {
        let yBase = g.input.pointer(as: Float.self), gBase = grad.pointer(as: Float.self), outBase = out.pointer(as: Float.self)
        let n = g.size
        g.forEachSlice(Float.self) { y, _, _ in
            let offset = y - yBase
            let gr = gBase + offset, o = outBase + offset
            if log {
                let total = Float(FastSum.rowSum(UnsafePointer(gr), n))
                ExpFunction.applyContiguous(UnsafePointer(y), o, n)
                for k in 0..<n { o[k] = gr[k] - o[k] * total }
            } else {
                for k in 0..<n { o[k] = gr[k] * y[k] }
                let dot = Float(FastSum.rowSum(UnsafePointer(o), n))
                for k in 0..<n { o[k] = y[k] * (gr[k] - dot) }
            }
        }
    }
}
