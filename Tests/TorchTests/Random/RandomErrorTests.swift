import Testing
import Torch

/// Programmer errors of the random ops stop with PyTorch's messages.
@Suite struct RandomErrorTests {
    @Test func randintWithEmptyRangeStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.randint(5, 5, [3])
        }
        #expect(stderrText(result).contains("random_ expects 'from' to be less than 'to', but got from=5 >= to=5"))
    }

    @Test func randomOutsideUInt8RangeStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.empty([3], dtype: .uint8).random_(from: 0, to: 300)
        }
        #expect(stderrText(result).contains("to - 1 is out of bounds for unsigned char"))
    }

    @Test func multinomialWithNegativeProbabilityStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.multinomial(Tensor([0.1, -0.2]), numSamples: 1)
        }
        #expect(stderrText(result).contains("probability tensor contains either `inf`, `nan` or element < 0"))
    }

    @Test func multinomialWithReplacementAndNegativeProbabilityStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.multinomial(Tensor([0.1, -0.2]), numSamples: 3, replacement: true)
        }
        #expect(stderrText(result).contains("invalid multinomial distribution (encountering probability entry < 0)"))
    }

    @Test func multinomialWithTooManySamplesWithoutReplacementStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.multinomial(Tensor([0.1, 0.2]), numSamples: 3)
        }
        #expect(stderrText(result).contains("cannot sample n_sample > prob_dist.size(-1) samples without replacement"))
    }

    @Test func multinomialWithZeroSumStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.multinomial(Tensor([0.0, 0.0]), numSamples: 1)
        }
        #expect(stderrText(result).contains("invalid multinomial distribution (sum of probabilities <= 0)"))
    }

    @Test func multinomialOfIntegersStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.multinomial(Tensor([1, 2]), numSamples: 1)
        }
        #expect(stderrText(result).contains("multinomial only supports floating-point dtypes for input, got: Long"))
    }

    @Test func multinomialOf3dInputStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.multinomial(Torch.ones([2, 2, 2]), numSamples: 1)
        }
        #expect(stderrText(result).contains("prob_dist must be 1 or 2 dim"))
    }

    @Test func bernoulliWithPAboveOneStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.empty([3]).bernoulli_(p: 1.5)
        }
        #expect(stderrText(result).contains("bernoulli_ expects p to be in [0, 1], but got p=1.5"))
    }

    @Test func bernoulliWithNegativePStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.bernoulli(Torch.zeros([3]), p: -0.5)
        }
        #expect(stderrText(result).contains("bernoulli_ expects p to be in [0, 1], but got p=-0.5"))
    }

    @Test func bernoulliOfProbabilityTensorOutsideUnitIntervalStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.bernoulli(Tensor([0.5, 1.5]))
        }
        #expect(stderrText(result).contains("Expected p_in >= 0 && p_in <= 1 to be true, but got false."))
    }

    @Test func exponentialWithZeroRateStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.empty([3]).exponential_(lambd: 0)
        }
        #expect(stderrText(result).contains("exponential_ expects lambda > 0.0, but found lambda=0"))
    }

    @Test func exponentialOfIntegersStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.empty([3], dtype: .int64).exponential_()
        }
        #expect(stderrText(result).contains("Exponential distribution is a continuous probability distribution. dtype must be a floating point but you specified Long"))
    }

    @Test func normalWithNegativeStdStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.normal(mean: 0, std: -1, size: [3])
        }
        #expect(stderrText(result).contains("normal expects std >= 0.0, but found std -1"))
    }

    @Test func normalWithNegativeStdTensorStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.normal(mean: Torch.zeros([3]), std: -Torch.ones([3]))
        }
        #expect(stderrText(result).contains("normal expects all elements of std >= 0.0"))
    }

    @Test func uniformWithReversedBoundsStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.empty([3]).uniform_(from: 2, to: 1)
        }
        #expect(stderrText(result).contains("uniform_ expects to return a [from, to) range, but found from=2 > to=1"))
    }

    @Test func randOfIntegersStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.rand([3], dtype: .int64)
        }
        #expect(stderrText(result).contains("\"check_uniform_bounds\" not implemented for 'Long'"))
    }

    @Test func randnOfIntegersStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.randn([3], dtype: .int64)
        }
        #expect(stderrText(result).contains("\"normal_kernel_cpu\" not implemented for 'Long'"))
    }

    @Test func randpermOfNegativeCountStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.randperm(-1)
        }
        #expect(stderrText(result).contains("Trying to create tensor with negative dimension -1: [-1]"))
    }

    @Test func dropoutWithPAboveOneStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.dropout(Torch.ones([3]), p: 1.5)
        }
        #expect(stderrText(result).contains("dropout probability has to be between 0 and 1, but got 1.5"))
    }

    @Test func randomFillOfLeafRequiringGradStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([3], requiresGrad: true).uniform_()
        }
        #expect(stderrText(result).contains("a leaf Variable that requires grad is being used in an in-place operation."))
    }
}

/// The bounds messages name the C++ element type, as PyTorch's do.
@Suite struct RandomBoundsErrorTests {
    @Test func randomBelowInt8RangeStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.empty([3], dtype: .int8).random_(from: -1000, to: 5)
        }
        #expect(stderrText(result).contains("from is out of bounds for signed char"))
    }

    @Test func randomAboveInt16RangeStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.empty([3], dtype: .int16).random_(from: 0, to: 10_000_000_000)
        }
        #expect(stderrText(result).contains("to - 1 is out of bounds for short int"))
    }
}
