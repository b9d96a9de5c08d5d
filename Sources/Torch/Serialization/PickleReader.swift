import Foundation

/// A Python object while unpickling. A class, because pickle's memo shares
/// objects by reference and `APPEND`/`SETITEM`/`BUILD` mutate them in place.
final class PyObj {
    enum Kind {
        case none, bool(Bool), int(Int), bigInt([UInt8]), float(Double), string(String), bytes([UInt8])
        case tuple([PyObj])
        /// Mutable containers: contents in `items` / `entries`.
        case list, dict, set
        /// A class or function named by `GLOBAL`.
        case global(module: String, name: String)
        case dtype(StoredDType)
        case storage(StorageRef)
        case tensor(TensorSpec)
        /// An instance of a class the reader does not rebuild.
        case object(className: String, args: [PyObj])
    }

    var kind: Kind
    var items: [PyObj] = []
    var entries: [(key: PyObj, value: PyObj)] = []
    private var keyIndex: [String: Int] = [:]
    var ordered = false
    var state: PyObj?

    init(_ kind: Kind) { self.kind = kind }


    /// Python's `d[k] = v`: replaces the value of an existing string or int key.
    func setItem(_ key: PyObj, _ value: PyObj) {
        let k: String?
        switch key.kind {
        case .string(let s): k = "s" + s
        case .int(let i): k = "i" + String(i)
        case .bool(let b): k = "i" + (b ? "1" : "0")
        default: k = nil
        }
        if let k {
            if let i = keyIndex[k] { entries[i].value = value; return }
            keyIndex[k] = entries.count
        }
        entries.append((key, value))
    }

    var typeName: String {
        switch kind {
        case .none: return "None"
        case .bool: return "bool"
        case .int, .bigInt: return "int"
        case .float: return "float"
        case .string: return "str"
        case .bytes: return "bytes"
        case .tuple: return "tuple"
        case .list: return "list"
        case .dict: return "dict"
        case .set: return "set"
        case .global(let m, let n): return "class \(m).\(n)"
        case .dtype: return "dtype"
        case .storage: return "storage"
        case .tensor: return "tensor"
        case .object(let c, _): return c
        }
    }
}

/// The pickle virtual machine: runs the opcodes of protocols 0 to 5 over a
/// byte buffer and returns the top object. Torch-specific meaning (globals,
/// persistent ids) is applied by `TorchRebuild`'s hooks.
///
/// Every read is bounds-checked; each opcode consumes at least one byte, so a
/// hostile stream cannot loop, and containers only grow by what the stream holds.
struct PickleMachine {
    private let bytes: [UInt8]
    private(set) var position: Int
    private var stack: [PyObj] = []
    private var marks: [Int] = []
    private var memo: [Int: PyObj] = [:]
    let rebuild: TorchRebuild

    init(bytes: [UInt8], start: Int = 0, rebuild: TorchRebuild) {
        self.bytes = bytes
        self.position = start
        self.rebuild = rebuild
    }

    private func fail(_ message: String) -> SerializationError {
        .badPickle("\(message) (at byte \(position))")
    }

    private mutating func take(_ n: Int) throws -> ArraySlice<UInt8> {
        guard n >= 0, position <= bytes.count - n else { throw SerializationError.truncated("pickle stream") }
        defer { position += n }
        return bytes[position..<position + n]
    }

    private mutating func uint(_ n: Int) throws -> UInt64 {
        let s = try take(n)
        var v: UInt64 = 0
        for (i, b) in s.enumerated() { v |= UInt64(b) << (8 * i) }
        return v
    }

    private mutating func line() throws -> String {
        guard let end = bytes[position...].firstIndex(of: 0x0A) else { throw SerializationError.truncated("pickle text line") }
        let s = String(decoding: bytes[position..<end], as: UTF8.self)
        position = end + 1
        return s.hasSuffix("\r") ? String(s.dropLast()) : s
    }

