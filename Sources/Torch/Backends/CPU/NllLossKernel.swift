/// Negative log-likelihood over class scores laid out as `[outer, classes, inner]`
/// (contiguous), with int64 targets laid out as `[outer, inner]`.
///
/// Forward and backward each make one pass and allocate only the result.
enum NllLossKernel {
    struct Problem {
        let outer: Int
        let classes: Int
        let inner: Int
        let ignoreIndex: Int64
    }

    /// Per-element losses (into `perElement` when given) and their sum and total weight.
    static func forward<T: FloatElement>(
        _ p: Problem, input: UnsafePointer<T>, target: UnsafePointer<Int64>, weight: UnsafePointer<T>?,
        perElement: UnsafeMutablePointer<T>?, file: StaticString, line: UInt
    ) -> (sum: Double, totalWeight: Double) {
        var sum = 0.0, total = 0.0
        let (classes, inner) = (p.classes, p.inner)
        for o in 0..<p.outer {
            for i in 0..<inner {
                let e = o * inner + i
                let t = target[e]
                if t == p.ignoreIndex {
                    perElement?[e] = 0
                    continue
                }
                if t < 0 || t >= Int64(classes) { torchFail("Target \(t) is out of bounds.", file: file, line: line) }
                let w: T = weight.map { $0[Int(t)] } ?? 1
                let loss = -w * input[(o * classes + Int(t)) * inner + i]
                perElement?[e] = loss
                sum += Double(loss)
                total += Double(w)
            }
        }
        return (sum, total)
    }

    /// Writes the input gradient into zero-filled `out`: `-w[t] * grad * scale` at each target.
    /// `gradStride` is 1 for a per-element gradient and 0 for a reduced one.
    static func backward<T: FloatElement>(
        _ p: Problem, grad: UnsafePointer<T>, gradStride: Int, scale: T, target: UnsafePointer<Int64>,
        weight: UnsafePointer<T>?, into out: UnsafeMutablePointer<T>
    ) {
        let (classes, inner) = (p.classes, p.inner)
        out.update(repeating: 0, count: p.outer * classes * inner)
        for o in 0..<p.outer {
            for i in 0..<inner {
                let e = o * inner + i
                let t = target[e]
                if t == p.ignoreIndex { continue }
                let w: T = weight.map { $0[Int(t)] } ?? 1
                out[(o * classes + Int(t)) * inner + i] = -w * grad[e * gradStride] * scale
            }
        }
    }
}
