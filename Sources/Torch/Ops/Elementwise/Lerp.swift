extension Tensor {
    /// Linear interpolation `self + weight * (end - self)`, PyTorch's `lerp`.
    ///
    /// Like PyTorch, weights of magnitude 0.5 or more are computed from `end`
    /// backwards, so `lerp(a, b, 1)` is exactly `b`. All tensors must share one
    /// floating dtype.
    public func lerp<S: TensorScalar>(_ end: Tensor, _ weight: S, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let w = weight.scalar.doubleValue
        let out = lerpKernel(end, Tensor.scalarTensor(.double(w), dtype: .float64), file: file, line: line)
        if gradNeeded(self, end) {
            recordNode("LerpBackward0", inputs: [self, end], output: out) { ctx in
                [ctx.needsInputGrad[0] ? ctx.grad * (1 - w) : nil, ctx.needsInputGrad[1] ? ctx.grad * w : nil]
            }
        }
        return out
    }

    /// `lerp` with a tensor weight (broadcast); gradients flow to the weight too.
    public func lerp(_ end: Tensor, _ weight: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(weight.dtype == dtype, "expected dtype \(dtype.cppTypeName) for `weight` but got dtype \(weight.dtype.cppTypeName)", file: file, line: line)
        let out = lerpKernel(end, weight, file: file, line: line)
        if gradNeeded([self, end, weight]) {
            recordNode("LerpBackward1", inputs: [self, end, weight], output: out, saving: [self, end, weight]) { ctx in
                let (start, end, weight) = (ctx.saved[0], ctx.saved[1], ctx.saved[2])
                return [ctx.needsInputGrad[0] ? ctx.grad * (1 - weight) : nil,
                        ctx.needsInputGrad[1] ? ctx.grad * weight : nil,
                        ctx.needsInputGrad[2] ? ctx.grad * (end - start) : nil]
            }
        }
        return out
    }

    /// `lerp` in place, PyTorch's `lerp_`.
    @discardableResult
    public func lerp_<S: TensorScalar>(_ end: Tensor, _ weight: S, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let shape = broadcastShape(with: [end], file: file, line: line)
        return updateInPlace(others: [end], resultType: dtype, resultShape: shape, file: file, line: line) {
            $0.lerp(end, weight, file: file, line: line)
        }
    }

    /// `lerp_` with a tensor weight.
    @discardableResult
    public func lerp_(_ end: Tensor, _ weight: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let shape = broadcastShape(with: [end, weight], file: file, line: line)
        return updateInPlace(others: [end, weight], resultType: dtype, resultShape: shape, file: file, line: line) {
            $0.lerp(end, weight, file: file, line: line)
        }
    }

    private func lerpKernel(_ end: Tensor, _ weight: Tensor, file: StaticString, line: UInt) -> Tensor {
        torchCheck(end.dtype == dtype, "expected dtype \(dtype.cppTypeName) for `end` but got dtype \(end.dtype.cppTypeName)", file: file, line: line)
        torchCheck(dtype.isFloatingPoint, unsupportedDTypeMessage(weight.ndim == 0 ? "lerp_kernel_scalar" : "lerp_kernel_tensor", dtype), file: file, line: line)
        let shape = broadcastShape(with: [end, weight], file: file, line: line)
        let compute = dtype.computeType
        let (s, e, w) = (cast(compute), end.cast(compute), weight.cast(compute))
        // PyTorch's two forms, exact at both ends: a + t (b - a) for |t| < 0.5, else b - (b - a)(1 - t).
        let out = noGrad {
            let diff = e.sub(s)
            return Torch.where(w.abs().lt(0.5), s.add(w.mul(diff)), e.sub(diff.mul(1 - w))).expand(shape).contiguous()
        }
        return compute == dtype ? out : out.cast(dtype)
    }
}

/// PyTorch's `torch.lerp` with a scalar weight.
public func lerp<S: TensorScalar>(_ start: Tensor, _ end: Tensor, _ weight: S, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    start.lerp(end, weight, file: file, line: line)
}

/// PyTorch's `torch.lerp` with a tensor weight.
public func lerp(_ start: Tensor, _ end: Tensor, _ weight: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    start.lerp(end, weight, file: file, line: line)
}
