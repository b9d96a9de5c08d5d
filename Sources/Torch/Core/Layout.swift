/// How a tensor's elements sit in its storage: a shape, strides in elements
/// and an offset into the storage.
///
/// Views (transpose, permute, narrow, expand, ...) only make a new layout over
/// the same storage.
struct Layout: Equatable, Sendable {
    var shape: [Int]
    var strides: [Int]
    var offset: Int

    init(shape: [Int], strides: [Int], offset: Int = 0) {
        self.shape = shape
        self.strides = strides
        self.offset = offset
    }

    /// A row-major (C-contiguous) layout.
    init(contiguous shape: [Int], offset: Int = 0) {
        self.shape = shape
        self.strides = Layout.contiguousStrides(for: shape)
        self.offset = offset
    }

    static func contiguousStrides(for shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var running = 1
        for d in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[d] = running
            running *= max(shape[d], 1)
        }
        return strides
    }

    var rank: Int { shape.count }

    var numel: Int {
        var n = 1
        for s in shape { n *= s }
        return n
    }

    /// PyTorch's `is_contiguous()`: strides of dims of size 1 do not matter.
    var isContiguous: Bool {
        var expected = 1
        for d in stride(from: shape.count - 1, through: 0, by: -1) where shape[d] != 1 {
            if strides[d] != expected { return false }
            expected *= shape[d]
        }
        return true
    }

    /// Whether the elements occupy one dense block without gaps or overlaps,
    /// in any dim order (a transposed contiguous tensor is dense).
    var isNonOverlappingAndDense: Bool {
        if isContiguous { return true }
        let order = (0..<rank).filter { shape[$0] != 1 }.sorted { strides[$0] < strides[$1] }
        var expected = 1
        for d in order {
            if strides[d] != expected { return false }
            expected *= shape[d]
        }
        return true
    }

    /// The storage offset (in elements) one past the last element reached.
    var storageExtent: Int {
        if numel == 0 { return offset }
        var last = offset
        for d in 0..<rank { last += (shape[d] - 1) * strides[d] }
        return last + 1
    }

    /// The storage offset of the element at a multi-index.
    func offset(of index: [Int]) -> Int {
        var o = offset
        for d in 0..<index.count { o += index[d] * strides[d] }
        return o
    }
}

/// Formats a shape the way PyTorch prints it in messages: `[2, 3]`.
func shapeString(_ shape: [Int]) -> String {
    "[" + shape.map(String.init).joined(separator: ", ") + "]"
}

/// PyTorch's `torch.Size([3, 1])` spelling of a shape.
func torchSizeString(_ shape: [Int]) -> String {
    "torch.Size([" + shape.map(String.init).joined(separator: ", ") + "])"
}

/// The broadcast shape of two shapes, or nil if they do not broadcast.
func broadcastShapes(_ a: [Int], _ b: [Int]) -> [Int]? {
    let rank = max(a.count, b.count)
    var out = [Int](repeating: 1, count: rank)
    for i in 0..<rank {
        let da = i < rank - a.count ? 1 : a[i - (rank - a.count)]
        let db = i < rank - b.count ? 1 : b[i - (rank - b.count)]
        if da == db || db == 1 { out[i] = da } else if da == 1 { out[i] = db } else { return nil }
    }
    return out
}

/// The broadcast shape of two shapes, stopping with PyTorch's message otherwise.
func broadcastShapes(_ a: [Int], _ b: [Int], file: StaticString, line: UInt) -> [Int] {
    if let s = broadcastShapes(a, b) { return s }
    let rank = max(a.count, b.count)
    for i in stride(from: rank - 1, through: 0, by: -1) {
        let da = i < rank - a.count ? 1 : a[i - (rank - a.count)]
        let db = i < rank - b.count ? 1 : b[i - (rank - b.count)]
        if da != db && da != 1 && db != 1 {
            torchFail("The size of tensor a (\(da)) must match the size of tensor b (\(db)) at non-singleton dimension \(i)", file: file, line: line)
        }
    }
    torchFail("shapes \(shapeString(a)) and \(shapeString(b)) cannot be broadcast", file: file, line: line)
}

extension Layout {
    /// This layout read as if broadcast to `target` (stride 0 on new or expanded dims).
    func broadcast(to target: [Int]) -> Layout {
        let lead = target.count - rank
        var newStrides = [Int](repeating: 0, count: target.count)
        for d in 0..<rank where shape[d] != 1 || target[d + lead] == 1 {
            newStrides[d + lead] = shape[d] == 1 ? 0 : strides[d]
        }
        return Layout(shape: target, strides: newStrides, offset: offset)
    }
}
