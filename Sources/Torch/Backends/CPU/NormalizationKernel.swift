/// Fused kernels of layer norm (statistics per contiguous row, affine per
/// column) and batch norm (statistics per channel of `[N, C, inner]`, affine
/// per channel). Statistics accumulate in Double, two passes (mean, then
/// squared deviations), so large offsets do not cancel.
enum NormalizationKernel {
    /// Runs `body` over `0..<count`, split across cores when `work` is large.
    @inline(__always)
    private static func forEach(_ count: Int, work: Int, _ body: (Range<Int>) -> Void) {
        let chunks = Swift.min(Parallel.chunkCount(for: work), count)
        if chunks <= 1 { body(0..<count) } else { Parallel.run(count: count, chunks: chunks, body) }
    }

    // MARK: Rows (layer norm, group norm)

    /// Per row of `[rows, m]`: `mean` and `rstd = 1 / sqrt(var + eps)` (biased variance),
    /// and when `out` is given, `(x - mean) * rstd * weight[j] + bias[j]`.
    static func rowsForward<T: FloatElement>(
        _ x: UnsafePointer<T>, rows: Int, m: Int, eps: Double, weight: UnsafePointer<T>?, bias: UnsafePointer<T>?,
        mean: UnsafeMutablePointer<T>, rstd: UnsafeMutablePointer<T>, out: UnsafeMutablePointer<T>?
    ) {
        forEach(rows, work: rows * m) { range in
            for r in range {
                let row = x + r * m
                var sum = 0.0
                for j in 0..<m { sum += Double(row[j]) }
                let mu = m > 0 ? sum / Double(m) : 0
                var sq = 0.0
                for j in 0..<m {
                    let d = Double(row[j]) - mu
                    sq += d * d
                }
                let inv = 1 / (sq / Double(Swift.max(m, 1)) + eps).squareRoot()
                mean[r] = T(mu)
                rstd[r] = T(inv)
                guard let out else { continue }
                let o = out + r * m, tm = T(mu), ti = T(inv)
                switch (weight, bias) {
                case let (w?, b?): for j in 0..<m { o[j] = (row[j] - tm) * ti * w[j] + b[j] }
                case let (w?, nil): for j in 0..<m { o[j] = (row[j] - tm) * ti * w[j] }
                case let (nil, b?): for j in 0..<m { o[j] = (row[j] - tm) * ti + b[j] }
                case (nil, nil): for j in 0..<m { o[j] = (row[j] - tm) * ti }
                }
            }
        }
    }

    /// Layer-norm gradients: `dx` per row, and `dw`, `db` summed over rows (each optional).
    static func rowsBackward<T: FloatElement>(
        grad: UnsafePointer<T>, x: UnsafePointer<T>, rows: Int, m: Int, mean: UnsafePointer<T>, rstd: UnsafePointer<T>,
        weight: UnsafePointer<T>?, dx: UnsafeMutablePointer<T>?, dw: UnsafeMutablePointer<T>?, db: UnsafeMutablePointer<T>?
    ) {
        if let dx {
            forEach(rows, work: rows * m) { range in
                for r in range {
                    let g = grad + r * m, row = x + r * m, d = dx + r * m
                    let mu = mean[r], inv = rstd[r]
                    // dx = rstd * (gw - mean(gw) - xhat * mean(gw * xhat)), gw = g * w.
                    var sumG = 0.0, sumGX = 0.0
                    for j in 0..<m {
                        let gw = weight.map { g[j] * $0[j] } ?? g[j]
                        sumG += Double(gw)
                        sumGX += Double(gw * (row[j] - mu) * inv)
                    }
                    let a = T(sumG / Double(m)), b = T(sumGX / Double(m))
                    for j in 0..<m {
                        let gw = weight.map { g[j] * $0[j] } ?? g[j]
                        d[j] = inv * (gw - a - (row[j] - mu) * inv * b)
                    }
                }
            }
        }
        if dw != nil || db != nil {
            // Rows are walked in memory order (a column walk would miss the cache on
            // every element); each task sums its rows into its own buffers, merged in order.
            let tasks = Swift.max(1, Swift.min(Parallel.chunkCount(for: rows * m), rows))
            let partial = UnsafeMutablePointer<Double>.allocate(capacity: tasks * 2 * m)
            defer { partial.deallocate() }
            partial.initialize(repeating: 0, count: tasks * 2 * m)
            let sums = UncheckedSendable(partial)
            forEach(tasks, work: rows * m) { range in
                for t in range {
                    let sw = sums.value + t * 2 * m, sb = sw + m
                    for r in (rows * t / tasks)..<(rows * (t + 1) / tasks) {
                        let g = grad + r * m, row = x + r * m
                        let mu = mean[r], inv = rstd[r]
                        for j in 0..<m {
                            sw[j] += Double(g[j] * (row[j] - mu) * inv)
                            sb[j] += Double(g[j])
                        }
                    }
                }
            }
            for j in 0..<m {
                var w = 0.0, b = 0.0
                for t in 0..<tasks {
                    w += partial[t * 2 * m + j]
                    b += partial[t * 2 * m + m + j]
                }
                dw?[j] = T(w)
                db?[j] = T(b)
            }
        }
    }

