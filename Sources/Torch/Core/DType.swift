/// The element type of a tensor, PyTorch's `torch.dtype`.
///
/// Promotion follows PyTorch's `torch.result_type`: bool < integers < floating
/// point, and within a category the wider type wins (`uint8` with `int8` gives
/// `int16`; `float16` with `bfloat16` gives `float32`).
public enum DType: Int, Sendable, CaseIterable, CustomStringConvertible {
    case bool, uint8, int8, int16, int32, int64, float16, bfloat16, float32, float64

    /// Bytes per element.
    public var itemSize: Int {
        switch self {
        case .bool, .uint8, .int8: return 1
        case .int16, .float16, .bfloat16: return 2
        case .int32, .float32: return 4
        case .int64, .float64: return 8
        }
    }

    /// True for float16, bfloat16, float32 and float64.
    public var isFloatingPoint: Bool {
        switch self {
        case .float16, .bfloat16, .float32, .float64: return true
        default: return false
        }
    }

    /// True for the integer types (bool is not one).
    public var isIntegral: Bool { !isFloatingPoint && self != .bool }

    /// True for the signed types PyTorch calls signed (`torch.dtype.is_signed`).
    public var isSigned: Bool { self != .bool && self != .uint8 }

    /// PyTorch's printed name, e.g. `torch.float32`.
    public var description: String { "torch.\(name)" }

    /// The bare name, e.g. `float32`.
    public var name: String {
        switch self {
        case .bool: return "bool"
        case .uint8: return "uint8"
        case .int8: return "int8"
        case .int16: return "int16"
        case .int32: return "int32"
        case .int64: return "int64"
        case .float16: return "float16"
        case .bfloat16: return "bfloat16"
        case .float32: return "float32"
        case .float64: return "float64"
        }
    }

    /// The legacy tensor type name PyTorch uses in some messages (`torch.FloatTensor`).
    var legacyTypeName: String {
        switch self {
        case .bool: return "torch.BoolTensor"
        case .uint8: return "torch.ByteTensor"
        case .int8: return "torch.CharTensor"
        case .int16: return "torch.ShortTensor"
        case .int32: return "torch.IntTensor"
        case .int64: return "torch.LongTensor"
        case .float16: return "torch.HalfTensor"
        case .bfloat16: return "torch.BFloat16Tensor"
        case .float32: return "torch.FloatTensor"
        case .float64: return "torch.DoubleTensor"
        }
    }

    /// The C++ scalar type name PyTorch uses in error messages (`Float`, `Long`).
    var scalarTypeName: String {
        switch self {
        case .bool: return "Bool"
        case .uint8: return "Byte"
        case .int8: return "Char"
        case .int16: return "Short"
        case .int32: return "Int"
        case .int64: return "Long"
        case .float16: return "Half"
        case .bfloat16: return "BFloat16"
        case .float32: return "Float"
        case .float64: return "Double"
        }
    }

    /// The type in which arithmetic on this dtype is carried out. Half types
    /// compute in float32 and round back, as PyTorch's CPU kernels do.
    var computeType: DType {
        self == .float16 || self == .bfloat16 ? .float32 : self
    }

    /// The dtype torch uses for floating results of integer inputs.
    public static let defaultFloat: DType = .float32

    private var category: Int { self == .bool ? 0 : (isFloatingPoint ? 2 : 1) }

    /// `torch.promote_types(a, b)`.
    public static func promote(_ a: DType, _ b: DType) -> DType {
        if a == b { return a }
        if a == .bool { return b }
        if b == .bool { return a }
        if a.isFloatingPoint != b.isFloatingPoint { return a.isFloatingPoint ? a : b }
        if a.isFloatingPoint {
            if (a == .float16 && b == .bfloat16) || (a == .bfloat16 && b == .float16) { return .float32 }
            return a.rawValue > b.rawValue ? a : b
        }
        // Integers: uint8 mixes with signed types by widening to the next signed type.
        if a == .uint8 || b == .uint8 {
            let other = a == .uint8 ? b : a
            return other == .int8 ? .int16 : other
        }
        return a.rawValue > b.rawValue ? a : b
    }

    /// Combines a higher-priority operand's dtype with a lower-priority one
    /// (dimensioned tensors over 0-d tensors over Swift scalars): the lower one
    /// only matters when it is of a higher category.
    static func combineCategories(higher: DType?, lower: DType?) -> DType? {
        guard let higher else { return lower }
        guard let lower else { return higher }
        if higher.isFloatingPoint { return higher }
        if higher == .bool || lower.isFloatingPoint { return promote(higher, lower) }
        return higher
    }

    /// The C++ type name PyTorch prints in some dtype messages (`float`, `long int`).
    var cppTypeName: String {
        switch self {
        case .bool: return "bool"
        case .uint8: return "unsigned char"
        case .int8: return "signed char"
        case .int16: return "short int"
        case .int32: return "int"
        case .int64: return "long int"
        case .float16: return "c10::Half"
        case .bfloat16: return "c10::BFloat16"
        case .float32: return "float"
        case .float64: return "double"
        }
    }
}
