import Testing
import Torch

/// Programmer errors in the functional API stop with PyTorch's messages.
@Suite struct FunctionalCoreErrorTests {
    @Test func crossEntropyTargetOutOfRangeStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Functional.crossEntropy(Torch.zeros([3, 4]), Tensor([1, 2, 5]))
        }
        #expect(stderrText(result).contains("Target 5 is out of bounds."))
    }

    @Test func nllLossNegativeTargetStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Functional.nllLoss(Torch.zeros([3, 4]), Tensor([1, -1, 0]))
        }
        #expect(stderrText(result).contains("Target -1 is out of bounds."))
    }

    @Test func floatTargetStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Functional.crossEntropy(Torch.zeros([3, 4]), Tensor([1.0, 2.0, 3.0]))
        }
        #expect(stderrText(result).contains("expected target dtype to be Long or Byte, but got Float"))
    }

    @Test func batchSizeMismatchStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Functional.crossEntropy(Torch.zeros([3, 4]), Tensor([1, 2, 3, 0]))
        }
        #expect(stderrText(result).contains("Expected input batch_size (3) to match target batch_size (4)."))
    }

    @Test func spatialTargetShapeMismatchStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Functional.crossEntropy(Torch.zeros([3, 4, 5]), Torch.zeros([3, 6], dtype: .int64))
        }
        #expect(stderrText(result).contains("Expected target size [3, 5], got [3, 6]"))
    }

    @Test func classWeightOfWrongSizeStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Functional.crossEntropy(Torch.zeros([3, 4]), Tensor([1, 2, 3]), weight: Torch.ones([5]))
        }
        #expect(stderrText(result).contains("weight tensor should be defined either for all 4 classes or no classes but got weight tensor of shape: [5]"))
    }

    @Test func integerProbabilityTargetStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Functional.crossEntropy(Torch.zeros([3, 4]), Torch.zeros([3, 4], dtype: .int64))
        }
        #expect(stderrText(result).contains("Expected floating point type for target with class probabilities, got Long"))
    }

    @Test func labelSmoothingOutOfRangeStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Functional.crossEntropy(Torch.zeros([3, 4]), Tensor([1, 2, 3]), labelSmoothing: 1.5)
        }
        #expect(stderrText(result).contains("label_smoothing must be between 0.0 and 1.0. Got: 1.5"))
    }

    @Test func binaryCrossEntropySizeMismatchStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Functional.binaryCrossEntropy(Torch.full([3, 1], 0.5), Torch.full([3], 0.5))
        }
        #expect(stderrText(result).contains("Using a target size (torch.Size([3])) that is different to the input size (torch.Size([3, 1])) is deprecated. Please ensure they have the same size."))
    }

    @Test func binaryCrossEntropyInputOutOfRangeStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Functional.binaryCrossEntropy(Torch.full([3], 1.5), Torch.full([3], 0.5))
        }
        #expect(stderrText(result).contains("all elements of input should be between 0 and 1"))
    }

    @Test func binaryCrossEntropyWithLogitsSizeMismatchStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Functional.binaryCrossEntropyWithLogits(Torch.zeros([3, 1]), Torch.zeros([3]))
        }
        #expect(stderrText(result).contains("Target size (torch.Size([3])) must be the same as input size (torch.Size([3, 1]))"))
    }

    @Test func mseLossShapeMismatchStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Functional.mseLoss(Torch.zeros([3, 2]), Torch.zeros([3]))
        }
        #expect(stderrText(result).contains("The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 1"))
    }

    @Test func softmaxOfIntegersStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.arange(3).softmax(dim: 0)
        }
        #expect(stderrText(result).contains("\"softmax_lastdim_kernel_impl\" not implemented for 'Long'"))
    }

    @Test func softmaxDimOutOfRangeStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([2, 3]).softmax(dim: 2)
        }
        #expect(stderrText(result).contains("Dimension out of range (expected to be in range of [-2, 1], but got 2)"))
    }

    @Test func geluWithUnknownApproximationStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Functional.gelu(Torch.zeros([2]), approximate: "fast")
        }
        #expect(stderrText(result).contains("approximate argument must be either none or tanh."))
    }

    @Test func geluOfIntegersStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Functional.gelu(Torch.arange(3))
        }
        #expect(stderrText(result).contains("\"GeluKernelImpl\" not implemented for 'Long'"))
    }

    @Test func dropoutProbabilityOutOfRangeStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Functional.dropout(Torch.zeros([2]), p: 1.5)
        }
        #expect(stderrText(result).contains("dropout probability has to be between 0 and 1, but got 1.5"))
    }

    @Test func batchNormWithOneValuePerChannelStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Functional.batchNorm(Torch.zeros([1, 4]), runningMean: Torch.zeros([4]), runningVar: Torch.ones([4]), training: true)
        }
        #expect(stderrText(result).contains("Expected more than 1 value per channel when training, got input size torch.Size([1, 4])"))
    }

    @Test func batchNormRunningMeanOfWrongSizeStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Functional.batchNorm(Torch.zeros([2, 4]), runningMean: Torch.zeros([3]), runningVar: Torch.ones([3]), training: true)
        }
        #expect(stderrText(result).contains("running_mean should contain 4 elements not 3"))
    }

    @Test func layerNormShapeMismatchStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Functional.layerNorm(Torch.zeros([2, 4]), normalizedShape: [3])
        }
        #expect(stderrText(result).contains("Given normalized_shape=[3], expected input with shape [*, 3], but got input of size[2, 4]"))
    }

    @Test func layerNormWeightShapeMismatchStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Functional.layerNorm(Torch.zeros([2, 4]), normalizedShape: [4], weight: Torch.ones([3]))
        }
        #expect(stderrText(result).contains("Expected weight to be of same shape as normalized_shape, but got weight of shape [3] and normalized_shape = [4]"))
    }

    @Test func groupNormIndivisibleChannelsStop() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Functional.groupNorm(Torch.zeros([2, 4]), numGroups: 3)
        }
        #expect(stderrText(result).contains("Expected number of channels in input to be divisible by num_groups, but got input of shape [2, 4] and num_groups=3"))
    }

    @Test func instanceNormSingleSpatialElementStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Functional.instanceNorm(Torch.zeros([2, 4, 1]))
        }
        #expect(stderrText(result).contains("Expected more than 1 spatial element when training, got input size torch.Size([2, 4, 1])"))
    }

    @Test func embeddingIndexOutOfRangeStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Functional.embedding(Tensor([1, 5]), weight: Torch.zeros([5, 3]))
        }
        #expect(stderrText(result).contains("index out of range in self"))
    }

    @Test func embeddingFloatIndicesStop() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Functional.embedding(Tensor([1.0, 2.0]), weight: Torch.zeros([5, 3]))
        }
        #expect(stderrText(result).contains("Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got torch.FloatTensor instead (while checking arguments for embedding)"))
    }

    @Test func oneHotClassTooLargeStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Functional.oneHot(Tensor([1, 5]), numClasses: 3)
        }
        #expect(stderrText(result).contains("Class values must be smaller than num_classes."))
    }

    @Test func oneHotNegativeClassStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Functional.oneHot(Tensor([1, -1]), numClasses: 3)
        }
        #expect(stderrText(result).contains("Class values must be non-negative."))
    }

    @Test func oneHotOfFloatsStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Functional.oneHot(Tensor([1.0, 2.0]))
        }
        #expect(stderrText(result).contains("one_hot is only applicable to index tensor of type LongTensor."))
    }

    @Test func gluOfOddDimensionStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Functional.glu(Torch.zeros([2, 3]))
        }
        #expect(stderrText(result).contains("Halving dimension must be even, but dimension 1 is size 3"))
    }

    @Test func hardtanhWithInvertedBoundsStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Functional.hardtanh(Torch.zeros([2]), minVal: 2, maxVal: 1)
        }
        #expect(stderrText(result).contains("min_val cannot be greater than max_val"))
    }

    @Test func preluWithWrongSlopeCountStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Functional.prelu(Torch.zeros([2, 3]), weight: Torch.ones([2]))
        }
        #expect(stderrText(result).contains("Mismatch of parameter numbers and input channel size. Found parameter numbers = 2 and channel size = 3."))
    }

    @Test func celuWithZeroAlphaStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Functional.celu(Torch.zeros([2]), alpha: 0)
        }
        #expect(stderrText(result).contains("alpha cannot be 0 for CELU"))
    }

    @Test func rreluWithInvertedBoundsStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Functional.rrelu(Torch.zeros([2]), lower: 0.5, upper: 0.2)
        }
        #expect(stderrText(result).contains("Lower bound should be less than or equal to the upper bound"))
    }

    @Test func smoothL1WithNegativeBetaStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Functional.smoothL1Loss(Torch.zeros([2]), Torch.zeros([2]), beta: -1)
        }
        #expect(stderrText(result).contains("smooth_l1_loss does not support negative values for beta."))
    }

    @Test func huberWithZeroDeltaStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Functional.huberLoss(Torch.zeros([2]), Torch.zeros([2]), delta: 0)
        }
        #expect(stderrText(result).contains("huber_loss does not support non-positive values for delta."))
    }

    @Test func dropout1dOfFourDimsStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Functional.dropout1d(Torch.zeros([2, 3, 4, 5]))
        }
        #expect(stderrText(result).contains("dropout1d: Expected 2D or 3D input, but received a 4D input."))
    }

    @Test func featureDropoutOfVectorStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Functional.dropout2d(Torch.zeros([2]))
        }
        #expect(stderrText(result).contains("Feature dropout requires at least 2 dimensions in the input"))
    }

    @Test func klDivWithUnknownReductionStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Functional.klDiv(Torch.zeros([2]), Torch.zeros([2]), reduction: "average")
        }
        #expect(stderrText(result).contains("average is not a valid value for reduction"))
    }
}
