/// Views that pick part of a tensor or regroup its dims: flatten, unflatten,
/// narrow, select, unbind, split, chunk, movedim.
extension Tensor {
    /// Merges dims `startDim...endDim` into one, PyTorch's `flatten`: a view
    /// when the strides allow, a copy otherwise.
    ///
    /// ```swift
    /// Torch.zeros([2, 3, 4]).flatten(startDim: 1).shape   // [2, 12]
    /// ```
    public func flatten(startDim: Int = 0, endDim: Int = -1, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let start = wrapDim(startDim, rank: ndim, file: file, line: line)
        let end = wrapDim(endDim, rank: ndim, file: file, line: line)
        torchCheck(start <= end, "flatten() has invalid args: start_dim cannot come after end_dim", file: file, line: line)
        if ndim == 0 { return reshape([1], file: file, line: line) }
        if start == end { return self }
        var newShape = Array(shape[..<start])
        newShape.append(shape[start...end].reduce(1, *))
        newShape += shape[(end + 1)...]
        return reshape(newShape, file: file, line: line)
    }

    /// Splits dim `dim` into several dims of the given sizes (one may be -1),
    /// PyTorch's `unflatten`.
    public func unflatten(_ dim: Int, _ sizes: [Int], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let d = wrapDim(dim, rank: ndim, file: file, line: line)
        torchCheck(!sizes.isEmpty, "unflatten: sizes must be non-empty", file: file, line: line)
        let known = sizes.filter { $0 != -1 }.reduce(1, *)
        let inferredCount = sizes.filter { $0 == -1 }.count
        torchCheck(inferredCount <= 1, "only one dimension can be inferred", file: file, line: line)
        let size = ndim == 0 ? 1 : shape[d]
        torchCheck(inferredCount == 1 ? (known != 0 && size % known == 0) : known == size,
                   "unflatten: Provided sizes \(shapeString(sizes)) don't multiply up to the size of dim \(dim) (\(size)) in the input tensor", file: file, line: line)
        let resolved = sizes.map { $0 == -1 ? size / known : $0 }
        var newShape = Array(shape[..<Swift.min(d, ndim)])
        newShape += resolved
        if d + 1 < ndim { newShape += shape[(d + 1)...] }
        return view(newShape, file: file, line: line)
    }

    /// The elements `start..<start+length` along `dim`, as a view, PyTorch's `narrow`.
    /// A negative `start` counts from the end.
    ///
    /// ```swift
    /// x.narrow(0, 1, 2).fill_(0)   // zeroes rows 1 and 2 of x
    /// ```
    public func narrow(_ dim: Int, _ start: Int, _ length: Int, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(ndim > 0, "narrow() cannot be applied to a 0-dim tensor.", file: file, line: line)
        torchCheck(length >= 0, "narrow(): length must be non-negative.", file: file, line: line)
        let d = wrapDim(dim, rank: ndim, file: file, line: line)
        let size = shape[d]
        torchCheck(start >= -size && start <= size, "start out of range (expected to be in range of [\(-size), \(size)], but got \(start))", file: file, line: line)
        let s = start < 0 ? start + size : start
        torchCheck(s + length <= size, "start (\(s)) + length (\(length)) exceeds dimension size (\(size)).", file: file, line: line)
        return sliceView(d, s, length)
    }

    /// `narrow` with the start held in a 0-d integer tensor, as PyTorch's `narrow(dim, Tensor start, length)`.
    public func narrow(_ dim: Int, _ start: Tensor, _ length: Int, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(start.ndim == 0 && start.dtype.isIntegral, "start must be an 0-dim integral Tensor.", file: file, line: line)
        return narrow(dim, Int(start.item(as: Int64.self)), length, file: file, line: line)
    }

    /// A view of `length` elements from `start` along an already-checked dim.
    func sliceView(_ d: Int, _ start: Int, _ length: Int) -> Tensor {
        var l = layout
        l.offset += start * l.strides[d]
        l.shape[d] = length
        let inputShape = shape
        return viewOp("SliceBackward0", l) { $0.embedded(in: inputShape, dim: d, start: start) }
    }

