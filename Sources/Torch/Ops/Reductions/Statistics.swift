extension Tensor {
    /// The variance over dims (all when nil), PyTorch's `var(dim, correction, keepdim)`.
    ///
    /// Divides the sum of squared deviations by `N - correction`: 1 (the default)
    /// is the unbiased estimate, 0 the population variance.
    public func `var`(dims: [Int]? = nil, correction: Double = 1, keepdim: Bool = false,
                      file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        moments(dims: dims, correction: correction, keepdim: keepdim, std: false, withMean: false, file: file, line: line).0
    }

    /// The variance over one dim.
    public func `var`(dim: Int, correction: Double = 1, keepdim: Bool = false,
                      file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        self.var(dims: [dim], correction: correction, keepdim: keepdim, file: file, line: line)
    }

    /// The variance of all elements, unbiased (N - 1) or not (N), PyTorch's `var(unbiased)`.
    public func `var`(unbiased: Bool, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        self.var(dims: nil, correction: unbiased ? 1 : 0, file: file, line: line)
    }

    /// The variance over one dim, unbiased or not.
    public func `var`(dim: Int, unbiased: Bool, keepdim: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        self.var(dims: [dim], correction: unbiased ? 1 : 0, keepdim: keepdim, file: file, line: line)
    }

    /// The standard deviation over dims (all when nil), PyTorch's `std(dim, correction, keepdim)`.
    public func std(dims: [Int]? = nil, correction: Double = 1, keepdim: Bool = false,
                    file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        moments(dims: dims, correction: correction, keepdim: keepdim, std: true, withMean: false, file: file, line: line).0
    }

    /// The standard deviation over one dim.
    public func std(dim: Int, correction: Double = 1, keepdim: Bool = false,
                    file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        std(dims: [dim], correction: correction, keepdim: keepdim, file: file, line: line)
    }

    /// The standard deviation of all elements, unbiased or not, PyTorch's `std(unbiased)`.
    public func std(unbiased: Bool, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        std(dims: nil, correction: unbiased ? 1 : 0, file: file, line: line)
    }

    /// The standard deviation over one dim, unbiased or not.
    public func std(dim: Int, unbiased: Bool, keepdim: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        std(dims: [dim], correction: unbiased ? 1 : 0, keepdim: keepdim, file: file, line: line)
    }

    /// Variance and mean together, PyTorch's `torch.var_mean`.
    public func varMean(dims: [Int]? = nil, correction: Double = 1, keepdim: Bool = false,
                        file: StaticString = #fileID, line: UInt = #line) -> (var: Tensor, mean: Tensor) {
        let (v, m) = moments(dims: dims, correction: correction, keepdim: keepdim, std: false, withMean: true, file: file, line: line)
        return (v, m!)
    }

    /// Standard deviation and mean together, PyTorch's `torch.std_mean`.
    public func stdMean(dims: [Int]? = nil, correction: Double = 1, keepdim: Bool = false,
                        file: StaticString = #fileID, line: UInt = #line) -> (std: Tensor, mean: Tensor) {
        let (s, m) = moments(dims: dims, correction: correction, keepdim: keepdim, std: true, withMean: true, file: file, line: line)
        return (s, m!)
    }

    private func moments(dims: [Int]?, correction: Double, keepdim: Bool, std: Bool, withMean: Bool,
                         file: StaticString, line: UInt) -> (Tensor, Tensor?) {
        torchCheck(dtype.isFloatingPoint, "std and var only support floating point and complex dtypes", file: file, line: line)
        let mask = reducedDims(dims, rank: ndim, file: file, line: line)
        let (kept, final) = reducedShapes(shape, mask, keepdim: keepdim)
        let n = reducedCount(shape, mask)
        let compute = dtype.computeType
        let g = SliceGeometry(cast(compute), reducing: mask)
        let variance = Tensor(uninitializedShape: kept, dtype: compute, device: device)
        let meanOut = Tensor(uninitializedShape: kept, dtype: compute, device: device)
        Dispatch.slices(.moments(correction: correction), g, into: [variance, meanOut])
        let first = (std ? noGrad { variance.sqrt() } : variance).makeReshapedAlias(final).cast(dtype)
        let mean = withMean ? meanOut.makeReshapedAlias(final).cast(dtype) : nil
        if !gradNeeded(self) { return (first, mean) }
        let divisor = Swift.max(0, Double(n) - correction)
        let keptMean = meanOut.cast(dtype)
        // d var / dx = 2 (x - mean) / (N - correction); d std / dx = (x - mean) / (std (N - correction)).
        func firstGrad(_ grad: Tensor, _ x: Tensor, _ result: Tensor) -> Tensor {
            let deviation = x - keptMean
            if !std { return grad.reshape(kept) * (deviation * (2 / divisor)) }
            let s = result.reshape(kept)
            let safe = s + s.equalityMask(Tensor.scalarTensor(.int(0), dtype: s.dtype), dtype: s.dtype)
            return grad.reshape(kept) * deviation / (safe * divisor)
        }
        if withMean {
            let name = std ? "StdMeanBackward0" : "VarMeanBackward0"
            recordNode(name, inputs: [self], outputs: [first, mean!], saving: [self], savingOutputs: [0]) { ctx in
                [firstGrad(ctx.grads[0], ctx.saved[0], ctx.saved[1]) + ctx.grads[1].reshape(kept) / Double(n)]
            }
        } else {
            recordNode(std ? "StdBackward0" : "VarBackward0", inputs: [self], output: first, saving: [self], savingOutput: true) { ctx in
                [firstGrad(ctx.grad, ctx.saved[0], ctx.saved[1])]
            }
        }
        return (first, mean)
    }
}

/// PyTorch's `torch.var`.
public func `var`(_ x: Tensor, dims: [Int]? = nil, correction: Double = 1, keepdim: Bool = false,
                  file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    x.var(dims: dims, correction: correction, keepdim: keepdim, file: file, line: line)
}

/// PyTorch's `torch.std`.
public func std(_ x: Tensor, dims: [Int]? = nil, correction: Double = 1, keepdim: Bool = false,
                file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    x.std(dims: dims, correction: correction, keepdim: keepdim, file: file, line: line)
}

/// PyTorch's `torch.var_mean`.
public func varMean(_ x: Tensor, dims: [Int]? = nil, correction: Double = 1, keepdim: Bool = false,
                    file: StaticString = #fileID, line: UInt = #line) -> (var: Tensor, mean: Tensor) {
    x.varMean(dims: dims, correction: correction, keepdim: keepdim, file: file, line: line)
}

/// PyTorch's `torch.std_mean`.
public func stdMean(_ x: Tensor, dims: [Int]? = nil, correction: Double = 1, keepdim: Bool = false,
                    file: StaticString = #fileID, line: UInt = #line) -> (std: Tensor, mean: Tensor) {
    x.stdMean(dims: dims, correction: correction, keepdim: keepdim, file: file, line: line)
}
