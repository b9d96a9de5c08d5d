import Foundation
import Torch

/// A sample the Swift API cannot express (an argument form it lacks). Counted
/// apart from failures, so the coverage says what was not replayed and why.
struct OpInfoUnsupported: Error, CustomStringConvertible {
    let description: String
    init(_ why: String) { description = why }
}

/// One call of an op on one OpInfo sample, as a registry closure sees it:
/// the input and the named arguments, already on the replay device.
///
/// Every accessor marks its argument as read; an argument no closure read makes
/// the sample unsupported, so a keyword the Swift call ignores can never pass
/// silently.
final class OpInfoCall {
    let opName: String
    /// The sample's dtype (the dtype of its main input).
    let dtype: DType?
    private let args: [String: OpInfoFixture.Arg]
    private let fixture: OpInfoFixture
    private let place: (Tensor) -> Tensor
    private let gradRoles: Set<String>
    private(set) var read: Set<String> = []
    /// Every tensor handed to the closure, by role, so gradients can be read back.
    private(set) var leaves: [String: Tensor] = [:]
    private let inputArg: OpInfoFixture.Arg

    init(op: String, sample: OpInfoFixture.Sample, fixture: OpInfoFixture, place: @escaping (Tensor) -> Tensor,
         withGrad: Bool) {
        opName = op
        dtype = sample.dtype
        args = Dictionary(uniqueKeysWithValues: sample.args.map { ($0.name, $0.value) })
        self.fixture = fixture
        self.place = place
        gradRoles = withGrad ? Set(sample.grads.keys) : []
        inputArg = sample.input
    }

    // MARK: the input

    /// The sample's input tensor.
    var input: Tensor {
        get throws {
            guard case .tensor(let key) = inputArg else { throw OpInfoUnsupported("the input is not a tensor") }
            return leaf("input", key)
        }
    }

    /// The sample's input as a list of tensors (cat, stack, einsum operands).
    var inputs: [Tensor] {
        get throws {
            guard case .tensors(let keys) = inputArg else { throw OpInfoUnsupported("the input is not a tensor list") }
            return keys.enumerated().map { leaf("input.\($0)", $1) }
        }
    }

    /// The sample's input when it is a plain value (einsum's equation, a factory's size).
    var rawInput: OpInfoFixture.Arg { inputArg }

    /// The sample's input when it is a Python number (`torch.mul(2, t)`).
    var inputScalar: Scalar? {
        switch inputArg {
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(Int64(i))
        case .double(let d): return .double(d)
        default: return nil
        }
    }

    // MARK: arguments

    /// Whether the sample passes `name` at all (positionally or by keyword).
    func has(_ name: String) -> Bool { args[name] != nil }

    /// The raw argument, marked as read; nil when absent or None.
    func arg(_ name: String) -> OpInfoFixture.Arg? {
        read.insert(name)
        guard let a = args[name] else { return nil }
        if case .none = a { return nil }
        return a
    }

    func tensor(_ name: String) throws -> Tensor? {
        guard let a = arg(name) else { return nil }
        guard case .tensor(let key) = a else { throw OpInfoUnsupported("\(name) is not a tensor: \(a.kind)") }
        return leaf(name, key)
    }

    func requiredTensor(_ name: String) throws -> Tensor {
        guard let t = try tensor(name) else { throw OpInfoUnsupported("\(name) missing") }
        return t
    }

    func tensors(_ name: String) throws -> [Tensor?]? {
        guard let a = arg(name) else { return nil }
        switch a {
        case .tensors(let keys): return keys.enumerated().map { leaf("\(name).\($0)", $1) }
        case .list(let items):
            return try items.enumerated().map { i, item in
                switch item {
                case .none: return nil
                case .tensor(let key): return leaf("\(name).\(i)", key)
                default: throw OpInfoUnsupported("\(name)[\(i)] is not a tensor")
                }
            }
        default: throw OpInfoUnsupported("\(name) is not a tensor list")
        }
    }

    func int(_ name: String) throws -> Int? {
        guard let a = arg(name) else { return nil }
        switch a {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        default: throw OpInfoUnsupported("\(name) is not an int: \(a.kind)")
        }
    }

