// Max and average pooling over 1 to 3 spatial dims. The 1-d ops run the 2-d
// ones on a size-1 height, as PyTorch does (their grad_fn is SqueezeBackward1).

extension Functional {
    /// 1-d max pooling of `[N, C, L]` (or `[C, L]`); `stride` defaults to `kernelSize`.
    public static func maxPool1d(_ input: Tensor, kernelSize: IntOrTuple, stride: IntOrTuple? = nil, padding: IntOrTuple = 0,
                                 dilation: IntOrTuple = 1, ceilMode: Bool = false,
                                 file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        maxPool1dWithIndices(input, kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation,
                             ceilMode: ceilMode, file: file, line: line).0
    }

    /// 1-d max pooling that also returns the flat index of each maximum (`return_indices=True`).
    public static func maxPool1dWithIndices(_ input: Tensor, kernelSize: IntOrTuple, stride: IntOrTuple? = nil, padding: IntOrTuple = 0,
                                            dilation: IntOrTuple = 1, ceilMode: Bool = false,
                                            file: StaticString = #fileID, line: UInt = #line) -> (Tensor, Tensor) {
        torchCheck((input.ndim == 2 || input.ndim == 3) && input.shape.suffix(2).allSatisfy { $0 > 0 },
                   "max_pool1d: Expected 2D or 3D (batch mode) tensor with optional 0 dim batch size for input, but got:\(input.shape)",
                   file: file, line: line)
        let k = poolingArgument(kernelSize, 1, op: "max_pool1d", name: "kernel_size", file: file, line: line)
        let s = stride.map { poolingArgument($0, 1, op: "max_pool1d", name: "stride", optional: true, file: file, line: line) } ?? k
        let p = poolingArgument(padding, 1, op: "max_pool1d", name: "padding", file: file, line: line)
        torchCheck(p[0] >= 0, "max_pool1d() padding must be non-negative, but got \(p[0])", file: file, line: line)
        let d = poolingArgument(dilation, 1, op: "max_pool1d", name: "dilation", file: file, line: line)
        let (v, i) = maxPool(input.unsqueeze(-2), 2, [1] + k, [1] + s, [0] + p, [1] + d, ceilMode, "max_pool1d", file: file, line: line)
        return (v.squeeze(-2), i.squeeze(-2))
    }

    /// 2-d max pooling of `[N, C, H, W]` (or `[C, H, W]`); `stride` defaults to `kernelSize`.
    ///
    /// ```swift
    /// let y = Functional.maxPool2d(x, kernelSize: 2)
    /// let z = Functional.maxPool2d(x, kernelSize: 3, stride: 2, padding: 1, ceilMode: true)
    /// ```
    public static func maxPool2d(_ input: Tensor, kernelSize: IntOrTuple, stride: IntOrTuple? = nil, padding: IntOrTuple = 0,
                                 dilation: IntOrTuple = 1, ceilMode: Bool = false,
                                 file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        maxPool2dWithIndices(input, kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation,
                             ceilMode: ceilMode, file: file, line: line).0
    }

    /// 2-d max pooling that also returns the flat `h * W + w` index of each maximum (`return_indices=True`).
    public static func maxPool2dWithIndices(_ input: Tensor, kernelSize: IntOrTuple, stride: IntOrTuple? = nil, padding: IntOrTuple = 0,
                                            dilation: IntOrTuple = 1, ceilMode: Bool = false,
                                            file: StaticString = #fileID, line: UInt = #line) -> (Tensor, Tensor) {
        maxPoolNd(input, 2, kernelSize, stride, padding, dilation, ceilMode, file: file, line: line)
    }

    /// 3-d max pooling of `[N, C, D, H, W]` (or `[C, D, H, W]`); `stride` defaults to `kernelSize`.
    public static func maxPool3d(_ input: Tensor, kernelSize: IntOrTuple, stride: IntOrTuple? = nil, padding: IntOrTuple = 0,
                                 dilation: IntOrTuple = 1, ceilMode: Bool = false,
                                 file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        maxPool3dWithIndices(input, kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation,
                             ceilMode: ceilMode, file: file, line: line).0
    }

    /// 3-d max pooling that also returns the flat index of each maximum (`return_indices=True`).
    public static func maxPool3dWithIndices(_ input: Tensor, kernelSize: IntOrTuple, stride: IntOrTuple? = nil, padding: IntOrTuple = 0,
                                            dilation: IntOrTuple = 1, ceilMode: Bool = false,
                                            file: StaticString = #fileID, line: UInt = #line) -> (Tensor, Tensor) {
        maxPoolNd(input, 3, kernelSize, stride, padding, dilation, ceilMode, file: file, line: line)
    }

