/// Bernoulli sampling: `torch.bernoulli` and `Tensor.bernoulli_`.
///
/// With one probability p every element takes a 64-bit draw and compares its
/// 53-bit double with p. With a tensor of probabilities a float64 tensor does
/// the same, while the other floating dtypes take one 32-bit draw per element
/// and compare a 24-bit float.
extension Tensor {
    /// Sets each element to 1 with probability `p` and to 0 otherwise, PyTorch's `bernoulli_(p)`.
    @discardableResult
    public func bernoulli_(p: Double = 0.5, generator: Generator? = nil,
                           file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(p >= 0 && p <= 1, "bernoulli_ expects p to be in [0, 1], but got p=\(formatNumber(p))", file: file, line: line)
        if device.kind == .meta { return self }  // nothing to draw into
        let n = numel()
        let values: Tensor = resolve(generator).withState { state in
            var out = [Int64](repeating: 0, count: n)
            for i in 0..<n { out[i] = state.uniformDouble() < p ? 1 : 0 }
            return tensorInMemoryOrder(out, dtype: dtype)
        }
        return overwriteWithRandom(values, nodeName: "BernoulliBackward2", file: file, line: line)
    }
}

/// Draws 1 with probability `input[i]` and 0 otherwise, elementwise, PyTorch's
/// `torch.bernoulli(input)`. The result has `input`'s shape and dtype; its
/// gradient is zero (`BernoulliBackward0`).
public func bernoulli(_ input: Tensor, generator: Generator? = nil,
                      file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    torchCheck(input.dtype.isFloatingPoint, "\"bernoulli_tensor_cpu_p_\" not implemented for '\(input.dtype.scalarTypeName)'", file: file, line: line)
    // The result is contiguous and drawn in logical order, whatever the layout of `input`.
    let probs = noGrad { input.contiguous().toArray(as: Double.self) }
    torchCheck(probs.allSatisfy { $0 >= 0 && $0 <= 1 },
               "Expected p_in >= 0 && p_in <= 1 to be true, but got false.", file: file, line: line)
    let dtype = input.dtype
    let values: [Int64] = resolve(generator).withState { state in
        if dtype == .float64 {
            return probs.map { p in state.uniformDouble() < p ? 1 : 0 }
        }
        return probs.map { p in state.uniformFloat() < Float(p) ? 1 : 0 }
    }
    let out = Tensor.fromArray(values, shape: input.shape).cast(dtype)
    if gradNeeded(input) {
        recordNode("BernoulliBackward0", inputs: [input], output: out) { ctx in [Torch.zerosLike(ctx.grad)] }
    }
    return out
}

/// A tensor shaped like `input` with each element 1 with probability `p`,
/// PyTorch's `torch.bernoulli(input, p)`.
public func bernoulli(_ input: Tensor, p: Double, generator: Generator? = nil,
                      file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let out = input.emptyPreservingLayout(dtype: input.dtype)
    return out.bernoulli_(p: p, generator: generator, file: file, line: line)
}
