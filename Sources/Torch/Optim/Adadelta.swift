// Adadelta, PyTorch's torch.optim.Adadelta.

/// Adadelta, PyTorch's `torch.optim.Adadelta`: steps sized by running averages of
/// squared gradients and squared updates.
public final class Adadelta: Optimizer {
    /// Adadelta over `params`, PyTorch's `Adadelta(params, lr=1.0, rho=0.9, eps=1e-6,
    /// weight_decay=0, maximize=False)`.
    public convenience init(
        _ params: [Tensor], lr: Double = 1.0, rho: Double = 0.9, eps: Double = 1e-6, weightDecay: Double = 0,
        maximize: Bool = false, file: StaticString = #fileID, line: UInt = #line
    ) {
        self.init([ParamGroup(params: params)], lr: lr, rho: rho, eps: eps, weightDecay: weightDecay,
                  maximize: maximize, file: file, line: line)
    }

    /// Adadelta over parameter groups; a group's own options override these defaults.
    public init(
        _ groups: [ParamGroup], lr: Double = 1.0, rho: Double = 0.9, eps: Double = 1e-6, weightDecay: Double = 0,
        maximize: Bool = false, file: StaticString = #fileID, line: UInt = #line
    ) {
        torchCheck(lr >= 0, "Invalid learning rate: \(optimNumberText(lr))", file: file, line: line)
        torchCheck(rho >= 0 && rho <= 1, "Invalid rho value: \(optimNumberText(rho))", file: file, line: line)
        torchCheck(eps >= 0, "Invalid epsilon value: \(optimNumberText(eps))", file: file, line: line)
        torchCheck(weightDecay >= 0, "Invalid weight_decay value: \(optimNumberText(weightDecay, int: true))",
                   file: file, line: line)
        super.init(groups, defaults: [
            ("lr", .double(lr)), ("rho", .double(rho)), ("eps", .double(eps)),
            ("weight_decay", optimNumber(weightDecay)), ("maximize", .bool(maximize)), ("capturable", false),
            ("foreach", .none), ("differentiable", false),
        ], file: file, line: line)
    }

    /// Updates every parameter that has a gradient.
    public override func step() {
        for group in paramGroups {
            for p in group.params {
                guard let g = p.grad else { continue }
                let s = state(for: p)
                let stepT = stateTensor(s, "step", optimZeroStep)
                let squareAvg = stateTensor(s, "square_avg") { Torch.zeros(p.shape, device: p.device, dtype: p.dtype) }
                let accDelta = stateTensor(s, "acc_delta") { Torch.zeros(p.shape, device: p.device, dtype: p.dtype) }
                _ = optimIncrementStep(stepT)
                AdadeltaUpdate(lr: group.lr, rho: group.rho, eps: group.eps, weightDecay: group.weightDecay,
                               maximize: group.maximize)
                    .run(param: p, grad: g, state: [squareAvg, accDelta])
            }
        }
    }
}

/// Adadelta's rule for one element (state: square_avg, acc_delta).
struct AdadeltaUpdate: ParameterUpdate {
    let lr, rho, eps, weightDecay: Double
    let maximize: Bool

    func apply<T: FloatElement & SIMDScalar>(_ b: UpdateBuffers<T>, _ range: Range<Int>) {
        let wd = T(weightDecay), r = T(rho), w = T(1 - rho), e = T(eps), negLr = T(-lr)
        b.forEachLanes(range) { x in
            var g = maximize ? -x.grad : x.grad
            if weightDecay != 0 { g = g + x.param * wd }
            let sq = x.s0 * r + g * w * g
            x.s0 = sq
            let std = (sq + e).squareRoot()
            let delta = (x.s1 + e).squareRoot() / std * g
            x.s1 = x.s1 * r + delta * w * delta
            x.param = x.param + delta * negLr
        }
    }
}
