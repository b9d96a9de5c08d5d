/// One step of basic indexing: a view that picks one position of a dim
/// (`select`), a strided range of it (`slice`) or adds a dim of size 1 (`newAxis`).
///
/// The same step, applied to the contiguous layout of the input's shape, says
/// where the view's gradient goes, so the backward rule is just "zeros, then
/// write the gradient through the step's layout".
enum BasicIndexStep {
    case select(dim: Int, index: Int)
    case slice(dim: Int, start: Int, step: Int, length: Int)
    case newAxis(dim: Int)

    /// The layout of the view this step makes of `layout`.
    func apply(to layout: Layout) -> Layout {
        var l = layout
        switch self {
        case let .select(dim, index):
            l.offset += index * l.strides[dim]
            l.shape.remove(at: dim)
            l.strides.remove(at: dim)
        case let .slice(dim, start, step, length):
            l.offset += start * l.strides[dim]
            l.shape[dim] = length
            l.strides[dim] *= step
        case let .newAxis(dim):
            l.shape.insert(1, at: dim)
            l.strides.insert(dim < layout.rank ? layout.strides[dim] * layout.shape[dim] : 1, at: dim)
        }
        return l
    }

    var nodeName: String {
        switch self {
        case .select: return "SelectBackward0"
        case .slice: return "SliceBackward0"
        case .newAxis: return "UnsqueezeBackward0"
        }
    }
}

extension Tensor {
    /// The view one basic indexing step makes, recording `SelectBackward0` /
    /// `SliceBackward0`.
    func basicIndexView(_ step: BasicIndexStep) -> Tensor {
        let v = makeView(step.apply(to: layout))
        if gradNeeded(self) {
            let inputShape = shape
            recordNode(step.nodeName, inputs: [self], output: v) { ctx in
                [ctx.grad.embedded(by: step, into: inputShape)]
            }
        }
        return v
    }

    /// Zeros of `inputShape` with this tensor written where `step` would view:
    /// the gradient of a select or slice (PyTorch's `select_backward`).
    func embedded(by step: BasicIndexStep, into inputShape: [Int]) -> Tensor {
        let out = Torch.zeros(inputShape, dtype: dtype)
        Dispatch.copy(from: self, srcLayout: layout, to: out, dstLayout: step.apply(to: out.layout))
        if gradNeeded(self) {
            let name = step.nodeName.replacingOccurrences(of: "Backward0", with: "BackwardBackward0")
            recordNode(name, inputs: [self], output: out) { ctx in [ctx.grad.basicIndexView(step)] }
        }
        return out
    }

    /// The view of position `index` of `dim` (the dim removed), PyTorch's `select`
    /// as used by `x[i]`.
    func selectView(dim: Int, index: Int, file: StaticString, line: UInt) -> Tensor {
        let size = shape[dim]
        torchCheck(index >= -size && index < size, "index \(index) is out of bounds for dimension \(dim) with size \(size)", file: file, line: line)
        return basicIndexView(.select(dim: dim, index: index < 0 ? index + size : index))
    }

    /// The view of `start..<end` by `step` along `dim` with Python's clamping
    /// of out-of-range bounds, as `x[start:end:step]`.
    func sliceView(dim: Int, start: Int?, end: Int?, step: Int, file: StaticString, line: UInt) -> Tensor {
        torchCheck(step != 0, "slice step cannot be zero", file: file, line: line)
        torchCheck(step > 0, "step must be greater than zero", file: file, line: line)
        let size = shape[dim]
        var s = start ?? 0, e = end ?? size
        if s < 0 { s += size }
        if e < 0 { e += size }
        s = Swift.min(Swift.max(s, 0), size)
        e = Swift.min(Swift.max(e, s), size)
        let length = (e - s + step - 1) / step
        return basicIndexView(.slice(dim: dim, start: s, step: step, length: length))
    }

