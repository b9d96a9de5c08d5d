import CFastMath

/// Window max (with the flat input index of each maximum), window sum, and the
/// sum's adjoint, over contiguous `[planes, *input]` float32/float64 buffers.
enum PoolingKernel {
    typealias Mode = PoolingMode

    /// `(values, indices)` for `.max`; `(sums, nil)` for `.sum`; for
    /// `.sumAdjoint`, `source` is `[planes, *output]` and the result is the input-sized sum.
    static func run(_ source: Tensor, planes: Int, windows: PoolingWindows, mode: Mode) -> (Tensor, Tensor?) {
        let outShape = mode == .sumAdjoint ? windows.imageShape : windows.outputShape
        let out = Tensor(uninitializedShape: [planes] + outShape, dtype: source.dtype)
        let indices = mode == .max ? Tensor(uninitializedShape: [planes] + outShape, dtype: .int64) : nil
        if mode == .max, source.dtype == .float32, windows.inputSize[0] == 1, let regular = windows.regular {
            regularMax(source, out, indices!, planes, windows, regular[1], regular[2])
        } else if source.dtype == .float32 {
            loop(Float.self, source, out, indices, planes, windows, mode)
        } else {
            loop(Double.self, source, out, indices, planes, windows, mode)
        }
        return (out, indices)
    }

    private static func loop<T: FloatElement>(_: T.Type, _ source: Tensor, _ out: Tensor, _ indices: Tensor?,
                                              _ planes: Int, _ w: PoolingWindows, _ mode: Mode) {
        let src = source.pointer(as: T.self), dst = out.pointer(as: T.self)
        let idx = indices?.pointer(as: Int64.self)
        let inCount = w.inputCount, outCount = w.outputCount
        let (h, wd) = (w.inputSize[1], w.inputSize[2])
        let (od, oh, ow) = (w.outputSize[0], w.outputSize[1], w.outputSize[2])
        let chunks = planes * max(inCount, outCount) < 1 << 15 ? 1 : min(Parallel.cores, planes)
        w.offsets[0].withUnsafeBufferPointer { o0 in w.offsets[1].withUnsafeBufferPointer { o1 in
        w.offsets[2].withUnsafeBufferPointer { o2 in w.positions[0].withUnsafeBufferPointer { p0 in
        w.positions[1].withUnsafeBufferPointer { p1 in w.positions[2].withUnsafeBufferPointer { p2 in
            Parallel.run(count: planes, chunks: chunks) { range in
                for p in range {
                    let image = mode == .sumAdjoint ? dst + p * inCount : src + p * inCount
                    let grid = mode == .sumAdjoint ? src + p * outCount : dst + p * outCount
                    if mode == .sumAdjoint { image.update(repeating: 0, count: inCount) }
                    var o = 0
                    for z in 0..<od { for y in 0..<oh { for x in 0..<ow {
                        switch mode {
                        case .max:
                            var best = -T.infinity, bestAt = -1
                            for a in o0[z]..<o0[z + 1] { for b in o1[y]..<o1[y + 1] {
                                let row = (p0[a] * h + p1[b]) * wd
                                for c in o2[x]..<o2[x + 1] {
                                    let at = row + p2[c], v = image[at]
                                    let take = (bestAt < 0 ? 1 as UInt8 : 0) | (v > best ? 1 : 0) | (v != v ? 1 : 0) != 0
                                    best = take ? v : best
                                    bestAt = take ? at : bestAt
                                }
                            } }
                            grid[o] = best
                            idx![p * outCount + o] = Int64(bestAt)
                        case .sum:
                            var total = T.zero
                            for a in o0[z]..<o0[z + 1] { for b in o1[y]..<o1[y + 1] {
                                let row = (p0[a] * h + p1[b]) * wd
                                for c in o2[x]..<o2[x + 1] { total += image[row + p2[c]] }
                            } }
                            grid[o] = total
                        case .sumAdjoint:
                            let g = grid[o]
                            for a in o0[z]..<o0[z + 1] { for b in o1[y]..<o1[y + 1] {
                                let row = (p0[a] * h + p1[b]) * wd
                                for c in o2[x]..<o2[x + 1] { image[row + p2[c]] += g }
                            } }
                        }
                        o += 1
                    } } }
                }
            }
        } } } } } }
    }

    /// float32 max pooling over one or two spatial dims whose windows are
    /// regular (see `PoolingWindows.regular`), the common `MaxPool2d(k)` case,
    /// by the vectorised C loop. Ties keep the first maximum and NaN wins, as
    /// in the general loop.
    private static func regularMax(_ source: Tensor, _ out: Tensor, _ indices: Tensor, _ planes: Int, _ w: PoolingWindows,
                                   _ rows: (kernel: Int, stride: Int), _ cols: (kernel: Int, stride: Int)) {
        let src = source.pointer(as: Float.self), dst = out.pointer(as: Float.self), idx = indices.pointer(as: Int64.self)
        let inCount = w.inputCount, outCount = w.outputCount
        let chunks = planes * inCount < 1 << 16 ? 1 : min(Parallel.cores, planes)
        Parallel.run(count: planes, chunks: chunks) { range in
            torch_maxpool2d_f32(src + range.lowerBound * inCount, dst + range.lowerBound * outCount,
                                idx + range.lowerBound * outCount, range.count, w.inputSize[1], w.inputSize[2],
                                w.outputSize[1], w.outputSize[2], rows.kernel, cols.kernel, rows.stride, cols.stride)
        }
    }

    /// The gradient of max pooling: a zeroed contiguous `[planes, inputCount]`
    /// tensor with each output gradient added at its maximum's flat in-plane
    /// index (PyTorch's max_pool*_with_indices_backward).
    static func maxAdjoint(_ grad: Tensor, indices: Tensor, planes: Int, inputCount: Int, outputCount: Int) -> Tensor {
        let out = Tensor(uninitializedShape: [planes, inputCount], dtype: grad.dtype)
        if grad.dtype == .float32 {
            maxAdjoint(Float.self, grad, indices, out, planes, inputCount, outputCount)
        } else {
            maxAdjoint(Double.self, grad, indices, out, planes, inputCount, outputCount)
        }
        return out
    }

    private static func maxAdjoint<T: FloatElement>(_: T.Type, _ grad: Tensor, _ indices: Tensor, _ out: Tensor,
                                                    _ planes: Int, _ inCount: Int, _ outCount: Int) {
        let g = grad.pointer(as: T.self), idx = indices.pointer(as: Int64.self), dst = out.pointer(as: T.self)
        let chunks = planes * inCount < 1 << 16 ? 1 : min(Parallel.cores, planes)
        Parallel.run(count: planes, chunks: chunks) { range in
            let image = dst + range.lowerBound * inCount
            image.update(repeating: 0, count: range.count * inCount)
            for p in range {
                let plane = dst + p * inCount, from = p * outCount
                for o in from..<from + outCount { plane[Int(idx[o])] += g[o] }
            }
        }
    }
}