    func int(_ name: String, default value: Int) throws -> Int { try int(name) ?? value }

    func double(_ name: String) throws -> Double? {
        guard let a = arg(name) else { return nil }
        switch a {
        case .int(let i): return Double(i)
        case .double(let d): return d
        case .bool(let b): return b ? 1 : 0
        default: throw OpInfoUnsupported("\(name) is not a number: \(a.kind)")
        }
    }

    func double(_ name: String, default value: Double) throws -> Double { try double(name) ?? value }

    func bool(_ name: String) throws -> Bool? {
        guard let a = arg(name) else { return nil }
        switch a {
        case .bool(let b): return b
        case .int(let i): return i != 0
        default: throw OpInfoUnsupported("\(name) is not a bool: \(a.kind)")
        }
    }

    func bool(_ name: String, default value: Bool) throws -> Bool { try bool(name) ?? value }

    func string(_ name: String) throws -> String? {
        guard let a = arg(name) else { return nil }
        guard case .string(let s) = a else { throw OpInfoUnsupported("\(name) is not a string: \(a.kind)") }
        return s
    }

    func dtypeArg(_ name: String) throws -> DType? {
        guard let a = arg(name) else { return nil }
        guard case .dtype(let d) = a else { throw OpInfoUnsupported("\(name) is not a dtype: \(a.kind)") }
        return d
    }

    /// An int or a list of ints (a dim, a size, a kernel size).
    func ints(_ name: String) throws -> [Int]? {
        guard let a = arg(name) else { return nil }
        return try Self.ints(a, name)
    }

    static func ints(_ a: OpInfoFixture.Arg, _ name: String) throws -> [Int] {
        switch a {
        case .int(let i): return [i]
        case .list(let items):
            return try items.map {
                guard case .int(let i) = $0 else { throw OpInfoUnsupported("\(name) holds \($0.kind)") }
                return i
            }
        default: throw OpInfoUnsupported("\(name) is not an int list: \(a.kind)")
        }
    }

    /// A list of ints that must stay a list (a single int is not accepted).
    func intList(_ name: String) throws -> [Int]? {
        guard let a = arg(name) else { return nil }
        guard case .list = a else { throw OpInfoUnsupported("\(name) is not a list: \(a.kind)") }
        return try Self.ints(a, name)
    }

    /// A list of floats (interpolate's scale factors).
    func doubles(_ name: String) throws -> [Double]? {
        guard let a = arg(name) else { return nil }
        switch a {
        case .int(let i): return [Double(i)]
        case .double(let d): return [d]
        case .list(let items):
            return try items.map {
                switch $0 {
                case .int(let i): return Double(i)
                case .double(let d): return d
                default: throw OpInfoUnsupported("\(name) holds a non-number")
                }
            }
        default: throw OpInfoUnsupported("\(name) is not a number list: \(a.kind)")
        }
    }

    /// A Python number as PyTorch's wrapped scalar.
    func scalar(_ name: String) throws -> Scalar? {
        guard let a = arg(name) else { return nil }
        switch a {
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(Int64(i))
        case .double(let d): return .double(d)
        default: throw OpInfoUnsupported("\(name) is not a number: \(a.kind)")
        }
    }

    /// A tensor or a Python number, as binary ops take their second operand.
    enum Operand {
        case tensor(Tensor)
        case scalar(Scalar)
    }

    func operand(_ name: String) throws -> Operand {
        guard let a = arg(name) else { throw OpInfoUnsupported("\(name) missing") }
        if case .tensor(let key) = a { return .tensor(leaf(name, key)) }
        guard let s = try scalar(name) else { throw OpInfoUnsupported("\(name) missing") }
        return .scalar(s)
    }

    /// The arguments the sample passes that no accessor read.
    var unread: [String] { args.keys.filter { !read.contains($0) }.sorted() }

    // MARK: tensors

    private func leaf(_ role: String, _ key: String) -> Tensor {
        if let t = leaves[role] { return t }
        var t = place(fixture.tensor(key).clone())
        if gradRoles.contains(role) { t = t.detach().requiresGrad_() }
        leaves[role] = t
        return t
    }
}
