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

    /// Rows `indices` of every tensor, one `indexSelect` each.
    public func gather(_ indices: [Int]) -> Element {
        let index = Tensor.fromArray(indices.map { Int64($0) })
        return assemble(tensors.map { $0.indexSelect(0, index) })
    }
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
