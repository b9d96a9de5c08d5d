import Testing
import Torch

/// Interpolation, pixel shuffle, unpooling and power-average pooling against PyTorch.
@Suite struct ResamplingFixtureTests {
    let fixture = Fixture("functional_conv")

    @Test func interpolateMatchesPyTorch() {
        checkCase(fixture["interpolate_nearest_size"]) { Functional.interpolate($0[0], size: [5, 7]) }
        checkCase(fixture["interpolate_nearest_scale"]) { Functional.interpolate($0[0], scaleFactor: [1.7]) }
        checkCase(fixture["interpolate_nearest_exact"]) { Functional.interpolate($0[0], size: [4, 3], mode: "nearest-exact") }
        checkCase(fixture["interpolate_nearest_3d"]) { Functional.interpolate($0[0], scaleFactor: [2, 1, 1.5]) }
        checkCase(fixture["interpolate_linear"]) { Functional.interpolate($0[0], size: 7, mode: "linear") }
        checkCase(fixture["interpolate_linear_align"]) { Functional.interpolate($0[0], size: 7, mode: "linear", alignCorners: true) }
        checkCase(fixture["interpolate_bilinear_scale"]) { Functional.interpolate($0[0], scaleFactor: [2], mode: "bilinear") }
        checkCase(fixture["interpolate_bilinear_down_align"]) {
            Functional.interpolate($0[0], size: [3, 2], mode: "bilinear", alignCorners: true)
        }
        checkCase(fixture["interpolate_trilinear"]) { Functional.interpolate($0[0], size: [3, 4, 2], mode: "trilinear") }
    }

    @Test func pixelShuffleMatchesPyTorch() {
        checkCase(fixture["pixel_shuffle"]) { Functional.pixelShuffle($0[0], upscaleFactor: 2) }
        checkCase(fixture["pixel_unshuffle"]) { Functional.pixelUnshuffle($0[0], downscaleFactor: 2) }
    }

    @Test func maxUnpoolMatchesPyTorch() {
        checkCase(fixture["max_unpool2d"]) { Functional.maxUnpool2d($0[0], $0[1], kernelSize: 2, outputSize: [5, 4]) }
        checkCase(fixture["max_unpool1d"]) { Functional.maxUnpool1d($0[0], $0[1], kernelSize: 3, stride: 2, padding: 1, outputSize: [6]) }
        checkCase(fixture["max_unpool3d"]) { Functional.maxUnpool3d($0[0], $0[1], kernelSize: 2) }
    }

    @Test func lpPoolMatchesPyTorch() {
        checkCase(fixture["lp_pool2d"], rtol: 1e-4, atol: 1e-5) { Functional.lpPool2d($0[0], normType: 2, kernelSize: [2, 3], stride: 2, ceilMode: true) }
        checkCase(fixture["lp_pool1d"], rtol: 1e-4, atol: 1e-5) { Functional.lpPool1d($0[0], normType: 3, kernelSize: 2) }
    }

    @Test func resamplingRecordsPyTorchNodeNames() {
        let x = Torch.ones([1, 4, 2, 2]).requiresGrad_()
        let names = [
            Functional.interpolate(x, scaleFactor: [2]).gradFn,
            Functional.interpolate(x, size: [3, 3], mode: "bilinear").gradFn,
            Functional.pixelShuffle(x, upscaleFactor: 2).gradFn,
            Functional.pixelUnshuffle(x, downscaleFactor: 2).gradFn,
        ]
        #expect(names == ["UpsampleNearest2DBackward0", "UpsampleBilinear2DBackward0", "PixelShuffleBackward0", "PixelUnshuffleBackward0"])
    }
}

/// `unfold` / `fold` against PyTorch, and their gradients.
@Suite struct UnfoldTests {
    let fixture = Fixture("functional_conv")

    @Test func unfoldAndFoldMatchPyTorch() {
        checkCase(fixture["unfold"]) { Functional.unfold($0[0], kernelSize: [2, 3], dilation: [1, 2], padding: 1, stride: [2, 1]) }
        checkCase(fixture["fold"]) { Functional.fold($0[0], outputSize: [4, 5], kernelSize: 2, padding: [1, 0], stride: [2, 1]) }
    }

    @Test func unfoldAndFoldHaveCorrectGradients() {
        let x = Tensor((0..<40).map { Double($0).squareRoot() }, dtype: .float64).reshape([1, 2, 4, 5]).requiresGrad_()
        let cols = Tensor((0..<96).map { Double($0 % 7) - 3 }, dtype: .float64).reshape([1, 8, 12]).requiresGrad_()
        let unfoldOK = Torch.gradcheck({ Functional.unfold($0[0], kernelSize: 2, padding: 1) }, inputs: [x])
        let foldOK = Torch.gradcheck({ Functional.fold($0[0], outputSize: [4, 5], kernelSize: 2, padding: [1, 0], stride: [2, 1]) },
                                     inputs: [cols])
        #expect(unfoldOK && foldOK)
    }

    @Test func foldWithWrongBlockCountStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Functional.fold(Torch.zeros([1, 8, 10]), outputSize: [4, 5], kernelSize: 2)
        }
        #expect(stderrText(result).contains(
            "expected size of input's dimension 2 to match the calculated number of sliding blocks 3 * 4 = 12, but got input.size(2)=10."))
    }
}
