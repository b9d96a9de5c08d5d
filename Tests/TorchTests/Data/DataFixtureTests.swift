import Foundation
import Testing
import Torch

/// x[i] = [i, 100 + i] (float32), y[i] = i (int64), as in scripts/fixtures/data.py.
func indexDataset(_ n: Int) -> TensorDataset<(Tensor, Tensor)> {
    let i = Torch.arange(n)
    return TensorDataset(Torch.stack([i, i + 100], dim: 1).to(.float32), i)
}

/// The label lists of every batch of `epochs` passes over a loader.
func labelEpochs(_ loader: DataLoader<(Tensor, Tensor)>, epochs: Int) -> [[[Int]]] {
    (0..<epochs).map { _ in loader.map { _, y in y.toArray(as: Int.self) } }
}

/// Golden batches, samplers and splits from PyTorch (scripts/fixtures/data.py).
@Suite struct DataFixtureTests {
    let fixture = Fixture("data")

    func epochs(_ name: String) -> [[[Int]]] { fixture[name].extra["epochs"] as! [[[Int]]] }

    @Test func sequentialLoaderBatchesInOrder() {
        let loader = DataLoader(indexDataset(10), batchSize: 3)
        #expect(labelEpochs(loader, epochs: 1) == epochs("sequential_b3"))
        #expect(loader.count == fixture["sequential_b3"].extra["len"] as! Int)
        var it = loader.makeIterator()
        let (x, y) = it.next()!
        expectMatches(x, fixture["sequential_b3"].outputs[0])
        expectMatches(y, fixture["sequential_b3"].outputs[1])
    }

    @Test func dropLastDropsTheShortBatch() {
        let loader = DataLoader(indexDataset(10), batchSize: 3, dropLast: true)
        #expect(labelEpochs(loader, epochs: 1) == epochs("sequential_b3_droplast"))
        #expect(loader.count == 3)
    }

    @Test(arguments: ["shuffle_gen_n10_b4_s7", "shuffle_gen_n25_b10_s0", "shuffle_gen_n23_b5_s123",
                      "shuffle_gen_n1000_b10_s3"])
    func shuffledLoaderWithGeneratorMatchesPyTorch(name: String) {
        let c = fixture[name]
        let g = Generator(seed: c.extra["seed"] as! Int)
        let loader = DataLoader(indexDataset(c.extra["n"] as! Int), batchSize: c.extra["batch_size"] as! Int,
                                shuffle: true, dropLast: c.extra["drop_last"] as! Bool, generator: g)
        #expect(labelEpochs(loader, epochs: 2) == epochs(name))
        #expect(loader.count == c.extra["len"] as! Int)
        // The generator is left where PyTorch leaves it.
        expectMatches(Torch.rand([3], generator: g), c.output)
    }

    @Test(arguments: ["random_split_10_3_7_s42", "random_split_30_0.3_0.3_0.4_s42", "random_split_11_0.5_0.5_s1",
                      "random_split_10_0.34_0.33_0.33_s2", "random_split_1000_400_600_s0"])
    func randomSplitMatchesPyTorch(name: String) {
        let c = fixture[name]
        let n = c.extra["n"] as! Int
        let g = Generator(seed: c.extra["seed"] as! Int)
        let dataset = indexDataset(n)
        let parts: [Subset<TensorDataset<(Tensor, Tensor)>>]
        if let counts = c.extra["lengths"] as? [Int], counts.allSatisfy({ $0 > 1 }) {
            parts = Torch.randomSplit(dataset, lengths: counts, generator: g)
        } else {
            parts = Torch.randomSplit(dataset, lengths: (c.extra["lengths"] as! [Any]).map(Fixture.number), generator: g)
        }
        #expect(parts.map(\.indices) == c.extra["indices"] as! [[Int]])
    }

    @Test(arguments: ["random_sampler_n10_r1_k70_s4", "random_sampler_n10_r0_k25_s4",
                      "random_sampler_n7_r0_kNone_s11", "random_sampler_n5_r1_kNone_s0"])
    func randomSamplerMatchesPyTorch(name: String) {
        let c = fixture[name]
        let sampler = RandomSampler(count: c.extra["n"] as! Int, replacement: c.extra["replacement"] as! Bool,
                                    numSamples: c.extra["num_samples"] as? Int,
                                    generator: Generator(seed: c.extra["seed"] as! Int))
        #expect([Array(sampler), Array(sampler)] == c.extra["passes"] as! [[Int]])
    }

