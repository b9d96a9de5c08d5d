// Adaptive pooling: the output size is given and each output cell pools the
// input range `floor(o * in / out) ..< ceil((o + 1) * in / out)`.

extension Functional {
    /// 1-d adaptive average pooling of `[N, C, L]` (or `[C, L]`) to `outputSize`.
    public static func adaptiveAvgPool1d(_ input: Tensor, outputSize: IntOrTuple,
                                         file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(input.ndim == 2 || input.ndim == 3,
                   "Expected 2 to 3 dimensions, but got \(input.ndim)-dimensional tensor for argument #1 'self' (while checking arguments for adaptive_avg_pool1d)",
                   file: file, line: line)
        let size = adaptiveSize(outputSize, [Int](input.shape.suffix(1)), 1, op: "adaptive_avg_pool1d", file: file, line: line)
        return adaptiveAvgPool(input.unsqueeze(-2), 2, [1] + size).squeeze(-2)
    }

    /// 2-d adaptive average pooling of `[N, C, H, W]` (or `[C, H, W]`) to `outputSize`.
    ///
    /// `Functional.adaptiveAvgPool2d(x, outputSize: 1)` is global average pooling.
    public static func adaptiveAvgPool2d(_ input: Tensor, outputSize: IntOrTuple,
                                         file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(input.ndim == 3 || input.ndim == 4, "adaptive_avg_pool2d(): Expected 3D or 4D tensor, but got \(input.shape)",
                   file: file, line: line)
        let size = adaptiveSize(outputSize, [Int](input.shape.suffix(2)), 2, op: "adaptive_avg_pool2d", file: file, line: line)
        return adaptiveAvgPool(input, 2, size)
    }

    /// 3-d adaptive average pooling of `[N, C, D, H, W]` (or `[C, D, H, W]`) to `outputSize`.
    public static func adaptiveAvgPool3d(_ input: Tensor, outputSize: IntOrTuple,
                                         file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(input.ndim == 4 || input.ndim == 5, "adaptive_avg_pool3d(): Expected 4D or 5D tensor, but got \(input.shape)",
                   file: file, line: line)
        let size = adaptiveSize(outputSize, [Int](input.shape.suffix(3)), 3, op: "adaptive_avg_pool3d", file: file, line: line)
        return adaptiveAvgPool(input, 3, size)
    }

    /// 1-d adaptive max pooling of `[N, C, L]` (or `[C, L]`) to `outputSize`.
    public static func adaptiveMaxPool1d(_ input: Tensor, outputSize: IntOrTuple,
                                         file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        adaptiveMaxPool1dWithIndices(input, outputSize: outputSize, file: file, line: line).0
    }

    /// 1-d adaptive max pooling that also returns the index of each maximum.
    public static func adaptiveMaxPool1dWithIndices(_ input: Tensor, outputSize: IntOrTuple,
                                                    file: StaticString = #fileID, line: UInt = #line) -> (Tensor, Tensor) {
        torchCheck(input.ndim == 2 || input.ndim == 3,
                   "Expected 2 to 3 dimensions, but got \(input.ndim)-dimensional tensor for argument #1 'self' (while checking arguments for adaptive_max_pool1d)",
                   file: file, line: line)
        let size = adaptiveSize(outputSize, [Int](input.shape.suffix(1)), 1, op: "adaptive_max_pool1d", file: file, line: line)
        let (v, i) = adaptiveMaxPool(input.unsqueeze(-2), 2, [1] + size)
        return (v.squeeze(-2), i.squeeze(-2))
    }

    /// 2-d adaptive max pooling of `[N, C, H, W]` (or `[C, H, W]`) to `outputSize`.
    public static func adaptiveMaxPool2d(_ input: Tensor, outputSize: IntOrTuple,
                                         file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        adaptiveMaxPool2dWithIndices(input, outputSize: outputSize, file: file, line: line).0
    }

