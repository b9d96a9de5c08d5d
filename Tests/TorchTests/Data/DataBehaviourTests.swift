import Foundation
import Testing
import Torch

/// A dataset of plain Swift values, read sample by sample.
struct NumberPairs: Dataset {
    let count: Int
    subscript(index: Int) -> (Int, Double) { (index, Double(index) / 4) }
}

/// An iterable dataset of the integers below `end`.
struct CountUp: IterableDataset {
    let end: Int
    func makeIterator() -> Range<Int>.Iterator { (0..<end).makeIterator() }
}

/// A dataset that records which thread read each sample.
final class SlowSquares: Dataset, @unchecked Sendable {
    let count: Int
    init(count: Int) { self.count = count }
    subscript(index: Int) -> Tensor {
        if index % 3 == 0 { usleep(2000) }   // uneven work, so workers finish out of order
        return Tensor.fromArray([Double(index * index)])
    }
}

/// DataLoader, dataset and collate behaviour that needs no PyTorch fixture.
@Suite struct DataBehaviourTests {
    @Test func tensorDatasetSamplesAreRowsAndBatchesAreBlocksOfRows() {
        let x = Torch.arange(12).view([6, 2]).to(.float32)
        let y = Torch.arange(6)
        let dataset = TensorDataset(x, y)
        #expect(dataset.count == 6)
        let (row, label) = dataset[4]
        #expect(row.toArray(as: Double.self) == [8, 9])
        #expect(label.item() == 4)
        let (xs, ys) = dataset.gather([5, 0, 2])
        #expect(xs.shape == [3, 2])
        #expect(xs.toArray(as: Double.self) == [10, 11, 0, 1, 4, 5])
        #expect(ys.toArray(as: Int.self) == [5, 0, 2])
    }

    @Test func gatheredBatchesEqualStackedSamples() {
        let dataset = TensorDataset(Torch.randn([9, 3], generator: Generator(seed: 1)), Torch.arange(9))
        let viaGather = DataLoader(dataset, batchSize: 4)
        let viaCollate = DataLoader(dataset, batchSize: 4, collate: { samples in defaultCollate(samples) })
        for ((x1, y1), (x2, y2)) in zip(viaGather, viaCollate) {
            #expect(x1.toArray(as: Double.self) == x2.toArray(as: Double.self))
            #expect(x1.shape == x2.shape && y1.shape == y2.shape)
            #expect(y1.toArray(as: Int.self) == y2.toArray(as: Int.self))
        }
    }

