import Testing
@testable import Torch

/// Which shape ops share storage, the node names they record, and in-place
/// writes through views.
@Suite struct ShapeOpsViewTests {
    @Test func viewOpsShareStorageWithTheirInput() {
        let x = Torch.arange(24.0).reshape(2, 3, 4)
        let views: [Tensor] = [
            x.narrow(1, 1, 2), x.select(2, 3), x.flatten(), x.unflatten(2, [2, 2]), x.movedim(0, 2),
            x.swapaxes(0, 1), x.split(2, dim: 2)[1], x.chunk(2, dim: 0)[1], x.unbind(1)[2],
        ]
        for v in views { #expect(v.isView) }
        let copies: [Tensor] = [x.flip(0), x.roll([1]), x.repeat(1, 1, 1), x.tril(), Torch.cat([x, x]), Torch.stack([x])]
        for c in copies { #expect(!c.isView) }
    }

    @Test func selectReadsTheRightElements() {
        let x = Torch.arange(12.0).reshape(3, 4)
        #expect(values(x.select(1, -1)) == [3, 7, 11])
        #expect(x.select(0, 2).storageOffset == 8)
        #expect(values(x.t().select(0, 1).narrow(0, 1, 2)) == [5, 9])
    }

    @Test func fillThroughNarrowWritesIntoTheBase() {
        let x = Torch.arange(12.0).reshape(4, 3)
        x.narrow(0, 1, 2).fill_(0)
        #expect(values(x) == [0, 1, 2, 0, 0, 0, 0, 0, 0, 9, 10, 11])
        x.select(1, 2).fill_(-1)
        #expect(values(x) == [0, 1, -1, 0, 0, -1, 0, 0, -1, 9, 10, -1])
        x.t().narrow(0, 0, 1).zero_()
        #expect(values(x.select(1, 0)) == [0, 0, 0, 0])
    }

    @Test func splitPiecesWriteIntoTheBase() {
        let x = Torch.zeros([2, 5])
        let pieces = x.split(2, dim: 1)
        #expect(pieces.map(\.shape) == [[2, 2], [2, 2], [2, 1]])
        pieces[2].fill_(7)
        #expect(values(x) == [0, 0, 0, 0, 7, 0, 0, 0, 0, 7])
    }

    @Test func nodeNamesArePyTorchs() {
        let x = Torch.ones([3, 4], requiresGrad: true)
        let names: [(Tensor, String)] = [
            (x.narrow(0, 1, 2), "SliceBackward0"), (x.select(0, 1), "SelectBackward0"),
            (x.flatten(), "ViewBackward0"), (x.t().flatten(), "UnsafeViewBackward0"),
            (x.unflatten(1, [2, 2]), "ViewBackward0"), (x.split(2)[0], "SplitBackward0"),
            (x.split([1, 2])[0], "SplitWithSizesBackward0"), (x.chunk(2)[0], "SplitBackward0"),
            (x.unbind(0)[0], "UnbindBackward0"), (x.movedim(0, 1), "PermuteBackward0"),
            (x.swapaxes(0, 1), "TransposeBackward0"), (Torch.cat([x, x]), "CatBackward0"),
            (Torch.stack([x, x]), "StackBackward0"), (x.flip(0), "FlipBackward0"),
            (x.roll([1]), "RollBackward0"), (x.tril(), "TrilBackward0"), (x.triu(), "TriuBackward0"),
            (x.repeat(2, 1), "RepeatBackward0"), (Torch.hstack([x, x]), "CatBackward0"),
            (x.squeeze(), "SqueezeBackward0"), (x.unsqueeze(0), "UnsqueezeBackward0"),
        ]
        for (t, name) in names { #expect(t.gradFn == name) }
    }

    @Test func splitGradientFillsUnusedPiecesWithZeros() {
        let x = Torch.ones([5], requiresGrad: true)
        let pieces = x.split(2)
        (pieces[1] * 3).sum().backward()
        #expect(values(x.grad!) == [0, 0, 3, 3, 0])
    }

    @Test func catPromotesAndSkipsEmptyOneDimTensors() {
        let a = Tensor([[1, 2]], dtype: .int32)
        let b = Tensor([[0.5, 1.5]], dtype: .float32)
        let empty = Torch.zeros([0], dtype: .float64)
        let out = Torch.cat([empty, a, b])
        #expect(out.dtype == .float64)
        #expect(out.shape == [2, 2])
        #expect(values(out) == [1, 2, 0.5, 1.5])
    }

    @Test func chunkMayReturnFewerPieces() {
        let x = Torch.arange(6.0)
        #expect(x.chunk(4).map(\.shape) == [[2], [2], [2]])
        #expect(x.chunk(6).count == 6)
    }

    @Test func flipAndRollOfEmptyAndScalarTensors() {
        let e = Torch.zeros([0, 3])
        #expect(e.flip(0).shape == [0, 3])
        #expect(e.roll([1], dims: [0]).shape == [0, 3])
        let s = Tensor(2.5)
        #expect(values(s.flip([])) == [2.5])
        #expect(values(s.repeat(2)) == [2.5, 2.5])
    }

    @Test func copyIntoTransposedViewOfLargeMatrix() {
        let n = 300, m = 257
        let dst = Torch.zeros([n, m], dtype: .float64)
        dst.t().copy_(Torch.arange(Double(n * m), dtype: .float64).reshape(m, n))
        let v = values(dst)
        var ok = true
        for i in 0..<n {
            for j in 0..<m where v[i * m + j] != Double(j * n + i) { ok = false }
        }
        #expect(ok)
    }

    @Test func transposeContiguousCopiesLargeMatrices() {
        let n = 300, m = 257
        let x = Torch.arange(Double(n * m)).reshape(n, m)
        let y = x.t().contiguous()
        #expect(y.isContiguous)
        let v = values(y)
        var ok = true
        for i in 0..<m {
            for j in 0..<n where v[i * n + j] != Double(j * m + i) { ok = false }
        }
        #expect(ok)
        let f = Torch.arange(Double(64 * 96)).reshape(4, 16, 96).float().transpose(1, 2).contiguous()
        let expected: [Double] = (0..<16).map { (j: Int) -> Double in Double(3 * 16 * 96 + j * 96 + 5) }
        #expect(values(f.select(0, 3).select(0, 5)) == expected)
    }
}

/// The layout-based gradient of generic views (`viewOp` without a rule).
@Suite struct ViewBackwardTests {
    @Test func genericViewOfTransposedInputScattersThroughStrides() {
        let x = Torch.arange(12.0).reshape(3, 4).requiresGrad_()
        let xt = x.t()                       // [4, 3], strides [1, 4]
        var l = xt.layout                    // rows 1...2 of xt: a narrow by layout only
        l.offset += 1
        l.shape[0] = 2
        let v = xt.viewOp("AsStridedBackward0", l)
        #expect(values(v) == [1, 5, 9, 2, 6, 10])
        (v * Tensor([[1.0, 2, 3], [4, 5, 6]], dtype: .float64)).sum().backward()
        #expect(values(x.grad!) == [0, 1, 4, 0, 0, 2, 5, 0, 0, 3, 6, 0])
    }

    @Test func genericViewOfContiguousInputScattersThroughStrides() {
        let x = Torch.arange(6.0).reshape(2, 3).requiresGrad_()
        let diagonal = x.viewOp("AsStridedBackward0", Layout(shape: [2], strides: [4], offset: 0))
        #expect(values(diagonal) == [0, 4])
        diagonal.sum().backward()
        #expect(values(x.grad!) == [1, 0, 0, 0, 1, 0])
    }

    @Test func genericViewSecondDerivative() {
        let x = Torch.arange(6.0, dtype: .float64).reshape(2, 3).requiresGrad_()
        let d = x.viewOp("AsStridedBackward0", Layout(shape: [2], strides: [4], offset: 0))
        let g = Autograd.grad([(d * d * d).sum()], [x], createGraph: true)[0]!
        #expect(values(g) == [0, 0, 0, 0, 48, 0])
        let g2 = Autograd.grad([g.sum()], [x])[0]!
        #expect(values(g2) == [0, 0, 0, 0, 24, 0])
    }

    @Test func genericViewGradcheck() {
        let ok = Torch.gradcheck({ x in
            let xt = x[0].t()
            var l = xt.layout
            l.offset += 1
            l.shape[0] = 2
            return xt.viewOp("AsStridedBackward0", l) * 2
        }, inputs: [Torch.arange(12.0, dtype: .float64).reshape(3, 4).requiresGrad_()])
        #expect(ok)
    }

    @Test func rollByZeroDoesNotAliasTheInput() {
        let x = Torch.arange(4.0)
        let y = x.roll([0])
        y.fill_(9)
        #expect(values(x) == [0, 1, 2, 3])
    }
}

/// The views in Views.swift: shapes, strides and storage sharing.
@Suite struct BasicViewTests {
    @Test func transposeSwapsShapeAndStrides() {
        let x = Torch.zeros([2, 3, 4])
        let y = x.transpose(0, 2)
        #expect(y.shape == [4, 3, 2])
        #expect(y.stride() == [1, 4, 12])
        #expect(y.isView && !y.isContiguous)
    }

    @Test func squeezeVariantsDropOnlySizeOneDims() {
        let x = Torch.zeros([2, 1, 3, 1])
        #expect(x.squeeze().shape == [2, 3])
        #expect(x.squeeze(1).shape == [2, 3, 1])
        #expect(x.squeeze(0).shape == [2, 1, 3, 1])
        #expect(x.squeeze(dims: [1, -1]).shape == [2, 3])
        #expect(x.unsqueeze(0).shape == [1, 2, 1, 3, 1])
        #expect(x.unsqueeze(-1).shape == [2, 1, 3, 1, 1])
    }

    @Test func unsqueezeOfTransposedKeepsTheData() {
        let x = Torch.arange(6.0).reshape(2, 3).t()
        #expect(values(x.unsqueeze(1).squeeze(1)) == [0, 3, 1, 4, 2, 5])
        #expect(values(x.unsqueeze(2).view(3, 2)) == [0, 3, 1, 4, 2, 5])
    }

    @Test func expandUsesStrideZero() {
        let x = Tensor([1.0, 2.0, 3.0])
        let y = x.expand(2, -1)
        #expect(y.stride() == [0, 1])
        #expect(values(y) == [1, 2, 3, 1, 2, 3])
    }

    @Test func reshapeCopiesOnlyWhenItMust() {
        let x = Torch.arange(6.0).reshape(2, 3)
        #expect(x.reshape(3, 2).sharesStorage(with: x))
        #expect(!x.t().reshape(6).sharesStorage(with: x))
        #expect(values(x.t().reshape(6)) == [0, 3, 1, 4, 2, 5])
    }

    @Test func movedimWithListsKeepsTheOtherDimsInOrder() {
        let x = Torch.zeros([2, 3, 4, 5])
        #expect(x.movedim([0, 1], [2, 0]).shape == [3, 4, 2, 5])
        #expect(x.movedim([0, 1], [-1, 0]).shape == [3, 4, 5, 2])
        #expect(x.movedim(1, -1).shape == [2, 4, 5, 3])
    }

    @Test func bigTOfThreeDimsReversesDims() {
        #expect(Torch.zeros([2, 3, 4]).T.shape == [4, 3, 2])
    }
}
