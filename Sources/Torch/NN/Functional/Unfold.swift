// `unfold` (im2col) and `fold` (col2im) exposed as PyTorch's F.unfold / F.fold,
// on the same differentiable pair the convolutions use.

extension Functional {
    /// Extracts sliding `kernelSize` blocks of `[N, C, H, W]` (or `[C, H, W]`) as columns
    /// `[N, C * kH * kW, L]`, PyTorch's `F.unfold`.
    public static func unfold(_ input: Tensor, kernelSize: IntOrTuple, dilation: IntOrTuple = 1, padding: IntOrTuple = 0,
                              stride: IntOrTuple = 1, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck((input.ndim == 3 || input.ndim == 4) && input.shape.suffix(3).allSatisfy { $0 > 0 },
                   "Expected 3D or 4D (batch mode) tensor with possibly 0 batch size and other non-zero dimensions for input, but got: \(input.shape)",
                   file: file, line: line)
        let k = poolingArgument(kernelSize, 2, op: "unfold", name: "kernel_size", file: file, line: line)
        let d = poolingArgument(dilation, 2, op: "unfold", name: "dilation", file: file, line: line)
        let p = poolingArgument(padding, 2, op: "unfold", name: "padding", file: file, line: line)
        torchCheck(p.allSatisfy { $0 >= 0 }, "padding should be non-negative, but got pad_height: \(p[0]) pad_width: \(p[1])", file: file, line: line)
        let s = poolingArgument(stride, 2, op: "unfold", name: "stride", file: file, line: line)
        let batched = input.ndim == 4
        let x = batched ? input : input.unsqueeze(0)
        let spatial = Array(x.shape.suffix(2))
        let blocks = blockCounts(spatial, k, d, p, s)
        torchCheck(blocks.allSatisfy { $0 > 0 },
                   "Given input with spatial size (\(spatial[0]), \(spatial[1])), kernel_size=(\(k[0]), \(k[1])), dilation=(\(d[0]), \(d[1])), padding=(\(p[0]), \(p[1])), calculated shape of the array of sliding blocks as (\(blocks[0]), \(blocks[1])), but its components must be at least one.",
                   file: file, line: line)
        let geometry = WindowGeometry(input: spatial, output: blocks, kernel: k, stride: s, padding: p, dilation: d)
        let cols = x.slidingWindowColumns(geometry)
        return batched ? cols : cols.squeeze(0)
    }

    /// Sums columns `[N, C * kH * kW, L]` (or `[C * kH * kW, L]`) back into `[N, C, *outputSize]`,
    /// PyTorch's `F.fold` (the adjoint of `unfold`).
    public static func fold(_ input: Tensor, outputSize: IntOrTuple, kernelSize: IntOrTuple, dilation: IntOrTuple = 1,
                            padding: IntOrTuple = 0, stride: IntOrTuple = 1,
                            file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck((input.ndim == 2 || input.ndim == 3) && input.numel() > 0,
                   "Expected 2D or 3D (batch mode) tensor for input with possibly 0 batch size and non-zero dimensions for input, but got: \(input.shape)",
                   file: file, line: line)
        let o = poolingArgument(outputSize, 2, op: "fold", name: "output_size", file: file, line: line)
        let k = poolingArgument(kernelSize, 2, op: "fold", name: "kernel_size", file: file, line: line)
        let d = poolingArgument(dilation, 2, op: "fold", name: "dilation", file: file, line: line)
        let p = poolingArgument(padding, 2, op: "fold", name: "padding", file: file, line: line)
        let s = poolingArgument(stride, 2, op: "fold", name: "stride", file: file, line: line)
        let batched = input.ndim == 3
        let x = batched ? input : input.unsqueeze(0)
        let rows = x.shape[1], kernelCount = k[0] * k[1]
        torchCheck(rows % kernelCount == 0,
                   "Expected size of input's dimension 1 to be divisible by the product of kernel_size, but got input.size(1)=\(rows) and kernel_size=(\(k[0]), \(k[1])).",
                   file: file, line: line)
        let blocks = blockCounts(o, k, d, p, s)
        torchCheck(blocks[0] * blocks[1] == x.shape[2],
                   "Given output_size=(\(o[0]), \(o[1])), kernel_size=(\(k[0]), \(k[1])), dilation=(\(d[0]), \(d[1])), padding=(\(p[0]), \(p[1])), stride=(\(s[0]), \(s[1])), expected size of input's dimension 2 to match the calculated number of sliding blocks \(blocks[0]) * \(blocks[1]) = \(blocks[0] * blocks[1]), but got input.size(2)=\(x.shape[2]).",
                   file: file, line: line)
        let geometry = WindowGeometry(input: o, output: blocks, kernel: k, stride: s, padding: p, dilation: d)
        let image = x.slidingWindowSum(geometry, channels: rows / kernelCount)
        return batched ? image : image.squeeze(0)
    }

    private static func blockCounts(_ size: [Int], _ k: [Int], _ d: [Int], _ p: [Int], _ s: [Int]) -> [Int] {
        (0..<2).map { (i: Int) -> Int in
            let span: Int = size[i] + 2 * p[i] - d[i] * (k[i] - 1) - 1
            return span / s[i] + 1
        }
    }
}
