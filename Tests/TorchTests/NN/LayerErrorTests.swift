import Testing
import Torch

/// Layers given bad input stop with PyTorch's message.
@Suite struct LayerErrorTests {
    @Test func linearWithWrongInputSizeStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Linear(2, 1)(Torch.zeros([4, 3]))
        }
        #expect(stderrText(result).contains("mat1 and mat2 shapes cannot be multiplied (4x3 and 2x1)"))
    }

    @Test func linearWithoutBiasWithWrongInputSizeStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Linear(2, 1, bias: false)(Torch.zeros([2, 4, 3]))
        }
        #expect(stderrText(result).contains("mm: mat1 and mat2 shapes cannot be multiplied (8x3 and 2x1)"))
    }

    @Test func embeddingIndexOutOfRangeStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Embedding(5, 3)(Tensor([1, 7]))
        }
        #expect(stderrText(result).contains("index out of range in self"))
    }

    @Test func embeddingPaddingOutsideTheTableStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Embedding(5, 3, paddingIdx: 5)
        }
        #expect(stderrText(result).contains("Padding_idx must be within num_embeddings"))
    }

    @Test func dropoutProbabilityOutsideUnitIntervalStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Dropout(p: 1.5)
        }
        #expect(stderrText(result).contains("dropout probability has to be between 0 and 1, but got 1.5"))
    }
}

/// A regression found while writing Embedding's max_norm: `item(as:)` read a
/// converted copy after it was freed.
@Suite struct ItemConversionTests {
    @Test func itemAsDoubleOfFloatTensorReadsTheValue() {
        let n = (Torch.ones([3, 2]) * 3).select(0, 0).norm(p: 2)
        let value = n.item(as: Double.self)
        #expect(abs(value - 18.0.squareRoot()) < 1e-6)
    }
}

/// Bilinear and Embedding argument checks with PyTorch's messages.
@Suite struct BilinearEmbeddingErrorTests {
    @Test func bilinearWithWrongFirstInputSizeStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Bilinear(2, 3, 4)(Torch.zeros([5, 3]), Torch.zeros([5, 3]))
        }
        #expect(stderrText(result).contains("bilinear(): input1 size does not match weight size: got 3 but expected 2"))
    }

    @Test func bilinearWithMismatchedBatchStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Bilinear(2, 3, 4)(Torch.zeros([5, 2]), Torch.zeros([4, 3]))
        }
        #expect(stderrText(result).contains("bilinear(): input batch dimensions do not match at dim 0: got 5 and 4"))
    }

    @Test func embeddingWithFloatIndicesStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Embedding(5, 3)(Torch.zeros([2]))
        }
        #expect(stderrText(result).contains("Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got torch.FloatTensor instead (while checking arguments for embedding)"))
    }

    @Test func embeddingWithNegativeIndexStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Embedding(5, 3)(Tensor([-1]))
        }
        #expect(stderrText(result).contains("index out of range in self"))
    }
}
