/// Samplers: the order in which a `DataLoader` visits a dataset, PyTorch's
/// `torch.utils.data.Sampler` family.
///
/// Random samplers draw exactly as PyTorch's do, so a seeded Swift loader
/// visits the same indices as the seeded PyTorch loader.

/// A sequence of dataset indices (or of index batches) with a known length,
/// PyTorch's `Sampler` (`__iter__` is `makeIterator`, `__len__` is `count`).
public protocol Sampler<Element>: Sequence {
    /// The number of elements one pass yields.
    var count: Int { get }
}

/// Draws one int64 seed the way PyTorch's data code does:
/// `torch.empty((), dtype=torch.int64).random_(generator=g).item()`.
func drawSeed(_ generator: Torch.Generator?) -> Int64 {
    empty([], dtype: .int64).random_(generator: generator).item(as: Int64.self)
}

/// A sampler that produces a whole pass's order at once, so batches are
/// slices of one array rather than one existential `next()` per index.
protocol WholePassSampler {
    func indexOrder() -> [Int]
}

/// Visits 0, 1, ..., count - 1, PyTorch's `SequentialSampler`.
public struct SequentialSampler: Sampler, WholePassSampler {
    /// The number of indices.
    public let count: Int

    /// Visits every index of `dataset` in order.
    public init(_ dataset: some Dataset) { count = dataset.count }

    /// Visits 0 ..< count.
    public init(count: Int) { self.count = count }

    /// Iterates 0 ..< count.
    public func makeIterator() -> Range<Int>.Iterator { (0..<count).makeIterator() }

    func indexOrder() -> [Int] { Array(0..<count) }
}

/// Visits indices in random order, PyTorch's `RandomSampler`.
///
/// Without replacement: a fresh `randperm` per pass over the data (the last
/// one cut to size). With replacement: `randint(0, count)` drawn 32 at a time.
/// Without a generator each pass seeds a private generator from one int64 draw
/// of the global one, as PyTorch does, so `Torch.manualSeed(s)` fixes the order.
public struct RandomSampler: Sampler, WholePassSampler {
    /// The size of the dataset sampled from.
    public let datasetCount: Int
    /// Whether indices may repeat.
    public let replacement: Bool
    /// The number of indices per pass, PyTorch's `num_samples`.
    public let count: Int
    /// The generator drawn from (nil: seed a new one from the global generator per pass).
    public let generator: Torch.Generator?

    /// Samples `numSamples` (default: all) indices of `dataset`.
    public init(_ dataset: some Dataset, replacement: Bool = false, numSamples: Int? = nil,
                generator: Torch.Generator? = nil, file: StaticString = #fileID, line: UInt = #line) {
        self.init(count: dataset.count, replacement: replacement, numSamples: numSamples,
                  generator: generator, file: file, line: line)
    }

    /// Samples `numSamples` (default: all) indices of 0 ..< count.
    public init(count: Int, replacement: Bool = false, numSamples: Int? = nil,
                generator: Torch.Generator? = nil, file: StaticString = #fileID, line: UInt = #line) {
        let n = numSamples ?? count
        torchCheck(n > 0, "num_samples should be a positive integer value, but got num_samples=\(n)",
                   file: file, line: line)
        datasetCount = count
        self.replacement = replacement
        self.count = n
        self.generator = generator
    }

    /// Draws one pass's order (on every call, as PyTorch's `iter(sampler)` does).
    public func makeIterator() -> IndexingIterator<[Int]> { indexOrder().makeIterator() }

    func indexOrder() -> [Int] {
        let g = generator ?? Torch.Generator(seed: drawSeed(nil))
        let n = datasetCount
        var order: [Int] = []
        order.reserveCapacity(count)
        if replacement {
            for _ in 0..<(count / 32) {
                order += randint(n, [32], generator: g).toArray(as: Int.self)
            }
            order += randint(n, [count % 32], generator: g).toArray(as: Int.self)
        } else {
            for _ in 0..<(count / n) {
                order += randperm(n, generator: g).toArray(as: Int.self)
            }
            order += randperm(n, generator: g).toArray(as: Int.self).prefix(count % n)
        }
        return order
    }
}

/// Visits the given indices in random order, PyTorch's `SubsetRandomSampler`.
public struct SubsetRandomSampler: Sampler, WholePassSampler {
    /// The indices visited.
    public let indices: [Int]
    /// The generator drawn from (nil: the global generator).
    public let generator: Torch.Generator?

