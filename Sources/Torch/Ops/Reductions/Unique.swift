extension Tensor {
    /// The distinct elements of the flattened tensor in ascending order, PyTorch's
    /// `unique(sorted, return_inverse, return_counts)` (dim = None).
    ///
    /// `inverse` (same shape as the input) gives each element's position in
    /// `values`; `counts` how often each value occurs. Both are int64 and nil
    /// unless asked for. The result is always sorted, as PyTorch's CPU kernel is.
    ///
    /// ```swift
    /// let (values, inverse, counts) = x.unique(returnInverse: true, returnCounts: true)
    /// ```
    public func unique(sorted: Bool = true, returnInverse: Bool = false, returnCounts: Bool = false,
                       file: StaticString = #fileID, line: UInt = #line) -> (values: Tensor, inverse: Tensor?, counts: Tensor?) {
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

/// PyTorch's `torch.unique` (dim = None).
public func unique(_ x: Tensor, sorted: Bool = true, returnInverse: Bool = false, returnCounts: Bool = false,
                   file: StaticString = #fileID, line: UInt = #line) -> (values: Tensor, inverse: Tensor?, counts: Tensor?) {
    x.unique(sorted: sorted, returnInverse: returnInverse, returnCounts: returnCounts, file: file, line: line)
}
