import Testing
import Torch

@Suite struct AutogradTests {
    @Test func squareGradientIsTwiceTheInput() {
        let x = Tensor([[1.0, 2.0], [3.0, 4.0]], requiresGrad: true)
        let y = (x * x).sum()
        y.backward()
        #expect(x.grad!.toArray(as: Float.self) == [2, 4, 6, 8])
        #expect(y.gradFn == "SumBackward0")
    }

    @Test func broadcastAddReducesGradientToInputShape() {
        let a = Torch.ones([2, 3], requiresGrad: true)
        let b = Torch.ones([3], requiresGrad: true)
        (a + b).sum().backward()
        #expect(b.grad!.shape == [3])
        #expect(b.grad!.toArray(as: Float.self) == [2, 2, 2])
    }

    @Test func inPlaceOnViewRoutesGradientThroughCopySlices() {
        let b = Torch.zeros([3], requiresGrad: true)
        let c = b.clone()
        c.view([3]).mul_(2)
        (c * Tensor([1.0, 2, 3])).exp().sum().backward()
        #expect(c.gradFn == "CopySlices")
        #expect(b.grad!.toArray(as: Float.self) == [2, 4, 6])
    }

    @Test func createGraphGivesSecondDerivative() {
        let x = Tensor([1.0, 2.0], requiresGrad: true)
        let g = Torch.autograd.grad([(x * x * x).sum()], [x], createGraph: true)[0]!
        let h = Torch.autograd.grad([g.sum()], [x])[0]!
        #expect(g.toArray(as: Float.self) == [3, 12])
        #expect(h.toArray(as: Float.self) == [6, 12])
    }

    @Test func requiresGradOnIntegerTensorStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor([1, 2]).requiresGrad_()
        }
        #expect(stderrText(result).contains("only Tensors of floating point and complex dtype can require gradients"))
        #expect(stderrText(result).contains("AutogradTests.swift"))
    }

    @Test func modifiedSavedTensorIsReported() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let x = Tensor([1.0, 2.0], requiresGrad: true)
            let y = x.exp()
            y.add_(1)
            y.sum().backward()
        }
        #expect(stderrText(result).contains("one of the variables needed for gradient computation has been modified by an inplace operation: [torch.FloatTensor [2]], which is output 0 of ExpBackward0, is at version 1; expected version 0 instead."))
    }
}

@Suite struct AutogradBehaviourTests {
    @Test func gradientsAccumulateAcrossBackwardCalls() {
        let x = Tensor([1.0, 2.0], requiresGrad: true)
        (x * 3).sum().backward()
        (x * 3).sum().backward()
        #expect(x.grad!.toArray(as: Float.self) == [6, 6])
        x.grad!.zero_()
        #expect(x.grad!.toArray(as: Float.self) == [0, 0])
    }

    @Test func nonScalarBackwardTakesGradient() {
        let x = Tensor([1.0, 2.0, 3.0], requiresGrad: true)
        let y = x * x
        y.backward(gradient: Tensor([1.0, 0.1, 0.01]))
        #expect(values(x.grad!) == [2, Double(Float(0.4)), Double(Float(0.06))])
    }

    @Test func noGradStopsRecording() {
        let x = Tensor([1.0], requiresGrad: true)
        let y = Torch.noGrad { x * 2 }
        #expect(!y.requiresGrad)
        #expect(y.gradFn == nil)
        let z = Torch.noGrad { Torch.enableGrad { x * 2 } }
        #expect(z.requiresGrad)
        let enabled = Torch.isGradEnabled()
        #expect(enabled)
    }

    @Test func leafAndNonLeafFlags() {
        let x = Tensor([1.0], requiresGrad: true)
        let y = x * 2
        #expect(x.isLeaf && !y.isLeaf)
        #expect(y.requiresGrad)
        #expect(y.gradFn == "MulBackward0")
        let d = y.detach()
        #expect(d.isLeaf && !d.requiresGrad)
        #expect(Tensor([1.0]).isLeaf)
    }

    @Test func retainGradKeepsNonLeafGradient() {
        let x = Tensor([1.0, 2.0], requiresGrad: true)
        let y = x * 2
        y.retainGrad()
        (y * y).sum().backward()
        #expect(y.retainsGrad)
        #expect(y.grad!.toArray(as: Float.self) == [4, 8])
        #expect(x.grad!.toArray(as: Float.self) == [8, 16])
    }

