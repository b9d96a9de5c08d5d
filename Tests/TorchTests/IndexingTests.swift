import Foundation
import Testing
import Torch

/// A float64 leaf with varied values, for gradchecks.
private func sample(_ shape: [Int]) -> Tensor {
    let n = shape.reduce(1, *)
    return Tensor.fromArray((0..<n).map { sin(Double($0) * 0.73) }, shape: shape).requiresGrad_()
}

/// `Torch.gradcheck`, callable inside `#expect`.
private func gradcheckPasses(_ fn: ([Tensor]) -> Tensor, inputs: [Tensor]) -> Bool {
    Torch.gradcheck(fn, inputs: inputs)
}

@Suite struct IndexingTests {
    @Test func basicIndexReturnsViewSharingStorage() {
        let x = Torch.arange(12, dtype: .float32).reshape([3, 4])
        let row = x[1]
        #expect(row.isView)
        row.mul_(2)
        #expect(values(x[1]) == [8, 10, 12, 14])
        let column = x[.all, 2]
        #expect(column.stride() == [4])
        #expect(values(column) == [2, 12, 10])
    }

    @Test func advancedIndexReturnsCopy() {
        let x = Torch.arange(6, dtype: .float32)
        let picked = x[[0, 2]]
        picked.fill_(-1)
        #expect(values(x) == [0, 1, 2, 3, 4, 5])
        #expect(!picked.isView)
    }

    @Test func assignmentWritesThroughViewsAndBumpsVersion() {
        let x = Torch.zeros([3, 4])
        let before = x.version
        x[0..<2, 1] = 5
        x[Tensor([2])] = Torch.ones([4])
        let v = x[.all, 3]
        v[0] = 7.5
        #expect(x.version > before)
        #expect(values(x) == [0, 5, 0, 7.5, 0, 5, 0, 0, 1, 1, 1, 1])
    }

    @Test func maskAssignmentBroadcastsScalar() {
        let x = Tensor([[1.0, -2.0], [-3.0, 4.0]])
        x[x > 0] = 0
        #expect(values(x) == [0, -2, -3, 0])
    }

    @Test func ellipsisAssignmentBroadcastsTensor() {
        let x = Torch.zeros([2, 2, 3])
        x[.ellipsis, 0] = Tensor([1.0, 2.0])
        #expect(values(x[.ellipsis, 0]) == [1, 2, 1, 2])
        #expect(values(x[.ellipsis, 1]) == [0, 0, 0, 0])
    }

    @Test func leadingSwiftEllipsisMatchesEllipsisItem() {
        let x = Torch.arange(24, dtype: .float32).reshape([2, 3, 4])
        #expect(values(x[..., 1]) == values(x[.ellipsis, 1]))
        #expect(x[...].shape == [2, 3, 4])
        x[..., 0] = 0
        x[..., 1] = Torch.ones([3])
        #expect(values(x[1, 2]) == [0, 1, 22, 23])
    }

    @Test func interleavedColumnsMayBeCopiedIntoEachOther() {
        let x = Torch.arange(6, dtype: .float32).reshape([3, 2])
        x[.all, 0] = x[.all, 1]
        #expect(values(x) == [1, 1, 3, 3, 5, 5])
    }

    @Test func compoundAssignmentWritesThroughBasicViews() {
        let x = Torch.zeros([2, 3])
        x[1] += 2
        x[[0]] = x[[0]] + 1
        #expect(values(x) == [1, 1, 1, 2, 2, 2])
    }

    @Test func compoundAssignmentWritesBackThroughAdvancedIndexes() {
        // PyTorch's x[idx] += v is getitem, iadd, setitem: the copy made by an
        // index tensor or mask is written back.
        let x = Torch.zeros([2, 3])
        x[[0]] += 1
        x[x > 0] *= 3
        x[Tensor([1]), Tensor([2])] -= 1
        #expect(values(x) == [3, 3, 3, 0, 0, -1])
    }

    @Test func numbersAssignThroughSubscripts() {
        let x = Torch.zeros([2, 3], dtype: .float64)
        let v = 2.5
        x[0, 0] = 1
        x[0, 1] = 0.5
        x[0, 2] = true
        x[1] = SubscriptScalar(v)
        x[..., 2] = 9
        #expect(values(x) == [1, 0.5, 9, 2.5, 2.5, 9])
        #expect(x[1, 0].scalar == .double(2.5))
    }

    @Test func zeroDimBoolIndexAddsDim() {
        let x = Torch.ones([2, 3])
        #expect(x[Tensor(true)].shape == [1, 2, 3])
        #expect(x[Tensor(false)].shape == [0, 2, 3])
    }

    @Test func separatedIndexTensorsMoveResultDimsFirst() {
        let x = Torch.zeros([2, 3, 4, 5])
        #expect(x[.all, [0, 1], [0, 1]].shape == [2, 2, 5])
        #expect(x[[0, 1], .all, [0, 1]].shape == [2, 3, 5])
        #expect(x[.all, [0], .all, [1, 2]].shape == [2, 2, 4])
    }

