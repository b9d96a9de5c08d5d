// Adamax, PyTorch's torch.optim.Adamax.

import Foundation

/// Adamax, PyTorch's `torch.optim.Adamax`: Adam with the infinity norm of past gradients.
public final class Adamax: Optimizer {
    /// Adamax over `params`, PyTorch's `Adamax(params, lr=2e-3, betas=(0.9, 0.999), eps=1e-8,
    /// weight_decay=0, maximize=False)`.
    public convenience init(
        _ params: [Tensor], lr: Double = 2e-3, betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8,
        weightDecay: Double = 0, maximize: Bool = false, file: StaticString = #fileID, line: UInt = #line
    ) {
        self.init([ParamGroup(params: params)], lr: lr, betas: betas, eps: eps, weightDecay: weightDecay,
                  maximize: maximize, file: file, line: line)
    }

    /// Adamax over parameter groups; a group's own options override these defaults.
    public init(
        _ groups: [ParamGroup], lr: Double = 2e-3, betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8,
        weightDecay: Double = 0, maximize: Bool = false, file: StaticString = #fileID, line: UInt = #line
    ) {
        checkAdamOptions(lr: lr, betas: betas, eps: eps, weightDecay: weightDecay, file: file, line: line)
        super.init(groups, defaults: [
            ("lr", .double(lr)), ("betas", .tuple([.double(betas.0), .double(betas.1)])), ("eps", .double(eps)),
            ("weight_decay", optimNumber(weightDecay)), ("foreach", .none), ("maximize", .bool(maximize)),
            ("differentiable", false), ("capturable", false),
        ], file: file, line: line)
    }

    /// Updates every parameter that has a gradient.
    public override func step() {
        for group in paramGroups {
            let (beta1, beta2) = group.betas
            for p in group.params {
                guard let g = p.grad else { continue }
                let s = state(for: p)
                let stepT = stateTensor(s, "step", optimZeroStep)
                let expAvg = stateTensor(s, "exp_avg") { Torch.zeros(p.shape, device: p.device, dtype: p.dtype) }
                let expInf = stateTensor(s, "exp_inf") { Torch.zeros(p.shape, device: p.device, dtype: p.dtype) }
                let step = optimIncrementStep(stepT)
                let clr = group.lr / (1 - Foundation.pow(beta1, step))
                AdamaxUpdate(beta1: beta1, beta2: beta2, eps: group.eps, weightDecay: group.weightDecay,
                             maximize: group.maximize, clr: clr)
                    .run(param: p, grad: g, state: [expAvg, expInf])
            }
        }
    }
}

/// Adamax's rule for one element (state: exp_avg, exp_inf).
struct AdamaxUpdate: ParameterUpdate {
    let beta1, beta2, eps, weightDecay: Double
    let maximize: Bool
    let clr: Double

    func apply<T: FloatElement & SIMDScalar>(_ b: UpdateBuffers<T>, _ range: Range<Int>) {
        let wd = T(weightDecay), w1 = T(1 - beta1), b2 = T(beta2), e = T(eps), negClr = T(-clr)
        b.forEachLanes(range) { x in
            var g = maximize ? -x.grad : x.grad
            if weightDecay != 0 { g = g + x.param * wd }
            let m = lerpLanes(x.s0, g, w1)
            x.s0 = m
            let u = pointwiseMax(x.s1 * b2, absLanes(g) + e)
            x.s1 = u
            x.param = x.param + (m / u) * negClr
        }
    }
}
