extension Tensor {
    /// The sum of all elements, PyTorch's `sum()`. Integer and bool tensors sum to int64.
    public func sum(dtype: DType? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        sum(dims: nil, keepdim: false, dtype: dtype, file: file, line: line)
    }

    /// The sum over one dim, PyTorch's `sum(dim, keepdim)`.
    ///
    /// ```swift
    /// x.sum(dim: 1, keepdim: true)
    /// ```
    public func sum(dim: Int, keepdim: Bool = false, dtype: DType? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        sum(dims: [dim], keepdim: keepdim, dtype: dtype, file: file, line: line)
    }

    /// The sum over several dims (all of them when nil).
    public func sum(dims: [Int]?, keepdim: Bool = false, dtype: DType? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let mask = reducedDims(dims, rank: ndim, file: file, line: line)
        let (kept, final) = reducedShapes(shape, mask, keepdim: keepdim)
        let outType = dtype ?? (self.dtype.isFloatingPoint ? self.dtype : .int64)
        let compute = outType.computeType == .bool ? DType.int64 : outType.computeType
        let input = cast(compute)
        let out = Tensor(uninitializedShape: kept, dtype: compute, device: device)
        if compute == .float32 || compute == .float64, let g = SliceGeometry(withoutCopying: input, reducing: mask) {
            Dispatch.slices(.sum, g, into: [out])
        } else {
            switch compute {
            case .float32: Dispatch.reduce(SumOf<Float>.self, input, into: out)
            case .float64: Dispatch.reduce(SumOf<Double>.self, input, into: out)
            case .int64: Dispatch.reduce(IntegerSumOf<Int64>.self, input, into: out)
            case .int32: Dispatch.reduce(IntegerSumOf<Int32>.self, input, into: out)
            case .int16: Dispatch.reduce(IntegerSumOf<Int16>.self, input, into: out)
            case .int8: Dispatch.reduce(IntegerSumOf<Int8>.self, input, into: out)
            case .uint8: Dispatch.reduce(IntegerSumOf<UInt8>.self, input, into: out)
            default: preconditionFailure("sum in \(compute)")
            }
        }
        var result = out.makeReshapedAlias(final)
        if compute != outType { result = result.cast(outType) }
        if gradNeeded(self) {
            let inputShape = shape
            let name = dims == nil ? "SumBackward0" : "SumBackward1"
            recordNode(name, inputs: [self], output: result) { ctx in
                [ctx.grad.reshape(kept).expand(inputShape)]
            }
        }
        return result
    }

    /// The mean of all elements, PyTorch's `mean()`; floating tensors only.
    public func mean(dtype: DType? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        mean(dims: nil, keepdim: false, dtype: dtype, file: file, line: line)
    }

    /// The mean over one dim.
    public func mean(dim: Int, keepdim: Bool = false, dtype: DType? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        mean(dims: [dim], keepdim: keepdim, dtype: dtype, file: file, line: line)
    }

    /// The mean over several dims (all of them when nil).
    public func mean(dims: [Int]?, keepdim: Bool = false, dtype: DType? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let outType = dtype ?? self.dtype
        torchCheck(outType.isFloatingPoint, "mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: \(self.dtype.scalarTypeName)", file: file, line: line)
        let mask = reducedDims(dims, rank: ndim, file: file, line: line)
        let count = reducedCount(shape, mask)
        let (kept, _) = reducedShapes(shape, mask, keepdim: keepdim)
        let result = noGrad { cast(outType).sum(dims: dims, keepdim: keepdim, file: file, line: line) / Double(count) }
        if gradNeeded(self) {
            let inputShape = shape
            recordNode(dims == nil ? "MeanBackward0" : "MeanBackward1", inputs: [self], output: result) { ctx in
                [(ctx.grad.reshape(kept) / Double(count)).expand(inputShape)]
            }
        }
        return result
    }

    /// Sums a gradient over broadcast dims so it has `target`'s shape (PyTorch's `sum_to_size`).
    /// As in PyTorch, an empty `target` is a full `sum()`, so a 0-d integer or
    /// bool tensor comes back as int64.
    public func sumToSize(_ target: [Int]) -> Tensor {
        if target.isEmpty && (ndim > 0 || !(dtype.isFloatingPoint || dtype == .int64)) { return sum() }
        if shape == target { return self }
        let lead = ndim - target.count
        var dims: [Int] = Array(0..<lead)
        for d in 0..<target.count where target[d] == 1 && shape[d + lead] != 1 { dims.append(d + lead) }
        var r = dims.isEmpty ? self : sum(dims: dims, keepdim: true)
        if lead > 0 { r = r.reshape(target) }
        return r
    }

    /// A contiguous tensor's storage under another shape with the same element count (no autograd).
    func makeReshapedAlias(_ newShape: [Int]) -> Tensor {
        if newShape == shape { return self }
        return Tensor(storage: storage, layout: Layout(contiguous: newShape, offset: layout.offset), dtype: dtype)
    }
}

/// PyTorch's `torch.sum`.
public func sum(_ x: Tensor, dim: Int? = nil, keepdim: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    x.sum(dims: dim.map { [$0] }, keepdim: keepdim, file: file, line: line)
}

/// PyTorch's `torch.mean`.
public func mean(_ x: Tensor, dim: Int? = nil, keepdim: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    x.mean(dims: dim.map { [$0] }, keepdim: keepdim, file: file, line: line)
}