    /// The slice at `index` along `dim`, without that dim, as a view, PyTorch's
    /// `select` (and `x[i]` for dim 0). A negative index counts from the end.
    public func select(_ dim: Int, _ index: Int, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(ndim > 0, "select() cannot be applied to a 0-dim tensor.", file: file, line: line)
        let d = wrapDim(dim, rank: ndim, file: file, line: line)
        let size = shape[d]
        torchCheck(index >= -size && index < size, "select(): index \(index) out of range for tensor of size \(shapeString(shape)) at dimension \(dim)", file: file, line: line)
        let i = index < 0 ? index + size : index
        var l = layout
        l.offset += i * l.strides[d]
        l.shape.remove(at: d)
        l.strides.remove(at: d)
        let inputShape = shape
        return viewOp("SelectBackward0", l) { $0.unsqueeze(d).embedded(in: inputShape, dim: d, start: i) }
    }

    /// Every slice along `dim`, each without that dim, PyTorch's `unbind`.
    public func unbind(_ dim: Int = 0, file: StaticString = #fileID, line: UInt = #line) -> [Tensor] {
        torchCheck(ndim > 0, "Dimension specified as \(dim) but tensor has no dimensions", file: file, line: line)
        let d = wrapDim(dim, rank: ndim, file: file, line: line)
        let parts = noGrad { (0..<shape[d]).map { select(d, $0) } }
        return multiViewOp("UnbindBackward0", parts) { grads in Torch.stack(grads, dim: d) }
    }

    /// Pieces of `splitSize` elements along `dim` (the last may be smaller),
    /// as views, PyTorch's `split`.
    public func split(_ splitSize: Int, dim: Int = 0, file: StaticString = #fileID, line: UInt = #line) -> [Tensor] {
        torchCheck(ndim > 0, "split expects at least a 1-dimensional tensor", file: file, line: line)
        let d = wrapDim(dim, rank: ndim, file: file, line: line)
        let size = shape[d]
        torchCheck(splitSize >= 0, "split expects split_size be non-negative, but got split_size=\(splitSize)", file: file, line: line)
        torchCheck(splitSize > 0 || size == 0, "split_size can only be 0 if dimension size is 0, but got dimension size of \(size)", file: file, line: line)
        let count = splitSize == 0 ? 1 : Swift.max((size + splitSize - 1) / splitSize, 1)
        let sizes = (0..<count).map { Swift.min(splitSize, size - $0 * splitSize) }
        return pieces(sizes, dim: d, name: "SplitBackward0")
    }

    /// Pieces with the given sizes along `dim`, as views, PyTorch's `split`
    /// with a list (`split_with_sizes`).
    public func split(_ sizes: [Int], dim: Int = 0, file: StaticString = #fileID, line: UInt = #line) -> [Tensor] {
        torchCheck(ndim > 0, "split expects at least a 1-dimensional tensor", file: file, line: line)
        let d = wrapDim(dim, rank: ndim, file: file, line: line)
        for s in sizes {
            torchCheck(s >= 0, "split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes=\(shapeString(sizes))", file: file, line: line)
        }
        torchCheck(sizes.reduce(0, +) == shape[d], "split_with_sizes expects split_sizes to sum exactly to \(shape[d]) (input tensor's size at dimension \(d)), but got split_sizes=\(shapeString(sizes))", file: file, line: line)
        return pieces(sizes, dim: d, name: "SplitWithSizesBackward0")
    }