    /// 2-d adaptive max pooling that also returns the flat `h * W + w` index of each maximum.
    public static func adaptiveMaxPool2dWithIndices(_ input: Tensor, outputSize: IntOrTuple,
                                                    file: StaticString = #fileID, line: UInt = #line) -> (Tensor, Tensor) {
        torchCheck(input.ndim == 3 || input.ndim == 4, "adaptive_max_pool2d(): Expected 3D or 4D tensor, but got: \(input.shape)",
                   file: file, line: line)
        let size = adaptiveSize(outputSize, [Int](input.shape.suffix(2)), 2, op: "adaptive_max_pool2d", file: file, line: line)
        return adaptiveMaxPool(input, 2, size)
    }

    /// 3-d adaptive max pooling of `[N, C, D, H, W]` (or `[C, D, H, W]`) to `outputSize`.
    public static func adaptiveMaxPool3d(_ input: Tensor, outputSize: IntOrTuple,
                                         file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        adaptiveMaxPool3dWithIndices(input, outputSize: outputSize, file: file, line: line).0
    }

    /// 3-d adaptive max pooling that also returns the flat index of each maximum.
    public static func adaptiveMaxPool3dWithIndices(_ input: Tensor, outputSize: IntOrTuple,
                                                    file: StaticString = #fileID, line: UInt = #line) -> (Tensor, Tensor) {
        torchCheck(input.ndim == 4 || input.ndim == 5, "adaptive_max_pool3d(): Expected 4D or 5D tensor, but got: \(input.shape)",
                   file: file, line: line)
        let size = adaptiveSize(outputSize, [Int](input.shape.suffix(3)), 3, op: "adaptive_max_pool3d", file: file, line: line)
        return adaptiveMaxPool(input, 3, size)
    }

    /// The output size per dim, checked (PyTorch's `None` entries are not supported).
    private static func adaptiveSize(_ outputSize: IntOrTuple, _ spatial: [Int], _ n: Int, op: String,
                                     file: StaticString, line: UInt) -> [Int] {
        guard let size = outputSize.expanded(to: n) else { torchFail("\(op): output_size must be \(n)", file: file, line: line) }
        torchCheck(size.allSatisfy { $0 >= 0 },
                   "\(op): elements of output_size must be greater than or equal to 0 but received {\(size.map(String.init).joined(separator: ", "))}",
                   file: file, line: line)
        torchCheck(spatial.allSatisfy { $0 > 0 },
                   "\(op)(): Expected input to have non-zero size for non-batch dimensions, but input has sizes \(spatial) with dimension \(spatial.firstIndex(of: 0) ?? 0) being empty",
                   file: file, line: line)
        return size
    }

    private static func adaptiveAvgPool(_ input: Tensor, _ n: Int, _ size: [Int]) -> Tensor {
        let (x, batched) = batchedForPooling(input, n)
        let spatial = Array(x.shape.suffix(n))
        let lists = (0..<n).map { adaptiveWindows(input: spatial[$0], output: size[$0]) }
        var divisors: [Double] = [1]
        for l in lists { divisors = divisors.flatMap { a in l.map { a * Double($0.count) } } }
        let y = averageOverWindows(x, PoolingWindows(inputSize: spatial, windows: lists), divisors: divisors,
                                   node: "AdaptiveAvgPool\(n)DBackward0")
        return batched ? y : y.squeeze(0)
    }

    private static func adaptiveMaxPool(_ input: Tensor, _ n: Int, _ size: [Int]) -> (Tensor, Tensor) {
        let (x, batched) = batchedForPooling(input, n)
        let spatial = Array(x.shape.suffix(n))
        let lists = (0..<n).map { adaptiveWindows(input: spatial[$0], output: size[$0]) }
        let (v, i) = maxOverWindows(x, PoolingWindows(inputSize: spatial, windows: lists), node: "AdaptiveMaxPool\(n)DBackward0")
        return batched ? (v, i) : (v.squeeze(0), i.squeeze(0))
    }
}