    @Test(arguments: ["weighted_sampler_k20_r1_s0", "weighted_sampler_k5_r0_s1", "weighted_sampler_k1_r1_s2"])
    func weightedSamplerMatchesPyTorch(name: String) {
        let c = fixture[name]
        let sampler = WeightedRandomSampler((c.extra["weights"] as! [Any]).map(Fixture.number),
                                            numSamples: c.extra["num_samples"] as! Int,
                                            replacement: c.extra["replacement"] as! Bool,
                                            generator: Generator(seed: c.extra["seed"] as! Int))
        #expect([Array(sampler), Array(sampler)] == c.extra["passes"] as! [[Int]])
    }

    @Test func subsetRandomSamplerMatchesPyTorch() {
        let c = fixture["subset_random_sampler_s6"]
        let sampler = SubsetRandomSampler(c.extra["indices"] as! [Int], generator: Generator(seed: 6))
        #expect([Array(sampler), Array(sampler)] == c.extra["passes"] as! [[Int]])
    }

    @Test func loaderOverRandomSplitSubsetMatchesPyTorch() {
        let parts = Torch.randomSplit(indexDataset(20), lengths: [15, 5], generator: Generator(seed: 8))
        let loader = DataLoader(parts[0], batchSize: 4, shuffle: true, generator: Generator(seed: 9))
        #expect(labelEpochs(loader, epochs: 1) == epochs("subset_loader"))
    }

    @Test func loaderOverConcatDatasetMatchesPyTorch() {
        let both = ConcatDataset<(Tensor, Tensor)>([indexDataset(4), indexDataset(3)])
        #expect(both.count == fixture["concat_loader"].extra["len"] as! Int)
        #expect(labelEpochs(DataLoader(both, batchSize: 3), epochs: 1) == epochs("concat_loader"))
    }

    @Test func loaderWithWeightedSamplerMatchesPyTorch() {
        let sampler = WeightedRandomSampler([1.0, 0.5, 2.0, 0.1, 3.0, 1.5, 0.2, 1.0], numSamples: 11,
                                            generator: Generator(seed: 12))
        let loader = DataLoader(indexDataset(8), batchSize: 4, sampler: sampler)
        #expect(labelEpochs(loader, epochs: 2) == epochs("weighted_sampler_loader"))
        #expect(loader.count == fixture["weighted_sampler_loader"].extra["len"] as! Int)
    }

    @Test func loaderWithSubsetSamplerMatchesPyTorch() {
        let sampler = SubsetRandomSampler([1, 3, 5, 7, 9, 11], generator: Generator(seed: 13))
        let loader = DataLoader(indexDataset(12), batchSize: 4, sampler: sampler, dropLast: true)
        #expect(labelEpochs(loader, epochs: 2) == epochs("subset_sampler_loader"))
        #expect(loader.count == fixture["subset_sampler_loader"].extra["len"] as! Int)
    }

    @Test func loaderWithBatchSamplerMatchesPyTorch() {
        let batches = BatchSampler(SequentialSampler(count: 7), batchSize: 3, dropLast: false)
        let loader = DataLoader(indexDataset(7), batchSampler: batches)
        #expect(labelEpochs(loader, epochs: 1) == epochs("batch_sampler_loader"))
        #expect(loader.count == fixture["batch_sampler_loader"].extra["len"] as! Int)
    }

    @Test func collateOfTuplesMakesInt64Float64AndStackedTensors() {
        let samples = (0..<4).map { i in (i, Double(i) * 0.5, Tensor.fromArray([Float(i), Float(-i)])) }
        let (a, b, c) = defaultCollate(samples)
        let expected = fixture["collate_tuple"].outputs
        expectMatches(a, expected[0])
        expectMatches(b, expected[1])
        expectMatches(c, expected[2])
    }

    @Test func collateOfDictionariesCollatesKeyByKey() {
        let samples: [[String: [Double]]] = (0..<3).map { i in ["a": [Double(i)], "b": [Double(i), Double(2 * i)]] }
        let batch = defaultCollate(samples)
        let expected = fixture["collate_dict"].outputs
        // PyTorch's "a" was an int; here it is a one-element list of doubles, so compare values only.
        #expect(batch["a"]![0].toArray(as: Double.self) == expected[0].data)
        expectMatches(batch["b"]![0], expected[1])
        expectMatches(batch["b"]![1], expected[2])
        let ints = defaultCollate([["a": 0], ["a": 1], ["a": 2]])
        expectMatches(ints["a"]!, expected[0])
    }

    @Test func collateOfBoolsMakesABoolTensor() {
        expectMatches(defaultCollate([true, false, true]), fixture["collate_bool"].output)
    }
}
