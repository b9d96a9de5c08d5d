import Testing
import Torch

/// Node names, dtypes and shapes of the products, checked against what PyTorch records.
@Suite struct LinalgBehaviourTests {
    private func leaf(_ shape: [Int]) -> Tensor {
        Torch.ones(shape, requiresGrad: true)
    }

    @Test func matmulRecordsPyTorchNodeNames() {
        let cases: [([Int], [Int], String)] = [
            ([3], [3], "DotBackward0"), ([2, 3], [3], "MvBackward0"), ([3], [3, 4], "SqueezeBackward4"),
            ([2, 3], [3, 4], "MmBackward0"), ([5, 2, 3], [3, 4], "UnsafeViewBackward0"),
            ([2, 3], [5, 3, 4], "CloneBackward0"), ([5, 2, 3], [5, 3, 4], "UnsafeViewBackward0"),
            ([3], [5, 3, 4], "UnsafeViewBackward0"), ([5, 2, 3], [3], "UnsafeViewBackward0"),
        ]
        for (a, b, name) in cases {
            let out = leaf(a).matmul(leaf(b))
            #expect(out.gradFn == name, "\(a) x \(b)")
        }
    }

    @Test func productsRecordPyTorchNodeNames() {
        let bmm = leaf([2, 2, 3]).bmm(leaf([2, 3, 4]))
        let addmm = Torch.addmm(leaf([4]), leaf([2, 3]), leaf([3, 4]))
        let baddbmm = Torch.baddbmm(leaf([4]), leaf([2, 2, 3]), leaf([2, 3, 4]))
        let outer = leaf([3]).outer(leaf([2]))
        let inv = Torch.linalg.inv(Torch.eye(3).requiresGrad_())
        let det = Torch.linalg.det(Torch.eye(3).requiresGrad_())
        let solve = Torch.linalg.solve(Torch.eye(3).requiresGrad_(), leaf([3]))
        #expect(bmm.gradFn == "BmmBackward0")
        #expect(addmm.gradFn == "AddmmBackward0")
        #expect(baddbmm.gradFn == "BaddbmmBackward0")
        #expect(outer.gradFn == "MulBackward0")
        #expect(inv.gradFn == "LinalgInvExBackward0")
        #expect(det.gradFn == "LinalgDetBackward0")
        #expect(solve.gradFn == "LinalgSolveExBackward0")
    }

    @Test func matmulShapesFollowBroadcastRules() {
        let a = Torch.ones([5, 1, 2, 3]), b = Torch.ones([4, 3, 6])
        let batched = a.matmul(b)
        let vectorLeft = Torch.ones([3]).matmul(Torch.ones([7, 3, 2]))
        let vectorRight = Torch.ones([7, 2, 3]) • Torch.ones([3])
        #expect(batched.shape == [5, 4, 2, 6])
        #expect(batched.toArray(as: Float.self).allSatisfy { $0 == 3 })
        #expect(vectorLeft.shape == [7, 2])
        #expect(vectorRight.shape == [7, 2])
    }

    @Test func transposedOperandsAreReadInPlaceAndGiveTheSameProduct() {
        let a = Tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
        let b = Tensor([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
        let viaTranspose = a.t().t().mm(b.t().contiguous().t())
        let direct = a.mm(b)
        #expect(viaTranspose.toArray(as: Float.self) == direct.toArray(as: Float.self))
        #expect(direct.toArray(as: Float.self) == [4, 5, 10, 11])
        // Matrices whose rows and columns both have non-unit strides are copied before BLAS.
        let x = Torch.arange(8, dtype: .float32).reshape([2, 2, 2]).permute(2, 0, 1)
        let y = Torch.arange(8, dtype: .float32).reshape([2, 2, 2])
        #expect(x.bmm(y).toArray(as: Float.self) == x.contiguous().bmm(y).toArray(as: Float.self))
        #expect(x.bmm(y).toArray(as: Float.self) == [4, 6, 12, 22, 22, 26, 62, 74])  // from PyTorch
    }

    @Test func manySmallMatricesSplitAcrossCoresMatchOneFoldedProduct() {
        // bmm of 8 small matrices takes the per-batch parallel path; matmul of
        // a 3-d by a 2-d tensor folds the batch into one large product.
        let a = (Torch.arange(8 * 32 * 32, dtype: .float32) / 4096).reshape([8, 32, 32])
        let b = (Torch.arange(32 * 32, dtype: .float32) / 1024).reshape([32, 32])
        let batched = a.bmm(b.unsqueeze(0).expand([8, 32, 32]))
        let folded = a.matmul(b)
        expectClose(values(batched), values(folded), rtol: 1e-5, atol: 1e-4)
    }

    @Test func integerProductsStayInteger() {
        let a = Tensor([[1, 2], [3, 4]]), b = Tensor([[5, 6], [7, 8]])
        let product = a.mm(b)
        #expect(product.dtype == .int64)
        #expect(product.toArray(as: Int.self) == [19, 22, 43, 50])
    }

    @Test func addmmWithZeroBetaIgnoresNaNInput() {
        let input = Torch.full([2, 2], Double.nan)
        let out = input.addmm(Torch.eye(2), Torch.ones([2, 2]), beta: 0)
        #expect(out.toArray(as: Float.self) == [1, 1, 1, 1])
    }

    @Test func einsumOfTransposedOperandsBackpropagates() {
        let a = Torch.ones([3, 2], requiresGrad: true)
        let b = Torch.ones([3, 4], requiresGrad: true)
        let out = Torch.einsum("ij,jk->ik", a.t(), b)
        out.sum().backward()
        #expect(out.shape == [2, 4])
        #expect(a.grad!.toArray(as: Float.self) == Array(repeating: 4, count: 6))
        #expect(b.grad!.toArray(as: Float.self) == Array(repeating: 2, count: 12))
    }

    @Test func tensorMethodsMatchLinalgNamespace() {
        let a = Tensor([[2.0, 1.0], [1.0, 3.0]], dtype: .float64)
        let viaFree = Torch.inverse(a)
        let viaNamespace = Torch.linalg.inv(a)
        #expect(values(a.inverse()) == values(viaNamespace))
        #expect(values(viaFree) == values(viaNamespace))
        #expect(a.det().item() == Torch.linalg.det(a).item())
        // inv(a) @ a is the identity.
        expectClose(values(a.inverse() • a), [1, 0, 0, 1], atol: 1e-12)
    }

    @Test func einsumSumsEllipsisDimsLeftOutOfTheOutput() {
        let out = Torch.einsum("...ij->ij", Torch.ones([4, 2, 3]))
        #expect(out.shape == [2, 3])
        #expect(values(out) == Array(repeating: 4, count: 6))
    }

    @Test func determinantOfSingularMatrixIsZero() {
        let d = Torch.linalg.det(Tensor([[1.0, 2.0], [2.0, 4.0]], dtype: .float64))
        #expect(d.item() == 0)
    }
}
