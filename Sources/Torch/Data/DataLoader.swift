/// Batches from a dataset, PyTorch's `torch.utils.data.DataLoader`.
///
/// A loader is a Swift `Sequence` of batches; each `for` loop is one epoch
/// (and, with `shuffle: true`, a fresh order):
///
/// ```swift
/// let dataset = TensorDataset(features, labels)
/// let dataIter = DataLoader(dataset, batchSize: 10, shuffle: true)
/// for (X, y) in dataIter { ... }          // X: [10, 2], y: [10, 1]
/// print(dataIter.count)                   // number of batches, PyTorch's len(loader)
/// ```
///
/// The batch type follows from the samples (see `Collatable`): tensor samples
/// stack into a tensor, tuples of collatable fields collate field by field,
/// and `collate:` takes any custom rule. A `TensorDataset` (or a `Subset` of
/// one) without a custom collate is read with one `indexSelect` per tensor per
/// batch.
///
/// Random draws match PyTorch's: every epoch first draws one int64 from
/// `generator` (or the global generator), PyTorch's worker base seed, then
/// the shuffling sampler draws its order, so `Torch.manualSeed(s)` or a seeded
/// `generator:` gives PyTorch's batches.
///
/// `numWorkers > 0` computes batches on that many background threads, at most
/// `prefetchFactor * numWorkers` ahead, delivered in the same order as with
/// no workers; leaving the loop early stops the threads.
public struct DataLoader<Batch: Sendable>: Sequence {
    /// Samples per batch (nil when a `batchSampler` decides).
    public let batchSize: Int?
    /// Whether the last, short batch is dropped.
    public let dropLast: Bool
    /// Background threads computing batches (0: the iterating thread).
    public let numWorkers: Int
    /// Batches prefetched per worker.
    public let prefetchFactor: Int
    /// The generator for shuffling and the per-epoch seed draw (nil: global).
    public let generator: Torch.Generator?
    /// The sampler of single indices (nil for an iterable dataset or a custom batch sampler).
    public let sampler: (any Sampler<Int>)?
    /// The sampler of index batches (nil for an iterable dataset).
    public let batchSampler: (any Sampler<[Int]>)?
    /// PyTorch's `pin_memory`: accepted and kept; with only host memory there
    /// is nothing to pin, so it changes nothing until a GPU backend gives it meaning.
    public private(set) var pinMemory = false

    private let source: Any
    private let batchCount: () -> Int
    private let makeWork: () -> AnyIterator<@Sendable () -> Batch>

