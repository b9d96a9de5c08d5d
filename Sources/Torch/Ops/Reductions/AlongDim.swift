/// Gradient plumbing for ops that pick elements along a dim (sort, topk):
/// picking and placing by an index tensor, each the other's backward, so
/// higher-order gradients work. Indices along the dim must be distinct.
extension Tensor {
    /// `out[..., r, ...] = self[..., index[..., r, ...], ...]` along `dim`.
    func pickAlongDim(_ dim: Int, index: Tensor) -> Tensor {
        let (outer, size, inner) = dimSplit(shape, dim)
        let count = index.ndim == 0 ? 1 : index.shape[dim]
        let out = Tensor(uninitializedShape: index.shape, dtype: dtype, device: device)
        Dispatch.gatherSlices(isContiguous ? self : contiguousCopy(), size: size, index: index.cast(.int64).contiguousIfNeeded(),
                             outer: outer, count: count, inner: inner, into: out)
        if gradNeeded(self) {
            recordNode("GatherBackward0", inputs: [self], output: out) { [shape] ctx in
                [ctx.grad.placeAlongDim(dim, index: index, shape: shape)]
            }
        }
        return out
    }

    /// Zeros of `shape` with this tensor's elements placed at `index` along `dim`.
    func placeAlongDim(_ dim: Int, index: Tensor, shape: [Int]) -> Tensor {
        let (outer, size, inner) = dimSplit(shape, dim)
        let count = index.ndim == 0 ? 1 : index.shape[dim]
        let out = Torch.zeros(shape, device: device, dtype: dtype)
        Dispatch.scatterSlices(isContiguous ? self : contiguousCopy(), index: index.cast(.int64).contiguousIfNeeded(),
                              outer: outer, count: count, inner: inner, size: size, into: out)
        if gradNeeded(self) {
            recordNode("ScatterBackward0", inputs: [self], output: out) { ctx in
                [ctx.grad.pickAlongDim(dim, index: index)]
            }
        }
        return out
    }

    func contiguousIfNeeded() -> Tensor { isContiguous ? self : contiguousCopy() }
}

/// `shape` seen as `[outer, shape[dim], inner]`.
func dimSplit(_ shape: [Int], _ dim: Int) -> (outer: Int, size: Int, inner: Int) {
    if shape.isEmpty { return (1, 1, 1) }
    return (shape[..<dim].reduce(1, *), shape[dim], shape[(dim + 1)...].reduce(1, *))
}
