import Foundation

/// A value loaded from a `.pt` file: the Python objects `torch.save` pickles
/// (tensors, dictionaries, lists, tuples, strings, numbers, booleans, None).
///
/// Walk it with subscripts and typed accessors:
/// ```swift
/// let ckpt = try Torch.load("ckpt.pt")
/// let epoch = try ckpt["epoch"].int()
/// try model.loadStateDict(ckpt["model_state_dict"])
/// let w = try ckpt["model_state_dict"]["0.weight"].tensor()
/// ```
public indirect enum PickleValue: @unchecked Sendable, CustomStringConvertible {
    /// Python's None.
    case none
    /// A Python bool.
    case bool(Bool)
    /// An integer that fits in `Int`.
    case int(Int)
    /// A Python int too large for `Int`.
    case bigInt(PickleBigInt)
    /// A Python float.
    case double(Double)
    /// A Python str.
    case string(String)
    /// Python bytes.
    case bytes(Data)
    /// A tensor (a `Parameter` when the file held an `nn.Parameter`).
    case tensor(Tensor)
    /// A tensor of a dtype this library has no `DType` for (complex, uint16/32/64, float8...).
    case rawTensor(RawTensor)
    /// A Python list.
    case list([PickleValue])
    /// A Python tuple (also torch.Size).
    case tuple([PickleValue])
    /// A dictionary in insertion order; `ordered` marks a `collections.OrderedDict`.
    case dict(PickleDict)
    /// A Python object of a class this reader does not rebuild (kept opaque).
    case object(PickleObject)

    // MARK: Typed accessors (nil when the value is of another kind)

    /// The integer held by `.int` (a `.bool` is not one).
    public var intValue: Int? {
        if case .int(let i) = self { return i }
        return nil
    }

    /// The number held by `.double` or `.int`.
    public var doubleValue: Double? {
        switch self {
        case .double(let d): return d
        case .int(let i): return Double(i)
        default: return nil
        }
    }

    /// The flag held by `.bool`.
    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// The text held by `.string`.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The tensor held by `.tensor`.
    public var tensorValue: Tensor? {
        if case .tensor(let t) = self { return t }
        return nil
    }

    /// The items of a `.list` or `.tuple`.
    public var elements: [PickleValue]? {
        switch self {
        case .list(let l), .tuple(let l): return l
        default: return nil
        }
    }

    /// The dictionary held by `.dict`.
    public var dictValue: PickleDict? {
        if case .dict(let d) = self { return d }
        return nil
    }

    /// Whether this is `.none` (Python's None).
    public var isNone: Bool {
        if case .none = self { return true }
        return false
    }

    /// The number of items of a list, tuple or dictionary; 0 otherwise.
    public var count: Int {
        switch self {
        case .list(let l), .tuple(let l): return l.count
        case .dict(let d): return d.count
        default: return 0
        }
    }

    // MARK: Throwing accessors

    /// The integer, or `typeMismatch`.
    public func int() throws -> Int {
        if case .bigInt(let b) = self { throw SerializationError.limitExceeded("the int \(b) does not fit in Int") }
        guard let v = intValue else { throw SerializationError.typeMismatch(expected: "an int", found: kindName) }
        return v
    }

    /// The number (int or float), or `typeMismatch`.
    public func double() throws -> Double {
        guard let v = doubleValue else { throw SerializationError.typeMismatch(expected: "a float", found: kindName) }
        return v
    }

    /// The flag, or `typeMismatch`.
    public func bool() throws -> Bool {
        guard let v = boolValue else { throw SerializationError.typeMismatch(expected: "a bool", found: kindName) }
        return v
    }

    /// The text, or `typeMismatch`.
    public func string() throws -> String {
        guard let v = stringValue else { throw SerializationError.typeMismatch(expected: "a str", found: kindName) }
        return v
    }

    /// The tensor, or `typeMismatch` (also for tensors of dtypes without a `DType`).
    public func tensor() throws -> Tensor {
        if case .rawTensor(let r) = self {
            throw SerializationError.unsupportedDType("a \(r.dtypeName) tensor has no Swift DType; read its bits with rawTensor")
        }
        guard let v = tensorValue else { throw SerializationError.typeMismatch(expected: "a tensor", found: kindName) }
        return v
    }

    // MARK: Subscripts

    /// The value under a string key of a dictionary; throws `keyNotFound` if absent.
    public subscript(key: String) -> PickleValue {
        get throws {
            guard case .dict(let d) = self else {
                throw SerializationError.typeMismatch(expected: "a dict (looking up '\(key)')", found: kindName)
            }
            guard let v = d[key] else { throw SerializationError.keyNotFound("'\(key)' in dict") }
            return v
        }
    }

    /// The item at `index` of a list or tuple, or the value under an integer key
    /// of a dictionary (an optimizer's `state[0]`); throws if absent.
    public subscript(index: Int) -> PickleValue {
        get throws {
            switch self {
            case .list(let l), .tuple(let l):
                guard index >= -l.count && index < l.count else { throw SerializationError.keyNotFound("index \(index) of \(l.count)") }
                return l[index < 0 ? index + l.count : index]
            case .dict(let d):
                guard let v = d[index] else { throw SerializationError.keyNotFound("\(index) in dict") }
                return v
            default:
                throw SerializationError.typeMismatch(expected: "a list, tuple or dict (index \(index))", found: kindName)
            }
        }
    }

    /// The Python type name of the value, for messages.
    public var kindName: String {
        switch self {
        case .none: return "None"
        case .bool: return "bool"
        case .int, .bigInt: return "int"
        case .double: return "float"
        case .string: return "str"
        case .bytes: return "bytes"
        case .tensor(let t): return t is Parameter ? "Parameter" : "Tensor"
        case .rawTensor(let r): return "Tensor (\(r.dtypeName))"
        case .list: return "list"
        case .tuple: return "tuple"
        case .dict(let d): return d.ordered ? "OrderedDict" : "dict"
        case .object(let o): return o.className
        }
    }

    /// A Python-like rendering (tensors abbreviated to dtype and shape).
    public var description: String {
        switch self {
        case .none: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .int(let i): return String(i)
        case .bigInt(let b): return b.description
        case .double(let d): return optimFloatRepr(d)
        case .string(let s): return "'\(s)'"
        case .bytes(let b): return "<\(b.count) bytes>"
        case .tensor(let t): return "tensor(\(t.dtype), shape \(shapeString(t.shape)))"
        case .rawTensor(let r): return "tensor(torch.\(r.dtypeName), shape \(shapeString(r.shape)))"
        case .list(let l): return "[" + l.map(\.description).joined(separator: ", ") + "]"
        case .tuple(let l): return "(" + l.map(\.description).joined(separator: ", ") + (l.count == 1 ? ",)" : ")")
        case .dict(let d):
            return "{" + d.entries.map { "\($0.key.description): \($0.value.description)" }.joined(separator: ", ") + "}"
        case .object(let o): return "<\(o.className) object>"
        }
    }
}

