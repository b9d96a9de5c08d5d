/// Calls a generic body with the Swift element type of a dtype.
///
/// Swift has no generic closures, so kernels implement this small protocol and
/// the switch lives here once.
protocol ElementVisitor {
    associatedtype Output
    func visit<T: TensorElement>(_ type: T.Type) -> Output
}

extension DType {
    @inline(__always)
    func dispatch<V: ElementVisitor>(_ v: V) -> V.Output {
        switch self {
        case .bool: return v.visit(Bool.self)
        case .uint8: return v.visit(UInt8.self)
        case .int8: return v.visit(Int8.self)
        case .int16: return v.visit(Int16.self)
        case .int32: return v.visit(Int32.self)
        case .int64: return v.visit(Int64.self)
        case .float16: return v.visit(Float16.self)
        case .bfloat16: return v.visit(BFloat16.self)
        case .float32: return v.visit(Float.self)
        case .float64: return v.visit(Double.self)
        }
    }
}
