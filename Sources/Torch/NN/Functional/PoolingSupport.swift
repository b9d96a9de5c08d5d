// The machinery shared by max, average and adaptive pooling: window lists per
// dim, the two reductions over them with their backward rules, and the
// argument checks that all pooling ops share.

extension Functional {
    /// PyTorch's pooling output size: floor or ceil of the window count, where
    /// a ceil-mode window must still start inside the input or left padding.
    static func poolingOutputSize(input: Int, kernel: Int, stride: Int, padding: Int, dilation: Int, ceilMode: Bool) -> Int {
        let span = input + 2 * padding - dilation * (kernel - 1) - 1 + (ceilMode ? stride - 1 : 0)
        var out = (span >= 0 ? span / stride : -((-span + stride - 1) / stride)) + 1
        if ceilMode && (out - 1) * stride >= input + padding { out -= 1 }
        return out
    }

    /// For each output index, the in-bounds input positions of a strided, dilated window.
    static func slidingWindows(input: Int, output: Int, kernel: Int, stride: Int, padding: Int, dilation: Int) -> [[Int]] {
        (0..<output).map { o in
            let start = o * stride - padding
            return (0..<kernel).map { start + $0 * dilation }.filter { $0 >= 0 && $0 < input }
        }
    }

    /// For each output index, PyTorch's adaptive window `floor(o*in/out) ..< ceil((o+1)*in/out)`.
    static func adaptiveWindows(input: Int, output: Int) -> [[Int]] {
        (0..<output).map { o in Array((o * input / output)..<(((o + 1) * input + output - 1) / output)) }
    }

    /// The one-int-or-n-ints argument of a pooling op, with PyTorch's message otherwise.
    static func poolingArgument(_ value: IntOrTuple, _ n: Int, op: String, name: String, optional: Bool = false,
                                file: StaticString, line: UInt) -> [Int] {
        guard let v = value.expanded(to: n) else {
            let count = ["one", "two", "three"][n - 1]
            let lead = optional ? "must either be omitted, a single int, or a tuple of \(count) ints" : "must either be a single int, or a tuple of \(count) ints"
            torchFail("\(op): \(name) \(lead)", file: file, line: line)
        }
        return v
    }

    /// The input as a contiguous float32/float64 `[N, C, *spatial]` tensor with autograd, and whether it was batched.
    static func batchedForPooling(_ input: Tensor, _ n: Int) -> (Tensor, Bool) {
        let batched = input.ndim == n + 2
        return (batched ? input : input.unsqueeze(0), batched)
    }

    /// Max over the windows of a batched `[N, C, *spatial]` input: values and
    /// flat spatial indices, recorded as `node` (gradients scatter to the maxima).
    static func maxOverWindows(_ x: Tensor, _ windows: PoolingWindows, node: String) -> (Tensor, Tensor) {
        let (n, c) = (x.shape[0], x.shape[1])
        let outShape = [n, c] + windows.outputShape
        let work = x.dtype == .float32 || x.dtype == .float64 ? x : x.cast(x.dtype.isFloatingPoint ? .float32 : .float64)
        let source = noGrad { work.detach().contiguous() }
        let (values, indices) = Dispatch.pool(source, planes: n * c, windows: windows, mode: .max)
        var out = values.reshape(outShape)
        if out.dtype != x.dtype { out = out.cast(x.dtype) }
        let idx = indices!.reshape(outShape)
        if gradNeeded(x) {
            let inputShape = x.shape, inCount = windows.inputCount, outCount = windows.outputCount
            recordNode(node, inputs: [x], output: out) { ctx in
                let gradDType = ctx.grad.dtype
                let grad = gradDType == .float32 || gradDType == .float64 ? ctx.grad : ctx.grad.cast(.float32)
                let g = Dispatch.maxPoolBackward(grad.contiguous(), indices: indices!, planes: n * c,
                                                 inputCount: inCount, outputCount: outCount)
                return [(g.dtype == gradDType ? g : g.cast(gradDType)).reshape(inputShape)]
            }
        }
        return (out, idx)
    }

    /// Mean over the windows of a batched input, each window divided by its own
    /// divisor (`divisors` has the output's spatial shape), recorded as `node`.
    static func averageOverWindows(_ x: Tensor, _ windows: PoolingWindows, divisors: [Double], node: String) -> Tensor {
        if x.dtype.computeType != x.dtype {
            // Half types: sum and divide in float32, rounded once.
            return averageOverWindows(x.to(x.dtype.computeType), windows, divisors: divisors, node: node).to(x.dtype)
        }
        if !x.dtype.isFloatingPoint {
            // Integer averages divide the window sums, truncating as C++ does in PyTorch's kernels.
            let d = Tensor.fromArray(divisors.map { Int64($0) }, shape: windows.outputShape).to(x.device, dtype: x.dtype)
            return x.windowSum(windows).div(d, roundingMode: "trunc")
        }
        let inverse = Tensor.fromArray(divisors.map { 1 / $0 }, shape: windows.outputShape).to(x.device, dtype: x.dtype)
        let out = noGrad { x.windowSum(windows) * inverse }
        if gradNeeded(x) {
            recordNode(node, inputs: [x], output: out) { ctx in
                [(ctx.grad * inverse).windowSumAdjoint(windows)]
            }
        }
        return out
    }
}

extension Tensor {
    /// Sums over pooling windows of a batched `[N, C, *input]` tensor.
    func windowSum(_ windows: PoolingWindows) -> Tensor {
        windowReduction(windows, mode: .sum, shape: [shape[0], shape[1]] + windows.outputShape) { $0.windowSumAdjoint(windows) }
    }

    /// The adjoint of `windowSum`: each output gradient added to its window's inputs.
    func windowSumAdjoint(_ windows: PoolingWindows) -> Tensor {
        windowReduction(windows, mode: .sumAdjoint, shape: [shape[0], shape[1]] + windows.imageShape) { $0.windowSum(windows) }
    }

    private func windowReduction(_ windows: PoolingWindows, mode: PoolingKernel.Mode, shape outShape: [Int],
                                 adjoint: @escaping (Tensor) -> Tensor) -> Tensor {
        let work = dtype == .float32 || dtype == .float64 ? self : cast(dtype.isFloatingPoint ? .float32 : .float64)
        let source = noGrad { work.detach().contiguous() }
        var out = Dispatch.pool(source, planes: shape[0] * shape[1], windows: windows, mode: mode).0.reshape(outShape)
        if out.dtype != dtype { out = out.cast(dtype) }
        if gradNeeded(self) {
            recordNode(mode == .sum ? "AvgPoolBackward0" : "AvgPoolBackwardBackward0", inputs: [self], output: out) { ctx in
                [adjoint(ctx.grad)]
            }
        }
        return out
    }
}
