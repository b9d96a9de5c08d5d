import Foundation
import OrderedCollections

/// A Swift value that `Torch.save` can write: tensors, state dicts, optimizer
/// state dicts, Swift numbers, strings, booleans, optionals, arrays and
/// dictionaries of these.
public protocol PickleConvertible {
    /// The Python object this value is saved as.
    var pickleValue: PickleValue { get }
}

extension PickleValue: PickleConvertible {
    /// The value itself.
    public var pickleValue: PickleValue { self }
}

extension Tensor: PickleConvertible {
    /// The tensor itself (a `Parameter` saves as `nn.Parameter`).
    public var pickleValue: PickleValue { .tensor(self) }
}

extension Int: PickleConvertible {
    /// Saved as a Python int.
    public var pickleValue: PickleValue { .int(self) }
}

extension Int32: PickleConvertible {
    /// Saved as a Python int.
    public var pickleValue: PickleValue { .int(Int(self)) }
}

extension Int64: PickleConvertible {
    /// Saved as a Python int.
    public var pickleValue: PickleValue { .int(Int(self)) }
}

extension Double: PickleConvertible {
    /// Saved as a Python float.
    public var pickleValue: PickleValue { .double(self) }
}

extension Float: PickleConvertible {
    /// Saved as a Python float (widened to double).
    public var pickleValue: PickleValue { .double(Double(self)) }
}

extension Bool: PickleConvertible {
    /// Saved as a Python bool.
    public var pickleValue: PickleValue { .bool(self) }
}

extension String: PickleConvertible {
    /// Saved as a Python str.
    public var pickleValue: PickleValue { .string(self) }
}

extension Data: PickleConvertible {
    /// Python `bytes`.
    public var pickleValue: PickleValue { .bytes(self) }
}

extension Optional: PickleConvertible where Wrapped: PickleConvertible {
    /// `nil` is Python's None.
    public var pickleValue: PickleValue { self?.pickleValue ?? .none }
}

extension Array: PickleConvertible where Element: PickleConvertible {
    /// A Python list.
    public var pickleValue: PickleValue { .list(map(\.pickleValue)) }
}

extension Dictionary: PickleConvertible where Key: PickleConvertible & Comparable, Value: PickleConvertible {
    /// A Python dict, keys in sorted order (Swift dictionaries have none).
    public var pickleValue: PickleValue {
        .dict(PickleDict(sorted { $0.key < $1.key }.map { (key: $0.key.pickleValue, value: $0.value.pickleValue) }))
    }
}

extension OrderedDictionary: PickleConvertible where Key: PickleConvertible, Value: PickleConvertible {
    /// A `collections.OrderedDict`, as PyTorch saves a state_dict.
    public var pickleValue: PickleValue {
        .dict(PickleDict(map { (key: $0.key.pickleValue, value: $0.value.pickleValue) }, ordered: true))
    }
}

extension OptimValue: PickleConvertible {
    /// The same Python objects PyTorch's `optimizer.state_dict()` holds.
    public var pickleValue: PickleValue {
        switch self {
        case .none: return .none
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .double(let d): return .double(d)
        case .string(let s): return .string(s)
        case .tensor(let t): return .tensor(t)
        case .list(let l): return .list(l.map(\.pickleValue))
        case .tuple(let l): return .tuple(l.map(\.pickleValue))
        case .dict(let d): return .dict(PickleDict(d.map { (key: $0.key.pickleValue, value: $0.value.pickleValue) }))
        }
    }
}

extension PickleValue {
    /// The value as a state dict (string keys to tensors), for `loadStateDict`.
    /// A whole pickled `nn.Module` throws `pickledModule`, which explains the
    /// state_dict route and carries the module's tensors.
    public func stateDict() throws -> StateDict {
        if let module = pickledModule() {
            throw SerializationError.pickledModule(className: module.className, tensors: module.tensors)
        }
        guard case .dict(let d) = self else {
            throw SerializationError.typeMismatch(expected: "a state_dict (a dict of tensors)", found: kindName)
        }
        var out = StateDict()
        out.reserveCapacity(d.count)
        for (k, v) in d.entries {
            guard let key = k.stringValue else {
                throw SerializationError.typeMismatch(expected: "string keys in a state_dict", found: k.kindName)
            }
            switch v {
            case .tensor(let t): out[key] = t
            case .rawTensor(let r):
                throw SerializationError.unsupportedDType("state_dict entry '\(key)' is a \(r.dtypeName) tensor, which has no Swift DType")
            default:
                throw SerializationError.typeMismatch(expected: "a tensor for state_dict key '\(key)'", found: v.kindName)
            }
        }
        return out
    }

    /// The value as an optimizer state dict, for `Optimizer.loadStateDict`.
    public func optimValue() throws -> OptimValue {
        switch self {
        case .none: return .none
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .double(let d): return .double(d)
        case .string(let s): return .string(s)
        case .tensor(let t): return .tensor(t)
        case .list(let l): return .list(try l.map { try $0.optimValue() })
        case .tuple(let l): return .tuple(try l.map { try $0.optimValue() })
        case .dict(let d): return .dict(try d.entries.map { (key: try $0.key.optimValue(), value: try $0.value.optimValue()) })
        case .bigInt, .bytes, .rawTensor, .object:
            throw SerializationError.typeMismatch(expected: "an optimizer state value", found: kindName)
        }
    }
}

extension Module {
    /// Loads a state dict read by `Torch.load`, PyTorch's
    /// `model.load_state_dict(torch.load(path))`:
    /// `try model.loadStateDict(Torch.load("model.pt"))`.
    @discardableResult
    public func loadStateDict(_ value: PickleValue, strict: Bool = true) throws -> IncompatibleKeys {
        try loadStateDict(value.stateDict(), strict: strict)
    }
}

extension Optimizer {
    /// Restores an optimizer state dict read by `Torch.load`:
    /// `try optimizer.loadStateDict(ckpt["optimizer_state_dict"])`.
    public func loadStateDict(_ value: PickleValue) throws {
        try loadStateDict(value.optimValue())
    }
}