    @Test func inPlaceOnSelectedRowReachesBaseGradient() {
        let a = Torch.ones([2, 3], requiresGrad: true)
        let b = a.clone()
        b[0].mul_(3)
        b.sum().backward()
        #expect(b.gradFn == "CopySlices")
        #expect(values(a.grad!) == [3, 3, 3, 1, 1, 1])
    }

    @Test func indexedAssignmentUnderAutogradRoutesGradientToValues() {
        let a = Torch.ones([4], requiresGrad: true)
        let v = Tensor([2.0, 3.0], requiresGrad: true)
        let b = a.mul(2)
        b[[1, 3]] = v
        (b * Tensor([1.0, 2, 3, 4])).sum().backward()
        #expect(values(a.grad!) == [2, 0, 6, 0])
        #expect(values(v.grad!) == [2, 4])
    }

    @Test func nodesCarryPyTorchNames() {
        let x = Torch.ones([3, 4], requiresGrad: true)
        let idx = Tensor([[0, 1]])
        let names = [
            x[0].gradFn, x[0..<2].gradFn, x[.ellipsis].gradFn, x[.newAxis].gradFn, x[[0]].gradFn,
            x.gather(1, idx).gradFn, x.scatter(1, idx, 1.0).gradFn, x.scatter(1, idx, x[0..<1, 0..<2]).gradFn,
            x.scatterAdd(1, idx, x[0..<1, 0..<2]).gradFn, x.indexSelect(0, Tensor([1])).gradFn,
            x.indexAdd(0, Tensor([1]), x[0..<1]).gradFn, x.indexFill(0, Tensor([1]), 0).gradFn,
            x.take(Tensor([1])).gradFn, x.maskedSelect(x > 0).gradFn, x.indexPut([Tensor([1])], x[0]).gradFn,
        ]
        #expect(names == [
            "SelectBackward0", "SliceBackward0", "AliasBackward0", "UnsqueezeBackward0", "IndexBackward0",
            "GatherBackward0", "ScatterBackward1", "ScatterBackward0", "ScatterAddBackward0", "IndexSelectBackward0",
            "IndexAddBackward0", "IndexFillBackward0", "TakeBackward0", "MaskedSelectBackward0", "IndexPutBackward0",
        ])
    }

    @Test func indexPutAccumulatesRepeatedPositions() {
        let x = Torch.zeros([3])
        x.indexPut_([Tensor([0, 0, 2])], Tensor([1.0, 2.0, 3.0]), accumulate: true)
        #expect(values(x) == [3, 0, 3])
    }

    @Test func gatherAndScatterAcceptInt32Indices() {
        let x = Tensor([[1.0, 2.0], [3.0, 4.0]])
        let idx = Tensor([[1, 0], [1, 1]], dtype: .int32)
        #expect(values(x.gather(1, idx)) == [2, 1, 4, 4])
        #expect(values(Torch.zeros([2, 2]).scatter(1, idx, 7)) == [7, 7, 0, 7])
    }

    @Test func nonzeroListsPositionsRowMajor() {
        let x = Tensor([[0, 3], [5, 0]])
        #expect(x.nonzero().shape == [2, 2])
        #expect(x.nonzero().toArray(as: Int64.self) == [0, 1, 1, 0])
        let parts = x.nonzero(asTuple: true)
        #expect(parts.map { $0.toArray(as: Int64.self) } == [[0, 1], [1, 0]])
    }

    @Test func integerTensorsKeepTheirDType() {
        let x = Torch.arange(10).reshape([2, 5])
        x[.all, .slice(step: 2)] = 0
        #expect(x.dtype == .int64)
        #expect(x.toArray(as: Int64.self) == [0, 1, 0, 3, 0, 0, 6, 0, 8, 0])
    }

    @Test func secondDerivativeThroughIndexing() {
        let x = Tensor([1.0, 2.0, 3.0], requiresGrad: true)
        let y = x[[0, 0, 2]]
        let g = Torch.autograd.grad([(y * y * y).sum()], [x], createGraph: true)[0]!
        let h = Torch.autograd.grad([g.sum()], [x])[0]!
        #expect(values(g) == [6, 0, 27])
        #expect(values(h) == [12, 0, 18])
    }
}

/// Float64 finite-difference checks of every indexing backward rule.
@Suite struct IndexingGradcheckTests {
    @Test func basicIndexingGradients() {
        let x = sample([3, 4, 5])
        #expect(gradcheckPasses({ $0[0][1, .all, 0..<2] }, inputs: [x]))
        #expect(gradcheckPasses({ $0[0][.slice(0, 4, step: 2), .newAxis, .ellipsis, 1] }, inputs: [x]))
        #expect(gradcheckPasses({ $0[0].t2()[1...] }, inputs: [x]))
    }