    /// `chunks` pieces of equal size along `dim` (the last may be smaller, and
    /// there may be fewer), as views, PyTorch's `chunk`.
    public func chunk(_ chunks: Int, dim: Int = 0, file: StaticString = #fileID, line: UInt = #line) -> [Tensor] {
        torchCheck(ndim > 0, "chunk expects at least a 1-dimensional tensor", file: file, line: line)
        torchCheck(chunks > 0, "chunk expects `chunks` to be greater than 0, got: \(chunks)", file: file, line: line)
        let d = wrapDim(dim, rank: ndim, file: file, line: line)
        let size = shape[d]
        let splitSize = (size + chunks - 1) / chunks
        if splitSize == 0 && size == 0 {
            // An empty dim splits into `chunks` empty pieces.
            return pieces(Array(repeating: 0, count: chunks), dim: d, name: "SplitWithSizesBackward0")
        }
        return split(splitSize, dim: d, file: file, line: line)
    }

    /// Narrow views of consecutive pieces along `d`, sharing one multi-output node.
    private func pieces(_ sizes: [Int], dim d: Int, name: String) -> [Tensor] {
        var start = 0
        let parts = noGrad { () -> [Tensor] in
            sizes.map { s in
                defer { start += s }
                return sliceView(d, start, s)
            }
        }
        return multiViewOp(name, parts) { grads in Torch.cat(grads, dim: d) }
    }

    /// Records one node for several views of this tensor made under `noGrad`.
    private func multiViewOp(_ name: String, _ parts: [Tensor], backward: @escaping ([Tensor]) -> Tensor) -> [Tensor] {
        if gradNeeded(self) {
            recordNode(name, inputs: [self], outputs: parts) { ctx in [backward(ctx.grads)] }
        }
        return parts
    }

    /// A view with dim `source` moved to position `destination`, PyTorch's `movedim`.
    public func movedim(_ source: Int, _ destination: Int, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        movedim([source], [destination], file: file, line: line)
    }

    /// A view with dims `source[i]` moved to positions `destination[i]`; the
    /// other dims keep their order, PyTorch's `movedim` with lists.
    ///
    /// ```swift
    /// Torch.zeros([2, 3, 4, 5]).movedim([0, 1], [2, 0]).shape   // [3, 4, 2, 5]
    /// ```
    public func movedim(_ source: [Int], _ destination: [Int], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(source.count == destination.count, "movedim: Invalid source or destination dims: source (\(shapeString(source)) dims) should contain the same number of dims as destination (\(shapeString(destination)) dims)", file: file, line: line)
        let src = source.map { wrapDim($0, rank: ndim, file: file, line: line) }
        let dst = destination.map { wrapDim($0, rank: ndim, file: file, line: line) }
        torchCheck(Set(src).count == src.count, "movedim: repeated dim in `source` (\(shapeString(source)))", file: file, line: line)
        torchCheck(Set(dst).count == dst.count, "movedim: repeated dim in `destination` (\(shapeString(destination)))", file: file, line: line)
        if ndim == 0 { return permute([], file: file, line: line) }
        var order = [Int?](repeating: nil, count: ndim)
        for (s, d) in zip(src, dst) { order[d] = s }
        var rest = (0..<ndim).filter { !src.contains($0) }.makeIterator()
        for i in 0..<ndim where order[i] == nil { order[i] = rest.next() }
        return permute(order.map { $0! }, file: file, line: line)
    }

    /// `transpose` under NumPy's name, PyTorch's `swapaxes`.
    public func swapaxes(_ axis0: Int, _ axis1: Int, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        transpose(axis0, axis1, file: file, line: line)
    }

    /// `transpose` under NumPy's other name, PyTorch's `swapdims`.
    public func swapdims(_ dim0: Int, _ dim1: Int, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        transpose(dim0, dim1, file: file, line: line)
    }

    /// This tensor placed at `start` along `dim` inside zeros of `shape`: the
    /// gradient of a slice (PyTorch's `slice_backward`).
    func embedded(in shape: [Int], dim: Int, start: Int) -> Tensor {
        let out = Torch.zeros(shape, device: device, dtype: dtype)
        let length = self.shape[dim]
        var region = out.layout
        region.offset += start * region.strides[dim]
        region.shape[dim] = length
        Dispatch.copy(from: self, srcLayout: layout, to: out, dstLayout: region)
        if gradNeeded(self) {
            recordNode("SliceBackwardBackward0", inputs: [self], output: out) { ctx in
                [ctx.grad.narrow(dim, start, length)]
            }
        }
        return out
    }
}

