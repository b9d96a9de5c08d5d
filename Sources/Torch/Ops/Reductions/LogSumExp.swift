extension Tensor {
    /// `log(sum(exp(x)))` over dims, computed stably (shifted by the maximum),
    /// PyTorch's `logsumexp`. Integer inputs give float32.
    public func logsumexp(dims: [Int], keepdim: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let mask = reducedDims(dims, rank: ndim, file: file, line: line)
        let (kept, final) = reducedShapes(shape, mask, keepdim: keepdim)
        let outType = dtype.isFloatingPoint ? dtype : DType.defaultFloat
        let compute = outType.computeType
        let g = SliceGeometry(cast(compute), reducing: mask)
        let out = Tensor(uninitializedShape: kept, dtype: compute, device: device)
        Dispatch.slices(.logSumExp, g, into: [out])
        let result = out.makeReshapedAlias(final).cast(outType)
        if gradNeeded(self) {
            recordNode("LogsumexpBackward0", inputs: [self], output: result, saving: [self], savingOutput: true) { ctx in
                // The softmax of x along the reduced dims.
                [ctx.grad.reshape(kept) * (ctx.saved[0] - ctx.saved[1].reshape(kept)).exp()]
            }
        }
        return result
    }

    /// `logsumexp` over one dim.
    public func logsumexp(dim: Int, keepdim: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        logsumexp(dims: [dim], keepdim: keepdim, file: file, line: line)
    }
}

/// PyTorch's `torch.logsumexp`.
public func logsumexp(_ x: Tensor, dim: Int, keepdim: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    x.logsumexp(dim: dim, keepdim: keepdim, file: file, line: line)
}
