// `Functional.pad`: constant padding as a copy into a filled tensor (its
// backward is the same pad with negated widths), and reflect / replicate /
// circular padding as a gather along each padded dim (backward: index_add).

extension Functional {
    /// Pads the last dims of `input`, PyTorch's `F.pad`.
    ///
    /// `pad` lists (left, right) widths starting from the last dim:
    /// `[left, right]` pads the last dim, `[left, right, top, bottom]` the last two.
    /// Modes: `"constant"` (fills with `value`; negative widths crop), `"reflect"`,
    /// `"replicate"`, `"circular"` (these pad the last 1 to 3 dims of a batched or
    /// unbatched input).
    /// ```swift
    /// Functional.pad(x, [1, 1, 2, 0], mode: "reflect")
    /// ```
    public static func pad(_ input: Tensor, _ pad: [Int], mode: String = "constant", value: Double? = nil,
                           file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(pad.count % 2 == 0, "Padding length must be divisible by 2", file: file, line: line)
        torchCheck(pad.count / 2 <= input.ndim,
                   "Padding length should be less than or equal to two times the input dimension but got padding length \(pad.count) and input of dimension \(input.ndim)",
                   file: file, line: line)
        let dims = pad.count / 2
        // pad[2i], pad[2i+1] belong to dim ndim - 1 - i.
        let widths = (0..<dims).map { i in (dim: input.ndim - 1 - i, left: pad[2 * i], right: pad[2 * i + 1]) }
        if mode == "constant" {
            return constantPad(input, widths, value: value ?? 0, file: file, line: line)
        }
        guard ["reflect", "replicate", "circular"].contains(mode) else {
            torchFail("Unrecognised padding mode \(mode)", file: file, line: line)
        }
        torchCheck(value == nil || value == 0, "Padding mode \"\(mode)\" doesn't take in value argument", file: file, line: line)
        torchCheck(dims <= 3 && (input.ndim == dims + 1 || input.ndim == dims + 2),
                   "Padding size \(pad.count) is not supported for \(input.ndim)D input tensor.", file: file, line: line)
        for w in widths {
            let size = input.shape[w.dim]
            switch mode {
            case "reflect":
                torchCheck(w.left < size && w.right < size,
                           "Argument #4: Padding size should be less than the corresponding input dimension, but got: padding (\(w.left), \(w.right)) at dimension \(w.dim) of input \(input.shape)",
                           file: file, line: line)
            case "circular":
                torchCheck(w.left <= size && w.right <= size,
                           "Padding value causes wrapping around more than once.", file: file, line: line)
            default:
                torchCheck(size > 0 || (w.left <= 0 && w.right <= 0),
                           "input tensor must have non-zero size along padded dims", file: file, line: line)
            }
        }
        // The source positions are computed on the host and moved to the input's device.
        let plan = widths.map { w in
            (dim: w.dim, index: sourceIndex(size: input.shape[w.dim], left: w.left, right: w.right, mode: mode).to(input.device))
        }
        var out = noGrad {
            plan.reduce(input) { acc, p in acc.indexSelect(p.dim, p.index) }
        }
        if gradNeeded(input) {
            let name = mode == "reflect" ? "ReflectionPad\(dims)DBackward0"
                : mode == "replicate" ? "ReplicationPad\(dims)DBackward0" : "CircularPad\(dims)DBackward0"
            let inputShape = input.shape
            out = out.detach()
            recordNode(name, inputs: [input], output: out) { ctx in
                var g = ctx.grad
                var shape = g.shape
                for p in plan.reversed() {
                    shape[p.dim] = inputShape[p.dim]
                    g = Torch.zeros(shape, device: g.device, dtype: g.dtype).indexAdd(p.dim, p.index, g)
                }
                return [g]
            }
        }
        return out
    }

    /// For each output position along a padded dim, the input position it copies.
    private static func sourceIndex(size: Int, left: Int, right: Int, mode: String) -> Tensor {
        let positions = (0..<(size + left + right)).map { o -> Int64 in
            let i = o - left
            switch mode {
            case "reflect":
                if size == 1 { return 0 }
                let period = 2 * (size - 1)
                var r = ((i % period) + period) % period
                if r >= size { r = period - r }
                return Int64(r)
            case "replicate":
                return Int64(Swift.min(Swift.max(i, 0), size - 1))
            default:
                // Negative widths crop first; the positive ones then wrap around what is left.
                let start = Swift.max(-left, 0), n = size - start - Swift.max(-right, 0)
                let j = o - Swift.max(left, 0)
                return Int64(start + ((j % n) + n) % n)
            }
        }
        return Tensor.fromArray(positions, shape: [positions.count])
    }

    /// Constant padding (negative widths crop), recorded as `ConstantPadNdBackward0`.
    private static func constantPad(_ input: Tensor, _ widths: [(dim: Int, left: Int, right: Int)], value: Double,
                                    file: StaticString, line: UInt) -> Tensor {
        var shape = input.shape
        for w in widths {
            shape[w.dim] += w.left + w.right
            torchCheck(shape[w.dim] >= 0,
                       "The input size \(input.shape[w.dim]), plus negative padding \(w.left) and \(w.right) resulted in a negative output size, which is invalid. Check dimension \(w.dim) of your input.",
                       file: file, line: line)
        }
        let out = Torch.full(shape, value, device: input.device, dtype: input.dtype)
        noGrad {
            var src = input, dst = out
            for w in widths {
                src = src.narrow(w.dim, Swift.max(-w.left, 0), Swift.max(0, input.shape[w.dim] + Swift.min(w.left, 0) + Swift.min(w.right, 0)))
                dst = dst.narrow(w.dim, Swift.max(w.left, 0), src.shape[w.dim])
            }
            _ = dst.copy_(src)
        }
        if gradNeeded(input) {
            let flat = widths.flatMap { [-$0.left, -$0.right] }
            recordNode("ConstantPadNdBackward0", inputs: [input], output: out) { ctx in
                [Functional.pad(ctx.grad, flat)]
            }
        }
        return out
    }
}
