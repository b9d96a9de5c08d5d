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
