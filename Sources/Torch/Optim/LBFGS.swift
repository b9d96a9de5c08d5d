// L-BFGS, PyTorch's torch.optim.LBFGS.

/// L-BFGS, PyTorch's `torch.optim.LBFGS`: a quasi-Newton method that re-evaluates
/// the loss through a closure, optionally with a strong-Wolfe line search.
///
/// Works on one parameter group; the scalars of the two-loop recursion are
/// rounded to float32 as PyTorch's 0-d tensors are.
///
/// ```swift
/// let opt = LBFGS([w], lr: 1, lineSearchFn: "strong_wolfe")
/// opt.step { opt.zeroGrad(); let loss = f(w); loss.backward(); return loss }
/// ```
public final class LBFGS: Optimizer {
    /// PyTorch's `LBFGS(params, lr=1, max_iter=20, max_eval=None, tolerance_grad=1e-7,
    /// tolerance_change=1e-9, history_size=100, line_search_fn=None, maximize=False)`.
    public init(
        _ params: [Tensor], lr: Double = 1, maxIter: Int = 20, maxEval: Int? = nil, toleranceGrad: Double = 1e-7,
        toleranceChange: Double = 1e-9, historySize: Int = 100, lineSearchFn: String? = nil, maximize: Bool = false,
        file: StaticString = #fileID, line: UInt = #line
    ) {
        torchCheck(lr >= 0, "Invalid learning rate: \(optimNumberText(lr))", file: file, line: line)
        torchCheck(lineSearchFn == nil || lineSearchFn == "strong_wolfe", "only 'strong_wolfe' is supported",
                   file: file, line: line)
        super.init([ParamGroup(params: params)], defaults: [
            ("lr", optimNumber(lr)), ("max_iter", .int(maxIter)), ("max_eval", .int(maxEval ?? maxIter * 5 / 4)),
            ("tolerance_grad", .double(toleranceGrad)), ("tolerance_change", .double(toleranceChange)),
            ("history_size", .int(historySize)), ("line_search_fn", lineSearchFn.map { .string($0) } ?? .none),
            ("maximize", .bool(maximize)),
        ], file: file, line: line)
    }

    /// Adding groups is refused: L-BFGS has no per-group options.
    public override func addParamGroup(_ group: ParamGroup, file: StaticString = #fileID, line: UInt = #line) {
        torchCheck(paramGroups.isEmpty, "LBFGS doesn't support per-parameter options (parameter groups)",
                   file: file, line: line)
        super.addParamGroup(group, file: file, line: line)
    }