    private static func maxPoolNd(_ input: Tensor, _ n: Int, _ kernelSize: IntOrTuple, _ stride: IntOrTuple?, _ padding: IntOrTuple,
                                  _ dilation: IntOrTuple, _ ceilMode: Bool, file: StaticString, line: UInt) -> (Tensor, Tensor) {
        let op = "max_pool\(n)d"
        // A batch of none is fine; the other dims must not be empty.
        torchCheck((input.ndim == n + 1 || input.ndim == n + 2) && input.shape.suffix(n + 1).allSatisfy { $0 > 0 },
                   "non-empty \(n + 1)D or \(n + 2)D (batch mode) tensor expected for input", file: file, line: line)
        let k = poolingArgument(kernelSize, n, op: op, name: "kernel_size", file: file, line: line)
        let s = stride.map { poolingArgument($0, n, op: op, name: "stride", optional: true, file: file, line: line) } ?? k
        let p = poolingArgument(padding, n, op: op, name: "padding", file: file, line: line)
        if let bad = p.first(where: { $0 < 0 }) { torchFail("pad must be non-negative, but got pad: \(bad)", file: file, line: line) }
        let d = poolingArgument(dilation, n, op: op, name: "dilation", file: file, line: line)
        return maxPool(input, n, k, s, p, d, ceilMode, op, file: file, line: line)
    }

    /// Checks shared by max and average pooling; returns the output spatial size.
    private static func checkedPoolingOutput(_ x: Tensor, _ n: Int, _ k: [Int], _ s: [Int], _ p: [Int], _ d: [Int], _ ceilMode: Bool,
                                             file: StaticString, line: UInt) -> [Int] {
        let axes = n == 3 ? ["T", "H", "W"] : ["H", "W"]
        torchCheck(k.allSatisfy { $0 > 0 },
                   "kernel size should be greater than zero, but got " + zip(axes, k).map { "k\($0): \($1)" }.joined(separator: " "),
                   file: file, line: line)
        torchCheck(s.allSatisfy { $0 > 0 }, "stride should not be zero", file: file, line: line)
        torchCheck(d.allSatisfy { $0 > 0 },
                   "dilation should be greater than zero, but got " + zip(axes, d).map { "dilation\($0): \($1)" }.joined(separator: " "),
                   file: file, line: line)
        for i in 0..<n where p[i] > (d[i] * (k[i] - 1) + 1) / 2 {
            torchFail("pad should be at most half of effective kernel size, but got pad=\(p[i]), kernel_size=\(k[i]) and dilation=\(d[i])",
                      file: file, line: line)
        }
        let spatial = Array(x.shape.suffix(n))
        let out = (0..<n).map { poolingOutputSize(input: spatial[$0], kernel: k[$0], stride: s[$0], padding: p[$0], dilation: d[$0], ceilMode: ceilMode) }
        let c = x.shape[x.ndim - n - 1]
        torchCheck(out.allSatisfy { $0 > 0 },
                   "Given input size: (\(([c] + spatial).map(String.init).joined(separator: "x"))). Calculated output size: (\(([c] + out).map(String.init).joined(separator: "x"))). Output size is too small",
                   file: file, line: line)
        return out
    }

    private static func maxPool(_ input: Tensor, _ n: Int, _ k: [Int], _ s: [Int], _ p: [Int], _ d: [Int], _ ceilMode: Bool,
                                _ op: String, file: StaticString, line: UInt) -> (Tensor, Tensor) {
        let out = checkedPoolingOutput(input, n, k, s, p, d, ceilMode, file: file, line: line)
        let (x, batched) = batchedForPooling(input, n)
        let spatial = Array(x.shape.suffix(n))
        let lists = (0..<n).map { slidingWindows(input: spatial[$0], output: out[$0], kernel: k[$0], stride: s[$0], padding: p[$0], dilation: d[$0]) }
        let (v, i) = maxOverWindows(x, PoolingWindows(inputSize: spatial, windows: lists), node: "MaxPool\(n)DWithIndicesBackward0")
        return batched ? (v, i) : (v.squeeze(0), i.squeeze(0))
    }

    /// 1-d average pooling of `[N, C, L]` (or `[C, L]`); `stride` defaults to `kernelSize`.
    public static func avgPool1d(_ input: Tensor, kernelSize: IntOrTuple, stride: IntOrTuple? = nil, padding: IntOrTuple = 0,
                                 ceilMode: Bool = false, countIncludePad: Bool = true,
                                 file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(input.ndim == 2 || input.ndim == 3,
                   "Expected 2 to 3 dimensions, but got \(input.ndim)-dimensional tensor for argument #1 'self' (while checking arguments for avg_pool1d)",
                   file: file, line: line)
        let k = poolingArgument(kernelSize, 1, op: "avg_pool1d", name: "kernel_size", file: file, line: line)
        let s = stride.map { poolingArgument($0, 1, op: "avg_pool1d", name: "stride", optional: true, file: file, line: line) } ?? k
        let p = poolingArgument(padding, 1, op: "avg_pool1d", name: "padding", file: file, line: line)
        if let bad = p.first(where: { $0 < 0 }) { torchFail("pad must be non-negative, but got pad: \(bad)", file: file, line: line) }
        return avgPool(input.unsqueeze(-2), 2, [1] + k, [1] + s, [0] + p, ceilMode, countIncludePad, nil, file: file, line: line).squeeze(-2)
    }

