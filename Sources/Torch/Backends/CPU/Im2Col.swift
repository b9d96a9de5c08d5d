/// im2col and col2im: the unfolding of sliding windows into columns that turns
/// a convolution into one matrix product (and its adjoint, which sums columns
/// back into the image). float32 and float64 only; callers cast other types.
enum Im2ColKernel {
    /// `[batch, channels, *input]` (contiguous) into `[batch, channels * kernelCount, outputCount]`.
    static func im2col(_ image: Tensor, channels: Int, geometry g: WindowGeometry) -> Tensor {
        let batch = image.shape[0]
        let out = Tensor(uninitializedShape: [batch, channels * g.kernelCount, g.outputCount], dtype: image.dtype)
        im2col(image, batch: batch, channels: channels, geometry: g, into: out, order: .imageMajor(channels: channels, g))
        return out
    }

    /// im2col into an existing contiguous buffer of `batch * channels * kernelCount * outputCount` elements.
    static func im2col(_ image: Tensor, batch: Int, channels: Int, geometry g: WindowGeometry, into out: Tensor,
                       order: ColumnOrder) {
        if image.dtype == .float32 {
            run(Float.self, image, out, batch, channels, g, order, toColumns: true)
        } else {
            run(Double.self, image, out, batch, channels, g, order, toColumns: true)
        }
    }

    /// `[batch, channels * kernelCount, outputCount]` (contiguous) summed into `[batch, channels, *input]`.
    static func col2im(_ columns: Tensor, channels: Int, geometry g: WindowGeometry) -> Tensor {
        let batch = columns.shape[0]
        let out = Tensor(uninitializedShape: [batch, channels] + g.imageShape, dtype: columns.dtype)
        col2im(columns, batch: batch, channels: channels, geometry: g, into: out, order: .imageMajor(channels: channels, g))
        return out
    }

    /// col2im into an existing contiguous image buffer (overwritten, not added to).
    static func col2im(_ columns: Tensor, batch: Int, channels: Int, geometry g: WindowGeometry, into out: Tensor,
                       order: ColumnOrder) {
        if columns.dtype == .float32 {
            run(Float.self, out, columns, batch, channels, g, order, toColumns: false)
        } else {
            run(Double.self, out, columns, batch, channels, g, order, toColumns: false)
        }
    }

    /// Walks every (plane, kernel offset, output row) and copies runs along the
    /// last dim, image to columns or columns added into the image. Planes
    /// (batch x channel) own disjoint rows of both buffers, so they split across cores.
    private static func run<T: FloatElement & SIMDScalar>(_: T.Type, _ image: Tensor, _ columns: Tensor, _ batch: Int, _ channels: Int,
                                             _ g: WindowGeometry, _ order: ColumnOrder, toColumns: Bool) {
        let img = image.pointer(as: T.self), col = columns.pointer(as: T.self)
        let planes = batch * channels
        let planeSize = g.inputCount
        let (kd, kh, kw) = (g.kernel[0], g.kernel[1], g.kernel[2])
        let (od, oh, ow) = (g.output[0], g.output[1], g.output[2])
        let (id, ih, iw) = (g.input[0], g.input[1], g.input[2])
        let (sd, sh, sw) = (g.stride[0], g.stride[1], g.stride[2])
        let (pd, ph, pw) = (g.padding[0], g.padding[1], g.padding[2])
        let (dd, dh, dw) = (g.dilation[0], g.dilation[1], g.dilation[2])
        // The valid output ranges along the last dim (per kernel column) and
        // along rows (per kernel row).
        let ranges = (0..<kw).map { g.validRange(dim: 2, k: $0) }
        let rowRanges = (0..<kh).map { g.validRange(dim: 1, k: $0) }
        // Unit strides with an output as wide as the image ("same" padding, the
        // common 3x3/padding 1 case): the window rows of one kernel offset are
        // consecutive image rows, so each offset is one block copy.
        let rowsAreContiguous = od == 1 && kd == 1 && sh == 1 && sw == 1 && ow == iw
        let kernelCount = g.kernelCount
        let work = planes * kernelCount * g.outputCount
        ranges.withUnsafeBufferPointer { ranges in
            // The columns of kernel offset (a, b, c) of one plane: read from
            // the image, or added back into it.
            @inline(__always)
            func offsetRows(_ src: UnsafeMutablePointer<T>, _ row: UnsafeMutablePointer<T>, _ a: Int, _ b: Int, _ c: Int) {
                let wr = ranges[c]
                let (lo, hi) = (wr.lowerBound, wr.upperBound)
                let wShift = c * dw - pw
                if toColumns && rowsAreContiguous {
                    copyBlock(from: src, planeSize: planeSize, to: row, height: oh, validRows: rowRanges[b],
                              firstRow: b * dh - ph, width: ow, shift: wShift, validColumns: lo..<hi)
                    return
                }
                for z in 0..<od {
                    let iz = z * sd - pd + a * dd
                    for y in 0..<oh {
                        let iy = y * sh - ph + b * dh
                        let dst = row + (z * oh + y) * ow
                        let inside = iz >= 0 && iz < id && iy >= 0 && iy < ih
                        if toColumns {
                            guard inside else { dst.update(repeating: 0, count: ow); continue }
                            let line = src + (iz * ih + iy) * iw + wShift
                            if lo > 0 { dst.update(repeating: 0, count: lo) }
                            if sw == 1 {
                                if hi > lo { (dst + lo).update(from: line + lo, count: hi - lo) }
                            } else {
                                for x in lo..<hi { dst[x] = line[x * sw] }
                            }
                            if hi < ow { (dst + hi).update(repeating: 0, count: ow - hi) }
                        } else {
                            guard inside else { continue }
                            let line = src + (iz * ih + iy) * iw + wShift
                            if sw == 1 {
                                addRun(into: line + lo, from: dst + lo, count: hi - lo)
                            } else {
                                for x in lo..<hi { line[x * sw] += dst[x] }
                            }
                        }
                    }
                }
            }
            if toColumns {
                // Every (plane, kernel offset) fills its own columns, so the
                // work splits evenly across cores even for a 3-channel image.
                let tasks = planes * kernelCount
                let chunks = work < 1 << 16 ? 1 : min(Parallel.cores, tasks)
                Parallel.run(count: tasks, chunks: chunks) { range in
                    for t in range {
                        let p = t / kernelCount, k = t % kernelCount
                        let row = col + (p / channels) * order.image + (p % channels) * order.channel + k * order.kernelOffset
                        offsetRows(img + p * planeSize, row, k / (kh * kw), (k / kw) % kh, k % kw)
                    }
                }
            } else {
                // Kernel offsets of one plane add into the same image: planes split across cores.
                let chunks = work < 1 << 16 ? 1 : min(Parallel.cores, planes)
                Parallel.run(count: planes, chunks: chunks) { range in
                    for p in range {
                        let src = img + p * planeSize
                        src.update(repeating: 0, count: planeSize)
                        let row = col + (p / channels) * order.image + (p % channels) * order.channel
                        for k in 0..<kernelCount {
                            offsetRows(src, row + k * order.kernelOffset, k / (kh * kw), (k / kw) % kh, k % kw)
                        }
                    }
                }
            }
        }
    }

