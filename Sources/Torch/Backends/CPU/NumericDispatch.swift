/// Calls a generic body with the Swift type of a numeric compute dtype.
protocol NumericVisitor {
    associatedtype Output
    func visit<T: NumericElement>(_ type: T.Type) -> Output
}

/// Calls a generic body with the Swift type of float32 or float64.
protocol FloatVisitor {
    associatedtype Output
    func visit<T: FloatElement>(_ type: T.Type) -> Output
}

extension DType {
    /// Dispatches on a compute dtype (`computeType`: no bool or half types).
    func dispatchNumeric<V: NumericVisitor>(_ v: V) -> V.Output {
        switch self {
        case .uint8: return v.visit(UInt8.self)
        case .int8: return v.visit(Int8.self)
        case .int16: return v.visit(Int16.self)
        case .int32: return v.visit(Int32.self)
        case .int64: return v.visit(Int64.self)
        case .float32: return v.visit(Float.self)
        case .float64: return v.visit(Double.self)
        default: preconditionFailure("numeric kernel called with dtype \(self)")
        }
    }

    /// Dispatches on float32 or float64.
    func dispatchFloat<V: FloatVisitor>(_ v: V) -> V.Output {
        switch self {
        case .float32: return v.visit(Float.self)
        case .float64: return v.visit(Double.self)
        default: preconditionFailure("float kernel called with dtype \(self)")
        }
    }
}