/// Merges a range of dims into one; see `Tensor.flatten`.
public func flatten(_ x: Tensor, startDim: Int = 0, endDim: Int = -1, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    x.flatten(startDim: startDim, endDim: endDim, file: file, line: line)
}

/// Splits a dim into several; see `Tensor.unflatten`.
public func unflatten(_ x: Tensor, _ dim: Int, _ sizes: [Int], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    x.unflatten(dim, sizes, file: file, line: line)
}

/// A view of a range along a dim; see `Tensor.narrow`.
public func narrow(_ x: Tensor, _ dim: Int, _ start: Int, _ length: Int, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    x.narrow(dim, start, length, file: file, line: line)
}

/// A view of one slice along a dim; see `Tensor.select`.
public func select(_ x: Tensor, _ dim: Int, _ index: Int, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    x.select(dim, index, file: file, line: line)
}

/// Every slice along a dim; see `Tensor.unbind`.
public func unbind(_ x: Tensor, dim: Int = 0, file: StaticString = #fileID, line: UInt = #line) -> [Tensor] {
    x.unbind(dim, file: file, line: line)
}

/// Pieces of a given size along a dim; see `Tensor.split`.
public func split(_ x: Tensor, _ splitSize: Int, dim: Int = 0, file: StaticString = #fileID, line: UInt = #line) -> [Tensor] {
    x.split(splitSize, dim: dim, file: file, line: line)
}

/// Pieces of the given sizes along a dim; see `Tensor.split`.
public func split(_ x: Tensor, _ sizes: [Int], dim: Int = 0, file: StaticString = #fileID, line: UInt = #line) -> [Tensor] {
    x.split(sizes, dim: dim, file: file, line: line)
}

/// A number of equal pieces along a dim; see `Tensor.chunk`.
public func chunk(_ x: Tensor, _ chunks: Int, dim: Int = 0, file: StaticString = #fileID, line: UInt = #line) -> [Tensor] {
    x.chunk(chunks, dim: dim, file: file, line: line)
}

/// Moves one dim to another position; see `Tensor.movedim`.
public func movedim(_ x: Tensor, _ source: Int, _ destination: Int, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    x.movedim(source, destination, file: file, line: line)
}

/// Moves several dims to other positions; see `Tensor.movedim`.
public func movedim(_ x: Tensor, _ source: [Int], _ destination: [Int], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    x.movedim(source, destination, file: file, line: line)
}

/// Swaps two dims; see `Tensor.swapaxes`.
public func swapaxes(_ x: Tensor, _ axis0: Int, _ axis1: Int, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    x.swapaxes(axis0, axis1, file: file, line: line)
}

/// Swaps two dims; see `Tensor.transpose`.
public func transpose(_ x: Tensor, _ dim0: Int, _ dim1: Int, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    x.transpose(dim0, dim1, file: file, line: line)
}

/// Reorders dims; see `Tensor.permute`.
public func permute(_ x: Tensor, _ dims: [Int], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    x.permute(dims, file: file, line: line)
}

/// Inserts a size-1 dim; see `Tensor.unsqueeze`.
public func unsqueeze(_ x: Tensor, _ dim: Int, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    x.unsqueeze(dim, file: file, line: line)
}

/// Removes size-1 dims (all, or `dim` only); see `Tensor.squeeze`.
public func squeeze(_ x: Tensor, dim: Int? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    dim.map { x.squeeze($0, file: file, line: line) } ?? x.squeeze()
}

/// Another shape over the same elements; see `Tensor.reshape`.
public func reshape(_ x: Tensor, _ shape: [Int], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    x.reshape(shape, file: file, line: line)
}
