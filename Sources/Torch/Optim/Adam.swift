// Adam and AdamW, PyTorch's torch.optim.Adam / torch.optim.AdamW.

import Foundation

/// Adam, PyTorch's `torch.optim.Adam`: running averages of the gradient and its
/// square with bias correction.
///
/// ```swift
/// let opt = Adam(net.parameters(), lr: 1e-3, betas: (0.9, 0.999))
/// ```
open class Adam: Optimizer {
    /// Adam over `params`, PyTorch's `Adam(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8,
    /// weight_decay=0, amsgrad=False, maximize=False, decoupled_weight_decay=False)`.
    public convenience init(
        _ params: [Tensor], lr: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8,
        weightDecay: Double = 0, amsgrad: Bool = false, maximize: Bool = false, decoupledWeightDecay: Bool = false,
        file: StaticString = #fileID, line: UInt = #line
    ) {
        self.init([ParamGroup(params: params)], lr: lr, betas: betas, eps: eps, weightDecay: weightDecay,
                  amsgrad: amsgrad, maximize: maximize, decoupledWeightDecay: decoupledWeightDecay,
                  file: file, line: line)
    }

    /// Adam over parameter groups; a group's own options override these defaults.
    public init(
        _ groups: [ParamGroup], lr: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8,
        weightDecay: Double = 0, amsgrad: Bool = false, maximize: Bool = false, decoupledWeightDecay: Bool = false,
        file: StaticString = #fileID, line: UInt = #line
    ) {
        checkAdamOptions(lr: lr, betas: betas, eps: eps, weightDecay: weightDecay, file: file, line: line)
        super.init(groups, defaults: [
            ("lr", .double(lr)), ("betas", .tuple([.double(betas.0), .double(betas.1)])), ("eps", .double(eps)),
            ("weight_decay", optimNumber(weightDecay)), ("amsgrad", .bool(amsgrad)), ("maximize", .bool(maximize)),
            ("foreach", .none), ("capturable", false), ("differentiable", false), ("fused", .none),
            ("decoupled_weight_decay", .bool(decoupledWeightDecay)),
        ], file: file, line: line)
    }

    /// Updates every parameter that has a gradient.
    public override func step() {
        for group in paramGroups {
            let (beta1, beta2) = group.betas
            let amsgrad = group.amsgrad
            for p in group.params {
                guard let g = p.grad else { continue }
                let s = state(for: p)
                let stepT = stateTensor(s, "step", optimZeroStep)
                let expAvg = stateTensor(s, "exp_avg") { Torch.zeros(p.shape, device: p.device, dtype: p.dtype) }
                let expAvgSq = stateTensor(s, "exp_avg_sq") { Torch.zeros(p.shape, device: p.device, dtype: p.dtype) }
                var buffers = [expAvg, expAvgSq]
                if amsgrad {
                    buffers.append(stateTensor(s, "max_exp_avg_sq") { Torch.zeros(p.shape, device: p.device, dtype: p.dtype) })
                }
                let step = optimIncrementStep(stepT)
                let biasCorrection1 = 1 - Foundation.pow(beta1, step)
                let biasCorrection2 = 1 - Foundation.pow(beta2, step)
                AdamUpdate(lr: group.lr, beta1: beta1, beta2: beta2, eps: group.eps, weightDecay: group.weightDecay,
                           decoupled: group.decoupledWeightDecay, amsgrad: amsgrad, maximize: group.maximize,
                           stepSize: group.lr / biasCorrection1,
                           biasCorrection2Sqrt: Foundation.pow(biasCorrection2, 0.5))
                    .run(param: p, grad: g, state: buffers)
            }
        }
    }
}

/// AdamW, PyTorch's `torch.optim.AdamW`: Adam with weight decay applied to the
/// parameters directly (default 0.01) rather than added to the gradient.
public final class AdamW: Adam {
    /// AdamW over `params`, PyTorch's `AdamW(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8,
    /// weight_decay=1e-2, amsgrad=False, maximize=False)`.
    public convenience init(
        _ params: [Tensor], lr: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8,
        weightDecay: Double = 1e-2, amsgrad: Bool = false, maximize: Bool = false,
        file: StaticString = #fileID, line: UInt = #line
    ) {
        self.init([ParamGroup(params: params)], lr: lr, betas: betas, eps: eps, weightDecay: weightDecay,
                  amsgrad: amsgrad, maximize: maximize, file: file, line: line)
    }

    /// AdamW over parameter groups; a group's own options override these defaults.
    public init(
        _ groups: [ParamGroup], lr: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8,
        weightDecay: Double = 1e-2, amsgrad: Bool = false, maximize: Bool = false,
        file: StaticString = #fileID, line: UInt = #line
    ) {
        super.init(groups, lr: lr, betas: betas, eps: eps, weightDecay: weightDecay, amsgrad: amsgrad,
                   maximize: maximize, decoupledWeightDecay: true, file: file, line: line)
    }
}

/// The argument checks Adam, AdamW, Adamax, NAdam and RAdam share, in PyTorch's order.
func checkAdamOptions(lr: Double, betas: (Double, Double), eps: Double, weightDecay: Double,
                      file: StaticString, line: UInt) {
    torchCheck(lr >= 0, "Invalid learning rate: \(optimNumberText(lr))", file: file, line: line)
    torchCheck(eps >= 0, "Invalid epsilon value: \(optimNumberText(eps))", file: file, line: line)
    torchCheck(betas.0 >= 0 && betas.0 < 1, "Invalid beta parameter at index 0: \(optimNumberText(betas.0))",
               file: file, line: line)
    torchCheck(betas.1 >= 0 && betas.1 < 1, "Invalid beta parameter at index 1: \(optimNumberText(betas.1))",
               file: file, line: line)
    torchCheck(weightDecay >= 0, "Invalid weight_decay value: \(optimNumberText(weightDecay, int: true))",
               file: file, line: line)
}

/// Adam's rule for one element (state: exp_avg, exp_avg_sq, max_exp_avg_sq).
struct AdamUpdate: ParameterUpdate {
    let lr, beta1, beta2, eps, weightDecay: Double
    let decoupled, amsgrad, maximize: Bool
    let stepSize, biasCorrection2Sqrt: Double

    func apply<T: FloatElement & SIMDScalar>(_ b: UpdateBuffers<T>, _ range: Range<Int>) {
        let decay = T(1 - lr * weightDecay), wd = T(weightDecay)
        let w1 = T(1 - beta1), b2 = T(beta2), w2 = T(1 - beta2)
        let bc2 = T(biasCorrection2Sqrt), e = T(eps), negStep = T(-stepSize)
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
            var second = v
            if amsgrad {
                second = pointwiseMax(x.s2, v)
                x.s2 = second
            }
            let denom = second.squareRoot() / bc2 + e
            x.param = p + (m / denom) * negStep
        }
    }
}
