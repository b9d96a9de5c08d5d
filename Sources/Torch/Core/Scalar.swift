/// A Swift number used as an operand of a tensor op (`x * 2`, `x.add(1.5)`).
///
/// Scalars take part in type promotion the way Python numbers do in PyTorch:
/// they only lift the result to a higher category, so an int32 tensor times 2
/// stays int32 while an int32 tensor times 2.5 becomes float32.
public enum Scalar: Sendable, Equatable {
    case bool(Bool)
    case int(Int64)
    case double(Double)

    /// The dtype PyTorch gives a tensor made from this scalar alone.
    var defaultDType: DType {
        switch self {
        case .bool: return .bool
        case .int: return .int64
        case .double: return DType.defaultFloat
        }
    }

    var doubleValue: Double {
        switch self {
        case .bool(let b): return b ? 1 : 0
        case .int(let i): return Double(i)
        case .double(let d): return d
        }
    }

    var int64Value: Int64 {
        switch self {
        case .bool(let b): return b ? 1 : 0
        case .int(let i): return i
        case .double(let d): return floatToInt64(d)
        }
    }

    var isFloatingPoint: Bool { if case .double = self { return true } else { return false } }

    /// The value converted to an element type.
    @inline(__always)
    func value<T: TensorElement>(as _: T.Type) -> T {
        switch self {
        case .bool(let b): return T(int64: b ? 1 : 0)
        case .int(let i): return T(int64: i)
        case .double(let d): return T.dtype.isFloatingPoint || T.dtype == .bool ? T(double: d) : T(int64: floatToInt64(d))
        }
    }
}

/// Swift number types accepted wherever PyTorch takes a Python number.
public protocol TensorScalar: Sendable {
    var scalar: Scalar { get }
}

extension Int: TensorScalar { public var scalar: Scalar { .int(Int64(self)) } }
extension Int64: TensorScalar { public var scalar: Scalar { .int(self) } }
extension Int32: TensorScalar { public var scalar: Scalar { .int(Int64(self)) } }
extension Double: TensorScalar { public var scalar: Scalar { .double(self) } }
extension Float: TensorScalar { public var scalar: Scalar { .double(Double(self)) } }
extension Bool: TensorScalar { public var scalar: Scalar { .bool(self) } }
extension Scalar: TensorScalar { public var scalar: Scalar { self } }
