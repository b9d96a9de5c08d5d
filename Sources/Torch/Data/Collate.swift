/// Collation: turning a list of samples into one batch, PyTorch's `default_collate`.
///
/// Swift cannot inspect a sample's type at run time the way Python does, so
/// the default rule is a protocol, `Collatable`, whose `Batch` says what a
/// list of samples becomes:
///
/// | sample              | batch                                  | PyTorch                     |
/// | ------------------- | -------------------------------------- | --------------------------- |
/// | `Tensor`            | `Tensor`, stacked on a new dim 0       | `torch.stack(batch)`        |
/// | `Int`, `Int64`      | int64 `Tensor`                         | `torch.tensor(batch)`       |
/// | `Int32`             | int32 `Tensor`                         | numpy int32 scalars         |
/// | `Double`            | float64 `Tensor`                       | Python floats               |
/// | `Float`             | float32 `Tensor`                       | numpy float32 scalars       |
/// | `Bool`              | bool `Tensor`                          | Python bools                |
/// | `String`            | `[String]`                             | strings stay a list         |
/// | `[T]`               | `[T.Batch]`, collated position by position | sequences               |
/// | `[K: V]`            | `[K: V.Batch]`, collated key by key    | mappings                    |
///
/// Tuples cannot conform to protocols, so tuples of two to four collatable
/// fields are handled by `defaultCollate` overloads (and by the matching
/// `DataLoader` initialisers): `[(Tensor, Int)]` becomes `(Tensor, Tensor)`.
/// A custom rule is any `@Sendable ([Sample]) -> Batch` closure passed as
/// `collate:`.
public protocol Collatable: SendableMetatype {
    /// What a list of these samples becomes.
    associatedtype Batch: Sendable
    /// Collates `samples` (at least one) into a batch.
    static func collate(_ samples: [Self]) -> Batch
}

extension Tensor: Collatable {
    /// The samples stacked along a new first dim.
    public static func collate(_ samples: [Tensor]) -> Tensor { stack(samples, dim: 0) }
}

extension Int: Collatable {
    /// An int64 tensor of the values.
    public static func collate(_ samples: [Int]) -> Tensor { Tensor.fromArray(samples.map { Int64($0) }) }
}

extension Int64: Collatable {
    /// An int64 tensor of the values.
    public static func collate(_ samples: [Int64]) -> Tensor { Tensor.fromArray(samples) }
}

extension Int32: Collatable {
    /// An int32 tensor of the values.
    public static func collate(_ samples: [Int32]) -> Tensor { Tensor.fromArray(samples) }
}

extension Double: Collatable {
    /// A float64 tensor of the values (PyTorch's rule for Python floats).
    public static func collate(_ samples: [Double]) -> Tensor { Tensor.fromArray(samples) }
}

extension Float: Collatable {
    /// A float32 tensor of the values.
    public static func collate(_ samples: [Float]) -> Tensor { Tensor.fromArray(samples) }
}

extension Bool: Collatable {
    /// A bool tensor of the values.
    public static func collate(_ samples: [Bool]) -> Tensor { Tensor.fromArray(samples) }
}

extension String: Collatable {
    /// The strings themselves, as PyTorch leaves them.
    public static func collate(_ samples: [String]) -> [String] { samples }
}

extension Array: Collatable where Element: Collatable {
    /// Position `j` of the batch collates position `j` of every sample; all
    /// samples must have the same length.
    public static func collate(_ samples: [[Element]]) -> [Element.Batch] {
        let width = samples[0].count
        torchCheck(samples.allSatisfy { $0.count == width }, "each element in list of batch should be of equal size",
                   file: #fileID, line: #line)
        return (0..<width).map { j in Element.collate(samples.map { $0[j] }) }
    }
}

extension Dictionary: Collatable where Value: Collatable {
    /// Key `k` of the batch collates key `k` of every sample (the first sample's keys).
    public static func collate(_ samples: [[Key: Value]]) -> [Key: Value.Batch] {
        var out: [Key: Value.Batch] = [:]
        for key in samples[0].keys {
            out[key] = Value.collate(samples.map { sample in
                guard let v = sample[key] else { torchFail("KeyError: \(key)", file: #fileID, line: #line) }
                return v
            })
        }
        return out
    }
}

/// PyTorch's `default_collate` for a list of collatable samples.
public func defaultCollate<T: Collatable>(_ samples: [T]) -> T.Batch { T.collate(samples) }

/// PyTorch's `default_collate` for pairs: each field collated on its own.
public func defaultCollate<A: Collatable, B: Collatable>(_ samples: [(A, B)]) -> (A.Batch, B.Batch) {
    (A.collate(samples.map(\.0)), B.collate(samples.map(\.1)))
}

/// PyTorch's `default_collate` for triples: each field collated on its own.
public func defaultCollate<A: Collatable, B: Collatable, C: Collatable>(
    _ samples: [(A, B, C)]) -> (A.Batch, B.Batch, C.Batch) {
    (A.collate(samples.map(\.0)), B.collate(samples.map(\.1)), C.collate(samples.map(\.2)))
}

/// PyTorch's `default_collate` for quadruples: each field collated on its own.
public func defaultCollate<A: Collatable, B: Collatable, C: Collatable, D: Collatable>(
    _ samples: [(A, B, C, D)]) -> (A.Batch, B.Batch, C.Batch, D.Batch) {
    (A.collate(samples.map(\.0)), B.collate(samples.map(\.1)), C.collate(samples.map(\.2)), D.collate(samples.map(\.3)))
}
