extension Tensor {
    /// Randomly zeroes elements with probability `p` and scales the rest by
    /// 1 / (1 - p) in training, PyTorch's `torch.nn.functional.dropout`.
    ///
    /// The mask is `bernoulli_(1 - p)` on a tensor like `self` (one 64-bit
    /// draw per element, in memory order), divided by `1 - p` in the tensor's
    /// dtype; the result is `self * mask`, so the backward is `MulBackward0`
    /// with the mask saved. `p == 0` or `training == false` returns `self`;
    /// `p == 1` gives zeros. Neither draws random numbers.
    public func dropout(p: Double = 0.5, training: Bool = true, generator: Generator? = nil,
                        file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(p >= 0 && p <= 1, "dropout probability has to be between 0 and 1, but got \(p)", file: file, line: line)
        if p == 0 || !training || numel() == 0 { return self }
        if p == 1 { return mul(Torch.zerosLike(self), file: file, line: line) }
        let mask = noGrad { () -> Tensor in
            let noise = emptyPreservingLayout(dtype: dtype)
            noise.bernoulli_(p: 1 - p, generator: generator, file: file, line: line)
            return noise.div_(1 - p, file: file, line: line)
        }
        return mul(mask, file: file, line: line)
    }
}

/// Dropout as a function, PyTorch's `torch.nn.functional.dropout`; see `Tensor.dropout`.
public func dropout(_ input: Tensor, p: Double = 0.5, training: Bool = true, generator: Generator? = nil,
                    file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    input.dropout(p: p, training: training, generator: generator, file: file, line: line)
}
