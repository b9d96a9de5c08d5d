import Foundation

/// Reductions that combine each slice of a `SliceGeometry` into one output
/// element (position `j` in `[outer, inner]` order). Floating accumulations run
/// in Double; integer products wrap, as in PyTorch's C++ kernels.
enum SliceReduction {
    /// Largest (or smallest) element of each slice and its first index; a NaN
    /// wins over every number and the first NaN's index is returned.
    static func extremum<T: NumericElement>(_ g: SliceGeometry, largest: Bool, values: UnsafeMutablePointer<T>,
                                           indices: UnsafeMutablePointer<Int64>?) {
        g.forEachSlice(T.self) { x, step, j in
            var best = x[0], index = 0
            if !best.isNaNValue {
                for k in 1..<max(g.size, 1) {
                    let v = x[k * step]
                    if v.isNaNValue { best = v; index = k; break }
                    if largest ? v > best : v < best { best = v; index = k }
                }
            }
            values[j] = best
            indices?[j] = Int64(index)
        }
    }

    /// Product of each slice.
    static func product<T: NumericElement>(_ g: SliceGeometry, into out: UnsafeMutablePointer<T>) {
        g.forEachSlice(T.self) { x, step, j in
            if T.dtype.isFloatingPoint {
                var acc = 1.0
                for k in 0..<g.size { acc *= x[k * step].doubleValue }
                out[j] = T(double: acc)
            } else {
                var acc = T.oneValue
                for k in 0..<g.size { acc = T.times(acc, x[k * step]) }
                out[j] = acc
            }
        }
    }

    /// For every element, the product of the other elements of its slice
    /// (prefix times suffix products, so zeros need no division). Writes the
    /// input's shape.
    static func productOfOthers<T: FloatElement>(_ g: SliceGeometry, into out: UnsafeMutablePointer<T>) {
        let base = g.input.pointer(as: T.self)
        g.forEachSlice(T.self) { x, step, _ in
            let o = out + (x - base)
            var prefix: T = 1
            for k in 0..<g.size {
                o[k * step] = prefix
                prefix *= x[k * step]
            }
            var suffix: T = 1
            for k in stride(from: g.size - 1, through: 0, by: -1) {
                o[k * step] *= suffix
                suffix *= x[k * step]
            }
        }
    }

    /// Whether all (or any) elements of each slice are nonzero.
    static func logical<T: NumericElement>(_: T.Type, _ g: SliceGeometry, any: Bool, into out: UnsafeMutablePointer<Bool>) {
        g.forEachSlice(T.self) { x, step, j in
            var result = !any
            for k in 0..<g.size where (x[k * step] != T.zeroValue) == any {
                result = any
                break
            }
            out[j] = result
        }
    }

    /// `log(sum(exp(x)))` of each slice, shifted by the slice's maximum for stability.
    static func logSumExp<T: FloatElement>(_ g: SliceGeometry, into out: UnsafeMutablePointer<T>) {
        g.forEachSlice(T.self) { x, step, j in
            var m = -T.infinity
            for k in 0..<g.size {
                let v = x[k * step]
                if v.isNaN || v > m { m = v }
                if v.isNaN { break }
            }
            if m.isNaN || m.isInfinite { out[j] = m; return }
            var acc = 0.0
            let md = Double(m)
            for k in 0..<g.size { acc += Foundation.exp(x[k * step].doubleValue - md) }
            out[j] = T(Foundation.log(acc) + md)
        }
    }

    /// The vector p-norm of each slice: p = 0 counts nonzeros, infinities take the
    /// largest or smallest magnitude.
    static func norm<T: FloatElement>(_ g: SliceGeometry, p: Double, into out: UnsafeMutablePointer<T>) {
        g.forEachSlice(T.self) { x, step, j in
            var acc = p == -.infinity ? Double.infinity : 0.0
            for k in 0..<g.size {
                let a = Swift.abs(x[k * step].doubleValue)
                if a.isNaN { acc = .nan; break }
                switch p {
                case 2: acc += a * a
                case 1: acc += a
                case 0: acc += a != 0 ? 1 : 0
                case .infinity: acc = Swift.max(acc, a)
                case -.infinity: acc = Swift.min(acc, a)
                default: acc += Foundation.pow(a, p)
                }
            }
            switch p {
            case 2: out[j] = T(acc.squareRoot())
            case 0, 1, .infinity, -.infinity: out[j] = T(acc)
            default: out[j] = T(Foundation.pow(acc, 1 / p))
            }
        }
    }

    /// Variance (sum of squared deviations over `size - correction`) and mean of
    /// each slice, two-pass.
    static func moments<T: FloatElement>(_ g: SliceGeometry, correction: Double,
                                         variance: UnsafeMutablePointer<T>, mean: UnsafeMutablePointer<T>) {
        let divisor = Swift.max(0, Double(g.size) - correction)
        g.forEachSlice(T.self) { x, step, j in
            var s = 0.0
            for k in 0..<g.size { s += x[k * step].doubleValue }
            let m = s / Double(g.size)
            var ss = 0.0
            for k in 0..<g.size {
                let d = x[k * step].doubleValue - m
                ss += d * d
            }
            mean[j] = T(m)
            variance[j] = T(ss / divisor)
        }
    }
}

