import Testing
import Torch

/// Dtypes, shapes, node names and numerics of reductions beyond the golden cases.
@Suite struct ReductionBehaviourTests {
    @Test func maxAlongDimDestructuresIntoValuesAndIndices() {
        let x = Tensor([[1.0, 5.0, 2.0], [7.0, 0.0, 7.0]])
        let (values, idx) = x.max(dim: 1)
        #expect(values.toArray(as: Float.self) == [5, 7])
        #expect(idx.toArray(as: Int64.self) == [1, 0])
        #expect(idx.dtype == .int64)
        let named = x.min(dim: 0, keepdim: true)
        #expect(named.values.shape == [1, 3])
        #expect(named.indices.toArray(as: Int64.self) == [0, 1, 0])
    }

    @Test func outputDtypesFollowPyTorch() {
        let ints = Tensor([[1, 2], [3, 4]], dtype: .int32)
        #expect(ints.sum().dtype == .int64)
        #expect(ints.prod(dim: 0).dtype == .int64)
        #expect(ints.cumsum(dim: 0).dtype == .int64)
        #expect(ints.max().dtype == .int32)
        #expect(ints.amax(dim: 1).dtype == .int32)
        #expect(ints.argmax().dtype == .int64)
        #expect(ints.all().dtype == .bool)
        #expect(Tensor([true, false]).prod().dtype == .int64)
        #expect(Tensor([1, 0], dtype: .uint8).any().dtype == .uint8)
        #expect(Tensor([1.0, 2.0], dtype: .float16).sum().dtype == .float16)
        #expect(Tensor([1.0, 2.0], dtype: .float16).max().dtype == .float16)
        #expect(Tensor([1.0, 2.0], dtype: .float64).norm().dtype == .float64)
        #expect(Tensor([1, 2, 3]).logsumexp(dim: 0).dtype == .float32)
    }

    @Test func nodeNamesMatchPyTorch() {
        let x = Tensor([[1.0, 5.0, 2.0], [7.0, 0.5, 3.0]], requiresGrad: true)
        let names: [(Tensor, String)] = [
            (x.sum(), "SumBackward0"), (x.sum(dim: 1), "SumBackward1"),
            (x.mean(), "MeanBackward0"), (x.mean(dim: 0), "MeanBackward1"),
            (x.prod(), "ProdBackward0"), (x.prod(dim: 1), "ProdBackward1"),
            (x.var(), "VarBackward0"), (x.std(dim: 1), "StdBackward0"),
            (x.varMean().var, "VarMeanBackward0"), (x.stdMean().mean, "StdMeanBackward0"),
            (x.max(), "MaxBackward1"), (x.min(), "MinBackward1"),
            (x.max(dim: 1).values, "MaxBackward0"), (x.min(dim: 1).values, "MinBackward0"),
            (x.amax(dim: 0), "AmaxBackward0"), (x.amin(dim: 0), "AminBackward0"),
            (x.logsumexp(dim: 1), "LogsumexpBackward0"), (x.norm(), "LinalgVectorNormBackward0"),
            (x.cumsum(dim: 1), "CumsumBackward0"), (x.cumprod(dim: 1), "CumprodBackward0"),
            (x.sort().values, "SortBackward0"), (x.topk(2).values, "TopkBackward0"),
        ]
        for (t, name) in names { #expect(t.gradFn == name) }
        #expect(x.max(dim: 1).indices.requiresGrad == false)
        #expect(x.argsort().requiresGrad == false)
    }

    @Test func floatSumsOfLongRowsAndColumnsStayAccurate() {
        // Inputs large enough for the blocked, multi-threaded paths, checked against float64 sums.
        let rows = Torch.arange(0, 3 * 5000).reshape([3, 5000]).double() * 0.001 + 0.1
        let cols = (Torch.arange(0, 1100 * 300).reshape([1100, 300]).double() * 0.001 - 100).tanh() * 3 + 0.5
        for (x, dims) in [(rows, [1]), (cols, [0]), (rows, [0, 1]), (cols, [1]), (cols.t(), [1])] {
            let expected = x.sum(dims: dims).toArray(as: Double.self)
            let actual = x.float().sum(dims: dims).toArray(as: Double.self)
            expectClose(actual, expected, rtol: 1e-6, atol: 1e-3)
        }
        let big = Torch.ones([300_000]) * 0.1
        expectClose([big.sum().item()], [30_000], rtol: 1e-6)
    }

    @Test func reductionsOfStridedViewsMatchContiguousCopies() {
        let x = (Torch.arange(0, 24).reshape([2, 3, 4]).double() * 0.13 - 1).tanh()
        let view = x.permute(2, 0, 1)
        let copy = view.contiguous()
        #expect(values(view.sum(dims: [0, 2])) == values(copy.sum(dims: [0, 2])))
        #expect(values(view.amax(dims: [1])) == values(copy.amax(dims: [1])))
        #expect(values(view.prod(dim: 2)) == values(copy.prod(dim: 2)))
        #expect(values(view.cumsum(dim: 1)) == values(copy.cumsum(dim: 1)))
        #expect(values(view.sort(dim: 0).indices) == values(copy.sort(dim: 0).indices))
        #expect(values(view.var(dims: [0, 1])) == values(copy.var(dims: [0, 1])))
    }

    @Test func emptyReductionsWithIdentityGiveTheIdentity() {
        let e = Torch.zeros([0, 3])
        #expect(values(e.sum(dim: 0)) == [0, 0, 0])
        #expect(values(e.prod(dim: 0)) == [1, 1, 1])
        #expect(values(e.all()) == [1])
        #expect(values(e.any()) == [0])
        #expect(values(e.logsumexp(dim: 0)) == [-.infinity, -.infinity, -.infinity])
        #expect(e.max(dim: 1).values.shape == [0])
        #expect(values(e.norm()) == [0])
    }

    @Test func maxGradientSplitsEvenlyAmongTies() {
        let x = Tensor([3.0, 1.0, 3.0, 3.0], requiresGrad: true)
        x.max().backward()
        expectClose(values(x.grad!), [1.0 / 3, 0, 1.0 / 3, 1.0 / 3])
        let y = Tensor([[2.0, 2.0, 1.0]], requiresGrad: true)
        y.max(dim: 1).values.sum().backward()
        #expect(values(y.grad!) == [1, 0, 0])
    }

    @Test func uniqueReturnsSortedValuesInverseAndCounts() {
        let x = Tensor([[4, 1], [4, 2]])
        let (u, inverse, counts) = x.unique(returnInverse: true, returnCounts: true)
        #expect(u.toArray(as: Int64.self) == [1, 2, 4])
        #expect(inverse!.shape == [2, 2])
        #expect(inverse!.toArray(as: Int64.self) == [2, 0, 2, 1])
        #expect(counts!.toArray(as: Int64.self) == [1, 1, 2])
        #expect(x.unique().inverse == nil)
    }

    @Test func topkOfWholeDimAndZeroAreAllowed() {
        let x = Tensor([3.0, 1.0, 2.0])
        #expect(values(x.topk(3).values) == [3, 2, 1])
        #expect(x.topk(0).values.shape == [0])
    }
}
