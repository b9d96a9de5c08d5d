// The nested values of an optimizer's options and state_dict.

import Foundation

/// A value in an optimizer's parameter-group options or `stateDict()`: the
/// Python objects PyTorch keeps there (numbers, booleans, None, strings,
/// tuples, lists, dictionaries and tensors).
///
/// Integers and floats stay distinct, as in Python, so `print(optimizer)` and a
/// saved state_dict read like PyTorch's (`momentum: 0`, `lr: 0.01`).
/// Dictionaries keep their insertion order; their keys are values too, because
/// PyTorch's `state` is keyed by integer parameter index.
public indirect enum OptimValue: @unchecked Sendable, CustomStringConvertible {
    case none
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case tensor(Tensor)
    case list([OptimValue])
    case tuple([OptimValue])
    case dict([(key: OptimValue, value: OptimValue)])

    /// The number held by an `.int`, `.double` or `.bool`; nil otherwise.
    public var doubleValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        case .bool(let b): return b ? 1 : 0
        case .tensor(let t) where t.numel() == 1: return t.item()
        default: return nil
        }
    }

    /// The integer held by an `.int` (or an integral `.double`); nil otherwise.
    public var intValue: Int? {
        switch self {
        case .int(let i): return i
        case .double(let d) where d.rounded() == d: return Int(d)
        default: return nil
        }
    }

    /// The flag held by a `.bool`; nil otherwise.
    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// The tensor held by a `.tensor`; nil otherwise.
    public var tensorValue: Tensor? {
        if case .tensor(let t) = self { return t }
        return nil
    }

    /// The elements of a `.list` or `.tuple`; nil otherwise.
    public var elements: [OptimValue]? {
        switch self {
        case .list(let l), .tuple(let l): return l
        default: return nil
        }
    }

    /// The entries of a `.dict`; nil otherwise.
    public var entries: [(key: OptimValue, value: OptimValue)]? {
        if case .dict(let d) = self { return d }
        return nil
    }

    /// Whether this is `.none`.
    public var isNone: Bool {
        if case .none = self { return true }
        return false
    }

    /// Looks up a string key of a `.dict`.
    public subscript(key: String) -> OptimValue? {
        entries?.first { $0.key.stringKey == key }?.value
    }

    /// Looks up an integer key of a `.dict`.
    public subscript(key: Int) -> OptimValue? {
        entries?.first { $0.key.intKey == key }?.value
    }

    var stringKey: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    var intKey: Int? {
        if case .int(let i) = self { return i }
        return nil
    }

    /// Python's `str` of the value: as `description`, but strings without quotes.
    public var pythonStr: String {
        if case .string(let s) = self { return s }
        return description
    }

    /// Python's `repr` of the value (`0.001`, `1e-08`, `(0.9, 0.999)`, `True`, `None`).
    public var description: String {
        switch self {
        case .none: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .int(let i): return String(i)
        case .double(let d): return optimFloatRepr(d)
        case .string(let s): return "'\(s)'"
        case .tensor(let t): return t.description
        case .list(let l): return "[" + l.map(\.description).joined(separator: ", ") + "]"
        case .tuple(let l):
            return "(" + l.map(\.description).joined(separator: ", ") + (l.count == 1 ? ",)" : ")")
        case .dict(let d):
            return "{" + d.map { "\($0.key.description): \($0.value.description)" }.joined(separator: ", ") + "}"
        }
    }
}

extension OptimValue: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByStringLiteral
{
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(stringLiteral value: String) { self = .string(value) }
}

/// Python's `repr(float)`: shortest round-trip digits, exponent form below 1e-4
/// and from 1e16 up, with a two-digit exponent (`1e-08`, `1e+16`).
func optimFloatRepr(_ d: Double) -> String {
    if d.isNaN { return "nan" }
    if d.isInfinite { return d > 0 ? "inf" : "-inf" }
    if d == 0 { return d.sign == .minus ? "-0.0" : "0.0" }
    let magnitude = Swift.abs(d)
    if magnitude >= 1e-4 && magnitude < 1e16 {
        var s = "\(d)"
        if s.contains("e") && d.rounded() == d {
            // Swift switches to exponent form earlier than Python for large integral values.
            s = String(format: "%.1f", d)
        }
        return s
    }
    // Exponent form: Swift writes "1e-08" already for small numbers; normalise.
    let s = "\(d)"
    guard let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return s }
    var mantissa = String(s[..<e])
    if mantissa.hasSuffix(".0") { mantissa.removeLast(2) }
    let exponent = Int(s[s.index(after: e)...])!
    let sign = exponent < 0 ? "-" : "+"
    let digits = String(Swift.abs(exponent))
    return mantissa + "e" + sign + (digits.count < 2 ? "0" + digits : digits)
}
