/// Checks shared by `gather` and `scatter`: index dtype, rank, sizes and values.
/// Returns the wrapped dim. `src` is scatter's source (nil for gather).
func checkGatherScatter(_ op: String, _ input: Tensor, dim: Int, index: Tensor, src: Tensor?,
                        file: StaticString, line: UInt) -> Int {
    let d = wrapDim(dim, rank: input.ndim, file: file, line: line)
    _ = commonDevice([input, index] + [src].compactMap { $0 }, file: file, line: line)
    // As in PyTorch, an empty index may have any dtype.
    torchCheck(index.dtype == .int64 || index.dtype == .int32 || index.numel() == 0,
               "\(op)(): Expected dtype int32/int64 for index", file: file, line: line)
    // An empty index selects nothing: PyTorch checks neither its rank nor its sizes.
    if index.numel() == 0 { return d }
    let role = op == "gather" ? "input" : "self"
    torchCheck(index.ndim == input.ndim || (index.ndim <= 1 && input.ndim <= 1),
               "Index tensor must have the same number of dimensions as \(role) tensor", file: file, line: line)
    if let src {
        torchCheck(src.dtype == input.dtype, "\(op)(): Expected self.dtype to be equal to src.dtype", file: file, line: line)
        for k in 0..<index.ndim where index.shape[k] > (k < src.ndim ? src.shape[k] : 1) || (k != d && index.shape[k] > input.shape[k]) {
            torchFail("Expected index \(shapeString(index.shape)) to be no larger than self \(shapeString(input.shape)) apart from dimension \(d) and to be no larger size than src \(shapeString(src.shape))", file: file, line: line)
        }
    } else {
        for k in 0..<index.ndim where k != d && index.shape[k] > input.shape[k] {
            torchFail("Size does not match at dimension \(k) expected index \(shapeString(index.shape)) to be no larger than self \(shapeString(input.shape)) apart from dimension \(d)", file: file, line: line)
        }
    }
    let size = input.ndim == 0 ? 1 : input.shape[d]
    // Unlike x[idx], gather and scatter take no negative positions.
    for v in index.hostIndexValues {
        torchCheck(v >= 0 && v < size, "index \(v) is out of bounds for dimension \(d) with size \(size)", file: file, line: line)
    }
    return d
}

extension Tensor {
    /// The layout of this tensor over `shape` (a prefix box of its own) with a
    /// zero stride on `dim`, and its stride on `dim`: how gather and scatter
    /// reach element (p with p[dim] = i) as offset(p) + i * stride.
    func dimRestLayout(_ shape: [Int], dim: Int) -> (Layout, Int) {
        guard ndim > 0 else { return (Layout(shape: shape, strides: shape.map { _ in 0 }, offset: layout.offset), 0) }
        var l = Layout(shape: shape, strides: layout.strides, offset: layout.offset)
        if l.strides.count < shape.count { l.strides = shape.map { _ in 0 } }
        let stride = l.strides[dim]
        l.strides[dim] = 0
        return (l, stride)
    }

    /// The values of this index tensor when they live in host memory, for the ops'
    /// bounds checks; none otherwise, since another device's backend checks its
    /// indices as it reads them.
    var hostIndexValues: [Int] { isCpu ? Dispatch.integerValues(self, op: "index", file: #fileID, line: #line) : [] }

    /// This index tensor as int64 with negative entries wrapped by `size`:
    /// kernels take only non-negative positions.
    func wrappedIndex(size: Int) -> Tensor {
        guard isCpu else { return dtype == .int64 ? self : cast(.int64) }
        let values = Dispatch.integerValues(self, op: "gather", file: #fileID, line: #line)
        guard values.contains(where: { $0 < 0 }) else { return dtype == .int64 ? self : cast(.int64) }
        return Tensor.fromArray(values.map { Int64($0 < 0 ? $0 + size : $0) }, shape: shape)
    }

    /// Picks values along `dim` at the positions in `index`, PyTorch's `gather`:
    /// `out[i][j] = self[index[i][j]][j]` for `dim == 0`. The result has `index`'s shape.
    ///
    /// ```swift
    /// Tensor([[1, 2], [3, 4]]).gather(1, Tensor([[0, 0], [1, 0]]))  // [[1, 1], [4, 3]]
    /// ```
    public func gather(_ dim: Int, _ index: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let d = checkGatherScatter("gather", self, dim: dim, index: index, src: nil, file: file, line: line)
        let idx = index.wrappedIndex(size: ndim == 0 ? 1 : shape[d])
        let out = Tensor(uninitializedShape: index.shape, dtype: dtype, device: commonDevice(self, idx, file: file, line: line))
        let (rest, stride) = dimRestLayout(index.shape, dim: d)
        Dispatch.gatherAlongDim(self, srcRest: rest, dimStride: stride, index: idx, into: out)
        if gradNeeded(self) {
            let inputShape = shape, inputDType = dtype
            recordNode("GatherBackward0", inputs: [self], output: out) { ctx in
                [Torch.zeros(inputShape, device: ctx.grad.device, dtype: inputDType).scatterAdd(d, idx, ctx.grad)]
            }
        }
        return out
    }
}

/// PyTorch's `torch.gather`.
public func gather(_ x: Tensor, _ dim: Int, _ index: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    x.gather(dim, index, file: file, line: line)
}
