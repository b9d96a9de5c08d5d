// The base of the learning-rate schedulers, PyTorch's torch.optim.lr_scheduler.LRScheduler.

/// The base class of learning-rate schedulers, PyTorch's `torch.optim.lr_scheduler.LRScheduler`.
///
/// Building a scheduler records each group's `initial_lr` and applies the
/// schedule's epoch-0 rate; each `step()` moves one epoch on and writes the new
/// rates into `optimizer.paramGroups`. Call it after `optimizer.step()`.
///
/// ```swift
/// let sched = StepLR(optimizer, stepSize: 10, gamma: 0.1)
/// for epoch in 0..<30 { train(); sched.step() }
/// print(sched.getLastLR())
/// ```
open class LRScheduler {
    /// The optimizer whose learning rates this scheduler sets.
    public let optimizer: Optimizer
    /// Each group's starting rate (`initial_lr`), PyTorch's `base_lrs`.
    public var baseLrs: [Double]
    /// The index of the last epoch, PyTorch's `last_epoch` (-1 before the first step).
    public var lastEpoch: Int
    /// How many times `step()` ran, counting the one made at construction.
    public internal(set) var stepCount = 0
    /// Whether the construction-time step is running (PyTorch's `_is_initial`).
    public internal(set) var isInitial = false
    var lastLr: [Double] = []

    /// Records `initial_lr` (or checks it exists when resuming from `lastEpoch`)
    /// and applies the epoch-0 rate.
    public init(_ optimizer: Optimizer, lastEpoch: Int = -1, file: StaticString = #fileID, line: UInt = #line) {
        self.optimizer = optimizer
        if lastEpoch == -1 {
            for i in optimizer.paramGroups.indices where optimizer.paramGroups[i]["initial_lr"] == nil {
                optimizer.paramGroups[i]["initial_lr"] = .double(optimizer.paramGroups[i].lr)
            }
        } else {
            for (i, g) in optimizer.paramGroups.enumerated() where g["initial_lr"] == nil {
                torchFail("param 'initial_lr' is not specified in param_groups[\(i)] when resuming scheduler with last_epoch >= 0.\nThis typically happens when:\n1. You're trying to resume training from a checkpoint but haven't properly loaded the optimizer state\n2. You're using last_epoch >= 0 for a fresh training run (not recommended)", file: file, line: line)
            }
        }
        baseLrs = optimizer.paramGroups.map { $0.initialLr ?? $0.lr }
        self.lastEpoch = lastEpoch
        initialStep()
    }

    /// For schedulers that drive others (SequentialLR): no initial step here.
    init(driving optimizer: Optimizer, lastEpoch: Int) {
        self.optimizer = optimizer
        self.baseLrs = optimizer.paramGroups.map { $0.initialLr ?? $0.lr }
        self.lastEpoch = lastEpoch
    }

    func initialStep() {
        stepCount = 0
        isInitial = true
        step()
        isInitial = false
    }

    /// The rates for the current `lastEpoch`, computed from the current ones where
    /// PyTorch's form is chainable. Subclasses override it.
    open func getLr() -> [Double] { currentLrs }

    /// The rates at `lastEpoch` from the base rates alone, where the schedule has
    /// such a form (PyTorch's `_get_closed_form_lr`); nil otherwise.
    open func closedFormLr() -> [Double]? { nil }

    /// Moves to the next epoch and sets the groups' learning rates.
    open func step() {
        stepCount += 1
        updateLr(epoch: nil)
    }

    /// Sets the rates for `epoch` (closed form when available), or for the next epoch when nil.
    func updateLr(epoch: Int?) {
        let values: [Double]
        if let epoch {
            lastEpoch = epoch
            values = closedFormLr() ?? getLr()
        } else {
            lastEpoch += 1
            values = getLr()
        }
        for (i, lr) in values.enumerated() { optimizer.paramGroups[i].lr = lr }
        lastLr = currentLrs
    }

    /// The learning rates the last step set, PyTorch's `get_last_lr()`.
    public func getLastLR() -> [Double] { lastLr }

    /// The groups' current learning rates.
    var currentLrs: [Double] { optimizer.paramGroups.map(\.lr) }
}

