import Foundation

extension PointwiseActivation {
    // Most activations take at most two parameters: they ignore the third.
    @inline(__always) static func forward<T: FloatElement>(_ x: T, _ a: T, _ b: T, _: T) -> T { forward(x, a, b) }
    @inline(__always) static func backward<T: FloatElement>(_ x: T, _ g: T, _ a: T, _ b: T, _: T) -> T { backward(x, g, a, b) }
    @inline(__always) static func forward<T: FloatElement>(_ x: T, _ a: T, _ b: T) -> T { forward(x, a, b, 0) }
    @inline(__always) static func backward<T: FloatElement>(_ x: T, _ g: T, _ a: T, _ b: T) -> T { backward(x, g, a, b, 0) }
}

struct ActivationForward<T: FloatElement, F: PointwiseActivation>: ElementMap1 {
    let a: T, b: T, c: T
    @inline(__always) func callAsFunction(_ x: T) -> T { F.forward(x, a, b, c) }
}

struct ActivationBackward<T: FloatElement, F: PointwiseActivation>: ElementMap2 {
    let a: T, b: T, c: T
    @inline(__always) func callAsFunction(_ x: T, _ g: T) -> T { F.backward(x, g, a, b, c) }
}

enum ActivationKernel {
    /// `f(x)` elementwise for a floating tensor (half types compute in float32).
    static func forward<F: PointwiseActivation>(_: F.Type, _ x: Tensor, a: Double = 0, b: Double = 0, c: Double = 0) -> Tensor {
        let compute = x.dtype.computeType
        let xc = x.cast(compute)
        let out = Tensor(uninitializedShape: x.shape, dtype: compute)
        switch compute {
        case .float32: ElementwiseKernel.map1(xc, out, ActivationForward<Float, F>(a: Float(a), b: Float(b), c: Float(c)))
        case .float64: ElementwiseKernel.map1(xc, out, ActivationForward<Double, F>(a: a, b: b, c: c))
        default: preconditionFailure("activation kernel called with dtype \(x.dtype)")
        }
        return out.cast(x.dtype)
    }

    /// `grad * f'(x)` elementwise; `grad` broadcasts to `x`.
    static func backward<F: PointwiseActivation>(_: F.Type, _ x: Tensor, _ grad: Tensor, a: Double = 0, b: Double = 0, c: Double = 0) -> Tensor {
        let compute = x.dtype.computeType
        let out = Tensor(uninitializedShape: x.shape, dtype: compute)
        let xc = x.cast(compute), gc = grad.cast(compute)
        switch compute {
        case .float32: ElementwiseKernel.map2(xc, gc, out, ActivationBackward<Float, F>(a: Float(a), b: Float(b), c: Float(c)))
        case .float64: ElementwiseKernel.map2(xc, gc, out, ActivationBackward<Double, F>(a: a, b: b, c: c))
        default: preconditionFailure("activation kernel called with dtype \(x.dtype)")
        }
        return out.cast(x.dtype)
    }
}

// MARK: - The activations

private let sqrtHalf = 0.707_106_781_186_547_524_4
private let inverseSqrt2Pi = 0.398_942_280_401_432_677_9
private let sqrt2OverPi = 0.797_884_560_802_865_355_9

enum GeluExact: PointwiseActivation {
    @inline(__always) static func forward<T: FloatElement>(_ x: T, _: T, _: T) -> T {
        x * 0.5 * (1 + T.erf(x * T(sqrtHalf)))
    }
    @inline(__always) static func backward<T: FloatElement>(_ x: T, _ g: T, _: T, _: T) -> T {
        let cdf = 0.5 * (1 + T.erf(x * T(sqrtHalf)))
        let pdf = T.exp(-0.5 * x * x) * T(inverseSqrt2Pi)
        return g * (cdf + x * pdf)
    }
}

enum GeluTanh: PointwiseActivation {
    @inline(__always) static func forward<T: FloatElement>(_ x: T, _: T, _: T) -> T {
        let inner = T(sqrt2OverPi) * (x + 0.044715 * x * x * x)
        return 0.5 * x * (1 + T.tanh(inner))
    }
    @inline(__always) static func backward<T: FloatElement>(_ x: T, _ g: T, _: T, _: T) -> T {
        let inner = T(sqrt2OverPi) * (x + 0.044715 * x * x * x)
        let t = T.tanh(inner)
        let dInner = T(sqrt2OverPi) * (1 + 3 * 0.044715 * x * x)
        return g * (0.5 * (1 + t) + 0.5 * x * (1 - t * t) * dInner)
    }
}

enum Silu: PointwiseActivation {
    @inline(__always) static func forward<T: FloatElement>(_ x: T, _: T, _: T) -> T { x * SigmoidFunction.apply(x) }
    @inline(__always) static func backward<T: FloatElement>(_ x: T, _ g: T, _: T, _: T) -> T {
        let s = SigmoidFunction.apply(x)
        return g * s * (1 + x * (1 - s))
    }
}

/// `a` is the negative slope.
enum LeakyRelu: PointwiseActivation {
    @inline(__always) static func forward<T: FloatElement>(_ x: T, _ a: T, _: T) -> T { x > 0 ? x : x * a }
    @inline(__always) static func backward<T: FloatElement>(_ x: T, _ g: T, _ a: T, _: T) -> T { x > 0 ? g : g * a }
}
