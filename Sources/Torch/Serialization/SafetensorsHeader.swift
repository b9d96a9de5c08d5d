extension Safetensors {
    /// The reference reader's cap on the header length.
    static let maxHeaderLength: UInt64 = 100_000_000

    /// One tensor as the header describes it, validated against the buffer.
    struct Entry {
        let name: String
        let dtype: DType
        let shape: [Int]
        /// Byte range inside the data buffer (after the header), end exclusive.
        let begin: Int
        let end: Int
    }

    /// A validated header: metadata, entries in buffer order, where the buffer starts.
    struct Header {
        let metadata: [String: String]?
        let entries: [Entry]
        /// Offset of the data buffer from the start of the file: 8 + header length.
        let dataStart: Int
    }

    /// The format's dtype names this library maps to a `DType`.
    static func dtype(named name: String) -> DType? {
        switch name {
        case "F64": return .float64
        case "F32": return .float32
        case "F16": return .float16
        case "BF16": return .bfloat16
        case "I64": return .int64
        case "I32": return .int32
        case "I16": return .int16
        case "I8": return .int8
        case "U8": return .uint8
        case "BOOL": return .bool
        default: return nil
        }
    }

    /// Names the format defines that have no `DType` here.
    static let knownUnsupportedDTypes: Set<String> = [
        "U16", "U32", "U64", "C64", "F8_E5M2", "F8_E4M3", "F8_E8M0", "F8_E4M3FNUZ", "F8_E5M2FNUZ",
        "F4", "F6_E2M3", "F6_E3M2",
    ]

    static func name(of dtype: DType) -> String {
        switch dtype {
        case .float64: return "F64"
        case .float32: return "F32"
        case .float16: return "F16"
        case .bfloat16: return "BF16"
        case .int64: return "I64"
        case .int32: return "I32"
        case .int16: return "I16"
        case .int8: return "I8"
        case .uint8: return "U8"
        case .bool: return "BOOL"
        }
    }

    /// The rank of the dtype in the reference's `Dtype` enum; the writer orders
    /// tensors by it, highest first, then by name.
    static func writeRank(_ dtype: DType) -> Int {
        switch dtype {
        case .bool: return 0
        case .uint8: return 1
        case .int8: return 2
        case .int16: return 3
        case .float16: return 4
        case .bfloat16: return 5
        case .int32: return 6
        case .float32: return 7
        case .float64: return 8
        case .int64: return 9
        }
    }

    /// Reads the 8-byte little-endian header length from the first bytes and
    /// checks it against the limit and the total size.
    static func headerLength(prefix: UnsafeRawBufferPointer, totalSize: Int) throws(SafetensorsError) -> Int {
        guard totalSize >= 8, prefix.count >= 8 else { throw .headerTooSmall(byteCount: totalSize) }
        var n: UInt64 = 0
        for i in (0..<8).reversed() { n = n << 8 | UInt64(prefix[i]) }
        guard n <= maxHeaderLength else { throw .headerTooLarge(headerLength: n) }
        guard Int(n) <= totalSize - 8 else { throw .invalidHeaderLength(headerLength: n, byteCount: totalSize) }
        return Int(n)
    }

    /// Parses and validates the header bytes against a data buffer of `bufferSize` bytes.
    static func parseHeader(_ bytes: [UInt8], headerLength: Int, bufferSize: Int) throws(SafetensorsError) -> Header {
        guard String(validating: bytes, as: UTF8.self) != nil else { throw .invalidHeaderUTF8 }
        // Leading whitespace is accepted, as the reference reader does; then it must be an object.
        let first = bytes.first { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
        guard first == UInt8(ascii: "{") else { throw .invalidHeaderStart }
        guard case .object(let members) = try JSONParser.parse(bytes) else { throw .invalidHeaderStart }

        var metadata: [String: String]?
        var entries: [Entry] = []
        entries.reserveCapacity(members.count)
        for (key, value) in members {
            if key == "__metadata__" {
                metadata = try parseMetadata(value)
                continue
            }
            entries.append(try parseEntry(name: key, value))
        }
        entries.sort { ($0.begin, $0.end) < ($1.begin, $1.end) }
        var expected = 0
        for e in entries {
            if e.begin > expected { throw .hole(tensor: e.name, expectedBegin: expected, begin: e.begin) }
            if e.begin < expected { throw .overlap(tensor: e.name, expectedBegin: expected, begin: e.begin) }
            if e.end > bufferSize { throw .incompleteBuffer(dataEnd: e.end, bufferSize: bufferSize) }
            expected = e.end
        }
        if expected < bufferSize { throw .trailingBytes(dataEnd: expected, bufferSize: bufferSize) }
        return Header(metadata: metadata, entries: entries, dataStart: 8 + headerLength)
    }

    private static func parseMetadata(_ value: JSONValue) throws(SafetensorsError) -> [String: String]? {
        switch value {
        case .null: return nil
        case .object(let pairs):
            var out: [String: String] = [:]
            for (k, v) in pairs {
                guard case .string(let s) = v else {
                    throw .invalidMetadata("the value of \"\(k)\" is \(v.kindName), not a string")
                }
                out[k] = s
            }
            return out
        default:
            throw .invalidMetadata("expected an object of strings, found \(value.kindName)")
        }
    }

    private static func parseEntry(name: String, _ value: JSONValue) throws(SafetensorsError) -> Entry {
        guard case .object(let fields) = value else {
            throw .invalidTensorInfo(tensor: name, reason: "expected an object, found \(value.kindName)")
        }
        func field(_ key: String) throws(SafetensorsError) -> JSONValue {
            guard let v = fields.first(where: { $0.key == key })?.value else {
                throw .invalidTensorInfo(tensor: name, reason: "missing field `\(key)`")
            }
            return v
        }
        func uintArray(_ key: String) throws(SafetensorsError) -> [JSONValue] {
            guard case .array(let items) = try field(key) else {
                throw .invalidTensorInfo(tensor: name, reason: "`\(key)` is not an array")
            }
            return items
        }
        guard case .string(let dtypeName) = try field("dtype") else {
            throw .invalidTensorInfo(tensor: name, reason: "`dtype` is not a string")
        }
        let rawShape = try uintArray("shape")
        let rawOffsets = try uintArray("data_offsets")
        // Report dtype problems before shape and offset ones, as the reference does.
        guard let dtype = dtype(named: dtypeName) else {
            if knownUnsupportedDTypes.contains(dtypeName) { throw .unsupportedDType(tensor: name, dtype: dtypeName) }
            throw .unknownDType(tensor: name, dtype: dtypeName)
        }
        var shape: [Int] = []
        shape.reserveCapacity(rawShape.count)
        var numel = 1, extent = 1, overflow = false
        for v in rawShape {
            guard let d = v.nonNegativeInt else {
                if case .number(let text) = v, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                    throw .shapeTooLarge(tensor: name, shape: rawShape.map { UInt64($0.textValue) ?? .max })
                }
                throw .invalidTensorInfo(tensor: name, reason: "`shape` must hold non-negative integers")
            }
            shape.append(d)
            var o1 = false, o2 = false
            (numel, o1) = numel.multipliedReportingOverflow(by: d)
            (extent, o2) = extent.multipliedReportingOverflow(by: max(d, 1))
            overflow = overflow || o1 || o2
        }
        let bytes = numel.multipliedReportingOverflow(by: dtype.itemSize)
        if overflow || bytes.overflow {
            throw .shapeTooLarge(tensor: name, shape: shape.map { UInt64($0) })
        }
        guard rawOffsets.count == 2, let begin = rawOffsets[0].nonNegativeInt, let end = rawOffsets[1].nonNegativeInt else {
            throw .invalidTensorInfo(tensor: name, reason: "`data_offsets` must be two non-negative integers")
        }
        guard end >= begin else { throw .invalidOffsets(tensor: name, begin: begin, end: end) }
        guard end - begin == bytes.partialValue else {
            throw .sizeMismatch(tensor: name, expectedBytes: bytes.partialValue, actualBytes: end - begin)
        }
        return Entry(name: name, dtype: dtype, shape: shape, begin: begin, end: end)
    }

    /// The JSON header the reference writer produces, padded with spaces to a
    /// multiple of 8 bytes, with the length prefix; `entries` are in write order.
    static func encodeHeader(_ entries: [Entry], metadata: [String: String]?) -> [UInt8] {
        var json: [UInt8] = [UInt8(ascii: "{")]
        var firstMember = true
        func comma() { if !firstMember { json.append(UInt8(ascii: ",")) }; firstMember = false }
        if let metadata {
            comma()
            appendJSONString("__metadata__", to: &json)
            json.append(contentsOf: Array(":{".utf8))
            // The reference writes a hash map; sorted keys make our files reproducible.
            for (i, key) in metadata.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }).enumerated() {
                if i > 0 { json.append(UInt8(ascii: ",")) }
                appendJSONString(key, to: &json)
                json.append(UInt8(ascii: ":"))
                appendJSONString(metadata[key]!, to: &json)
            }
            json.append(UInt8(ascii: "}"))
        }
        for e in entries {
            comma()
            appendJSONString(e.name, to: &json)
            json.append(contentsOf: Array(":{\"dtype\":\"\(name(of: e.dtype))\",\"shape\":[".utf8))
            json.append(contentsOf: Array(e.shape.map(String.init).joined(separator: ",").utf8))
            json.append(contentsOf: Array("],\"data_offsets\":[\(e.begin),\(e.end)]}".utf8))
        }
        json.append(UInt8(ascii: "}"))
        let padding = (8 - json.count % 8) % 8
        json.append(contentsOf: repeatElement(0x20, count: padding))
        var out = [UInt8]()
        out.reserveCapacity(8 + json.count)
        var n = UInt64(json.count)
        for _ in 0..<8 { out.append(UInt8(truncatingIfNeeded: n)); n >>= 8 }
        out.append(contentsOf: json)
        return out
    }
}

extension Safetensors.JSONValue {
    fileprivate var textValue: String {
        if case .number(let t) = self { return t }
        return ""
    }
}
