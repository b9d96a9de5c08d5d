import Testing
import Torch

nonisolated(unsafe) private let fixture = Fixture("loss_pool_modules")

/// Each fixture case's module, as the PyTorch script built it.
nonisolated(unsafe) private let lossModules: [String: TripleInputLoss] = [
    "cosine_embedding": CosineEmbeddingLoss(),
    "cosine_embedding_margin_sum": CosineEmbeddingLoss(margin: 0.3, reduction: .sum),
    "cosine_embedding_1d_none": CosineEmbeddingLoss(reduction: .none),
    "margin_ranking": MarginRankingLoss(),
    "margin_ranking_margin_none": MarginRankingLoss(margin: 0.5, reduction: .none),
    "triplet": TripletMarginLoss(),
    "triplet_p1_swap_sum": TripletMarginLoss(margin: 2, p: 1, swap: true, reduction: .sum),
]

nonisolated(unsafe) private let unpoolModules: [String: MaxUnpoolModule] = [
    "max_unpool1d": MaxUnpool1d(2),
    "max_unpool1d_stride_pad": MaxUnpool1d(3, stride: 2, padding: 1),
    "max_unpool2d": MaxUnpool2d(2),
    "max_unpool2d_output_size": MaxUnpool2d(2, stride: 2),
    "max_unpool2d_unbatched": MaxUnpool2d([2, 3], stride: [2, 1]),
    "max_unpool3d": MaxUnpool3d(2),
]

nonisolated(unsafe) private let lpPoolModules: [String: Module] = [
    "lp_pool1d": LPPool1d(2, 3),
    "lp_pool1d_stride_ceil": LPPool1d(3, 2, stride: 3, ceilMode: true),
    "lp_pool2d": LPPool2d(2, [2, 3], stride: 1),
    "lp_pool2d_norm1_5": LPPool2d(1.5, 2),
]

/// Modules over one input, with the case's call.
nonisolated(unsafe) private let singleInputModules: [String: Module] = [
    "softmax2d": Softmax2d(), "softmax2d_unbatched": Softmax2d(),
    "local_response_norm": LocalResponseNorm(3),
    "local_response_norm_args": LocalResponseNorm(2, alpha: 1e-2, beta: 0.5, k: 2),
    "pixel_unshuffle": PixelUnshuffle(2),
    "unfold": Unfold([2, 3], padding: 1, stride: 2),
    "fold": Fold([4, 5], 2),
    "fold_stride": Fold(4, [2, 2], stride: 2),
]

/// Modules over a pair of inputs.
nonisolated(unsafe) private let pairModules: [String: (Module, (Tensor, Tensor) -> Tensor)] = {
    let cos = CosineSimilarity(), cos0 = CosineSimilarity(dim: 0, eps: 1e-6)
    let dist = PairwiseDistance(), dist1 = PairwiseDistance(p: 1, keepdim: true)
    return [
        "cosine_similarity": (cos, { cos($0, $1) }), "cosine_similarity_dim0": (cos0, { cos0($0, $1) }),
        "pairwise_distance": (dist, { dist($0, $1) }), "pairwise_distance_p1_keepdim": (dist1, { dist1($0, $1) }),
    ]
}()

/// The module forms of the ranking/embedding losses, max unpooling and power-average
/// pooling, and the module forms of Softmax2d, LocalResponseNorm, CosineSimilarity,
/// PairwiseDistance, PixelUnshuffle, Unfold and Fold against PyTorch: outputs, input
/// gradients, reprs and state-dict keys; and convolutions whose "same" padding
/// comes from a non-zero padding mode.
@Suite struct LossPoolModuleTests {
    private func expectDescribed(_ m: Module, _ c: Fixture.Case) {
        #expect(m.description == c.extra["repr"] as! String)
        #expect(Array(m.stateDict().keys) == c.extra["state_keys"] as! [String])
    }

