extension Tensor {
    /// The distinct elements of the flattened tensor in ascending order, PyTorch's
    /// `unique(sorted, return_inverse, return_counts, dim)`.
    ///
    /// `inverse` (same shape as the input) gives each element's position in
    /// `values`; `counts` how often each value occurs. Both are int64 and nil
    /// unless asked for. The result is always sorted, as PyTorch's CPU kernel is.
    /// With `dim`, the distinct slices along `dim`, in lexicographic order;
    /// `inverse` then has one entry per slice.
    ///
    /// ```swift
    /// let (values, inverse, counts) = x.unique(returnInverse: true, returnCounts: true)
    /// let rows = m.unique(dim: 0).values
    /// ```
    public func unique(sorted: Bool = true, returnInverse: Bool = false, returnCounts: Bool = false, dim: Int? = nil,
                       file: StaticString = #fileID, line: UInt = #line) -> (values: Tensor, inverse: Tensor?, counts: Tensor?) {
        if !isCpu {
            // The result's size depends on the values: computed from a host copy
            // (a meta tensor stops here, as in PyTorch) and moved back.
            let host = Dispatch.hostTensor(self, op: dim == nil ? "_unique2" : "unique_dim", file: file, line: line)
            let r = host.unique(sorted: sorted, returnInverse: returnInverse, returnCounts: returnCounts, dim: dim, file: file, line: line)
            return (r.values.to(device), r.inverse?.to(device), r.counts?.to(device))
        }
        if let dim { return uniqueSlices(dim: dim, returnInverse: returnInverse, returnCounts: returnCounts, file: file, line: line) }
        let flat = noGrad { self.detach().reshape([numel()]) }
        let (sortedValues, order) = flat.sort(dim: 0)
        let compute = kernelDType(for: dtype)
        struct Visitor: NumericVisitor {
            let values: Tensor, order: Tensor
            func visit<T: NumericElement>(_: T.Type) -> (keep: [Int], inverse: [Int64], counts: [Int64]) {
                let v = values.pointer(as: T.self), o = order.pointer(as: Int64.self)
                let n = values.numel()
                var keep: [Int] = [], counts: [Int64] = []
                var inverse = [Int64](repeating: 0, count: n)
                for i in 0..<n {
                    // NaNs compare unequal to each other, so each is its own value, as in PyTorch.
                    if i == 0 || v[i] != v[i - 1] {
                        keep.append(i)
                        counts.append(0)
                    }
                    counts[counts.count - 1] += 1
                    inverse[Int(o[i])] = Int64(keep.count - 1)
                }
                return (keep, inverse, counts)
            }
        }
        let (keep, inverse, counts) = compute.dispatchNumeric(Visitor(values: sortedValues.cast(compute), order: order))
        let keepIndex = Tensor.fromArray(keep.map { Int64($0) })
        let values = sortedValues.pickAlongDim(0, index: keepIndex)
        return (values,
                returnInverse ? Tensor.fromArray(inverse, shape: shape) : nil,
                returnCounts ? Tensor.fromArray(counts) : nil)
    }
}

/// PyTorch's `torch.unique`.
public func unique(_ x: Tensor, sorted: Bool = true, returnInverse: Bool = false, returnCounts: Bool = false, dim: Int? = nil,
                   file: StaticString = #fileID, line: UInt = #line) -> (values: Tensor, inverse: Tensor?, counts: Tensor?) {
    x.unique(sorted: sorted, returnInverse: returnInverse, returnCounts: returnCounts, dim: dim, file: file, line: line)
}

extension Tensor {
    /// `unique(dim:)`: the slices along `dim` sorted lexicographically (by their
    /// elements in order; ties keep their order), equal neighbours merged (NaN
    /// equals nothing, so slices holding NaN stay apart).
    private func uniqueSlices(dim: Int, returnInverse: Bool, returnCounts: Bool,
                              file: StaticString, line: UInt) -> (values: Tensor, inverse: Tensor?, counts: Tensor?) {
        if ndim == 0 { torchFail("Dimension specified as \(dim) but tensor has no dimensions", file: file, line: line) }
        let d = wrapDim(dim, rank: ndim, file: file, line: line)
        let n = shape[d]
        if numel() == 0 && shape.enumerated().contains(where: { $0.offset != d && $0.element == 0 }) {
            torchFail("There are 0 sized dimensions, and they aren't selected, so unique cannot be applied", file: file, line: line)
        }
        let slices = noGrad { self.detach().movedim(d, 0).contiguous() }
        let width = n == 0 ? 0 : numel() / n
        let compute = kernelDType(for: dtype)
        struct Visitor: NumericVisitor {
            let slices: Tensor, n: Int, width: Int
            func visit<T: NumericElement>(_: T.Type) -> (keep: [Int], inverse: [Int64], counts: [Int64]) {
                let v = slices.pointer(as: T.self)
                func order(_ i: Int, _ j: Int) -> Bool {
                    for k in 0..<width {
                        let a = v[i * width + k], b = v[j * width + k]
                        if a < b { return true }
                        if a > b { return false }
                    }
                    return i < j
                }
                func equal(_ i: Int, _ j: Int) -> Bool { (0..<width).allSatisfy { v[i * width + $0] == v[j * width + $0] } }
                let sorted = (0..<n).sorted(by: order)
                var keep: [Int] = [], counts: [Int64] = []
                var inverse = [Int64](repeating: 0, count: n)
                for (position, i) in sorted.enumerated() {
                    if position == 0 || !equal(i, sorted[position - 1]) {
                        keep.append(i)
                        counts.append(0)
                    }
                    counts[counts.count - 1] += 1
                    inverse[i] = Int64(keep.count - 1)
                }
                return (keep, inverse, counts)
            }
        }
        let (keep, inverse, counts) = compute.dispatchNumeric(Visitor(slices: slices.cast(compute), n: n, width: width))
        let values = slices.indexSelect(0, Tensor.fromArray(keep.map { Int64($0) })).movedim(0, d)
        return (values.contiguous(),
                returnInverse ? Tensor.fromArray(inverse) : nil,
                returnCounts ? Tensor.fromArray(counts) : nil)
    }
}
