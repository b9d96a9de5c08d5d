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
            if S.self != D.self, srcLayout.isContiguous, dstLayout.isContiguous, srcLayout.shape == dstLayout.shape {
                // A plain cast between dense buffers.
                let si = s + srcLayout.offset, di = d + dstLayout.offset
                DenseLoop.run(count: dstLayout.numel) { r in for i in r { di[i] = D.converting(si[i]) } }
                return
            }
            if S.self == D.self, let tiled = TiledTranspose(dst: dstLayout, src: srcLayout) {
                tiled.copy(from: UnsafeMutableRawPointer(s).assumingMemoryBound(to: D.self), to: d)
                return
            }
            let loop = StridedLoop(shape: dstLayout.shape, layouts: [dstLayout, srcLayout])
            let sd = loop.innerStride(0), ss = loop.innerStride(1)
            loop.forEachRun { pos, n in
                let po = d + pos[0], pi = s + pos[1]
                if S.self == D.self {
                    let pi = UnsafeMutableRawPointer(pi).assumingMemoryBound(to: D.self)
                    if sd == 1 && ss == 1 {
                        po.update(from: pi, count: n)
                    } else if sd == 1 && ss == 0 {
                        po.update(repeating: pi.pointee, count: n)  // a broadcast row: a fill
                    } else {
                        for i in 0..<n { po[i * sd] = pi[i * ss] }
                    }
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
            if layout.isContiguous {
                (p + layout.offset).update(repeating: v, count: layout.numel)
                return
            }
            let loop = StridedLoop(shape: layout.shape, layouts: [layout])
            let s = loop.innerStride(0)
            loop.forEachRun { pos, n in
                let q = p + pos[0]
                if s == 1 { q.update(repeating: v, count: n) } else { for i in 0..<n { q[i * s] = v } }
            }
        }
    }
}

/// A copy whose last two (coalesced) dims are swapped between source and
/// destination, as in `x.t().contiguous()`.
///
/// Walking either side in order strides the other by a whole row, touching a
/// new cache line per element. Copying square tiles keeps the tile's lines of
/// both sides in L1, so every line fetched is used in full.
struct TiledTranspose {
    /// Tile side in elements. Measured on 1024 x 1024 float32/float64 in a
    /// release build, one core: 16 gives 0.76 ms, 64 about 1.0 ms, while 24 and
    /// 32 fall to 6-10 ms (likely TLB or cache-set conflicts: every tile column
    /// of a 1024-wide matrix sits in its own 4 KiB page).
    static let tile = 16
    let rows: Int, cols: Int
    /// Strides (destination, source) of the row and column dims.
    let dstRow: Int, dstCol: Int, srcRow: Int, srcCol: Int
    /// Outer (batch) dims and their strides, outermost first.
    let outerShape: [Int], outerDst: [Int], outerSrc: [Int]
    let dstOffset: Int, srcOffset: Int

    /// Nil unless the copy is a transpose worth tiling: after merging dims
    /// that both sides step through as one, one side steps by 1 along the
    /// columns and the other by 1 along the rows.
    init?(dst: Layout, src: Layout) {
        guard dst.rank >= 2, dst.numel >= 64 else { return nil }
        // Coalesce (dst, src) dims, innermost last; size-1 dims drop out.
        var sizes: [Int] = [], ds: [Int] = [], ss: [Int] = []
        for d in 0..<dst.rank where dst.shape[d] != 1 {
            if let last = sizes.last, ds[ds.count - 1] == dst.strides[d] * dst.shape[d],
               ss[ss.count - 1] == src.strides[d] * dst.shape[d] {
                sizes[sizes.count - 1] = last * dst.shape[d]
                ds[ds.count - 1] = dst.strides[d]
                ss[ss.count - 1] = src.strides[d]
            } else {
                sizes.append(dst.shape[d])
                ds.append(dst.strides[d])
                ss.append(src.strides[d])
            }
        }
        let r = sizes.count
        guard r >= 2 else { return nil }
        let rows = sizes[r - 2], cols = sizes[r - 1]
        guard rows >= 8, cols >= 8 else { return nil }
        let (dr, dc, sr, sc) = (ds[r - 2], ds[r - 1], ss[r - 2], ss[r - 1])
        guard (dc == 1 && sr == 1) || (sc == 1 && dr == 1), sr != 0, sc != 0 else { return nil }  // a broadcast is no transpose
        self.rows = rows
        self.cols = cols
        (dstRow, dstCol, srcRow, srcCol) = (dr, dc, sr, sc)
        outerShape = Array(sizes[..<(r - 2)])
        outerDst = Array(ds[..<(r - 2)])
        outerSrc = Array(ss[..<(r - 2)])
        dstOffset = dst.offset
        srcOffset = src.offset
    }

    /// Copies one tile through a small buffer, so each side is read or written
    /// along its contiguous direction: with power-of-two row strides the direct
    /// strided walk maps every line of a tile to the same cache set and thrashes.
    @inline(__always)
    private func copyTile<T>(_ s: UnsafeMutablePointer<T>, _ d: UnsafeMutablePointer<T>,
                             _ r0: Int, _ r1: Int, _ c0: Int, _ c1: Int, _ buf: UnsafeMutablePointer<T>) {
        let t = Self.tile, h = r1 - r0, w = c1 - c0
        if dstCol == 1 {
            // Source columns are contiguous (srcRow == 1): read them in order.
            for j in 0..<w {
                let sj = s + (c0 + j) * srcCol + r0
                for i in 0..<h { buf[i * t + j] = sj[i] }
            }
            for i in 0..<h {
                (d + (r0 + i) * dstRow + c0).update(from: buf + i * t, count: w)
            }
        } else {
            // Source rows are contiguous, destination columns are (dstRow == 1).
            for i in 0..<h {
                let si = s + (r0 + i) * srcRow + c0
                for j in 0..<w { buf[j * t + i] = si[j] }
            }
            for j in 0..<w {
                (d + (c0 + j) * dstCol + r0).update(from: buf + j * t, count: h)
            }
        }
    }

    func copy<T>(from src: UnsafeMutablePointer<T>, to dst: UnsafeMutablePointer<T>) {
        let t = Self.tile
        let rowBlocks = (rows + t - 1) / t
        let outerCount = outerShape.reduce(1, *)
        let units = outerCount * rowBlocks
        let body = { (range: Range<Int>) in
            withUnsafeTemporaryAllocation(of: T.self, capacity: t * t) { tileBuffer in
                let buf = tileBuffer.baseAddress!
                for unit in range {
                    var rest = unit / rowBlocks
                    var d = dst + dstOffset, s = src + srcOffset
                    for k in stride(from: outerShape.count - 1, through: 0, by: -1) {
                        let i = rest % outerShape[k]
                        rest /= outerShape[k]
                        d += i * outerDst[k]
                        s += i * outerSrc[k]
                    }
                    let r0 = (unit % rowBlocks) * t, r1 = min(r0 + t, rows)
                    var c0 = 0
                    while c0 < cols {
                        let c1 = min(c0 + t, cols)
                        copyTile(s, d, r0, r1, c0, c1, buf)
                        c0 = c1
                    }
                }
            }
        }
        let chunks = Parallel.chunkCount(for: rows * cols * outerCount)
        if chunks == 1 || units == 1 {
            body(0..<units)
        } else {
            Parallel.run(count: units, chunks: min(chunks, units), body)
        }
    }
}
