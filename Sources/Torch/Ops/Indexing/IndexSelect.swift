extension Tensor {
    /// Checks an `index_select`-family index: a vector (or 0-d) of int32/int64
    /// positions within `size`. Returns it as a flat int64 tensor.
    private func checkedVectorIndex(_ op: String, _ index: Tensor, dim: Int, file: StaticString, line: UInt) -> Tensor {
        torchCheck(index.ndim <= 1, "\(op)(): Index is supposed to be a vector", file: file, line: line)
        switch op {
        case "index_fill_":
            torchCheck(index.dtype == .int64, "index_fill_(): Expected dtype int64 for index.", file: file, line: line)
        case "index_add_":
            torchCheck(index.dtype == .int64 || index.dtype == .int32, "index_add_(): Expected dtype int32/int64 for index but got: \(index.dtype.scalarTypeName)", file: file, line: line)
        default:
            torchCheck(index.dtype == .int64 || index.dtype == .int32, "\(op)(): Expected dtype int32 or int64 for index", file: file, line: line)
        }
        let size = ndim == 0 ? 1 : shape[dim]
        for v in index.hostIndexValues where v < -size || v >= size {
            if op == "index_select" {
                torchFail("INDICES element is out of DATA bounds, id=\(v) axis_dim=\(size)", file: file, line: line)
            }
            torchFail("index \(v) is out of bounds for dimension \(dim) with size \(size)", file: file, line: line)
        }
        return index.cast(.int64).reshape([-1])
    }

    /// The index list `[nil, ..., index]` that picks `index` along `dim`.
    private func alongDim(_ dim: Int, _ index: Tensor) -> [Tensor?] {
        Array(repeating: nil, count: dim) + [index]
    }

    /// The slices at positions `index` along `dim`, PyTorch's `index_select`.
    ///
    /// ```swift
    /// x.indexSelect(1, Tensor([0, 2]))   // columns 0 and 2
    /// ```
    public func indexSelect(_ dim: Int, _ index: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let d = wrapDim(dim, rank: ndim, file: file, line: line)
        let idx = checkedVectorIndex("index_select", index, dim: d, file: file, line: line)
        torchCheck(ndim > 0 || index.numel() == 1,
                   "index_select(): Index to scalar can have only 1 value, got \(index.numel()) value(s)", file: file, line: line)
        let source = ndim == 0 ? reshape([1]) : self
        let indices = alongDim(d, idx)
        var out = Tensor(uninitializedShape: advancedIndexShape(source.shape, indices, file: file, line: line), dtype: dtype,
                         device: commonDevice(self, idx, file: file, line: line))
        Dispatch.indexGather(source, indices: indices, into: out, file: file, line: line)
        if ndim == 0 { out = out.reshape([]) }  // a scalar's selection stays a scalar, as in PyTorch
        if gradNeeded(self) {
            let inputShape = shape, inputDType = dtype
            recordNode("IndexSelectBackward0", inputs: [self], output: out) { ctx in
                [Torch.zeros(inputShape, device: ctx.grad.device, dtype: inputDType).indexAdd(d, idx, inputShape.isEmpty ? ctx.grad.reshape([]) : ctx.grad)]
            }
        }
        return out
    }

    /// A copy with `alpha * source` added to the slices at positions `index`
    /// along `dim` (repeats add up), PyTorch's `index_add`.
    public func indexAdd(_ dim: Int, _ index: Tensor, _ source: Tensor, alpha: Double = 1,
                         file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let (d, idx) = checkIndexAdd(dim, index, source, file: file, line: line)
        let out = contiguousCopy()
        let flat = ndim == 0 ? out.reshape([1]) : out
        flat.addSlices(d, idx, source, alpha: alpha, file: file, line: line)
        if gradNeeded(self, source) {
            let sourceShape = source.shape
            recordNode("IndexAddBackward0", inputs: [self, source], output: out) { ctx in
                guard ctx.needsInputGrad[1] else { return [ctx.grad, nil] }
                var gs = ctx.grad.indexSelect(d, idx).reshape(sourceShape)
                if alpha != 1 { gs = gs.mul(alpha) }
                return [ctx.needsInputGrad[0] ? ctx.grad : nil, gs]
            }
        }
        return out
    }

    /// `indexAdd` in place, PyTorch's `index_add_`.
    @discardableResult
    public func indexAdd_(_ dim: Int, _ index: Tensor, _ source: Tensor, alpha: Double = 1,
                          file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let (d, idx) = checkIndexAdd(dim, index, source, file: file, line: line)
        return applyInPlace(others: [source], file: file, line: line) {
            (ndim == 0 ? reshape([1]) : self).addSlices(d, idx, source, alpha: alpha, file: file, line: line)
        } outOfPlace: {
            indexAdd(dim, index, source, alpha: alpha, file: file, line: line)
        }
    }

    private func checkIndexAdd(_ dim: Int, _ index: Tensor, _ source: Tensor, file: StaticString, line: UInt) -> (Int, Tensor) {
        let d = wrapDim(dim, rank: ndim, file: file, line: line)
        let idx = checkedVectorIndex("index_add_", index, dim: d, file: file, line: line)
        let sourceCount = source.ndim == 0 ? 1 : source.shape[d]
        torchCheck(idx.numel() == sourceCount, "index_add_(): Number of indices (\(idx.numel())) should be equal to source.size(dim): (\(sourceCount)), for dim: \(d)", file: file, line: line)
        torchCheck(source.dtype == dtype, "index_add_(): self (\(dtype.scalarTypeName)) and source (\(source.dtype.scalarTypeName)) must have the same scalar type", file: file, line: line)
        var expected = ndim == 0 ? [1] : shape
        if !expected.isEmpty { expected[d] = idx.numel() }
        torchCheck(source.numel() == expected.reduce(1, *) && (source.ndim == 0 || source.ndim == ndim && source.shape == expected),
                   "index_add_(): Source/destination tensor must have same slice shapes. Destination slice shape: \(shapeString(expected)) at dimension \(d) and source slice shape: \(shapeString(source.shape)) at dimension \(d).", file: file, line: line)
        return (d, idx)
    }

    /// A copy with `value` written into the slices at positions `index` along
    /// `dim`, PyTorch's `index_fill`.
    public func indexFill<S: TensorScalar>(_ dim: Int, _ index: Tensor, _ value: S,
                                           file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let d = wrapDim(dim, rank: ndim, file: file, line: line)
        let idx = checkedVectorIndex("index_fill_", index, dim: d, file: file, line: line)
        let out = contiguousCopy()
        out.fillSlices(d, idx, value.scalar, file: file, line: line)
        if gradNeeded(self) {
            recordNode("IndexFillBackward0", inputs: [self], output: out) { ctx in [ctx.grad.indexFill(d, idx, 0)] }
        }
        return out
    }

    /// `indexFill` in place, PyTorch's `index_fill_`.
    @discardableResult
    public func indexFill_<S: TensorScalar>(_ dim: Int, _ index: Tensor, _ value: S,
                                            file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let d = wrapDim(dim, rank: ndim, file: file, line: line)
        let idx = checkedVectorIndex("index_fill_", index, dim: d, file: file, line: line)
        return applyInPlace(file: file, line: line) {
            fillSlices(d, idx, value.scalar, file: file, line: line)
        } outOfPlace: {
            indexFill(dim, index, value, file: file, line: line)
        }
    }

    private func fillSlices(_ d: Int, _ idx: Tensor, _ value: Scalar, file: StaticString, line: UInt) {
        let target = ndim == 0 ? makeView(Layout(shape: [1], strides: [1], offset: layout.offset)) : self
        let indices = alongDim(d, idx)
        let values = Tensor.scalarTensor(value, dtype: dtype).to(device).expand(advancedIndexShape(target.shape, indices, file: file, line: line))
        Dispatch.indexPut(target, indices: indices, values: values.contiguousCopy(), reduction: .assign, file: file, line: line)
    }

    /// Adds `alpha * source` into the slices at `idx` along `d` of this (1-d or more) tensor's storage.
    private func addSlices(_ d: Int, _ idx: Tensor, _ source: Tensor, alpha: Double, file: StaticString, line: UInt) {
        let indices = alongDim(d, idx)
        let scaled = noGrad { alpha == 1 ? source : source.mul(alpha) }
        let values = scaled.cast(dtype).reshape(advancedIndexShape(shape, indices, file: file, line: line)).contiguousCopy()
        Dispatch.indexPut(self, indices: indices, values: values, reduction: .add, file: file, line: line)
    }
}

/// PyTorch's `torch.index_select`.
public func indexSelect(_ x: Tensor, _ dim: Int, _ index: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    x.indexSelect(dim, index, file: file, line: line)
}

/// PyTorch's `torch.index_add`.
public func indexAdd(_ x: Tensor, _ dim: Int, _ index: Tensor, _ source: Tensor, alpha: Double = 1,
                     file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    x.indexAdd(dim, index, source, alpha: alpha, file: file, line: line)
}

/// PyTorch's `torch.index_fill`.
public func indexFill<S: TensorScalar>(_ x: Tensor, _ dim: Int, _ index: Tensor, _ value: S,
                                       file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    x.indexFill(dim, index, value, file: file, line: line)
}
