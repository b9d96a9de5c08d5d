import Testing
@testable import Torch

/// Gradients through the random ops, and how they use the generators.
@Suite struct RandomAutogradTests {
    @Test func dropoutBackwardMultipliesByTheSavedMask() {
        let x = Torch.ones([6, 5], requiresGrad: true)
        let y = Torch.dropout(x, p: 0.4, generator: Generator().manualSeed(7))
        #expect(y.gradFn == "MulBackward0")
        y.sum().backward()
        let kept = Float(1) / Float(1 - 0.4)
        #expect(x.grad!.toArray(as: Float.self) == y.toArray(as: Float.self))
        #expect(y.toArray(as: Float.self).allSatisfy { $0 == 0 || $0 == kept })
    }

    @Test func dropoutGradcheckWithFixedMask() {
        let x = Torch.randn([4, 3], dtype: .float64, generator: Generator().manualSeed(1)).requiresGrad_()
        let g = Generator()
        let ok = Torch.gradcheck({ inputs in
            g.manualSeed(3)
            return Torch.dropout(inputs[0], p: 0.3, generator: g)
        }, inputs: [x])
        #expect(ok)
    }

    @Test func dropoutInEvalOrWithZeroPReturnsInputWithoutDrawing() {
        let x = Torch.ones([4])
        let g = Generator().manualSeed(0)
        let a = Torch.dropout(x, p: 0.5, training: false, generator: g)
        let b = Torch.dropout(x, p: 0, generator: g)
        let c = Torch.dropout(x, p: 1, generator: g)
        #expect(a === x)
        #expect(b === x)
        #expect(c.toArray(as: Float.self) == [0, 0, 0, 0])
        let next = Torch.rand([2], generator: g)
        #expect(float32Bits(next) == float32Bits(Torch.rand([2], generator: Generator().manualSeed(0))))
    }

    @Test func inPlaceRandomFillsOnNonLeavesRecordZeroGradientNodes() {
        let x = Torch.ones([3], requiresGrad: true)
        let g = Generator().manualSeed(0)
        let cases: [(String, (Tensor) -> Tensor)] = [
            ("UniformBackward0", { $0.uniform_(generator: g) }),
            ("NormalBackward0", { $0.normal_(generator: g) }),
            ("BernoulliBackward2", { $0.bernoulli_(p: 0.5, generator: g) }),
            ("ExponentialBackward0", { $0.exponential_(generator: g) }),
            ("RandomBackward0", { $0.random_(from: 0, to: 3, generator: g) }),
            ("RandomBackward1", { $0.random_(to: 3, generator: g) }),
            ("RandomBackward2", { $0.random_(generator: g) }),
        ]
        for (name, fill) in cases {
            let y = fill(x * 2)
            #expect(y.gradFn == name)
            y.sum().backward()
            #expect(x.grad!.toArray(as: Float.self) == [0, 0, 0])
            x.grad = nil
        }
    }

    @Test func normalWithTensorArgumentsHasZeroGradients() {
        let mean = Torch.zeros([3], requiresGrad: true)
        let std = Torch.ones([3], requiresGrad: true)
        let y = Torch.normal(mean: mean, std: std, generator: Generator().manualSeed(0))
        #expect(y.gradFn == "NormalBackward3")
        y.sum().backward()
        #expect(mean.grad!.toArray(as: Float.self) == [0, 0, 0])
        #expect(std.grad!.toArray(as: Float.self) == [0, 0, 0])
    }

    @Test func normalWithOneTensorArgumentNamesItsNode() {
        let x = Torch.ones([3], requiresGrad: true)
        let a = Torch.normal(mean: x * 1, std: 0.5, generator: Generator())
        let b = Torch.normal(mean: 0.5, std: x * 1, generator: Generator())
        #expect(a.gradFn == "NormalBackward1")
        #expect(b.gradFn == "NormalBackward2")
    }

    @Test func zeroDimensionalDrawsTakeOneElement() {
        let a = Torch.rand([], generator: Generator().manualSeed(0))
        let b = Torch.rand([1], generator: Generator().manualSeed(0))
        #expect(a.shape == [])
        #expect(float32Bits(a) == float32Bits(b))
        let e = Torch.randn([0, 3], generator: Generator())
        #expect(e.shape == [0, 3])
    }

    @Test func multinomialSingleSampleKeepsTheSampleDim() {
        let p = Tensor([[0.2, 0.8], [0.5, 0.5]])
        #expect(Torch.multinomial(p, numSamples: 1, generator: Generator()).shape == [2, 1])
        #expect(Torch.multinomial(Tensor([0.2, 0.8]), numSamples: 1, generator: Generator()).shape == [1])
    }

    @Test func creationWithRequiresGradMakesLeaves() {
        let x = Torch.rand([2], requiresGrad: true, generator: Generator())
        let y = Torch.randn([2], dtype: .float64, requiresGrad: true, generator: Generator())
        #expect(x.requiresGrad && x.isLeaf)
        #expect(y.requiresGrad && y.isLeaf)
    }

    @Test func likeFormsKeepShapeAndDType() {
        let t = Torch.zeros([2, 3], dtype: .float64)
        let a = Torch.randLike(t, generator: Generator().manualSeed(0))
        let b = Torch.randnLike(t, generator: Generator().manualSeed(0))
        let c = Torch.randintLike(t, low: 0, high: 10, generator: Generator().manualSeed(0))
        #expect(a.shape == [2, 3] && a.dtype == .float64)
        #expect(float64Bits(a) == float64Bits(Torch.rand([2, 3], dtype: .float64, generator: Generator().manualSeed(0))))
        #expect(b.dtype == .float64)
        #expect(c.dtype == .float64)
        #expect(c.toArray(as: Double.self) == Torch.randint(0, 10, [6], generator: Generator().manualSeed(0)).toArray(as: Double.self))
    }

    @Test func sharedGeneratorGivesEachOpAnUnbrokenRun() async {
        // Ops from many tasks interleave, but each op's draws stay together:
        // every result is one of the 64-draw windows of the stream.
        let g = Generator().manualSeed(9)
        let results = await withTaskGroup(of: [UInt32].self) { group in
            for _ in 0..<8 { group.addTask { float32Bits(Torch.rand([64], generator: g)) } }
            return await group.reduce(into: [[UInt32]]()) { $0.append($1) }
        }
        let stream = float32Bits(Torch.rand([64 * 8], generator: Generator().manualSeed(9)))
        let windows = Set((0..<8).map { Array(stream[($0 * 64)..<($0 * 64 + 64)]) })
        #expect(Set(results) == windows)
    }
}

/// Tests of the global generator; serialized, and the only suite that seeds it.
@Suite(.serialized) struct GlobalGeneratorTests {
    @Test func manualSeedResetsTheGlobalStream() {
        let g = Torch.manualSeed(0)
        #expect(g === Generator.defaultGenerator)
        #expect(Torch.initialSeed() == 0)
        let a = Torch.rand([4])
        Torch.manualSeed(0)
        let b = Torch.rand([4])
        // Other suites may draw from the global generator concurrently, so only
        // check what no interleaving can change.
        #expect(a.shape == b.shape)
        #expect(a.toArray(as: Float.self).allSatisfy { $0 >= 0 && $0 < 1 })
    }

    @Test func seedPicksANewInitialSeed() {
        let s = Torch.seed()
        #expect(Torch.initialSeed() == s)
        Torch.manualSeed(-1)
        #expect(Torch.initialSeed() == UInt64.max)
    }
}
