/// The shape advanced indexing gives (PyTorch's rule), from the indexed
/// tensor's shape and the index tensors' shapes alone: the index tensors
/// broadcast together to shape B; when they index adjacent dims, B takes their
/// place (`x[:, idx1, idx2]` has shape `[x.shape[0]] + B + rest`); when a whole
/// dim separates them, B goes first. Stops on too many indices or shapes that
/// do not broadcast; the values are checked by the backend that reads them.
func advancedIndexShape(_ shape: [Int], _ indices: [Tensor?], file: StaticString, line: UInt) -> [Int] {
    let rank = shape.count
    torchCheck(indices.count <= rank, "too many indices for tensor of dimension \(rank) (got \(indices.count))", file: file, line: line)
    let padded = indices + Array(repeating: nil, count: rank - indices.count)
    let dims = (0..<rank).filter { padded[$0] != nil }
    var b: [Int] = []
    for (k, d) in dims.enumerated() {
        let s = padded[d]!.shape
        if k == 0 { b = s; continue }
        guard let bs = broadcastShapes(b, s) else {
            let all = dims.map { shapeString(padded[$0]!.shape) }.joined(separator: ", ")
            torchFail("shape mismatch: indexing tensors could not be broadcast together with shapes \(all)", file: file, line: line)
        }
        b = bs
    }
    let adjacent = dims.isEmpty || dims.last! - dims.first! + 1 == dims.count
    let rest = (0..<rank).filter { padded[$0] == nil }
    let preDims = adjacent ? rest.filter { $0 < dims.first ?? rank } : []
    let postDims = adjacent ? rest.filter { $0 > dims.last ?? rank } : rest
    return preDims.map { shape[$0] } + b + postDims.map { shape[$0] }
}

extension Tensor {
    /// Advanced indexing with one optional index tensor per leading dim, PyTorch's
    /// `torch.ops.aten.index` (`x[idx0, :, idx2]` is `x.index([idx0, nil, idx2])`).
    /// Bool tensors act as masks. Returns a copy.
    public func index(_ indices: [Tensor?], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let longs = integerIndices(indices, file: file, line: line)
        let outShape = advancedIndexShape(shape, longs, file: file, line: line)
        let out = Tensor(uninitializedShape: outShape, dtype: dtype, device: commonDevice([self] + longs.compactMap { $0 }, file: file, line: line))
        Dispatch.indexGather(self, indices: longs, into: out, file: file, line: line)
        if gradNeeded(self) {
            let inputShape = shape, inputDType = dtype
            recordNode("IndexBackward0", inputs: [self], output: out) { ctx in
                [Torch.zeros(inputShape, device: ctx.grad.device, dtype: inputDType).indexPut(longs, ctx.grad, accumulate: true)]
            }
        }
        return out
    }

    /// A copy with `values` written at the indexed positions, PyTorch's `index_put`.
    /// With `accumulate`, values at repeated positions add up.
    public func indexPut(_ indices: [Tensor?], _ values: Tensor, accumulate: Bool = false,
                         file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let longs = integerIndices(indices, file: file, line: line)
        checkIndexPutDType(values, file: file, line: line)
        let out = contiguousCopy()
        out.put(values, indices: longs, accumulate: accumulate, file: file, line: line)
        if gradNeeded(self, values) {
            recordNode("IndexPutBackward0", inputs: [self, values], output: out) { ctx in
                let g = ctx.grad
                let gSelf = ctx.needsInputGrad[0]
                    ? (accumulate ? g : g.indexPut(longs, Torch.zeros([], device: g.device, dtype: g.dtype))) : nil
                return [gSelf, ctx.needsInputGrad[1] ? g.index(longs) : nil]
            }
        }
        return out
    }

    /// Writes `values` at the indexed positions in place, PyTorch's `index_put_`;
    /// what `x[idx] = values` and `x[mask] = values` run.
    @discardableResult
    public func indexPut_(_ indices: [Tensor?], _ values: Tensor, accumulate: Bool = false,
                          file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let longs = integerIndices(indices, file: file, line: line)
        checkIndexPutDType(values, file: file, line: line)
        checkPutShape(values, advancedIndexShape(shape, longs, file: file, line: line), file: file, line: line)
        return applyInPlace(others: [values], file: file, line: line) {
            put(values, indices: longs, accumulate: accumulate, file: file, line: line)
        } outOfPlace: {
            indexPut(longs, values, accumulate: accumulate, file: file, line: line)
        }
    }

    /// The index tensors as int64 with masks expanded into one tensor per masked dim.
    func integerIndices(_ indices: [Tensor?], file: StaticString, line: UInt) -> [Tensor?] {
        var out: [Tensor?] = []
        for t in indices {
            guard let t else { out.append(nil); continue }
            checkIndexDType(t, file: file, line: line)
            if t.dtype == .bool || t.dtype == .uint8 {
                checkMaskShape(t, against: shape, at: out.count, file: file, line: line)
                out.append(contentsOf: maskIndices(t))
            } else {
                out.append(t.dtype == .int64 ? t : t.cast(.int64))
            }
        }
        return out
    }

    private func checkIndexPutDType(_ values: Tensor, file: StaticString, line: UInt) {
        torchCheck(values.dtype == dtype, "Index put requires the source and destination dtypes match, got \(dtype.scalarTypeName) for the destination and \(values.dtype.scalarTypeName) for the source.", file: file, line: line)
    }

    private func checkPutShape(_ values: Tensor, _ target: [Int], file: StaticString, line: UInt) {
        torchCheck(broadcastShapes(values.shape, target) == target, "shape mismatch: value tensor of shape \(shapeString(values.shape)) cannot be broadcast to indexing result of shape \(shapeString(target))", file: file, line: line)
    }

    /// Writes `values` (broadcast to the indexing result's shape) into this tensor's storage.
    private func put(_ values: Tensor, indices: [Tensor?], accumulate: Bool, file: StaticString, line: UInt) {
        let target = advancedIndexShape(shape, indices, file: file, line: line)
        checkPutShape(values, target, file: file, line: line)
        _ = commonDevice([self, values] + indices.compactMap { $0 }, file: file, line: line)
        let v = noGrad { values.cast(dtype).expand(target).contiguousCopy() }
        Dispatch.indexPut(self, indices: indices, values: v, reduction: accumulate ? .add : .assign, file: file, line: line)
    }
}

/// PyTorch's `torch.index_put`.
public func indexPut(_ x: Tensor, _ indices: [Tensor?], _ values: Tensor, accumulate: Bool = false,
                     file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    x.indexPut(indices, values, accumulate: accumulate, file: file, line: line)
}
