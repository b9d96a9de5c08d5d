import Testing
@testable import Torch

/// The bits of a float32 tensor's values.
func float32Bits(_ t: Tensor) -> [UInt32] { t.toArray(as: Float.self).map(\.bitPattern) }
/// The bits of a float64 tensor's values.
func float64Bits(_ t: Tensor) -> [UInt64] { t.toArray(as: Double.self).map(\.bitPattern) }
/// The bits of float32 values written with 9 significant digits (enough to round-trip).
func float32Bits(_ texts: [String]) -> [UInt32] { texts.map { Float($0)!.bitPattern } }
/// The bits of float64 values written with 17 significant digits.
func float64Bits(_ texts: [String]) -> [UInt64] { texts.map { Double($0)!.bitPattern } }

/// Every row of the test-vector table of the RNG spec (docs/rng/vectors_avx512.md),
/// compared bit for bit. Each test uses its own generator, so the suite can run
/// in parallel with anything that draws from the global one.
@Suite struct RandomVectorTests {
    @Test func rawDrawsMatchMT19937() {
        let g = Generator().manualSeed(0)
        let words = g.withState { s in (0..<5).map { _ in s.random() } }
        #expect(words == [2_357_136_044, 2_546_248_239, 3_071_714_933, 3_626_093_760, 2_588_848_963])
        let g2 = Generator().manualSeed(0)
        let longs = g2.withState { s in (0..<2).map { _ in s.random64() } }
        #expect(longs == [10_123_822_223_749_065_263, 13_192_915_183_495_924_928])
    }

    @Test func randFloat32TakesLow24Bits() {
        let x = Torch.rand([5], generator: Generator().manualSeed(0))
        #expect(float32Bits(x) == float32Bits(["0.49625659", "0.768221796", "0.0884774327", "0.132030487", "0.307422817"]))
        let y = Torch.rand([4], generator: Generator().manualSeed(42))
        #expect(float32Bits(y) == float32Bits(["0.882269263", "0.915003955", "0.38286376", "0.959305644"]))
    }

    @Test func randFloat64TakesLow53BitsOfOne64BitDraw() {
        let x = Torch.rand([3], dtype: .float64, generator: Generator().manualSeed(0))
        #expect(float64Bits(x) == float64Bits(["0.97005300180655307", "0.70781986439978795", "0.45938294312745087"]))
    }

    @Test func onlyTheLow32BitsOfTheSeedCount() {
        let g = Generator().manualSeed(UInt64(4_294_967_338))
        let x = Torch.rand([2], generator: g)
        #expect(float32Bits(x) == float32Bits(["0.882269263", "0.915003955"]))
        #expect(g.initialSeed() == 4_294_967_338)
    }

    @Test func randnBelow16UsesSerialBoxMuller() {
        let x = Torch.randn([4], generator: Generator().manualSeed(0))
        #expect(float32Bits(x) == float32Bits(["1.54099607", "-0.293428898", "-2.17878938", "0.568431258"]))
        let d = Torch.randn([3], dtype: .float64, generator: Generator().manualSeed(0))
        #expect(float64Bits(d) == float64Bits(["1.5409961082440433", "-0.29342890576094638", "-2.1787893820745574"]))
    }

    @Test func randn16UsesThePolynomialBlock() {
        let x = Torch.randn([16], generator: Generator().manualSeed(0)).toArray(as: Float.self)
        #expect(Array(x[0..<4]).map(\.bitPattern) == float32Bits(["-1.12583983", "-1.1523602", "-0.250578582", "-0.433878809"]))
        #expect(Array(x[8..<12]).map(\.bitPattern) == float32Bits(["0.322274923", "-1.26333475", "0.349983186", "0.30813393"]))
    }

    @Test func randn17RedrawsTheLast16() {
        let x = Torch.randn([17], generator: Generator().manualSeed(0)).toArray(as: Float.self)
        #expect(Array(x[13..<17]).map(\.bitPattern) == float32Bits(["1.58633423", "0.946298361", "-0.843676746", "0.931826591"]))
    }

    @Test func randn16Float64UsesLibm() {
        let x = Torch.randn([16], dtype: .float64, generator: Generator().manualSeed(0)).toArray(as: Double.self)
        #expect(Array(x[0..<3]).map(\.bitPattern) == float64Bits(["-2.310411800234176", "-0.3732508612577643", "-1.0608166785462863"]))
    }

    @Test func normalWithScalarsFusesTheAffineStep() {
        let x = Torch.normal(mean: 0.5, std: 2.0, size: [20], generator: Generator().manualSeed(1)).toArray(as: Float.self)
        #expect(Array(x[0..<4]).map(\.bitPattern) == float32Bits(["-2.55119181", "-1.0004636", "-0.807961822", "-2.71896958"]))
    }

