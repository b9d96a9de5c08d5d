/// Moving tensors between devices: PyTorch's `to(device)`, `cuda()`, `cpu()`.
extension Tensor {
    /// This tensor on `device` (and in `dtype`, if given), PyTorch's
    /// `to(device, dtype)`: `self` when nothing changes and `copy` is false,
    /// otherwise a copy on the target device. Gradients flow back to the source
    /// device and dtype.
    ///
    /// ```swift
    /// let device = Device(Torch.cuda.isAvailable() ? "cuda" : "cpu")
    /// let x = Torch.randn([2, 3]).to(device)
    /// let h = x.to(device, dtype: .float16)
    /// ```
    public func to(_ device: Device, dtype: DType? = nil, copy: Bool = false,
                   file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let target = resolvedDevice(device, file: file, line: line)
        let dtype = dtype ?? self.dtype
        if target == self.device { return to(dtype, copy: copy) }
        let out = Tensor(uninitializedShape: shape, dtype: dtype, device: target)
        transfer(into: out, file: file, line: line)
        if gradNeeded(self) && dtype.isFloatingPoint {
            let (sourceDevice, sourceType) = (self.device, self.dtype)
            recordNode("ToCopyBackward0", inputs: [self], output: out) { ctx in
                [ctx.grad.to(sourceDevice, dtype: sourceType)]
            }
        }
        return out
    }

    /// This tensor on the device and in the dtype of `other`, PyTorch's `to(other)`.
    public func to(_ other: Tensor, copy: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        to(other.device, dtype: other.dtype, copy: copy, file: file, line: line)
    }

    /// This tensor on a CUDA device (the current one without an index), PyTorch's `cuda()`.
    public func cuda(_ index: Int? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        to(.cuda(index), file: file, line: line)
    }

    /// This tensor in host memory, PyTorch's `cpu()`: `self` when already there.
    public func cpu(file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        to(.cpu, file: file, line: line)
    }

    /// Whether the tensor lives on a CUDA device, PyTorch's `is_cuda`.
    public var isCuda: Bool { device.kind == .cuda }

    /// Whether the tensor lives on the meta device, PyTorch's `is_meta`.
    public var isMeta: Bool { device.kind == .meta }

    /// Whether the tensor lives in host memory, PyTorch's `is_cpu`.
    public var isCpu: Bool { device.kind == .cpu }

    /// Copies the values into `out`, a tensor of the same shape on another device.
    private func transfer(into out: Tensor, file: StaticString, line: UInt) {
        switch (device.kind, out.device.kind) {
        case (.meta, _):
            torchFail("Cannot copy out of meta tensor; no data!", file: file, line: line)
        case (_, .meta):
            break  // a meta tensor holds no values
        default:
            // Host to device or back: the destination's backend copies from a host source.
            Dispatch.copy(from: self, to: out)
        }
    }
}

/// The concrete device a tensor lands on: `cuda` without an index means the
/// current device; a CPU index is dropped (`cpu:0` is `cpu`, as PyTorch prints
/// it). Devices this build cannot reach stop here, before anything is allocated.
func resolvedDevice(_ device: Device, file: StaticString, line: UInt) -> Device {
    switch device.kind {
    case .cpu: return .cpu
    case .meta: return .meta
    case .cuda: CUDA.requireDriver(file: file, line: line)
    }
}