    /// Applies the basic part of a subscript (integers, slices, ellipsis, new
    /// axes) as views, and lines up the index tensors with the dims of that view.
    ///
    /// Returns the view and, when the subscript holds index tensors, one entry
    /// per dim of the view (nil where the dim is kept whole); bool masks are
    /// already turned into integer index tensors, one per masked dim.
    func applyBasicIndexing(_ items: [TensorIndex], file: StaticString, line: UInt) -> (view: Tensor, indices: [Tensor?]?) {
        var consumed = 0, ellipses = 0
        for item in items {
            switch item.kind {
            case .integer, .slice: consumed += 1
            case .ellipsis: ellipses += 1
            case .newAxis: break
            case .tensor(let t):
                if t.dtype == .bool || t.dtype == .uint8 { consumed += t.ndim } else { consumed += 1 }
            }
        }
        if ndim == 0, items.contains(where: { if case .integer = $0.kind { return true } else { return false } }) {
            torchFail("invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to convert a 0-dim tensor to a number", file: file, line: line)
        }
        torchCheck(ellipses <= 1, "an index can only have a single ellipsis ('...')", file: file, line: line)
        torchCheck(consumed <= ndim, "too many indices for tensor of dimension \(ndim)", file: file, line: line)

        var result = self
        var dim = 0
        var indices: [Tensor?] = []
        var hasTensors = false
        for item in items {
            switch item.kind {
            case .integer(let i):
                result = result.selectView(dim: dim, index: i, file: file, line: line)
            case let .slice(start, end, step):
                result = result.sliceView(dim: dim, start: start, end: end, step: step, file: file, line: line)
                indices.append(nil)
                dim += 1
            case .newAxis:
                result = result.basicIndexView(.newAxis(dim: dim))
                indices.append(nil)
                dim += 1
            case .ellipsis:
                let skipped = ndim - consumed
                indices.append(contentsOf: Array(repeating: nil, count: skipped))
                dim += skipped
            case .tensor(let t):
                hasTensors = true
                if t.dtype == .bool || t.dtype == .uint8 {
                    if t.ndim == 0 {
                        // x[True] adds a dim of size 1, x[False] one of size 0.
                        result = result.basicIndexView(.newAxis(dim: dim))
                        let keep = t.item() != 0
                        indices.append(Tensor.fromArray(keep ? [Int64(0)] : [], shape: [keep ? 1 : 0]))
                        dim += 1
                    } else {
                        checkMaskShape(t, against: result.shape, at: dim, file: file, line: line)
                        indices.append(contentsOf: maskIndices(t))
                        dim += t.ndim
                    }
                } else {
                    checkIndexDType(t, file: file, line: line)
                    indices.append(t)
                    dim += 1
                }
            }
        }
        return (result, hasTensors ? indices : nil)
    }
}

/// Stops unless every dim of a mask matches the indexed tensor's dims from `start`.
func checkMaskShape(_ mask: Tensor, against shape: [Int], at start: Int, file: StaticString, line: UInt) {
    for k in 0..<mask.ndim {
        let d = start + k
        torchCheck(mask.shape[k] == shape[d], "The shape of the mask \(shapeString(mask.shape)) at index \(k) does not match the shape of the indexed tensor \(shapeString(shape)) at index \(d)", file: file, line: line)
    }
}

/// Stops unless a tensor can index: PyTorch accepts long, int, byte and bool.
func checkIndexDType(_ t: Tensor, file: StaticString, line: UInt) {
    let ok: Bool
    switch t.dtype {
    case .int64, .int32, .uint8, .bool: ok = true
    default: ok = false
    }
    torchCheck(ok, "tensors used as indices must be long, int, byte or bool tensors", file: file, line: line)
}

/// The integer index tensors equivalent to a mask: one per mask dim,
/// listing the positions of its true elements (PyTorch's `nonzero` unbound).
/// The index tensors live on the mask's device; a meta mask stops, as in PyTorch.
func maskIndices(_ mask: Tensor, file: StaticString = #fileID, line: UInt = #line) -> [Tensor] {
    let positions = Dispatch.nonzeroPositions(mask, op: "nonzero", file: file, line: line)
    let strides = Layout.contiguousStrides(for: mask.shape)
    return (0..<mask.ndim).map { d in
        Tensor.fromArray(positions.map { Int64(($0 / strides[d]) % mask.shape[d]) }).to(mask.device)
    }
}
