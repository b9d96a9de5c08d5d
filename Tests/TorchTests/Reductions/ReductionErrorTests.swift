import Testing
import Torch

/// Programmer errors stop with PyTorch's messages.
@Suite struct ReductionErrorTests {
    @Test func maxOfEmptyTensorStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([0]).max()
        }
        #expect(stderrText(result).contains("max(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument."))
    }

    @Test func aminOfEmptyTensorStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([2, 0]).amin()
        }
        #expect(stderrText(result).contains("amin(): Expected reduction dim to be specified for input.numel() == 0."))
    }

    @Test func argmaxOfEmptyTensorStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([0]).argmax()
        }
        #expect(stderrText(result).contains("argmax(): Expected reduction dim to be specified for input.numel() == 0."))
    }

    @Test func maxAlongEmptyDimStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([2, 0]).max(dim: 1)
        }
        #expect(stderrText(result).contains("max(): Expected reduction dim 1 to have non-zero size."))
    }

    @Test func topkBeyondDimSizeStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([3]).topk(4)
        }
        #expect(stderrText(result).contains("selected index k out of range"))
    }

    @Test func sumOverDimOutOfRangeStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([3]).sum(dim: 2)
        }
        #expect(stderrText(result).contains("Dimension out of range (expected to be in range of [-1, 0], but got 2)"))
    }

    @Test func sortOverDimOutOfRangeStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([2, 3]).sort(dim: -3)
        }
        #expect(stderrText(result).contains("Dimension out of range (expected to be in range of [-2, 1], but got -3)"))
    }

    @Test func meanOfIntegerTensorStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor([1, 2, 3]).mean()
        }
        #expect(stderrText(result).contains("mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: Long"))
    }

    @Test func varOfIntegerTensorStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor([1, 2, 3]).var()
        }
        #expect(stderrText(result).contains("std and var only support floating point and complex dtypes"))
    }

    @Test func infinityNormOfEmptyTensorStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([0]).norm(p: .infinity)
        }
        #expect(stderrText(result).contains("linalg.vector_norm cannot compute the inf norm on an empty tensor because the operation does not have an identity"))
    }

    @Test func repeatedReductionDimStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([2, 3]).amax(dims: [1, -1])
        }
        #expect(stderrText(result).contains("dim 1 appears multiple times in the list of dims"))
    }
}
