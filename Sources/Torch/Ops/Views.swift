/// Resolves a requested shape with at most one -1 against an element count.
func inferShape(_ requested: [Int], numel: Int, file: StaticString, line: UInt) -> [Int] {
    var shape = requested
    var inferred: Int? = nil
    var known = 1
    for (i, s) in requested.enumerated() {
        if s == -1 {
            torchCheck(inferred == nil, "only one dimension can be inferred", file: file, line: line)
            inferred = i
        } else {
            torchCheck(s >= 0, "invalid shape dimension \(s)", file: file, line: line)
            known *= s
        }
    }
    if let i = inferred {
        torchCheck(known != 0 && numel % known == 0, "shape '\(shapeString(requested))' is invalid for input of size \(numel)", file: file, line: line)
        shape[i] = numel / known
    } else {
        torchCheck(known == numel, "shape '\(shapeString(requested))' is invalid for input of size \(numel)", file: file, line: line)
    }
    return shape
}

/// Strides that let `newShape` view memory laid out as (oldShape, oldStrides),
/// or nil when no such strides exist (PyTorch's `computeStride`).
func viewStrides(oldShape: [Int], oldStrides: [Int], newShape: [Int]) -> [Int]? {
    if oldShape.isEmpty { return Array(repeating: 1, count: newShape.count) }
    let numel = oldShape.reduce(1, *)
    if numel == 0 {
        return oldShape == newShape ? oldStrides : Layout.contiguousStrides(for: newShape)
    }
    var newStrides = [Int](repeating: 0, count: newShape.count)
    var viewD = newShape.count - 1
    var chunkBaseStride = oldStrides.last!
    var tensorNumel = 1, viewNumel = 1
    for tensorD in stride(from: oldShape.count - 1, through: 0, by: -1) {
        tensorNumel *= oldShape[tensorD]
        if tensorD == 0 || (oldShape[tensorD - 1] != 1 && oldStrides[tensorD - 1] != tensorNumel * chunkBaseStride) {
            while viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] == 1) {
                newStrides[viewD] = viewNumel * chunkBaseStride
                viewNumel *= newShape[viewD]
                viewD -= 1
            }
            if viewNumel != tensorNumel { return nil }
            if tensorD > 0 {
                chunkBaseStride = oldStrides[tensorD - 1]
                tensorNumel = 1
                viewNumel = 1
            }
        }
    }
    return viewD == -1 ? newStrides : nil
}

extension Tensor {
    /// The same data under another shape, sharing storage, PyTorch's `view`.
    /// One dim may be -1. Stops if the strides can't express the new shape.
    ///
    /// ```swift
    /// x.view([-1, 1])
    /// ```
    public func view(_ shape: [Int], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let newShape = inferShape(shape, numel: numel(), file: file, line: line)
        guard let strides = viewStrides(oldShape: self.shape, oldStrides: layout.strides, newShape: newShape) else {
            torchFail("view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.", file: file, line: line)
        }
        return reshapedView("ViewBackward0", Layout(shape: newShape, strides: strides, offset: layout.offset))
    }

    /// `view` with the shape as separate arguments: `x.view(3, 4)`.
    public func view(_ shape: Int..., file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        view(shape, file: file, line: line)
    }

    /// The same data under another shape: a view when strides allow, a copy
    /// otherwise, PyTorch's `reshape`.
    public func reshape(_ shape: [Int], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let newShape = inferShape(shape, numel: numel(), file: file, line: line)
        if let strides = viewStrides(oldShape: self.shape, oldStrides: layout.strides, newShape: newShape) {
            return reshapedView("ViewBackward0", Layout(shape: newShape, strides: strides, offset: layout.offset))
        }
        let copy = clone(memoryFormat: .contiguous)
        return copy.reshapedView("UnsafeViewBackward0", Layout(contiguous: newShape, offset: copy.layout.offset))
    }

    /// `reshape` with the shape as separate arguments: `x.reshape(3, 4)`.
    public func reshape(_ shape: Int..., file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        reshape(shape, file: file, line: line)
    }

    /// `reshape` to another tensor's shape.
    public func reshapeAs(_ other: Tensor) -> Tensor { reshape(other.shape) }

    /// `view` to another tensor's shape.
    public func viewAs(_ other: Tensor) -> Tensor { view(other.shape) }