    @Test func singleAndManyTensorDatasetsYieldTensorAndArrayBatches() {
        let one = DataLoader(TensorDataset(Torch.arange(5)), batchSize: 2)
        #expect(one.map { $0.toArray(as: Int.self) } == [[0, 1], [2, 3], [4]])
        let many = DataLoader(TensorDataset([Torch.arange(4), Torch.arange(4) * 2, Torch.arange(4) * 3]), batchSize: 3)
        let batches = Array(many)
        #expect(batches.count == 2)
        #expect(batches[0].map { $0.toArray(as: Int.self) } == [[0, 1, 2], [0, 2, 4], [0, 3, 6]])
        let triple = DataLoader(TensorDataset(Torch.arange(4), Torch.arange(4), Torch.arange(4)), batchSize: 4)
        for (a, b, c) in triple { #expect(a.shape == [4] && b.shape == [4] && c.shape == [4]) }
    }

    @Test func swiftNumbersCollateToInt64AndFloat64() {
        let loader = DataLoader(NumberPairs(count: 5), batchSize: 2)
        let batches = Array(loader)
        #expect(batches.count == 3 && loader.count == 3)
        #expect(batches[0].0.dtype == .int64 && batches[0].1.dtype == .float64)
        #expect(batches[2].0.toArray(as: Int.self) == [4])
        #expect(batches[1].1.toArray(as: Double.self) == [0.5, 0.75])
    }

    @Test func customCollateReceivesTheSamples() {
        let loader = DataLoader(NumberPairs(count: 6), batchSize: 4, collate: { samples in samples.map(\.0).reduce(0, +) })
        #expect(Array(loader) == [6, 9])
    }

    @Test func iterableDatasetBatchesConsecutiveSamples() {
        let loader = DataLoader(CountUp(end: 10), batchSize: 4)
        #expect(loader.map { $0.toArray(as: Int.self) } == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]])
        let dropped = DataLoader(CountUp(end: 10), batchSize: 4, dropLast: true)
        #expect(Array(dropped).count == 2)
        let threaded = DataLoader(CountUp(end: 10), batchSize: 3, numWorkers: 2)
        #expect(threaded.map { $0.toArray(as: Int.self) } == [[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]])
    }

    @Test func workersDeliverBatchesInSamplerOrder() {
        let dataset = SlowSquares(count: 40)
        let serial = DataLoader(dataset, batchSize: 3, shuffle: true, generator: Generator(seed: 5))
        let threaded = DataLoader(dataset, batchSize: 3, shuffle: true, numWorkers: 4, generator: Generator(seed: 5))
        // Three epochs each: both generators advance alike, so every epoch matches.
        for _ in 0..<3 {
            let expected = serial.map { $0.toArray(as: Double.self) }
            #expect(threaded.map { $0.toArray(as: Double.self) } == expected)
        }
    }

    @Test func workersStopWhenIterationEndsEarly() {
        let loader = DataLoader(TensorDataset(Torch.arange(1000)), batchSize: 2, numWorkers: 3)
        for _ in 0..<20 {
            var seen = 0
            for batch in loader {
                seen += batch.shape[0]
                if seen >= 10 { break }
            }
            #expect(seen == 10)
        }
        // A loop that stops before its first batch also cleans up.
        var it: DataLoader<Tensor>.Iterator? = loader.makeIterator()
        it = nil
        #expect(it == nil)
    }

    @Test func workersGiveTheSameBatchesAsTheMainThread() {
        let dataset = TensorDataset(Torch.randn([100, 3], generator: Generator(seed: 2)), Torch.arange(100))
        let a = DataLoader(dataset, batchSize: 7, shuffle: true, generator: Generator(seed: 11))
        let b = DataLoader(dataset, batchSize: 7, shuffle: true, numWorkers: 2, generator: Generator(seed: 11))
        let left = labelEpochs(a, epochs: 2)
        let right = labelEpochs(b, epochs: 2)
        #expect(left == right)
    }

    @Test func eachEpochReshuffles() {
        let loader = DataLoader(indexDataset(50), batchSize: 50, shuffle: true, generator: Generator(seed: 0))
        let epochs = labelEpochs(loader, epochs: 2)
        #expect(epochs[0] != epochs[1])
        #expect(epochs[0][0].sorted() == Array(0..<50))
    }

    @Test func loaderExposesItsDatasetAndSamplers() {
        let loader = DataLoader(indexDataset(30), batchSize: 8, shuffle: true)
        #expect(loader.dataset.count == 30)
        #expect(loader.count == 4)
        #expect(loader.sampler is RandomSampler)
        #expect(loader.batchSize == 8)
        let plain = DataLoader(indexDataset(30), batchSize: 8)
        #expect(plain.sampler is SequentialSampler)
    }

    @Test func arraysOfSamplesCollatePositionByPosition() {
        let batch = defaultCollate([[1, 2], [3, 4], [5, 6]])
        #expect(batch.map { $0.toArray(as: Int.self) } == [[1, 3, 5], [2, 4, 6]])
        let strings = defaultCollate(["a", "b"])
        #expect(strings == ["a", "b"])
        let pairs = defaultCollate([(Torch.zeros([2]), 1), (Torch.ones([2]), 2)])
        #expect(pairs.0.shape == [2, 2] && pairs.1.toArray(as: Int.self) == [1, 2])
    }

    @Test func subsetReadsTheChosenSamples() {
        let subset = Subset(indexDataset(10), indices: [7, 2, 9])
        #expect(subset.count == 3)
        #expect(subset[1].1.item() == 2)
        #expect(subset.gather([0, 2]).1.toArray(as: Int.self) == [7, 9])
    }

    @Test func concatDatasetIndexesAcrossPartsAndFromTheEnd() {
        let both = ConcatDataset<(Tensor, Tensor)>([indexDataset(4), indexDataset(3)])
        #expect(both.cumulativeSizes == [4, 7])
        #expect(both[5].1.item() == 1)
        #expect(both[-1].1.item() == 2)
    }

    @Test func batchSamplerCountsFollowDropLast() {
        let keep = BatchSampler(SequentialSampler(count: 10), batchSize: 3, dropLast: false)
        let drop = BatchSampler(SequentialSampler(count: 10), batchSize: 3, dropLast: true)
        #expect(Array(keep) == [[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]])
        #expect(Array(drop) == [[0, 1, 2], [3, 4, 5], [6, 7, 8]])
        #expect(keep.count == 4 && drop.count == 3)
    }

    @Test func gatherOfStridedAndGradTensorsEqualsStackedRows() {
        let base = Torch.arange(12).view([3, 4]).to(.float64)
        let strided = TensorDataset(base.t())            // 4 rows of 3, not contiguous
        #expect(strided.gather([3, 1]).toArray(as: Double.self) == [3, 7, 11, 1, 5, 9])
        let w = Torch.ones([5, 2], dtype: .float64).requiresGrad_()
        let batch = TensorDataset(w).gather([4, 4, 0])
        batch.sum().backward()
        #expect(w.grad!.toArray(as: Double.self) == [1, 1, 0, 0, 0, 0, 0, 0, 2, 2])
    }

    @Test func iterableLoaderCountFollowsACollectionDataset() {
        struct Letters: IterableDataset, Collection {
            let letters = ["a", "b", "c", "d", "e"]
            var startIndex: Int { 0 }
            var endIndex: Int { letters.count }
            func index(after i: Int) -> Int { i + 1 }
            subscript(i: Int) -> String { letters[i] }
        }
        let loader = DataLoader(Letters(), batchSize: 2)
        #expect(loader.count == 3)
        #expect(Array(loader) == [["a", "b"], ["c", "d"], ["e"]])
        #expect(DataLoader(Letters(), batchSize: 2, dropLast: true).count == 2)
    }

    @Test func dictionarySamplesCollateThroughTheLoader() {
        struct Records: Dataset {
            var count: Int { 5 }
            subscript(index: Int) -> [String: Double] { ["x": Double(index), "y": Double(index) * 2] }
        }
        let batches = Array(DataLoader(Records(), batchSize: 5))
        #expect(batches.count == 1)
        #expect(batches[0]["y"]!.toArray(as: Double.self) == [0, 2, 4, 6, 8])
        #expect(batches[0]["x"]!.dtype == .float64)
    }

    @Test func rangesAreDatasetsAndArraysAreSamplers() {
        let parts = Torch.randomSplit(0..<10, lengths: [3, 7], generator: Generator(seed: 42))
        #expect(parts[0].count == 3 && parts[1].count == 7)
        #expect(parts[0][0] == parts[0].indices[0])
        let byRange = DataLoader(0..<5, batchSize: 2)
        #expect(byRange.map { $0.toArray(as: Int.self) } == [[0, 1], [2, 3], [4]])
        let bySampler = DataLoader(indexDataset(6), batchSize: 2, sampler: [5, 0, 3])
        #expect(labelEpochs(bySampler, epochs: 1) == [[[5, 0], [3]]])
        let byBatches = DataLoader(indexDataset(6), batchSampler: [[1, 2, 3], [0]])
        #expect(labelEpochs(byBatches, epochs: 1) == [[[1, 2, 3], [0]]])
        #expect(byBatches.count == 2)
    }

    @Test func linearRegressionWalkThroughConvergesThroughTheLoader() {
        // The d2l walk-through with hand-written SGD: 1000x2 data, batch 10, shuffle, 3 epochs.
        let g = Generator(seed: 0)
        let trueW = Tensor.fromArray([Float(2), -3.4], shape: [2, 1])
        let features = Torch.randn([1000, 2], generator: g)
        let labels = features.matmul(trueW) + 4.2 + Torch.randn([1000, 1], generator: g) * 0.01
        let dataIter = DataLoader(TensorDataset(features, labels), batchSize: 10, shuffle: true, generator: g)
        #expect(dataIter.count == 100)
        let w = (Torch.randn([2, 1], generator: g) * 0.01).requiresGrad_()
        let b = Torch.zeros([1]).requiresGrad_()
        for _ in 0..<3 {
            for (X, y) in dataIter {
                let d = X.matmul(w) + b - y
                (d * d).mean().backward()
                noGrad {
                    w.sub_(w.grad! * 0.03)
                    b.sub_(b.grad! * 0.03)
                    _ = w.grad!.zero_()
                    _ = b.grad!.zero_()
                }
            }
        }
        let learned = w.detach().toArray(as: Double.self)
        #expect(abs(learned[0] - 2) < 0.01 && abs(learned[1] + 3.4) < 0.01)
        #expect(abs(b.detach().item() - 4.2) < 0.01)
    }
}
