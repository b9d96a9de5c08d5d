/// How an index kernel combines a written value with the one already there.
enum IndexReduction: Sendable {
    case assign, add, multiply

    /// Combines `old` and `new`. Integers wrap; bool adds as logical or and
    /// multiplies as logical and; float16/bfloat16 compute in double and round once.
    @inline(__always)
    func combine<T: TensorElement>(_ old: T, _ new: T) -> T {
        switch self {
        case .assign: return new
        case .add:
            if T.dtype.isFloatingPoint { return T(double: old.doubleValue + new.doubleValue) }
            return T(int64: T.dtype == .bool ? (old.int64Value | new.int64Value) : old.int64Value &+ new.int64Value)
        case .multiply:
            if T.dtype.isFloatingPoint { return T(double: old.doubleValue * new.doubleValue) }
            return T(int64: old.int64Value &* new.int64Value)
        }
    }
}
