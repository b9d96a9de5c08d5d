extension Tensor {
    /// The elements at flat (row-major) positions `index`, as if this tensor
    /// were 1-d, PyTorch's `take`. The result has `index`'s shape.
    public func take(_ index: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(index.dtype == .int64, "take(): Expected a long tensor for index, but got \(index.dtype.scalarTypeName)", file: file, line: line)
        let n = numel()
        for v in index.hostIndexValues where v < -n || v >= n {
            torchFail("out of range: tried to access index \(v) on a tensor of \(n) elements.", file: file, line: line)
        }
        let flatIndex = index.reshape([-1])
        let out = noGrad { reshape([-1]).index([flatIndex], file: file, line: line).reshape(index.shape) }
        if gradNeeded(self) {
            let inputShape = shape, inputDType = dtype
            recordNode("TakeBackward0", inputs: [self], output: out) { ctx in
                [Torch.zeros([n], device: ctx.grad.device, dtype: inputDType).indexPut([flatIndex], ctx.grad.reshape([-1]), accumulate: true).reshape(inputShape)]
            }
        }
        return out
    }
}

/// PyTorch's `torch.take`.
public func take(_ x: Tensor, _ index: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    x.take(index, file: file, line: line)
}
