import Foundation
import Testing
import Torch

/// Programmer errors stop with PyTorch's message.
@Suite struct DataErrorTests {
    @Test func batchSizeZeroStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = DataLoader(TensorDataset(Torch.zeros([4])), batchSize: 0)
        }
        #expect(stderrText(result).contains("batch_size should be a positive integer value, but got batch_size=0"))
    }

    @Test func shuffleWithASamplerStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let dataset = TensorDataset(Torch.zeros([4]))
            _ = DataLoader(dataset, shuffle: true, sampler: SequentialSampler(dataset))
        }
        #expect(stderrText(result).contains("sampler option is mutually exclusive with shuffle"))
    }

    @Test func batchSamplerWithBatchSizeStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let batches = BatchSampler(SequentialSampler(count: 4), batchSize: 2, dropLast: false)
            _ = DataLoader(TensorDataset(Torch.zeros([4])), batchSize: 2, batchSampler: batches)
        }
        #expect(stderrText(result).contains("batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, and drop_last"))
    }

    @Test func tensorDatasetSizeMismatchStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = TensorDataset(Torch.zeros([4, 2]), Torch.zeros([5]))
        }
        #expect(stderrText(result).contains("Size mismatch between tensors"))
    }

    @Test func randomSplitLengthsNotSummingStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.randomSplit(TensorDataset(Torch.zeros([10])), lengths: [3, 6])
        }
        #expect(stderrText(result).contains("Sum of input lengths does not equal the length of the input dataset!"))
    }

    @Test func randomSplitFractionsNotSummingToOneStop() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.randomSplit(TensorDataset(Torch.zeros([10])), lengths: [0.3, 0.3])
        }
        #expect(stderrText(result).contains("Sum of input lengths does not equal the length of the input dataset!"))
    }

    @Test func negativeWorkerCountStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = DataLoader(TensorDataset(Torch.zeros([4])), numWorkers: -1)
        }
        #expect(stderrText(result).contains("num_workers option should be non-negative; use num_workers=0 to disable multiprocessing."))
    }

    @Test func randomSamplerOverAnEmptyDatasetStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = RandomSampler(count: 0)
        }
        #expect(stderrText(result).contains("num_samples should be a positive integer value, but got num_samples=0"))
    }

    @Test func gatherOfAnIndexOutOfRangeStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = TensorDataset(Torch.zeros([4, 2])).gather([1, 4])
        }
        #expect(stderrText(result).contains("index 4 is out of bounds for dimension 0 with size 4"))
    }

    @Test func listSamplesOfUnequalLengthStop() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = defaultCollate([[1, 2], [3]])
        }
        #expect(stderrText(result).contains("each element in list of batch should be of equal size"))
    }

    @Test func weightedSamplerWithoutSamplesStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = WeightedRandomSampler([1, 2], numSamples: 0)
        }
        #expect(stderrText(result).contains("num_samples should be a positive integer value, but got num_samples=0"))
    }
}
