import Testing
import Torch

/// clipGradNorm_, clipGradValue_ and the vector helpers, against PyTorch where it computes values.
@Suite struct GradClippingTests {
    nonisolated(unsafe) static let fixture = Fixture("optim")

    @Test(arguments: ["clip_grad_norm_l2", "clip_grad_norm_l1", "clip_grad_norm_inf", "clip_grad_norm_no_clip"])
    func clipGradNormScalesLikePyTorch(_ name: String) {
        let c = Self.fixture[name]
        let params = [c.inputs[0]!.tensor(requiresGrad: true), c.inputs[1]!.tensor(requiresGrad: true)]
        params[0].grad = c.inputs[2]!.tensor()
        params[1].grad = c.inputs[3]!.tensor()
        let normType = Double(c.extra["norm_type"] as! String)!
        let total = clipGradNorm_(params, maxNorm: Fixture.number(c.extra["max_norm"]!), normType: normType)
        expectMatches(total, c.outputs[0])
        expectMatches(params[0].grad!, c.outputs[1])
        expectMatches(params[1].grad!, c.outputs[2])
    }

    @Test func clipGradNormWithoutGradientsReturnsZero() {
        let total = clipGradNorm_([Torch.ones([2]).requiresGrad_()], maxNorm: 1)
        #expect(total.item() == 0)
    }

    @Test func clipGradValueClampsEachGradient() {
        let p = Torch.zeros([4]).requiresGrad_()
        p.grad = Tensor([-3.0, -0.5, 0.25, 2.0]).float()
        clipGradValue_([p], clipValue: 1)
        #expect(values(p.grad!) == [-1, -0.5, 0.25, 1])
    }

    @Test func parametersRoundTripThroughAVector() {
        let a = Tensor([[1.0, 2.0], [3.0, 4.0]]).float().requiresGrad_()
        let b = Tensor([5.0, 6.0]).float().requiresGrad_()
        let v = parametersToVector([a, b])
        #expect(v.shape == [6])
        #expect(values(v) == [1, 2, 3, 4, 5, 6])
        vectorToParameters(v * 2, [a, b])
        #expect(values(a) == [2, 4, 6, 8])
        #expect(values(b) == [10, 12])
        #expect(a.isLeaf && a.requiresGrad)
    }
}