    /// The columns of one kernel offset when window rows are consecutive image
    /// rows (see `rowsAreContiguous`): output row `y` reads image row
    /// `y + firstRow` shifted by `shift` columns. One copy covers all valid rows;
    /// the columns outside `validColumns` (which the flat copy filled with the
    /// neighbouring row's pixels, or skipped at the plane's ends) and the rows
    /// outside `validRows` are then zeroed.
    @inline(__always)
    private static func copyBlock<T: FloatElement>(from image: UnsafeMutablePointer<T>, planeSize: Int,
                                                   to dst: UnsafeMutablePointer<T>, height: Int, validRows: Range<Int>,
                                                   firstRow: Int, width: Int, shift: Int, validColumns: Range<Int>) {
        let (y0, y1) = (validRows.lowerBound, validRows.upperBound)
        guard y1 > y0 else { dst.update(repeating: 0, count: height * width); return }
        if y0 > 0 { dst.update(repeating: 0, count: y0 * width) }
        if y1 < height { (dst + y1 * width).update(repeating: 0, count: (height - y1) * width) }
        var start = (y0 + firstRow) * width + shift, out = y0 * width, count = (y1 - y0) * width
        if start < 0 { out -= start; count += start; start = 0 }
        if start + count > planeSize { count = planeSize - start }
        if count > 0 { (dst + out).update(from: image + start, count: count) }
        let (lo, hi) = (Swift.min(validColumns.lowerBound, width), Swift.max(validColumns.upperBound, 0))
        // Usually one column each side: plain stores, not a memset call per row.
        for y in y0..<y1 {
            let line = dst + y * width
            if lo == 1 { line[0] = 0 } else { for x in 0..<lo { line[x] = 0 } }
            if hi == width - 1 { line[hi] = 0 } else { for x in hi..<width { line[x] = 0 } }
        }
    }

    /// `target[i] += source[i]` for `count` elements that do not overlap,
    /// eight lanes at a time.
    @inline(__always)
    private static func addRun<T: FloatElement & SIMDScalar>(into target: UnsafeMutablePointer<T>,
                                                             from source: UnsafeMutablePointer<T>, count: Int) {
        var i = 0
        while i + 8 <= count {
            let sum = UnsafeRawPointer(target + i).loadUnaligned(as: SIMD8<T>.self)
                + UnsafeRawPointer(source + i).loadUnaligned(as: SIMD8<T>.self)
            UnsafeMutableRawPointer(target + i).storeBytes(of: sum, as: SIMD8<T>.self)
            i += 8
        }
        while i < count { target[i] += source[i]; i += 1 }
    }
}
