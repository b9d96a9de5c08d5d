extension Tensor {
    /// Whether every element is nonzero, PyTorch's `all()`. Bool result (uint8 for uint8 input).
    public func all(file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        logicalReduction(any: false, dims: nil, keepdim: false, file: file, line: line)
    }

    /// Whether every element along a dim is nonzero, PyTorch's `all(dim, keepdim)`.
    public func all(dim: Int, keepdim: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        logicalReduction(any: false, dims: [dim], keepdim: keepdim, file: file, line: line)
    }

    /// Whether every element over several dims is nonzero.
    public func all(dims: [Int], keepdim: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        logicalReduction(any: false, dims: dims, keepdim: keepdim, file: file, line: line)
    }

    /// Whether any element is nonzero, PyTorch's `any()`.
    public func any(file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        logicalReduction(any: true, dims: nil, keepdim: false, file: file, line: line)
    }

    /// Whether any element along a dim is nonzero, PyTorch's `any(dim, keepdim)`.
    public func any(dim: Int, keepdim: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        logicalReduction(any: true, dims: [dim], keepdim: keepdim, file: file, line: line)
    }

    /// Whether any element over several dims is nonzero.
    public func any(dims: [Int], keepdim: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        logicalReduction(any: true, dims: dims, keepdim: keepdim, file: file, line: line)
    }

    private func logicalReduction(any: Bool, dims: [Int]?, keepdim: Bool, file: StaticString, line: UInt) -> Tensor {
        let mask = reducedDims(dims, rank: ndim, file: file, line: line)
        let (kept, final) = reducedShapes(shape, mask, keepdim: keepdim)
        let compute = kernelDType(for: dtype)
        let g = SliceGeometry(cast(compute), reducing: mask)
        let out = Tensor(uninitializedShape: kept, dtype: .bool, device: device)
        Dispatch.slices(.anyAll(any: any), g, into: [out])
        let result = out.makeReshapedAlias(final)
        // PyTorch keeps uint8 for uint8 inputs (a legacy of masks before bool existed).
        return dtype == .uint8 ? result.cast(.uint8) : result
    }
}

/// PyTorch's `torch.all`.
public func all(_ x: Tensor, dim: Int? = nil, keepdim: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    dim.map { x.all(dim: $0, keepdim: keepdim, file: file, line: line) } ?? x.all(file: file, line: line)
}

/// PyTorch's `torch.any`.
public func any(_ x: Tensor, dim: Int? = nil, keepdim: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    dim.map { x.any(dim: $0, keepdim: keepdim, file: file, line: line) } ?? x.any(file: file, line: line)
}
