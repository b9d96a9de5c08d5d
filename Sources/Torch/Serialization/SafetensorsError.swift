/// Why a safetensors file or buffer could not be read or written.
///
/// Every check of the format (header length, JSON, dtypes, shapes, offsets,
/// buffer size) fails with its own case, and the description names the tensor
/// and the numbers involved.
public enum SafetensorsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Fewer than 8 bytes: not even the header length is there.
    case headerTooSmall(byteCount: Int)
    /// The header length is above the 100,000,000-byte limit of the reference reader.
    case headerTooLarge(headerLength: UInt64)
    /// The header would end past the end of the file.
    case invalidHeaderLength(headerLength: UInt64, byteCount: Int)
    /// The header is not valid UTF-8.
    case invalidHeaderUTF8
    /// The header is not a JSON object.
    case invalidHeaderStart
    /// The header is not valid JSON (the message says where).
    case invalidHeaderJSON(String)
    /// A key appears twice in one JSON object of the header.
    case duplicateKey(String)
    /// `__metadata__` is not an object of strings.
    case invalidMetadata(String)
    /// A tensor entry lacks a field or has one of the wrong kind.
    case invalidTensorInfo(tensor: String, reason: String)
    /// A dtype name the format does not define.
    case unknownDType(tensor: String, dtype: String)
    /// A dtype the format defines but this library has no tensor type for.
    case unsupportedDType(tensor: String, dtype: String)
    /// A tensor's `data_offsets` end before they begin.
    case invalidOffsets(tensor: String, begin: Int, end: Int)
    /// A tensor begins after the previous one ends, leaving unused bytes.
    case hole(tensor: String, expectedBegin: Int, begin: Int)
    /// A tensor begins before the previous one ends.
    case overlap(tensor: String, expectedBegin: Int, begin: Int)
    /// A tensor's byte range does not match its shape times its element size.
    case sizeMismatch(tensor: String, expectedBytes: Int, actualBytes: Int)
    /// The tensors' byte ranges end before the data buffer does.
    case trailingBytes(dataEnd: Int, bufferSize: Int)
    /// The tensors' byte ranges end after the data buffer does (a truncated file).
    case incompleteBuffer(dataEnd: Int, bufferSize: Int)
    /// A tensor shape whose element count does not fit in memory.
    case shapeTooLarge(tensor: String, shape: [UInt64])
    /// A tensor name the writer cannot store (`__metadata__` is reserved).
    case invalidTensorName(String)
    /// `SafeOpen.getTensor` was asked for a name the file does not hold.
    case missingTensor(String)
    /// The file could not be opened, mapped, read or written.
    case io(path: String, message: String)

    /// A one-line explanation naming the tensor, key or numbers at fault.
    public var description: String {
        switch self {
        case .headerTooSmall(let n):
            return "safetensors: the data is \(n) bytes, too short for the 8-byte header length"
        case .headerTooLarge(let n):
            return "safetensors: header length \(n) exceeds the limit of 100000000 bytes"
        case .invalidHeaderLength(let n, let size):
            return "safetensors: header length \(n) runs past the end of the data (\(size) bytes)"
        case .invalidHeaderUTF8:
            return "safetensors: the header is not valid UTF-8"
        case .invalidHeaderStart:
            return "safetensors: the header does not start with a JSON object"
        case .invalidHeaderJSON(let m):
            return "safetensors: invalid JSON in the header: \(m)"
        case .duplicateKey(let k):
            return "safetensors: duplicate key \"\(k)\" in the header"
        case .invalidMetadata(let m):
            return "safetensors: invalid __metadata__: \(m)"
        case .invalidTensorInfo(let t, let r):
            return "safetensors: invalid entry for tensor \"\(t)\": \(r)"
        case .unknownDType(let t, let d):
            return "safetensors: tensor \"\(t)\" has unknown dtype \"\(d)\""
        case .unsupportedDType(let t, let d):
            return "safetensors: tensor \"\(t)\" has dtype \(d), which this library does not support (supported: F64 F32 F16 BF16 I64 I32 I16 I8 U8 BOOL)"
        case .invalidOffsets(let t, let b, let e):
            return "safetensors: tensor \"\(t)\" has data_offsets [\(b), \(e)] that end before they begin"
        case .hole(let t, let exp, let b):
            return "safetensors: tensor \"\(t)\" begins at byte \(b) of the data buffer but the previous tensor ends at \(exp) (a hole)"
        case .overlap(let t, let exp, let b):
            return "safetensors: tensor \"\(t)\" begins at byte \(b) of the data buffer but the previous tensor ends at \(exp) (an overlap)"
        case .sizeMismatch(let t, let exp, let act):
            return "safetensors: tensor \"\(t)\" needs \(exp) bytes for its shape and dtype but its data_offsets span \(act) bytes"
        case .trailingBytes(let end, let size):
            return "safetensors: the tensors end at byte \(end) of the data buffer, leaving \(size - end) trailing bytes"
        case .incompleteBuffer(let end, let size):
            return "safetensors: the tensors need \(end) bytes of data but the buffer holds \(size) (truncated file?)"
        case .shapeTooLarge(let t, let s):
            return "safetensors: tensor \"\(t)\" has shape \(s), too large to hold"
        case .invalidTensorName(let n):
            return "safetensors: \"\(n)\" cannot be used as a tensor name"
        case .missingTensor(let n):
            return "safetensors: no tensor named \"\(n)\" in the file"
        case .io(let path, let m):
            return "safetensors: \(path): \(m)"
        }
    }
}
