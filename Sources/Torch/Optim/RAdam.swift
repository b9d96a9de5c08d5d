// RAdam, PyTorch's torch.optim.RAdam.

import Foundation

/// RAdam, PyTorch's `torch.optim.RAdam`: Adam with a rectified adaptive learning rate.
public final class RAdam: Optimizer {
    /// RAdam over `params`, PyTorch's `RAdam(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8,
    /// weight_decay=0, decoupled_weight_decay=False, maximize=False)`.
    public convenience init(
        _ params: [Tensor], lr: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8,
        weightDecay: Double = 0, decoupledWeightDecay: Bool = false, maximize: Bool = false,
        file: StaticString = #fileID, line: UInt = #line
    ) {
        self.init([ParamGroup(params: params)], lr: lr, betas: betas, eps: eps, weightDecay: weightDecay,
                  decoupledWeightDecay: decoupledWeightDecay, maximize: maximize, file: file, line: line)
    }

    /// RAdam over parameter groups; a group's own options override these defaults.
    public init(
        _ groups: [ParamGroup], lr: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8,
        weightDecay: Double = 0, decoupledWeightDecay: Bool = false, maximize: Bool = false,
        file: StaticString = #fileID, line: UInt = #line
    ) {
        checkAdamOptions(lr: lr, betas: betas, eps: eps, weightDecay: weightDecay, file: file, line: line)
        super.init(groups, defaults: [
            ("lr", .double(lr)), ("betas", .tuple([.double(betas.0), .double(betas.1)])), ("eps", .double(eps)),
            ("weight_decay", optimNumber(weightDecay)), ("maximize", .bool(maximize)), ("foreach", .none),
            ("capturable", false), ("decoupled_weight_decay", .bool(decoupledWeightDecay)),
            ("differentiable", false),
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
                let expAvgSq = stateTensor(s, "exp_avg_sq") { Torch.zeros(p.shape, device: p.device, dtype: p.dtype) }
                let step = optimIncrementStep(stepT)
                let biasCorrection1 = 1 - Foundation.pow(beta1, step)
                let biasCorrection2 = 1 - Foundation.pow(beta2, step)
                let rhoInf = 2 / (1 - beta2) - 1
                let rhoT = rhoInf - 2 * step * Foundation.pow(beta2, step) / biasCorrection2
                let rect = rhoT > 5
                    ? Foundation.pow((rhoT - 4) * (rhoT - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rhoT), 0.5)
                    : 0
                RAdamUpdate(lr: group.lr, beta1: beta1, beta2: beta2, eps: group.eps, weightDecay: group.weightDecay,
                            decoupled: group.decoupledWeightDecay, maximize: group.maximize,
                            biasCorrection1: biasCorrection1,
                            biasCorrection2Sqrt: Foundation.pow(biasCorrection2, 0.5), rectified: rhoT > 5, rect: rect)
                    .run(param: p, grad: g, state: [expAvg, expAvgSq])
            }
        }
    }
}

/// RAdam's rule for one element (state: exp_avg, exp_avg_sq).
struct RAdamUpdate: ParameterUpdate {
    let lr, beta1, beta2, eps, weightDecay: Double
    let decoupled, maximize: Bool
    let biasCorrection1, biasCorrection2Sqrt: Double
    /// Whether the variance is tractable (rho_t > 5) and the rectified step applies.
    let rectified: Bool
    let rect: Double

    func apply<T: FloatElement & SIMDScalar>(_ b: UpdateBuffers<T>, _ range: Range<Int>) {
        let decay = T(1 - lr * weightDecay), wd = T(weightDecay)
        let w1 = T(1 - beta1), b2 = T(beta2), w2 = T(1 - beta2)
        let bc1 = T(biasCorrection1), bc2 = T(biasCorrection2Sqrt), e = T(eps), lrT = T(lr), r = T(rect)
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
            let corrected = m / bc1
            if rectified {
                let adaptive = SIMD8<T>(repeating: bc2) / (v.squareRoot() + e)
                x.param = p - corrected * lrT * adaptive * r
            } else {
                x.param = p - corrected * lrT
            }
        }
    }
}