    @Test func randintSwitchesTo64BitDrawsAt2To28() {
        let a = Torch.randint(0, 10, [8], generator: Generator().manualSeed(0))
        #expect(a.toArray(as: Int64.self) == [4, 9, 3, 0, 3, 9, 7, 3])
        let b = Torch.randint(0, 1 << 28, [3], generator: Generator().manualSeed(0))
        #expect(b.toArray(as: Int64.self) == [130_329_135, 136_432_832, 195_187_451])
        let c = Torch.randint(-(1 << 40), 1 << 40, [2], generator: Generator().manualSeed(0))
        #expect(c.toArray(as: Int64.self) == [-358_231_004_625, -593_374_360_384])
        #expect(a.dtype == .int64)
    }

    @Test func randpermShufflesForward() {
        let p = Torch.randperm(10, generator: Generator().manualSeed(0))
        #expect(p.toArray(as: Int64.self) == [4, 1, 7, 5, 3, 9, 0, 8, 6, 2])
    }

    @Test func bernoulliWithScalarPComparesA53BitDouble() {
        let x = Torch.empty([8]).bernoulli_(p: 0.5, generator: Generator().manualSeed(0))
        #expect(x.toArray(as: Double.self) == [0, 0, 1, 0, 0, 0, 1, 1])
    }

    @Test func dropoutScalesKeptEntriesByFloat32Reciprocal() {
        let y = Torch.dropout(Torch.ones([8]), p: 0.25, training: true, generator: Generator().manualSeed(0))
        let k = Float("1.33333337")!.bitPattern
        #expect(float32Bits(y) == [0, k, k, 0, k, 0, k, k])
    }

    /// nn.Linear(3, 2) and nn.Conv2d(1, 2, 2) default init: kaiming_uniform_(a=√5) then the bias.
    @Test func layerInitStreamsMatchLinearAndConv2d() {
        func bound(_ fanIn: Double) -> Double {
            let gain = (2.0 / (1 + 5.0)).squareRoot()
            return 3.0.squareRoot() * (gain / fanIn.squareRoot())
        }
        let g = Generator().manualSeed(0)
        let w = Torch.empty([2, 3]).uniform_(from: -bound(3), to: bound(3), generator: g)
        let b = Torch.empty([2]).uniform_(from: -1 / 3.0.squareRoot(), to: 1 / 3.0.squareRoot(), generator: g)
        #expect(float32Bits(w) == float32Bits(["-0.00432251766", "0.309715837", "-0.475185335", "-0.424894601", "-0.222368971", "0.154820725"]))
        #expect(float32Bits(b) == float32Bits(["-0.0114391446", "0.457774937"]))
        let c = Torch.empty([2, 1, 2, 2]).uniform_(from: -bound(4), to: bound(4), generator: Generator().manualSeed(0))
        #expect(Array(float32Bits(c)[0..<4]) == float32Bits(["-0.00374341011", "0.268221796", "-0.411522567", "-0.367969513"]))
    }

    @Test func multinomialRows() {
        let p = Tensor([0.1, 0.2, 0.3, 0.4])
        let a = Torch.multinomial(p, numSamples: 3, generator: Generator().manualSeed(0))
        #expect(a.toArray(as: Int64.self) == [2, 1, 3])
        let b = Torch.multinomial(p, numSamples: 6, replacement: true, generator: Generator().manualSeed(0))
        #expect(b.toArray(as: Int64.self) == [3, 3, 2, 3, 3, 3])
    }

    @Test func newGeneratorStartsAtPyTorchDefaultSeed() {
        let g = Generator()
        #expect(g.initialSeed() == 67_280_421_310_721)
        let fresh = Torch.rand([3], generator: Generator())
        let seeded = Torch.rand([3], generator: Generator().manualSeed(UInt64(67_280_421_310_721)))
        #expect(float32Bits(fresh) == float32Bits(seeded))
    }

    @Test func negativeSeedWrapsTo64Bits() {
        let g = Generator().manualSeed(-1)
        #expect(g.initialSeed() == UInt64.max)
    }

    @Test func normalCachePersistsAcrossCallsAndSeedingClearsIt() {
        let g = Generator().manualSeed(0)
        let a = Torch.randn([1], generator: g).item()
        let b = Torch.randn([1], generator: g).item()
        let both = Torch.randn([2], generator: Generator().manualSeed(0)).toArray(as: Double.self)
        #expect([a, b] == both)
        g.manualSeed(0)
        #expect(Torch.randn([1], generator: g).item() == a)
    }

    @Test func stateSnapshotReplaysTheStream() {
        let g = Generator().manualSeed(3)
        _ = Torch.randn([3], generator: g)
        let saved = g.getState()
        let first = Torch.randn([5], generator: g).toArray(as: Float.self)
        g.setState(saved)
        #expect(Torch.randn([5], generator: g).toArray(as: Float.self) == first)
    }
}
