// RMSprop, PyTorch's torch.optim.RMSprop.

/// RMSprop, PyTorch's `torch.optim.RMSprop`: steps scaled by a running average of squared gradients.
public final class RMSprop: Optimizer {
    /// RMSprop over `params`, PyTorch's `RMSprop(params, lr=1e-2, alpha=0.99, eps=1e-8,
    /// weight_decay=0, momentum=0, centered=False, maximize=False)`.
    public convenience init(
        _ params: [Tensor], lr: Double = 1e-2, alpha: Double = 0.99, eps: Double = 1e-8, weightDecay: Double = 0,
        momentum: Double = 0, centered: Bool = false, maximize: Bool = false,
        file: StaticString = #fileID, line: UInt = #line
    ) {
        self.init([ParamGroup(params: params)], lr: lr, alpha: alpha, eps: eps, weightDecay: weightDecay,
                  momentum: momentum, centered: centered, maximize: maximize, file: file, line: line)
    }

    /// RMSprop over parameter groups; a group's own options override these defaults.
    public init(
        _ groups: [ParamGroup], lr: Double = 1e-2, alpha: Double = 0.99, eps: Double = 1e-8, weightDecay: Double = 0,
        momentum: Double = 0, centered: Bool = false, maximize: Bool = false,
        file: StaticString = #fileID, line: UInt = #line
    ) {
        torchCheck(lr >= 0, "Invalid learning rate: \(optimNumberText(lr))", file: file, line: line)
        torchCheck(eps >= 0, "Invalid epsilon value: \(optimNumberText(eps))", file: file, line: line)
        torchCheck(momentum >= 0, "Invalid momentum value: \(optimNumberText(momentum, int: true))", file: file, line: line)
        torchCheck(weightDecay >= 0, "Invalid weight_decay value: \(optimNumberText(weightDecay, int: true))",
                   file: file, line: line)
        torchCheck(alpha >= 0, "Invalid alpha value: \(optimNumberText(alpha))", file: file, line: line)
        super.init(groups, defaults: [
            ("lr", .double(lr)), ("momentum", optimNumber(momentum)), ("alpha", .double(alpha)), ("eps", .double(eps)),
            ("centered", .bool(centered)), ("weight_decay", optimNumber(weightDecay)), ("capturable", false),
            ("foreach", .none), ("maximize", .bool(maximize)), ("differentiable", false),
        ], file: file, line: line)
    }

    /// Updates every parameter that has a gradient.
    public override func step() {
        for group in paramGroups {
            let momentum = group.momentum, centered = group.centered
            for p in group.params {
                guard let g = p.grad else { continue }
                let s = state(for: p)
                let stepT = stateTensor(s, "step", optimZeroStep)
                let squareAvg = stateTensor(s, "square_avg") { Torch.zeros(p.shape, device: p.device, dtype: p.dtype) }
                let buf = momentum > 0
                    ? stateTensor(s, "momentum_buffer") { Torch.zeros(p.shape, device: p.device, dtype: p.dtype) } : nil
                let gradAvg = centered
                    ? stateTensor(s, "grad_avg") { Torch.zeros(p.shape, device: p.device, dtype: p.dtype) } : nil
                _ = optimIncrementStep(stepT)
                RMSpropUpdate(lr: group.lr, alpha: group.alpha, eps: group.eps, weightDecay: group.weightDecay,
                              momentum: momentum, centered: centered, maximize: group.maximize)
                    .run(param: p, grad: g, state: [squareAvg, buf, gradAvg])
            }
        }
    }
}

/// RMSprop's rule for one element (state: square_avg, momentum_buffer, grad_avg).
struct RMSpropUpdate: ParameterUpdate {
    let lr, alpha, eps, weightDecay, momentum: Double
    let centered, maximize: Bool

    func apply<T: FloatElement & SIMDScalar>(_ b: UpdateBuffers<T>, _ range: Range<Int>) {
        let wd = T(weightDecay), a = T(alpha), w = T(1 - alpha), e = T(eps), mom = T(momentum), negLr = T(-lr)
        let useMomentum = momentum > 0
        b.forEachLanes(range) { x in
            var g = maximize ? -x.grad : x.grad
            if weightDecay != 0 { g = g + x.param * wd }
            let sq = x.s0 * a + g * w * g
            x.s0 = sq
            var avg: SIMD8<T>
            if centered {
                let ga = lerpLanes(x.s2, g, w)
                x.s2 = ga
                avg = (sq + ga * -1 * ga).squareRoot()
            } else {
                avg = sq.squareRoot()
            }
            avg = avg + e
            if useMomentum {
                let buf = x.s1 * mom + g / avg
                x.s1 = buf
                x.param = x.param + buf * negLr
            } else {
                x.param = x.param + (g / avg) * negLr
            }
        }
    }
}
