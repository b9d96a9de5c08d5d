import Testing
import Torch

/// Programmer errors in convolution, padding and pooling stop with PyTorch's message.
@Suite struct ConvolutionErrorTests {
    @Test func conv2dWithWrongChannelCountStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Functional.conv2d(Torch.zeros([20, 15, 50, 100]), Torch.zeros([33, 16, 3, 5]))
        }
        #expect(stderrText(result).contains(
            "Given groups=1, weight of size [33, 16, 3, 5], expected input[20, 15, 50, 100] to have 16 channels, but got 15 channels instead"))
    }

    @Test func conv2dOfTwoDimensionalInputStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Functional.conv2d(Torch.zeros([16, 50]), Torch.zeros([33, 16, 3, 5]))
        }
        #expect(stderrText(result).contains("Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: [16, 50]"))
    }

    @Test func kernelLargerThanPaddedInputStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Functional.conv2d(Torch.zeros([1, 1, 2, 2]), Torch.zeros([1, 1, 3, 3]))
        }
        #expect(stderrText(result).contains(
            "Calculated padded input size per channel: (2 x 2). Kernel size: (3 x 3). Kernel size can't be greater than actual input size"))
    }

    @Test func weightNotDivisibleByGroupsStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Functional.conv2d(Torch.zeros([1, 4, 5, 5]), Torch.zeros([6, 2, 3, 3]), groups: 4)
        }
        #expect(stderrText(result).contains(
            "Given groups=4, expected weight to be divisible by 4 at dimension 0, but got weight of size [[6, 2, 3, 3]] instead"))
    }

    @Test func biasOfWrongSizeStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Functional.conv2d(Torch.zeros([1, 4, 5, 5]), Torch.zeros([6, 4, 3, 3]), bias: Torch.zeros([5]))
        }
        #expect(stderrText(result).contains(
            "Given weight of size [6, 4, 3, 3], expected bias to be 1-dimensional with 6 elements, but got bias of size [5] instead"))
    }

    @Test func samePaddingWithStrideStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Functional.conv2d(Torch.zeros([1, 4, 5, 5]), Torch.zeros([6, 4, 3, 3]), stride: 2, padding: "same")
        }
        #expect(stderrText(result).contains("padding='same' is not supported for strided convolutions"))
    }

    @Test func strideOfWrongLengthStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Functional.conv2d(Torch.zeros([1, 4, 5, 5]), Torch.zeros([6, 4, 3, 3]), stride: [1, 1, 1])
        }
        #expect(stderrText(result).contains(
            "expected stride to be a single integer value or a list of 2 values to match the convolution dimensions, but got stride=[1, 1, 1]"))
    }

    @Test func transposedConvolutionWithWrongChannelsStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Functional.convTranspose2d(Torch.zeros([1, 4, 5, 5]), Torch.zeros([6, 4, 3, 3]))
        }
        #expect(stderrText(result).contains(
            "Given transposed=1, weight of size [6, 4, 3, 3], expected input[1, 4, 5, 5] to have 6 channels, but got 4 channels instead"))
    }

    @Test func oddPaddingLengthStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Functional.pad(Torch.zeros([1, 2, 3, 3]), [1, 2, 3])
        }
        #expect(stderrText(result).contains("Padding length must be divisible by 2"))
    }

    @Test func reflectPaddingWiderThanInputStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Functional.pad(Torch.zeros([1, 2, 3, 3]), [3, 3, 0, 0], mode: "reflect")
        }
        #expect(stderrText(result).contains("Padding size should be less than the corresponding input dimension"))
    }

    @Test func maxPoolPaddingLargerThanHalfKernelStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Functional.maxPool2d(Torch.zeros([1, 4, 5, 5]), kernelSize: 2, padding: 2)
        }
        #expect(stderrText(result).contains("pad should be at most half of effective kernel size, but got pad=2, kernel_size=2 and dilation=1"))
    }

    @Test func poolingToEmptyOutputStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Functional.avgPool2d(Torch.zeros([1, 4, 1, 1]), kernelSize: 2)
        }
        #expect(stderrText(result).contains("Given input size: (4x1x1). Calculated output size: (4x0x0). Output size is too small"))
    }

    @Test func adaptivePoolingOfTwoDimensionalInputStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Functional.adaptiveAvgPool2d(Torch.zeros([4, 5]), outputSize: 2)
        }
        #expect(stderrText(result).contains("adaptive_avg_pool2d(): Expected 3D or 4D tensor, but got [4, 5]"))
    }
}

/// Programmer errors in resampling stop with PyTorch's message.
@Suite struct ResamplingErrorTests {
    @Test func interpolateWithSizeAndScaleStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Functional.interpolate(Torch.zeros([1, 2, 3, 4]), size: 3, scaleFactor: [2])
        }
        #expect(stderrText(result).contains("only one of size or scale_factor should be defined"))
    }

    @Test func linearModeOnFourDimensionalInputStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Functional.interpolate(Torch.zeros([1, 2, 3, 4]), scaleFactor: [2], mode: "linear")
        }
        #expect(stderrText(result).contains("Got 4D input, but linear mode needs 3D input"))
    }

    @Test func alignCornersWithNearestStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Functional.interpolate(Torch.zeros([1, 2, 3, 4]), scaleFactor: [2], alignCorners: true)
        }
        #expect(stderrText(result).contains("align_corners option can only be set with the interpolating modes"))
    }

    @Test func pixelShuffleWithIndivisibleChannelsStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Functional.pixelShuffle(Torch.zeros([1, 2, 3, 4]), upscaleFactor: 2)
        }
        #expect(stderrText(result).contains(
            "pixel_shuffle expects its input's 'channel' dimension to be divisible by the square of upscale_factor, but input.size(-3)=2 is not divisible by 4"))
    }

    @Test func maxUnpoolWithOutOfRangeSizeStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let (v, i) = Functional.maxPool2dWithIndices(Torch.zeros([1, 2, 4, 4]), kernelSize: 2)
            _ = Functional.maxUnpool2d(v, i, kernelSize: 2, outputSize: [7, 7])
        }
        #expect(stderrText(result).contains("invalid output_size \"(7, 7)\" (dim 0 must be between 2 and 6)"))
    }
}
