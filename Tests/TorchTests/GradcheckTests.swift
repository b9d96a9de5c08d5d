import Testing
import Torch

@Suite struct GradcheckTests {
    @Test func gradcheckAcceptsCorrectRules() {
        let x = Tensor([[0.5, -1.0], [2.0, 0.25]], dtype: .float64, requiresGrad: true)
        let y = Tensor([1.5, -0.5], dtype: .float64, requiresGrad: true)
        let product = Torch.gradcheck({ ($0[0] * $0[1]).exp() / ($0[1] + 3) }, inputs: [x, y])
        let transposedSqrt = Torch.gradcheck({ $0[0].t().sqrt().sum(dim: 0) }, inputs: [x.detach().add(3).requiresGrad_()])
        #expect(product)
        #expect(transposedSqrt)
    }

    @Test func gradcheckRejectsWrongRules() {
        // detach() hides half of the product rule, so the analytic gradient is wrong.
        let x = Tensor([0.3, 0.7], dtype: .float64, requiresGrad: true)
        let wrong = Torch.gradcheck({ $0[0].detach() * $0[0] }, inputs: [x])
        #expect(!wrong)
    }
}
