extension Tensor {
    /// The reduction named by scatter's `reduce` argument.
    private func scatterReduction(_ reduce: String?, file: StaticString, line: UInt) -> IndexReduction {
        switch reduce {
        case nil: return .assign
        case "add": return .add
        case "multiply": return .multiply
        default: torchFail("reduce argument must be either add or multiply.", file: file, line: line)
        }
    }

    /// Writes `src` (or `value`) into `dst` along `dim` at the positions in `index`.
    private static func scatterKernel(into dst: Tensor, dim: Int, index: Tensor, src: Tensor, reduction: IndexReduction) {
        let (rest, stride) = dst.dimRestLayout(index.shape, dim: dim)
        let srcLayout = src.ndim == 0 ? Layout(shape: index.shape, strides: index.shape.map { _ in 0 }, offset: src.layout.offset)
            : Layout(shape: index.shape, strides: src.layout.strides, offset: src.layout.offset)
        Dispatch.scatterAlongDim(dst, dstRest: rest, dimStride: stride, index: index, src: src, srcLayout: srcLayout, reduction: reduction)
    }

    /// A copy with `src` written along `dim` at the positions in `index`, PyTorch's
    /// `scatter`: `out[index[i][j]][j] = src[i][j]` for `dim == 0`. `reduce` may be
    /// `"add"` or `"multiply"` to combine with the existing values instead.
    public func scatter(_ dim: Int, _ index: Tensor, _ src: Tensor, reduce: String? = nil,
                        file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let d = checkGatherScatter("scatter", self, dim: dim, index: index, src: src, file: file, line: line)
        let reduction = scatterReduction(reduce, file: file, line: line)
        let idx = index.wrappedIndex(size: ndim == 0 ? 1 : shape[d])
        let out = contiguousCopy()
        Tensor.scatterKernel(into: out, dim: d, index: idx, src: src, reduction: reduction)
        if gradNeeded(self, src) {
            recordNode("ScatterBackward0", inputs: [self, src], output: out) { ctx in
                torchCheck(reduction == .assign, "derivative for aten::scatter is not implemented", file: file, line: line)
                return [ctx.needsInputGrad[0] ? ctx.grad.scatter(d, idx, 0) : nil,
                        ctx.needsInputGrad[1] ? ctx.grad.gather(d, idx) : nil]
            }
        }
        return out
    }

    /// A copy with `value` written along `dim` at the positions in `index`, PyTorch's
    /// `scatter(dim, index, value)`.
    public func scatter<S: TensorScalar>(_ dim: Int, _ index: Tensor, _ value: S, reduce: String? = nil,
                                         file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let d = checkGatherScatter("scatter", self, dim: dim, index: index, src: nil, file: file, line: line)
        let reduction = scatterReduction(reduce, file: file, line: line)
        let idx = index.wrappedIndex(size: ndim == 0 ? 1 : shape[d])
        let out = contiguousCopy()
        Tensor.scatterKernel(into: out, dim: d, index: idx, src: Tensor.scalarTensor(value.scalar, dtype: dtype), reduction: reduction)
        if gradNeeded(self) {
            recordNode("ScatterBackward1", inputs: [self], output: out) { ctx in
                torchCheck(reduction == .assign, "derivative for aten::scatter is not implemented", file: file, line: line)
                return [ctx.grad.scatter(d, idx, 0)]
            }
        }
        return out
    }

    /// `scatter` in place, PyTorch's `scatter_`.
    @discardableResult
    public func scatter_(_ dim: Int, _ index: Tensor, _ src: Tensor, reduce: String? = nil,
                         file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let d = checkGatherScatter("scatter", self, dim: dim, index: index, src: src, file: file, line: line)
        let reduction = scatterReduction(reduce, file: file, line: line)
        return applyInPlace(others: [src], file: file, line: line) {
            Tensor.scatterKernel(into: self, dim: d, index: index.wrappedIndex(size: ndim == 0 ? 1 : shape[d]), src: src, reduction: reduction)
        } outOfPlace: {
            scatter(dim, index, src, reduce: reduce, file: file, line: line)
        }
    }

    /// `scatter` of a number in place, PyTorch's `scatter_(dim, index, value)`.
    @discardableResult
    public func scatter_<S: TensorScalar>(_ dim: Int, _ index: Tensor, _ value: S, reduce: String? = nil,
                                          file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let d = checkGatherScatter("scatter", self, dim: dim, index: index, src: nil, file: file, line: line)
        let reduction = scatterReduction(reduce, file: file, line: line)
        return applyInPlace(file: file, line: line) {
            Tensor.scatterKernel(into: self, dim: d, index: index.wrappedIndex(size: ndim == 0 ? 1 : shape[d]),
                                 src: Tensor.scalarTensor(value.scalar, dtype: dtype), reduction: reduction)
        } outOfPlace: {
            scatter(dim, index, value, reduce: reduce, file: file, line: line)
        }
    }

    /// A copy with `src` added along `dim` at the positions in `index` (repeats
    /// add up), PyTorch's `scatter_add`.
    public func scatterAdd(_ dim: Int, _ index: Tensor, _ src: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let d = checkGatherScatter("scatter", self, dim: dim, index: index, src: src, file: file, line: line)
        let idx = index.wrappedIndex(size: ndim == 0 ? 1 : shape[d])
        let out = contiguousCopy()
        Tensor.scatterKernel(into: out, dim: d, index: idx, src: src, reduction: .add)
        if gradNeeded(self, src) {
            recordNode("ScatterAddBackward0", inputs: [self, src], output: out) { ctx in
                [ctx.needsInputGrad[0] ? ctx.grad : nil, ctx.needsInputGrad[1] ? ctx.grad.gather(d, idx) : nil]
            }
        }
        return out
    }

    /// `scatterAdd` in place, PyTorch's `scatter_add_`.
    @discardableResult
    public func scatterAdd_(_ dim: Int, _ index: Tensor, _ src: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let d = checkGatherScatter("scatter", self, dim: dim, index: index, src: src, file: file, line: line)
        return applyInPlace(others: [src], file: file, line: line) {
            Tensor.scatterKernel(into: self, dim: d, index: index.wrappedIndex(size: ndim == 0 ? 1 : shape[d]), src: src, reduction: .add)
        } outOfPlace: {
            scatterAdd(dim, index, src, file: file, line: line)
        }
    }
}

/// PyTorch's `torch.scatter`.
public func scatter(_ x: Tensor, _ dim: Int, _ index: Tensor, _ src: Tensor, reduce: String? = nil,
                    file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    x.scatter(dim, index, src, reduce: reduce, file: file, line: line)
}

/// PyTorch's `torch.scatter_add`.
public func scatterAdd(_ x: Tensor, _ dim: Int, _ index: Tensor, _ src: Tensor,
                       file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    x.scatterAdd(dim, index, src, file: file, line: line)
}
