import Foundation

enum SinFunction: FloatUnaryFunction { @inline(__always) static func apply<T: FloatElement>(_ x: T) -> T { T.sin(x) } }
enum CosFunction: FloatUnaryFunction { @inline(__always) static func apply<T: FloatElement>(_ x: T) -> T { T.cos(x) } }
enum TanFunction: FloatUnaryFunction { @inline(__always) static func apply<T: FloatElement>(_ x: T) -> T { T.tan(x) } }
enum AsinFunction: FloatUnaryFunction { @inline(__always) static func apply<T: FloatElement>(_ x: T) -> T { T.asin(x) } }
enum AcosFunction: FloatUnaryFunction { @inline(__always) static func apply<T: FloatElement>(_ x: T) -> T { T.acos(x) } }
enum AtanFunction: FloatUnaryFunction { @inline(__always) static func apply<T: FloatElement>(_ x: T) -> T { T.atan(x) } }
enum SinhFunction: FloatUnaryFunction { @inline(__always) static func apply<T: FloatElement>(_ x: T) -> T { T.sinh(x) } }
enum CoshFunction: FloatUnaryFunction { @inline(__always) static func apply<T: FloatElement>(_ x: T) -> T { T.cosh(x) } }
enum TanhFunction: FloatUnaryFunction {
    @inline(__always) static func apply<T: FloatElement>(_ x: T) -> T {
        if T.self == Float.self { return unsafeBitCast(fastTanh(unsafeBitCast(x, to: Float.self)), to: T.self) }
        return T.tanh(x)
    }
}
enum Atan2Function: FloatBinaryFunction {
    @inline(__always) static func apply<T: FloatElement>(_ a: T, _ b: T) -> T { T.atan2(a, b) }
}

extension Tensor {
    /// The sine elementwise, PyTorch's `sin`.
    public func sin() -> Tensor {
        floatUnaryOp(SinFunction.self, "SinBackward0", savingInput: true) { g, s in g * s[0].cos() }
    }

    /// The cosine elementwise, PyTorch's `cos`.
    public func cos() -> Tensor {
        floatUnaryOp(CosFunction.self, "CosBackward0", savingInput: true) { g, s in -g * s[0].sin() }
    }

    /// The tangent elementwise, PyTorch's `tan`.
    public func tan() -> Tensor {
        floatUnaryOp(TanFunction.self, "TanBackward0", savingOutput: true) { g, s in g * (1 + s[0] * s[0]) }
    }

    /// The arcsine elementwise, PyTorch's `asin`.
    public func asin() -> Tensor {
        floatUnaryOp(AsinFunction.self, "AsinBackward0", savingInput: true) { g, s in g / (1 - s[0] * s[0]).sqrt() }
    }

    /// The arccosine elementwise, PyTorch's `acos`.
    public func acos() -> Tensor {
        floatUnaryOp(AcosFunction.self, "AcosBackward0", savingInput: true) { g, s in -g / (1 - s[0] * s[0]).sqrt() }
    }

    /// The arctangent elementwise, PyTorch's `atan`.
    public func atan() -> Tensor {
        floatUnaryOp(AtanFunction.self, "AtanBackward0", savingInput: true) { g, s in g / (1 + s[0] * s[0]) }
    }

    /// The hyperbolic sine elementwise, PyTorch's `sinh`.
    public func sinh() -> Tensor {
        floatUnaryOp(SinhFunction.self, "SinhBackward0", savingInput: true) { g, s in g * s[0].cosh() }
    }

    /// The hyperbolic cosine elementwise, PyTorch's `cosh`.
    public func cosh() -> Tensor {
        floatUnaryOp(CoshFunction.self, "CoshBackward0", savingInput: true) { g, s in g * s[0].sinh() }
    }

    /// The hyperbolic tangent elementwise, PyTorch's `tanh`.
    public func tanh() -> Tensor {
        floatUnaryOp(TanhFunction.self, "TanhBackward0", savingOutput: true) { g, s in g * (1 - s[0] * s[0]) }
    }

    /// `tanh` in place, PyTorch's `tanh_`.
    @discardableResult
    public func tanh_(file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        floatUnaryInPlace(TanhFunction.self, file: file, line: line) { $0.tanh() }
    }

    /// The angle of the point `(other, self)` elementwise (`atan(self / other)`
    /// in the right quadrant), PyTorch's `atan2`. Integer inputs give float32.
    public func atan2(_ other: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let out = floatBinaryKernelOp(Atan2Function.self, self, other, dtype: promotedType(self, other), file: file, line: line)
        if gradNeeded(self, other) {
            recordNode("Atan2Backward0", inputs: [self, other], output: out, saving: [self, other]) { ctx in
                let (y, x) = (ctx.saved[0], ctx.saved[1])
                // At (0, 0) PyTorch's gradient is 0, not 0/0.
                let squares = x * x + y * y
                let scale = Torch.where(squares.eq(0), Torch.zerosLike(squares), ctx.grad / squares)
                return [ctx.needsInputGrad[0] ? scale * x : nil, ctx.needsInputGrad[1] ? -scale * y : nil]
            }
        }
        return out
    }
}

/// PyTorch's `torch.sin`.
public func sin(_ x: Tensor) -> Tensor { x.sin() }
/// PyTorch's `torch.cos`.
public func cos(_ x: Tensor) -> Tensor { x.cos() }
/// PyTorch's `torch.tan`.
public func tan(_ x: Tensor) -> Tensor { x.tan() }
/// PyTorch's `torch.asin`.
public func asin(_ x: Tensor) -> Tensor { x.asin() }
/// PyTorch's `torch.acos`.
public func acos(_ x: Tensor) -> Tensor { x.acos() }
/// PyTorch's `torch.atan`.
public func atan(_ x: Tensor) -> Tensor { x.atan() }
/// PyTorch's `torch.sinh`.
public func sinh(_ x: Tensor) -> Tensor { x.sinh() }
/// PyTorch's `torch.cosh`.
public func cosh(_ x: Tensor) -> Tensor { x.cosh() }
/// PyTorch's `torch.tanh`.
public func tanh(_ x: Tensor) -> Tensor { x.tanh() }
/// PyTorch's `torch.atan2`.
public func atan2(_ y: Tensor, _ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    y.atan2(x, file: file, line: line)
}
