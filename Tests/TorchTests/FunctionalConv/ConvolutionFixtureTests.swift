import Testing
import Torch

/// Convolutions and padding against PyTorch's outputs and gradients.
@Suite struct ConvolutionFixtureTests {
    let fixture = Fixture("functional_conv")

    @Test func conv2dMatchesPyTorch() {
        checkCase(fixture["conv2d_basic"], rtol: 1e-4, atol: 1e-5) { Functional.conv2d($0[0], $0[1], bias: $0[2]) }
        checkCase(fixture["conv2d_stride_padding_dilation"], rtol: 1e-4, atol: 1e-5) {
            Functional.conv2d($0[0], $0[1], bias: $0[2], stride: [2, 1], padding: [4, 2], dilation: [3, 1])
        }
        checkCase(fixture["conv2d_groups"], rtol: 1e-4, atol: 1e-5) {
            Functional.conv2d($0[0], $0[1], bias: $0[2], stride: 2, padding: 1, groups: 2)
        }
        checkCase(fixture["conv2d_depthwise"], rtol: 1e-4, atol: 1e-5) { Functional.conv2d($0[0], $0[1], padding: 1, groups: 3) }
        checkCase(fixture["conv2d_same_even_kernel"], rtol: 1e-4, atol: 1e-5) {
            Functional.conv2d($0[0], $0[1], padding: "same", dilation: [1, 2])
        }
        checkCase(fixture["conv2d_valid"], rtol: 1e-4, atol: 1e-5) { Functional.conv2d($0[0], $0[1], padding: .valid) }
        checkCase(fixture["conv2d_unbatched"], rtol: 1e-4, atol: 1e-5) { Functional.conv2d($0[0], $0[1], bias: $0[2], padding: 1) }
        checkCase(fixture["conv2d_float64"]) { Functional.conv2d($0[0], $0[1], stride: 3) }
        checkCase(fixture["conv2d_strided_input"], rtol: 1e-4, atol: 1e-5) {
            Functional.conv2d($0[0].transpose(2, 3), $0[1], padding: [0, 1])
        }
    }

    @Test func conv1dAndConv3dMatchPyTorch() {
        checkCase(fixture["conv1d"], rtol: 1e-4, atol: 1e-5) {
            Functional.conv1d($0[0], $0[1], bias: $0[2], stride: 2, padding: 2, dilation: 2)
        }
        checkCase(fixture["conv1d_groups_same"], rtol: 1e-4, atol: 1e-5) { Functional.conv1d($0[0], $0[1], padding: "same", groups: 2) }
        checkCase(fixture["conv3d"], rtol: 1e-4, atol: 1e-5) {
            Functional.conv3d($0[0], $0[1], bias: $0[2], stride: [1, 2, 1], padding: [1, 0, 1])
        }
    }

    @Test func transposedConvolutionsMatchPyTorch() {
        checkCase(fixture["conv_transpose1d"], rtol: 1e-4, atol: 1e-5) {
            Functional.convTranspose1d($0[0], $0[1], bias: $0[2], stride: 2, padding: 1, outputPadding: 1)
        }
        checkCase(fixture["conv_transpose2d"], rtol: 1e-4, atol: 1e-5) {
            Functional.convTranspose2d($0[0], $0[1], bias: $0[2], stride: [2, 3], padding: [1, 0], outputPadding: [1, 2], dilation: [1, 2])
        }
        checkCase(fixture["conv_transpose2d_groups"], rtol: 1e-4, atol: 1e-5) { Functional.convTranspose2d($0[0], $0[1], stride: 2, groups: 2) }
        checkCase(fixture["conv_transpose2d_unbatched"], rtol: 1e-4, atol: 1e-5) { Functional.convTranspose2d($0[0], $0[1], padding: 1) }
        checkCase(fixture["conv_transpose3d"], rtol: 1e-4, atol: 1e-5) {
            Functional.convTranspose3d($0[0], $0[1], bias: $0[2], stride: 2, padding: [0, 1, 0])
        }
    }

    @Test func padMatchesPyTorch() {
        checkCase(fixture["pad_constant"]) { Functional.pad($0[0], [1, 2, 0, 1], value: 1.5) }
        checkCase(fixture["pad_constant_negative"]) { Functional.pad($0[0], [-1, 2, 1, -2]) }
        checkCase(fixture["pad_reflect_2d"]) { Functional.pad($0[0], [2, 1, 1, 2], mode: "reflect") }
        checkCase(fixture["pad_reflect_1d_unbatched"]) { Functional.pad($0[0], [3, 2], mode: "reflect") }
        checkCase(fixture["pad_replicate_3d"]) { Functional.pad($0[0], [1, 2, 0, 1, 2, 1], mode: "replicate") }
        checkCase(fixture["pad_circular_2d"]) { Functional.pad($0[0], [1, 2, 2, 0], mode: "circular") }
    }

    @Test func conv2dOutputShapeFollowsPyTorchFormula() {
        let x = Torch.zeros([20, 16, 50, 100]), w = Torch.zeros([33, 16, 3, 5])
        let y = Functional.conv2d(x, w, stride: [2, 1], padding: [4, 2], dilation: [3, 1])
        #expect(y.shape == [20, 33, 26, 100])
    }

    @Test func convolutionRecordsConvolutionBackward() {
        let x = Torch.ones([1, 2, 4, 4]).requiresGrad_()
        let y = Functional.conv2d(x, Torch.ones([3, 2, 3, 3]))
        #expect(y.gradFn == "ConvolutionBackward0")
        let t = Functional.convTranspose2d(x, Torch.ones([2, 3, 3, 3]))
        #expect(t.gradFn == "ConvolutionBackward0")
    }
}
