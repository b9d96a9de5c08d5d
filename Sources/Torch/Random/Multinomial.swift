/// Sampling category indices, PyTorch's `torch.multinomial`.
///
/// Without replacement (or for one sample) PyTorch uses the exponential race:
/// draw q ~ Exp(1) for every category (one 64-bit draw each, for all rows
/// first), then take the top `numSamples` of p / q. With replacement each
/// sample takes one 64-bit uniform and a binary search in the normalised
/// running sum of the row.
///
/// - Returns: int64 indices shaped `[numSamples]` for a 1-d input, or
///   `[rows, numSamples]` for a 2-d one.
public func multinomial(_ input: Tensor, numSamples: Int, replacement: Bool = false, generator: Generator? = nil,
                        file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    torchCheck(input.dim() > 0 && input.dim() <= 2, "prob_dist must be 1 or 2 dim", file: file, line: line)
    torchCheck(input.dtype.isFloatingPoint, "multinomial only supports floating-point dtypes for input, got: \(input.dtype.scalarTypeName)", file: file, line: line)
    torchCheck(numSamples > 0, "cannot sample n_sample <= 0 samples", file: file, line: line)
    let categories = input.shape[input.dim() - 1]
    torchCheck(replacement || numSamples <= categories, "cannot sample n_sample > prob_dist.size(-1) samples without replacement", file: file, line: line)
    let rows = input.dim() == 1 ? 1 : input.shape[0]
    let probs = noGrad { input.contiguous().toArray(as: Double.self) }
    let outShape = input.dim() == 1 ? [numSamples] : [rows, numSamples]
    let single = input.dtype != .float64
    var result = [Int64]()
    result.reserveCapacity(rows * numSamples)
    let generator = resolve(generator)

    if !replacement || numSamples == 1 {
        torchCheck(probs.allSatisfy { $0 >= 0 && $0 < .infinity }, "probability tensor contains either `inf`, `nan` or element < 0", file: file, line: line)
        for r in 0..<rows {
            let rowSum = probs[(r * categories)..<((r + 1) * categories)].reduce(0, +)
            torchCheck(rowSum != 0, "invalid multinomial distribution (sum of probabilities <= 0)", file: file, line: line)
        }
        // q is drawn in the memory order of the input, like `empty_like(p).exponential_()`.
        let drawn: [Double] = generator.withState { state in
            probs.map { _ in exponentialSample(&state, lambd: 1) }
        }
        let q = input.tensorInMemoryOrder(drawn, dtype: .float64).contiguous().toArray(as: Double.self)
        // The keys p / q, computed in the input's precision.
        let keys: [Double] = zip(probs, q).map { p, e in
            single ? Double(roundFloat(Float(p) / Float(e), to: input.dtype)) : p / e
        }
        for r in 0..<rows {
            let row = Array(keys[(r * categories)..<((r + 1) * categories)])
            result += largestIndices(row, count: numSamples).map(Int64.init)
        }
        return Tensor.fromArray(result, shape: outShape).to(input.device)
    }

    generator.withState { state in
        for r in 0..<rows {
            let row = probs[(r * categories)..<((r + 1) * categories)]
            let cumulative = normalisedRunningSum(Array(row), single: single, file: file, line: line)
            for _ in 0..<numSamples {
                let u = state.uniformDouble()
                var lo = 0, hi = categories
                while hi > lo {
                    let mid = lo + (hi - lo) / 2
                    if cumulative[mid] < u { lo = mid + 1 } else { hi = mid }
                }
                result.append(Int64(lo))
            }
        }
    }
    return Tensor.fromArray(result, shape: outShape).to(input.device)
}

/// The running sum of a row divided by its total, in float32 for single
/// precision inputs, with the last entry set to exactly 1.
private func normalisedRunningSum(_ row: [Double], single: Bool, file: StaticString, line: UInt) -> [Double] {
    for v in row {
        torchCheck(v >= 0, "invalid multinomial distribution (encountering probability entry < 0)", file: file, line: line)
        torchCheck(v.isFinite, "invalid multinomial distribution (encountering probability entry = infinity or NaN)", file: file, line: line)
    }
    var out = [Double](repeating: 0, count: row.count)
    if single {
        var sum: Float = 0
        for (j, v) in row.enumerated() { sum += Float(v); out[j] = Double(sum) }
        torchCheck(sum > 0, "invalid multinomial distribution (sum of probabilities <= 0)", file: file, line: line)
        for j in out.indices { out[j] = Double(Float(out[j]) / sum) }
    } else {
        var sum = 0.0
        for (j, v) in row.enumerated() { sum += v; out[j] = sum }
        torchCheck(sum > 0, "invalid multinomial distribution (sum of probabilities <= 0)", file: file, line: line)
        for j in out.indices { out[j] /= sum }
    }
    out[out.count - 1] = 1
    return out
}

/// The indices of the `count` largest keys, largest first; ties go to the
/// lower index (argmax for one, a sorted top-k for more).
private func largestIndices(_ keys: [Double], count: Int) -> [Int] {
    if count == 1 {
        var best = 0
        for i in 1..<keys.count where keys[i] > keys[best] { best = i }
        return [best]
    }
    let order = keys.indices.sorted { a, b in keys[a] != keys[b] ? keys[a] > keys[b] : a < b }
    return Array(order.prefix(count))
}
