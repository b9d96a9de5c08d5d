enum EqualFunction: ComparisonFunction { @inline(__always) static func apply<T: NumericElement>(_ a: T, _ b: T) -> Bool { a == b } }
enum NotEqualFunction: ComparisonFunction { @inline(__always) static func apply<T: NumericElement>(_ a: T, _ b: T) -> Bool { a != b } }
enum LessFunction: ComparisonFunction { @inline(__always) static func apply<T: NumericElement>(_ a: T, _ b: T) -> Bool { a < b } }
enum LessEqualFunction: ComparisonFunction { @inline(__always) static func apply<T: NumericElement>(_ a: T, _ b: T) -> Bool { a <= b } }
enum GreaterFunction: ComparisonFunction { @inline(__always) static func apply<T: NumericElement>(_ a: T, _ b: T) -> Bool { a > b } }
enum GreaterEqualFunction: ComparisonFunction { @inline(__always) static func apply<T: NumericElement>(_ a: T, _ b: T) -> Bool { a >= b } }

extension Tensor {
    /// Runs a comparison with broadcasting; operands are promoted to a common dtype.
    /// The result is a bool tensor and records no gradient.
    func compareOp<F: ComparisonFunction>(_ f: F.Type, _ other: Tensor, file: StaticString, line: UInt) -> Tensor {
        let common = kernelDType(for: promotedType(self, other))
        let shape = self.shape == other.shape ? self.shape : broadcastShapes(self.shape, other.shape, file: file, line: line)
        let out = Tensor(uninitializedShape: shape, dtype: .bool, device: commonDevice(self, other, file: file, line: line))
        Dispatch.compare(F.self, cast(common), other.cast(common), into: out)
        return out
    }

    /// `self == other` elementwise, PyTorch's `eq`.
    public func eq(_ other: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        compareOp(EqualFunction.self, other, file: file, line: line)
    }

    /// `self == other` for a Swift number.
    public func eq<S: TensorScalar>(_ other: S, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        eq(Tensor.wrapped(other.scalar), file: file, line: line)
    }

    /// `self != other` elementwise, PyTorch's `ne`.
    public func ne(_ other: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        compareOp(NotEqualFunction.self, other, file: file, line: line)
    }

    /// `self != other` for a Swift number.
    public func ne<S: TensorScalar>(_ other: S, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        ne(Tensor.wrapped(other.scalar), file: file, line: line)
    }

    /// `self < other` elementwise, PyTorch's `lt`.
    public func lt(_ other: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        compareOp(LessFunction.self, other, file: file, line: line)
    }

    /// `self < other` for a Swift number.
    public func lt<S: TensorScalar>(_ other: S, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        lt(Tensor.wrapped(other.scalar), file: file, line: line)
    }

    /// `self <= other` elementwise, PyTorch's `le`.
    public func le(_ other: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        compareOp(LessEqualFunction.self, other, file: file, line: line)
    }

    /// `self <= other` for a Swift number.
    public func le<S: TensorScalar>(_ other: S, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        le(Tensor.wrapped(other.scalar), file: file, line: line)
    }

    /// `self > other` elementwise, PyTorch's `gt`.
    public func gt(_ other: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        compareOp(GreaterFunction.self, other, file: file, line: line)
    }

    /// `self > other` for a Swift number.
    public func gt<S: TensorScalar>(_ other: S, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        gt(Tensor.wrapped(other.scalar), file: file, line: line)
    }

    /// `self >= other` elementwise, PyTorch's `ge`.
    public func ge(_ other: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        compareOp(GreaterEqualFunction.self, other, file: file, line: line)
    }

    /// `self >= other` for a Swift number.
    public func ge<S: TensorScalar>(_ other: S, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        ge(Tensor.wrapped(other.scalar), file: file, line: line)
    }

    /// Whether both tensors have the same shape and equal elements, PyTorch's
    /// `torch.equal`. Values are compared after type promotion; NaN is never equal.
    public func equal(_ other: Tensor) -> Bool {
        guard shape == other.shape else { return false }
        return noGrad { eq(other) }.toArray(as: Bool.self).allSatisfy { $0 }
    }