    /// A protocol-0 UNICODE line: latin-1 bytes with `\\uXXXX` and `\\UXXXXXXXX` escapes.
    private mutating func rawUnicodeEscapeLine() throws -> String {
        guard let end = bytes[position...].firstIndex(of: 0x0A) else { throw SerializationError.truncated("pickle text line") }
        let raw = bytes[position..<end]
        position = end + 1
        var out = String.UnicodeScalarView()
        var i = raw.startIndex
        while i < raw.endIndex {
            let b = raw[i]
            if b == 0x5C, i + 1 < raw.endIndex, raw[i + 1] == 0x75 || raw[i + 1] == 0x55 {
                let digits = raw[i + 1] == 0x75 ? 4 : 8
                guard i + 2 + digits <= raw.endIndex,
                      let v = UInt32(String(decoding: raw[(i + 2)..<(i + 2 + digits)], as: UTF8.self), radix: 16),
                      let u = Unicode.Scalar(v) else { throw fail("bad \\u escape in UNICODE") }
                out.append(u)
                i += 2 + digits
            } else {
                out.append(Unicode.Scalar(b))
                i += 1
            }
        }
        return String(out)
    }

    /// A decimal integer as little-endian two's-complement bytes (nil if not decimal).
    static func decimalToTwosComplement(_ text: String) -> [UInt8]? {
        var digits = Substring(text)
        let negative = digits.hasPrefix("-")
        if negative || digits.hasPrefix("+") { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.count <= 10_000, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        var magnitude: [UInt8] = [0]
        for c in digits.utf8 {
            var carry = Int(c - 48)
            for j in magnitude.indices {
                let v = Int(magnitude[j]) * 10 + carry
                magnitude[j] = UInt8(v & 0xFF)
                carry = v >> 8
            }
            while carry > 0 { magnitude.append(UInt8(carry & 0xFF)); carry >>= 8 }
        }
        magnitude.append(0)  // room for the sign bit
        if negative {
            var carry = 1
            for j in magnitude.indices {
                let v = Int(~magnitude[j]) + carry
                magnitude[j] = UInt8(v & 0xFF)
                carry = v >> 8
            }
        }
        return magnitude
    }

    private mutating func length(_ n: Int) throws -> Int {
        let v = try uint(n)
        guard v <= UInt64(bytes.count - position) else { throw SerializationError.truncated("pickle string or bytes") }
        return Int(v)
    }

    private mutating func utf8(_ n: Int) throws -> String {
        let s = try take(n)
        guard let str = String(bytes: s, encoding: .utf8) else { throw fail("string is not valid UTF-8") }
        return str
    }

    private mutating func pop() throws -> PyObj {
        guard let v = stack.popLast() else { throw fail("stack underflow") }
        if let m = marks.last, stack.count < m { throw fail("pop across a MARK") }
        return v
    }

    private func top() throws -> PyObj {
        guard let v = stack.last else { throw fail("stack underflow") }
        return v
    }

    private mutating func popMark() throws -> [PyObj] {
        guard let m = marks.popLast() else { throw fail("no MARK on the stack") }
        let items = Array(stack[m...])
        stack.removeSubrange(m...)
        return items
    }

    private mutating func memoGet(_ i: Int) throws -> PyObj {
        guard let v = memo[i] else { throw fail("memo key \(i) not found") }
        return v
    }

    private func int(_ v: PyObj) throws -> Int {
        guard case .int(let i) = v.kind else { throw fail("expected an int, found \(v.typeName)") }
        return i
    }

    /// Runs until `STOP` and returns the object on top of the stack.
    mutating func run() throws -> PyObj {
        while true {
            let op = try take(1).first!
            switch op {
            case 0x80:  // PROTO
                let p = try uint(1)
                guard p <= 5 else { throw fail("unsupported pickle protocol \(p)") }
            case 0x95: _ = try uint(8)  // FRAME: a length hint only
            case 0x2E:  // STOP
                guard let v = stack.popLast() else { throw fail("STOP with an empty stack") }
                return v
            case 0x28: marks.append(stack.count)  // MARK
            case 0x30: _ = try pop()  // POP
            case 0x31: _ = try popMark()  // POP_MARK
            case 0x32: stack.append(try top())  // DUP
            case 0x4E: stack.append(PyObj(.none))  // NONE
            case 0x88: stack.append(PyObj(.bool(true)))
            case 0x89: stack.append(PyObj(.bool(false)))
            case 0x4A: stack.append(PyObj(.int(Int(Int32(truncatingIfNeeded: try uint(4))))))  // BININT
            case 0x4B: stack.append(PyObj(.int(Int(try uint(1)))))  // BININT1
            case 0x4D: stack.append(PyObj(.int(Int(try uint(2)))))  // BININT2
            case 0x8A, 0x8B:  // LONG1, LONG4
                let n = try length(op == 0x8A ? 1 : 4)
                stack.append(Self.long(Array(try take(n))))
            case 0x49:  // INT (text)
                let s = try line()
                if s == "00" { stack.append(PyObj(.bool(false))) } else if s == "01" { stack.append(PyObj(.bool(true))) } else {
                    guard let i = Int(s) else { throw fail("bad INT '\(s)'") }
                    stack.append(PyObj(.int(i)))
                }
            case 0x4C:  // LONG (text)
                var s = try line()
                if s.hasSuffix("L") { s.removeLast() }
                guard let big = Self.decimalToTwosComplement(s) else { throw fail("bad LONG '\(s.prefix(40))'") }
                stack.append(Self.long(big))
            case 0x47:  // BINFLOAT, big-endian
                let s = try take(8)
                var v: UInt64 = 0
                for b in s { v = v << 8 | UInt64(b) }
                stack.append(PyObj(.float(Double(bitPattern: v))))
            case 0x46:  // FLOAT (text)
                let s = try line()
                guard let d = Double(s) else { throw fail("bad FLOAT '\(s.prefix(40))'") }
                stack.append(PyObj(.float(d)))
            case 0x58: stack.append(PyObj(.string(try utf8(try length(4)))))  // BINUNICODE
            case 0x8C: stack.append(PyObj(.string(try utf8(try length(1)))))  // SHORT_BINUNICODE
            case 0x8D: stack.append(PyObj(.string(try utf8(try length(8)))))  // BINUNICODE8
            case 0x56: stack.append(PyObj(.string(try rawUnicodeEscapeLine())))  // UNICODE
            case 0x55, 0x54:  // SHORT_BINSTRING, BINSTRING: Python 2 str, read as latin-1
                let n = try length(op == 0x55 ? 1 : 4)
                stack.append(PyObj(.string(String(try take(n).map { Character(Unicode.Scalar($0)) }))))
            case 0x53:  // STRING (text, quoted)
                var s = try line()
                if s.count >= 2, let f = s.first, f == "'" || f == "\"", s.last == f { s = String(s.dropFirst().dropLast()) }
                stack.append(PyObj(.string(s)))
            case 0x43: stack.append(PyObj(.bytes(Array(try take(try length(1))))))  // SHORT_BINBYTES
            case 0x42: stack.append(PyObj(.bytes(Array(try take(try length(4))))))  // BINBYTES
            case 0x8E, 0x96: stack.append(PyObj(.bytes(Array(try take(try length(8))))))  // BINBYTES8, BYTEARRAY8
            case 0x29: stack.append(PyObj(.tuple([])))  // EMPTY_TUPLE
            case 0x85: stack.append(PyObj(.tuple([try pop()])))
            case 0x86:
                let b = try pop(), a = try pop()
                stack.append(PyObj(.tuple([a, b])))
            case 0x87:
                let c = try pop(), b = try pop(), a = try pop()
                stack.append(PyObj(.tuple([a, b, c])))
            case 0x74: stack.append(PyObj(.tuple(try popMark())))  // TUPLE
            case 0x5D: stack.append(PyObj(.list))  // EMPTY_LIST
            case 0x6C:  // LIST
                let l = PyObj(.list)
                l.items = try popMark()
                stack.append(l)
            case 0x7D: stack.append(PyObj(.dict))  // EMPTY_DICT
            case 0x64:  // DICT
                let items = try popMark()
                guard items.count % 2 == 0 else { throw fail("DICT with an odd number of items") }
                let d = PyObj(.dict)
                for i in stride(from: 0, to: items.count, by: 2) { d.setItem(items[i], items[i + 1]) }
                stack.append(d)
            case 0x8F: stack.append(PyObj(.set))  // EMPTY_SET
            case 0x91:  // FROZENSET
                let s = PyObj(.set)
                s.items = try popMark()
                stack.append(s)
            case 0x61:  // APPEND
                let v = try pop()
                let l = try top()
                guard case .list = l.kind else { throw fail("APPEND to a \(l.typeName)") }
                l.items.append(v)
            case 0x65:  // APPENDS
                let vs = try popMark()
                let l = try top()
                guard case .list = l.kind else { throw fail("APPENDS to a \(l.typeName)") }
                l.items.append(contentsOf: vs)
            case 0x90:  // ADDITEMS
                let vs = try popMark()
                let s = try top()
                guard case .set = s.kind else { throw fail("ADDITEMS to a \(s.typeName)") }
                s.items.append(contentsOf: vs)
            case 0x73:  // SETITEM
                let v = try pop(), k = try pop()
                let d = try top()
                guard case .dict = d.kind else { throw fail("SETITEM on a \(d.typeName)") }
                d.setItem(k, v)
            case 0x75:  // SETITEMS
                let vs = try popMark()
                guard vs.count % 2 == 0 else { throw fail("SETITEMS with an odd number of items") }
                let d = try top()
                guard case .dict = d.kind else { throw fail("SETITEMS on a \(d.typeName)") }
                for i in stride(from: 0, to: vs.count, by: 2) { d.setItem(vs[i], vs[i + 1]) }
            case 0x71: memo[Int(try uint(1))] = try top()  // BINPUT
            case 0x72: memo[Int(try uint(4))] = try top()  // LONG_BINPUT
            case 0x94: memo[memo.count] = try top()  // MEMOIZE
            case 0x70:  // PUT (text)
                guard let i = Int(try line()) else { throw fail("bad PUT index") }
                memo[i] = try top()
            case 0x68: stack.append(try memoGet(Int(try uint(1))))  // BINGET
            case 0x6A: stack.append(try memoGet(Int(try uint(4))))  // LONG_BINGET
            case 0x67:  // GET (text)
                guard let i = Int(try line()) else { throw fail("bad GET index") }
                stack.append(try memoGet(i))
            case 0x63:  // GLOBAL
                let module = try line(), name = try line()
                stack.append(try rebuild.global(module: module, name: name))
            case 0x93:  // STACK_GLOBAL
                let n = try pop(), m = try pop()
                guard case .string(let module) = m.kind, case .string(let name) = n.kind else {
                    throw fail("STACK_GLOBAL needs two strings")
                }
                stack.append(try rebuild.global(module: module, name: name))
            case 0x52:  // REDUCE
                let args = try pop(), callable = try pop()
                guard case .tuple(let a) = args.kind else { throw fail("REDUCE arguments are a \(args.typeName), not a tuple") }
                stack.append(try rebuild.call(callable, a))
            case 0x81:  // NEWOBJ
                let args = try pop(), cls = try pop()
                guard case .tuple(let a) = args.kind else { throw fail("NEWOBJ arguments are not a tuple") }
                stack.append(try rebuild.call(cls, a))
            case 0x92:  // NEWOBJ_EX
                _ = try pop()
                let args = try pop(), cls = try pop()
                guard case .tuple(let a) = args.kind else { throw fail("NEWOBJ_EX arguments are not a tuple") }
                stack.append(try rebuild.call(cls, a))
            case 0x62:  // BUILD
                let state = try pop()
                try rebuild.build(try top(), state: state)
            case 0x51:  // BINPERSID
                stack.append(try rebuild.persistentLoad(try pop()))
            case 0x50:  // PERSID (text)
                stack.append(try rebuild.persistentLoad(PyObj(.string(try line()))))
            default:
                throw fail(String(format: "unsupported opcode 0x%02x", op))
            }
        }
    }

    /// A LONG1/LONG4 payload: little-endian two's complement.
    static func long(_ b: [UInt8]) -> PyObj {
        if b.isEmpty { return PyObj(.int(0)) }
        if b.count <= 8 {
            var v: UInt64 = 0
            for (i, x) in b.enumerated() { v |= UInt64(x) << (8 * i) }
            if b.count < 8 && b.last! & 0x80 != 0 { v |= ~0 << (8 * b.count) }  // sign-extend
            return PyObj(.int(Int(Int64(bitPattern: v))))
        }
        // Longer encodings may still fit once redundant sign bytes are dropped.
        let fill: UInt8 = b.last! & 0x80 != 0 ? 0xFF : 0
        var n = b.count
        while n > 8 && b[n - 1] == fill && (b[n - 2] & 0x80) == (fill & 0x80) { n -= 1 }
        if n <= 8 { return long(Array(b[..<n])) }
        return PyObj(.bigInt(b))
    }
}