    /// L-BFGS needs the loss: call `step(closure:)`.
    public override func step() {
        torchFail("LBFGS.step() missing 1 required positional argument: 'closure'", file: #fileID, line: #line)
    }

    private var params: [Tensor] { paramGroups[0].params }

    private func flatGrad(maximize: Bool) -> Tensor {
        let views = params.map { p in p.grad.map { $0.detach().reshape([-1]) } ?? Torch.zeros([p.numel()], device: p.device, dtype: p.dtype) }
        let flat = Torch.cat(views)
        return maximize ? -flat : flat
    }

    private func addGrad(_ stepSize: Double, _ update: Tensor) {
        var offset = 0
        for p in params {
            let n = p.numel()
            _ = p.add_(update.narrow(0, offset, n).view(p.shape), alpha: stepSize)
            offset += n
        }
    }

    private func evaluate(_ closure: () -> Tensor, maximize: Bool) -> Double {
        let loss = enableGrad(closure).item()
        return maximize ? -loss : loss
    }

    /// Runs up to `max_iter` L-BFGS iterations, re-evaluating the loss with
    /// `closure`; returns the loss from the first evaluation, as PyTorch does.
    @discardableResult
    public override func step(closure: () -> Tensor) -> Tensor {
        noGrad { runIterations(closure) }
    }

    private func runIterations(_ closure: () -> Tensor) -> Tensor {
        let group = paramGroups[0]
        let lr = group.lr
        let maxIter = group["max_iter"]!.intValue!, maxEval = group["max_eval"]!.intValue!
        let tolGrad = group.number("tolerance_grad"), tolChange = group.number("tolerance_change")
        let historySize = group["history_size"]!.intValue!
        let strongWolfe = group["line_search_fn"]?.isNone == false
        let maximize = group.maximize
        let s = state(for: params[0])
        var funcEvals = s["func_evals"]?.intValue ?? 0
        var nIterTotal = s["n_iter"]?.intValue ?? 0

        let origLoss = enableGrad(closure)
        var loss = maximize ? -origLoss.item() : origLoss.item()
        var currentEvals = 1
        funcEvals += 1
        var g = flatGrad(maximize: maximize)
        defer { s["func_evals"] = .int(funcEvals); s["n_iter"] = .int(nIterTotal) }
        if g.abs().max().item() <= tolGrad { return origLoss }

        var d = s.tensor("d")
        var t = s["t"]?.doubleValue ?? lr
        var oldDirs = s["old_dirs"]?.elements?.compactMap(\.tensorValue) ?? []
        var oldSteps = s["old_stps"]?.elements?.compactMap(\.tensorValue) ?? []
        var ro: [Float] = s["ro"]?.elements?.compactMap { v in v.doubleValue.map { Float($0) } } ?? []
        var hDiag = Float(s["H_diag"]?.doubleValue ?? 1)
        var prevGrad = s.tensor("prev_flat_grad")
        var prevLoss = s["prev_loss"]?.doubleValue ?? loss

        var nIter = 0
        while nIter < maxIter {
            nIter += 1
            nIterTotal += 1
            if nIterTotal == 1 {
                d = -g
                oldDirs = []; oldSteps = []; ro = []; hDiag = 1
            } else if let prev = prevGrad, let dPrev = d {
                let y = g - prev
                let step = dPrev * t
                let ys = Float(y.dot(step).item())
                if ys > 1e-10 {
                    if oldDirs.count == historySize {
                        oldDirs.removeFirst(); oldSteps.removeFirst(); ro.removeFirst()
                    }
                    oldDirs.append(y); oldSteps.append(step); ro.append(1 / ys)
                    hDiag = ys / Float(y.dot(y).item())
                }
                // The two-loop recursion.
                var al = [Float](repeating: 0, count: oldDirs.count)
                let q = -g
                for i in stride(from: oldDirs.count - 1, through: 0, by: -1) {
                    al[i] = Float(oldSteps[i].dot(q).item()) * ro[i]
                    _ = q.add_(oldDirs[i], alpha: Double(-al[i]))
                }
                let r = q * Double(hDiag)
                for i in oldDirs.indices {
                    let be = Float(oldDirs[i].dot(r).item()) * ro[i]
                    _ = r.add_(oldSteps[i], alpha: Double(al[i] - be))
                }
                d = r
            }
            guard let dir = d else { break }
            if let prev = prevGrad { _ = prev.copy_(g) } else { prevGrad = g.clone() }
            prevLoss = loss
            if nIterTotal == 1 {
                let inverseSum = Float(1) / Float(g.abs().sum().item())
                t = Double(Swift.min(Float(1), inverseSum)) * lr
            } else {
                t = lr
            }
            let gtd = Float(g.dot(dir).item())
            if Double(gtd) > -tolChange { break }

            var lsEvals = 0
            if strongWolfe {
                let start = params.map { $0.clone(memoryFormat: .contiguous) }
                let result = StrongWolfe.search(
                    x: start, t: t, d: dir, f: loss, g: g, gtd: gtd, toleranceChange: tolChange,
                    maxLineSearch: maxEval - currentEvals
                ) { x, step, direction in
                    addGrad(step, direction)
                    let f = evaluate(closure, maximize: maximize)
                    let grad = flatGrad(maximize: maximize)
                    for (p, v) in zip(params, x) { _ = p.copy_(v) }
                    return (f, grad)
                }
                loss = result.f; g = result.g; t = result.t; lsEvals = result.evals
                addGrad(t, dir)
            } else {
                addGrad(t, dir)
                if nIter != maxIter {
                    loss = evaluate(closure, maximize: maximize)
                    g = flatGrad(maximize: maximize)
                    lsEvals = 1
                }
            }
            currentEvals += lsEvals
            funcEvals += lsEvals
            if nIter == maxIter || currentEvals >= maxEval { break }
            if g.abs().max().item() <= tolGrad { break }
            if (dir * t).abs().max().item() <= tolChange { break }
            if Swift.abs(loss - prevLoss) < tolChange { break }
        }
        if let d { s["d"] = .tensor(d) }
        s["t"] = .double(t)
        s["old_dirs"] = .list(oldDirs.map { .tensor($0) })
        s["old_stps"] = .list(oldSteps.map { .tensor($0) })
        s["ro"] = .list(ro.map { OptimValue.double(Double($0)) })
        s["H_diag"] = .double(Double(hDiag))
        if let prevGrad { s["prev_flat_grad"] = .tensor(prevGrad) }
        s["prev_loss"] = .double(prevLoss)
        return origLoss
    }
}
