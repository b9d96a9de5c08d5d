extension Numpy {
    /// The magic string every `.npy` file starts with.
    static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)
    /// NumPy aligns the array data to this many bytes.
    static let headerAlignment = 64
    /// The longest header this reader accepts.
    static let maxHeaderLength = 1_000_000

    /// What an `.npy` header says about the array.
    struct Header: Equatable {
        let dtype: DType
        let bigEndian: Bool
        let fortranOrder: Bool
        let shape: [Int]
    }

    /// The `descr` NumPy writes for a dtype (little-endian).
    static func descr(of dtype: DType) throws(NumpyError) -> String {
        switch dtype {
        case .float64: return "<f8"
        case .float32: return "<f4"
        case .float16: return "<f2"
        case .int64: return "<i8"
        case .int32: return "<i4"
        case .int16: return "<i2"
        case .int8: return "|i1"
        case .uint8: return "|u1"
        case .bool: return "|b1"
        case .bfloat16: throw .unsupportedTensorDType(dtype)
        }
    }

    /// Parses a `descr` such as `<f4` or `>i8`; returns the dtype and whether it is big-endian.
    static func parseDescr(_ s: String) throws(NumpyError) -> (DType, Bool) {
        let chars = Array(s)
        guard chars.count >= 3 else { throw .unsupportedDType(s) }
        let order = chars[0]
        guard "<>|=".contains(order) else { throw .unsupportedDType(s) }
        let dtype: DType
        switch String(chars[1...]) {
        case "f8": dtype = .float64
        case "f4": dtype = .float32
        case "f2": dtype = .float16
        case "i8": dtype = .int64
        case "i4": dtype = .int32
        case "i2": dtype = .int16
        case "i1": dtype = .int8
        case "u1": dtype = .uint8
        case "b1": dtype = .bool
        default: throw .unsupportedDType(s)
        }
        // '=' is native order, and this library runs on little-endian machines.
        return (dtype, order == ">" && dtype.itemSize > 1)
    }

    /// The header literal NumPy 1.x/2.x writes, including its growth padding, as
    /// the complete prefix (magic, version, length, header, padding, newline).
    static func encodeHeader(dtype: DType, shape: [Int]) throws(NumpyError) -> [UInt8] {
        let shapeText: String
        switch shape.count {
        case 0: shapeText = "()"
        case 1: shapeText = "(\(shape[0]),)"
        default: shapeText = "(" + shape.map(String.init).joined(separator: ", ") + ")"
        }
        var text = "{'descr': '\(try descr(of: dtype))', 'fortran_order': False, 'shape': \(shapeText), }"
        // NumPy leaves room for the first axis to grow to 21 digits in place.
        if let first = shape.first { text += String(repeating: " ", count: max(0, 21 - String(first).count)) }
        let body = Array(text.utf8)
        let hlen = body.count + 1
        // Version 1.0 stores the length in 2 bytes; NumPy moves to 2.0 only when it does not fit.
        var lengthBytes = 2
        var major: UInt8 = 1
        var pad = headerAlignment - ((8 + lengthBytes + hlen) % headerAlignment)
        if hlen + pad > 65535 {
            lengthBytes = 4
            major = 2
            pad = headerAlignment - ((8 + lengthBytes + hlen) % headerAlignment)
        }
        var out = magic + [major, 0]
        let total = UInt32(hlen + pad)
        for i in 0..<lengthBytes { out.append(UInt8(truncatingIfNeeded: total >> (8 * UInt32(i)))) }
        out += body
        out += [UInt8](repeating: 0x20, count: pad)
        out.append(0x0A)
        return out
    }

    /// Reads the header at the start of `raw`; returns it and where the data begins.
    static func decodeHeader(_ raw: UnsafeRawBufferPointer) throws(NumpyError) -> (Header, dataStart: Int) {
        guard raw.count >= 8 else {
            if raw.count >= 6 || !raw.elementsEqual(magic.prefix(raw.count)) { throw .notNpy }
            throw .truncated(expectedBytes: 8, actualBytes: raw.count)
        }
        guard raw.prefix(6).elementsEqual(magic) else { throw .notNpy }
        let major = raw[6], minor = raw[7]
        guard (1...3).contains(major), minor == 0 else { throw .unsupportedVersion(major: major, minor: minor) }
        let lengthBytes = major == 1 ? 2 : 4
        guard raw.count >= 8 + lengthBytes else { throw .truncated(expectedBytes: 8 + lengthBytes, actualBytes: raw.count) }
        var hlen = 0
        for i in (0..<lengthBytes).reversed() { hlen = hlen << 8 | Int(raw[8 + i]) }
        guard hlen <= maxHeaderLength else { throw .headerTooLarge(length: hlen) }
        let start = 8 + lengthBytes
        guard raw.count >= start + hlen else { throw .truncated(expectedBytes: start + hlen, actualBytes: raw.count) }
        let bytes = raw[start..<(start + hlen)]
        let text: String
        if major == 3 {
            guard let s = String(validating: bytes, as: UTF8.self) else { throw .invalidHeader("not valid UTF-8") }
            text = s
        } else {
            text = String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
        }
        return (try parseHeaderText(text), start + hlen)
    }

    /// Parses the dictionary literal `{'descr': ..., 'fortran_order': ..., 'shape': (...), }`.
    static func parseHeaderText(_ text: String) throws(NumpyError) -> Header {
        var lexer = Lexer(Array(text.unicodeScalars))
        var descr: String?, fortran: Bool?, shape: [Int]?
        try lexer.expect("{")
        while true {
            if try lexer.peekIs("}") { break }
            let key = try lexer.string()
            try lexer.expect(":")
            switch key {
            case "descr":
                if try lexer.peekIs("[") { throw .unsupportedDType("structured array") }
                guard descr == nil else { throw .invalidHeader("duplicate key 'descr'") }
                descr = try lexer.string()
            case "fortran_order":
                guard fortran == nil else { throw .invalidHeader("duplicate key 'fortran_order'") }
                fortran = try lexer.bool()
            case "shape":
                guard shape == nil else { throw .invalidHeader("duplicate key 'shape'") }
                shape = try lexer.intTuple()
            default:
                throw .invalidHeader("unexpected key '\(key)'")
            }
            if try lexer.peekIs(",") { try lexer.expect(","); continue }
            if try lexer.peekIs("}") { break }
            throw .invalidHeader("expected ',' or '}'")
        }
        try lexer.expect("}")
        guard lexer.atEnd else { throw .invalidHeader("unexpected text after the dictionary") }
        guard let descr, let fortran, let shape else {
            throw .invalidHeader("missing one of the keys 'descr', 'fortran_order', 'shape'")
        }
        let (dtype, bigEndian) = try parseDescr(descr)
        return Header(dtype: dtype, bigEndian: bigEndian, fortranOrder: fortran, shape: shape)
    }

    /// A tokenizer for the small subset of Python literals `.npy` headers use.
    private struct Lexer {
        let chars: [Unicode.Scalar]
        var i = 0

        init(_ chars: [Unicode.Scalar]) { self.chars = chars }

        mutating func skipSpace() {
            while i < chars.count, chars[i] == " " || chars[i] == "\n" || chars[i] == "\t" || chars[i] == "\r" { i += 1 }
        }

        var atEnd: Bool {
            mutating get { skipSpace(); return i == chars.count }
        }

        mutating func peekIs(_ c: Unicode.Scalar) throws(NumpyError) -> Bool {
            skipSpace()
            guard i < chars.count else { throw .invalidHeader("unexpected end") }
            return chars[i] == c
        }

        mutating func expect(_ c: Unicode.Scalar) throws(NumpyError) {
            guard try peekIs(c) else { throw .invalidHeader("expected '\(c)' at character \(i)") }
            i += 1
        }

        mutating func string() throws(NumpyError) -> String {
            skipSpace()
            guard i < chars.count, chars[i] == "'" || chars[i] == "\"" else {
                throw .invalidHeader("expected a string at character \(i)")
            }
            let quote = chars[i]
            i += 1
            var out = String.UnicodeScalarView()
            while i < chars.count, chars[i] != quote {
                if chars[i] == "\\" { throw .invalidHeader("escapes in strings are not supported") }
                out.append(chars[i])
                i += 1
            }
            guard i < chars.count else { throw .invalidHeader("unterminated string") }
            i += 1
            return String(out)
        }

        mutating func word() -> String {
            skipSpace()
            var out = String.UnicodeScalarView()
            while i < chars.count, chars[i].properties.isAlphabetic || ("0"..."9").contains(chars[i]) {
                out.append(chars[i])
                i += 1
            }
            return String(out)
        }

        mutating func bool() throws(NumpyError) -> Bool {
            switch word() {
            case "True": return true
            case "False": return false
            case let w: throw .invalidHeader("expected True or False, found '\(w)'")
            }
        }

        /// A tuple of non-negative ints: `()`, `(3,)`, `(2, 3)`; Python 2's `3L` is accepted.
        mutating func intTuple() throws(NumpyError) -> [Int] {
            try expect("(")
            var out: [Int] = []
            while try !peekIs(")") {
                var w = word()
                if w.hasSuffix("L") { w.removeLast() }
                guard let v = Int(w), v >= 0, w.allSatisfy(\.isASCII) else {
                    throw .invalidHeader("shape entries must be non-negative integers, found '\(w)'")
                }
                out.append(v)
                if try peekIs(",") { i += 1 } else if try !peekIs(")") { throw .invalidHeader("expected ',' or ')' in shape") }
                guard out.count <= 64 else { throw .invalidHeader("more than 64 dimensions") }
            }
            i += 1
            return out
        }
    }
}
