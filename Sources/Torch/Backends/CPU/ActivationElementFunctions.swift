// The remaining pointwise activations of torch.nn.functional, as
// `PointwiseActivation`s (see ActivationKernel.swift). Each backward states
// PyTorch's choice at the kinks.

/// `a` = min, `b` = max. No gradient at or beyond the bounds.
enum HardtanhFunction: PointwiseActivation {
    @inline(__always) static func forward<T: FloatElement>(_ x: T, _ a: T, _ b: T) -> T { x.isNaN ? x : Swift.min(Swift.max(x, a), b) }
    @inline(__always) static func backward<T: FloatElement>(_ x: T, _ g: T, _ a: T, _ b: T) -> T { x <= a || x >= b ? 0 : g }
}

/// `a` = alpha, `b` = scale, `c` = input scale (PyTorch's elu kernel, shared by selu and celu).
enum EluFunction: PointwiseActivation {
    @inline(__always) static func forward<T: FloatElement>(_ x: T, _ a: T, _ b: T, _ c: T) -> T {
        x > 0 ? x * b : a * b * T.expm1(x * c)
    }
    @inline(__always) static func backward<T: FloatElement>(_ x: T, _ g: T, _ a: T, _ b: T, _ c: T) -> T {
        x <= 0 ? g * c * b * a * T.exp(x * c) : g * b  // NaN takes the linear branch, as in PyTorch
    }
}

/// `a` = beta, `b` = threshold: linear where `beta * x > threshold`.
enum SoftplusFunction: PointwiseActivation {
    @inline(__always) static func forward<T: FloatElement>(_ x: T, _ a: T, _ b: T) -> T {
        x * a > b ? x : T.log1p(T.exp(x * a)) / a
    }
    @inline(__always) static func backward<T: FloatElement>(_ x: T, _ g: T, _ a: T, _ b: T) -> T {
        if x * a > b { return g }
        let z = T.exp(x * a)
        return g * z / (z + 1)
    }
}

enum MishFunction: PointwiseActivation {
    @inline(__always) static func forward<T: FloatElement>(_ x: T, _: T, _: T) -> T { x * T.tanh(T.log1p(T.exp(x))) }
    @inline(__always) static func backward<T: FloatElement>(_ x: T, _ g: T, _: T, _: T) -> T {
        let t = T.tanh(T.log1p(T.exp(x)))
        let s = 1 / (1 + T.exp(-x))
        return g * (t + x * s * (1 - t * t))
    }
}

enum HardsigmoidFunction: PointwiseActivation {
    @inline(__always) static func forward<T: FloatElement>(_ x: T, _: T, _: T) -> T { Swift.min(Swift.max(x + 3, 0), 6) / 6 }
    @inline(__always) static func backward<T: FloatElement>(_ x: T, _ g: T, _: T, _: T) -> T { x > -3 && x < 3 ? g / 6 : 0 }
}

enum HardswishFunction: PointwiseActivation {
    @inline(__always) static func forward<T: FloatElement>(_ x: T, _: T, _: T) -> T { x * Swift.min(Swift.max(x + 3, 0), 6) / 6 }
    @inline(__always) static func backward<T: FloatElement>(_ x: T, _ g: T, _: T, _: T) -> T {
        x < -3 ? 0 : (x <= 3 ? g * (x / 3 + 0.5) : g)
    }
}

/// `a` = threshold, `b` = value.
enum ThresholdFunction: PointwiseActivation {
    @inline(__always) static func forward<T: FloatElement>(_ x: T, _ a: T, _ b: T) -> T { x <= a ? b : x }
    @inline(__always) static func backward<T: FloatElement>(_ x: T, _ g: T, _ a: T, _: T) -> T { x <= a ? 0 : g }
}

enum LogSigmoidFunction: PointwiseActivation {
    @inline(__always) static func forward<T: FloatElement>(_ x: T, _: T, _: T) -> T { Swift.min(x, 0) - T.log1p(T.exp(-Swift.abs(x))) }
    @inline(__always) static func backward<T: FloatElement>(_ x: T, _ g: T, _: T, _: T) -> T { g / (1 + T.exp(x)) }
}

/// `a` = lambda.
enum HardshrinkFunction: PointwiseActivation {
    @inline(__always) static func forward<T: FloatElement>(_ x: T, _ a: T, _: T) -> T { x >= -a && x <= a ? 0 : x }
    @inline(__always) static func backward<T: FloatElement>(_ x: T, _ g: T, _ a: T, _: T) -> T { x >= -a && x <= a ? 0 : g }
}

/// `a` = lambda.
enum SoftshrinkFunction: PointwiseActivation {
    @inline(__always) static func forward<T: FloatElement>(_ x: T, _ a: T, _: T) -> T {
        x >= -a && x <= a ? 0 : (x > 0 ? x - a : x + a)  // NaN stays NaN
    }
    @inline(__always) static func backward<T: FloatElement>(_ x: T, _ g: T, _ a: T, _: T) -> T { x >= -a && x <= a ? 0 : g }
}
