extension Tensor {
    /// The largest element, PyTorch's `max()`. NaN propagates; the gradient is split
    /// evenly among elements equal to the maximum.
    public func max(file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        extremumValues("max", largest: true, dims: nil, keepdim: false, file: file, line: line)
    }

    /// The smallest element, PyTorch's `min()`.
    public func min(file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        extremumValues("min", largest: false, dims: nil, keepdim: false, file: file, line: line)
    }

    /// The largest values along a dim and their indices, PyTorch's `max(dim, keepdim)`.
    ///
    /// ```swift
    /// let (values, indices) = x.max(dim: 1)
    /// ```
    /// Of equal maxima the first index is returned; the gradient flows to that index.
    public func max(dim: Int, keepdim: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> (values: Tensor, indices: Tensor) {
        extremumAlongDim("max", largest: true, dim: dim, keepdim: keepdim, file: file, line: line)
    }

    /// The smallest values along a dim and their indices, PyTorch's `min(dim, keepdim)`.
    public func min(dim: Int, keepdim: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> (values: Tensor, indices: Tensor) {
        extremumAlongDim("min", largest: false, dim: dim, keepdim: keepdim, file: file, line: line)
    }

    /// The maximum over dims (all when empty), PyTorch's `amax`. The gradient is
    /// split evenly among equal maxima.
    public func amax(dims: [Int] = [], keepdim: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        extremumValues("amax", largest: true, dims: dims, keepdim: keepdim, file: file, line: line)
    }

    /// The maximum over one dim, PyTorch's `amax(dim)`.
    public func amax(dim: Int, keepdim: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        amax(dims: [dim], keepdim: keepdim, file: file, line: line)
    }

    /// The minimum over dims (all when empty), PyTorch's `amin`.
    public func amin(dims: [Int] = [], keepdim: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        extremumValues("amin", largest: false, dims: dims, keepdim: keepdim, file: file, line: line)
    }

    /// The minimum over one dim, PyTorch's `amin(dim)`.
    public func amin(dim: Int, keepdim: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        amin(dims: [dim], keepdim: keepdim, file: file, line: line)
    }

    /// The index of the largest element (of the flattened tensor when `dim` is nil),
    /// PyTorch's `argmax`; int64, first index among equal maxima, NaN counts as largest.
    public func argmax(dim: Int? = nil, keepdim: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        extremumIndex("argmax", largest: true, dim: dim, keepdim: keepdim, file: file, line: line)
    }

    /// The index of the smallest element, PyTorch's `argmin`.
    public func argmin(dim: Int? = nil, keepdim: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        extremumIndex("argmin", largest: false, dim: dim, keepdim: keepdim, file: file, line: line)
    }

    /// Runs the extremum kernel; returns values (input dtype) and indices in keepdim shape.
    private func extremumKernel(_ mask: [Bool], largest: Bool, wantIndices: Bool) -> (values: Tensor, indices: Tensor?) {
        let compute = kernelDType(for: dtype)
        let (kept, _) = reducedShapes(shape, mask, keepdim: true)
        let g = SliceGeometry(cast(compute), reducing: mask)
        let values = Tensor(uninitializedShape: kept, dtype: compute, device: device)
        let indices = wantIndices ? Tensor(uninitializedShape: kept, dtype: .int64, device: device) : nil
        Dispatch.slices(.extremum(largest: largest), g, into: [values] + (indices.map { [$0] } ?? []))
        return (values.cast(dtype), indices)
    }

    private func extremumValues(_ name: String, largest: Bool, dims: [Int]?, keepdim: Bool,
                                file: StaticString, line: UInt) -> Tensor {
        let mask = reducedDims(dims, rank: ndim, file: file, line: line)
        checkReducible(name, self, mask, allDims: dims == nil || dims!.isEmpty, file: file, line: line)
        let (kept, final) = reducedShapes(shape, mask, keepdim: keepdim)
        let keptValues = extremumKernel(mask, largest: largest, wantIndices: false).values
        let result = keptValues.makeReshapedAlias(final)
        if gradNeeded(self) {
            let node = dims == nil ? (largest ? "MaxBackward1" : "MinBackward1") : (largest ? "AmaxBackward0" : "AminBackward0")
            recordNode(node, inputs: [self], output: result, saving: [self]) { ctx in
                let x = ctx.saved[0]
                let ties = x.equalityMask(keptValues, dtype: ctx.grad.dtype)
                let count = noGrad { ties.sum(dims: dims, keepdim: true) }
                return [ctx.grad.reshape(kept) * ties / count]
            }
        }
        return result
    }

    private func extremumAlongDim(_ name: String, largest: Bool, dim: Int, keepdim: Bool,
                                  file: StaticString, line: UInt) -> (values: Tensor, indices: Tensor) {
        let mask = reducedDims([dim], rank: ndim, file: file, line: line)
        checkReducible(name, self, mask, allDims: false, file: file, line: line)
        let (kept, final) = reducedShapes(shape, mask, keepdim: keepdim)
        let (keptValues, keptIndices) = extremumKernel(mask, largest: largest, wantIndices: true)
        let values = keptValues.makeReshapedAlias(final), indices = keptIndices!.makeReshapedAlias(final)
        if gradNeeded(self) {
            let inputShape = shape, d = ndim == 0 ? 0 : wrapDim(dim, rank: ndim, file: file, line: line)
            recordNode(largest ? "MaxBackward0" : "MinBackward0", inputs: [self], output: values) { ctx in
                if inputShape.isEmpty { return [ctx.grad] }
                let selected = Tensor.indexMask(shape: inputShape, dim: d, index: keptIndices!, dtype: ctx.grad.dtype)
                return [ctx.grad.reshape(kept) * selected]
            }
        }
        return (values, indices)
    }

    private func extremumIndex(_ name: String, largest: Bool, dim: Int?, keepdim: Bool,
                               file: StaticString, line: UInt) -> Tensor {
        if let dim {
            let mask = reducedDims([dim], rank: ndim, file: file, line: line)
            checkReducible(name, self, mask, allDims: false, file: file, line: line)
            let (_, final) = reducedShapes(shape, mask, keepdim: keepdim)
            return extremumKernel(mask, largest: largest, wantIndices: true).indices!.makeReshapedAlias(final)
        }
        torchCheck(numel() > 0, "\(name)(): Expected reduction dim to be specified for input.numel() == 0.", file: file, line: line)
        let mask = [Bool](repeating: true, count: ndim)
        let index = extremumKernel(mask, largest: largest, wantIndices: true).indices!
        return index.makeReshapedAlias(keepdim ? [Int](repeating: 1, count: ndim) : [])
    }
}

/// PyTorch's `torch.amax`.
public func amax(_ x: Tensor, dims: [Int] = [], keepdim: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    x.amax(dims: dims, keepdim: keepdim, file: file, line: line)
}

/// PyTorch's `torch.amin`.
public func amin(_ x: Tensor, dims: [Int] = [], keepdim: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    x.amin(dims: dims, keepdim: keepdim, file: file, line: line)
}

/// PyTorch's `torch.argmax`.
public func argmax(_ x: Tensor, dim: Int? = nil, keepdim: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    x.argmax(dim: dim, keepdim: keepdim, file: file, line: line)
}

/// PyTorch's `torch.argmin`.
public func argmin(_ x: Tensor, dim: Int? = nil, keepdim: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    x.argmin(dim: dim, keepdim: keepdim, file: file, line: line)
}