/// Kernels that keep each slice's length: scans and sorting. Outputs are
/// contiguous with the input's `[outer, size, inner]` shape.
enum SliceScan {
    /// Running sums (or products) along each slice; floats accumulate in Double,
    /// as PyTorch's CPU scans do.
    static func cumulative<T: NumericElement>(_ g: SliceGeometry, product: Bool, into out: UnsafeMutablePointer<T>) {
        let base = g.input.pointer(as: T.self)
        g.forEachSlice(T.self) { x, step, _ in
            let o = out + (x - base)
            if T.dtype.isFloatingPoint {
                var acc = product ? 1.0 : 0.0
                for k in 0..<g.size {
                    acc = product ? acc * x[k * step].doubleValue : acc + x[k * step].doubleValue
                    o[k * step] = T(double: acc)
                }
            } else {
                var acc = product ? T.oneValue : T.zeroValue
                for k in 0..<g.size {
                    acc = product ? T.times(acc, x[k * step]) : T.plus(acc, x[k * step])
                    o[k * step] = acc
                }
            }
        }
    }

    /// The gradient of cumprod without division: for element k,
    /// `prod(x[..<k]) * s[k]` with `s[k] = g[k] + x[k+1] * s[k+1]`, so zeros in
    /// the input are handled exactly. `grad` has the geometry's layout.
    static func cumprodBackward<T: FloatElement>(_ g: SliceGeometry, grad: UnsafePointer<T>, into out: UnsafeMutablePointer<T>) {
        let base = g.input.pointer(as: T.self)
        g.forEachSlice(T.self) { x, step, _ in
            let offset = x - base
            let o = out + offset, gr = grad + offset
            var s: T = 0
            for k in stride(from: g.size - 1, through: 0, by: -1) {
                s = gr[k * step] + (k + 1 < g.size ? x[(k + 1) * step] * s : 0)
                o[k * step] = s
            }
            var prefix: T = 1
            for k in 0..<g.size {
                o[k * step] *= prefix
                prefix *= x[k * step]
            }
        }
    }

    /// Sorts each slice, writing the first `k` values and their original indices
    /// (laid out as `[outer, k, inner]`). NaN sorts above every number;
    /// equal values keep their input order.
    static func sort<T: NumericElement>(_ g: SliceGeometry, descending: Bool, k: Int,
                                        values: UnsafeMutablePointer<T>, indices: UnsafeMutablePointer<Int64>) {
        let inner = g.inner, size = g.size
        g.forEachSlice(T.self) { x, step, j in
            let o = j / inner, i = j - o * inner
            var order = Array(0..<size)
            @inline(__always) func above(_ a: T, _ b: T) -> Bool {
                if a.isNaNValue { return !b.isNaNValue }
                if b.isNaNValue { return false }
                return a > b
            }
            order.sort { p, q in
                let a = x[p * step], b = x[q * step]
                if descending ? above(a, b) : above(b, a) { return true }
                if descending ? above(b, a) : above(a, b) { return false }
                return p < q
            }
            let start = o * k * inner + i
            for r in 0..<k {
                values[start + r * inner] = x[order[r] * step]
                indices[start + r * inner] = Int64(order[r])
            }
        }
    }
}

/// Moves elements along one dim by an index tensor; every operand is contiguous
/// and arranged as `[outer, size, inner]` with the same `outer` and `inner`.
enum SliceIndexing {
    /// `out[o, r, i] = src[o, index[o, r, i], i]`.
    static func gather(_ src: Tensor, size: Int, index: Tensor, outer: Int, count: Int, inner: Int, into out: Tensor) {
        struct Visitor: ElementVisitor {
            let src: Tensor, size: Int, index: Tensor, outer: Int, count: Int, inner: Int, out: Tensor
            func visit<T: TensorElement>(_: T.Type) {
                let s = src.pointer(as: T.self), o = out.pointer(as: T.self), ix = index.pointer(as: Int64.self)
                for a in 0..<outer {
                    for r in 0..<count {
                        let row = (a * count + r) * inner
                        for i in 0..<inner { o[row + i] = s[(a * size + Int(ix[row + i])) * inner + i] }
                    }
                }
            }
        }
        src.dtype.dispatch(Visitor(src: src, size: size, index: index, outer: outer, count: count, inner: inner, out: out))
    }

    /// `out[o, index[o, r, i], i] = src[o, r, i]`; `out` is pre-filled (zeros).
    static func scatter(_ src: Tensor, index: Tensor, outer: Int, count: Int, inner: Int, size: Int, into out: Tensor) {
        struct Visitor: ElementVisitor {
            let src: Tensor, index: Tensor, outer: Int, count: Int, inner: Int, size: Int, out: Tensor
            func visit<T: TensorElement>(_: T.Type) {
                let s = src.pointer(as: T.self), o = out.pointer(as: T.self), ix = index.pointer(as: Int64.self)
                for a in 0..<outer {
                    for r in 0..<count {
                        let row = (a * count + r) * inner
                        for i in 0..<inner { o[(a * size + Int(ix[row + i])) * inner + i] = s[row + i] }
                    }
                }
            }
        }
        src.dtype.dispatch(Visitor(src: src, index: index, outer: outer, count: count, inner: inner, size: size, out: out))
    }
}
