extension Tensor {
    /// The elements sorted along a dim and their original indices, PyTorch's `sort`.
    ///
    /// NaN sorts above every number (last ascending, first descending). Equal
    /// elements keep their input order, so the sort is always stable.
    ///
    /// ```swift
    /// let (values, indices) = x.sort(dim: 1, descending: true)
    /// ```
    public func sort(dim: Int = -1, descending: Bool = false, stable: Bool = false,
                     file: StaticString = #fileID, line: UInt = #line) -> (values: Tensor, indices: Tensor) {
        let d = wrapDim(dim, rank: ndim, file: file, line: line)
        return selectSorted(d, k: ndim == 0 ? 1 : shape[d], descending: descending, node: "SortBackward0")
    }

    /// The indices that sort a dim, PyTorch's `argsort`.
    public func argsort(dim: Int = -1, descending: Bool = false, stable: Bool = false,
                        file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        noGrad { sort(dim: dim, descending: descending, stable: stable, file: file, line: line).indices }
    }

    /// The `k` largest (or smallest) elements along a dim and their indices, PyTorch's `topk`.
    /// Results are in sorted order (`sorted` is accepted for PyTorch parity).
    ///
    /// ```swift
    /// let (values, indices) = scores.topk(5)
    /// ```
    public func topk(_ k: Int, dim: Int = -1, largest: Bool = true, sorted: Bool = true,
                     file: StaticString = #fileID, line: UInt = #line) -> (values: Tensor, indices: Tensor) {
        let d = wrapDim(dim, rank: ndim, file: file, line: line)
        torchCheck(k >= 0 && k <= (ndim == 0 ? 1 : shape[d]), "selected index k out of range", file: file, line: line)
        return selectSorted(d, k: k, descending: largest, node: "TopkBackward0")
    }

    private func selectSorted(_ d: Int, k: Int, descending: Bool, node: String) -> (values: Tensor, indices: Tensor) {
        let compute = kernelDType(for: dtype)
        let g = SliceGeometry(cast(compute), dim: d)
        var outShape = shape
        if ndim > 0 { outShape[d] = k }
        let values = Tensor(uninitializedShape: outShape, dtype: compute, device: device)
        let indices = Tensor(uninitializedShape: outShape, dtype: .int64, device: device)
        if values.numel() > 0 { Dispatch.slices(.sort(descending: descending, k: k), g, into: [values, indices]) }
        let result = values.cast(dtype)
        if gradNeeded(self) {
            let inputShape = shape
            recordNode(node, inputs: [self], output: result) { ctx in
                [ctx.grad.placeAlongDim(d, index: indices, shape: inputShape)]
            }
        }
        return (result, indices)
    }
}

/// PyTorch's `torch.sort`.
public func sort(_ x: Tensor, dim: Int = -1, descending: Bool = false, stable: Bool = false,
                 file: StaticString = #fileID, line: UInt = #line) -> (values: Tensor, indices: Tensor) {
    x.sort(dim: dim, descending: descending, stable: stable, file: file, line: line)
}

/// PyTorch's `torch.argsort`.
public func argsort(_ x: Tensor, dim: Int = -1, descending: Bool = false, stable: Bool = false,
                    file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    x.argsort(dim: dim, descending: descending, stable: stable, file: file, line: line)
}

/// PyTorch's `torch.topk`.
public func topk(_ x: Tensor, _ k: Int, dim: Int = -1, largest: Bool = true, sorted: Bool = true,
                 file: StaticString = #fileID, line: UInt = #line) -> (values: Tensor, indices: Tensor) {
    x.topk(k, dim: dim, largest: largest, sorted: sorted, file: file, line: line)
}
