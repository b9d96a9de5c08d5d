// One parameter group of an optimizer: its tensors and their options.

/// A set of parameters that share optimizer options, one entry of PyTorch's
/// `optimizer.param_groups`.
///
/// Options are kept under PyTorch's snake_case names, in PyTorch's order, so the
/// printout and `stateDict()` match; typed properties (`lr`, `momentum`,
/// `betas`, ...) read and write them. Options left nil when the group is built
/// take the optimizer's defaults when the group is added:
///
/// ```swift
/// // optim.SGD([{'params': base}, {'params': head, 'lr': 1e-2}], lr=1e-3, momentum=0.9)
/// let opt = SGD([ParamGroup(params: base), ParamGroup(params: head, lr: 1e-2)], lr: 1e-3, momentum: 0.9)
/// opt.paramGroups[1].lr *= 0.1
/// ```
public struct ParamGroup {
    /// The tensors this group updates.
    public var params: [Tensor]
    /// The options in order, under PyTorch's names (`lr`, `weight_decay`, `initial_lr`, ...).
    public var options: [(key: String, value: OptimValue)]

    /// A group with its own values for some options; the others come from the optimizer.
    public init(
        params: [Tensor], lr: Double? = nil, momentum: Double? = nil, dampening: Double? = nil,
        weightDecay: Double? = nil, nesterov: Bool? = nil, betas: (Double, Double)? = nil, eps: Double? = nil,
        amsgrad: Bool? = nil, maximize: Bool? = nil, alpha: Double? = nil, centered: Bool? = nil,
        rho: Double? = nil, lrDecay: Double? = nil, initialAccumulatorValue: Double? = nil,
        momentumDecay: Double? = nil, decoupledWeightDecay: Bool? = nil
    ) {
        self.params = params
        self.options = []
        if let lr { self.lr = lr }
        if let momentum { self.momentum = momentum }
        if let dampening { self.dampening = dampening }
        if let weightDecay { self.weightDecay = weightDecay }
        if let nesterov { self.nesterov = nesterov }
        if let betas { self.betas = betas }
        if let eps { self.eps = eps }
        if let amsgrad { self.amsgrad = amsgrad }
        if let maximize { self.maximize = maximize }
        if let alpha { self.alpha = alpha }
        if let centered { self.centered = centered }
        if let rho { self.rho = rho }
        if let lrDecay { self.lrDecay = lrDecay }
        if let initialAccumulatorValue { self.initialAccumulatorValue = initialAccumulatorValue }
        if let momentumDecay { self.momentumDecay = momentumDecay }
        if let decoupledWeightDecay { self.decoupledWeightDecay = decoupledWeightDecay }
    }

    /// A group with the given options, in order.
    public init(params: [Tensor], options: [(key: String, value: OptimValue)]) {
        self.params = params
        self.options = options
    }

    /// The option stored under a PyTorch name; setting nil removes it.
    public subscript(key: String) -> OptimValue? {
        get { options.first { $0.key == key }?.value }
        set {
            let i = options.firstIndex { $0.key == key }
            switch (i, newValue) {
            case (let i?, let v?): options[i].value = v
            case (let i?, nil): options.remove(at: i)
            case (nil, let v?): options.append((key, v))
            case (nil, nil): break
            }
        }
    }

    /// Adds an option only where the group has none, Python's `setdefault`.
    mutating func setDefault(_ key: String, _ value: OptimValue) {
        if self[key] == nil { options.append((key, value)) }
    }

    /// Reads a numeric option (0 when absent).
    public func number(_ key: String) -> Double { self[key]?.doubleValue ?? 0 }

    /// Stores a number the way Python would have it: options whose PyTorch
    /// default is an int (`momentum=0`) stay ints while the value is integral.
    public mutating func setNumber(_ key: String, _ value: Double) {
        let wasInt: Bool
        if case .int? = self[key] { wasInt = true } else { wasInt = self[key] == nil && Self.intOptions.contains(key) }
        if wasInt, value.rounded() == value, Swift.abs(value) < 1e15 {
            self[key] = .int(Int(value))
        } else {
            self[key] = .double(value)
        }
    }

