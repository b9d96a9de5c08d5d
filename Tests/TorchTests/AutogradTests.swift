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
