// Lowering the rate when a metric stalls, PyTorch's ReduceLROnPlateau.

/// Multiplies each group's rate by `factor` when a metric has not improved for
/// `patience` epochs, PyTorch's `ReduceLROnPlateau`.
///
/// ```swift
/// let sched = ReduceLROnPlateau(optimizer, mode: .min, patience: 2)
/// sched.step(validationLoss)
/// ```
public final class ReduceLROnPlateau {
    /// Whether lower or higher metrics are better.
    public enum Mode: String { case min, max }
    /// Whether `threshold` is relative to the best value or an absolute margin.
    public enum ThresholdMode: String { case rel, abs }

    /// The optimizer whose learning rates this scheduler sets.
    public let optimizer: Optimizer
    /// Whether the metric should fall (`.min`) or rise (`.max`).
    public let mode: Mode
    /// The multiplier applied to the rate on a plateau.
    public let factor: Double
    /// Epochs without improvement tolerated before lowering the rate.
    public let patience: Int
    /// The least change that counts as an improvement.
    public let threshold: Double
    /// How `threshold` applies, PyTorch's `threshold_mode`.
    public let thresholdMode: ThresholdMode
    /// Epochs to wait after a reduction before counting bad epochs again.
    public let cooldown: Int
    /// Each group's lowest rate, PyTorch's `min_lrs`.
    public var minLrs: [Double]
    /// Reductions smaller than this are skipped.
    public let eps: Double
    /// The best metric so far.
    public private(set) var best: Double
    /// Epochs without improvement, PyTorch's `num_bad_epochs`.
    public private(set) var numBadEpochs = 0
    /// Epochs left in the current cooldown, PyTorch's `cooldown_counter`.
    public private(set) var cooldownCounter = 0
    /// The index of the last epoch, PyTorch's `last_epoch`.
    public private(set) var lastEpoch = 0
    private var lastLr: [Double]

    /// PyTorch's `ReduceLROnPlateau(optimizer, mode='min', factor=0.1, patience=10, threshold=1e-4,
    /// threshold_mode='rel', cooldown=0, min_lr=0, eps=1e-8)`; `minLr` holds one value or one per group.
    public init(_ optimizer: Optimizer, mode: Mode = .min, factor: Double = 0.1, patience: Int = 10,
                threshold: Double = 1e-4, thresholdMode: ThresholdMode = .rel, cooldown: Int = 0,
                minLr: [Double] = [0], eps: Double = 1e-8, file: StaticString = #fileID, line: UInt = #line) {
        torchCheck(factor < 1.0, "Factor should be < 1.0.", file: file, line: line)
        let n = optimizer.paramGroups.count
        if minLr.count != 1 {
            torchCheck(minLr.count == n, "expected \(n) min_lrs, got \(minLr.count)", file: file, line: line)
        }
        self.optimizer = optimizer
        self.mode = mode
        self.factor = factor
        self.patience = patience
        self.threshold = threshold
        self.thresholdMode = thresholdMode
        self.cooldown = cooldown
        self.minLrs = minLr.count == 1 ? Array(repeating: minLr[0], count: n) : minLr
        self.eps = eps
        self.best = mode == .min ? .infinity : -.infinity
        self.lastLr = optimizer.paramGroups.map(\.lr)
    }

    /// A single lowest rate for every group.
    public convenience init(_ optimizer: Optimizer, mode: Mode = .min, factor: Double = 0.1, patience: Int = 10,
                            threshold: Double = 1e-4, thresholdMode: ThresholdMode = .rel, cooldown: Int = 0,
                            minLr: Double, eps: Double = 1e-8, file: StaticString = #fileID, line: UInt = #line) {
        self.init(optimizer, mode: mode, factor: factor, patience: patience, threshold: threshold,
                  thresholdMode: thresholdMode, cooldown: cooldown, minLr: [minLr], eps: eps, file: file, line: line)
    }

    private func isBetter(_ a: Double) -> Bool {
        switch (mode, thresholdMode) {
        case (.min, .rel): return a < best * (1 - threshold)
        case (.min, .abs): return a < best - threshold
        case (.max, .rel): return a > best * (threshold + 1)
        case (.max, .abs): return a > best + threshold
        }
    }

    /// Records one epoch's metric and lowers the rates if it has stalled too long.
    public func step(_ metric: Double) {
        lastEpoch += 1
        if isBetter(metric) {
            best = metric
            numBadEpochs = 0
        } else {
            numBadEpochs += 1
        }
        if cooldownCounter > 0 {
            cooldownCounter -= 1
            numBadEpochs = 0
        }
        if numBadEpochs > patience {
            if minLrs.count != optimizer.paramGroups.count, let first = minLrs.first {
                minLrs = Array(repeating: first, count: optimizer.paramGroups.count)
            }
            for i in optimizer.paramGroups.indices {
                let old = optimizer.paramGroups[i].lr
                let new = Swift.max(old * factor, minLrs[i])
                if old - new > eps { optimizer.paramGroups[i].lr = new }
            }
            cooldownCounter = cooldown
            numBadEpochs = 0
        }
        lastLr = optimizer.paramGroups.map(\.lr)
    }

    /// Records one epoch's metric given as a one-element tensor (a loss).
    public func step(_ metric: Tensor) { step(metric.item()) }

    /// The learning rates after the last step, PyTorch's `get_last_lr()`.
    public func getLastLR() -> [Double] { lastLr }
}
