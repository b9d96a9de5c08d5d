import Testing
import Torch

/// Programmer errors stop the process with PyTorch's message.
@Suite struct ElementwiseErrorTests {
    @Test func broadcastMismatchStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.ones([2, 3]) + Torch.ones([2, 4])
        }
        #expect(stderrText(result).contains("The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1"))
    }

    @Test func broadcastMismatchInWhereStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.where(Torch.ones([2, 3]) > 0, Torch.ones([2, 3]), Torch.ones([2, 4]))
        }
        #expect(stderrText(result).contains("must match the size of tensor b (4) at non-singleton dimension 1"))
    }

    @Test func inPlaceFloatResultIntoLongStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor([1, 2, 3]).add_(Tensor([0.5, 0.5, 0.5]))
        }
        #expect(stderrText(result).contains("result type Float can't be cast to the desired output type Long"))
    }

    @Test func inPlaceExpOfLongStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor([1, 2, 3]).exp_()
        }
        #expect(stderrText(result).contains("result type Float can't be cast to the desired output type Long"))
    }

    @Test func inPlacePowWithFloatExponentOfLongStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor([1, 2, 3]).pow_(0.5)
        }
        #expect(stderrText(result).contains("result type Float can't be cast to the desired output type Long"))
    }

    @Test func inPlaceBroadcastThatGrowsTheTensorStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.ones([3]).clamp_(min: Torch.zeros([2, 3]))
        }
        #expect(stderrText(result).contains("output with shape [3] doesn't match the broadcast shape [2, 3]"))
    }

    @Test func boolSubtractionStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor([true, false]) - Tensor([true, true])
        }
        #expect(stderrText(result).contains("Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead."))
    }

    @Test func boolNegationStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = -Tensor([true, false])
        }
        #expect(stderrText(result).contains("Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead."))
    }

    @Test func integerToNegativePowerStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor([1, 2]) ** -1
        }
        #expect(stderrText(result).contains("Integers to negative integer powers are not allowed."))
    }

    @Test func integerRemainderByZeroStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor([1, 2]) % 0
        }
        #expect(stderrText(result).contains("ZeroDivisionError"))
    }

    @Test func bitwiseAndOfFloatsStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor([1.0]) & Tensor([1.0])
        }
        #expect(stderrText(result).contains("\"bitwise_and_cpu\" not implemented for 'Float'"))
    }

    @Test func invertOfFloatsStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = ~Tensor([1.0])
        }
        #expect(stderrText(result).contains("~ (operator.invert) is only implemented on integer and Boolean-type tensors"))
    }

    @Test func whereWithNonBoolConditionStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.where(Tensor([1, 0]), Tensor([1.0, 2.0]), Tensor([3.0, 4.0]))
        }
        #expect(stderrText(result).contains("where expected condition to be a boolean tensor, but got a tensor with dtype Long"))
    }

    @Test func maskedFillWithNonBoolMaskStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor([1.0, 2.0]).maskedFill(Tensor([1, 0]), 0)
        }
        #expect(stderrText(result).contains("masked_fill_ only supports boolean masks, but got mask with dtype long int"))
    }

    @Test func maskedFillWithVectorValueStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor([1.0, 2.0]).maskedFill(Tensor([true, false]), Tensor([1.0]))
        }
        #expect(stderrText(result).contains("masked_fill_ only supports a 0-dimensional value tensor, but got tensor with 1 dimension(s)."))
    }

    @Test func clampWithoutBoundsStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor([1.0]).clamp(min: nil as Double?, max: nil)
        }
        #expect(stderrText(result).contains("torch.clamp: At least one of 'min' or 'max' must not be None"))
    }

    @Test func lerpOfMixedDtypesStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor([1.0]).lerp(Tensor([1.0], dtype: .float64), 0.5)
        }
        #expect(stderrText(result).contains("expected dtype float for `end` but got dtype double"))
    }

    @Test func iscloseOfMixedDtypesStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor([1]).isclose(Tensor([1.0]))
        }
        #expect(stderrText(result).contains("Long did not match Float"))
    }

    @Test func absOfBoolStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor([true]).abs()
        }
        #expect(stderrText(result).contains("\"abs_cpu\" not implemented for 'Bool'"))
    }

    @Test func errorsNameTheCallersLine() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor([1, 2]).pow(-1)
        }
        #expect(stderrText(result).contains("ElementwiseErrorTests.swift"))
    }
}
