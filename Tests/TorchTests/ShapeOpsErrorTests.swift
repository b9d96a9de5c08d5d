import Testing
import Torch

/// Programmer errors in shape ops stop with PyTorch's messages.
@Suite struct ShapeOpsErrorTests {
    @Test func dimOutOfRangeStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([2, 3]).transpose(0, 2)
        }
        #expect(stderrText(result).contains("Dimension out of range (expected to be in range of [-2, 1], but got 2)"))
    }

    @Test func viewOfTransposedTensorStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([2, 3]).t().view([6])
        }
        #expect(stderrText(result).contains("view size is not compatible with input tensor's size and stride"))
    }

    @Test func catOfMismatchedShapesStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.cat([Torch.zeros([2, 2]), Torch.zeros([3, 2])], dim: 1)
        }
        #expect(stderrText(result).contains("Sizes of tensors must match except in dimension 1. Expected size 2 but got size 3 for tensor number 1 in the list."))
    }

    @Test func catOfDifferentRanksStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.cat([Torch.zeros([2, 2]), Torch.zeros([2])])
        }
        #expect(stderrText(result).contains("Tensors must have same number of dimensions: got 2 and 1"))
    }

    @Test func catOfScalarStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.cat([Torch.zeros([])])
        }
        #expect(stderrText(result).contains("zero-dimensional tensor (at position 0) cannot be concatenated"))
    }

    @Test func stackOfDifferentShapesStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.stack([Torch.zeros([2]), Torch.zeros([3])])
        }
        #expect(stderrText(result).contains("stack expects each tensor to be equal size, but got [2] at entry 0 and [3] at entry 1"))
    }

    @Test func narrowPastTheEndStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([3, 4]).narrow(0, 2, 2)
        }
        #expect(stderrText(result).contains("start (2) + length (2) exceeds dimension size (3)."))
    }

    @Test func narrowStartOutOfRangeStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([3, 4]).narrow(0, 4, 0)
        }
        #expect(stderrText(result).contains("start out of range (expected to be in range of [-3, 3], but got 4)"))
    }

    @Test func selectIndexOutOfRangeStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([3]).select(0, 5)
        }
        #expect(stderrText(result).contains("select(): index 5 out of range for tensor of size [3] at dimension 0"))
    }

    @Test func repeatWithFewerSizesThanDimsStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([3, 4]).repeat(2)
        }
        #expect(stderrText(result).contains("Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor"))
    }

    @Test func splitSizeZeroStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([3]).split(0)
        }
        #expect(stderrText(result).contains("split_size can only be 0 if dimension size is 0, but got dimension size of 3"))
    }

    @Test func splitSizesNotSummingStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([3]).split([1, 1])
        }
        #expect(stderrText(result).contains("split_with_sizes expects split_sizes to sum exactly to 3 (input tensor's size at dimension 0), but got split_sizes=[1, 1]"))
    }

    @Test func chunkZeroStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([3]).chunk(0)
        }
        #expect(stderrText(result).contains("chunk expects `chunks` to be greater than 0, got: 0"))
    }

    @Test func flattenWithReversedDimsStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([3, 4]).flatten(startDim: 1, endDim: 0)
        }
        #expect(stderrText(result).contains("flatten() has invalid args: start_dim cannot come after end_dim"))
    }

    @Test func unflattenWithWrongSizesStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([3]).unflatten(0, [2, 2])
        }
        #expect(stderrText(result).contains("unflatten: Provided sizes [2, 2] don't multiply up to the size of dim 0 (3) in the input tensor"))
    }

    @Test func trilOfVectorStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([3]).tril()
        }
        #expect(stderrText(result).contains("tril: input tensor must have at least 2 dimensions"))
    }

    @Test func flipWithRepeatedDimStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([3]).flip(0, 0)
        }
        #expect(stderrText(result).contains("dim 0 appears multiple times in the list of dims"))
    }

    @Test func rollWithMisalignedShiftsStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([3, 4]).roll([1, 2], dims: [0])
        }
        #expect(stderrText(result).contains("shifts and dimensions must align. shifts: 2, dims:1"))
    }

    @Test func expandOfNonSingletonDimStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([2, 3]).expand(3, 3)
        }
        #expect(stderrText(result).contains("The expanded size of the tensor (3) must match the existing size (2) at non-singleton dimension 0.  Target sizes: [3, 3].  Tensor sizes: [2, 3]"))
    }

    @Test func expandWithFewerSizesStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([2, 3]).expand(3)
        }
        #expect(stderrText(result).contains("expand(torch.FloatTensor{[2, 3]}, size=[3]): the number of sizes provided (1) must be greater or equal to the number of dimensions in the tensor (2)"))
    }

    @Test func permuteWithDuplicateDimsStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([2, 3]).permute(0, 0)
        }
        #expect(stderrText(result).contains("permute(): duplicate dims are not allowed."))
    }

    @Test func permuteWithWrongDimCountStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([2, 3]).permute(0)
        }
        #expect(stderrText(result).contains("input.dim() = 2 is not equal to len(dims) = 1"))
    }

    @Test func tOfThreeDimTensorStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([2, 3, 4]).t()
        }
        #expect(stderrText(result).contains("t() expects a tensor with <= 2 dimensions, but self is 3D"))
    }

    @Test func viewWithWrongElementCountStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([2, 3]).view(5)
        }
        #expect(stderrText(result).contains("shape '[5]' is invalid for input of size 6"))
    }

    @Test func viewWithTwoInferredDimsStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([2, 3]).view(-1, -1)
        }
        #expect(stderrText(result).contains("only one dimension can be inferred"))
    }

    @Test func unsqueezeOutOfRangeStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([2, 3]).unsqueeze(3)
        }
        #expect(stderrText(result).contains("Dimension out of range (expected to be in range of [-3, 2], but got 3)"))
    }

    @Test func movedimWithRepeatedSourceStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([2, 3, 4]).movedim([0, 0], [1, 2])
        }
        #expect(stderrText(result).contains("movedim: repeated dim in `source` ([0, 0])"))
    }
}
