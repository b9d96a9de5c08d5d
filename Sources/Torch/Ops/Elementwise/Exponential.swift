import Foundation

// Each function is a tiny type so its kernel is specialised once per dtype.
enum ExpFunction: FloatUnaryFunction {
    @inline(__always) static func apply<T: FloatElement>(_ x: T) -> T {
        // float32 takes the vectorisable version (FastMath.swift); the check folds away per type.
        if T.self == Float.self { return unsafeBitCast(fastExp(unsafeBitCast(x, to: Float.self)), to: T.self) }
        return T.exp(x)
    }
}
enum Exp2Function: FloatUnaryFunction { @inline(__always) static func apply<T: FloatElement>(_ x: T) -> T { T.exp2(x) } }
enum Expm1Function: FloatUnaryFunction { @inline(__always) static func apply<T: FloatElement>(_ x: T) -> T { T.expm1(x) } }
enum LogFunction: FloatUnaryFunction { @inline(__always) static func apply<T: FloatElement>(_ x: T) -> T { T.log(x) } }
enum Log2Function: FloatUnaryFunction { @inline(__always) static func apply<T: FloatElement>(_ x: T) -> T { T.log2(x) } }
enum Log10Function: FloatUnaryFunction { @inline(__always) static func apply<T: FloatElement>(_ x: T) -> T { T.log10(x) } }
enum Log1pFunction: FloatUnaryFunction { @inline(__always) static func apply<T: FloatElement>(_ x: T) -> T { T.log1p(x) } }
enum SqrtFunction: FloatUnaryFunction { @inline(__always) static func apply<T: FloatElement>(_ x: T) -> T { x.squareRoot() } }
enum RsqrtFunction: FloatUnaryFunction { @inline(__always) static func apply<T: FloatElement>(_ x: T) -> T { 1 / x.squareRoot() } }
enum SigmoidFunction: FloatUnaryFunction {
    @inline(__always) static func apply<T: FloatElement>(_ x: T) -> T {
        if T.self == Float.self { return unsafeBitCast(fastSigmoid(unsafeBitCast(x, to: Float.self)), to: T.self) }
        return 1 / (1 + T.exp(-x))
    }
}

extension Tensor {
    /// `e^x` elementwise, PyTorch's `exp`. Integer and bool inputs give float32.
    public func exp() -> Tensor {
        floatUnaryOp(ExpFunction.self, "ExpBackward0", savingOutput: true) { g, s in g * s[0] }
    }

    /// `2^x` elementwise, PyTorch's `exp2`.
    public func exp2() -> Tensor {
        floatUnaryOp(Exp2Function.self, "Exp2Backward0", savingOutput: true) { g, s in g * s[0] * M_LN2 }
    }

    /// `e^x - 1` elementwise, accurate near zero, PyTorch's `expm1`.
    public func expm1() -> Tensor {
        floatUnaryOp(Expm1Function.self, "Expm1Backward0", savingOutput: true) { g, s in g * (s[0] + 1) }
    }

    /// The natural logarithm elementwise, PyTorch's `log`.
    public func log() -> Tensor {
        floatUnaryOp(LogFunction.self, "LogBackward0", savingInput: true) { g, s in g / s[0] }
    }

    /// The base-2 logarithm elementwise, PyTorch's `log2`.
    public func log2() -> Tensor {
        floatUnaryOp(Log2Function.self, "Log2Backward0", savingInput: true) { g, s in g / (s[0] * M_LN2) }
    }

    /// The base-10 logarithm elementwise, PyTorch's `log10`.
    public func log10() -> Tensor {
        floatUnaryOp(Log10Function.self, "Log10Backward0", savingInput: true) { g, s in g / (s[0] * M_LN10) }
    }

    /// `log(1 + x)` elementwise, accurate near zero, PyTorch's `log1p`.
    public func log1p() -> Tensor {
        floatUnaryOp(Log1pFunction.self, "Log1PBackward0", savingInput: true) { g, s in g / (s[0] + 1) }
    }

    /// The square root elementwise, PyTorch's `sqrt`.
    public func sqrt() -> Tensor {
        floatUnaryOp(SqrtFunction.self, "SqrtBackward0", savingOutput: true) { g, s in g / (2 * s[0]) }
    }

    /// `1 / sqrt(x)` elementwise, PyTorch's `rsqrt`.
    public func rsqrt() -> Tensor {
        floatUnaryOp(RsqrtFunction.self, "RsqrtBackward0", savingOutput: true) { g, s in -0.5 * g * s[0].pow(3) }
    }

    /// The logistic function `1 / (1 + e^-x)` elementwise, PyTorch's `sigmoid`.
    public func sigmoid() -> Tensor {
        floatUnaryOp(SigmoidFunction.self, "SigmoidBackward0", savingOutput: true) { g, s in g * s[0] * (1 - s[0]) }
    }

    /// `exp` in place, PyTorch's `exp_`.
    @discardableResult
    public func exp_(file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        floatUnaryInPlace(ExpFunction.self, file: file, line: line) { $0.exp() }
    }

    /// `log` in place, PyTorch's `log_`.
    @discardableResult
    public func log_(file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        floatUnaryInPlace(LogFunction.self, file: file, line: line) { $0.log() }
    }

    /// `sqrt` in place, PyTorch's `sqrt_`.
    @discardableResult
    public func sqrt_(file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        floatUnaryInPlace(SqrtFunction.self, file: file, line: line) { $0.sqrt() }
    }

    /// `sigmoid` in place, PyTorch's `sigmoid_`.
    @discardableResult
    public func sigmoid_(file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        floatUnaryInPlace(SigmoidFunction.self, file: file, line: line) { $0.sigmoid() }
    }
}

/// PyTorch's `torch.exp`.
public func exp(_ x: Tensor) -> Tensor { x.exp() }
/// PyTorch's `torch.exp2`.
public func exp2(_ x: Tensor) -> Tensor { x.exp2() }
/// PyTorch's `torch.expm1`.
public func expm1(_ x: Tensor) -> Tensor { x.expm1() }
/// PyTorch's `torch.log`.
public func log(_ x: Tensor) -> Tensor { x.log() }
/// PyTorch's `torch.log2`.
public func log2(_ x: Tensor) -> Tensor { x.log2() }
/// PyTorch's `torch.log10`.
public func log10(_ x: Tensor) -> Tensor { x.log10() }
/// PyTorch's `torch.log1p`.
public func log1p(_ x: Tensor) -> Tensor { x.log1p() }
/// PyTorch's `torch.sqrt`.
public func sqrt(_ x: Tensor) -> Tensor { x.sqrt() }
/// PyTorch's `torch.rsqrt`.
public func rsqrt(_ x: Tensor) -> Tensor { x.rsqrt() }
/// PyTorch's `torch.sigmoid`.
public func sigmoid(_ x: Tensor) -> Tensor { x.sigmoid() }
