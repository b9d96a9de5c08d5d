import Foundation

/// Copies (and casts) elements between two layouts of the same shape:
/// PyTorch's `copy_`, the primitive behind `contiguous`, `clone` and `to(dtype)`.
enum CopyKernel {
    static func copy(from src: Tensor, srcLayout: Layout, to dst: Tensor, dstLayout: Layout) {
        if src.dtype == dst.dtype, srcLayout.isContiguous, dstLayout.isContiguous, srcLayout.shape == dstLayout.shape {
            let bytes = srcLayout.numel * src.dtype.itemSize
            memmove(dst.storage.data + dstLayout.offset * dst.dtype.itemSize,
                    src.storage.data + srcLayout.offset * src.dtype.itemSize, bytes)
            return
        }
        src.dtype.dispatch(SourceVisitor(src: src, srcLayout: srcLayout, dst: dst, dstLayout: dstLayout))
    }

    private struct SourceVisitor: ElementVisitor {
        let src: Tensor, srcLayout: Layout, dst: Tensor, dstLayout: Layout
        func visit<S: TensorElement>(_: S.Type) {
            dst.dtype.dispatch(Pair<S>(src: src, srcLayout: srcLayout, dst: dst, dstLayout: dstLayout))
        }
    }

    private struct Pair<S: TensorElement>: ElementVisitor {
        let src: Tensor, srcLayout: Layout, dst: Tensor, dstLayout: Layout
        func visit<D: TensorElement>(_: D.Type) {
            let s = src.basePointer(as: S.self)
            let d = dst.basePointer(as: D.self)
            let loop = StridedLoop(shape: dstLayout.shape, layouts: [dstLayout, srcLayout])
            let sd = loop.innerStride(0), ss = loop.innerStride(1)
            loop.forEachRun { pos, n in
                let po = d + pos[0], pi = s + pos[1]
                if S.self == D.self {
                    let pi = UnsafeMutableRawPointer(pi).assumingMemoryBound(to: D.self)
                    for i in 0..<n { po[i * sd] = pi[i * ss] }
                } else {
                    for i in 0..<n { po[i * sd] = D.converting(pi[i * ss]) }
                }
            }
        }
    }

    /// Fills every element of a layout with one value.
    static func fill(_ dst: Tensor, layout: Layout, with value: Scalar) {
        dst.dtype.dispatch(FillVisitor(dst: dst, layout: layout, value: value))
    }

    private struct FillVisitor: ElementVisitor {
        let dst: Tensor, layout: Layout, value: Scalar
        func visit<T: TensorElement>(_: T.Type) {
            let v = value.value(as: T.self)
            let p = dst.basePointer(as: T.self)
            let loop = StridedLoop(shape: layout.shape, layouts: [layout])
            let s = loop.innerStride(0)
            loop.forEachRun { pos, n in
                let q = p + pos[0]
                if s == 1 { q.update(repeating: v, count: n) } else { for i in 0..<n { q[i * s] = v } }
            }
        }
    }
}
