/// The geometry of a sliding window over three spatial dims. Ops with one or
/// two spatial dims use it with leading size-1 dims (kernel 1, stride 1, no
/// padding), so one kernel serves conv1d, conv2d and conv3d.
struct WindowGeometry: Equatable, Sendable {
    /// Spatial size of the image (the conv input, or the transposed conv output).
    var input: [Int]
    /// Spatial size of the window grid (the conv output).
    var output: [Int]
    var kernel: [Int]
    var stride: [Int]
    var padding: [Int]
    var dilation: [Int]
    /// How many of the three dims are real (1, 2 or 3).
    var rank: Int

    /// Pads per-dim values of one or two spatial dims to three.
    static func lifted(_ values: [Int], fill: Int) -> [Int] {
        [Int](repeating: fill, count: 3 - values.count) + values
    }

    init(input: [Int], output: [Int], kernel: [Int], stride: [Int], padding: [Int], dilation: [Int]) {
        self.input = Self.lifted(input, fill: 1)
        self.output = Self.lifted(output, fill: 1)
        self.kernel = Self.lifted(kernel, fill: 1)
        self.stride = Self.lifted(stride, fill: 1)
        self.padding = Self.lifted(padding, fill: 0)
        self.dilation = Self.lifted(dilation, fill: 1)
        self.rank = input.count
    }

    /// The real spatial dims of the image.
    var imageShape: [Int] { Array(input.suffix(rank)) }
    /// The real spatial dims of the window grid.
    var outputShape: [Int] { Array(output.suffix(rank)) }

    var kernelCount: Int { kernel[0] * kernel[1] * kernel[2] }
    var outputCount: Int { output[0] * output[1] * output[2] }
    var inputCount: Int { input[0] * input[1] * input[2] }

    /// The output positions `o` of the last dim whose input column
    /// `o * stride - padding + k * dilation` lies inside the image.
    @inline(__always)
    func validRange(dim d: Int, k: Int) -> Range<Int> {
        let shift = k * dilation[d] - padding[d]
        // o * s + shift >= 0  and  o * s + shift < input
        let lo = shift >= 0 ? 0 : (-shift + stride[d] - 1) / stride[d]
        let limit = input[d] - shift
        let hi = limit <= 0 ? 0 : (limit + stride[d] - 1) / stride[d]
        return min(lo, output[d])..<max(min(lo, output[d]), min(hi, output[d]))
    }
}

/// im2col and col2im: the unfolding of sliding windows into columns that turns
/// a convolution into one matrix product (and its adjoint, which sums columns
/// back into the image). float32 and float64 only; callers cast other types.
enum Im2ColKernel {
    /// `[batch, channels, *input]` (contiguous) into `[batch, channels * kernelCount, outputCount]`.
    static func im2col(_ image: Tensor, channels: Int, geometry g: WindowGeometry) -> Tensor {
        let batch = image.shape[0]
        let out = Tensor(uninitializedShape: [batch, channels * g.kernelCount, g.outputCount], dtype: image.dtype)
        if image.dtype == .float32 {
            run(Float.self, image, out, batch * channels, g, toColumns: true)
        } else {
            run(Double.self, image, out, batch * channels, g, toColumns: true)
        }
        return out
    }

    /// im2col into an existing contiguous buffer of `batch * channels * kernelCount * outputCount` elements.
    static func im2col(_ image: Tensor, batch: Int, channels: Int, geometry g: WindowGeometry, into out: Tensor) {
        if image.dtype == .float32 {
            run(Float.self, image, out, batch * channels, g, toColumns: true)
        } else {
            run(Double.self, image, out, batch * channels, g, toColumns: true)
        }
    }

    /// `[batch, channels * kernelCount, outputCount]` (contiguous) summed into `[batch, channels, *input]`.
    static func col2im(_ columns: Tensor, channels: Int, geometry g: WindowGeometry) -> Tensor {
        let batch = columns.shape[0]
        let out = Tensor(uninitializedShape: [batch, channels] + g.imageShape, dtype: columns.dtype)
        col2im(columns, batch: batch, channels: channels, geometry: g, into: out)
        return out
    }

    /// col2im into an existing contiguous image buffer (overwritten, not added to).
    static func col2im(_ columns: Tensor, batch: Int, channels: Int, geometry g: WindowGeometry, into out: Tensor) {
        if columns.dtype == .float32 {
            run(Float.self, out, columns, batch * channels, g, toColumns: false)
        } else {
            run(Double.self, out, columns, batch * channels, g, toColumns: false)
        }
    }

    /// Walks every (plane, kernel offset, output row) and copies runs along the
    /// last dim, image to columns or columns added into the image. Planes
    /// (batch x channel) own disjoint rows of both buffers, so they split across cores.
    private static func run<T: FloatElement>(_: T.Type, _ image: Tensor, _ columns: Tensor, _ planes: Int,
                                                    _ g: WindowGeometry, toColumns: Bool) {
        let img = image.pointer(as: T.self), col = columns.pointer(as: T.self)
        let planeSize = g.inputCount, colPlane = g.kernelCount * g.outputCount
        let (kd, kh, kw) = (g.kernel[0], g.kernel[1], g.kernel[2])
        let (od, oh, ow) = (g.output[0], g.output[1], g.output[2])
        let (ih, iw) = (g.input[1], g.input[2])
        let (sd, sh, sw) = (g.stride[0], g.stride[1], g.stride[2])
        let (pd, ph, pw) = (g.padding[0], g.padding[1], g.padding[2])
        let (dd, dh, dw) = (g.dilation[0], g.dilation[1], g.dilation[2])
        let work = planes * colPlane
        let chunks = work < 1 << 16 ? 1 : min(Parallel.cores, planes)
        Parallel.run(count: planes, chunks: chunks) { range in
            for p in range {
                let src = img + p * planeSize
                if !toColumns { src.update(repeating: 0, count: planeSize) }
                var row = col + p * colPlane
                for a in 0..<kd { for b in 0..<kh { for c in 0..<kw {
                    let wr = g.validRange(dim: 2, k: c)
                    let wShift = c * dw - pw
                    for z in 0..<od {
                        let iz = z * sd - pd + a * dd
                        for y in 0..<oh {
                            let iy = y * sh - ph + b * dh
                            let dst = row + (z * oh + y) * ow
                            let inside = iz >= 0 && iz < g.input[0] && iy >= 0 && iy < ih
                            if toColumns {
                                guard inside else { dst.update(repeating: 0, count: ow); continue }
                                let line = src + (iz * ih + iy) * iw + wShift
                                for x in 0..<wr.lowerBound { dst[x] = 0 }
                                if sw == 1 {
                                    for x in wr { dst[x] = line[x] }
                                } else {
                                    for x in wr { dst[x] = line[x * sw] }
                                }
                                for x in wr.upperBound..<ow { dst[x] = 0 }
                            } else {
                                guard inside else { continue }
                                let line = src + (iz * ih + iy) * iw + wShift
                                if sw == 1 {
                                    for x in wr { line[x] += dst[x] }
                                } else {
                                    for x in wr { line[x * sw] += dst[x] }
                                }
                            }
                        }
                    }
                    row += od * oh * ow
                } } }
            }
        }
    }
}
