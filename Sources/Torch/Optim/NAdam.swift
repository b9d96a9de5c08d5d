// NAdam, PyTorch's torch.optim.NAdam.

import Foundation

/// NAdam, PyTorch's `torch.optim.NAdam`: Adam with Nesterov momentum and momentum decay.
public final class NAdam: Optimizer {
    /// NAdam over `params`, PyTorch's `NAdam(params, lr=2e-3, betas=(0.9, 0.999), eps=1e-8,
    /// weight_decay=0, momentum_decay=4e-3, decoupled_weight_decay=False, maximize=False)`.
    public convenience init(
        _ params: [Tensor], lr: Double = 2e-3, betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8,
        weightDecay: Double = 0, momentumDecay: Double = 4e-3, decoupledWeightDecay: Bool = false,
        maximize: Bool = false, file: StaticString = #fileID, line: UInt = #line
    ) {
        self.init([ParamGroup(params: params)], lr: lr, betas: betas, eps: eps, weightDecay: weightDecay,
                  momentumDecay: momentumDecay, decoupledWeightDecay: decoupledWeightDecay, maximize: maximize,
                  file: file, line: line)
    }

    /// NAdam over parameter groups; a group's own options override these defaults.
    public init(
        _ groups: [ParamGroup], lr: Double = 2e-3, betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8,
        weightDecay: Double = 0, momentumDecay: Double = 4e-3, decoupledWeightDecay: Bool = false,
        maximize: Bool = false, file: StaticString = #fileID, line: UInt = #line
    ) {
        checkAdamOptions(lr: lr, betas: betas, eps: eps, weightDecay: weightDecay, file: file, line: line)
        torchCheck(momentumDecay >= 0, "Invalid momentum_decay value: \(optimNumberText(momentumDecay))",
                   file: file, line: line)
        super.init(groups, defaults: [
            ("lr", .double(lr)), ("betas", .tuple([.double(betas.0), .double(betas.1)])), ("eps", .double(eps)),
            ("weight_decay", optimNumber(weightDecay)), ("momentum_decay", .double(momentumDecay)),
            ("decoupled_weight_decay", .bool(decoupledWeightDecay)), ("maximize", .bool(maximize)),
            ("foreach", .none), ("capturable", false), ("differentiable", false),
        ], file: file, line: line)
    }

    /// Updates every parameter that has a gradient.
    public override func step() {
        for group in paramGroups {
            let (beta1, beta2) = group.betas
            let lr = group.lr, decay = group.momentumDecay
            for p in group.params {
                guard let g = p.grad else { continue }
                let s = state(for: p)
                let stepT = stateTensor(s, "step", optimZeroStep)
                let muProductT = stateTensor(s, "mu_product") { Torch.ones([]) }
                let expAvg = stateTensor(s, "exp_avg") { Torch.zeros(p.shape, device: p.device, dtype: p.dtype) }
                let expAvgSq = stateTensor(s, "exp_avg_sq") { Torch.zeros(p.shape, device: p.device, dtype: p.dtype) }
                let step = optimIncrementStep(stepT)
                let biasCorrection2 = 1 - Foundation.pow(beta2, step)
                let mu = beta1 * (1 - 0.5 * Foundation.pow(0.96, step * decay))
                let muNext = beta1 * (1 - 0.5 * Foundation.pow(0.96, (step + 1) * decay))
                // mu_product is a float32 tensor in PyTorch: the product rounds to float each step.
                let muProduct = optimMultiplyScalarState(muProductT, by: mu)
                let muProductNext = muProduct * muNext
                NAdamUpdate(lr: lr, beta1: beta1, beta2: beta2, eps: group.eps, weightDecay: group.weightDecay,
                            decoupled: group.decoupledWeightDecay, maximize: group.maximize,
                            biasCorrection2: biasCorrection2,
                            gradScale: -lr * (1 - mu) / (1 - muProduct),
                            avgScale: (-lr * muNext) / (1 - muProductNext))
                    .run(param: p, grad: g, state: [expAvg, expAvgSq])
            }
        }
    }
}

/// Multiplies a one-element state tensor in place (in its own dtype) and returns the new value.
func optimMultiplyScalarState(_ t: Tensor, by factor: Double) -> Double {
    if t.dtype == .float32 && t.numel() == 1 {
        let p = t.pointer(as: Float.self)
        p.pointee = p.pointee * Float(factor)
        t.bumpVersion()
        return Double(p.pointee)
    }
    noGrad { _ = t.mul_(factor) }
    return t.item()
}

/// NAdam's rule for one element (state: exp_avg, exp_avg_sq).
struct NAdamUpdate: ParameterUpdate {
    let lr, beta1, beta2, eps, weightDecay: Double
    let decoupled, maximize: Bool
    let biasCorrection2, gradScale, avgScale: Double

    func apply<T: FloatElement & SIMDScalar>(_ b: UpdateBuffers<T>, _ range: Range<Int>) {
        let decay = T(1 - lr * weightDecay), wd = T(weightDecay)
        let w1 = T(1 - beta1), b2 = T(beta2), w2 = T(1 - beta2)
        let bc2 = T(biasCorrection2), e = T(eps), gs = T(gradScale), ms = T(avgScale)
        b.forEachLanes(range) { x in
            var g = maximize ? -x.grad : x.grad
            var p = x.param
            if weightDecay != 0 {
                if decoupled { p = p * decay } else { g = g + p * wd }
            }
            let m = lerpLanes(x.s0, g, w1)
            x.s0 = m
            let v = x.s1 * b2 + g * w2 * g
            x.s1 = v
            let denom = (v / bc2).squareRoot() + e
            p = p + (g / denom) * gs
            x.param = p + (m / denom) * ms
        }
    }
}