    private static let intOptions: Set<String> = [
        "momentum", "dampening", "weight_decay", "lr_decay", "initial_accumulator_value",
    ]

    func flag(_ key: String) -> Bool { self[key]?.boolValue ?? false }

    /// Learning rate, PyTorch's `lr`.
    public var lr: Double {
        get { number("lr") }
        set { self["lr"] = .double(newValue) }
    }
    /// Momentum factor (SGD, RMSprop).
    public var momentum: Double {
        get { number("momentum") }
        set { setNumber("momentum", newValue) }
    }
    /// Dampening for momentum (SGD).
    public var dampening: Double {
        get { number("dampening") }
        set { setNumber("dampening", newValue) }
    }
    /// Weight decay (L2 penalty, or decoupled for AdamW), PyTorch's `weight_decay`.
    public var weightDecay: Double {
        get { number("weight_decay") }
        set { setNumber("weight_decay", newValue) }
    }
    /// Nesterov momentum (SGD).
    public var nesterov: Bool {
        get { flag("nesterov") }
        set { self["nesterov"] = .bool(newValue) }
    }
    /// Coefficients of the running averages (Adam family).
    public var betas: (Double, Double) {
        get {
            let b = self["betas"]?.elements ?? []
            return (b.first?.doubleValue ?? 0, b.dropFirst().first?.doubleValue ?? 0)
        }
        set { self["betas"] = .tuple([.double(newValue.0), .double(newValue.1)]) }
    }
    /// Term added to denominators for stability.
    public var eps: Double {
        get { number("eps") }
        set { self["eps"] = .double(newValue) }
    }
    /// The AMSGrad variant (Adam, AdamW).
    public var amsgrad: Bool {
        get { flag("amsgrad") }
        set { self["amsgrad"] = .bool(newValue) }
    }
    /// Maximise the objective instead of minimising it.
    public var maximize: Bool {
        get { flag("maximize") }
        set { self["maximize"] = .bool(newValue) }
    }
    /// Smoothing constant (RMSprop).
    public var alpha: Double {
        get { number("alpha") }
        set { self["alpha"] = .double(newValue) }
    }
    /// Normalise by the estimated variance of the gradient (RMSprop).
    public var centered: Bool {
        get { flag("centered") }
        set { self["centered"] = .bool(newValue) }
    }
    /// Decay of the running averages (Adadelta).
    public var rho: Double {
        get { number("rho") }
        set { self["rho"] = .double(newValue) }
    }
    /// Learning-rate decay (Adagrad), PyTorch's `lr_decay`.
    public var lrDecay: Double {
        get { number("lr_decay") }
        set { setNumber("lr_decay", newValue) }
    }
    /// Starting value of the squared-gradient sums (Adagrad), PyTorch's `initial_accumulator_value`.
    public var initialAccumulatorValue: Double {
        get { number("initial_accumulator_value") }
        set { setNumber("initial_accumulator_value", newValue) }
    }
    /// Momentum decay (NAdam), PyTorch's `momentum_decay`.
    public var momentumDecay: Double {
        get { number("momentum_decay") }
        set { self["momentum_decay"] = .double(newValue) }
    }
    /// Weight decay applied to the parameter directly, as AdamW does, PyTorch's `decoupled_weight_decay`.
    public var decoupledWeightDecay: Bool {
        get { flag("decoupled_weight_decay") }
        set { self["decoupled_weight_decay"] = .bool(newValue) }
    }
    /// The learning rate a scheduler started from, PyTorch's `initial_lr` (nil before a scheduler sets it).
    public var initialLr: Double? {
        get { self["initial_lr"]?.doubleValue }
        set { self["initial_lr"] = newValue.map { .double($0) } }
    }
}
