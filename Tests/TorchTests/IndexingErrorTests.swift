import Testing
import Torch

/// Programmer errors in indexing stop with PyTorch's messages.
@Suite struct IndexingErrorTests {
    @Test func integerIndexOutOfBoundsStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([3])[5]
        }
        #expect(stderrText(result).contains("index 5 is out of bounds for dimension 0 with size 3"))
    }

    @Test func integerIndexOutOfBoundsNamesTheDim() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([3, 4])[.newAxis, .all, 5]
        }
        #expect(stderrText(result).contains("index 5 is out of bounds for dimension 2 with size 4"))
    }

    @Test func tooManyIndicesStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([2, 2])[0, 0, 0]
        }
        #expect(stderrText(result).contains("too many indices for tensor of dimension 2"))
    }

    @Test func maskShapeMismatchStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([4])[Tensor([true, false, true])]
        }
        #expect(stderrText(result).contains("The shape of the mask [3] at index 0 does not match the shape of the indexed tensor [4] at index 0"))
    }

    @Test func maskAssignmentShapeMismatchStopsBeforeWriting() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let x = Torch.zeros([3, 4])
            x[.all, Tensor([true, false, true])] = 1
        }
        #expect(stderrText(result).contains("The shape of the mask [3] at index 0 does not match the shape of the indexed tensor [3, 4] at index 1"))
    }

    @Test func gatherIndexOutOfRangeStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([2, 3]).gather(1, Tensor([[7]]))
        }
        #expect(stderrText(result).contains("index 7 is out of bounds for dimension 1 with size 3"))
    }

    @Test func floatIndexTensorStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([3])[Tensor([0.0])]
        }
        #expect(stderrText(result).contains("tensors used as indices must be long, int, byte or bool tensors"))
    }

    @Test func negativeStepStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([3])[.slice(step: -1)]
        }
        #expect(stderrText(result).contains("step must be greater than zero"))
    }

    @Test func zeroStepStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([3])[.slice(step: 0)]
        }
        #expect(stderrText(result).contains("slice step cannot be zero"))
    }

    @Test func indexTensorOutOfBoundsStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([3, 4])[.all, Tensor([0, 5])]
        }
        #expect(stderrText(result).contains("index 5 is out of bounds for dimension 1 with size 4"))
    }

    @Test func unbroadcastableIndexTensorsStop() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([3, 4])[Tensor([0, 1]), Tensor([0, 1, 2])]
        }
        #expect(stderrText(result).contains("shape mismatch: indexing tensors could not be broadcast together with shapes [2], [3]"))
    }

    @Test func unbroadcastableValuesStop() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let x = Torch.zeros([3, 4])
            x[Tensor([0])] = Torch.ones([3])
        }
        #expect(stderrText(result).contains("shape mismatch: value tensor of shape [3] cannot be broadcast to indexing result of shape [1, 4]"))
    }

    @Test func indexingZeroDimTensorStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor(1.0)[0]
        }
        #expect(stderrText(result).contains("invalid index of a 0-dim tensor"))
    }

    @Test func assigningIntoViewOfLeafStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let x = Torch.zeros([3], requiresGrad: true)
            x[0] = 1
        }
        #expect(stderrText(result).contains("a view of a leaf Variable that requires grad is being used in an in-place operation."))
    }

    @Test func scatterWithWrongIndexRankStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([3, 4]).scatter(1, Tensor([0]), Torch.ones([1, 1]))
        }
        #expect(stderrText(result).contains("Index tensor must have the same number of dimensions as self tensor"))
    }

    @Test func takeOutOfRangeStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([3, 4]).take(Tensor([12]))
        }
        #expect(stderrText(result).contains("out of range: tried to access index 12 on a tensor of 12 elements."))
    }

    @Test func indexSelectOutOfRangeStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([3, 4]).indexSelect(1, Tensor([5]))
        }
        #expect(stderrText(result).contains("INDICES element is out of DATA bounds, id=5 axis_dim=4"))
    }

    @Test func overlappingAssignmentStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let x = Torch.arange(6, dtype: .float32)
            x[1...] = x[..<5]
        }
        #expect(stderrText(result).contains("some elements of the input tensor and the written-to tensor refer to a single memory location"))
    }

    @Test func floatGatherIndexStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([3, 4]).gather(1, Tensor([[0.0]]))
        }
        #expect(stderrText(result).contains("gather(): Expected dtype int32/int64 for index"))
    }

    @Test func errorsNameTheCallersLine() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([3])[9]
        }
        #expect(stderrText(result).contains("IndexingErrorTests.swift"))
    }
}
