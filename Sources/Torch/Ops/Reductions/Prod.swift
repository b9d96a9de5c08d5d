extension Tensor {
    /// The product of all elements, PyTorch's `prod()`. Integer and bool tensors give int64.
    public func prod(dtype: DType? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        product(dim: nil, keepdim: false, dtype: dtype, file: file, line: line)
    }

    /// The product along one dim, PyTorch's `prod(dim, keepdim)`.
    public func prod(dim: Int, keepdim: Bool = false, dtype: DType? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        product(dim: dim, keepdim: keepdim, dtype: dtype, file: file, line: line)
    }

    private func product(dim: Int?, keepdim: Bool, dtype: DType?, file: StaticString, line: UInt) -> Tensor {
        let mask = reducedDims(dim.map { [$0] }, rank: ndim, file: file, line: line)
        let (kept, final) = reducedShapes(shape, mask, keepdim: keepdim)
        let outType = dtype ?? (self.dtype.isFloatingPoint ? self.dtype : .int64)
        let compute = kernelDType(for: outType == .bool ? .int64 : outType)
        let g = SliceGeometry(cast(compute), reducing: mask)
        let out = Tensor(uninitializedShape: kept, dtype: compute, device: device)
        Dispatch.slices(.product, g, into: [out])
        let result = out.makeReshapedAlias(final).cast(outType)
        if gradNeeded(self) {
            recordNode(dim == nil ? "ProdBackward0" : "ProdBackward1", inputs: [self], output: result, saving: [self]) { ctx in
                let x = ctx.saved[0]
                let grad = ctx.grad.reshape(kept)
                // Off the host the values are not read here: the exact kernel form serves every input.
                let hasZero = !x.isCpu || noGrad { x.equalityMask(Tensor.scalarTensor(.int(0), dtype: x.dtype), dtype: .float64).sum().item() > 0 }
                if !hasZero {
                    // The differentiable form, so higher-order gradients work: d prod / dx = prod / x.
                    let total = dim.map { x.prod(dim: $0, keepdim: true, dtype: dtype) } ?? x.prod(dtype: dtype)
                    return [grad * (total / x)]
                }
                return [grad * x.productOfOthers(mask)]
            }
        }
        return result
    }

    /// For every element, the product of the other elements it was reduced with (no autograd).
    private func productOfOthers(_ mask: [Bool]) -> Tensor {
        let compute = kernelDType(for: dtype)
        let g = SliceGeometry(cast(compute), reducing: mask)
        let out = Tensor(uninitializedShape: [g.outer, g.size, g.inner], dtype: compute, device: device)
        Dispatch.slices(.productOfOthers, g, into: [out])
        return out.restoringLayout(of: self, reducing: mask, geometry: g)
    }

    /// Undoes the arrangement of `SliceGeometry(self, reducing:)` for a tensor laid
    /// out as the geometry's input: back to this tensor's shape, as a new tensor.
    func restoringLayout(of original: Tensor, reducing mask: [Bool], geometry: SliceGeometry) -> Tensor {
        if SliceGeometry(withoutCopying: original, reducing: mask) != nil { return makeReshapedAlias(original.shape) }
        let shape = original.shape
        let order = (0..<shape.count).filter { !mask[$0] } + (0..<shape.count).filter { mask[$0] }
        let permutedShape = order.map { shape[$0] }
        var inverse = [Int](repeating: 0, count: order.count)
        for (k, d) in order.enumerated() { inverse[d] = k }
        let permuted = makeReshapedAlias(permutedShape)
        let back = Layout(shape: shape, strides: inverse.map { permuted.layout.strides[$0] }, offset: permuted.layout.offset)
        return Tensor(storage: permuted.storage, layout: back, dtype: dtype).contiguousCopy()
    }
}

/// PyTorch's `torch.prod`.
public func prod(_ x: Tensor, dim: Int? = nil, keepdim: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    dim.map { x.prod(dim: $0, keepdim: keepdim, file: file, line: line) } ?? x.prod(file: file, line: line)
}
