import Testing
import Torch

/// Programmer errors in products, einsum and linalg stop with PyTorch's messages.
@Suite struct LinalgErrorTests {
    @Test func mismatchedMatrixShapesStop() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([64, 784]).matmul(Torch.zeros([128, 10]))
        }
        #expect(stderrText(result).contains("mm: mat1 and mat2 shapes cannot be multiplied (64x784 and 128x10)"))
    }

    @Test func mismatchedMatrixVectorShapesStop() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([3, 4]).mv(Torch.zeros([5]))
        }
        #expect(stderrText(result).contains("size mismatch, got input (3), mat (3x4), vec (5)"))
    }

    @Test func mismatchedDotLengthsStop() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([3]).matmul(Torch.zeros([4]))
        }
        #expect(stderrText(result).contains("inconsistent tensor size, expected tensor [3] and src [4] to have the same number of elements, but got 3 and 4 elements respectively"))
    }

    @Test func mismatchedBatchShapesStop() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([2, 3, 4]).bmm(Torch.zeros([2, 5, 6]))
        }
        #expect(stderrText(result).contains("Expected size for first two dimensions of batch2 tensor to be: [2, 4] but got: [2, 5]."))
    }

    @Test func mixedDtypeProductStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([3, 4]).mm(Torch.zeros([4, 5], dtype: .float64))
        }
        #expect(stderrText(result).contains("expected m1 and m2 to have the same dtype, but got: float != double"))
    }

    @Test func zeroDimensionalMatmulStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([]).matmul(Torch.zeros([4]))
        }
        #expect(stderrText(result).contains("both arguments to matmul need to be at least 1D, but they are 0D and 1D"))
    }

    @Test func boolProductStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([2, 2], dtype: .bool).mm(Torch.zeros([2, 2], dtype: .bool))
        }
        #expect(stderrText(result).contains("\"addmm_impl_cpu_\" not implemented for 'Bool'"))
    }

    @Test func einsumSubscriptCountMismatchStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.einsum("ij,jk", Torch.zeros([2, 3, 4]), Torch.zeros([3, 4]))
        }
        #expect(stderrText(result).contains("einsum(): the number of subscripts in the equation (2) does not match the number of dimensions (3) for operand 0 and no ellipsis was given"))
    }

    @Test func einsumSizeMismatchStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.einsum("ij,jk->ik", Torch.zeros([2, 3]), Torch.zeros([4, 4]))
        }
        #expect(stderrText(result).contains("einsum(): subscript j has size 4 for operand 1 which does not broadcast with previously seen size 3"))
    }

    @Test func einsumUnknownOutputSubscriptStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.einsum("ij,jk->iz", Torch.zeros([2, 3]), Torch.zeros([3, 4]))
        }
        #expect(stderrText(result).contains("einsum(): output subscript z does not appear in the equation for any input operand"))
    }

    @Test func einsumOperandCountMismatchStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.einsum("ij,jk->ik", Torch.zeros([2, 3]))
        }
        #expect(stderrText(result).contains("einsum(): fewer operands were provided than specified in the equation"))
    }

    @Test func einsumInvalidSubscriptStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.einsum("i1->i", Torch.zeros([2, 3]))
        }
        #expect(stderrText(result).contains("einsum(): invalid subscript given at index 1 in the equation string, subscripts must be in [a-zA-Z]"))
    }

    @Test func einsumRepeatedSubscriptOfDifferentSizesStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.einsum("ii->i", Torch.zeros([2, 3]))
        }
        #expect(stderrText(result).contains("einsum(): subscript i is repeated for operand 0 but the sizes don't match, 3 != 2"))
    }

    @Test func inverseOfSingularMatrixStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.linalg.inv(Tensor([[1.0, 2.0], [2.0, 4.0]]))
        }
        #expect(stderrText(result).contains("linalg.inv: The diagonal element 2 is zero, the inversion could not be completed because the input matrix is singular."))
    }

    @Test func inverseOfNonSquareMatrixStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.linalg.inv(Torch.zeros([3, 4]))
        }
        #expect(stderrText(result).contains("linalg.inv: A must be batches of square matrices, but they are 3 by 4 matrices"))
    }

    @Test func solveWithSingularMatrixStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.linalg.solve(Torch.zeros([3, 3]), Torch.zeros([3]))
        }
        #expect(stderrText(result).contains("torch.linalg.solve: The solver failed because the input matrix is singular."))
    }

    @Test func solveWithIncompatibleShapesStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.linalg.solve(Torch.eye(3), Torch.zeros([4]))
        }
        #expect(stderrText(result).contains("linalg.solve: Incompatible shapes of A and B for the equation AX = B (3x3 and 4x1)"))
    }

    @Test func determinantOfIntegerMatrixStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.linalg.det(Torch.zeros([3, 3], dtype: .int64))
        }
        #expect(stderrText(result).contains("linalg.det: Expected a floating point or complex tensor as input. Got Long"))
    }
}
