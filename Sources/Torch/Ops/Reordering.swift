/// Ops that copy elements into a new order or pattern: flip, roll, repeat, tril, triu.
extension Tensor {
    /// A copy with the order of elements reversed along `dims`, PyTorch's `flip`.
    public func flip(_ dims: [Int], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        var seen = [Bool](repeating: false, count: Swift.max(ndim, 1))
        var reversed = layout
        for dim in dims {
            let d = wrapDim(dim, rank: ndim, file: file, line: line)
            torchCheck(!seen[d], "dim \(d) appears multiple times in the list of dims", file: file, line: line)
            seen[d] = true
            guard ndim > 0 else { continue }
            // Read from the last element backwards: a negative stride, used only
            // by the copy kernel, never exposed as a tensor's layout.
            reversed.offset += (reversed.shape[d] - 1) * reversed.strides[d]
            reversed.strides[d] = -reversed.strides[d]
        }
        let out = Tensor(uninitializedShape: shape, dtype: dtype, device: device)
        if numel() > 0 { Dispatch.copy(from: self, srcLayout: reversed, to: out, dstLayout: out.layout) }
        if gradNeeded(self) {
            recordNode("FlipBackward0", inputs: [self], output: out) { ctx in [ctx.grad.flip(dims)] }
        }
        return out
    }

    /// `flip` with the dims as separate arguments.
    public func flip(_ dims: Int..., file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        flip(dims, file: file, line: line)
    }

    /// A copy with elements shifted cyclically by `shifts[i]` along `dims[i]`,
    /// PyTorch's `roll`. Without dims the tensor is rolled as if flattened.
    ///
    /// ```swift
    /// Tensor([1, 2, 3, 4]).roll([1])   // [4, 1, 2, 3]
    /// ```
    public func roll(_ shifts: [Int], dims: [Int] = [], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(!shifts.isEmpty, "`shifts` required", file: file, line: line)
        if dims.isEmpty {
            torchCheck(shifts.count == 1, "shifts and dimensions must align. shifts: \(shifts.count), dims:0", file: file, line: line)
        } else {
            torchCheck(shifts.count == dims.count, "shifts and dimensions must align. shifts: \(shifts.count), dims:\(dims.count)", file: file, line: line)
        }
        if ndim == 0, let d = dims.first {
            torchFail("Dimension specified as \(d) but tensor has no dimensions", file: file, line: line)
        }
        let wrapped = dims.map { wrapDim($0, rank: ndim, file: file, line: line) }
        let out = noGrad { () -> Tensor in
            if wrapped.isEmpty {
                let flat = flatten()
                let r = flat.rolled(shifts[0], dim: 0)
                return (r === flat ? flat.contiguousCopy() : r).makeReshapedAlias(shape)
            }
            var r = self
            for (s, d) in zip(shifts, wrapped) { r = r.rolled(s, dim: d) }
            return r === self ? contiguousCopy() : r
        }
        if gradNeeded(self) {
            recordNode("RollBackward0", inputs: [self], output: out) { ctx in
                [ctx.grad.roll(shifts.map { -$0 }, dims: dims)]
            }
        }
        return out
    }

    /// `roll` of one shift along one dim.
    public func roll(_ shift: Int, dim: Int, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        roll([shift], dims: [dim], file: file, line: line)
    }

    /// One cyclic shift along a checked dim, without autograd: the tail moved to the front.
    private func rolled(_ shift: Int, dim d: Int) -> Tensor {
        let n = ndim == 0 ? 1 : shape[d]
        guard n > 0, ndim > 0 else { return self }
        let s = ((shift % n) + n) % n
        if s == 0 { return self }
        return Torch.cat([narrow(d, n - s, s), narrow(d, 0, n - s)], dim: d)
    }

