/// A Swift type that can be stored as the elements of a tensor.
///
/// Each conforming type maps to one `DType`. Conversions between element types
/// go through `Int64` for integers and `Double` for floating types, so int64
/// values survive exactly and floats truncate toward zero, as in PyTorch's casts.
public protocol TensorElement: Sendable {
    static var dtype: DType { get }
    init(int64 value: Int64)
    init(double value: Double)
    var int64Value: Int64 { get }
    var doubleValue: Double { get }
}

extension TensorElement {
    /// Converts between element types with PyTorch's cast semantics.
    @inline(__always)
    static func converting<S: TensorElement>(_ value: S) -> Self {
        // Each integer type's init(double:) has PyTorch's x86 float-to-integer semantics.
        if S.dtype.isFloatingPoint { return Self(double: value.doubleValue) }
        return Self(int64: value.int64Value)
    }
}

/// Float-to-integer casts in PyTorch are C++ casts: truncation, and
/// out-of-range or NaN values give an unspecified result. We return the
/// x86 "integer indefinite" value for those instead of trapping.
@inline(__always)
func floatToInt64(_ value: Double) -> Int64 {
    if value.isNaN || value >= 9.2233720368547758e18 || value < -9.2233720368547758e18 { return Int64.min }
    return Int64(value)
}

/// A float converted to a 32-bit integer as PyTorch's CPU casts do on x86: NaN
/// and values outside the int32 range give Int32.min. The 8- and 16-bit
/// types keep the low bits of this (so inf becomes 0 and 300.5 as uint8 44).
@inline(__always)
func floatToInt32(_ value: Double) -> Int32 {
    if value.isNaN || value >= 2147483648.0 || value < -2147483648.0 { return Int32.min }
    return Int32(value)
}

extension Bool: TensorElement {
    public static var dtype: DType { .bool }
    @inline(__always) public init(int64 value: Int64) { self = value != 0 }
    @inline(__always) public init(double value: Double) { self = value != 0 }
    @inline(__always) public var int64Value: Int64 { self ? 1 : 0 }
    @inline(__always) public var doubleValue: Double { self ? 1 : 0 }
}

extension UInt8: TensorElement {
    public static var dtype: DType { .uint8 }
    @inline(__always) public init(int64 value: Int64) { self.init(truncatingIfNeeded: value) }
    @inline(__always) public init(double value: Double) { self.init(truncatingIfNeeded: floatToInt32(value)) }
    @inline(__always) public var int64Value: Int64 { Int64(self) }
    @inline(__always) public var doubleValue: Double { Double(self) }
}

extension Int8: TensorElement {
    public static var dtype: DType { .int8 }
    @inline(__always) public init(int64 value: Int64) { self.init(truncatingIfNeeded: value) }
    @inline(__always) public init(double value: Double) { self.init(truncatingIfNeeded: floatToInt32(value)) }
    @inline(__always) public var int64Value: Int64 { Int64(self) }
    @inline(__always) public var doubleValue: Double { Double(self) }
}

extension Int16: TensorElement {
    public static var dtype: DType { .int16 }
    @inline(__always) public init(int64 value: Int64) { self.init(truncatingIfNeeded: value) }
    @inline(__always) public init(double value: Double) { self.init(truncatingIfNeeded: floatToInt32(value)) }
    @inline(__always) public var int64Value: Int64 { Int64(self) }
    @inline(__always) public var doubleValue: Double { Double(self) }
}

extension Int32: TensorElement {
    public static var dtype: DType { .int32 }
    @inline(__always) public init(int64 value: Int64) { self.init(truncatingIfNeeded: value) }
    @inline(__always) public init(double value: Double) { self.init(truncatingIfNeeded: floatToInt32(value)) }
    @inline(__always) public var int64Value: Int64 { Int64(self) }
    @inline(__always) public var doubleValue: Double { Double(self) }
}

extension Int64: TensorElement {
    public static var dtype: DType { .int64 }
    @inline(__always) public init(int64 value: Int64) { self = value }
    @inline(__always) public init(double value: Double) { self = floatToInt64(value) }
    @inline(__always) public var int64Value: Int64 { self }
    @inline(__always) public var doubleValue: Double { Double(self) }
}

extension Float16: TensorElement {
    public static var dtype: DType { .float16 }
    @inline(__always) public init(int64 value: Int64) { self.init(Float(value)) }
    // Through Float, as PyTorch converts doubles to half via float.
    @inline(__always) public init(double value: Double) { self.init(Float(value)) }
    @inline(__always) public var int64Value: Int64 { floatToInt64(Double(self)) }
    @inline(__always) public var doubleValue: Double { Double(self) }
}

extension BFloat16: TensorElement {
    public static var dtype: DType { .bfloat16 }
    @inline(__always) public init(int64 value: Int64) { self.init(Float(value)) }
    @inline(__always) public init(double value: Double) { self.init(Float(value)) }
    @inline(__always) public var int64Value: Int64 { floatToInt64(Double(floatValue)) }
    @inline(__always) public var doubleValue: Double { Double(floatValue) }
}

extension Float: TensorElement {
    public static var dtype: DType { .float32 }
    @inline(__always) public init(int64 value: Int64) { self.init(value) }
    @inline(__always) public init(double value: Double) { self.init(value) }
    @inline(__always) public var int64Value: Int64 { floatToInt64(Double(self)) }
    @inline(__always) public var doubleValue: Double { Double(self) }
}

extension Double: TensorElement {
    public static var dtype: DType { .float64 }
    @inline(__always) public init(int64 value: Int64) { self.init(value) }
    @inline(__always) public init(double value: Double) { self = value }
    @inline(__always) public var int64Value: Int64 { floatToInt64(self) }
    @inline(__always) public var doubleValue: Double { self }
}
