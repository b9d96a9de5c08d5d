/// One item of a tensor subscript: PyTorch's `x[0]`, `x[1:3]`, `x[::2]`, `x[:]`,
/// `x[...]`, `x[None]`, `x[idx]` and `x[mask]`.
///
/// Integers, Swift ranges, `[Int]` arrays and tensors convert implicitly; the
/// other forms are spelled as static members:
///
/// | PyTorch          | Swift                          |
/// |------------------|--------------------------------|
/// | `x[0]`, `x[-1]`  | `x[0]`, `x[-1]`                |
/// | `x[1:3]`         | `x[1..<3]`                     |
/// | `x[1:]`, `x[:3]` | `x[1...]`, `x[..<3]`           |
/// | `x[0:10:2]`      | `x[.slice(0, 10, step: 2)]`    |
/// | `x[:, 0]`        | `x[.all, 0]`                   |
/// | `x[..., 0]`      | `x[..., 0]`, `x[.ellipsis, 0]` |
/// | `x[None]`        | `x[.newAxis]`                  |
/// | `x[idx]`         | `x[idx]` (int64/int32 tensor)  |
/// | `x[[0, 2]]`      | `x[[0, 2]]`                    |
/// | `x[mask]`        | `x[mask]` (bool tensor)        |
public struct TensorIndex: Sendable {
    enum Kind: Sendable {
        case integer(Int)
        case slice(start: Int?, end: Int?, step: Int)
        case ellipsis
        case newAxis
        case tensor(Tensor)
    }

    let kind: Kind

    init(_ kind: Kind) { self.kind = kind }
}

/// A value usable as one item of a tensor subscript (see `TensorIndex`).
public protocol TensorIndexConvertible {
    /// The index item this value stands for.
    var tensorIndex: TensorIndex { get }
}

extension TensorIndexConvertible where Self == TensorIndex {
    /// Every element of one dim, PyTorch's `:`.
    public static var all: TensorIndex { TensorIndex(.slice(start: nil, end: nil, step: 1)) }

    /// As many `.all` as needed to cover the dims not otherwise indexed, PyTorch's `...`.
    public static var ellipsis: TensorIndex { TensorIndex(.ellipsis) }

    /// A new dim of size 1, PyTorch's `None`.
    public static var newAxis: TensorIndex { TensorIndex(.newAxis) }

    /// A strided slice, PyTorch's `start:end:step`; nil bounds mean the ends of the dim.
    public static func slice(_ start: Int? = nil, _ end: Int? = nil, step: Int = 1) -> TensorIndex {
        TensorIndex(.slice(start: start, end: end, step: step))
    }
}

extension TensorIndex: TensorIndexConvertible {
    /// The item itself.
    public var tensorIndex: TensorIndex { self }
}

extension Int: TensorIndexConvertible {
    /// Selects one position and removes the dim, PyTorch's `x[i]`.
    public var tensorIndex: TensorIndex { TensorIndex(.integer(self)) }
}

extension Range: TensorIndexConvertible where Bound == Int {
    /// `a..<b` is PyTorch's `a:b`.
    public var tensorIndex: TensorIndex { TensorIndex(.slice(start: lowerBound, end: upperBound, step: 1)) }
}

extension ClosedRange: TensorIndexConvertible where Bound == Int {
    /// `a...b` is PyTorch's `a:b+1`.
    public var tensorIndex: TensorIndex {
        TensorIndex(.slice(start: lowerBound, end: upperBound == -1 ? nil : upperBound + 1, step: 1))
    }
}

extension PartialRangeFrom: TensorIndexConvertible where Bound == Int {
    /// `a...` is PyTorch's `a:`.
    public var tensorIndex: TensorIndex { TensorIndex(.slice(start: lowerBound, end: nil, step: 1)) }
}

extension PartialRangeUpTo: TensorIndexConvertible where Bound == Int {
    /// `..<b` is PyTorch's `:b`.
    public var tensorIndex: TensorIndex { TensorIndex(.slice(start: nil, end: upperBound, step: 1)) }
}

extension PartialRangeThrough: TensorIndexConvertible where Bound == Int {
    /// `...b` is PyTorch's `:b+1`.
    public var tensorIndex: TensorIndex {
        TensorIndex(.slice(start: nil, end: upperBound == -1 ? nil : upperBound + 1, step: 1))
    }
}

extension Tensor: TensorIndexConvertible {
    /// An integer tensor picks positions (advanced indexing); a bool tensor is a mask.
    public var tensorIndex: TensorIndex { TensorIndex(.tensor(self)) }
}

extension Array: TensorIndexConvertible where Element == Int {
    /// A list of positions, PyTorch's `x[[0, 2]]`: an int64 index tensor.
    public var tensorIndex: TensorIndex { TensorIndex(.tensor(Tensor.fromArray(map { Int64($0) }))) }
}
