import Foundation
import Testing
import Torch

/// A float64 leaf with deterministic, irregular values.
private func sample(_ shape: [Int], _ seed: Double) -> Tensor {
    let n = shape.reduce(1, *)
    let values = (0..<n).map { Foundation.sin(Double($0) * 1.7 + seed) }
    return Tensor(values, dtype: .float64).reshape(shape).requiresGrad_()
}

/// A float64 leaf that is safely invertible: `sample + n * I` per matrix.
private func invertible(_ shape: [Int], _ seed: Double) -> Tensor {
    let n = shape.last!
    let values = sample(shape, seed).detach() + Torch.eye(n, dtype: .float64) * Double(n)
    return values.requiresGrad_()
}

private func squaredSum(_ y: Tensor) -> Tensor { (y * y).sum() }

/// Finite-difference checks of every differentiable product, einsum and linalg op.
@Suite struct LinalgGradcheckTests {
    @Test func productsHaveCorrectGradients() {
        let checks: [Bool] = [
            Torch.gradcheck({ $0[0].mm($0[1]) }, inputs: [sample([2, 3], 0), sample([3, 4], 1)]),
            Torch.gradcheck({ $0[0].t().mm($0[1].t()) }, inputs: [sample([3, 2], 0), sample([4, 3], 1)]),
            Torch.gradcheck({ $0[0].bmm($0[1]) }, inputs: [sample([2, 2, 3], 0), sample([2, 3, 2], 1)]),
            Torch.gradcheck({ $0[0].mv($0[1]) }, inputs: [sample([2, 3], 0), sample([3], 1)]),
            Torch.gradcheck({ $0[0].dot($0[1]) }, inputs: [sample([4], 0), sample([4], 1)]),
            Torch.gradcheck({ $0[0].outer($0[1]) }, inputs: [sample([3], 0), sample([2], 1)]),
            Torch.gradcheck({ $0[0].addmm($0[1], $0[2], beta: 0.5, alpha: -2) }, inputs: [sample([3], 2), sample([2, 4], 0), sample([4, 3], 1)]),
            Torch.gradcheck({ $0[0].baddbmm($0[1], $0[2], beta: 2, alpha: 0.5) }, inputs: [sample([2, 1, 3], 2), sample([2, 2, 4], 0), sample([2, 4, 3], 1)]),
        ]
        #expect(checks.allSatisfy { $0 }, "\(checks)")
    }

    @Test func matmulHasCorrectGradientsForEveryRankPair() {
        let pairs: [([Int], [Int])] = [([3], [3]), ([2, 3], [3]), ([3], [3, 2]), ([2, 3], [3, 2]), ([2, 2, 3], [3, 2]),
                                       ([2, 3], [2, 3, 2]), ([3], [2, 3, 2]), ([2, 1, 2, 3], [2, 3, 2]), ([2, 2, 3], [3])]
        for (a, b) in pairs {
            let ok = Torch.gradcheck({ $0[0].matmul($0[1]) }, inputs: [sample(a, 0), sample(b, 1)])
            #expect(ok, "matmul \(a) x \(b)")
        }
    }

    @Test func einsumHasCorrectGradients() {
        let cases: [(String, [[Int]])] = [
            ("nqhd,nkhd->nhqk", [[1, 2, 2, 3], [1, 3, 2, 3]]), ("ii->i", [[3, 3]]), ("ii", [[3, 3]]),
            ("...ij,...jk->...ik", [[2, 1, 2, 3], [2, 3, 2]]), ("ab,bc,cd->ad", [[2, 3], [3, 2], [2, 2]]),
            ("bn,anm,bm->ba", [[2, 2], [2, 2, 3], [2, 3]]), ("ij,k->i", [[2, 3], [2]]),
        ]
        for (equation, shapes) in cases {
            let inputs = shapes.enumerated().map { sample($1, Double($0)) }
            let ok = Torch.gradcheck({ Torch.einsum(equation, $0) }, inputs: inputs)
            #expect(ok, "einsum \(equation)")
        }
    }

    @Test func linalgOpsHaveCorrectGradients() {
        let checks: [Bool] = [
            Torch.gradcheck({ Torch.linalg.inv($0[0]) }, inputs: [invertible([3, 3], 0)]),
            Torch.gradcheck({ Torch.linalg.inv($0[0]) }, inputs: [invertible([2, 2, 2], 1)]),
            Torch.gradcheck({ Torch.linalg.det($0[0]) }, inputs: [invertible([3, 3], 0)]),
            Torch.gradcheck({ Torch.linalg.det($0[0]) }, inputs: [invertible([2, 3, 3], 2)]),
            Torch.gradcheck({ Torch.linalg.solve($0[0], $0[1]) }, inputs: [invertible([3, 3], 0), sample([3], 1)]),
            Torch.gradcheck({ Torch.linalg.solve($0[0], $0[1]) }, inputs: [invertible([2, 3, 3], 0), sample([3, 2], 1)]),
        ]
        #expect(checks.allSatisfy { $0 }, "\(checks)")
    }

    @Test func secondDerivativesFlowThroughBackwardRules() {
        // Gradchecks of first derivatives taken with createGraph: they are themselves differentiable.
        let grads: [([Tensor]) -> Tensor] = [
            { x in Torch.enableGrad { Torch.autograd.grad([squaredSum(x[0].mm(x[1]))], [x[0]], createGraph: true)[0]! } },
            { x in Torch.enableGrad { Torch.autograd.grad([squaredSum(x[0].matmul(x[1]))], [x[1]], createGraph: true)[0]! } },
            { x in Torch.enableGrad { Torch.autograd.grad([squaredSum(Torch.einsum("ij,jk->ik", x[0], x[1]))], [x[0]], createGraph: true)[0]! } },
        ]
        for g in grads {
            let ok = Torch.gradcheck(g, inputs: [sample([2, 3], 0), sample([3, 2], 1)])
            #expect(ok)
        }
        let invGrad = Torch.gradcheck({ x in
            Torch.enableGrad { Torch.autograd.grad([squaredSum(Torch.linalg.inv(x[0]))], [x[0]], createGraph: true)[0]! }
        }, inputs: [invertible([2, 2], 0)])
        let detGrad = Torch.gradcheck({ x in
            Torch.enableGrad { Torch.autograd.grad([Torch.linalg.det(x[0])], [x[0]], createGraph: true)[0]! }
        }, inputs: [invertible([3, 3], 0)])
        #expect(invGrad)
        #expect(detGrad)
    }
}