    /// 2-d average pooling of `[N, C, H, W]` (or `[C, H, W]`); `stride` defaults to `kernelSize`.
    ///
    /// `countIncludePad` counts padding zeros in each window's divisor;
    /// `divisorOverride` replaces the divisor altogether.
    public static func avgPool2d(_ input: Tensor, kernelSize: IntOrTuple, stride: IntOrTuple? = nil, padding: IntOrTuple = 0,
                                 ceilMode: Bool = false, countIncludePad: Bool = true, divisorOverride: Int? = nil,
                                 file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        avgPoolNd(input, 2, kernelSize, stride, padding, ceilMode, countIncludePad, divisorOverride, file: file, line: line)
    }

    /// 3-d average pooling of `[N, C, D, H, W]` (or `[C, D, H, W]`); `stride` defaults to `kernelSize`.
    public static func avgPool3d(_ input: Tensor, kernelSize: IntOrTuple, stride: IntOrTuple? = nil, padding: IntOrTuple = 0,
                                 ceilMode: Bool = false, countIncludePad: Bool = true, divisorOverride: Int? = nil,
                                 file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        avgPoolNd(input, 3, kernelSize, stride, padding, ceilMode, countIncludePad, divisorOverride, file: file, line: line)
    }

    private static func avgPoolNd(_ input: Tensor, _ n: Int, _ kernelSize: IntOrTuple, _ stride: IntOrTuple?, _ padding: IntOrTuple,
                                  _ ceilMode: Bool, _ countIncludePad: Bool, _ divisorOverride: Int?,
                                  file: StaticString, line: UInt) -> Tensor {
        let op = "avg_pool\(n)d"
        // A batch of none is fine; the other dims must not be empty.
        torchCheck((input.ndim == n + 1 || input.ndim == n + 2) && input.shape.suffix(n + 1).allSatisfy { $0 > 0 },
                   "non-empty \(n + 1)D or \(n + 2)D (batch mode) tensor expected for input", file: file, line: line)
        let k = poolingArgument(kernelSize, n, op: op, name: "kernel_size", file: file, line: line)
        let s = stride.map { poolingArgument($0, n, op: op, name: "stride", optional: true, file: file, line: line) } ?? k
        let p = poolingArgument(padding, n, op: op, name: "padding", file: file, line: line)
        if let bad = p.first(where: { $0 < 0 }) { torchFail("pad must be non-negative, but got pad: \(bad)", file: file, line: line) }
        return avgPool(input, n, k, s, p, ceilMode, countIncludePad, divisorOverride, file: file, line: line)
    }

    private static func avgPool(_ input: Tensor, _ n: Int, _ k: [Int], _ s: [Int], _ p: [Int], _ ceilMode: Bool,
                                _ countIncludePad: Bool, _ divisorOverride: Int?, file: StaticString, line: UInt) -> Tensor {
        torchCheck(divisorOverride != 0, "divisor must be not zero", file: file, line: line)
        let ones = [Int](repeating: 1, count: n)
        let out = checkedPoolingOutput(input, n, k, s, p, ones, ceilMode, file: file, line: line)
        let (x, batched) = batchedForPooling(input, n)
        let spatial = Array(x.shape.suffix(n))
        let lists = (0..<n).map { slidingWindows(input: spatial[$0], output: out[$0], kernel: k[$0], stride: s[$0], padding: p[$0], dilation: 1) }
        // The divisor is a product of per-dim window lengths (PyTorch clips a
        // count-include-pad window at the padded edge, not the input edge).
        let factors: [[Double]] = (0..<n).map { d in
            (0..<out[d]).map { o in
                if countIncludePad {
                    let start = o * s[d] - p[d]
                    return Double(Swift.min(start + k[d], spatial[d] + p[d]) - start)
                }
                return Double(lists[d][o].count)
            }
        }
        var divisors: [Double] = [1]
        for f in factors { divisors = divisors.flatMap { a in f.map { a * $0 } } }
        if let divisorOverride { divisors = divisors.map { _ in Double(divisorOverride) } }
        let y = averageOverWindows(x, PoolingWindows(inputSize: spatial, windows: lists), divisors: divisors, node: "AvgPool\(n)DBackward0")
        return batched ? y : y.squeeze(0)
    }
}