    // MARK: Channels (batch norm)

    /// Mean and biased variance of each channel of `[n, c, inner]`.
    static func channelStatistics<T: FloatElement>(_ x: UnsafePointer<T>, n: Int, c: Int, inner: Int,
                                                   mean: UnsafeMutablePointer<Double>, variance: UnsafeMutablePointer<Double>) {
        let count = Double(n * inner)
        forEach(c, work: n * c * inner) { range in
            for ch in range {
                var sum = 0.0
                for b in 0..<n {
                    let p = x + (b * c + ch) * inner
                    for i in 0..<inner { sum += Double(p[i]) }
                }
                let mu = sum / count
                var sq = 0.0
                for b in 0..<n {
                    let p = x + (b * c + ch) * inner
                    for i in 0..<inner {
                        let d = Double(p[i]) - mu
                        sq += d * d
                    }
                }
                mean[ch] = mu
                variance[ch] = sq / count
            }
        }
    }

    /// `y = (x - mean[ch]) * invstd[ch] * w[ch] + b[ch]` over `[n, c, inner]`.
    static func channelsForward<T: FloatElement>(_ x: UnsafePointer<T>, n: Int, c: Int, inner: Int,
                                                 mean: UnsafePointer<T>, invstd: UnsafePointer<T>,
                                                 weight: UnsafePointer<T>?, bias: UnsafePointer<T>?, out: UnsafeMutablePointer<T>) {
        forEach(n * c, work: n * c * inner) { range in
            for block in range {
                let ch = block % c
                let scale = invstd[ch] * (weight?[ch] ?? 1)
                let shift = (bias?[ch] ?? 0) - mean[ch] * scale
                let p = x + block * inner, o = out + block * inner
                for i in 0..<inner { o[i] = p[i] * scale + shift }
            }
        }
    }

    /// Batch-norm gradients. With `training`, the statistics depend on `x`
    /// (`dx = invstd * w * (g - mean(g) - xhat * mean(g * xhat))`); otherwise
    /// they are constants (`dx = g * invstd * w`).
    static func channelsBackward<T: FloatElement>(
        grad: UnsafePointer<T>, x: UnsafePointer<T>, n: Int, c: Int, inner: Int, mean: UnsafePointer<T>, invstd: UnsafePointer<T>,
        weight: UnsafePointer<T>?, training: Bool,
        dx: UnsafeMutablePointer<T>?, dw: UnsafeMutablePointer<T>?, db: UnsafeMutablePointer<T>?
    ) {
        let count = Double(n * inner)
        forEach(c, work: n * c * inner) { range in
            for ch in range {
                let mu = mean[ch], inv = invstd[ch]
                var sumG = 0.0, sumGX = 0.0
                for b in 0..<n {
                    let g = grad + (b * c + ch) * inner, p = x + (b * c + ch) * inner
                    for i in 0..<inner {
                        sumG += Double(g[i])
                        sumGX += Double(g[i] * (p[i] - mu))
                    }
                }
                dw?[ch] = T(sumGX * Double(inv))
                db?[ch] = T(sumG)
                guard let dx else { continue }
                let w = weight?[ch] ?? 1
                let scale = inv * w
                if training {
                    let meanG = T(sumG / count)
                    // mean(g * xhat) * invstd, folded into one factor on (x - mean).
                    let k = T(sumGX / count) * inv * inv
                    for b in 0..<n {
                        let g = grad + (b * c + ch) * inner, p = x + (b * c + ch) * inner, d = dx + (b * c + ch) * inner
                        for i in 0..<inner { d[i] = scale * (g[i] - meanG - (p[i] - mu) * k) }
                    }
                } else {
                    for b in 0..<n {
                        let g = grad + (b * c + ch) * inner, d = dx + (b * c + ch) * inner
                        for i in 0..<inner { d[i] = g[i] * scale }
                    }
                }
            }
        }
    }
}
