/// A dataset of tensors sliced along their first dim, PyTorch's `TensorDataset`.
///
/// Sample `i` holds row `i` of every tensor. The element type follows the
/// number of tensors, so a loader over two tensors yields `(Tensor, Tensor)`:
///
/// ```swift
/// let dataset = TensorDataset(features, labels)        // Element == (Tensor, Tensor)
/// let loader = DataLoader(dataset, batchSize: 10, shuffle: true)
/// for (x, y) in loader { ... }
/// ```
///
/// One tensor gives `Tensor` samples, two to four give tuples, and an array of
/// tensors (`TensorDataset([a, b, c, d, e])`) gives `[Tensor]`. Batches are
/// gathered with one `indexSelect` per tensor, never sample by sample.
public struct TensorDataset<Element>: BatchGatheringDataset {
    /// The tensors, PyTorch's `dataset.tensors`.
    public let tensors: [Tensor]
    /// Builds an element from one piece (row or block of rows) of each tensor.
    private let assemble: @Sendable ([Tensor]) -> Element

    private init(_ tensors: [Tensor], file: StaticString, line: UInt,
                 assemble: @escaping @Sendable ([Tensor]) -> Element) {
        torchCheck(!tensors.isEmpty, "TensorDataset needs at least one tensor", file: file, line: line)
        for t in tensors {
            torchCheck(t.dim() > 0, "dimension specified as 0 but tensor has no dimensions", file: file, line: line)
            torchCheck(t.shape[0] == tensors[0].shape[0], "Size mismatch between tensors", file: file, line: line)
        }
        self.tensors = tensors
        self.assemble = assemble
    }

    /// The number of rows, PyTorch's `len(dataset)`.
    public var count: Int { tensors[0].shape[0] }

    /// Row `index` of every tensor (views, as PyTorch's `tensor[index]`).
    public subscript(index: Int) -> Element {
        assemble(tensors.map { $0.select(0, index) })
    }

    /// Rows `indices` of every tensor, one row copy each (an `indexSelect`
    /// for tensors that are strided or take part in autograd).
    public func gather(_ indices: [Int]) -> Element {
        assemble(tensors.map { gatherRows($0, indices) })
    }
}

/// Rows `indices` of `t` stacked into a new tensor, PyTorch's
/// `torch.stack([t[i] for i in indices])`. A contiguous tensor outside
/// autograd is copied row by row with `memcpy`: a data loader calls this once
/// per tensor per batch, so it must cost far less than a general gather.
func gatherRows(_ t: Tensor, _ indices: [Int], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let rows = t.shape[0]
    guard t.isContiguous, !t.requiresGrad else {
        return t.indexSelect(0, Tensor.fromArray(indices.map { Int64($0) }), file: file, line: line)
    }
    var shape = t.shape
    shape[0] = indices.count
    let out = Tensor(uninitializedShape: shape, dtype: t.dtype)
    let rowBytes = t.shape.dropFirst().reduce(1, *) * t.dtype.itemSize
    let source = t.storage.data + t.layout.offset * t.dtype.itemSize
    let target = out.storage.data
    for (k, i) in indices.enumerated() {
        torchCheck(i >= -rows && i < rows, "index \(i) is out of bounds for dimension 0 with size \(rows)", file: file, line: line)
        let row = i < 0 ? i + rows : i
        (target + k * rowBytes).copyMemory(from: source + row * rowBytes, byteCount: rowBytes)
    }
    return out
}

extension TensorDataset where Element == Tensor {
    /// A dataset of the rows of one tensor.
    public init(_ tensor: Tensor, file: StaticString = #fileID, line: UInt = #line) {
        self.init([tensor], file: file, line: line) { $0[0] }
    }
}

extension TensorDataset where Element == (Tensor, Tensor) {
    /// A dataset of `(a[i], b[i])` pairs, the usual `(features, labels)`.
    public init(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) {
        self.init([a, b], file: file, line: line) { ($0[0], $0[1]) }
    }
}

extension TensorDataset where Element == (Tensor, Tensor, Tensor) {
    /// A dataset of `(a[i], b[i], c[i])` triples.
    public init(_ a: Tensor, _ b: Tensor, _ c: Tensor, file: StaticString = #fileID, line: UInt = #line) {
        self.init([a, b, c], file: file, line: line) { ($0[0], $0[1], $0[2]) }
    }
}

extension TensorDataset where Element == (Tensor, Tensor, Tensor, Tensor) {
    /// A dataset of `(a[i], b[i], c[i], d[i])` quadruples.
    public init(_ a: Tensor, _ b: Tensor, _ c: Tensor, _ d: Tensor, file: StaticString = #fileID, line: UInt = #line) {
        self.init([a, b, c, d], file: file, line: line) { ($0[0], $0[1], $0[2], $0[3]) }
    }
}

extension TensorDataset where Element == [Tensor] {
    /// A dataset over any number of tensors whose samples are `[Tensor]`.
    public init(_ tensors: [Tensor], file: StaticString = #fileID, line: UInt = #line) {
        self.init(tensors, file: file, line: line) { $0 }
    }
}
