import Testing
import Torch

/// torch.nn.init against PyTorch's values for the same generator seeds
/// (scripts/fixtures/layers.py); the random fills are bit-exact.
@Suite struct InitTests {
    let fixture = Fixture("layers")

    private func exact(_ t: Tensor, _ name: String, index: Int = 0, sourceLocation: SourceLocation = #_sourceLocation) {
        expectMatches(t, fixture[name].outputs[index], rtol: 0, atol: 0, sourceLocation: sourceLocation)
    }

    @Test func uniformAndNormalMatchPyTorchBitForBit() {
        exact(Init.uniform_(Torch.empty([3, 4]), a: -1, b: 2, generator: Generator(seed: 0)), "init_uniform")
        exact(Init.normal_(Torch.empty([3, 2]), mean: 1, std: 0.5, generator: Generator(seed: 1)), "init_normal_small")
        exact(Init.normal_(Torch.empty([5, 7]), mean: 1, std: 0.5, generator: Generator(seed: 2)), "init_normal_large")
    }

    @Test func xavierAndKaimingMatchPyTorchBitForBit() {
        exact(Init.xavierUniform_(Torch.empty([4, 5]), gain: 2, generator: Generator(seed: 3)), "init_xavier_uniform")
        exact(Init.xavierNormal_(Torch.empty([20, 3]), generator: Generator(seed: 4)), "init_xavier_normal")
        exact(Init.kaimingUniform_(Torch.empty([6, 3, 3, 3]), mode: "fan_out", nonlinearity: "relu", generator: Generator(seed: 5)),
              "init_kaiming_uniform")
        exact(Init.kaimingNormal_(Torch.empty([8, 4]), a: 0.2, generator: Generator(seed: 6)), "init_kaiming_normal")
    }

    @Test func truncNormalFollowsPyTorchsRejectionSamplerBitForBit() {
        let t = Init.truncNormal_(Torch.empty([10, 10]), mean: 0.5, std: 1, a: -1, b: 2, generator: Generator(seed: 7))
        exact(t, "init_trunc_normal")
        exact(Init.truncNormal_(Torch.empty([40], dtype: .float64), generator: Generator(seed: 8)), "init_trunc_normal_f64")
        // Less than 30% of the mass inside [a, b]: PyTorch's uniform-proposal rejection sampler.
        exact(Init.truncNormal_(Torch.empty([30]), a: 1, b: 3, generator: Generator(seed: 12)), "init_trunc_normal_tail")
        exact(Init.truncNormal_(Torch.empty([3, 3]), std: 0.5, a: -0.6, b: 0.6, generator: Generator(seed: 13)), "init_trunc_normal_small")
        #expect(t.min().item() >= -1 && t.max().item() <= 2)
    }

    @Test func orthogonalMatchesPyTorchsSignCorrectedQR() {
        let wide = Init.orthogonal_(Torch.empty([4, 6]), generator: Generator(seed: 9))
        expectMatches(wide, fixture["init_orthogonal_wide"].output, rtol: 1e-5, atol: 1e-6)
        let tall = Init.orthogonal_(Torch.empty([6, 3]), gain: 2, generator: Generator(seed: 10))
        expectMatches(tall, fixture["init_orthogonal_tall"].output, rtol: 1e-5, atol: 1e-6)
        let conv = Init.orthogonal_(Torch.empty([3, 2, 2, 2]), generator: Generator(seed: 11))
        expectMatches(conv, fixture["init_orthogonal_conv"].output, rtol: 1e-5, atol: 1e-6)
        // Rows of a wide orthogonal matrix are orthonormal.
        let gram = wide.mm(wide.t())
        expectClose(gram.toArray(as: Double.self), Torch.eye(4).toArray(as: Double.self), atol: 1e-5)
    }

    @Test func eyeAndDiracFillDeterministicPatterns() {
        exact(Init.eye_(Torch.empty([3, 5])), "init_eye")
        exact(Init.dirac_(Torch.empty([4, 2, 3, 3]), groups: 2), "init_dirac")
        exact(Init.dirac_(Torch.empty([3, 5, 4])), "init_dirac_1d")
    }

    @Test func constantZerosAndOnesFillInPlaceWithoutRecording() {
        let w = Parameter(Torch.empty([2, 3]))
        Init.constant_(w, 0.25)
        #expect(w.toArray(as: Float.self) == [Float](repeating: 0.25, count: 6))
        #expect(w.isLeaf && w.requiresGrad)
        Init.zeros_(w)
        #expect(w.toArray(as: Float.self) == [Float](repeating: 0, count: 6))
        Init.ones_(w)
        #expect(w.toArray(as: Float.self) == [Float](repeating: 1, count: 6))
    }

    @Test func gainsAndFansMatchPyTorch() {
        let extra = fixture["init_gains"].extra
        let gains = extra["gains"] as! [String: String]
        for (key, value) in gains {
            let parts = key.split(separator: ":")
            let param = parts.count > 1 ? Double(parts[1]) : nil
            let g = Init.calculateGain(String(parts[0]), param: param)
            #expect(g == Double(value)!, "\(key)")
        }
        let fans = Init.calculateFanInAndFanOut(Torch.empty([6, 3, 3, 3]))
        #expect([fans.fanIn, fans.fanOut] == (extra["fan"] as! [Int]))
    }

    @Test func fanOfVectorStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Init.xavierUniform_(Torch.empty([3]))
        }
        #expect(stderrText(result).contains("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions"))
    }

    @Test func unknownNonlinearityStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Init.calculateGain("foo")
        }
        #expect(stderrText(result).contains("Unsupported nonlinearity foo"))
    }

    @Test func unknownFanModeStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Init.kaimingUniform_(Torch.empty([3, 3]), mode: "foo")
        }
        #expect(stderrText(result).contains("Mode foo not supported, please use one of ['fan_in', 'fan_out']"))
    }

    @Test func diracOfMatrixStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Init.dirac_(Torch.empty([3, 3]))
        }
        #expect(stderrText(result).contains("Only tensors with 3, 4, or 5 dimensions are supported"))
    }
}