    @Test func hooksSeeAndReplaceGradients() {
        let x = Tensor([1.0, 2.0], requiresGrad: true)
        var seen: [Float] = []
        x.registerHook { g in seen = g.toArray(as: Float.self); return g * 10 }
        let y = x * 3
        y.registerHook { g in g + 1 }
        y.sum().backward()
        #expect(seen == [6, 6])
        #expect(x.grad!.toArray(as: Float.self) == [60, 60])
    }

    @Test func retainGraphAllowsSecondBackward() {
        let x = Tensor([2.0], requiresGrad: true)
        let y = x.exp().sum()
        y.backward(retainGraph: true)
        y.backward()
        expectClose(values(x.grad!), [2 * Double(Float(7.389056))], rtol: 1e-6)
    }

    @Test func secondBackwardWithoutRetainGraphStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let x = Tensor([2.0], requiresGrad: true)
            let y = x.exp().sum()
            y.backward()
            y.backward()
        }
        #expect(stderrText(result).contains("Trying to backward through the graph a second time"))
    }

    @Test func implicitGradientNeedsScalar() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let x = Tensor([1.0, 2.0], requiresGrad: true)
            (x * 2).backward()
        }
        #expect(stderrText(result).contains("grad can be implicitly created only for scalar outputs"))
    }

    @Test func backwardOfTensorWithoutGradStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            Tensor([1.0, 2.0]).sum().backward()
        }
        #expect(stderrText(result).contains("element 0 of tensors does not require grad and does not have a grad_fn"))
    }

    @Test func inPlaceOnLeafRequiringGradStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let x = Tensor([1.0, 2.0], requiresGrad: true)
            x.mul_(2)
        }
        #expect(stderrText(result).contains("a leaf Variable that requires grad is being used in an in-place operation."))
    }

    @Test func inPlaceOnLeafUnderNoGradIsAllowed() {
        let x = Tensor([1.0, 2.0], requiresGrad: true)
        Torch.noGrad { x.mul_(2) }
        #expect(x.toArray(as: Float.self) == [2, 4])
        #expect(x.version == 1)
    }

    @Test func autogradGradLeavesDotGradUntouched() {
        let x = Tensor([1.0, 2.0], requiresGrad: true)
        let g = Torch.autograd.grad([(x * x).sum()], [x])
        #expect(g[0]!.toArray(as: Float.self) == [2, 4])
        #expect(x.grad == nil)
    }

    @Test func unusedInputNeedsAllowUnused() async {
        let x = Tensor([1.0], requiresGrad: true)
        let y = Tensor([1.0], requiresGrad: true)
        let g = Torch.autograd.grad([(x * 2).sum()], [x, y], allowUnused: true)
        #expect(g[1] == nil)
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let x = Tensor([1.0], requiresGrad: true)
            let y = Tensor([1.0], requiresGrad: true)
            _ = Torch.autograd.grad([(x * 2).sum()], [x, y])
        }
        #expect(stderrText(result).contains("One of the differentiated Tensors appears to not have been used in the graph"))
    }

    @Test func mixedPrecisionGradientsTakeInputDType() {
        let a = Tensor([1.0, 2.0], requiresGrad: true)  // float32
        let b = Tensor([3.0, 4.0], dtype: .float64, requiresGrad: true)
        let y = a * b
        #expect(y.dtype == .float64)
        y.sum().backward()
        #expect(a.grad!.dtype == .float32)
        #expect(b.grad!.dtype == .float64)
        #expect(a.grad!.toArray(as: Float.self) == [3, 4])
    }

    @Test func versionCounterIsSharedByViews() {
        let x = Torch.zeros([4])
        let v = x.view([2, 2])
        v.add_(1)
        #expect(x.version == 1 && v.version == 1)
        #expect(x.toArray(as: Float.self) == [1, 1, 1, 1])
    }

    @Test func requiresGradOnNonLeafCannotBeCleared() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let x = Tensor([1.0], requiresGrad: true)
            (x * 2).requiresGrad_(false)
        }
        #expect(stderrText(result).contains("you can only change requires_grad flags of leaf variables."))
    }
}
