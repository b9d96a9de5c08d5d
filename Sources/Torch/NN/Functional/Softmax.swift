extension Tensor {
    /// Softmax along `dim`: `exp(x) / sum(exp(x))`, PyTorch's `softmax`.
    ///
    /// Computed by one fused, numerically stable kernel. `dtype` casts the
    /// input first (PyTorch's `dtype=` argument).
    public func softmax(dim: Int, dtype: DType? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        softmaxOp(dim: dim, dtype: dtype, log: false, file: file, line: line)
    }

    /// Log-softmax along `dim`: `x - log(sum(exp(x)))`, PyTorch's `log_softmax`.
    public func logSoftmax(dim: Int, dtype: DType? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        softmaxOp(dim: dim, dtype: dtype, log: true, file: file, line: line)
    }

    private func softmaxOp(dim: Int, dtype: DType?, log: Bool, file: StaticString, line: UInt) -> Tensor {
        let input = dtype.map { to($0) } ?? self
        let kernelName = log ? "log_softmax_lastdim_kernel_impl" : "softmax_lastdim_kernel_impl"
        torchCheck(input.dtype.isFloatingPoint, unsupportedDTypeMessage(kernelName, input.dtype), file: file, line: line)
        let d = wrapDim(dim, rank: Swift.max(input.ndim, 1), file: file, line: line)
        let compute = input.dtype.computeType
        let out = Dispatch.softmax(input.cast(compute), dim: d, log: log).cast(input.dtype)
        if gradNeeded(input) {
            recordNode(log ? "LogSoftmaxBackward0" : "SoftmaxBackward0", inputs: [input], output: out, savingOutput: true) { ctx in
                [softmaxBackward(grad: ctx.grad, output: ctx.saved[0], dim: d, log: log)]
            }
        }
        return out
    }
}

/// The input gradient of softmax / log-softmax: the fused kernel, or Tensor
/// ops when building a graph for higher-order gradients.
private func softmaxBackward(grad: Tensor, output y: Tensor, dim: Int, log: Bool) -> Tensor {
    let d = y.ndim == 0 ? nil : dim
    if GradMode.isEnabled {
        if log { return grad - y.exp() * (d.map { grad.sum(dim: $0, keepdim: true) } ?? grad) }
        let gy = grad * y
        return y * (grad - (d.map { gy.sum(dim: $0, keepdim: true) } ?? gy))
    }
    let compute = y.dtype.computeType
    return Dispatch.softmaxBackward(grad: grad.cast(compute), output: y.cast(compute), dim: dim, log: log).cast(y.dtype)
}

extension Functional {
    /// Softmax along `dim`, PyTorch's `F.softmax`; see `Tensor.softmax(dim:dtype:)`.
    public static func softmax(_ input: Tensor, dim: Int, dtype: DType? = nil,
                               file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        input.softmax(dim: dim, dtype: dtype, file: file, line: line)
    }

    /// Log-softmax along `dim`, PyTorch's `F.log_softmax`; see `Tensor.logSoftmax(dim:dtype:)`.
    public static func logSoftmax(_ input: Tensor, dim: Int, dtype: DType? = nil,
                                  file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        input.logSoftmax(dim: dim, dtype: dtype, file: file, line: line)
    }

    /// Softmin along `dim`: `softmax(-x)`, PyTorch's `F.softmin`.
    public static func softmin(_ input: Tensor, dim: Int, dtype: DType? = nil,
                               file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        // Negated in the input's dtype first (an unsigned input wraps), then converted, as in PyTorch.
        (-input).softmax(dim: dim, dtype: dtype, file: file, line: line)
    }
}

/// PyTorch's `torch.softmax`.
public func softmax(_ input: Tensor, dim: Int, dtype: DType? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    input.softmax(dim: dim, dtype: dtype, file: file, line: line)
}

/// PyTorch's `torch.log_softmax`.
public func logSoftmax(_ input: Tensor, dim: Int, dtype: DType? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    input.logSoftmax(dim: dim, dtype: dtype, file: file, line: line)
}
