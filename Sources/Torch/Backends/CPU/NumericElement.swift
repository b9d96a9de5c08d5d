import Foundation

/// Element types that kernels compute in: the integer types and float32/float64.
/// (bool computes as uint8; float16 and bfloat16 compute as float32.)
///
/// Integer arithmetic wraps on overflow, as C++ does in PyTorch's kernels.
protocol NumericElement: TensorElement, Comparable {
    static var zeroValue: Self { get }
    static var oneValue: Self { get }
    static func plus(_ a: Self, _ b: Self) -> Self
    static func minus(_ a: Self, _ b: Self) -> Self
    static func times(_ a: Self, _ b: Self) -> Self
    /// Python's `//`: rounds toward negative infinity.
    static func floorDivide(_ a: Self, _ b: Self) -> Self
    /// C's `/` on integers: rounds toward zero.
    static func truncDivide(_ a: Self, _ b: Self) -> Self
    /// Python's `%`: the result takes the sign of the divisor.
    static func remainder(_ a: Self, _ b: Self) -> Self
    /// C's `fmod`: the result takes the sign of the dividend.
    static func fmod(_ a: Self, _ b: Self) -> Self
    static func negate(_ a: Self) -> Self
    static func absolute(_ a: Self) -> Self
    var isNaNValue: Bool { get }
}

extension NumericElement where Self: FixedWidthInteger {
    static var zeroValue: Self { 0 }
    static var oneValue: Self { 1 }
    @inline(__always) static func plus(_ a: Self, _ b: Self) -> Self { a &+ b }
    @inline(__always) static func minus(_ a: Self, _ b: Self) -> Self { a &- b }
    @inline(__always) static func times(_ a: Self, _ b: Self) -> Self { a &* b }
    @inline(__always) static func floorDivide(_ a: Self, _ b: Self) -> Self {
        let q = a.dividedReportingOverflow(by: b).partialValue
        let r = a.remainderReportingOverflow(dividingBy: b).partialValue
        return (r != 0 && (r < 0) != (b < 0)) ? q &- 1 : q
    }
    @inline(__always) static func truncDivide(_ a: Self, _ b: Self) -> Self {
        a.dividedReportingOverflow(by: b).partialValue
    }
    @inline(__always) static func remainder(_ a: Self, _ b: Self) -> Self {
        let r = a.remainderReportingOverflow(dividingBy: b).partialValue
        return (r != 0 && (r < 0) != (b < 0)) ? r &+ b : r
    }
    @inline(__always) static func fmod(_ a: Self, _ b: Self) -> Self {
        a.remainderReportingOverflow(dividingBy: b).partialValue
    }
    @inline(__always) static func negate(_ a: Self) -> Self { 0 &- a }
    @inline(__always) static func absolute(_ a: Self) -> Self { a < 0 ? 0 &- a : a }
    @inline(__always) var isNaNValue: Bool { false }
}

extension UInt8: NumericElement {}
extension Int8: NumericElement {}
extension Int16: NumericElement {}
extension Int32: NumericElement {}
extension Int64: NumericElement {}

/// float32 and float64, with the C math library behind each function.
protocol FloatElement: NumericElement, BinaryFloatingPoint {
    static func exp(_ x: Self) -> Self
    static func exp2(_ x: Self) -> Self
    static func expm1(_ x: Self) -> Self
    static func log(_ x: Self) -> Self
    static func log2(_ x: Self) -> Self
    static func log10(_ x: Self) -> Self
    static func log1p(_ x: Self) -> Self
    static func sin(_ x: Self) -> Self
    static func cos(_ x: Self) -> Self
    static func tan(_ x: Self) -> Self
    static func asin(_ x: Self) -> Self
    static func acos(_ x: Self) -> Self
    static func atan(_ x: Self) -> Self
    static func atan2(_ y: Self, _ x: Self) -> Self
    static func sinh(_ x: Self) -> Self
    static func cosh(_ x: Self) -> Self
    static func tanh(_ x: Self) -> Self
    static func erf(_ x: Self) -> Self
    static func pow(_ x: Self, _ y: Self) -> Self
    static func cfmod(_ x: Self, _ y: Self) -> Self
}

extension NumericElement where Self: FloatElement {
    static var zeroValue: Self { 0 }
    static var oneValue: Self { 1 }
    @inline(__always) static func plus(_ a: Self, _ b: Self) -> Self { a + b }
    @inline(__always) static func minus(_ a: Self, _ b: Self) -> Self { a - b }
    @inline(__always) static func times(_ a: Self, _ b: Self) -> Self { a * b }
    @inline(__always) static func floorDivide(_ a: Self, _ b: Self) -> Self {
        // PyTorch's div_floor: computed from fmod so that a == b * q + r holds.
        if b == 0 { return a / b }
        let m = cfmod(a, b)
        var div = (a - m) / b
        if m != 0 && (b < 0) != (m < 0) { div -= 1 }
        if div == 0 { return (0 as Self) * (a / b).sign(1) }
        let floored = div.rounded(.down)
        return div - floored > 0.5 ? floored + 1 : floored
    }
    @inline(__always) static func truncDivide(_ a: Self, _ b: Self) -> Self { (a / b).rounded(.towardZero) }
    @inline(__always) static func remainder(_ a: Self, _ b: Self) -> Self {
        let m = cfmod(a, b)
        return (m != 0 && (m < 0) != (b < 0)) ? m + b : m
    }
    @inline(__always) static func fmod(_ a: Self, _ b: Self) -> Self { cfmod(a, b) }
    @inline(__always) static func negate(_ a: Self) -> Self { -a }
    @inline(__always) static func absolute(_ a: Self) -> Self { Swift.abs(a) }
    @inline(__always) var isNaNValue: Bool { isNaN }
}

