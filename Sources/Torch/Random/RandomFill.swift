/// The shared mechanism of the random in-place fills (`uniform_`, `normal_`, ...).
///
/// PyTorch draws one element after another in TensorIterator order, which for
/// a tensor with gaps or a transposed layout is memory order (dims sorted by
/// stride), not logical order. The fills here draw into a plain array in that
/// order, then write it through the tensor's layout.
extension Tensor {
    /// The dims from outermost to innermost in memory (largest stride first);
    /// ties keep logical order.
    func memoryOrderDims() -> [Int] {
        let strides = layout.strides
        return (0..<rank).sorted { a, b in
            strides[a] != strides[b] ? strides[a] > strides[b] : a < b
        }
    }

    private var rank: Int { layout.rank }

    /// A row-major layout over `self`'s dims taken in memory order: the
    /// layout `empty_like` gives a dense tensor.
    func memoryOrderLayout() -> Layout {
        let perm = memoryOrderDims()
        let permStrides = Layout.contiguousStrides(for: perm.map { shape[$0] })
        var strides = [Int](repeating: 0, count: perm.count)
        for (k, d) in perm.enumerated() { strides[d] = permStrides[k] }
        return Layout(shape: shape, strides: strides, offset: 0)
    }

    /// A tensor shaped like `self` in `dtype` whose k-th element in `self`'s
    /// memory order is `values[k]`.
    func tensorInMemoryOrder<T: TensorElement>(_ values: [T], dtype: DType) -> Tensor {
        var flat = Tensor.fromArray(values)
        if dtype != T.dtype { flat = flat.cast(dtype) }
        return Tensor(storage: flat.storage, layout: memoryOrderLayout(), dtype: dtype)
    }

    /// An uninitialised tensor like `self`, keeping its dim order when it is
    /// dense, as PyTorch's `empty_like` does (so a `*_like` fill of a
    /// transposed tensor draws in the same order as PyTorch).
    func emptyPreservingLayout(dtype: DType) -> Tensor {
        guard layout.isNonOverlappingAndDense, !isContiguous else { return Tensor(uninitializedShape: shape, dtype: dtype, device: device) }
        return Tensor(storage: Storage(byteCount: numel() * dtype.itemSize, device: device), layout: memoryOrderLayout(), dtype: dtype)
    }

    /// Overwrites `self` with freshly drawn `values` (shaped like `self`); under
    /// autograd the op gets a node `nodeName` whose gradient is zero, as in PyTorch.
    @discardableResult
    func overwriteWithRandom(_ values: Tensor, nodeName: String, file: StaticString, line: UInt) -> Tensor {
        applyInPlace(file: file, line: line) {
            Dispatch.copy(from: values, srcLayout: values.layout, to: self, dstLayout: layout)
        } outOfPlace: {
            let out = values.contiguousCopy()
            recordNode(nodeName, inputs: [self], output: out) { ctx in [Torch.zerosLike(ctx.grad)] }
            return out
        }
    }
}

/// Rounds a float32 value to a narrower floating dtype and back (identity for float32).
@inline(__always)
func roundFloat(_ x: Float, to dtype: DType) -> Float {
    switch dtype {
    case .float16: return Float(Float16(x))
    case .bfloat16: return BFloat16(x).floatValue
    default: return x
    }
}

/// The mantissa digits PyTorch's uniform draws keep for a floating dtype
/// (`std::numeric_limits<T>::digits`).
func mantissaDigits(_ dtype: DType) -> Int {
    switch dtype {
    case .float16: return 11
    case .bfloat16: return 8
    case .float64: return 53
    default: return 24
    }
}

/// The finishing steps shared by the random creation functions.
func finishRandomCreation(_ t: Tensor, requiresGrad: Bool, file: StaticString, line: UInt) -> Tensor {
    if requiresGrad { t.requiresGrad_(true, file: file, line: line) }
    return t
}
