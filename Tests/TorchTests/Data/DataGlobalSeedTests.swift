import Foundation
import Testing
import Torch

/// Loaders drawing from the global generator. Each test runs in its own
/// process (an exit test), so no other test's use of the global generator
/// can move the stream between the seed and the draws.
@Suite struct DataGlobalSeedTests {
    @Test func shuffledLoaderAfterManualSeedN25() async {
        await #expect(processExitsWith: .success) {
            let c = Fixture("data")["shuffle_global_n25_b10_s0"]
            Torch.manualSeed(0)
            let loader = DataLoader(indexDataset(25), batchSize: 10, shuffle: true)
            let got = labelEpochs(loader, epochs: 2)
            guard got == c.extra["epochs"] as! [[[Int]]] else { fatalError("batches \(got)") }
            let after = Torch.rand([3]).toArray(as: Double.self)
            guard after == c.output.data else { fatalError("global stream \(after)") }
        }
    }

    @Test func shuffledLoaderAfterManualSeedN1000() async {
        await #expect(processExitsWith: .success) {
            let c = Fixture("data")["shuffle_global_n1000_b10_s42"]
            Torch.manualSeed(42)
            let loader = DataLoader(indexDataset(1000), batchSize: 10, shuffle: true)
            let got = labelEpochs(loader, epochs: 2)
            guard got == c.extra["epochs"] as! [[[Int]]] else { fatalError("batches differ") }
            let after = Torch.rand([3]).toArray(as: Double.self)
            guard after == c.output.data else { fatalError("global stream \(after)") }
        }
    }

    @Test func unshuffledLoaderDrawsOneSeedPerEpoch() async {
        await #expect(processExitsWith: .success) {
            let c = Fixture("data")["sequential_global_draws"]
            Torch.manualSeed(5)
            let loader = DataLoader(indexDataset(6), batchSize: 4)
            _ = labelEpochs(loader, epochs: 2)
            let after = Torch.rand([3]).toArray(as: Double.self)
            guard after == c.output.data else { fatalError("global stream \(after)") }
        }
    }

    @Test func randomSplitWithGlobalGeneratorMatchesPyTorch() async {
        await #expect(processExitsWith: .success) {
            let c = Fixture("data")["random_split_global_s9"]
            Torch.manualSeed(9)
            let parts = Torch.randomSplit(indexDataset(12), lengths: [5, 7])
            guard parts.map(\.indices) == c.extra["indices"] as! [[Int]] else { fatalError("split differs") }
        }
    }

    @Test func randomSamplerWithGlobalGeneratorMatchesPyTorch() async {
        await #expect(processExitsWith: .success) {
            let c = Fixture("data")["random_sampler_global_s3"]
            Torch.manualSeed(3)
            let sampler = RandomSampler(count: 8)
            guard [Array(sampler), Array(sampler)] == c.extra["passes"] as! [[Int]] else { fatalError("order differs") }
        }
    }
}