    @Test(arguments: lossModules.keys.sorted())
    func lossModuleMatchesPyTorch(_ name: String) {
        let c = fixture[name], m = lossModules[name]!
        expectDescribed(m, c)
        checkCase(c) { m($0[0], $0[1], $0[2]) }
    }

    @Test(arguments: unpoolModules.keys.sorted())
    func maxUnpoolModuleMatchesPyTorch(_ name: String) {
        let c = fixture[name], m = unpoolModules[name]!
        expectDescribed(m, c)
        let outputSize = c.extra["output_size"] as? [Int]
        checkCase(c) { m($0[0], $0[1], outputSize: outputSize) }
    }

    @Test(arguments: lpPoolModules.keys.sorted())
    func lpPoolModuleMatchesPyTorch(_ name: String) {
        let c = fixture[name], m = lpPoolModules[name]!
        expectDescribed(m, c)
        checkCase(c, rtol: 1e-4, atol: 1e-5) { m($0[0]) }
    }

    @Test(arguments: ["conv2d_same_reflect", "conv1d_same_circular", "conv2d_same_replicate"])
    func samePaddingWithPaddingModeMatchesPyTorch(_ name: String) throws {
        let c = fixture[name]
        let conv: ConvolutionModule = switch name {
        case "conv2d_same_reflect": Conv2d(2, 3, kernelSize: [3, 4], padding: "same", dilation: [2, 1], paddingMode: "reflect")
        case "conv1d_same_circular": Conv1d(2, 2, kernelSize: 4, padding: "same", dilation: 2, paddingMode: "circular")
        default: Conv2d(1, 2, kernelSize: 3, padding: "same", paddingMode: "replicate")
        }
        expectDescribed(conv, c)
        _ = try conv.loadStateDict(["weight": c.inputs[1]!.tensor(), "bias": c.inputs[2]!.tensor()])
        let x = c.input(0)
        let out = conv(x)
        expectMatches(out, c.output, rtol: 1e-5, atol: 1e-5)
        out.backward(gradient: c.gradOutput!.tensor())
        expectMatches(x.grad!, c.grads[0]!, rtol: 1e-5, atol: 1e-5)
        expectMatches(conv.weight.grad!, c.grads[1]!, rtol: 1e-5, atol: 1e-5)
        expectMatches(conv.bias!.grad!, c.grads[2]!, rtol: 1e-5, atol: 1e-5)
    }

    @Test(arguments: singleInputModules.keys.sorted())
    func singleInputModuleMatchesPyTorch(_ name: String) {
        let c = fixture[name], m = singleInputModules[name]!
        expectDescribed(m, c)
        checkCase(c, rtol: 1e-4, atol: 1e-5) { m($0[0]) }
    }

    @Test(arguments: pairModules.keys.sorted())
    func pairModuleMatchesPyTorch(_ name: String) {
        let c = fixture[name], (m, call) = pairModules[name]!
        expectDescribed(m, c)
        checkCase(c, rtol: 1e-4, atol: 1e-5) { call($0[0], $0[1]) }
    }

    @Test func unpoolingRestoresPooledMaximaInPlace() {
        let x = Tensor([[[[1.0, 5, 2, 0], [3, 4, 8, 1]]]])
        let (y, indices) = MaxPool2d(2, returnIndices: true).forwardWithIndices(x)
        let restored = MaxUnpool2d(2)(y, indices)
        #expect(values(restored) == [0, 5, 0, 0, 0, 0, 8, 0])
    }

