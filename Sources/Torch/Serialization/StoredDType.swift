/// A dtype as stored in a `.pt` file: every dtype of PyTorch's storage table,
/// including those this library computes with no `DType` for (kept as raw bits).
struct StoredDType: Equatable {
    /// PyTorch's name without `torch.` (`float32`, `complex64`, `uint16`).
    let name: String
    let itemSize: Int
    /// Bytes of each scalar component (half the item size for complex types),
    /// the unit a big-endian file is byte-swapped in.
    let swapUnit: Int
    /// The legacy storage class (`FloatStorage`), nil for dtypes that only
    /// `_rebuild_tensor_v3` saves.
    let storageClass: String?

    /// The matching `DType`, nil when the dtype has none here.
    var dtype: DType? { DType.allCases.first { $0.name == name } }

    private init(_ name: String, _ itemSize: Int, swap: Int? = nil, _ storageClass: String? = nil) {
        self.name = name
        self.itemSize = itemSize
        self.swapUnit = swap ?? itemSize
        self.storageClass = storageClass
    }

    static let all: [StoredDType] = [
        .init("float64", 8, "DoubleStorage"), .init("float32", 4, "FloatStorage"),
        .init("float16", 2, "HalfStorage"), .init("bfloat16", 2, "BFloat16Storage"),
        .init("int64", 8, "LongStorage"), .init("int32", 4, "IntStorage"),
        .init("int16", 2, "ShortStorage"), .init("int8", 1, "CharStorage"),
        .init("uint8", 1, "ByteStorage"), .init("bool", 1, "BoolStorage"),
        .init("complex64", 8, swap: 4, "ComplexFloatStorage"), .init("complex128", 16, swap: 8, "ComplexDoubleStorage"),
        .init("complex32", 4, swap: 2), .init("uint16", 2), .init("uint32", 4), .init("uint64", 8),
        .init("float8_e4m3fn", 1), .init("float8_e5m2", 1), .init("float8_e4m3fnuz", 1), .init("float8_e5m2fnuz", 1),
        .init("float8_e8m0fnu", 1), .init("float4_e2m1fn_x2", 1),
        .init("bits8", 1), .init("bits16", 2), .init("bits1x8", 1), .init("bits2x4", 1), .init("bits4x2", 1),
    ]

    /// Python aliases torch also exports (`torch.float` is float32).
    private static let aliases: [String: String] = [
        "float": "float32", "double": "float64", "half": "float16", "long": "int64", "int": "int32",
        "short": "int16", "cfloat": "complex64", "cdouble": "complex128", "chalf": "complex32",
    ]

    static let quantizedNames: Set<String> = ["qint8", "quint8", "qint32", "quint4x2", "quint2x4"]
    static let quantizedStorages: Set<String> = ["QInt8Storage", "QUInt8Storage", "QInt32Storage",
                                                 "QUInt4x2Storage", "QUInt2x4Storage"]

    /// The dtype called `torch.<name>`, nil when unknown.
    static func named(_ name: String) -> StoredDType? {
        let n = aliases[name] ?? name
        return all.first { $0.name == n }
    }

    /// The dtype of a legacy storage class (`torch.FloatStorage`).
    static func storageClass(_ cls: String) -> StoredDType? {
        all.first { $0.storageClass == cls }
    }

    /// The stored form of a `DType`.
    init(_ dtype: DType) {
        self = StoredDType.named(dtype.name)!
    }
}

/// A storage named by a persistent id: `('storage', class, key, location, numel)`.
struct StorageRef {
    let key: String
    /// nil for `torch.UntypedStorage` (then `numel` counts bytes).
    let dtype: StoredDType?
    let numel: Int
    /// For legacy storage views: (root key, offset in elements, size in elements).
    var view: (root: String, offset: Int, size: Int)?
}

/// A tensor described by `_rebuild_tensor_v2`/`_v3`, before its storage is read.
struct TensorSpec {
    let storage: StorageRef
    let dtype: StoredDType
    let offset: Int
    let shape: [Int]
    let strides: [Int]
    var requiresGrad: Bool
    var isParameter = false
    var conj = false
    var neg = false
}