    /// A view repeating size-1 dims (and adding leading dims) without copying,
    /// PyTorch's `expand`; -1 keeps a dim's size.
    public func expand(_ sizes: [Int], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(sizes.count >= ndim, "expand(\(dtype.legacyTypeName){\(shapeString(shape))}, size=\(shapeString(sizes))): the number of sizes provided (\(sizes.count)) must be greater or equal to the number of dimensions in the tensor (\(ndim))", file: file, line: line)
        let lead = sizes.count - ndim
        var target = sizes
        var strides = [Int](repeating: 0, count: sizes.count)
        for d in 0..<sizes.count {
            if d < lead {
                torchCheck(sizes[d] >= 0, "The expanded size of the tensor (\(sizes[d])) isn't allowed in a leading, non-existing dimension \(d)", file: file, line: line)
                continue
            }
            let own = shape[d - lead]
            if sizes[d] == -1 { target[d] = own }
            if own == target[d] {
                strides[d] = layout.strides[d - lead]
            } else {
                torchCheck(own == 1, "The expanded size of the tensor (\(target[d])) must match the existing size (\(own)) at non-singleton dimension \(d).  Target sizes: \(shapeString(sizes)).  Tensor sizes: \(shapeString(shape))", file: file, line: line)
            }
        }
        let inputShape = shape
        let newLayout = target == shape ? layout : Layout(shape: target, strides: strides, offset: layout.offset)
        return viewOp("ExpandBackward0", newLayout) { $0.sumToSize(inputShape) }
    }

    /// `expand` with the sizes as separate arguments.
    public func expand(_ sizes: Int..., file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        expand(sizes, file: file, line: line)
    }

    /// `expand` to another tensor's shape.
    public func expandAs(_ other: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        expand(other.shape, file: file, line: line)
    }

    /// A view with the dims reordered, PyTorch's `permute`.
    public func permute(_ dims: [Int], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(dims.count == ndim, "permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = \(ndim) is not equal to len(dims) = \(dims.count)", file: file, line: line)
        var seen = [Bool](repeating: false, count: ndim)
        var shape = [Int](), strides = [Int]()
        for d in dims {
            let w = wrapDim(d, rank: ndim, file: file, line: line)
            torchCheck(!seen[w], "permute(): duplicate dims are not allowed.", file: file, line: line)
            seen[w] = true
            shape.append(layout.shape[w])
            strides.append(layout.strides[w])
        }
        var inverse = [Int](repeating: 0, count: dims.count)
        for (i, d) in dims.enumerated() { inverse[wrapDim(d, rank: ndim, file: file, line: line)] = i }
        return viewOp("PermuteBackward0", Layout(shape: shape, strides: strides, offset: layout.offset)) { $0.permute(inverse) }
    }

    /// `permute` with the dims as separate arguments.
    public func permute(_ dims: Int..., file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        permute(dims, file: file, line: line)
    }

    /// A view with two dims swapped, PyTorch's `transpose`.
    public func transpose(_ dim0: Int, _ dim1: Int, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let a = wrapDim(dim0, rank: ndim, file: file, line: line), b = wrapDim(dim1, rank: ndim, file: file, line: line)
        var l = layout
        if ndim > 0 {
            l.shape.swapAt(a, b)
            l.strides.swapAt(a, b)
        }
        return viewOp("TransposeBackward0", l) { $0.transpose(a, b) }
    }

    /// The transpose of a tensor with at most 2 dims, PyTorch's `t()`.
    public func t(file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(ndim <= 2, "t() expects a tensor with <= 2 dimensions, but self is \(ndim)D", file: file, line: line)
        if ndim < 2 { return viewOp("TBackward0", layout) { $0 } }
        var l = layout
        l.shape.swapAt(0, 1)
        l.strides.swapAt(0, 1)
        return viewOp("TBackward0", l) { $0.t() }
    }

    /// `t()` as a property, PyTorch's `.T` for 2-d tensors (all dims reversed otherwise).
    public var T: Tensor { ndim <= 2 ? t() : permute(Array((0..<ndim).reversed())) }

