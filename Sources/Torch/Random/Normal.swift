/// Normal sampling: `torch.randn`, `torch.randn_like`, `torch.normal` and `Tensor.normal_`.
///
/// Two paths, as in PyTorch's CPU kernel:
/// - fewer than 16 elements or a non-contiguous tensor: serial Box–Muller in
///   double, one pair per two elements, with the second value of a pair
///   cached in the generator across calls;
/// - 16 or more contiguous elements (`normal_fill`): draw all n uniforms, turn
///   each block of 16 into normals, and when n is not a multiple of 16 draw 16
///   fresh uniforms for the last 16 elements (overwriting their values);
///   float16 and bfloat16 instead complete the last block with fresh draws.
extension Tensor {
    /// Fills with values drawn from N(mean, std²), PyTorch's `normal_`.
    @discardableResult
    public func normal_(mean: Double = 0, std: Double = 1, generator: Generator? = nil,
                        file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(dtype.isFloatingPoint, "\"normal_kernel_cpu\" not implemented for '\(dtype.scalarTypeName)'", file: file, line: line)
        torchCheck(std >= 0, "normal expects std >= 0.0, but found std \(formatNumber(std))", file: file, line: line)
        if device.kind == .meta { return self }  // nothing to draw into
        let n = numel()
        let contiguous = isContiguous
        let values: Tensor = resolve(generator).withState { state in
            if n < 16 || !contiguous {
                var out = [Double](repeating: 0, count: n)
                for i in 0..<n { out[i] = mean.addingProduct(state.standardNormalDouble(), std) }
                return tensorInMemoryOrder(out, dtype: dtype)
            }
            if dtype == .float64 {
                var d = [Double](repeating: 0, count: n)
                normalFill(&d, state: &state, draw: { $0.uniformDouble() }) { NormalBlock.float64($0, mean: mean, std: std) }
                return tensorInMemoryOrder(d, dtype: dtype)
            }
            let m = Float(mean), s = Float(std)
            if dtype == .float32 {
                var d = [Float](repeating: 0, count: n)
                normalFill(&d, state: &state, draw: { $0.uniformFloat() }) { NormalBlock.float32($0, mean: m, std: s) }
                return tensorInMemoryOrder(d, dtype: dtype)
            }
            // float16 and bfloat16 (checked against PyTorch): float32 uniforms for
            // whole blocks of 16, so a partial last block draws only what it
            // lacks; the last block's 16 results then fill the last 16 elements.
            let total = (n + 15) / 16 * 16
            var d = [Float](repeating: 0, count: total)
            for i in 0..<total { d[i] = state.uniformFloat() }
            d.withUnsafeMutableBufferPointer { buf in
                for i in Swift.stride(from: 0, to: total, by: 16) { NormalBlock.float32(buf.baseAddress! + i, mean: m, std: s) }
            }
            if total != n { d = Array(d[0..<(n - 16)] + d[(total - 16)..<total]) }
            return tensorInMemoryOrder(d, dtype: dtype)
        }
        return overwriteWithRandom(values, nodeName: "NormalBackward0", file: file, line: line)
    }
}

/// PyTorch's `normal_fill`: n uniforms, blocks of 16, and a fresh tail block.
private func normalFill<T>(_ d: inout [T], state: inout RandomState, draw: (inout RandomState) -> T,
                           block: (UnsafeMutablePointer<T>) -> Void) {
    let n = d.count
    for i in 0..<n { d[i] = draw(&state) }
    d.withUnsafeMutableBufferPointer { buf in
        let base = buf.baseAddress!
        var i = 0
        while i + 16 <= n {
            block(base + i)
            i += 16
        }
        if n % 16 != 0 {
            for k in (n - 16)..<n { base[k] = draw(&state) }
            block(base + n - 16)
        }
    }
}

/// Values from the standard normal distribution, PyTorch's `torch.randn`.
///
/// ```swift
/// let g = Generator().manualSeed(0)
/// Torch.randn([4], generator: g)   // 1.5410, -0.2934, -2.1788, 0.5684
/// ```
public func randn(_ shape: [Int], device: Device? = nil, dtype: DType = .float32, requiresGrad: Bool = false, generator: Generator? = nil,
                  file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let t = empty(shape, device: device, dtype: dtype, file: file, line: line)
    t.normal_(mean: 0, std: 1, generator: generator, file: file, line: line)
    return finishRandomCreation(t, requiresGrad: requiresGrad, file: file, line: line)
}

