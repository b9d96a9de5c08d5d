import Foundation
import Testing
import Torch

/// Float64 finite-difference checks of every differentiable shape op's backward rule.
@Suite struct ShapeOpsGradcheckTests {
    static func input(_ shape: [Int], seed: Double = 0) -> Tensor {
        let n = shape.reduce(1, *)
        let values: [Double] = (0..<n).map { (i: Int) -> Double in sin(Double(i) * 1.3 + seed) + 0.1 * Double(i) }
        return Tensor.fromArray(values, shape: shape).requiresGrad_()
    }

    nonisolated(unsafe) static let unaryCases: [(String, [Int], (Tensor) -> Tensor)] = [
        ("view", [3, 4], { $0.view(2, 6) }),
        ("reshapeOfTransposed", [3, 4], { $0.t().reshape(12) }),
        ("expand", [3, 1], { $0.expand(2, 3, 4) }),
        ("permute", [2, 3, 4], { $0.permute(1, 2, 0) }),
        ("transpose", [2, 3, 4], { $0.transpose(0, 2) }),
        ("t", [3, 4], { $0.t() }),
        ("squeeze", [2, 1, 3], { $0.squeeze() }),
        ("squeezeOfPermuted", [2, 3, 1], { $0.permute(2, 1, 0).squeeze() }),
        ("unsqueeze", [2, 3], { $0.unsqueeze(1) }),
        ("flatten", [2, 3, 4], { $0.flatten(startDim: 1) }),
        ("unflatten", [2, 6], { $0.unflatten(1, [3, 2]) }),
        ("narrow", [3, 4], { $0.narrow(1, 1, 2) }),
        ("narrowOfTransposed", [3, 4], { $0.t().narrow(1, 1, 2) }),
        ("select", [3, 4], { $0.select(0, -2) }),
        ("selectOfTransposed", [3, 4], { $0.t().select(0, 1) }),
        ("chainOfViews", [2, 3, 4], { $0.narrow(2, 1, 3).select(0, 1).t().narrow(0, 1, 2).unsqueeze(0) }),
        ("movedim", [2, 3, 4], { $0.movedim(2, 0) }),
        ("flip", [2, 3, 4], { $0.flip(0, 2) }),
        ("roll", [3, 4], { $0.roll([1, -2], dims: [0, 1]) }),
        ("rollFlat", [3, 4], { $0.roll([5]) }),
        ("repeat", [2, 3], { $0.repeat(2, 1, 2) }),
        ("tril", [3, 4], { $0.tril(diagonal: 1) }),
        ("triu", [2, 3, 4], { $0.triu(diagonal: -1) }),
        ("splitSum", [3, 5], { x in let p = x.split(2, dim: 1); return p[0] * 2 + p[1] }),
        ("unbindMix", [2, 3], { x in let p = x.unbind(1); return p[0] * p[2] }),
        ("chunkLast", [5, 2], { $0.chunk(3)[2] }),
    ]

    @Test(arguments: unaryCases.map(\.0))
    func backwardMatchesFiniteDifferences(_ name: String) {
        let (_, shape, op) = Self.unaryCases.first { $0.0 == name }!
        let ok = Torch.gradcheck({ op($0[0]) }, inputs: [Self.input(shape)])
        #expect(ok)
    }

    @Test func catGradcheck() {
        let ok = Torch.gradcheck({ Torch.cat([$0[0], $0[1], $0[2]], dim: 1) },
                                 inputs: [Self.input([2, 3]), Self.input([2, 1], seed: 1), Self.input([2, 2], seed: 2)])
        #expect(ok)
    }

    @Test func stackGradcheck() {
        let ok = Torch.gradcheck({ Torch.stack([$0[0], $0[1]], dim: 2) },
                                 inputs: [Self.input([2, 3]), Self.input([2, 3], seed: 1)])
        #expect(ok)
    }

    @Test func inPlaceOnNarrowViewGradcheck() {
        let ok = Torch.gradcheck({ x in
            let y = x[0] * 1
            y.narrow(0, 1, 2).mul_(x[1])
            return y
        }, inputs: [Self.input([4, 3]), Self.input([3], seed: 1)])
        #expect(ok)
    }

    @Test func secondDerivativeThroughNarrow() {
        let x = Tensor([1.0, 2.0, 3.0], dtype: .float64, requiresGrad: true)
        let y = (x.narrow(0, 1, 2) * x.narrow(0, 1, 2) * x.narrow(0, 1, 2)).sum()
        let g = Autograd.grad([y], [x], createGraph: true)[0]!
        #expect(g.toArray(as: Double.self) == [0, 12, 27])
        let g2 = Autograd.grad([g.sum()], [x])[0]!
        #expect(g2.toArray(as: Double.self) == [0, 12, 18])
    }
}