    @Test func advancedIndexingGradients() {
        let x = sample([3, 4, 5])
        let mask = x.detach() > 0
        #expect(gradcheckPasses({ $0[0][[2, 0, 2]] }, inputs: [x]))
        #expect(gradcheckPasses({ $0[0][Tensor([0, 2]), .all, Tensor([[1], [4]])] }, inputs: [x]))
        #expect(gradcheckPasses({ $0[0][mask] }, inputs: [x]))
    }

    @Test func assignmentGradients() {
        let x = sample([3, 4])
        let v = sample([2, 4])
        let w = sample([4])
        let mask = x.detach() > 0
        #expect(gradcheckPasses({ t in let y = t[0].clone(); y[[2, 0]] = t[1]; return y }, inputs: [x, v]))
        #expect(gradcheckPasses({ t in let y = t[0].clone(); y[mask] = 0; return y }, inputs: [x]))
        #expect(gradcheckPasses({ t in let y = t[0].clone(); y[1] = t[1]; return y * y }, inputs: [x, w]))
        #expect(gradcheckPasses({ t in let y = t[0].clone(); y[.all, 1...].mul_(t[0][.all, ..<3]); return y }, inputs: [x]))
    }

    /// Backward rules are built from differentiable ops: check the gradient of
    /// each gradient (`create_graph`), through a cubic so it depends on the input.
    @Test func secondOrderGradients() {
        let x = sample([3, 4])
        func gradOf(_ f: @escaping (Tensor) -> Tensor) -> ([Tensor]) -> Tensor {
            { t in
                // gradcheck perturbs under noGrad; the inner gradient needs a graph.
                enableGrad {
                    let y = f(t[0])
                    return Torch.autograd.grad([(y * y * y).sum()], [t[0]], createGraph: true)[0]!
                }
            }
        }
        #expect(gradcheckPasses(gradOf { $0[[2, 0, 2]] }, inputs: [x]))
        #expect(gradcheckPasses(gradOf { $0[1, .slice(0, 4, step: 2)] }, inputs: [x]))
        #expect(gradcheckPasses(gradOf { $0[.newAxis, .all, 2] }, inputs: [x]))
        #expect(gradcheckPasses(gradOf { $0.gather(1, Tensor([[0, 0], [3, 1], [2, 2]])) }, inputs: [x]))
        #expect(gradcheckPasses(gradOf { $0.indexSelect(0, Tensor([1, 1])) }, inputs: [x]))
        #expect(gradcheckPasses(gradOf { $0.take(Tensor([0, 11, 0])) }, inputs: [x]))
        #expect(gradcheckPasses(gradOf { $0.maskedSelect(Tensor([true, false, false, true])) }, inputs: [x]))
        #expect(gradcheckPasses(gradOf { $0.scatter(1, Tensor([[1], [0], [3]]), 0.5) }, inputs: [x]))
    }

    @Test func indexOpGradients() {
        let x = sample([3, 4])
        let idx = Tensor([[0, 3], [3, 3], [1, 0]])
        let src = sample([3, 2])
        #expect(gradcheckPasses({ $0[0].gather(1, idx) }, inputs: [x]))
        #expect(gradcheckPasses({ $0[0].scatter(1, Tensor([[0, 3], [2, 1], [1, 0]]), $0[1]) }, inputs: [x, src]))
        #expect(gradcheckPasses({ $0[0].scatter(1, idx, 2.0) }, inputs: [x]))
        #expect(gradcheckPasses({ $0[0].scatterAdd(1, idx, $0[1]) }, inputs: [x, src]))
        #expect(gradcheckPasses({ $0[0].indexSelect(1, Tensor([3, 0, 3])) }, inputs: [x]))
        #expect(gradcheckPasses({ $0[0].indexAdd(0, Tensor([2, 2]), $0[1], alpha: 1.5) }, inputs: [x, sample([2, 4])]))
        #expect(gradcheckPasses({ $0[0].indexFill(1, Tensor([1]), 3) }, inputs: [x]))
        #expect(gradcheckPasses({ $0[0].take(Tensor([[11, 0], [0, 5]])) }, inputs: [x]))
        #expect(gradcheckPasses({ $0[0].maskedSelect(Tensor([true, false, true, true])) }, inputs: [x]))
        #expect(gradcheckPasses({ $0[0].indexPut([Tensor([1, 1]), Tensor([0, 2])], $0[1]) }, inputs: [x, sample([2])]))
        #expect(gradcheckPasses({ $0[0].indexPut([Tensor([1, 1])], $0[1], accumulate: true) }, inputs: [x, sample([4])]))
    }
}

extension Tensor {
    /// A transposed (non-contiguous) view of dims 0 and 2, for gradchecks on strided inputs.
    fileprivate func t2() -> Tensor { transpose(0, 2) }
}
