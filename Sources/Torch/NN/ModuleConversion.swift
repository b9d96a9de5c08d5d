/// Moving and casting a whole model: PyTorch's `model.to(device)`, `cuda()`,
/// `cpu()`, `double()`, `half()`.
///
/// Parameters and buffers keep their identity: each is rebound to its
/// converted data (PyTorch's `param.data = fn(param.data)`), so an optimizer
/// built before the call keeps stepping the same tensors. Gradients move with
/// their parameters.
///
/// ```swift
/// let device = Device(Torch.cuda.isAvailable() ? "cuda" : "cpu")
/// let model = Net().to(device)
/// let optimizer = SGD(model.parameters(), lr: 0.1)
/// ```
extension Module {
    /// Every parameter and buffer on `device`; with `dtype:`, floating ones also
    /// cast to it (integer buffers such as BatchNorm's counter keep their dtype).
    @discardableResult
    public func to(_ device: Device, dtype: DType? = nil, file: StaticString = #fileID, line: UInt = #line) -> Self {
        let target = resolvedDevice(device, file: file, line: line)
        convertTensors { $0.to(target, dtype: $0.dtype.isFloatingPoint ? dtype : nil, file: file, line: line) }
        return self
    }

    /// Every floating parameter and buffer cast to `dtype`, PyTorch's `model.to(dtype)`.
    @discardableResult
    public func to(_ dtype: DType) -> Self {
        convertTensors { $0.dtype.isFloatingPoint ? $0.to(dtype) : $0 }
        return self
    }

    /// The model on a CUDA device, PyTorch's `model.cuda()`.
    @discardableResult
    public func cuda(_ index: Int? = nil, file: StaticString = #fileID, line: UInt = #line) -> Self {
        to(.cuda(index), file: file, line: line)
    }

    /// The model in host memory, PyTorch's `model.cpu()`.
    @discardableResult
    public func cpu() -> Self { to(.cpu) }

    /// Floating parameters and buffers in float64, PyTorch's `model.double()`.
    @discardableResult
    public func double() -> Self { to(.float64) }

    /// Floating parameters and buffers in float32, PyTorch's `model.float()`.
    @discardableResult
    public func float() -> Self { to(.float32) }

    /// Floating parameters and buffers in float16, PyTorch's `model.half()`.
    @discardableResult
    public func half() -> Self { to(.float16) }

    /// Floating parameters and buffers in bfloat16, PyTorch's `model.bfloat16()`.
    @discardableResult
    public func bfloat16() -> Self { to(.bfloat16) }

    /// Rebinds each parameter, buffer and gradient (each once, however often shared) to `convert` of it.
    private func convertTensors(_ convert: (Tensor) -> Tensor) {
        var seen = Set<ObjectIdentifier>()
        for t in parameters() + buffers() where seen.insert(ObjectIdentifier(t)).inserted {
            let converted = noGrad { convert(t) }
            if converted !== t { t.rebind(to: converted) }
            if let g = t.grad {
                let movedGrad = noGrad { convert(g) }
                if movedGrad !== g { t.grad = movedGrad }
            }
        }
    }
}