    /// The map-style dataset, PyTorch's `loader.dataset` (`loader.dataset.count` is `len(loader.dataset)`).
    public var dataset: any Dataset {
        guard let d = source as? any Dataset else {
            torchFail("this DataLoader reads an IterableDataset: use iterableDataset", file: #fileID, line: #line)
        }
        return d
    }

    /// The iterable dataset, when the loader reads one.
    public var iterableDataset: (any IterableDataset)? { source as? any IterableDataset }

    /// The number of batches per epoch, PyTorch's `len(loader)`.
    public var count: Int { batchCount() }

    /// A loader over a map-style dataset with a custom collate, PyTorch's `collate_fn`.
    ///
    /// - Parameters:
    ///   - batchSize: samples per batch (positive).
    ///   - shuffle: a new random order each epoch (exclusive with `sampler`).
    ///   - sampler: the order of single indices.
    ///   - batchSampler: the index batches themselves (exclusive with
    ///     `batchSize`, `shuffle`, `sampler` and `dropLast`).
    ///   - numWorkers: background threads (0: none).
    ///   - collate: turns the list of samples of a batch into the batch.
    ///   - dropLast: drop the last batch when it is short.
    ///   - generator: the generator for shuffling.
    ///   - prefetchFactor: batches in flight per worker.
    public init<D: Dataset>(_ dataset: D, batchSize: Int = 1, shuffle: Bool = false,
                            sampler: (any Sampler<Int>)? = nil, batchSampler: (any Sampler<[Int]>)? = nil,
                            numWorkers: Int = 0, collate: @escaping @Sendable ([D.Element]) -> Batch,
                            pinMemory: Bool = false, dropLast: Bool = false, generator: Torch.Generator? = nil, prefetchFactor: Int = 2,
                            file: StaticString = #fileID, line: UInt = #line) {
        self.init(dataset, batchSize: batchSize, shuffle: shuffle, sampler: sampler, batchSampler: batchSampler,
                  numWorkers: numWorkers, fetch: { indices in collate(indices.map { dataset[$0] }) },
                  dropLast: dropLast, generator: generator, prefetchFactor: prefetchFactor, file: file, line: line)
        self.pinMemory = pinMemory
    }

    /// A loader over a map-style dataset of collatable samples (tensors,
    /// numbers, strings, arrays, dictionaries), collated by `Collatable`.
    public init<D: Dataset>(_ dataset: D, batchSize: Int = 1, shuffle: Bool = false,
                            sampler: (any Sampler<Int>)? = nil, batchSampler: (any Sampler<[Int]>)? = nil,
                            numWorkers: Int = 0, pinMemory: Bool = false, dropLast: Bool = false, generator: Torch.Generator? = nil,
                            prefetchFactor: Int = 2, file: StaticString = #fileID, line: UInt = #line)
    where D.Element: Collatable, Batch == D.Element.Batch {
        self.init(dataset, batchSize: batchSize, shuffle: shuffle, sampler: sampler, batchSampler: batchSampler,
                  numWorkers: numWorkers,
                  fetch: DataLoader.gatherer(dataset) ?? { indices in D.Element.collate(indices.map { dataset[$0] }) },
                  dropLast: dropLast, generator: generator, prefetchFactor: prefetchFactor, file: file, line: line)
        self.pinMemory = pinMemory
    }

    /// A loader over a map-style dataset of pairs, collated field by field:
    /// `TensorDataset(x, y)` gives `(Tensor, Tensor)` batches.
    public init<D: Dataset, A: Collatable, B: Collatable>(
        _ dataset: D, batchSize: Int = 1, shuffle: Bool = false,
        sampler: (any Sampler<Int>)? = nil, batchSampler: (any Sampler<[Int]>)? = nil,
        numWorkers: Int = 0, pinMemory: Bool = false, dropLast: Bool = false, generator: Torch.Generator? = nil,
        prefetchFactor: Int = 2, file: StaticString = #fileID, line: UInt = #line)
    where D.Element == (A, B), Batch == (A.Batch, B.Batch) {
        self.init(dataset, batchSize: batchSize, shuffle: shuffle, sampler: sampler, batchSampler: batchSampler,
                  numWorkers: numWorkers,
                  fetch: DataLoader.gatherer(dataset) ?? { indices in defaultCollate(indices.map { dataset[$0] }) },
                  dropLast: dropLast, generator: generator, prefetchFactor: prefetchFactor, file: file, line: line)
        self.pinMemory = pinMemory
    }

    /// A loader over a map-style dataset of triples, collated field by field.
    public init<D: Dataset, A: Collatable, B: Collatable, C: Collatable>(
        _ dataset: D, batchSize: Int = 1, shuffle: Bool = false,
        sampler: (any Sampler<Int>)? = nil, batchSampler: (any Sampler<[Int]>)? = nil,
        numWorkers: Int = 0, pinMemory: Bool = false, dropLast: Bool = false, generator: Torch.Generator? = nil,
        prefetchFactor: Int = 2, file: StaticString = #fileID, line: UInt = #line)
    where D.Element == (A, B, C), Batch == (A.Batch, B.Batch, C.Batch) {
        self.init(dataset, batchSize: batchSize, shuffle: shuffle, sampler: sampler, batchSampler: batchSampler,
                  numWorkers: numWorkers,
                  fetch: DataLoader.gatherer(dataset) ?? { indices in defaultCollate(indices.map { dataset[$0] }) },
                  dropLast: dropLast, generator: generator, prefetchFactor: prefetchFactor, file: file, line: line)
        self.pinMemory = pinMemory
    }

    /// A loader over a map-style dataset of quadruples, collated field by field.
    public init<D: Dataset, A: Collatable, B: Collatable, C: Collatable, E: Collatable>(
        _ dataset: D, batchSize: Int = 1, shuffle: Bool = false,
        sampler: (any Sampler<Int>)? = nil, batchSampler: (any Sampler<[Int]>)? = nil,
        numWorkers: Int = 0, pinMemory: Bool = false, dropLast: Bool = false, generator: Torch.Generator? = nil,
        prefetchFactor: Int = 2, file: StaticString = #fileID, line: UInt = #line)
    where D.Element == (A, B, C, E), Batch == (A.Batch, B.Batch, C.Batch, E.Batch) {
        self.init(dataset, batchSize: batchSize, shuffle: shuffle, sampler: sampler, batchSampler: batchSampler,
                  numWorkers: numWorkers,
                  fetch: DataLoader.gatherer(dataset) ?? { indices in defaultCollate(indices.map { dataset[$0] }) },
                  dropLast: dropLast, generator: generator, prefetchFactor: prefetchFactor, file: file, line: line)
        self.pinMemory = pinMemory
    }

    /// The one-step batch reader of a gathering dataset whose batches have the loader's batch type.
    private static func gatherer<D: Dataset>(_ dataset: D) -> (@Sendable ([Int]) -> Batch)? {
        guard let gathering = dataset as? any BatchGatheringDataset else { return nil }
        return typedGatherer(gathering)
    }

    /// `gather` as a function returning `Batch`, when the dataset's batches have that type;
    /// the cast happens once here, not once per batch.
    private static func typedGatherer<G: BatchGatheringDataset>(_ dataset: G) -> (@Sendable ([Int]) -> Batch)? {
        let gather: @Sendable ([Int]) -> G.Element = { indices in dataset.gather(indices) }
        return gather as? @Sendable ([Int]) -> Batch
    }

    /// The shared map-style initialiser: PyTorch's argument checks, then the samplers.
    private init<D: Dataset>(_ dataset: D, batchSize: Int, shuffle: Bool, sampler: (any Sampler<Int>)?,
                             batchSampler: (any Sampler<[Int]>)?, numWorkers: Int,
                             fetch: @escaping @Sendable ([Int]) -> Batch, dropLast: Bool,
                             generator: Torch.Generator?, prefetchFactor: Int, file: StaticString, line: UInt) {
        torchCheck(numWorkers >= 0, "num_workers option should be non-negative; use num_workers=0 to disable multiprocessing.",
                   file: file, line: line)
        torchCheck(prefetchFactor >= 0, "prefetch_factor option should be non-negative", file: file, line: line)
        torchCheck(sampler == nil || !shuffle, "sampler option is mutually exclusive with shuffle", file: file, line: line)
        let batches: any Sampler<[Int]>
        if let batchSampler {
            torchCheck(batchSize == 1 && !shuffle && sampler == nil && !dropLast,
                       "batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, and drop_last",
                       file: file, line: line)
            self.sampler = nil
            self.batchSize = nil
            self.dropLast = false
            batches = batchSampler
        } else {
            let single: any Sampler<Int> = sampler ?? (shuffle
                ? RandomSampler(dataset, generator: generator, file: file, line: line)
                : SequentialSampler(dataset))
            batches = BatchSampler(single, batchSize: batchSize, dropLast: dropLast, file: file, line: line)
            self.sampler = single
            self.batchSize = batchSize
            self.dropLast = dropLast
        }
        self.batchSampler = batches
        self.numWorkers = numWorkers
        self.prefetchFactor = prefetchFactor
        self.generator = generator
        self.source = dataset
        batchCount = { batches.count }
        makeWork = {
            var indexBatches = batches.makeIterator()
            return AnyIterator {
                guard let indices = indexBatches.next() else { return nil }
                return { fetch(indices) }
            }
        }
    }

    /// A loader over an iterable dataset of collatable samples: consecutive
    /// samples are grouped into batches of `batchSize`.
    ///
    /// With workers, the iterating thread reads the samples and the workers
    /// collate them (PyTorch instead runs a copy of the dataset in every
    /// worker, which repeats the data unless the dataset shards itself).
    public init<D: IterableDataset>(_ dataset: D, batchSize: Int = 1, numWorkers: Int = 0, pinMemory: Bool = false, dropLast: Bool = false,
                                    generator: Torch.Generator? = nil, prefetchFactor: Int = 2,
                                    file: StaticString = #fileID, line: UInt = #line)
    where D.Element: Collatable & Sendable, Batch == D.Element.Batch {
        self.init(iterable: dataset, batchSize: batchSize, numWorkers: numWorkers, collate: D.Element.collate,
                  dropLast: dropLast, generator: generator, prefetchFactor: prefetchFactor, file: file, line: line)
        self.pinMemory = pinMemory
    }

    /// A loader over an iterable dataset with a custom collate.
    public init<D: IterableDataset>(_ dataset: D, batchSize: Int = 1, numWorkers: Int = 0,
                                    collate: @escaping @Sendable ([D.Element]) -> Batch, pinMemory: Bool = false, dropLast: Bool = false,
                                    generator: Torch.Generator? = nil, prefetchFactor: Int = 2,
                                    file: StaticString = #fileID, line: UInt = #line)
    where D.Element: Sendable {
        self.init(iterable: dataset, batchSize: batchSize, numWorkers: numWorkers, collate: collate,
                  dropLast: dropLast, generator: generator, prefetchFactor: prefetchFactor, file: file, line: line)
        self.pinMemory = pinMemory
    }

    private init<D: IterableDataset>(iterable dataset: D, batchSize: Int, numWorkers: Int,
                                     collate: @escaping @Sendable ([D.Element]) -> Batch, dropLast: Bool,
                                     generator: Torch.Generator?, prefetchFactor: Int, file: StaticString, line: UInt)
    where D.Element: Sendable {
        torchCheck(numWorkers >= 0, "num_workers option should be non-negative; use num_workers=0 to disable multiprocessing.",
                   file: file, line: line)
        torchCheck(batchSize > 0, "batch_size should be a positive integer value, but got batch_size=\(batchSize)",
                   file: file, line: line)
        self.batchSize = batchSize
        self.dropLast = dropLast
        self.numWorkers = numWorkers
        self.prefetchFactor = prefetchFactor
        self.generator = generator
        self.sampler = nil
        self.batchSampler = nil
        self.source = dataset
        batchCount = {
            guard let samples = dataset as? any Collection else {
                torchFail("object of type '\(D.self)' has no len()", file: #fileID, line: #line)
            }
            return dropLast ? samples.count / batchSize : (samples.count + batchSize - 1) / batchSize
        }
        makeWork = {
            var samples = dataset.makeIterator()
            return AnyIterator {
                var batch: [D.Element] = []
                batch.reserveCapacity(batchSize)
                while batch.count < batchSize, let s = samples.next() { batch.append(s) }
                if batch.isEmpty || (dropLast && batch.count < batchSize) { return nil }
                let group = batch
                return { collate(group) }
            }
        }
    }

    /// Starts an epoch: PyTorch's base-seed draw, then the sampler's order.
    public func makeIterator() -> Iterator {
        _ = drawSeed(generator)
        let work = makeWork()
        if numWorkers > 0 {
            return Iterator(work: work, prefetcher: BatchPrefetcher(workers: numWorkers, limit: prefetchFactor * numWorkers,
                                                                    work: work))
        }
        return Iterator(work: work, prefetcher: nil)
    }

    /// One epoch's batches. With workers it owns the threads: dropping it
    /// (the loop ends or breaks) stops them and waits for them to exit.
    public struct Iterator: IteratorProtocol {
        let work: AnyIterator<@Sendable () -> Batch>
        let prefetcher: BatchPrefetcher<Batch>?

        /// The next batch, or nil at the end of the epoch.
        public mutating func next() -> Batch? {
            if let prefetcher { return prefetcher.next() }
            return work.next().map { $0() }
        }
    }
}
