import Foundation
import Testing
@testable import Torch

/// Accuracy of the vectorisable float32 exp/tanh/sigmoid against float64 libm.
@Suite struct FastMathTests {
    /// Distance in float32 steps between `value` and the float64 reference rounded to float32.
    static func ulps(_ value: Float, _ reference: Double) -> Int {
        let r = Float(reference)
        if value == r || (value.isNaN && r.isNaN) { return 0 }
        if value.isNaN || r.isNaN || value.sign != r.sign { return Int.max }
        return abs(Int(value.bitPattern) - Int(r.bitPattern))
    }

    /// The worst ulp error over an even sweep of `range` plus its endpoints.
    static func worst(_ f: (Float) -> Float, _ reference: (Double) -> Double, _ range: ClosedRange<Float>, steps: Int = 400_000) -> (Int, Float) {
        var worst = 0, at: Float = 0
        for i in 0...steps {
            let x = range.lowerBound + (range.upperBound - range.lowerBound) * Float(i) / Float(steps)
            for v in [x, x.nextUp, -x.ulp + x] {
                let e = ulps(f(v), reference(Double(v)))
                if e > worst { worst = e; at = v }
            }
        }
        return (worst, at)
    }

    @Test func expIsWithinOneUlp() {
        let (e, at) = Self.worst(fastExp, { Foundation.exp($0) }, -87.3...88.7)
        #expect(e <= 1, "exp off by \(e) ulp at \(at)")
        let (small, atSmall) = Self.worst(fastExp, { Foundation.exp($0) }, -1e-3...1e-3, steps: 20_000)
        #expect(small <= 1, "exp off by \(small) ulp at \(atSmall)")
    }

    @Test func tanhIsWithinTwoUlps() {
        let (e, at) = Self.worst(fastTanh, { Foundation.tanh($0) }, -12...12)
        #expect(e <= 2, "tanh off by \(e) ulp at \(at)")
        let (small, atSmall) = Self.worst(fastTanh, { Foundation.tanh($0) }, -1e-3...1e-3, steps: 20_000)
        #expect(small <= 2, "tanh off by \(small) ulp at \(atSmall)")
    }

    @Test func sigmoidIsWithinTwoUlps() {
        let (e, at) = Self.worst(fastSigmoid, { 1 / (1 + Foundation.exp(-$0)) }, -80...30)
        #expect(e <= 2, "sigmoid off by \(e) ulp at \(at)")
    }

    @Test func specialValuesFollowIEEE() {
        #expect(fastExp(.infinity) == .infinity)
        #expect(fastExp(-.infinity) == 0)
        #expect(fastExp(89) == .infinity)
        #expect(fastExp(-110) == 0)
        #expect(fastExp(.nan).isNaN)
        #expect(fastExp(0) == 1)
        #expect(fastExp(-100) > 0)   // subnormal, not flushed
        #expect(fastTanh(.infinity) == 1)
        #expect(fastTanh(-.infinity) == -1)
        #expect(fastTanh(.nan).isNaN)
        #expect(fastTanh(-0.0).sign == .minus)
        #expect(fastSigmoid(.infinity) == 1)
        #expect(fastSigmoid(-.infinity) == 0)
        #expect(fastSigmoid(.nan).isNaN)
    }

    /// The contiguous float32 path runs the C loops (AVX-512/AVX2/baseline by CPU).
    @Test(arguments: ["exp", "tanh", "sigmoid"])
    func vectorisedLoopsMatchReferenceWithinTwoUlps(_ name: String) {
        let n = 300_000
        let step = 180.0 / Double(n)
        var xs: [Float] = (0..<n).map { i -> Float in Float(-90.0 + step * Double(i)) }
        xs.append(contentsOf: [Float.nan, Float.infinity, -Float.infinity, 0, -0.0, 1e-20])
        let x = Tensor.fromArray(xs)
        let (y, reference): (Tensor, (Double) -> Double) = switch name {
        case "exp": (x.exp(), { Foundation.exp($0) })
        case "tanh": (x.tanh(), { Foundation.tanh($0) })
        default: (x.sigmoid(), { 1 / (1 + Foundation.exp(-$0)) })
        }
        let ys = y.toArray(as: Float.self)
        var worst = 0
        // Like PyTorch, sigmoid is 1 / (1 + exp(-x)): below -88.7 exp(-x) overflows and the result is 0.
        for (v, x) in zip(ys, xs) where !(name == "sigmoid" && x < -88.5) {
            worst = max(worst, Self.ulps(v, reference(Double(x))))
        }
        #expect(worst <= 2, "\(name) off by \(worst) ulp (ISA level \(fastMathISALevel()))")
        // In place takes the same loop.
        let z = Tensor.fromArray(xs)
        switch name {
        case "exp": z.exp_()
        case "tanh": z.tanh_()
        default: z.sigmoid_()
        }
        #expect(z.toArray(as: Float.self).elementsEqual(ys) { $0 == $1 || ($0.isNaN && $1.isNaN) })
    }
}
