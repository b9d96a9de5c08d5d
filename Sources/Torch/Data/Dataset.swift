/// Datasets: PyTorch's `torch.utils.data.Dataset` and `IterableDataset`.
///
/// A map-style dataset knows its size and reads one sample by index; the
/// `DataLoader` draws indices from a sampler and collates the samples into
/// batches. Datasets are `Sendable` because a loader with `numWorkers > 0`
/// reads them from background threads: a struct of tensors and numbers is
/// `Sendable` as written; a class must guarantee that concurrent reads are
/// safe and say so with `@unchecked Sendable`.

/// A map-style dataset: a size and a sample per index, PyTorch's `Dataset`
/// (`__len__` is `count`, `__getitem__` is the subscript).
///
/// ```swift
/// struct Squares: Dataset {
///     var count: Int { 100 }
///     subscript(index: Int) -> (Double, Double) { (Double(index), Double(index * index)) }
/// }
/// ```
public protocol Dataset<Element>: Sendable {
    /// The type of one sample.
    associatedtype Element
    /// The number of samples, PyTorch's `len(dataset)`.
    var count: Int { get }
    /// The sample at `index` (0 ..< count).
    subscript(index: Int) -> Element { get }
}

/// A dataset that reads a whole batch in one step, PyTorch's `__getitems__`.
///
/// `gather(indices)` must return exactly what the default collate makes of
/// `indices.map { self[$0] }`, and that batch must have the type `Element`
/// (true for `TensorDataset`, whose samples are rows and whose batches are
/// blocks of rows). The `DataLoader` uses it instead of reading samples one by
/// one when no custom collate is given, so a batch costs one index op per tensor.
public protocol BatchGatheringDataset: Dataset {
    /// The default-collated batch of the samples at `indices`.
    func gather(_ indices: [Int]) -> Element
}

/// An iterable-style dataset: a stream of samples, PyTorch's `IterableDataset`.
///
/// Conform any `Sequence` of samples; the `DataLoader` groups consecutive
/// samples into batches (no sampler, no shuffle).
///
/// ```swift
/// struct Counter: IterableDataset {
///     func makeIterator() -> Range<Int>.Iterator { (0..<10).makeIterator() }
/// }
/// let loader = DataLoader(Counter(), batchSize: 4)   // [0,1,2,3], [4,5,6,7], [8,9]
/// ```
public protocol IterableDataset<Element>: Sequence, Sendable {}
