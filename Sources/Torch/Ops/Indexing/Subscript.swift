extension Tensor {
    /// The tensor a subscript reads: a view for basic indexes, a copy when
    /// index tensors or masks take part (see `TensorIndex`).
    func getIndex(_ items: [TensorIndex], file: StaticString, line: UInt) -> Tensor {
        let (view, indices) = applyBasicIndexing(items, file: file, line: line)
        guard let indices else {
            // PyTorch returns a view (alias) of self even for x[...] with no steps.
            return view === self ? viewOp("AliasBackward0", layout) : view
        }
        return view.index(indices, file: file, line: line)
    }

    /// Reads or writes elements by PyTorch's indexing rules (see `TensorIndex`).
    ///
    /// Integers and ranges give views that share storage (`x[0].mul_(2)`
    /// changes `x`); index tensors and masks give copies. Assignment broadcasts
    /// the value, writes through views and is recorded by autograd.
    ///
    /// Tensor's `+=` takes its left side by reference, not `inout`, so
    /// `x[idx] += 1` adds into the view for basic indexes but into a discarded
    /// copy for index tensors and masks: write `x[idx] = x[idx] + 1` there.
    ///
    /// ```swift
    /// let row = x[0]                 // x[0]
    /// let cols = x[.all, 1..<3]      // x[:, 1:3]
    /// x[mask] = 0                    // x[mask] = 0
    /// x[.ellipsis, 0] = y            // x[..., 0] = y
    /// ```
    public subscript(_ items: any TensorIndexConvertible..., file file: StaticString = #fileID, line line: UInt = #line) -> Tensor {
        get { getIndex(items.map(\.tensorIndex), file: file, line: line) }
        set { setIndex(items.map(\.tensorIndex), to: newValue, file: file, line: line) }
    }

    /// Writes a number through a subscript, PyTorch's `x[mask] = 0`, `x[0:2, 1] = 5`.
    ///
    /// The value is a `SubscriptScalar` rather than any Swift number so that
    /// `x[1] += 2` reads a tensor view and adds into it, instead of reading a
    /// number and writing it back. Reading gives the single element.
    @_disfavoredOverload
    public subscript(_ items: any TensorIndexConvertible..., file file: StaticString = #fileID, line line: UInt = #line) -> SubscriptScalar {
        get { SubscriptScalar(getIndex(items.map(\.tensorIndex), file: file, line: line).itemScalar(file: file, line: line)) }
        set { setIndex(items.map(\.tensorIndex), to: Tensor.scalarTensor(newValue.scalar, dtype: dtype), file: file, line: line) }
    }

    /// A subscript led by Swift's `...`, PyTorch's `x[..., 0]` (same as `x[.ellipsis, 0]`).
    public subscript(_ ellipsis: UnboundedRange, _ items: any TensorIndexConvertible..., file file: StaticString = #fileID, line line: UInt = #line) -> Tensor {
        get { getIndex([.ellipsis] + items.map(\.tensorIndex), file: file, line: line) }
        set { setIndex([.ellipsis] + items.map(\.tensorIndex), to: newValue, file: file, line: line) }
    }

    /// Writes a number through a subscript led by `...` (`x[..., 0] = 1`).
    @_disfavoredOverload
    public subscript(_ ellipsis: UnboundedRange, _ items: any TensorIndexConvertible..., file file: StaticString = #fileID, line line: UInt = #line) -> SubscriptScalar {
        get { SubscriptScalar(getIndex([.ellipsis] + items.map(\.tensorIndex), file: file, line: line).itemScalar(file: file, line: line)) }
        set { setIndex([.ellipsis] + items.map(\.tensorIndex), to: Tensor.scalarTensor(newValue.scalar, dtype: dtype), file: file, line: line) }
    }

    /// The single element as a `Scalar` of this tensor's kind.
    func itemScalar(file: StaticString, line: UInt) -> Scalar {
        if dtype.isFloatingPoint { return .double(item(file: file, line: line)) }
        if dtype == .bool { return .bool(item(file: file, line: line) != 0) }
        return .int(item(as: Int64.self, file: file, line: line))
    }
}

/// A Swift number on the right of a subscript assignment: `x[mask] = 0`,
/// `x[idx] = 1.5`, `x[0] = true`, or `x[i] = SubscriptScalar(value)` for a variable.
///
/// It is a literal type and not any Swift number on purpose: with a generic
/// number subscript, `x[1] += 2` would read `x[1]` as a number.
public struct SubscriptScalar: Sendable, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral {
    /// The value, with the kind PyTorch's type promotion sees.
    public let scalar: Scalar

    /// Wraps a `Scalar`.
    public init(_ scalar: Scalar) { self.scalar = scalar }

    /// Wraps any Swift number (`x[mask] = SubscriptScalar(v)`).
    public init<S: TensorScalar>(_ value: S) { scalar = value.scalar }

    /// An integer literal.
    public init(integerLiteral value: Int) { scalar = .int(Int64(value)) }

    /// A floating-point literal.
    public init(floatLiteral value: Double) { scalar = .double(value) }

    /// `true` or `false`.
    public init(booleanLiteral value: Bool) { scalar = .bool(value) }
}
