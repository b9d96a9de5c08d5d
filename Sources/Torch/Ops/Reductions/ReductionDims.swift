/// Which dims a reduction covers; nil or empty means all of them.
func reducedDims(_ dims: [Int]?, rank: Int, file: StaticString, line: UInt) -> [Bool] {
    var mask = [Bool](repeating: dims == nil || dims!.isEmpty, count: rank)
    for d in dims ?? [] {
        let w = wrapDim(d, rank: rank, file: file, line: line)
        if rank == 0 { continue }
        torchCheck(!mask[w] || dims!.isEmpty, "dim \(w) appears multiple times in the list of dims", file: file, line: line)
        mask[w] = true
    }
    return mask
}

/// The keepdim shape of a reduction (reduced dims become 1) and the final shape.
func reducedShapes(_ shape: [Int], _ mask: [Bool], keepdim: Bool) -> (kept: [Int], final: [Int]) {
    var kept = shape, final: [Int] = []
    for d in 0..<shape.count {
        if mask[d] { kept[d] = 1 } else { final.append(shape[d]) }
    }
    return (kept, keepdim ? kept : final)
}

/// The number of elements each output of a reduction combines.
func reducedCount(_ shape: [Int], _ mask: [Bool]) -> Int {
    var n = 1
    for d in 0..<shape.count where mask[d] { n *= shape[d] }
    return n
}

/// Stops with PyTorch's message when a reduction without identity meets an empty input.
func checkReducible(_ name: String, _ x: Tensor, _ mask: [Bool], allDims: Bool, file: StaticString, line: UInt) {
    if allDims {
        torchCheck(x.numel() > 0, "\(name)(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.", file: file, line: line)
        return
    }
    for d in 0..<x.ndim where mask[d] && x.shape[d] == 0 {
        torchFail("\(name)(): Expected reduction dim \(d) to have non-zero size.", file: file, line: line)
    }
}

extension Tensor {
    /// A constant (no autograd) tensor of `dtype` with 1 where this tensor equals
    /// `value` broadcast to it (NaN matching NaN) and 0 elsewhere.
    func equalityMask(_ value: Tensor, dtype: DType) -> Tensor {
        noGrad {
            // Compared in this tensor's own compute dtype (the value cast to it), NaN matching NaN.
            let compute = kernelDType(for: self.dtype)
            let a = cast(compute), b = value.cast(compute)  // broadcast by eq (a 0-d CPU value may join any device)
            let equal = a.eq(b)
            let mask = compute.isFloatingPoint ? equal.logicalOr(a.isnan().logicalAnd(b.isnan())) : equal
            return mask.cast(dtype)
        }
    }

    /// A constant tensor of `dtype` and this shape with 1 where the position along
    /// `dim` equals `index` (broadcast; size 1 along `dim`) and 0 elsewhere.
    static func indexMask(shape: [Int], dim: Int, index: Tensor, dtype: DType) -> Tensor {
        var positionsShape = [Int](repeating: 1, count: shape.count)
        positionsShape[dim] = shape[dim]
        let positions = Tensor.fromArray((0..<Int64(shape[dim])).map { $0 }, shape: positionsShape).to(index.device)
        return noGrad { positions.eq(index.cast(.int64)).expand(shape).contiguous().cast(dtype) }
    }

}