    /// A copy tiled `sizes[i]` times along each dim, PyTorch's `repeat`;
    /// extra leading sizes add dims.
    ///
    /// ```swift
    /// Tensor([1, 2]).repeat([2, 2])   // [[1, 2, 1, 2], [1, 2, 1, 2]]
    /// ```
    public func `repeat`(_ sizes: [Int], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(sizes.count >= ndim, "Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor", file: file, line: line)
        for s in sizes {
            torchCheck(s >= 0, "Trying to create tensor with negative dimension \(s): \(shapeString(sizes))", file: file, line: line)
        }
        let padded = Array(repeating: 1, count: sizes.count - ndim) + shape
        // Interleave a repeat dim before each dim: [r0, s0, r1, s1, ...]; the
        // input broadcasts over the repeat dims.
        var unitShape: [Int] = [], expanded: [Int] = []
        for (r, s) in zip(sizes, padded) {
            unitShape += [1, s]
            expanded += [r, s]
        }
        let outShape = zip(sizes, padded).map { $0 * $1 }
        let out = noGrad { reshape(unitShape).expand(expanded).contiguousCopy().makeReshapedAlias(outShape) }
        if gradNeeded(self) {
            let inputShape = shape
            let repeatDims = Array(Swift.stride(from: 0, to: expanded.count, by: 2))
            recordNode("RepeatBackward0", inputs: [self], output: out) { ctx in
                [ctx.grad.reshape(expanded).sum(dims: repeatDims).reshape(inputShape)]
            }
        }
        return out
    }

    /// `repeat` with the sizes as separate arguments.
    public func `repeat`(_ sizes: Int..., file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        `repeat`(sizes, file: file, line: line)
    }

    /// The lower triangle of the last two dims (elements with `col - row <= diagonal`),
    /// the rest zero, PyTorch's `tril`.
    public func tril(diagonal: Int = 0, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        triangle(lower: true, diagonal: diagonal, name: "tril", file: file, line: line)
    }

    /// The upper triangle of the last two dims (elements with `col - row >= diagonal`),
    /// the rest zero, PyTorch's `triu`.
    public func triu(diagonal: Int = 0, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        triangle(lower: false, diagonal: diagonal, name: "triu", file: file, line: line)
    }

    private func triangle(lower: Bool, diagonal k: Int, name: String, file: StaticString, line: UInt) -> Tensor {
        torchCheck(ndim >= 2, "\(name): input tensor must have at least 2 dimensions", file: file, line: line)
        let out = contiguousCopy()
        let rows = shape[ndim - 2], cols = shape[ndim - 1]
        // Zero one row's excluded columns in every matrix of the batch at once.
        var region = out.layout
        region.shape[ndim - 2] = 1
        for i in 0..<rows {
            let lo = lower ? Swift.max(i + k + 1, 0) : 0
            let hi = lower ? cols : Swift.min(Swift.max(i + k, 0), cols)
            guard lo < hi else { continue }
            var r = region
            r.offset = i * cols + lo
            r.shape[ndim - 1] = hi - lo
            Dispatch.fill(out, layout: r, with: .int(0))
        }
        if gradNeeded(self) {
            recordNode(lower ? "TrilBackward0" : "TriuBackward0", inputs: [self], output: out) { ctx in
                [lower ? ctx.grad.tril(diagonal: k) : ctx.grad.triu(diagonal: k)]
            }
        }
        return out
    }
}

/// A copy reversed along dims; see `Tensor.flip`.
public func flip(_ x: Tensor, _ dims: [Int], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    x.flip(dims, file: file, line: line)
}

/// A cyclic shift; see `Tensor.roll`.
public func roll(_ x: Tensor, _ shifts: [Int], dims: [Int] = [], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    x.roll(shifts, dims: dims, file: file, line: line)
}

/// The lower triangle; see `Tensor.tril`.
public func tril(_ x: Tensor, diagonal: Int = 0, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    x.tril(diagonal: diagonal, file: file, line: line)
}

/// The upper triangle; see `Tensor.triu`.
public func triu(_ x: Tensor, diagonal: Int = 0, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    x.triu(diagonal: diagonal, file: file, line: line)
}
