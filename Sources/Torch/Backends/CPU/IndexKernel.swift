/// The gather/scatter/index primitives. Every index is already checked and
/// wrapped into range by the op; kernels only move elements.
///
/// The advanced-indexing kernels see an indexed tensor as three groups of
/// element offsets, `pre`, `indexed` and `post`: the element at output
/// position (i, b, j) lives at storage offset `pre[i] + indexed[b] + post[j]`.
/// This covers `x[idx]`, `x[:, idx]`, `x[i, :, j]` and `indexSelect` alike.
enum IndexKernel {
    /// The storage offsets (relative to the layout's own offset) of every
    /// element of a shape with strides, in row-major order.
    static func offsets(shape: [Int], strides: [Int]) -> [Int] {
        var n = 1
        for s in shape { n *= s }
        var out = [Int](repeating: 0, count: n)
        if n == 0 { return out }
        var index = [Int](repeating: 0, count: shape.count)
        var o = 0
        for k in 0..<n {
            out[k] = o
            var d = shape.count - 1
            while d >= 0 {
                index[d] += 1
                o += strides[d]
                if index[d] < shape[d] { break }
                o -= shape[d] * strides[d]
                index[d] = 0
                d -= 1
            }
        }
        return out
    }

    /// out[(i, b, j)] = src[base + pre[i] + indexed[b] + post[j]], into a contiguous tensor.
    static func gather(_ src: Tensor, base: Int, pre: [Int], indexed: [Int], post: [Int], into out: Tensor) {
        src.dtype.dispatch(GatherOffsets(src: src, out: out, base: base, pre: pre, indexed: indexed, post: post))
    }

    private struct GatherOffsets: ElementVisitor {
        let src: Tensor, out: Tensor, base: Int, pre: [Int], indexed: [Int], post: [Int]
        func visit<T: TensorElement>(_: T.Type) {
            let s = src.basePointer(as: T.self) + base
            var o = out.pointer(as: T.self)
            if IndexKernel.isUnitRun(post) {
                // Whole contiguous rows (x[idx] on a contiguous x): copy runs.
                let n = post.count
                for p in pre {
                    for b in indexed {
                        o.update(from: s + p + b, count: n)
                        o += n
                    }
                }
                return
            }
            for p in pre {
                for b in indexed {
                    let q = s + p + b
                    for j in post {
                        o.pointee = q[j]
                        o += 1
                    }
                }
            }
        }
    }

    /// dst[base + pre[i] + indexed[b] + post[j]] (op)= values[(i, b, j)], `values` contiguous.
    static func put(_ dst: Tensor, base: Int, pre: [Int], indexed: [Int], post: [Int], values: Tensor, reduction: IndexReduction) {
        dst.dtype.dispatch(PutOffsets(dst: dst, values: values, base: base, pre: pre, indexed: indexed, post: post, reduction: reduction))
    }

    private struct PutOffsets: ElementVisitor {
        let dst: Tensor, values: Tensor, base: Int, pre: [Int], indexed: [Int], post: [Int], reduction: IndexReduction
        func visit<T: TensorElement>(_: T.Type) {
            let d = dst.basePointer(as: T.self) + base
            var v = values.pointer(as: T.self)
            if reduction == .assign && IndexKernel.isUnitRun(post) {
                let n = post.count
                for p in pre {
                    for b in indexed {
                        (d + p + b).update(from: v, count: n)
                        v += n
                    }
                }
                return
            }
            for p in pre {
                for b in indexed {
                    let q = d + p + b
                    for j in post {
                        q[j] = reduction.combine(q[j], v.pointee)
                        v += 1
                    }
                }
            }
        }
    }

    /// Whether offsets are 0, 1, 2, ...: one contiguous run.
    @inline(__always)
    static func isUnitRun(_ offsets: [Int]) -> Bool {
        for (k, o) in offsets.enumerated() where o != k { return false }
        return offsets.count > 1
    }

    /// `gather` along a dim: out[p] = src[p with p[dim] replaced by index[p]].
    ///
    /// `srcRest` is the source layout restricted to the index's shape with a
    /// zero stride on `dim`; `dimStride` is the source's stride on `dim`.
    static func gatherDim(_ src: Tensor, srcRest: Layout, dimStride: Int, index: Tensor, out: Tensor) {
        src.dtype.dispatch(GatherDim(src: src, srcRest: srcRest, dimStride: dimStride, index: index, out: out))
    }

    private struct GatherDim: ElementVisitor {
        let src: Tensor, srcRest: Layout, dimStride: Int, index: Tensor, out: Tensor
        func visit<T: TensorElement>(_: T.Type) {
            let ps = src.basePointer(as: T.self), po = out.basePointer(as: T.self)
            let pi = index.basePointer(as: Int64.self)
            let loop = StridedLoop(shape: out.shape, layouts: [out.layout, index.layout, srcRest])
            let so = loop.innerStride(0), si = loop.innerStride(1), ss = loop.innerStride(2)
            let dimStride = self.dimStride
            loop.forEachRun { pos, n in
                let o = po + pos[0], i = pi + pos[1], s = ps + pos[2]
                for k in 0..<n { o[k * so] = s[k * ss + Int(i[k * si]) * dimStride] }
            }
        }
    }

    /// `scatter` along a dim: dst[p with p[dim] replaced by index[p]] (op)= src[p].
    /// Runs on one thread: several positions may write the same element.
    static func scatterDim(_ dst: Tensor, dstRest: Layout, dimStride: Int, index: Tensor, src: Tensor, srcLayout: Layout, reduction: IndexReduction) {
        dst.dtype.dispatch(ScatterDim(dst: dst, dstRest: dstRest, dimStride: dimStride, index: index, src: src, srcLayout: srcLayout, reduction: reduction))
    }

    private struct ScatterDim: ElementVisitor {
        let dst: Tensor, dstRest: Layout, dimStride: Int, index: Tensor, src: Tensor, srcLayout: Layout, reduction: IndexReduction
        func visit<T: TensorElement>(_: T.Type) {
            let pd = dst.basePointer(as: T.self), ps = src.basePointer(as: T.self)
            let pi = index.basePointer(as: Int64.self)
            let loop = StridedLoop(shape: index.shape, layouts: [dstRest, index.layout, srcLayout])
            let sd = loop.innerStride(0), si = loop.innerStride(1), ss = loop.innerStride(2)
            let dimStride = self.dimStride, reduction = self.reduction
            loop.forEachRun(in: 0..<loop.count) { pos, n in
                let d = pd + pos[0], i = pi + pos[1], s = ps + pos[2]
                for k in 0..<n {
                    let q = d + k * sd + Int(i[k * si]) * dimStride
                    q.pointee = reduction.combine(q.pointee, s[k * ss])
                }
            }
        }
    }

    /// The values of an integer tensor as Ints (any integer dtype).
    static func integers(_ t: Tensor) -> [Int] {
        let c = t.cast(.int64).contiguousCopy()
        let p = c.pointer(as: Int64.self)
        return (0..<c.numel()).map { Int(p[$0]) }
    }

    /// The row-major positions of the true (non-zero) elements of a tensor.
    static func nonzeroPositions(_ t: Tensor) -> [Int] {
        let c = t.cast(.bool).contiguousCopy()
        let p = c.pointer(as: Bool.self)
        var out: [Int] = []
        for k in 0..<c.numel() where p[k] { out.append(k) }
        return out
    }
}
