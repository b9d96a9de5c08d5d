// Max unpooling (the partial inverse of max pooling: each value goes back to
// the position its index names, zeros elsewhere) and power-average pooling.

extension Functional {
    /// Puts each value of `[N, C, L]` at `indices` in a zero `[N, C, Lout]`, PyTorch's `F.max_unpool1d`.
    public static func maxUnpool1d(_ input: Tensor, _ indices: Tensor, kernelSize: IntOrTuple, stride: IntOrTuple? = nil,
                                   padding: IntOrTuple = 0, outputSize: [Int]? = nil,
                                   file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        maxUnpool(input, indices, 1, kernelSize, stride, padding, outputSize, file: file, line: line)
    }

    /// Puts each value of `[N, C, H, W]` at its flat `h * Wout + w` index in a zero output, PyTorch's `F.max_unpool2d`.
    ///
    /// The default output size per dim is `(in - 1) * stride - 2 * padding + kernel`;
    /// `outputSize` (spatial dims, optionally led by N and C) picks another within one stride of it.
    public static func maxUnpool2d(_ input: Tensor, _ indices: Tensor, kernelSize: IntOrTuple, stride: IntOrTuple? = nil,
                                   padding: IntOrTuple = 0, outputSize: [Int]? = nil,
                                   file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        maxUnpool(input, indices, 2, kernelSize, stride, padding, outputSize, file: file, line: line)
    }

    /// Puts each value of `[N, C, D, H, W]` at its flat index in a zero output, PyTorch's `F.max_unpool3d`.
    public static func maxUnpool3d(_ input: Tensor, _ indices: Tensor, kernelSize: IntOrTuple, stride: IntOrTuple? = nil,
                                   padding: IntOrTuple = 0, outputSize: [Int]? = nil,
                                   file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        maxUnpool(input, indices, 3, kernelSize, stride, padding, outputSize, file: file, line: line)
    }

    private static func maxUnpool(_ input: Tensor, _ indices: Tensor, _ n: Int, _ kernelSize: IntOrTuple, _ stride: IntOrTuple?,
                                  _ padding: IntOrTuple, _ outputSize: [Int]?, file: StaticString, line: UInt) -> Tensor {
        let op = "max_unpool\(n)d"
        // max_unpool1d runs as max_unpool2d on a trailing unit dim, so it reports that op's ranks.
        let reported = Swift.max(n, 2), rank = input.ndim + (n == 1 ? 1 : 0)
        torchCheck(input.ndim == n + 1 || input.ndim == n + 2,
                   "Input to max_unpooling\(reported)d should be a \(reported + 1)d or \(reported + 2)d Tensor, but got a tensor with \(rank) dimensions.",
                   file: file, line: line)
        torchCheck(indices.dtype == .int64, "elements in indices should be type int64 but got: \(indices.dtype.scalarTypeName)",
                   file: file, line: line)
        torchCheck(indices.shape == input.shape,
                   "Expected shape of indices to be same as that of the input tensor (\(input.shape)) but got indices tensor with shape: \(indices.shape)",
                   file: file, line: line)
        let k = poolingArgument(kernelSize, n, op: op, name: "kernel_size", file: file, line: line)
        let s = stride.map { poolingArgument($0, n, op: op, name: "stride", optional: true, file: file, line: line) } ?? k
        let p = poolingArgument(padding, n, op: op, name: "padding", file: file, line: line)
        let spatial = Array(input.shape.suffix(n))
        let defaults = (0..<n).map { (d: Int) -> Int in (spatial[d] - 1) * s[d] - 2 * p[d] + k[d] }
        var size = defaults
        if let outputSize {
            let given = Array(outputSize.suffix(n))
            torchCheck(outputSize.count == n || outputSize.count == n + 2,
                       "output_size should be a sequence containing \(n) or \(n + 2) elements, but it has a length of '\(outputSize.count)'",
                       file: file, line: line)
            for d in 0..<n where !(defaults[d] - s[d] < given[d] && given[d] < defaults[d] + s[d]) {
                torchFail("invalid output_size \"(\(given.map(String.init).joined(separator: ", ")))\" (dim \(d) must be between \(defaults[d] - s[d]) and \(defaults[d] + s[d]))",
                          file: file, line: line)
            }
            size = given
        }
        let batched = input.ndim == n + 2
        let x = batched ? input : input.unsqueeze(0), idx = batched ? indices : indices.unsqueeze(0)
        let (b, c) = (x.shape[0], x.shape[1])
        let volume = size.reduce(1, *)
        let flatIdx = idx.reshape([b, c, -1])
        if flatIdx.numel() > 0 && !flatIdx.isMeta {  // meta holds no indices to check
            let largest = Int(flatIdx.max().item(as: Int64.self)), smallest = Int(flatIdx.min().item(as: Int64.self))
            let shown = (n == 1 ? size + [1] : size).map(String.init).joined(separator: "x")
            torchCheck(smallest >= 0 && largest < volume,
                       "Found an invalid max index: \(smallest < 0 ? smallest : largest) (output volumes are of size \(shown))",
                       file: file, line: line)
        }
        let out = noGrad {
            Torch.zeros([b, c, volume], device: x.device, dtype: x.dtype).scatter(2, flatIdx, x.reshape([b, c, -1])).reshape([b, c] + size)
        }
        if gradNeeded(x) {
            let shape = x.shape
            recordNode("MaxUnpool\(Swift.max(n, 2))DBackward0", inputs: [x], output: out) { ctx in
                [ctx.grad.reshape([b, c, volume]).gather(2, flatIdx).reshape(shape)]
            }
        }
        return batched ? out : out.squeeze(0)
    }

    /// Power-average pooling over `[N, C, L]`: `(sum over window of x^p)^(1/p)`, PyTorch's `F.lp_pool1d`.
    public static func lpPool1d(_ input: Tensor, normType: Double, kernelSize: Int, stride: Int? = nil, ceilMode: Bool = false,
                                file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let out = avgPool1d(input.pow(normType), kernelSize: IntOrTuple(kernelSize), stride: stride.map { IntOrTuple($0) },
                            ceilMode: ceilMode, file: file, line: line)
        return (out.sign() * out.abs().relu()).mul(Double(kernelSize)).pow(1 / normType)
    }

    /// Power-average pooling over `[N, C, H, W]`: `(sum over window of x^p)^(1/p)`, PyTorch's `F.lp_pool2d`.
    public static func lpPool2d(_ input: Tensor, normType: Double, kernelSize: IntOrTuple, stride: IntOrTuple? = nil,
                                ceilMode: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let k = poolingArgument(kernelSize, 2, op: "lp_pool2d", name: "kernel_size", file: file, line: line)
        let out = avgPool2d(input.pow(normType), kernelSize: kernelSize, stride: stride, ceilMode: ceilMode, file: file, line: line)
        return (out.sign() * out.abs().relu()).mul(Double(k[0] * k[1])).pow(1 / normType)
    }
}
