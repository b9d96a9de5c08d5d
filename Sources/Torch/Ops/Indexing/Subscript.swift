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

    /// Writes a Swift number through a subscript (`x[mask] = 0`, `x[0..<2, 1] = 5`);
    /// reads one element as a number (`let v: Double = x[1, 2]`).
    public subscript<S: TensorScalar>(_ items: any TensorIndexConvertible..., file file: StaticString = #fileID, line line: UInt = #line) -> S {
        get { getIndex(items.map(\.tensorIndex), file: file, line: line).scalarValue(as: S.self) }
        set { setIndex(items.map(\.tensorIndex), to: Tensor.scalarTensor(newValue.scalar, dtype: dtype), file: file, line: line) }
    }

    /// A subscript led by Swift's `...`, PyTorch's `x[..., 0]` (same as `x[.ellipsis, 0]`).
    public subscript(_ ellipsis: UnboundedRange, _ items: any TensorIndexConvertible..., file file: StaticString = #fileID, line line: UInt = #line) -> Tensor {
        get { getIndex([.ellipsis] + items.map(\.tensorIndex), file: file, line: line) }
        set { setIndex([.ellipsis] + items.map(\.tensorIndex), to: newValue, file: file, line: line) }
    }

    /// Writes a Swift number through a subscript led by `...` (`x[..., 0] = 1`).
    public subscript<S: TensorScalar>(_ ellipsis: UnboundedRange, _ items: any TensorIndexConvertible..., file file: StaticString = #fileID, line line: UInt = #line) -> S {
        get { getIndex([.ellipsis] + items.map(\.tensorIndex), file: file, line: line).scalarValue(as: S.self) }
        set { setIndex([.ellipsis] + items.map(\.tensorIndex), to: Tensor.scalarTensor(newValue.scalar, dtype: dtype), file: file, line: line) }
    }

    /// The single element of this tensor as a Swift number type.
    private func scalarValue<S: TensorScalar>(as _: S.Type) -> S {
        let v = item()
        switch S.self {
        case is Int.Type: return Int(item(as: Int64.self)) as! S
        case is Int64.Type: return item(as: Int64.self) as! S
        case is Int32.Type: return Int32(truncatingIfNeeded: item(as: Int64.self)) as! S
        case is Float.Type: return Float(v) as! S
        case is Bool.Type: return (v != 0) as! S
        case is Scalar.Type: return (dtype.isFloatingPoint ? Scalar.double(v) : dtype == .bool ? Scalar.bool(v != 0) : Scalar.int(item(as: Int64.self))) as! S
        default: return v as! S
        }
    }
}
