extension Tensor {
    /// The elements at flat (row-major) positions `index`, as if this tensor
    /// were 1-d, PyTorch's `take`. The result has `index`'s shape.
    public func take(_ index: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(index.dtype == .int64, "take(): Expected a long tensor for index, but got \(index.dtype.scalarTypeName)", file: file, line: line)
        let n = numel()
        let positions = IndexKernel.integers(index)
        for v in positions where v < -n || v >= n {
            torchFail("out of range: tried to access index \(v) on a tensor of \(n) elements.", file: file, line: line)
        }
        let flatLayout = Layout(shape: shape, strides: layout.strides, offset: 0)
        let strides = Layout.contiguousStrides(for: shape)
        let offsets = positions.map { p -> Int in
            let q = p < 0 ? p + n : p
            var o = 0
            for d in 0..<flatLayout.rank { o += (q / strides[d]) % shape[d] * flatLayout.strides[d] }
            return o
        }
        let out = IndexKernel.gather(self, base: layout.offset, pre: [0], indexed: offsets, post: [0], shape: index.shape)
        if gradNeeded(self) {
            let inputShape = shape, inputDType = dtype
            let flatIndex = Tensor.fromArray(positions.map { Int64($0 < 0 ? $0 + n : $0) })
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