/// Decays each group's rate by `gamma` every `stepSize` epochs, PyTorch's `StepLR`.
public final class StepLR: LRScheduler {
    /// Epochs between decays, PyTorch's `step_size`.
    public let stepSize: Int
    /// The decay factor.
    public let gamma: Double

    /// PyTorch's `StepLR(optimizer, step_size, gamma=0.1, last_epoch=-1)`.
    public init(_ optimizer: Optimizer, stepSize: Int, gamma: Double = 0.1, lastEpoch: Int = -1,
                file: StaticString = #fileID, line: UInt = #line) {
        self.stepSize = stepSize
        self.gamma = gamma
        super.init(optimizer, lastEpoch: lastEpoch, file: file, line: line)
    }

    public override func getLr() -> [Double] {
        if lastEpoch == 0 || lastEpoch % stepSize != 0 { return currentLrs }
        return currentLrs.map { $0 * gamma }
    }

    public override func closedFormLr() -> [Double]? {
        baseLrs.map { $0 * schedulePow(gamma, Double(scheduleFloorDiv(lastEpoch, stepSize))) }
    }
}

/// Decays each group's rate by `gamma` at each milestone epoch, PyTorch's `MultiStepLR`.
public final class MultiStepLR: LRScheduler {
    /// The epochs at which the rate decays (a repeated epoch decays once per repeat).
    public let milestones: [Int]
    /// The decay factor.
    public let gamma: Double

    /// PyTorch's `MultiStepLR(optimizer, milestones, gamma=0.1, last_epoch=-1)`.
    public init(_ optimizer: Optimizer, milestones: [Int], gamma: Double = 0.1, lastEpoch: Int = -1,
                file: StaticString = #fileID, line: UInt = #line) {
        self.milestones = milestones.sorted()
        self.gamma = gamma
        super.init(optimizer, lastEpoch: lastEpoch, file: file, line: line)
    }

    public override func getLr() -> [Double] {
        let count = milestones.filter { $0 == lastEpoch }.count
        if count == 0 { return currentLrs }
        return currentLrs.map { $0 * schedulePow(gamma, Double(count)) }
    }

    public override func closedFormLr() -> [Double]? {
        let passed = milestones.filter { $0 <= lastEpoch }.count
        return baseLrs.map { $0 * schedulePow(gamma, Double(passed)) }
    }
}

/// Multiplies each group's rate by `gamma` every epoch, PyTorch's `ExponentialLR`.
public final class ExponentialLR: LRScheduler {
    /// The decay factor.
    public let gamma: Double

    /// PyTorch's `ExponentialLR(optimizer, gamma, last_epoch=-1)`.
    public init(_ optimizer: Optimizer, gamma: Double, lastEpoch: Int = -1,
                file: StaticString = #fileID, line: UInt = #line) {
        self.gamma = gamma
        super.init(optimizer, lastEpoch: lastEpoch, file: file, line: line)
    }

    public override func getLr() -> [Double] {
        isInitial ? currentLrs : currentLrs.map { $0 * gamma }
    }

    public override func closedFormLr() -> [Double]? {
        baseLrs.map { $0 * schedulePow(gamma, Double(lastEpoch)) }
    }
}

/// Scales each group's rate by `factor` until epoch `totalIters`, PyTorch's `ConstantLR`.
public final class ConstantLR: LRScheduler {
    /// The scale applied before `totalIters`.
    public let factor: Double
    /// The epoch at which the scale is lifted, PyTorch's `total_iters`.
    public let totalIters: Int

    /// PyTorch's `ConstantLR(optimizer, factor=1/3, total_iters=5, last_epoch=-1)`.
    public init(_ optimizer: Optimizer, factor: Double = 1.0 / 3, totalIters: Int = 5, lastEpoch: Int = -1,
                file: StaticString = #fileID, line: UInt = #line) {
        torchCheck(factor <= 1 && factor >= 0, "Constant multiplicative factor expected to be between 0 and 1.",
                   file: file, line: line)
        self.factor = factor
        self.totalIters = totalIters
        super.init(optimizer, lastEpoch: lastEpoch, file: file, line: line)
    }

    public override func getLr() -> [Double] {
        if lastEpoch == 0 { return currentLrs.map { $0 * factor } }
        if lastEpoch != totalIters { return currentLrs }
        return currentLrs.map { $0 * (1.0 / factor) }
    }