extension FloatElement {
    /// `1` carrying the sign of `self` (for signed zeros).
    @inline(__always) func sign(_ one: Self) -> Self { self.sign == .minus ? -one : one }
}

extension Float: FloatElement {
    @inline(__always) static func exp(_ x: Float) -> Float { Foundation.expf(x) }
    @inline(__always) static func exp2(_ x: Float) -> Float { Foundation.exp2f(x) }
    @inline(__always) static func expm1(_ x: Float) -> Float { Foundation.expm1f(x) }
    @inline(__always) static func log(_ x: Float) -> Float { Foundation.logf(x) }
    @inline(__always) static func log2(_ x: Float) -> Float { Foundation.log2f(x) }
    @inline(__always) static func log10(_ x: Float) -> Float { Foundation.log10f(x) }
    @inline(__always) static func log1p(_ x: Float) -> Float { Foundation.log1pf(x) }
    @inline(__always) static func sin(_ x: Float) -> Float { Foundation.sinf(x) }
    @inline(__always) static func cos(_ x: Float) -> Float { Foundation.cosf(x) }
    @inline(__always) static func tan(_ x: Float) -> Float { Foundation.tanf(x) }
    @inline(__always) static func asin(_ x: Float) -> Float { Foundation.asinf(x) }
    @inline(__always) static func acos(_ x: Float) -> Float { Foundation.acosf(x) }
    @inline(__always) static func atan(_ x: Float) -> Float { Foundation.atanf(x) }
    @inline(__always) static func atan2(_ y: Float, _ x: Float) -> Float { Foundation.atan2f(y, x) }
    @inline(__always) static func sinh(_ x: Float) -> Float { Foundation.sinhf(x) }
    @inline(__always) static func cosh(_ x: Float) -> Float { Foundation.coshf(x) }
    @inline(__always) static func tanh(_ x: Float) -> Float { Foundation.tanhf(x) }
    @inline(__always) static func erf(_ x: Float) -> Float { Foundation.erff(x) }
    @inline(__always) static func pow(_ x: Float, _ y: Float) -> Float { Foundation.powf(x, y) }
    @inline(__always) static func cfmod(_ x: Float, _ y: Float) -> Float { Foundation.fmodf(x, y) }
}

extension Double: FloatElement {
    @inline(__always) static func exp(_ x: Double) -> Double { Foundation.exp(x) }
    @inline(__always) static func exp2(_ x: Double) -> Double { Foundation.exp2(x) }
    @inline(__always) static func expm1(_ x: Double) -> Double { Foundation.expm1(x) }
    @inline(__always) static func log(_ x: Double) -> Double { Foundation.log(x) }
    @inline(__always) static func log2(_ x: Double) -> Double { Foundation.log2(x) }
    @inline(__always) static func log10(_ x: Double) -> Double { Foundation.log10(x) }
    @inline(__always) static func log1p(_ x: Double) -> Double { Foundation.log1p(x) }
    @inline(__always) static func sin(_ x: Double) -> Double { Foundation.sin(x) }
    @inline(__always) static func cos(_ x: Double) -> Double { Foundation.cos(x) }
    @inline(__always) static func tan(_ x: Double) -> Double { Foundation.tan(x) }
    @inline(__always) static func asin(_ x: Double) -> Double { Foundation.asin(x) }
    @inline(__always) static func acos(_ x: Double) -> Double { Foundation.acos(x) }
    @inline(__always) static func atan(_ x: Double) -> Double { Foundation.atan(x) }
    @inline(__always) static func atan2(_ y: Double, _ x: Double) -> Double { Foundation.atan2(y, x) }
    @inline(__always) static func sinh(_ x: Double) -> Double { Foundation.sinh(x) }
    @inline(__always) static func cosh(_ x: Double) -> Double { Foundation.cosh(x) }
    @inline(__always) static func tanh(_ x: Double) -> Double { Foundation.tanh(x) }
    @inline(__always) static func erf(_ x: Double) -> Double { Foundation.erf(x) }
    @inline(__always) static func pow(_ x: Double, _ y: Double) -> Double { Foundation.pow(x, y) }
    @inline(__always) static func cfmod(_ x: Double, _ y: Double) -> Double { Foundation.fmod(x, y) }
}
