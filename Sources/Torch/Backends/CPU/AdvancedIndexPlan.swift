/// Where the elements picked by index tensors live in host memory, as offsets
/// for `IndexKernel`'s gather and put, and the shape they form (the rule of
/// `advancedIndexShape`). Reads the index values, and stops on one out of range.
struct AdvancedIndexPlan {
    var pre: [Int]
    var indexed: [Int]
    var post: [Int]
    var shape: [Int]
    var base: Int

    /// Checks the indices (dtypes, broadcasting, bounds) and lays out the offsets.
    /// `indices` are integer tensors (masks already expanded), at most one per dim.
    init(layout: Layout, indices: [Tensor?], file: StaticString, line: UInt) {
        let rank = layout.rank
        torchCheck(indices.count <= rank, "too many indices for tensor of dimension \(rank) (got \(indices.count))", file: file, line: line)
        let padded = indices + Array(repeating: nil, count: rank - indices.count)
        let dims = (0..<rank).filter { padded[$0] != nil }
        var b: [Int] = []
        var first = true
        for d in dims {
            let s = padded[d]!.shape
            if first { b = s; first = false; continue }
            guard let bs = broadcastShapes(b, s) else {
                let all = dims.map { shapeString(padded[$0]!.shape) }.joined(separator: ", ")
                torchFail("shape mismatch: indexing tensors could not be broadcast together with shapes \(all)", file: file, line: line)
            }
            b = bs
        }
        var indexed = [Int](repeating: 0, count: b.reduce(1, *))
        for d in dims {
            let t = padded[d]!
            let size = layout.shape[d], stride = layout.strides[d]
            let values = IndexKernel.integers(t.expand(b))
            for (k, v) in values.enumerated() {
                torchCheck(v >= -size && v < size, "index \(v) is out of bounds for dimension \(d) with size \(size)", file: file, line: line)
                indexed[k] += (v < 0 ? v + size : v) * stride
            }
        }
        let adjacent = dims.isEmpty || dims.last! - dims.first! + 1 == dims.count
        let rest = (0..<rank).filter { padded[$0] == nil }
        let preDims = adjacent ? rest.filter { $0 < dims.first ?? rank } : []
        let postDims = adjacent ? rest.filter { $0 > dims.last ?? rank } : rest
        pre = IndexKernel.offsets(shape: preDims.map { layout.shape[$0] }, strides: preDims.map { layout.strides[$0] })
        post = IndexKernel.offsets(shape: postDims.map { layout.shape[$0] }, strides: postDims.map { layout.strides[$0] })
        self.indexed = indexed
        shape = preDims.map { layout.shape[$0] } + b + postDims.map { layout.shape[$0] }
        base = layout.offset
    }
}
