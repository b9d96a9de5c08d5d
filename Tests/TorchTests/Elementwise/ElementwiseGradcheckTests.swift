import Foundation
import Testing
import Torch

/// Finite-difference checks of every differentiable elementwise op in float64.
@Suite struct ElementwiseGradcheckTests {
    /// Inputs inside each function's domain and away from kinks.
    static func input(_ values: [Double], shape: [Int]? = nil) -> Tensor {
        Tensor.fromArray(values, shape: shape).requiresGrad_()
    }

    static let positive = [0.3, 0.7, 1.4, 2.2, 3.1, 0.9]
    static let mixed = [-1.3, -0.4, 0.35, 0.8, 1.7, -2.2]
    static let divisors = [0.55, 0.7, 1.45]
    static let unit = [-0.8, -0.35, 0.1, 0.45, 0.7, -0.6]

    nonisolated(unsafe) static let unaryCases: [(String, [Double], (Tensor) -> Tensor)] = [
        ("exp", mixed, { $0.exp() }), ("exp2", mixed, { $0.exp2() }), ("expm1", mixed, { $0.expm1() }),
        ("log", positive, { $0.log() }), ("log2", positive, { $0.log2() }), ("log10", positive, { $0.log10() }),
        ("log1p", positive, { $0.log1p() }), ("sqrt", positive, { $0.sqrt() }), ("rsqrt", positive, { $0.rsqrt() }),
        ("sin", mixed, { $0.sin() }), ("cos", mixed, { $0.cos() }), ("tan", unit, { $0.tan() }),
        ("asin", unit, { $0.asin() }), ("acos", unit, { $0.acos() }), ("atan", mixed, { $0.atan() }),
        ("sinh", mixed, { $0.sinh() }), ("cosh", mixed, { $0.cosh() }), ("tanh", mixed, { $0.tanh() }),
        ("sigmoid", mixed, { $0.sigmoid() }), ("erf", mixed, { $0.erf() }), ("reciprocal", positive, { $0.reciprocal() }),
        ("abs", mixed, { $0.abs() }), ("relu", mixed, { $0.relu() }), ("neg", mixed, { -$0 }),
        ("square", mixed, { $0.square() }), ("sign", mixed, { $0.sign() }), ("floor", mixed, { $0.floor() }),
        ("ceil", mixed, { $0.ceil() }), ("round", mixed, { $0.round() }), ("roundDecimals", positive, { $0.round(decimals: 1) }),
        ("trunc", mixed, { $0.trunc() }), ("powScalar", positive, { $0 ** 2.5 }), ("scalarPow", mixed, { 1.7 ** $0 }),
        ("remainderScalar", mixed, { $0 % 0.75 }), ("fmodScalar", mixed, { $0.fmod(0.75) }),
        ("clampScalars", mixed, { $0.clamp(min: -1.0, max: 1.0) }), ("clampMin", mixed, { $0.clamp(min: 0.0) }),
        ("lerpScalarWeight", mixed, { $0.lerp(Tensor.fromArray(positive, shape: [2, 3]), 0.3) }),
        ("whereScalar", mixed, { Torch.where($0 > 0, $0, 0.5) }),
        ("maskedFill", mixed, { $0.maskedFill($0 < 0, 2.0) }),
    ]

    @Test(arguments: unaryCases.indices)
    func unaryGradientsMatchFiniteDifferences(_ i: Int) {
        let (name, values, f) = Self.unaryCases[i]
        let ok = Torch.gradcheck({ f($0[0]) }, inputs: [Self.input(values, shape: [2, 3])])
        #expect(ok, "\(name)")
    }

    nonisolated(unsafe) static let binaryCases: [(String, [Double], [Double], (Tensor, Tensor) -> Tensor)] = [
        ("pow", positive, mixed, { $0 ** $1 }), ("atan2", mixed, positive, { Torch.atan2($0, $1) }),
        ("remainder", mixed.map { $0 * 3 }, divisors, { $0 % $1 }), ("fmod", mixed.map { $0 * 3 }, divisors, { $0.fmod($1) }),
        ("minimum", mixed, unit, { Torch.minimum($0, $1) }), ("maximum", mixed, unit, { Torch.maximum($0, $1) }),
        ("where", mixed, unit, { Torch.where($0 > $1, $0, $1) }),
        ("clampTensorMin", mixed, unit, { $0.clamp(min: $1) }), ("clampTensorMax", mixed, unit, { $0.clamp(min: nil, max: $1) }),
        ("lerpTensorsScalarWeight", mixed, unit, { Torch.lerp($0, $1, 0.8) }),
        ("maskedFillTensorValue", mixed, [0.5], { $0.maskedFill($0 > 0, $1.reshape([])) }),
    ]

    @Test(arguments: binaryCases.indices)
    func binaryGradientsMatchFiniteDifferences(_ i: Int) {
        let (name, a, b, f) = Self.binaryCases[i]
        let x = Self.input(a, shape: [2, 3])
        let y = b.count == 1 ? Self.input(b) : Self.input(Array(b[0..<3]), shape: [3])
        let ok = Torch.gradcheck({ f($0[0], $0[1]) }, inputs: [x, y])
        #expect(ok, "\(name)")
    }

    @Test func clampWithBothTensorBoundsChecksAllThreeGradients() {
        let x = Self.input(Self.mixed, shape: [2, 3])
        let lo = Self.input([-0.5, 0.2, -1.0])
        let hi = Self.input([0.5], shape: [1, 1]).detach().add(Tensor([[0.1], [0.4]], dtype: .float64)).requiresGrad_()
        let ok = Torch.gradcheck({ $0[0].clamp(min: $0[1], max: $0[2]) }, inputs: [x, lo, hi])
        #expect(ok)
    }

    @Test func lerpWithTensorWeightChecksAllThreeGradients() {
        let ok = Torch.gradcheck({ $0[0].lerp($0[1], $0[2]) },
                                 inputs: [Self.input(Self.mixed), Self.input(Self.unit), Self.input(Self.positive.map { $0 / 3 })])
        #expect(ok)
    }

    @Test func secondDerivativesFlowThroughBackwardRules() {
        // d/dx of d/dx (x^3 + sin x) = 6x - sin x
        let x = Tensor([0.5, -1.2], dtype: .float64, requiresGrad: true)
        let y = (x ** 3 + x.sin()).sum()
        let g = Torch.autograd.grad([y], [x], createGraph: true)[0]!
        let h = Torch.autograd.grad([g.sum()], [x])[0]!
        expectClose(h.toArray(as: Double.self), [6 * 0.5 - sin(0.5), 6 * -1.2 - sin(-1.2)], rtol: 1e-10)
    }
}