    public override func closedFormLr() -> [Double]? {
        baseLrs.map { $0 * (factor + (lastEpoch >= totalIters ? 1 : 0) * (1 - factor)) }
    }
}

/// Moves each group's rate linearly from `startFactor` to `endFactor` times its
/// base over `totalIters` epochs, PyTorch's `LinearLR`.
public final class LinearLR: LRScheduler {
    /// The scale at epoch 0, PyTorch's `start_factor`.
    public let startFactor: Double
    /// The scale from `totalIters` on, PyTorch's `end_factor`.
    public let endFactor: Double
    /// The length of the ramp, PyTorch's `total_iters`.
    public let totalIters: Int

    /// PyTorch's `LinearLR(optimizer, start_factor=1/3, end_factor=1.0, total_iters=5, last_epoch=-1)`.
    public init(_ optimizer: Optimizer, startFactor: Double = 1.0 / 3, endFactor: Double = 1.0, totalIters: Int = 5,
                lastEpoch: Int = -1, file: StaticString = #fileID, line: UInt = #line) {
        torchCheck(startFactor <= 1 && startFactor > 0,
                   "Starting multiplicative factor expected to be greater than 0 and less or equal to 1.",
                   file: file, line: line)
        torchCheck(endFactor <= 1 && endFactor >= 0, "Ending multiplicative factor expected to be between 0 and 1.",
                   file: file, line: line)
        self.startFactor = startFactor
        self.endFactor = endFactor
        self.totalIters = totalIters
        super.init(optimizer, lastEpoch: lastEpoch, file: file, line: line)
    }

    public override func getLr() -> [Double] {
        if lastEpoch == 0 { return currentLrs.map { $0 * startFactor } }
        if isInitial || lastEpoch > totalIters { return currentLrs }
        let delta = endFactor - startFactor
        return currentLrs.map {
            $0 * (1.0 + delta / (Double(totalIters) * startFactor + Double(lastEpoch - 1) * delta))
        }
    }

    public override func closedFormLr() -> [Double]? {
        baseLrs.map {
            $0 * (startFactor + (endFactor - startFactor) * Double(Swift.min(totalIters, lastEpoch)) / Double(totalIters))
        }
    }
}

/// A scheduler driven by one function of the epoch per parameter group
/// (what `LambdaLR` and `MultiplicativeLR` share).
public class LambdaDrivenScheduler: LRScheduler {
    let lambdas: [(Int) -> Double]

    /// One function for every group, PyTorch's `lr_lambda`.
    public convenience init(_ optimizer: Optimizer, lrLambda: @escaping (Int) -> Double, lastEpoch: Int = -1,
                            file: StaticString = #fileID, line: UInt = #line) {
        self.init(optimizer, lrLambdas: Array(repeating: lrLambda, count: optimizer.paramGroups.count),
                  lastEpoch: lastEpoch, file: file, line: line)
    }

    /// One function per parameter group.
    public init(_ optimizer: Optimizer, lrLambdas: [(Int) -> Double], lastEpoch: Int = -1,
                file: StaticString = #fileID, line: UInt = #line) {
        torchCheck(lrLambdas.count == optimizer.paramGroups.count,
                   "Expected \(optimizer.paramGroups.count) lr_lambdas, but got \(lrLambdas.count)", file: file, line: line)
        lambdas = lrLambdas
        super.init(optimizer, lastEpoch: lastEpoch, file: file, line: line)
    }
}

/// Sets each group's rate to its base times a function of the epoch, PyTorch's `LambdaLR`.
public final class LambdaLR: LambdaDrivenScheduler {
    public override func getLr() -> [Double] {
        zip(lambdas, baseLrs).map { f, base in base * f(lastEpoch) }
    }
}

/// Multiplies each group's rate by a function of the epoch every epoch, PyTorch's `MultiplicativeLR`.
public final class MultiplicativeLR: LambdaDrivenScheduler {
    public override func getLr() -> [Double] {
        if isInitial { return currentLrs }
        return zip(lambdas, currentLrs).map { f, lr in lr * f(lastEpoch) }
    }
}

/// Python's `//` on ints (rounds toward negative infinity).
func scheduleFloorDiv(_ a: Int, _ b: Int) -> Int {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}
