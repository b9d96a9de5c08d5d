extension Functional {
    /// Looks up rows of `weight` by index, PyTorch's `F.embedding`.
    ///
    /// `input` holds int64 or int32 indices of any shape; the result is
    /// `input.shape + [embeddingDim]`. The row at `paddingIdx` receives no
    /// gradient (grad_fn `EmbeddingBackward0`).
    public static func embedding(_ input: Tensor, weight: Tensor, paddingIdx: Int? = nil,
                                 file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(input.dtype == .int64 || input.dtype == .int32, "Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got \(input.dtype.legacyTypeName) instead (while checking arguments for embedding)", file: file, line: line)
        torchCheck(weight.ndim == 2, "'weight' must be 2-D", file: file, line: line)
        let rows = weight.shape[0], dim = weight.shape[1]
        var padding = paddingIdx
        if let p = paddingIdx {
            torchCheck(p < rows && p >= -rows, "Padding_idx must be within num_embeddings", file: file, line: line)
            padding = p < 0 ? p + rows : p
        }
        let flat = input.to(.int64).reshape([-1])
        torchCheck(flat.hostIndexValues.allSatisfy { $0 >= 0 && $0 < rows }, "index out of range in self", file: file, line: line)
        let out = noGrad { weight.indexSelect(0, flat).reshape(input.shape + [dim]) }
        if gradNeeded(weight) {
            recordNode("EmbeddingBackward0", inputs: [weight], output: out) { ctx in
                var g = ctx.grad.reshape([-1, dim])
                if let padding { g = g * flat.ne(padding).unsqueeze(1).to(g.dtype) }
                return [Torch.zeros([rows, dim], device: g.device, dtype: g.dtype).indexAdd(0, flat, g)]
            }
        }
        return out
    }

    /// One-hot encoding of int64 class indices, PyTorch's `F.one_hot`.
    ///
    /// The result is int64 of shape `input.shape + [numClasses]`; `numClasses`
    /// -1 takes the largest index plus one.
    public static func oneHot(_ input: Tensor, numClasses: Int = -1, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(input.dtype == .int64, "one_hot is only applicable to index tensor of type LongTensor.", file: file, line: line)
        // A meta tensor has no values to check: with `numClasses` given it runs
        // on shapes alone, as in PyTorch.
        let values = input.isMeta && numClasses != -1 ? [] : input.reshape([-1]).toArray(as: Int.self)
        torchCheck(values.allSatisfy { $0 >= 0 }, "Class values must be non-negative.", file: file, line: line)
        var classes = numClasses
        if classes == -1 {
            torchCheck(!values.isEmpty, "Can not infer total number of classes from empty tensor.", file: file, line: line)
            classes = values.max()! + 1
        } else {
            torchCheck(values.allSatisfy { $0 < classes }, "Class values must be smaller than num_classes.", file: file, line: line)
        }
        return noGrad { Torch.zeros(input.shape + [classes], device: input.device, dtype: .int64).scatter(-1, input.unsqueeze(-1), 1) }
    }
}
