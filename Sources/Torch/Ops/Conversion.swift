/// How `clone` lays out its copy.
public enum MemoryFormat: Sendable {
    /// Keep a dense layout's dim order (a transposed tensor stays transposed); otherwise row-major.
    case preserve
    /// Row-major.
    case contiguous
}

extension Tensor {
    /// A copy in another dtype without recording autograd (the kernel behind `to`).
    func cast(_ dtype: DType) -> Tensor {
        if dtype == self.dtype { return self }
        let out = Tensor(uninitializedShape: shape, dtype: dtype, device: device)
        Dispatch.copy(from: self, srcLayout: layout, to: out, dstLayout: out.layout)
        return out
    }

    /// A row-major copy without recording autograd.
    func contiguousCopy() -> Tensor {
        let out = Tensor(uninitializedShape: shape, dtype: dtype, device: device)
        Dispatch.copy(from: self, srcLayout: layout, to: out, dstLayout: out.layout)
        return out
    }

    /// This tensor converted to `dtype`, PyTorch's `to(dtype)`; returns `self` when
    /// the dtype already matches (and `copy` is false).
    ///
    /// ```swift
    /// let d = x.to(.float64)
    /// ```
    public func to(_ dtype: DType, copy: Bool = false) -> Tensor {
        if dtype == self.dtype && !copy { return self }
        let out = dtype == self.dtype ? contiguousCopy() : cast(dtype)
        if gradNeeded(self) && dtype.isFloatingPoint {
            recordNode("ToCopyBackward0", inputs: [self], output: out) { ctx in [ctx.grad] }
        }
        return out
    }

    /// This tensor converted to the dtype of `other`, PyTorch's `type_as`.
    public func typeAs(_ other: Tensor) -> Tensor { to(other.dtype) }

    /// `to(.float32)`.
    public func float() -> Tensor { to(.float32) }
    /// `to(.float64)`.
    public func double() -> Tensor { to(.float64) }
    /// `to(.float16)`.
    public func half() -> Tensor { to(.float16) }
    /// `to(.bfloat16)`.
    public func bfloat16() -> Tensor { to(.bfloat16) }
    /// `to(.int64)`.
    public func long() -> Tensor { to(.int64) }
    /// `to(.int32)`.
    public func int() -> Tensor { to(.int32) }
    /// `to(.int16)`.
    public func short() -> Tensor { to(.int16) }
    /// `to(.int8)`.
    public func char() -> Tensor { to(.int8) }
    /// `to(.uint8)`.
    public func byte() -> Tensor { to(.uint8) }
    /// `to(.bool)`.
    public func bool() -> Tensor { to(.bool) }

    /// A row-major tensor with the same values: `self` if already contiguous,
    /// otherwise a copy, PyTorch's `contiguous()`.
    public func contiguous() -> Tensor {
        if isContiguous { return self }
        return clone(memoryFormat: .contiguous)
    }

    /// A copy with its own storage, PyTorch's `clone()`. Gradients flow through it.
    public func clone(memoryFormat: MemoryFormat = .preserve) -> Tensor {
        let out: Tensor
        if memoryFormat == .preserve && !isContiguous && layout.isNonOverlappingAndDense {
            // Keep the dim order: dense storage of the same size, the same strides.
            let l = Layout(shape: shape, strides: layout.strides, offset: 0)
            out = Tensor(storage: Storage(byteCount: numel() * dtype.itemSize, device: device), layout: l, dtype: dtype)
        } else {
            out = Tensor(uninitializedShape: shape, dtype: dtype, device: device)
        }
        Dispatch.copy(from: self, srcLayout: layout, to: out, dstLayout: out.layout)
        if gradNeeded(self) {
            recordNode("CloneBackward0", inputs: [self], output: out) { ctx in [ctx.grad] }
        }
        return out
    }

    /// The value of a one-element tensor as a `Double`, PyTorch's `item()`.
    /// Another device's value is read through a host copy.
    public func item(file: StaticString = #fileID, line: UInt = #line) -> Double {
        torchCheck(numel() == 1, "a Tensor with \(numel()) elements cannot be converted to Scalar", file: file, line: line)
        if !isCpu { return cpu(file: file, line: line).item(file: file, line: line) }
        return dtype.dispatch(ItemVisitor(tensor: self))
    }

    /// The value of a one-element tensor converted to `T`.
    public func item<T: TensorElement>(as _: T.Type, file: StaticString = #fileID, line: UInt = #line) -> T {
        torchCheck(numel() == 1, "a Tensor with \(numel()) elements cannot be converted to Scalar", file: file, line: line)
        if !isCpu { return cpu(file: file, line: line).item(as: T.self, file: file, line: line) }
        // Keep the converted copy alive while reading: otherwise Swift may free it
        // as soon as `pointer` returns, and the read sees freed memory.
        let converted = cast(T.dtype)
        return withExtendedLifetime(converted) { converted.pointer(as: T.self).pointee }
    }

    /// The elements in row-major order as Swift `Int`s.
    public func toArray(as _: Int.Type) -> [Int] {
        toArray(as: Int64.self).map { Int($0) }
    }

    private struct ItemVisitor: ElementVisitor {
        let tensor: Tensor
        func visit<T: TensorElement>(_: T.Type) -> Double { tensor.pointer(as: T.self).pointee.doubleValue }
    }

    /// The elements in row-major order, converted to `T`.
    ///
    /// ```swift
    /// let values: [Float] = x.toArray(as: Float.self)
    /// ```
    /// Another device's values are read through a host copy.
    public func toArray<T: TensorElement>(as _: T.Type) -> [T] {
        if !isCpu { return cpu().toArray(as: T.self) }
        let src = dtype == T.dtype && isContiguous ? self : (dtype == T.dtype ? contiguousCopy() : cast(T.dtype))
        return Array(UnsafeBufferPointer(start: src.pointer(as: T.self), count: numel()))
    }
}
