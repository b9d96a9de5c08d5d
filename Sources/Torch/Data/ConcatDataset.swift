/// Datasets joined end to end, PyTorch's `ConcatDataset`.
///
/// ```swift
/// let both = ConcatDataset([train, extra])   // count == train.count + extra.count
/// ```
public struct ConcatDataset<Element>: Dataset {
    /// The parts, in order.
    public let datasets: [any Dataset<Element>]
    /// Running totals of the parts' sizes, PyTorch's `cumulative_sizes`.
    public let cumulativeSizes: [Int]

    /// Joins `datasets` (at least one).
    public init(_ datasets: [any Dataset<Element>], file: StaticString = #fileID, line: UInt = #line) {
        torchCheck(!datasets.isEmpty, "datasets should not be an empty iterable", file: file, line: line)
        self.datasets = datasets
        var total = 0
        cumulativeSizes = datasets.map { total += $0.count; return total }
    }

    /// The total number of samples.
    public var count: Int { cumulativeSizes.last ?? 0 }

    /// The sample at `index`; negative indices count from the end, as in PyTorch.
    public subscript(index: Int) -> Element {
        var i = index
        if i < 0 {
            torchCheck(-i <= count, "absolute value of index should not exceed dataset length", file: #fileID, line: #line)
            i += count
        }
        // First part whose running total exceeds i (bisect_right).
        var lo = 0, hi = cumulativeSizes.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulativeSizes[mid] <= i { lo = mid + 1 } else { hi = mid }
        }
        torchCheck(lo < datasets.count, "list index out of range", file: #fileID, line: #line)
        let start = lo == 0 ? 0 : cumulativeSizes[lo - 1]
        return datasets[lo][i - start]
    }
}
