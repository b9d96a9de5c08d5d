import Foundation

/// The blocks of 16 that PyTorch's `normal_fill` turns from uniforms into
/// normals, one per dtype.
///
/// Each block reads u1 = 1 - d[j] and u2 = d[j + 8] for j < 8 and writes the
/// Box–Muller pair `r cos θ` / `r sin θ` to d[j] / d[j + 8].
enum NormalBlock {
    /// float32 with the AVX2 kernel of x86 builds: polynomial log and sincos
    /// (Cephes, `avx_mathfun.h`) with the products that GCC fused reproduced
    /// by `addingProduct`.
    static func float32(_ d: UnsafeMutablePointer<Float>, mean: Float, std: Float) {
        let twoPi = Float(2.0 * Double.pi)
        // Lane j reads and writes only d[j] and d[j + 8], so it can work in place.
        for j in 0..<8 {
            let radius = (Float(-2.0) * polynomialLog(1 - d[j])).squareRoot()
            let (sine, cosine) = polynomialSinCos(twoPi * d[j + 8])
            d[j] = mean.addingProduct(radius * cosine, std)
            d[j + 8] = mean.addingProduct(radius * sine, std)
        }
    }

    /// float64: glibc's `log`, `cos` and `sin`.
    static func float64(_ d: UnsafeMutablePointer<Double>, mean: Double, std: Double) {
        for j in 0..<8 {
            let radius = (-2.0 * Foundation.log(1.0 - d[j])).squareRoot()
            let theta = 2.0 * Double.pi * d[j + 8]
            d[j] = mean.addingProduct(radius * Foundation.cos(theta), std)
            d[j + 8] = mean.addingProduct(radius * Foundation.sin(theta), std)
        }
    }

    // MARK: - avx_mathfun.h polynomials

    private static let sqrtHalf = Float(0.707106781186547524 as Double)
    private static let logCoefficients: [Float] = [
        7.0376836292E-2, -1.1514610310E-1, 1.1676998740E-1, -1.2420140846E-1, 1.4249322787E-1,
        -1.6668057665E-1, 2.0000714765E-1, -2.4999993993E-1, 3.3333331174E-1,
    ].map { (v: Double) in Float(v) }
    private static let logQ1 = Float(-2.12194440e-4 as Double)
    private static let logQ2 = Float(0.693359375 as Double)
    private static let reduction: [Float] = [-0.78515625, -2.4187564849853515625e-4, -3.77489497744594108e-8]
        .map { (v: Double) in Float(v) }
    private static let sinCoefficients: [Float] = [-1.9515295891E-4, 8.3321608736E-3, -1.6666654611E-1]
        .map { (v: Double) in Float(v) }
    private static let cosCoefficients: [Float] = [2.443315711809948E-005, -1.388731625493765E-003, 4.166664568298827E-002]
        .map { (v: Double) in Float(v) }
    private static let fourOverPi = Float(1.27323954473516 as Double)

    /// `log256_ps` for one lane.
    static func polynomialLog(_ input: Float) -> Float {
        if input <= 0 { return .nan }
        let clamped = max(input, Float(bitPattern: 0x0080_0000))
        let bits = clamped.bitPattern
        var e = Float(Int32(bitPattern: bits >> 23) - 0x7F) + 1
        var x = Float(bitPattern: (bits & ~UInt32(0x7F80_0000)) | Float(0.5).bitPattern)
        let below = x < sqrtHalf
        let tmp: Float = below ? x : 0
        x = x - 1
        e = e - (below ? 1 : 0)
        x = x + tmp
        let z = x * x
        var y = logCoefficients[0]
        for k in 1..<logCoefficients.count { y = logCoefficients[k].addingProduct(y, x) }
        y = y * x
        y = (e * logQ1).addingProduct(y, z)
        y = y.addingProduct(-z, 0.5)
        x = x + y
        return x.addingProduct(e, logQ2)
    }

    /// `sincos256_ps` for one lane: (sin, cos).
    static func polynomialSinCos(_ input: Float) -> (Float, Float) {
        var signSin = input.bitPattern & 0x8000_0000
        var x = abs(input)
        var j = UInt32(bitPattern: Int32(x * fourOverPi))
        j = (j &+ 1) & ~UInt32(1)
        let y = Float(Int32(bitPattern: j))
        let swapSin = (j & 4) << 29
        let usesSinPolynomial = (j & 2) == 0
        for dp in reduction { x = x.addingProduct(y, dp) }
        let signCos = (~(j &- 2) & 4) << 29
        signSin ^= swapSin
        let z = x * x
        var yc = cosCoefficients[0]
        yc = cosCoefficients[1].addingProduct(yc, z)
        yc = cosCoefficients[2].addingProduct(yc, z)
        yc = yc * z
        yc = (-(z * 0.5)).addingProduct(yc, z)
        yc = yc + 1
        var ys = sinCoefficients[0]
        ys = sinCoefficients[1].addingProduct(ys, z)
        ys = sinCoefficients[2].addingProduct(ys, z)
        ys = ys * z
        ys = x.addingProduct(ys, x)
        let ysin2: Float = usesSinPolynomial ? ys : 0
        let ysin1: Float = usesSinPolynomial ? 0 : yc
        let s = ysin1 + ysin2
        let c = (yc - ysin1) + (ys - ysin2)
        return (Float(bitPattern: s.bitPattern ^ signSin), Float(bitPattern: c.bitPattern ^ signCos))
    }
}