    @Test func lossesWorkInDoublePrecisionGradcheck() {
        let a = Torch.randn([3, 4], dtype: .float64, generator: Generator(seed: 1)).requiresGrad_()
        let b = Torch.randn([3, 4], dtype: .float64, generator: Generator(seed: 2)).requiresGrad_()
        let n = Torch.randn([3, 4], dtype: .float64, generator: Generator(seed: 3)).requiresGrad_()
        let y = Tensor([1.0, -1.0, 1.0]).to(.float64)
        let cosine = CosineEmbeddingLoss(margin: -0.2), ranking = MarginRankingLoss(margin: 0.1), triplet = TripletMarginLoss(margin: 3)
        let cosineOK = Torch.gradcheck({ cosine($0[0], $0[1], y) }, inputs: [a, b])
        let rankingOK = Torch.gradcheck({ ranking($0[0].sum(dim: 1), $0[1].sum(dim: 1), y) }, inputs: [a, b])
        let tripletOK = Torch.gradcheck({ triplet($0[0], $0[1], $0[2]) }, inputs: [a, b, n])
        #expect(cosineOK && rankingOK && tripletOK)
    }
}

/// Bad input to these modules stops with PyTorch's message.
@Suite struct LossPoolModuleErrorTests {
    @Test func cosineEmbeddingLossWithMismatchedRanksStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = CosineEmbeddingLoss()(Torch.ones([3, 4]), Torch.ones([3]), Torch.ones([3]))
        }
        #expect(stderrText(result).contains("1D target tensor expects 2D input tensors, but found inputs with sizes [3, 4] and [3]."))
    }

    @Test func marginRankingLossWithMismatchedRanksStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = MarginRankingLoss()(Torch.ones([3]), Torch.ones([3]), Torch.ones([3, 1]))
        }
        #expect(stderrText(result).contains("margin_ranking_loss : All input tensors should have same dimension but got sizes: input1: torch.Size([3]), input2: torch.Size([3]), target: torch.Size([3, 1])"))
    }

    @Test func tripletMarginLossWithMismatchedRanksStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = TripletMarginLoss()(Torch.ones([3, 4]), Torch.ones([3, 4]), Torch.ones([3]))
        }
        #expect(stderrText(result).contains("The anchor, positive, and negative tensors are expected to have the same number of dimensions, but got: anchor 2D, positive 2D, and negative 1D inputs"))
    }

    @Test func tripletMarginLossWithNonPositiveMarginStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = TripletMarginLoss(margin: 0)(Torch.ones([3, 4]), Torch.ones([3, 4]), Torch.ones([3, 4]))
        }
        #expect(stderrText(result).contains("margin must be greater than 0, got 0.0"))
    }

    @Test func maxUnpool1dWithWrongRankStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = MaxUnpool1d(2)(Torch.ones([1, 1, 2, 2]), Torch.zeros([1, 1, 2, 2], dtype: .int64))
        }
        #expect(stderrText(result).contains("Input to max_unpooling2d should be a 3d or 4d Tensor, but got a tensor with 5 dimensions."))
    }

    @Test func maxUnpool2dWithOutOfRangeIndexStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = MaxUnpool2d(2)(Torch.ones([1, 1, 2, 2]), Tensor([0, 1, 2, 99] as [Int64]).reshape([1, 1, 2, 2]))
        }
        #expect(stderrText(result).contains("Found an invalid max index: 99 (output volumes are of size 4x4)"))
    }

    @Test func maxUnpool3dWithWrongRankStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = MaxUnpool3d(2)(Torch.ones([1, 2, 2]), Torch.zeros([1, 2, 2], dtype: .int64))
        }
        #expect(stderrText(result).contains("Input to max_unpooling3d should be a 4d or 5d Tensor, but got a tensor with 3 dimensions."))
    }

    @Test func lpPool1dWithTooSmallInputStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = LPPool1d(2, 3)(Torch.ones([1, 1, 2]))
        }
        #expect(stderrText(result).contains("Output size is too small"))
    }

    @Test func softmax2dWithWrongRankStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Softmax2d()(Torch.ones([2]))
        }
        #expect(stderrText(result).contains("Softmax2d: expected input to be 3D or 4D, got 1D instead"))
    }

    @Test func lpPool2dWithTooSmallInputStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = LPPool2d(2, 2)(Torch.ones([1, 1, 1]))
        }
        #expect(stderrText(result).contains("Given input size: (1x1x1). Calculated output size: (1x0x0). Output size is too small"))
    }
}
