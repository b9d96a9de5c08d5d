// What elementwise primitives compute, named by types: the op picks a function
// type, and each backend maps it to its kernel (the CPU calls `apply`, a device
// backend maps the type to its own kernel). One file, so a backend author sees
// the whole vocabulary.

/// A function of two numbers, generic over the compute element types.
protocol BinaryFunction {
    static func apply<T: NumericElement>(_ a: T, _ b: T) -> T
}

/// A function of two floating numbers (float32 or float64).
protocol FloatBinaryFunction {
    static func apply<T: FloatElement>(_ a: T, _ b: T) -> T
}

/// A function of one number, generic over the compute element types.
protocol UnaryFunction {
    static func apply<T: NumericElement>(_ a: T) -> T
}

/// A function of one floating number (float32 or float64).
protocol FloatUnaryFunction {
    static func apply<T: FloatElement>(_ x: T) -> T
}

/// A predicate on two numbers (comparisons).
protocol ComparisonFunction {
    static func apply<T: NumericElement>(_ a: T, _ b: T) -> Bool
}

/// A function of two truth values (`logical_and`, ...).
protocol LogicalFunction {
    static func apply(_ a: Bool, _ b: Bool) -> Bool
}
enum LogicalAndFunction: LogicalFunction { @inline(__always) static func apply(_ a: Bool, _ b: Bool) -> Bool { a && b } }
enum LogicalOrFunction: LogicalFunction { @inline(__always) static func apply(_ a: Bool, _ b: Bool) -> Bool { a || b } }
enum LogicalXorFunction: LogicalFunction { @inline(__always) static func apply(_ a: Bool, _ b: Bool) -> Bool { a != b } }

/// A function of two integers (bitwise ops); bool operands run as 0/1 bytes.
protocol BitwiseFunction {
    static func apply<T: FixedWidthInteger>(_ a: T, _ b: T) -> T
}
enum BitwiseAndFunction: BitwiseFunction { @inline(__always) static func apply<T: FixedWidthInteger>(_ a: T, _ b: T) -> T { a & b } }
enum BitwiseOrFunction: BitwiseFunction { @inline(__always) static func apply<T: FixedWidthInteger>(_ a: T, _ b: T) -> T { a | b } }
enum BitwiseXorFunction: BitwiseFunction { @inline(__always) static func apply<T: FixedWidthInteger>(_ a: T, _ b: T) -> T { a ^ b } }

/// A property of a floating value (`isnan`, `isinf`, `isfinite`).
protocol FloatClassFunction {
    static func apply(_ x: Double) -> Bool
}
enum IsNaNFunction: FloatClassFunction { @inline(__always) static func apply(_ x: Double) -> Bool { x.isNaN } }
enum IsInfFunction: FloatClassFunction { @inline(__always) static func apply(_ x: Double) -> Bool { x.isInfinite } }
enum IsFiniteFunction: FloatClassFunction { @inline(__always) static func apply(_ x: Double) -> Bool { x.isFinite } }

/// A pointwise activation with up to three parameters (`a`, `b`, `c`), its
/// derivative fused with the incoming gradient.
///
/// One small type per activation, so the forward and backward loops are
/// specialised per element type with no per-element dynamic dispatch.
protocol PointwiseActivation {
    static func forward<T: FloatElement>(_ x: T, _ a: T, _ b: T) -> T
    /// `grad * f'(x)`.
    static func backward<T: FloatElement>(_ x: T, _ grad: T, _ a: T, _ b: T) -> T
    static func forward<T: FloatElement>(_ x: T, _ a: T, _ b: T, _ c: T) -> T
    static func backward<T: FloatElement>(_ x: T, _ grad: T, _ a: T, _ b: T, _ c: T) -> T
}
