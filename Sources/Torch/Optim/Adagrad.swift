// Adagrad, PyTorch's torch.optim.Adagrad.

/// Adagrad, PyTorch's `torch.optim.Adagrad`: steps scaled by the sum of all past squared gradients.
///
/// As in PyTorch, the state (`step`, `sum`) is created when the optimizer is built.
public final class Adagrad: Optimizer {
    /// Adagrad over `params`, PyTorch's `Adagrad(params, lr=1e-2, lr_decay=0, weight_decay=0,
    /// initial_accumulator_value=0, eps=1e-10, maximize=False)`.
    public convenience init(
        _ params: [Tensor], lr: Double = 1e-2, lrDecay: Double = 0, weightDecay: Double = 0,
        initialAccumulatorValue: Double = 0, eps: Double = 1e-10, maximize: Bool = false,
        file: StaticString = #fileID, line: UInt = #line
    ) {
        self.init([ParamGroup(params: params)], lr: lr, lrDecay: lrDecay, weightDecay: weightDecay,
                  initialAccumulatorValue: initialAccumulatorValue, eps: eps, maximize: maximize,
                  file: file, line: line)
    }

    /// Adagrad over parameter groups; a group's own options override these defaults.
    public init(
        _ groups: [ParamGroup], lr: Double = 1e-2, lrDecay: Double = 0, weightDecay: Double = 0,
        initialAccumulatorValue: Double = 0, eps: Double = 1e-10, maximize: Bool = false,
        file: StaticString = #fileID, line: UInt = #line
    ) {
        torchCheck(lr >= 0, "Invalid learning rate: \(optimNumberText(lr))", file: file, line: line)
        torchCheck(lrDecay >= 0, "Invalid lr_decay value: \(optimNumberText(lrDecay, int: true))", file: file, line: line)
        torchCheck(weightDecay >= 0, "Invalid weight_decay value: \(optimNumberText(weightDecay, int: true))",
                   file: file, line: line)
        torchCheck(initialAccumulatorValue >= 0,
                   "Invalid initial_accumulator_value value: \(optimNumberText(initialAccumulatorValue, int: true))",
                   file: file, line: line)
        torchCheck(eps >= 0, "Invalid epsilon value: \(optimNumberText(eps))", file: file, line: line)
        super.init(groups, defaults: [
            ("lr", .double(lr)), ("lr_decay", optimNumber(lrDecay)), ("eps", .double(eps)),
            ("weight_decay", optimNumber(weightDecay)),
            ("initial_accumulator_value", optimNumber(initialAccumulatorValue)), ("foreach", .none),
            ("maximize", .bool(maximize)), ("differentiable", false), ("fused", .none),
        ], file: file, line: line)
        for group in paramGroups { initializeState(group) }
    }

    private func initializeState(_ group: ParamGroup) {
        let initial = group.initialAccumulatorValue
        for p in group.params {
            let s = state(for: p)
            _ = stateTensor(s, "step", optimZeroStep)
            _ = stateTensor(s, "sum") { Torch.full(p.shape, initial, device: p.device, dtype: p.dtype) }
        }
    }

    /// Updates every parameter that has a gradient.
    public override func step() {
        for group in paramGroups {
            for p in group.params {
                guard let g = p.grad else { continue }
                let s = state(for: p)
                let stepT = stateTensor(s, "step", optimZeroStep)
                let initial = group.initialAccumulatorValue
                let sum = stateTensor(s, "sum") { Torch.full(p.shape, initial, device: p.device, dtype: p.dtype) }
                let step = optimIncrementStep(stepT)
                AdagradUpdate(weightDecay: group.weightDecay, eps: group.eps, maximize: group.maximize,
                              clr: group.lr / (1 + (step - 1) * group.lrDecay))
                    .run(param: p, grad: g, state: [sum])
            }
        }
    }
}

/// Adagrad's rule for one element (state: sum).
struct AdagradUpdate: ParameterUpdate {
    let weightDecay, eps: Double
    let maximize: Bool
    let clr: Double

    func apply<T: FloatElement & SIMDScalar>(_ b: UpdateBuffers<T>, _ range: Range<Int>) {
        let wd = T(weightDecay), e = T(eps), negClr = T(-clr)
        b.forEachLanes(range) { x in
            var g = maximize ? -x.grad : x.grad
            if weightDecay != 0 { g = g + x.param * wd }
            let sum = x.s0 + g * 1 * g
            x.s0 = sum
            x.param = x.param + (g / (sum.squareRoot() + e)) * negClr
        }
    }
}