    /// A view with a size-1 dim inserted at `dim`, PyTorch's `unsqueeze`.
    public func unsqueeze(_ dim: Int, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let d = wrapDim(dim, rank: ndim + 1, file: file, line: line)
        var l = layout
        let stride = d < ndim ? layout.strides[d] * layout.shape[d] : 1
        l.shape.insert(1, at: d)
        l.strides.insert(stride, at: d)
        return reshapedView("UnsqueezeBackward0", l)
    }

    /// A view without any size-1 dims, PyTorch's `squeeze()`.
    public func squeeze() -> Tensor {
        var l = Layout(shape: [], strides: [], offset: layout.offset)
        for d in 0..<ndim where shape[d] != 1 {
            l.shape.append(shape[d])
            l.strides.append(layout.strides[d])
        }
        return reshapedView("SqueezeBackward0", l)
    }

    /// A view without `dim` if its size is 1 (unchanged otherwise), PyTorch's `squeeze(dim)`.
    public func squeeze(_ dim: Int, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        squeeze(dims: [dim], file: file, line: line)
    }

    /// A view without the listed dims that have size 1.
    public func squeeze(dims: [Int], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        // An empty list squeezes nothing, as in PyTorch (reducedDims reads it as "all").
        let mask = dims.isEmpty ? [Bool](repeating: false, count: ndim) : reducedDims(dims, rank: ndim, file: file, line: line)
        var l = Layout(shape: [], strides: [], offset: layout.offset)
        for d in 0..<ndim where !(mask[d] && shape[d] == 1) {
            l.shape.append(shape[d])
            l.strides.append(layout.strides[d])
        }
        return reshapedView(dims.count == 1 ? "SqueezeBackward1" : "SqueezeBackward2", l)
    }

    /// A view of the same storage with `layout`, recording a node whose rule
    /// scatters the gradient back through the layouts (see `viewBackward`).
    func viewOp(_ name: String, _ newLayout: Layout) -> Tensor {
        let inputShape = shape
        let inputLayout = layout
        return viewOp(name, newLayout) { grad in
            viewBackward(grad, viewLayout: newLayout, inputShape: inputShape, inputLayout: inputLayout)
        }
    }

    /// A view of the same storage with `layout`, recording a node whose rule
    /// maps the view's gradient to this tensor's gradient with tensor ops.
    ///
    /// Rules stated in index space (reshape, permute, pad a slice) hold for any
    /// input strides, which the layout-based `viewBackward` cannot promise.
    func viewOp(_ name: String, _ newLayout: Layout, backward: @escaping (Tensor) -> Tensor) -> Tensor {
        let v = makeView(newLayout)
        if gradNeeded(self) {
            recordNode(name, inputs: [self], output: v) { ctx in [backward(ctx.grad)] }
        }
        return v
    }

    /// A view with the same elements in the same row-major order (view, squeeze,
    /// unsqueeze, flatten): its gradient is the view's gradient reshaped back.
    func reshapedView(_ name: String, _ newLayout: Layout) -> Tensor {
        let inputShape = shape
        return viewOp(name, newLayout) { $0.reshape(inputShape) }
    }
}

/// The gradient of any view: scatter the view's gradient into a zero gradient
/// of the input through the same strides the view used. For views that are a
/// pure rearrangement (reshape, permute, expand) the cheaper direct form is used.
func viewBackward(_ grad: Tensor, viewLayout: Layout, inputShape: [Int], inputLayout: Layout) -> Tensor {
    // Reshape-like views: same element order.
    if inputLayout.isContiguous && viewLayout.isContiguous && viewLayout.offset == inputLayout.offset
        && viewLayout.numel == inputLayout.numel {
        return grad.reshape(inputShape)
    }
    // Permutations: every input dim appears once with its stride.
    if viewLayout.numel == inputLayout.numel, viewLayout.offset == inputLayout.offset,
       let perm = permutation(from: inputLayout, to: viewLayout) {
        var inverse = [Int](repeating: 0, count: perm.count)
        for (i, p) in perm.enumerated() { inverse[p] = i }
        return grad.permute(inverse)
    }
    // Expansion: broadcast dims are summed.
    if viewLayout.rank >= inputShape.count, broadcastShapes(inputShape, viewLayout.shape) == viewLayout.shape,
       viewLayout.offset == inputLayout.offset {
        return grad.sumToSize(inputShape)
    }
    // General case (slices, diagonals, squeeze of strided dims): a strided scatter.
    return grad.stridedScatter(into: inputShape, inputLayout: inputLayout, viewLayout: viewLayout)
}

