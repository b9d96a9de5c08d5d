// The strong-Wolfe line search of L-BFGS (Nocedal & Wright, algorithms 3.5 and 3.6).

/// The line search PyTorch's LBFGS runs with `line_search_fn="strong_wolfe"`.
enum StrongWolfe {
    struct Result {
        let f: Double
        let g: Tensor
        let t: Double
        let evals: Int
    }

    /// The minimiser of the cubic through two points with their slopes, kept inside `bounds`.
    static func cubicInterpolate(_ x1: Double, _ f1: Double, _ g1: Double, _ x2: Double, _ f2: Double, _ g2: Double,
                                 bounds: (Double, Double)? = nil) -> Double {
        let (lo, hi) = bounds ?? (x1 <= x2 ? (x1, x2) : (x2, x1))
        let d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2)
        let d2Square = d1 * d1 - g1 * g2
        guard d2Square >= 0 else { return (lo + hi) / 2 }
        let d2 = d2Square.squareRoot()
        let minPos = x1 <= x2
            ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
            : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2))
        return Swift.min(Swift.max(minPos, lo), hi)
    }

    /// Searches along `d` from the parameters `x` for a step meeting the strong Wolfe conditions.
    ///
    /// `evaluate(x, t, d)` returns the loss and flat gradient at `x + t * d` and restores `x`.
    static func search(
        x: [Tensor], t: Double, d: Tensor, f: Double, g: Tensor, gtd: Float,
        c1: Double = 1e-4, c2: Double = 0.9, toleranceChange: Double = 1e-9, maxLineSearch: Int = 25,
        evaluate: ([Tensor], Double, Tensor) -> (Double, Tensor)
    ) -> Result {
        let gtd0 = Double(gtd)
        let dNorm = d.abs().max().item()
        var t = t
        var (fNew, gNew) = evaluate(x, t, d)
        var evals = 1
        var gtdNew = Double(Float(gNew.dot(d).item()))
        var tPrev = 0.0, fPrev = f, gPrev = g.clone(), gtdPrev = gtd0
        var done = false
        var iter = 0
        var bracket: [Double] = [], bracketF: [Double] = [], bracketG: [Tensor] = [], bracketGtd: [Double] = []

        while iter < maxLineSearch {
            if fNew > f + c1 * t * gtd0 || (iter > 1 && fNew >= fPrev) {
                bracket = [tPrev, t]; bracketF = [fPrev, fNew]; bracketG = [gPrev, gNew.clone()]
                bracketGtd = [gtdPrev, gtdNew]
                break
            }
            if Swift.abs(gtdNew) <= -c2 * gtd0 {
                bracket = [t]; bracketF = [fNew]; bracketG = [gNew]
                done = true
                break
            }
            if gtdNew >= 0 {
                bracket = [tPrev, t]; bracketF = [fPrev, fNew]; bracketG = [gPrev, gNew.clone()]
                bracketGtd = [gtdPrev, gtdNew]
                break
            }
            let minStep = t + 0.01 * (t - tPrev), maxStep = t * 10
            let previous = t
            t = cubicInterpolate(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, bounds: (minStep, maxStep))
            tPrev = previous; fPrev = fNew; gPrev = gNew.clone(); gtdPrev = gtdNew
            (fNew, gNew) = evaluate(x, t, d)
            evals += 1
            gtdNew = Double(Float(gNew.dot(d).item()))
            iter += 1
        }
        if iter == maxLineSearch {
            bracket = [0, t]; bracketF = [f, fNew]; bracketG = [g, gNew]
            bracketGtd = [gtd0, gtdNew]
        }

        // Zoom: shrink the bracket until a point meets the conditions.
        var insufficientProgress = false
        var (low, high) = bracketF[0] <= bracketF[bracketF.count - 1] ? (0, 1) : (1, 0)
        while !done && iter < maxLineSearch {
            if Swift.abs(bracket[1] - bracket[0]) * dNorm < toleranceChange { break }
            t = cubicInterpolate(bracket[0], bracketF[0], bracketGtd[0], bracket[1], bracketF[1], bracketGtd[1])
            let top = bracket.max()!, bottom = bracket.min()!
            let eps = 0.1 * (top - bottom)
            if Swift.min(top - t, t - bottom) < eps {
                if insufficientProgress || t >= top || t <= bottom {
                    t = Swift.abs(t - top) < Swift.abs(t - bottom) ? top - eps : bottom + eps
                    insufficientProgress = false
                } else {
                    insufficientProgress = true
                }
            } else {
                insufficientProgress = false
            }
            (fNew, gNew) = evaluate(x, t, d)
            evals += 1
            gtdNew = Double(Float(gNew.dot(d).item()))
            iter += 1
            if fNew > f + c1 * t * gtd0 || fNew >= bracketF[low] {
                bracket[high] = t; bracketF[high] = fNew; bracketG[high] = gNew.clone(); bracketGtd[high] = gtdNew
                (low, high) = bracketF[0] <= bracketF[1] ? (0, 1) : (1, 0)
            } else {
                if Swift.abs(gtdNew) <= -c2 * gtd0 {
                    done = true
                } else if gtdNew * (bracket[high] - bracket[low]) >= 0 {
                    bracket[high] = bracket[low]; bracketF[high] = bracketF[low]
                    bracketG[high] = bracketG[low]; bracketGtd[high] = bracketGtd[low]
                }
                bracket[low] = t; bracketF[low] = fNew; bracketG[low] = gNew.clone(); bracketGtd[low] = gtdNew
            }
        }
        return Result(f: bracketF[low], g: bracketG[low], t: bracket[low], evals: evals)
    }
}
