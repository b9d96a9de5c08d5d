extension Tensor {
    /// Running sums along a dim, PyTorch's `cumsum`. Integer and bool tensors give int64.
    ///
    /// ```swift
    /// Tensor([1, 2, 3]).cumsum(dim: 0)   // tensor([1, 3, 6])
    /// ```
    public func cumsum(dim: Int, dtype: DType? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let d = wrapDim(dim, rank: ndim, file: file, line: line)
        let result = scan(d, product: false, dtype: dtype)
        if gradNeeded(self) {
            recordNode("CumsumBackward0", inputs: [self], output: result) { ctx in
                // Each input feeds every later output: a reversed running sum of the gradient.
                let g = ctx.grad
                if g.ndim == 0 { return [g] }
                return [g.sum(dim: d, keepdim: true) - g.cumsum(dim: d) + g]
            }
        }
        return result
    }

    /// Running products along a dim, PyTorch's `cumprod`. Integer and bool tensors give int64.
    public func cumprod(dim: Int, dtype: DType? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let d = wrapDim(dim, rank: ndim, file: file, line: line)
        let result = scan(d, product: true, dtype: dtype)
        if gradNeeded(self) {
            recordNode("CumprodBackward0", inputs: [self], output: result, saving: [self]) { ctx in
                [Tensor.cumprodGradient(ctx.saved[0], grad: ctx.grad, dim: d)]
            }
        }
        return result
    }

    private func scan(_ d: Int, product: Bool, dtype: DType?) -> Tensor {
        let outType = dtype ?? (self.dtype.isFloatingPoint ? self.dtype : .int64)
        let compute = kernelDType(for: outType)
        let g = SliceGeometry(cast(compute), dim: d)
        let out = Tensor(uninitializedShape: shape, dtype: compute, device: device)
        Dispatch.slices(.cumulative(product: product), g, into: [out])
        return out.cast(outType)
    }

    /// The gradient of cumprod, exact when the input holds zeros (no division).
    /// Computed by a kernel, so it is not itself differentiable.
    private static func cumprodGradient(_ x: Tensor, grad: Tensor, dim d: Int) -> Tensor {
        let compute = x.dtype.computeType
        let g = SliceGeometry(x.cast(compute), dim: d)
        let gradIn = grad.cast(compute).contiguousIfNeeded()
        let out = Tensor(uninitializedShape: x.shape, dtype: compute, device: x.device)
        Dispatch.slices(.cumprodBackward(grad: gradIn), g, into: [out])
        return out.cast(x.dtype)
    }
}

/// PyTorch's `torch.cumsum`.
public func cumsum(_ x: Tensor, dim: Int, dtype: DType? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    x.cumsum(dim: dim, dtype: dtype, file: file, line: line)
}

/// PyTorch's `torch.cumprod`.
public func cumprod(_ x: Tensor, dim: Int, dtype: DType? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    x.cumprod(dim: dim, dtype: dtype, file: file, line: line)
}