    /// Visits a random permutation of `indices` each pass.
    public init(_ indices: [Int], generator: Torch.Generator? = nil) {
        self.indices = indices
        self.generator = generator
    }

    /// The number of indices.
    public var count: Int { indices.count }

    /// Draws one pass's order.
    public func makeIterator() -> IndexingIterator<[Int]> { indexOrder().makeIterator() }

    func indexOrder() -> [Int] {
        randperm(indices.count, generator: generator).toArray(as: Int.self).map { indices[$0] }
    }
}

/// Draws indices with probability proportional to `weights`, PyTorch's
/// `WeightedRandomSampler` (one `multinomial` call per pass, weights in float64).
public struct WeightedRandomSampler: Sampler, WholePassSampler {
    /// The weights, one per index (need not sum to 1).
    public let weights: [Double]
    /// The number of indices per pass.
    public let count: Int
    /// Whether indices may repeat.
    public let replacement: Bool
    /// The generator drawn from (nil: the global generator).
    public let generator: Torch.Generator?

    /// Samples `numSamples` indices of 0 ..< weights.count.
    public init(_ weights: [Double], numSamples: Int, replacement: Bool = true, generator: Torch.Generator? = nil,
                file: StaticString = #fileID, line: UInt = #line) {
        torchCheck(numSamples > 0, "num_samples should be a positive integer value, but got num_samples=\(numSamples)",
                   file: file, line: line)
        self.weights = weights
        self.count = numSamples
        self.replacement = replacement
        self.generator = generator
    }

    /// Draws one pass's indices.
    public func makeIterator() -> IndexingIterator<[Int]> { indexOrder().makeIterator() }

    func indexOrder() -> [Int] {
        multinomial(Tensor.fromArray(weights), numSamples: count, replacement: replacement, generator: generator)
            .toArray(as: Int.self)
    }
}

/// Groups the indices of another sampler into batches, PyTorch's `BatchSampler`.
///
/// ```swift
/// Array(BatchSampler(SequentialSampler(count: 10), batchSize: 3, dropLast: false))
/// // [[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]]
/// ```
public struct BatchSampler: Sampler {
    /// The sampler of single indices.
    public let sampler: any Sampler<Int>
    /// The number of indices per batch.
    public let batchSize: Int
    /// Whether a last, short batch is dropped.
    public let dropLast: Bool

    /// Batches of `batchSize` indices from `sampler`.
    public init(_ sampler: any Sampler<Int>, batchSize: Int, dropLast: Bool,
                file: StaticString = #fileID, line: UInt = #line) {
        torchCheck(batchSize > 0, "batch_size should be a positive integer value, but got batch_size=\(batchSize)",
                   file: file, line: line)
        self.sampler = sampler
        self.batchSize = batchSize
        self.dropLast = dropLast
    }

    /// The number of batches, PyTorch's `len(batch_sampler)`.
    public var count: Int {
        dropLast ? sampler.count / batchSize : (sampler.count + batchSize - 1) / batchSize
    }

    /// Starts a pass: the underlying sampler's order, cut into batches.
    public func makeIterator() -> Iterator {
        if let whole = sampler as? any WholePassSampler {
            return Iterator(source: .order(whole.indexOrder(), 0), batchSize: batchSize, dropLast: dropLast)
        }
        return Iterator(source: .stream(sampler.makeIterator()), batchSize: batchSize, dropLast: dropLast)
    }

    /// Cuts the underlying index stream into batches.
    public struct Iterator: IteratorProtocol {
        enum Source {
            case order([Int], Int)
            case stream(any IteratorProtocol<Int>)
        }
        var source: Source
        let batchSize: Int
        let dropLast: Bool

        /// The next batch of indices, or nil at the end of the pass.
        public mutating func next() -> [Int]? {
            guard case .stream(var indices) = source else {
                guard case .order(let order, let start) = source else { return nil }
                let end = Swift.min(start + batchSize, order.count)
                if start >= end || (dropLast && end - start < batchSize) { return nil }
                source = .order(order, end)
                return Array(order[start..<end])
            }
            defer { source = .stream(indices) }
            var batch: [Int] = []
            batch.reserveCapacity(batchSize)
            while batch.count < batchSize, let i = indices.next() { batch.append(i) }
            if batch.isEmpty || (dropLast && batch.count < batchSize) { return nil }
            return batch
        }
    }
}