/// A dictionary loaded from a pickle: entries in insertion order, keys of any
/// kind (strings in a state_dict, integers in an optimizer's `state`).
public struct PickleDict: @unchecked Sendable {
    /// The entries in order.
    public var entries: [(key: PickleValue, value: PickleValue)]
    /// Whether it was a `collections.OrderedDict` (a state_dict is one).
    public var ordered: Bool

    /// A dictionary with these entries.
    public init(_ entries: [(key: PickleValue, value: PickleValue)] = [], ordered: Bool = false) {
        self.entries = entries
        self.ordered = ordered
    }

    /// The number of entries.
    public var count: Int { entries.count }

    /// The string keys, in order (other keys are skipped).
    public var keys: [String] { entries.compactMap { $0.key.stringValue } }

    /// The value under a string key.
    public subscript(key: String) -> PickleValue? {
        entries.first { $0.key.stringValue == key }?.value
    }

    /// The value under an integer key.
    public subscript(key: Int) -> PickleValue? {
        entries.first { $0.key.intValue == key }?.value
    }
}

/// A Python int outside `Int`'s range, as little-endian two's-complement bytes.
public struct PickleBigInt: Sendable, CustomStringConvertible {
    /// Little-endian two's complement, as pickle's LONG1/LONG4 store it.
    public let bytes: [UInt8]

