extension Tensor {
    /// The positions of the non-zero elements, one row per element, PyTorch's
    /// `nonzero`: an int64 tensor of shape `[count, ndim]`, in row-major order.
    /// Another device's tensor is read through a host copy; a meta tensor stops, as in PyTorch.
    public func nonzero(file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let positions = Dispatch.nonzeroPositions(self, op: "nonzero", file: file, line: line)
        let strides = Layout.contiguousStrides(for: shape)
        var data: [Int64] = []
        data.reserveCapacity(positions.count * ndim)
        for p in positions {
            for d in 0..<ndim { data.append(Int64((p / strides[d]) % shape[d])) }
        }
        return Tensor.fromArray(data, shape: [positions.count, ndim]).to(device)
    }

    /// The positions of the non-zero elements as one int64 vector per dim,
    /// PyTorch's `nonzero(as_tuple=True)` (what `x[mask]` indexes with).
    public func nonzero(asTuple: Bool, file: StaticString = #fileID, line: UInt = #line) -> [Tensor] {
        guard asTuple else { return [nonzero(file: file, line: line)] }
        if ndim == 0 {
            let positions = Dispatch.nonzeroPositions(self, op: "nonzero", file: file, line: line)
            return [Tensor.fromArray(positions.map { Int64($0) }).to(device)]
        }
        return maskIndices(self, file: file, line: line)
    }

    /// The elements where `mask` is true, as a 1-d copy, PyTorch's `masked_select`.
    /// `mask` (bool) and this tensor broadcast together.
    public func maskedSelect(_ mask: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(mask.dtype == .bool, "masked_select: expected BoolTensor for mask", file: file, line: line)
        let shape = broadcastShapes(self.shape, mask.shape, file: file, line: line)
        let m = mask.expand(shape)
        // Flattened first, so a 0-d input still gives a 1-d result.
        let out = noGrad { expand(shape).reshape([-1]).index([m.reshape([-1])], file: file, line: line) }
        if gradNeeded(self) {
            let inputDType = dtype
            recordNode("MaskedSelectBackward0", inputs: [self], output: out) { ctx in
                [Torch.zeros([m.numel()], device: ctx.grad.device, dtype: inputDType).indexPut([m.reshape([-1])], ctx.grad).reshape(shape)]
            }
        }
        return out
    }
}

/// PyTorch's `torch.nonzero`.
public func nonzero(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { x.nonzero(file: file, line: line) }

/// PyTorch's `torch.masked_select`.
public func maskedSelect(_ x: Tensor, _ mask: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    x.maskedSelect(mask, file: file, line: line)
}
