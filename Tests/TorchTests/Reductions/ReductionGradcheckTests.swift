import Testing
import Torch

/// Float64 finite-difference checks of every differentiable reduction's backward rule.
@Suite struct ReductionGradcheckTests {
    static func input(_ shape: [Int], seed: Int = 0) -> Tensor {
        // Distinct, well-separated values so ties and kinks stay away from the perturbation.
        let n = shape.reduce(1, *)
        var values: [Double] = []
        for i in 0..<n {
            let spread = Double((i * 7 + seed * 3) % (n + 3)) * 0.37
            values.append(spread - 1.9 + Double(i) * 0.011)
        }
        return Tensor.fromArray(values, shape: shape).requiresGrad_()
    }

    static var ops: [(String, ([Tensor]) -> Tensor)] { [
        ("sum", { $0[0].sum(dims: [0, 2]) }),
        ("mean", { $0[0].mean(dim: 1, keepdim: true) }),
        ("prod", { $0[0].prod(dim: 1) }),
        ("prodAll", { $0[0].prod() }),
        ("var", { $0[0].var(dim: 1) }),
        ("varCorrection0", { $0[0].var(dims: [0, 2], correction: 0, keepdim: true) }),
        ("std", { $0[0].std() }),
        ("stdDim", { $0[0].std(dim: 2) }),
        ("varMean", { let (v, m) = $0[0].varMean(dims: [1]); return v + m * 2 }),
        ("stdMean", { let (s, m) = $0[0].stdMean(); return s * 3 + m }),
        ("max", { $0[0].max() }),
        ("minDim", { $0[0].min(dim: 1).values }),
        ("maxDimKeepdim", { $0[0].max(dim: 2, keepdim: true).values }),
        ("amax", { $0[0].amax(dims: [0, 1]) }),
        ("amin", { $0[0].amin(dim: 2) }),
        ("logsumexp", { $0[0].logsumexp(dims: [1, 2]) }),
        ("norm2", { $0[0].norm() }),
        ("norm1", { $0[0].norm(p: 1, dim: 1) }),
        ("normInf", { $0[0].norm(p: .infinity, dims: [0, 2]) }),
        ("norm3", { $0[0].norm(p: 3, dim: 2, keepdim: true) }),
        ("cumsum", { $0[0].cumsum(dim: 1) }),
        ("cumprod", { $0[0].cumprod(dim: 2) }),
        ("sort", { $0[0].sort(dim: 1, descending: true).values }),
        ("topk", { $0[0].topk(2, dim: 2).values }),
        ("transposedSum", { $0[0].transpose(0, 2).sum(dim: 1) }),
    ] }

    @Test(arguments: ops.indices)
    func backwardMatchesFiniteDifferences(_ i: Int) {
        let (name, f) = Self.ops[i]
        let ok = Torch.gradcheck(f, inputs: [Self.input([2, 3, 4])])
        #expect(ok, "\(name)")
    }

    @Test func prodBackwardWithZerosMatchesFiniteDifferences() {
        let x = Tensor([[0.0, 1.5, -2.0], [0.0, 0.0, 3.0], [1.2, -0.7, 2.0]], dtype: .float64, requiresGrad: true)
        let byRow = Torch.gradcheck({ $0[0].prod(dim: 1) }, inputs: [x])
        let whole = Torch.gradcheck({ $0[0].prod() }, inputs: [Tensor([0.0, 1.5, -2.0, 0.5], dtype: .float64, requiresGrad: true)])
        let cumulative = Torch.gradcheck({ $0[0].cumprod(dim: 1) }, inputs: [x])
        #expect(byRow)
        #expect(whole)
        #expect(cumulative)
    }

    @Test func secondOrderGradientOfLogsumexpMatchesFiniteDifferences() {
        let x = Self.input([3, 4])
        // gradcheck evaluates under noGrad for its finite differences; the inner gradient needs grad mode.
        let ok = Torch.gradcheck({ inputs in
            enableGrad {
                let y = inputs[0].logsumexp(dim: 1).sum()
                return Autograd.grad([y], [inputs[0]], createGraph: true)[0]!
            }
        }, inputs: [x])
        #expect(ok)
    }
}
