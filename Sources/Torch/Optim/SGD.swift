// Stochastic gradient descent with momentum, PyTorch's torch.optim.SGD.

/// Stochastic gradient descent, optionally with (Nesterov) momentum, PyTorch's `torch.optim.SGD`.
///
/// ```swift
/// let opt = SGD(net.parameters(), lr: 0.03, momentum: 0.9)
/// opt.zeroGrad(); loss.backward(); opt.step()
/// ```
public final class SGD: Optimizer {
    /// SGD over `params`, PyTorch's `SGD(params, lr=1e-3, momentum=0, dampening=0,
    /// weight_decay=0, nesterov=False, maximize=False)`.
    public convenience init(
        _ params: [Tensor], lr: Double = 1e-3, momentum: Double = 0, dampening: Double = 0,
        weightDecay: Double = 0, nesterov: Bool = false, maximize: Bool = false,
        file: StaticString = #fileID, line: UInt = #line
    ) {
        self.init([ParamGroup(params: params)], lr: lr, momentum: momentum, dampening: dampening,
                  weightDecay: weightDecay, nesterov: nesterov, maximize: maximize, file: file, line: line)
    }

    /// SGD over parameter groups; a group's own options override these defaults.
    public init(
        _ groups: [ParamGroup], lr: Double = 1e-3, momentum: Double = 0, dampening: Double = 0,
        weightDecay: Double = 0, nesterov: Bool = false, maximize: Bool = false,
        file: StaticString = #fileID, line: UInt = #line
    ) {
        torchCheck(lr >= 0, "Invalid learning rate: \(optimNumberText(lr))", file: file, line: line)
        torchCheck(momentum >= 0, "Invalid momentum value: \(optimNumberText(momentum, int: true))", file: file, line: line)
        torchCheck(weightDecay >= 0, "Invalid weight_decay value: \(optimNumberText(weightDecay, int: true))",
                   file: file, line: line)
        torchCheck(!nesterov || (momentum > 0 && dampening == 0),
                   "Nesterov momentum requires a momentum and zero dampening", file: file, line: line)
        super.init(groups, defaults: [
            ("lr", .double(lr)), ("momentum", optimNumber(momentum)), ("dampening", optimNumber(dampening)),
            ("weight_decay", optimNumber(weightDecay)), ("nesterov", .bool(nesterov)), ("maximize", .bool(maximize)),
            ("foreach", .none), ("differentiable", false), ("fused", .none),
        ], file: file, line: line)
    }

    /// Updates every parameter that has a gradient.
    public override func step() {
        for group in paramGroups {
            let momentum = group.momentum
            let update = SGDUpdate(lr: group.lr, momentum: momentum, dampening: group.dampening,
                                   weightDecay: group.weightDecay, nesterov: group.nesterov,
                                   maximize: group.maximize, firstStep: false)
            for p in group.params {
                guard let g = p.grad else { continue }
                if momentum == 0 {
                    update.run(param: p, grad: g, state: [])
                    continue
                }
                let s = state(for: p)
                if let buf = s.tensor("momentum_buffer") {
                    update.run(param: p, grad: g, state: [buf])
                } else {
                    let buf = noGrad { Torch.zeros(p.shape, device: p.device, dtype: p.dtype) }
                    s["momentum_buffer"] = .tensor(buf)
                    var first = update
                    first.firstStep = true
                    first.run(param: p, grad: g, state: [buf])
                }
            }
        }
    }
}

/// SGD's rule for one element: weight decay, momentum buffer, Nesterov, step.
struct SGDUpdate: ParameterUpdate {
    let lr, momentum, dampening, weightDecay: Double
    let nesterov, maximize: Bool
    /// The first step copies the gradient into the momentum buffer instead of averaging.
    var firstStep: Bool

    func apply<T: FloatElement & SIMDScalar>(_ b: UpdateBuffers<T>, _ range: Range<Int>) {
        let negLr = T(-lr), wd = T(weightDecay), mom = T(momentum), keep = T(1 - dampening)
        let useMomentum = momentum != 0
        b.forEachLanes(range) { x in
            var g = maximize ? -x.grad : x.grad
            if weightDecay != 0 { g = g + x.param * wd }
            if useMomentum {
                let buf = firstStep ? g : x.s0 * mom + g * keep
                x.s0 = buf
                g = nesterov ? g + buf * mom : buf
            }
            x.param = x.param + g * negLr
        }
    }
}

/// A number as Python would hold it when the user passed it: integral values
/// of int-defaulted options become ints.
func optimNumber(_ v: Double) -> OptimValue {
    v.rounded() == v && Swift.abs(v) < 1e15 ? .int(Int(v)) : .double(v)
}

/// A number formatted as Python prints it, as an int where `int` allows.
func optimNumberText(_ v: Double, int: Bool = false) -> String {
    int ? optimNumber(v).description : optimFloatRepr(v)
}