/// `randn` with the shape (and, unless given, dtype) of `other`, PyTorch's `torch.randn_like`.
public func randnLike(_ other: Tensor, dtype: DType? = nil, requiresGrad: Bool = false, generator: Generator? = nil,
                      file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let t = other.emptyPreservingLayout(dtype: dtype ?? other.dtype)
    t.normal_(mean: 0, std: 1, generator: generator, file: file, line: line)
    return finishRandomCreation(t, requiresGrad: requiresGrad, file: file, line: line)
}

/// Values from N(mean, std²) with a given shape, PyTorch's `torch.normal(mean, std, size)`.
public func normal(mean: Double, std: Double, size: [Int], device: Device? = nil, dtype: DType = .float32, requiresGrad: Bool = false,
                   generator: Generator? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let t = empty(size, device: device, dtype: dtype, file: file, line: line)
    t.normal_(mean: mean, std: std, generator: generator, file: file, line: line)
    return finishRandomCreation(t, requiresGrad: requiresGrad, file: file, line: line)
}

/// One normal value per element of the broadcast `mean` and `std` tensors,
/// PyTorch's `torch.normal(mean, std)`.
///
/// Drawn as `normal_(0, 1)`, then multiplied by `std`, then `mean` added (each
/// step rounded). Gradients with respect to `mean` and `std` are zero, as in
/// PyTorch (`NormalBackward3`).
public func normal(mean: Tensor, std: Tensor, generator: Generator? = nil,
                   file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    torchCheck(std.numel() == 0 || noGrad({ std.toArray(as: Double.self) }).allSatisfy { $0 >= 0 },
               "normal expects all elements of std >= 0.0", file: file, line: line)
    let shape = broadcastShapes(mean.shape, std.shape, file: file, line: line)
    let dtype = DType.promote(mean.dtype, std.dtype)
    let out = noGrad { () -> Tensor in
        let z = empty(shape, dtype: dtype, file: file, line: line)
        z.normal_(mean: 0, std: 1, generator: generator, file: file, line: line)
        return z.mul_(std, file: file, line: line).add_(mean, file: file, line: line)
    }
    if gradNeeded(mean, std) {
        recordNode("NormalBackward3", inputs: [mean, std], output: out) { ctx in
            [ctx.needsInputGrad[0] ? Torch.zerosLike(ctx.grad) : nil,
             ctx.needsInputGrad[1] ? Torch.zerosLike(ctx.grad) : nil]
        }
    }
    return out
}

/// Normal values with a tensor of means and one standard deviation, PyTorch's
/// `torch.normal(mean, std=float)`: drawn as `normal_(0, std)`, then `mean` added.
public func normal(mean: Tensor, std: Double = 1, generator: Generator? = nil,
                   file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    torchCheck(std >= 0, "normal expects std >= 0.0, but found std \(formatNumber(std))", file: file, line: line)
    let out = noGrad { () -> Tensor in
        let z = empty(mean.shape, dtype: mean.dtype, file: file, line: line)
        z.normal_(mean: 0, std: std, generator: generator, file: file, line: line)
        return z.add_(mean, file: file, line: line)
    }
    if gradNeeded(mean) {
        recordNode("NormalBackward1", inputs: [mean], output: out) { ctx in [Torch.zerosLike(ctx.grad)] }
    }
    return out
}

/// Normal values with one mean and a tensor of standard deviations, PyTorch's
/// `torch.normal(mean=float, std)`: drawn as `normal_(0, 1)`, multiplied by
/// `std`, then `mean` added.
public func normal(mean: Double, std: Tensor, generator: Generator? = nil,
                   file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    torchCheck(std.numel() == 0 || noGrad({ std.toArray(as: Double.self) }).allSatisfy { $0 >= 0 },
               "normal expects all elements of std >= 0.0", file: file, line: line)
    let out = noGrad { () -> Tensor in
        let z = empty(std.shape, dtype: std.dtype, file: file, line: line)
        z.normal_(mean: 0, std: 1, generator: generator, file: file, line: line)
        return z.mul_(std, file: file, line: line).add_(mean, file: file, line: line)
    }
    if gradNeeded(std) {
        recordNode("NormalBackward2", inputs: [std], output: out) { ctx in [Torch.zerosLike(ctx.grad)] }
    }
    return out
}
