extension Functional {
    /// `input @ weight.T + bias`, PyTorch's `F.linear`.
    ///
    /// `weight` is `[out, in]` and `input` is `[*, in]`. A 2-d input with a bias
    /// is one `addmm` (grad_fn `AddmmBackward0`); other ranks fold the leading
    /// dims into one matrix product and view the result back, as PyTorch does.
    ///
    /// ```swift
    /// let y = Functional.linear(x, weight: w, bias: b)   // [64, 784] -> [64, 10]
    /// ```
    public static func linear(_ input: Tensor, weight: Tensor, bias: Tensor? = nil,
                              file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let wt = weight.t(file: file, line: line)
        guard let bias else { return input.matmul(wt, file: file, line: line) }
        if input.ndim == 2 { return bias.addmm(input, wt, file: file, line: line) }
        if input.ndim != 2, input.ndim >= 1, input.isContiguous {
            let features = input.shape[input.ndim - 1]
            let rows = input.reshape([-1, features], file: file, line: line)
            let product = bias.addmm(rows, wt, file: file, line: line)
            return product.reshapedResult(Array(input.shape.dropLast()) + [product.shape[1]], node: "UnsafeViewBackward0")
        }
        return input.matmul(wt, file: file, line: line).add(bias, file: file, line: line)
    }

    /// `x1^T A x2 + b` for each output feature, PyTorch's `F.bilinear`.
    ///
    /// `input1` is `[*, in1]`, `input2` is `[*, in2]`, `weight` is `[out, in1, in2]`,
    /// `bias` is `[out]`; the result is `[*, out]`.
    public static func bilinear(_ input1: Tensor, _ input2: Tensor, weight: Tensor, bias: Tensor? = nil,
                                file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(input1.ndim == input2.ndim, "bilinear(): input dimensions do not match: got \(input1.ndim) and \(input2.ndim)", file: file, line: line)
        torchCheck(weight.ndim == 3, "bilinear(): weight must be three-dimensional, but got \(weight.ndim)", file: file, line: line)
        torchCheck(input1.shape.dropLast() == input2.shape.dropLast(), "bilinear(): input batch dimensions do not match: got \(shapeString(Array(input1.shape.dropLast()))) and \(shapeString(Array(input2.shape.dropLast())))", file: file, line: line)
        torchCheck(input1.shape.last == weight.shape[1], "bilinear(): input1 size does not match weight size: got \(input1.shape.last ?? 0) but expected \(weight.shape[1])", file: file, line: line)
        torchCheck(input2.shape.last == weight.shape[2], "bilinear(): input2 size does not match weight size: got \(input2.shape.last ?? 0) but expected \(weight.shape[2])", file: file, line: line)
        let out = Torch.einsum("...i,oij,...j->...o", input1, weight, input2, file: file, line: line)
        return bias.map { out.add($0, file: file, line: line) } ?? out
    }
}
