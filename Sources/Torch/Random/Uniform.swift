/// Uniform sampling: `torch.rand`, `torch.rand_like` and `Tensor.uniform_`.
///
/// Each element takes one draw: float32 keeps the low 24 bits of a 32-bit
/// draw, float64 the low 53 bits of a 64-bit draw; float16 and bfloat16 draw
/// as float32 and round the result (checked against PyTorch). The affine step `x * (to - from) + from`
/// is one fused multiply-add, as the x86 builds of PyTorch compile it, and a
/// result that rounds up to `to` becomes `from`.
extension Tensor {
    /// Fills with values drawn uniformly from [from, to), PyTorch's `uniform_`.
    ///
    /// ```swift
    /// let w = Torch.empty([3, 2]).uniform_(from: -0.5, to: 0.5)
    /// ```
    @discardableResult
    public func uniform_(from: Double = 0, to: Double = 1, generator: Generator? = nil,
                         file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(dtype.isFloatingPoint, "\"check_uniform_bounds\" not implemented for '\(dtype.scalarTypeName)'", file: file, line: line)
        torchCheck(from <= to, "uniform_ expects to return a [from, to) range, but found from=\(formatNumber(from)) > to=\(formatNumber(to))", file: file, line: line)
        if device.kind == .meta { return self }  // nothing to draw into
        let n = numel()
        let values: Tensor = resolve(generator).withState { state in
            if dtype == .float64 {
                let lo = from, hi = to, range = hi - lo
                var out = [Double](repeating: 0, count: n)
                for i in 0..<n {
                    let r = lo.addingProduct(state.uniformDouble(), range)
                    out[i] = r == hi ? lo : r
                }
                return tensorInMemoryOrder(out, dtype: dtype)
            }
            // float16 and bfloat16 draw exactly as float32 and round at the end.
            let lo = Float(from), hi = Float(to), range = hi - lo
            var out = [Float](repeating: 0, count: n)
            for i in 0..<n {
                let r = lo.addingProduct(state.uniformFloat(), range)
                out[i] = r == hi ? lo : r
            }
            return tensorInMemoryOrder(out, dtype: dtype)
        }
        return overwriteWithRandom(values, nodeName: "UniformBackward0", file: file, line: line)
    }
}

/// Values drawn uniformly from [0, 1), PyTorch's `torch.rand`.
///
/// ```swift
/// let g = Generator().manualSeed(0)
/// Torch.rand([5], generator: g)   // 0.4963, 0.7682, 0.0885, 0.1320, 0.3074
/// ```
public func rand(_ shape: [Int], device: Device? = nil, dtype: DType = .float32, requiresGrad: Bool = false, generator: Generator? = nil,
                 file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let t = empty(shape, device: device, dtype: dtype, file: file, line: line)
    t.uniform_(from: 0, to: 1, generator: generator, file: file, line: line)
    return finishRandomCreation(t, requiresGrad: requiresGrad, file: file, line: line)
}

/// `rand` with the shape (and, unless given, dtype) of `other`, PyTorch's `torch.rand_like`.
public func randLike(_ other: Tensor, dtype: DType? = nil, requiresGrad: Bool = false, generator: Generator? = nil,
                     file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let t = other.emptyPreservingLayout(dtype: dtype ?? other.dtype)
    t.uniform_(from: 0, to: 1, generator: generator, file: file, line: line)
    return finishRandomCreation(t, requiresGrad: requiresGrad, file: file, line: line)
}

/// Formats a number the way PyTorch's messages print a double: `2`, `0.5`.
func formatNumber(_ x: Double) -> String {
    if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
    return String(x)
}
