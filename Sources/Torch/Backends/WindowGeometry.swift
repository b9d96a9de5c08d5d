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

/// Where the column of (image, channel, kernel offset) starts in a column
/// buffer, as element strides. `imageMajor` is `[batch, channels * kernelCount,
/// outputCount]`, the layout `unfold` returns. `channelMajor` is `[channels *
/// kernelCount, batch, outputCount]`: the columns of a whole chunk of images
/// side by side, so one matrix product covers the chunk (few large GEMMs
/// instead of one small GEMM per image when images are small).
struct ColumnOrder: Sendable {
    var image: Int
    var channel: Int
    var kernelOffset: Int

    static func imageMajor(channels: Int, _ g: WindowGeometry) -> ColumnOrder {
        ColumnOrder(image: channels * g.kernelCount * g.outputCount, channel: g.kernelCount * g.outputCount,
                    kernelOffset: g.outputCount)
    }

    static func channelMajor(batch: Int, _ g: WindowGeometry) -> ColumnOrder {
        ColumnOrder(image: g.outputCount, channel: g.kernelCount * batch * g.outputCount, kernelOffset: batch * g.outputCount)
    }
}
