/// Why a NumPy `.npy` or `.npz` file could not be read or written.
public enum NumpyError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The data does not start with the `\x93NUMPY` magic string.
    case notNpy
    /// A format version other than 1.0, 2.0 or 3.0.
    case unsupportedVersion(major: UInt8, minor: UInt8)
    /// The data ends before the header, or before the array data, does.
    case truncated(expectedBytes: Int, actualBytes: Int)
    /// The header is longer than this reader accepts.
    case headerTooLarge(length: Int)
    /// The header is not the dictionary literal NumPy writes (the message says why).
    case invalidHeader(String)
    /// An array type this library has no tensor type for (`<u2`, `<c8`, `|O`, structured, ...).
    case unsupportedDType(String)
    /// A tensor dtype NumPy has no type for (bfloat16).
    case unsupportedTensorDType(DType)
    /// A shape whose element count does not fit in memory.
    case shapeTooLarge([Int])
    /// The `.npz` archive is malformed or one of its members is (the message says which).
    case invalidArchive(String)
    /// Two members of an `.npz` archive have the same name.
    case duplicateArrayName(String)
    /// The file could not be opened, read or written.
    case io(path: String, message: String)

    /// A one-line explanation of what is wrong.
    public var description: String {
        switch self {
        case .notNpy: return "numpy: not an .npy file (missing the \\x93NUMPY magic string)"
        case .unsupportedVersion(let a, let b): return "numpy: unsupported .npy format version \(a).\(b)"
        case .truncated(let e, let a): return "numpy: truncated data: expected at least \(e) bytes, found \(a)"
        case .headerTooLarge(let n): return "numpy: header of \(n) bytes is larger than the 1000000-byte limit"
        case .invalidHeader(let m): return "numpy: invalid .npy header: \(m)"
        case .unsupportedDType(let d): return "numpy: unsupported array dtype '\(d)' (supported: f8 f4 f2 i8 i4 i2 i1 u1 b1, either byte order)"
        case .unsupportedTensorDType(let d): return "numpy: \(d) has no NumPy equivalent; convert it first (e.g. to float32)"
        case .shapeTooLarge(let s): return "numpy: shape \(s) is too large to hold"
        case .invalidArchive(let m): return "numpy: invalid .npz archive: \(m)"
        case .duplicateArrayName(let n): return "numpy: the .npz archive holds two arrays named '\(n)'"
        case .io(let path, let m): return "numpy: \(path): \(m)"
        }
    }
}
