// Chaining schedulers by epoch ranges, PyTorch's SequentialLR.

/// Runs one scheduler after another, switching at the milestone epochs,
/// PyTorch's `SequentialLR`.
///
/// ```swift
/// let warmup = LinearLR(opt, startFactor: 0.1, totalIters: 5)
/// let decay = ExponentialLR(opt, gamma: 0.9)
/// let sched = SequentialLR(opt, schedulers: [warmup, decay], milestones: [5])
/// ```
public final class SequentialLR: LRScheduler {
    /// The schedulers, in the order they run.
    public let schedulers: [LRScheduler]
    /// The epochs at which the next scheduler takes over.
    public let milestones: [Int]

    /// PyTorch's `SequentialLR(optimizer, schedulers, milestones, last_epoch=-1)`.
    public init(_ optimizer: Optimizer, schedulers: [LRScheduler], milestones: [Int], lastEpoch: Int = -1,
                file: StaticString = #fileID, line: UInt = #line) {
        torchCheck(!schedulers.isEmpty, "SequentialLR expects at least one scheduler, but got no scheduler.",
                   file: file, line: line)
        for (i, s) in schedulers.enumerated() {
            torchCheck(s.optimizer === optimizer,
                       "SequentialLR expects all schedulers to belong to the same optimizer, but got scheduler \(type(of: s)) at index \(i) has \(s.optimizer), which is different from \(type(of: optimizer)).",
                       file: file, line: line)
        }
        torchCheck(milestones.count == schedulers.count - 1,
                   "Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points, but got number of schedulers \(schedulers.count) and the number of milestones to be equal to \(milestones.count)",
                   file: file, line: line)
        self.schedulers = schedulers
        self.milestones = milestones
        super.init(driving: optimizer, lastEpoch: lastEpoch + 1)
        // The sub-schedulers each took a step when built: undo those and start the first afresh.
        for i in optimizer.paramGroups.indices {
            optimizer.paramGroups[i].lr = optimizer.paramGroups[i].initialLr ?? optimizer.paramGroups[i].lr
        }
        Self.undoStep(self)
        let first = schedulers[scheduleBisectRight(milestones, 0)]
        first.initialStep()
        lastLr = first.getLastLR()
    }

    private static func undoStep(_ s: LRScheduler) {
        if let seq = s as? SequentialLR {
            for inner in seq.schedulers { undoStep(inner) }
        } else {
            s.lastEpoch -= 1
        }
    }

    /// Steps the scheduler whose range holds the next epoch; a scheduler starts
    /// from its epoch-0 rate at its milestone.
    public override func step() {
        lastEpoch += 1
        let i = scheduleBisectRight(milestones, lastEpoch)
        let s = schedulers[i]
        if i > 0 && milestones[i - 1] == lastEpoch {
            s.updateLr(epoch: 0)
        } else {
            s.step()
        }
        lastLr = s.getLastLR()
    }
}

/// Python's `bisect.bisect_right`: the count of elements not greater than `x` in a sorted list.
func scheduleBisectRight(_ sorted: [Int], _ x: Int) -> Int {
    var lo = 0, hi = sorted.count
    while lo < hi {
        let mid = (lo + hi) / 2
        if x < sorted[mid] { hi = mid } else { lo = mid + 1 }
    }
    return lo
}