/// The dim permutation that turns `from` into `to`, if `to` is one.
private func permutation(from: Layout, to: Layout) -> [Int]? {
    guard from.rank == to.rank else { return nil }
    var used = [Bool](repeating: false, count: from.rank)
    var perm: [Int] = []
    for d in 0..<to.rank {
        guard let j = (0..<from.rank).first(where: { !used[$0] && from.shape[$0] == to.shape[d] && (from.strides[$0] == to.strides[d] || from.shape[$0] == 1) }) else { return nil }
        used[j] = true
        perm.append(j)
    }
    return perm
}

extension Tensor {
    /// Writes this gradient of a view into a zero gradient of the view's input,
    /// replaying the view's strides relative to the input's (any non-overlapping input).
    func stridedScatter(into inputShape: [Int], inputLayout: Layout, viewLayout: Layout) -> Tensor {
        precondition(inputLayout.isNonOverlapping, "backward of a strided view of an overlapping tensor")
        let region = BaseRegion(base: inputLayout, view: viewLayout)
        let out = region.scatter(self)
        if gradNeeded(self) {
            // The gradient of a scatter is the gather through the same layouts.
            recordNode("AsStridedScatterBackward0", inputs: [self], output: out) { ctx in
                [ctx.grad.stridedGather(region)]
            }
        }
        return out
    }

    /// The elements of this input-shaped tensor that a view reads: the inverse of `stridedScatter`.
    func stridedGather(_ region: BaseRegion) -> Tensor {
        let out = region.gather(self)
        if gradNeeded(self) {
            recordNode("AsStridedBackward0", inputs: [self], output: out) { ctx in
                [ctx.grad.stridedScatter(into: region.base.shape, inputLayout: region.base, viewLayout: region.view)]
            }
        }
        return out
    }
}

extension Layout {
    /// Whether no two indices reach the same storage element (sufficient test:
    /// sorted by stride, each stride steps past everything the smaller dims span).
    var isNonOverlapping: Bool {
        let dims = (0..<rank).filter { shape[$0] > 1 }.sorted { strides[$0] < strides[$1] }
        var reach = 1
        for d in dims {
            if strides[d] < reach { return false }
            reach = strides[d] * (shape[d] - 1) + reach
        }
        return true
    }
}

/// A view's elements inside its base, for moving gradients between the base's
/// shape and the view's shape (in-place ops on views: CopySlices).
///
/// Works in a zero buffer spanning the base's storage range, where the base
/// (never overlapping: it owns its storage) and the view keep their strides.
struct BaseRegion {
    let base: Layout, view: Layout
    private let span: Int

    init(base: Layout, view: Layout) {
        var b = base, v = view
        b.offset = 0
        v.offset = view.offset - base.offset
        self.base = b
        self.view = v
        span = max(base.storageExtent - base.offset, 0)
    }

    /// A base-shaped gradient: zeros except the view's elements, which get `grad`.
    func scatter(_ grad: Tensor) -> Tensor {
        noGrad {
            let buffer = Torch.zeros([span], device: grad.device, dtype: grad.dtype)
            Dispatch.copy(from: grad, srcLayout: grad.layout, to: buffer, dstLayout: view)
            return buffer.makeView(base).contiguousCopy()
        }
    }

    /// The view's elements of a base-shaped tensor.
    func gather(_ grad: Tensor) -> Tensor {
        noGrad {
            let buffer = Torch.zeros([span], device: grad.device, dtype: grad.dtype)
            Dispatch.copy(from: grad, srcLayout: grad.layout, to: buffer, dstLayout: base)
            return buffer.makeView(view).contiguousCopy()
        }
    }

    /// Splits a base-shaped gradient into the part outside the view (the view's
    /// elements zeroed) and the view's elements.
    func split(_ grad: Tensor) -> (rest: Tensor, slice: Tensor) {
        noGrad {
            let buffer = Torch.zeros([span], device: grad.device, dtype: grad.dtype)
            Dispatch.copy(from: grad, srcLayout: grad.layout, to: buffer, dstLayout: base)
            let slice = buffer.makeView(view).contiguousCopy()
            Dispatch.fill(buffer, layout: view, with: .int(0))
            return (buffer.makeView(base).contiguousCopy(), slice)
        }
    }
}