    /// Whether each element is close to `other`'s, PyTorch's `isclose`:
    /// `|self - other| <= atol + rtol * |other|`, or equal (infinities included).
    ///
    /// Both tensors must have the same dtype.
    public func isclose(_ other: Tensor, rtol: Double = 1e-5, atol: Double = 1e-8, equalNan: Bool = false,
                        file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(dtype == other.dtype, "\(dtype.scalarTypeName) did not match \(other.dtype.scalarTypeName)", file: file, line: line)
        torchCheck(rtol >= 0, "rtol must be greater than or equal to zero, but got \(rtol)", file: file, line: line)
        torchCheck(atol >= 0, "atol must be greater than or equal to zero, but got \(atol)", file: file, line: line)
        let shape = broadcastShape(with: [other], file: file, line: line)
        let out = Tensor(uninitializedShape: shape, dtype: .bool, device: commonDevice(self, other, file: file, line: line))
        Dispatch.isclose(cast(.float64), other.cast(.float64), rtol: rtol, atol: atol, equalNan: equalNan, into: out)
        return out
    }

    /// Whether every element is close to `other`'s (see `isclose`), PyTorch's `allclose`.
    public func allclose(_ other: Tensor, rtol: Double = 1e-5, atol: Double = 1e-8, equalNan: Bool = false,
                         file: StaticString = #fileID, line: UInt = #line) -> Bool {
        isclose(other, rtol: rtol, atol: atol, equalNan: equalNan, file: file, line: line).toArray(as: Bool.self).allSatisfy { $0 }
    }

    /// Which elements are NaN, PyTorch's `isnan`.
    public func isnan() -> Tensor { classify(IsNaNFunction.self, ifNotFloat: false) }

    /// Which elements are +inf or -inf, PyTorch's `isinf`.
    public func isinf() -> Tensor { classify(IsInfFunction.self, ifNotFloat: false) }

    /// Which elements are neither NaN nor infinite, PyTorch's `isfinite`.
    public func isfinite() -> Tensor { classify(IsFiniteFunction.self, ifNotFloat: true) }

    /// A bool tensor of a floating-point property; integer tensors give a constant.
    private func classify<F: FloatClassFunction>(_ f: F.Type, ifNotFloat constant: Bool) -> Tensor {
        let out = Tensor(uninitializedShape: shape, dtype: .bool, device: device)
        switch dtype {
        case .float64, .float32: Dispatch.classify(f, self, into: out)
        case .float16, .bfloat16: Dispatch.classify(f, cast(.float32), into: out)
        default: Dispatch.fill(out, layout: out.layout, with: .bool(constant))
        }
        return out
    }
}

/// PyTorch's `torch.eq`.
public func eq(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { a.eq(b, file: file, line: line) }
/// PyTorch's `torch.ne`.
public func ne(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { a.ne(b, file: file, line: line) }
/// PyTorch's `torch.lt`.
public func lt(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { a.lt(b, file: file, line: line) }
/// PyTorch's `torch.le`.
public func le(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { a.le(b, file: file, line: line) }
/// PyTorch's `torch.gt`.
public func gt(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { a.gt(b, file: file, line: line) }
/// PyTorch's `torch.ge`.
public func ge(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { a.ge(b, file: file, line: line) }
/// PyTorch's `torch.equal`.
public func equal(_ a: Tensor, _ b: Tensor) -> Bool { a.equal(b) }
/// PyTorch's `torch.isclose`.
public func isclose(_ a: Tensor, _ b: Tensor, rtol: Double = 1e-5, atol: Double = 1e-8, equalNan: Bool = false,
                    file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    a.isclose(b, rtol: rtol, atol: atol, equalNan: equalNan, file: file, line: line)
}
/// PyTorch's `torch.allclose`.
public func allclose(_ a: Tensor, _ b: Tensor, rtol: Double = 1e-5, atol: Double = 1e-8, equalNan: Bool = false,
                     file: StaticString = #fileID, line: UInt = #line) -> Bool {
    a.allclose(b, rtol: rtol, atol: atol, equalNan: equalNan, file: file, line: line)
}
/// PyTorch's `torch.isnan`.
public func isnan(_ x: Tensor) -> Tensor { x.isnan() }
/// PyTorch's `torch.isinf`.
public func isinf(_ x: Tensor) -> Tensor { x.isinf() }
/// PyTorch's `torch.isfinite`.
public func isfinite(_ x: Tensor) -> Tensor { x.isfinite() }