    /// Wraps little-endian two's-complement bytes.
    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// The decimal digits, as Python prints the number.
    public var description: String {
        guard !bytes.isEmpty else { return "0" }
        let negative = bytes.last! & 0x80 != 0
        var magnitude = bytes
        if negative {  // two's complement negate
            var carry = 1
            for i in magnitude.indices {
                let v = Int(~magnitude[i]) + carry
                magnitude[i] = UInt8(v & 0xFF)
                carry = v >> 8
            }
        }
        var digits: [Character] = []
        while magnitude.contains(where: { $0 != 0 }) {
            var remainder = 0
            for i in magnitude.indices.reversed() {
                let v = remainder << 8 | Int(magnitude[i])
                magnitude[i] = UInt8(v / 10)
                remainder = v % 10
            }
            digits.append(Character(String(remainder)))
        }
        return (negative ? "-" : "") + String(digits.reversed())
    }
}

/// An instance of a Python class the reader keeps opaque: its class, the
/// arguments it was built from and the state set by `BUILD` (for an
/// `nn.Module`, a dict with `_parameters`, `_buffers`, `_modules`).
public struct PickleObject: @unchecked Sendable {
    /// `module.name` of the class or function.
    public let className: String
    /// An opaque object (only ever read from files; saving one throws).
    public init(className: String, args: [PickleValue], state: PickleValue?) {
        self.className = className
        self.args = args
        self.state = state
    }

    /// The constructor or reduce arguments.
    public var args: [PickleValue]
    /// The state passed to `__setstate__`, if any.
    public var state: PickleValue?
}

/// A tensor whose dtype has no Swift `DType` (complex64/128, uint16/32/64,
/// float8 variants...): its raw little-endian storage bytes with shape, strides
/// and offset, so the bits survive loading and saving unchanged.
public struct RawTensor: @unchecked Sendable {
    /// PyTorch's dtype name without `torch.` (`complex64`, `uint16`, `float8_e4m3fn`).
    public let dtypeName: String
    /// Bytes per element.
    public let itemSize: Int
    /// The whole storage, little-endian.
    public let storage: Data
    /// The sizes of the dimensions.
    public let shape: [Int]
    /// Strides in elements.
    public let strides: [Int]
    /// Offset of the first element in the storage, in elements.
    public let storageOffset: Int
    /// Whether the saved tensor required grad.
    public let requiresGrad: Bool

    /// A raw tensor over little-endian storage bytes (to save dtypes without a `DType`).
    public init(dtypeName: String, itemSize: Int, storage: Data, shape: [Int], strides: [Int], storageOffset: Int = 0,
                requiresGrad: Bool = false) {
        self.dtypeName = dtypeName
        self.itemSize = itemSize
        self.storage = storage
        self.shape = shape
        self.strides = strides
        self.storageOffset = storageOffset
        self.requiresGrad = requiresGrad
    }

    /// The elements' bytes in row-major order.
    public func contiguousBytes() -> Data {
        let numel = shape.reduce(1, *)
        var out = Data(count: numel * itemSize)
        guard numel > 0 else { return out }
        out.withUnsafeMutableBytes { dst in
            storage.withUnsafeBytes { src in
                var index = [Int](repeating: 0, count: shape.count)
                for k in 0..<numel {
                    var e = storageOffset
                    for d in 0..<shape.count { e += index[d] * strides[d] }
                    (dst.baseAddress! + k * itemSize).copyMemory(from: src.baseAddress! + e * itemSize, byteCount: itemSize)
                    var d = shape.count - 1
                    while d >= 0 {
                        index[d] += 1
                        if index[d] < shape[d] { break }
                        index[d] = 0
                        d -= 1
                    }
                }
            }
        }
        return out
    }
}
