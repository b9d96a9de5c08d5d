/// Joining tensors: cat, stack, hstack, vstack.

/// Joins tensors along an existing dim, PyTorch's `torch.cat`.
///
/// Inputs are promoted to a common dtype. As in PyTorch, 1-d empty tensors
/// (shape `[0]`) are skipped whatever the other shapes are.
///
/// ```swift
/// Torch.cat([Torch.ones([2, 2]), Torch.zeros([1, 2])], dim: 0).shape   // [3, 2]
/// ```
public func cat(_ tensors: [Tensor], dim: Int = 0, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    torchCheck(!tensors.isEmpty, "torch.cat(): expected a non-empty list of Tensors", file: file, line: line)
    for (i, t) in tensors.enumerated() {
        torchCheck(t.ndim > 0, "zero-dimensional tensor (at position \(i)) cannot be concatenated", file: file, line: line)
    }
    let dtype = tensors.dropFirst().reduce(tensors[0].dtype) { DType.promote($0, $1.dtype) }
    let joined = tensors.indices.filter { !(tensors[$0].ndim == 1 && tensors[$0].numel() == 0) }
    guard let first = joined.first else {
        return finishCat(tensors, Torch.zeros([0], dtype: dtype), dim: 0, joined: [])
    }
    let reference = tensors[first].shape
    let d = wrapDim(dim, rank: reference.count, file: file, line: line)
    var total = 0
    for i in joined {
        let s = tensors[i].shape
        torchCheck(s.count == reference.count, "Tensors must have same number of dimensions: got \(reference.count) and \(s.count)", file: file, line: line)
        for k in 0..<s.count where k != d {
            torchCheck(s[k] == reference[k], "Sizes of tensors must match except in dimension \(d). Expected size \(reference[k]) but got size \(s[k]) for tensor number \(i) in the list.", file: file, line: line)
        }
        total += s[d]
    }
    var outShape = reference
    outShape[d] = total
    let out = Tensor(uninitializedShape: outShape, dtype: dtype, device: commonDevice(tensors, file: file, line: line))
    var offset = 0
    for i in joined {
        let t = tensors[i]
        var region = out.layout
        region.offset += offset * region.strides[d]
        region.shape[d] = t.shape[d]
        Dispatch.copy(from: t, srcLayout: t.layout, to: out, dstLayout: region)
        offset += t.shape[d]
    }
    return finishCat(tensors, out, dim: d, joined: joined)
}

/// Records CatBackward0: each joined input gets its slice of the gradient,
/// each skipped empty input a zero gradient of its shape.
private func finishCat(_ tensors: [Tensor], _ out: Tensor, dim d: Int, joined: [Int]) -> Tensor {
    guard gradNeeded(tensors) else { return out }
    var starts = [Int?](repeating: nil, count: tensors.count)
    var offset = 0
    for i in joined {
        starts[i] = offset
        offset += tensors[i].shape[d]
    }
    let shapes = tensors.map { $0.shape }
    recordNode("CatBackward0", inputs: tensors, output: out) { ctx in
        shapes.indices.map { i -> Tensor? in
            guard ctx.needsInputGrad[i] else { return nil }
            guard let start = starts[i] else { return Torch.zeros(shapes[i], device: ctx.grad.device, dtype: ctx.grad.dtype) }
            return ctx.grad.narrow(d, start, shapes[i][d])
        }
    }
    return out
}

/// Joins tensors of equal shape along a new dim, PyTorch's `torch.stack`.
///
/// ```swift
/// Torch.stack([a, b], dim: 0)   // shape [2] + a.shape
/// ```
public func stack(_ tensors: [Tensor], dim: Int = 0, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    torchCheck(!tensors.isEmpty, "stack expects a non-empty TensorList", file: file, line: line)
    let shape = tensors[0].shape
    for (i, t) in tensors.enumerated().dropFirst() {
        torchCheck(t.shape == shape, "stack expects each tensor to be equal size, but got \(shapeString(shape)) at entry 0 and \(shapeString(t.shape)) at entry \(i)", file: file, line: line)
    }
    let d = wrapDim(dim, rank: shape.count + 1, file: file, line: line)
    let out = noGrad { cat(tensors.map { $0.unsqueeze(d) }, dim: d, file: file, line: line) }
    if gradNeeded(tensors) {
        recordNode("StackBackward0", inputs: tensors, output: out) { ctx in
            (0..<tensors.count).map { ctx.needsInputGrad[$0] ? ctx.grad.select(d, $0) : nil }
        }
    }
    return out
}

/// Joins tensors column-wise (dim 1, or dim 0 for 1-d tensors), PyTorch's `torch.hstack`.
public func hstack(_ tensors: [Tensor], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    torchCheck(!tensors.isEmpty, "hstack expects a non-empty TensorList", file: file, line: line)
    let parts = tensors.map { $0.ndim == 0 ? $0.reshape([1]) : $0 }
    return cat(parts, dim: parts[0].ndim == 1 ? 0 : 1, file: file, line: line)
}

/// Joins tensors row-wise (dim 0, 1-d tensors as rows), PyTorch's `torch.vstack`.
public func vstack(_ tensors: [Tensor], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    torchCheck(!tensors.isEmpty, "vstack expects a non-empty TensorList", file: file, line: line)
    let parts = tensors.map { $0.ndim >= 2 ? $0 : $0.reshape([1, -1]) }
    return cat(parts, dim: 0, file: file, line: line)
}
