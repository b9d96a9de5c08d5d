/// A view of a dataset at chosen indices, PyTorch's `Subset`.
///
/// ```swift
/// let firstHundred = Subset(dataset, indices: Array(0..<100))
/// ```
public struct Subset<Base: Dataset>: Dataset {
    /// The whole dataset.
    public let dataset: Base
    /// The indices into `dataset`, in the subset's order.
    public let indices: [Int]

    /// The samples of `dataset` at `indices`.
    public init(_ dataset: Base, indices: [Int]) {
        self.dataset = dataset
        self.indices = indices
    }

    /// The number of indices.
    public var count: Int { indices.count }

    /// Sample `dataset[indices[index]]`.
    public subscript(index: Int) -> Base.Element { dataset[indices[index]] }
}

extension Subset: BatchGatheringDataset where Base: BatchGatheringDataset {
    /// The batch of the base dataset at the mapped indices.
    public func gather(_ batch: [Int]) -> Base.Element {
        dataset.gather(batch.map { indices[$0] })
    }
}

/// Splits a dataset at random into subsets of the given sizes, PyTorch's
/// `torch.utils.data.random_split`.
///
/// The indices come from `randperm(count, generator:)` (the global generator
/// when none is given), split in order, so a seeded split equals PyTorch's.
///
/// ```swift
/// let parts = Torch.randomSplit(dataset, lengths: [800, 200], generator: Generator(seed: 42))
/// ```
public func randomSplit<D: Dataset>(_ dataset: D, lengths: [Int], generator: Generator? = nil,
                                    file: StaticString = #fileID, line: UInt = #line) -> [Subset<D>] {
    let total = lengths.reduce(0, +)
    torchCheck(total == dataset.count, "Sum of input lengths does not equal the length of the input dataset!",
               file: file, line: line)
    let order = randperm(total, generator: generator, file: file, line: line).toArray(as: Int.self)
    var subsets: [Subset<D>] = []
    var offset = 0
    for length in lengths {
        subsets.append(Subset(dataset, indices: Array(order[offset..<(offset + length)])))
        offset += length
    }
    return subsets
}

/// Splits a dataset at random by fractions summing to 1, PyTorch's `random_split`
/// with fractional lengths.
///
/// Each split gets `floor(count * fraction)` samples; the remainder is dealt
/// one by one to the splits in order, as PyTorch does. Fractions that do not
/// sum to 1 are treated as counts (and so must sum to the dataset's size).
public func randomSplit<D: Dataset>(_ dataset: D, lengths: [Double], generator: Generator? = nil,
                                    file: StaticString = #fileID, line: UInt = #line) -> [Subset<D>] {
    let sum = lengths.reduce(0, +)
    // math.isclose(sum, 1) with its default relative tolerance 1e-9.
    guard abs(sum - 1) <= 1e-9 * max(abs(sum), 1), sum <= 1 else {
        torchCheck(lengths.allSatisfy { $0 == $0.rounded() } && sum == Double(dataset.count),
                   "Sum of input lengths does not equal the length of the input dataset!", file: file, line: line)
        return randomSplit(dataset, lengths: lengths.map { Int($0) }, generator: generator, file: file, line: line)
    }
    var counts: [Int] = []
    for (i, fraction) in lengths.enumerated() {
        torchCheck(fraction >= 0 && fraction <= 1, "Fraction at index \(i) is not between 0 and 1", file: file, line: line)
        counts.append(Int((Double(dataset.count) * fraction).rounded(.down)))
    }
    let remainder = dataset.count - counts.reduce(0, +)
    for i in 0..<max(remainder, 0) { counts[i % counts.count] += 1 }
    return randomSplit(dataset, lengths: counts, generator: generator, file: file, line: line)
}
