// Cyclical schedules, PyTorch's CyclicLR and OneCycleLR.

import Foundation

/// One value per parameter group: a single value repeated, or a list checked
/// against the group count (PyTorch's `_format_param`).
func schedulePerGroup(_ name: String, _ optimizer: Optimizer, _ values: [Double], file: StaticString, line: UInt) -> [Double] {
    let n = optimizer.paramGroups.count
    if values.count == 1 { return Array(repeating: values[0], count: n) }
    torchCheck(values.count == n, "expected \(n) values for \(name), got \(values.count)", file: file, line: line)
    return values
}

extension Optimizer {
    /// Whether the optimizer's momentum is beta1 of `betas` (Adam family) rather than `momentum`.
    func cyclesBeta1(file: StaticString, line: UInt) -> Bool {
        let keys = Set(defaults.map(\.key))
        torchCheck(keys.contains("momentum") || keys.contains("betas"),
                   "optimizer must support momentum or beta1 with `cycle_momentum` option enabled",
                   file: file, line: line)
        return keys.contains("betas")
    }
}

extension ParamGroup {
    /// Sets the momentum a cyclic schedule controls: beta1 or `momentum`.
    mutating func setCycledMomentum(_ m: Double, beta1: Bool) {
        if beta1 { betas = (m, betas.1) } else { momentum = m }
    }
}

/// Cycles each group's rate between `baseLr` and `maxLr` (and momentum the
/// opposite way), stepped per batch, PyTorch's `CyclicLR`.
public final class CyclicLR: LRScheduler {
    /// The shape of the cycles.
    public enum Mode: String { case triangular, triangular2, expRange = "exp_range" }
    /// Whether the scale function sees the cycle number or the iteration.
    public enum ScaleMode: String { case cycle, iterations }

    /// Each group's upper rate, PyTorch's `max_lrs`.
    public let maxLrs: [Double]
    let totalSize: Double
    let stepRatio: Double
    let scaleFn: (Double) -> Double
    let scaleMode: ScaleMode
    let cycleMomentum: Bool
    let useBeta1: Bool
    let baseMomentums: [Double]
    let maxMomentums: [Double]

    /// PyTorch's `CyclicLR(optimizer, base_lr, max_lr, step_size_up=2000, step_size_down=None,
    /// mode='triangular', gamma=1.0, scale_fn=None, scale_mode='cycle', cycle_momentum=True,
    /// base_momentum=0.8, max_momentum=0.9, last_epoch=-1)`; lists give one value per group.
    public init(
        _ optimizer: Optimizer, baseLr: [Double], maxLr: [Double], stepSizeUp: Int = 2000, stepSizeDown: Int? = nil,
        mode: Mode = .triangular, gamma: Double = 1.0, scaleFn: ((Double) -> Double)? = nil,
        scaleMode: ScaleMode = .cycle, cycleMomentum: Bool = true, baseMomentum: [Double] = [0.8],
        maxMomentum: [Double] = [0.9], lastEpoch: Int = -1, file: StaticString = #fileID, line: UInt = #line
    ) {
        let baseLrs = schedulePerGroup("base_lr", optimizer, baseLr, file: file, line: line)
        if lastEpoch == -1 {
            for (i, lr) in baseLrs.enumerated() { optimizer.paramGroups[i].lr = lr }
        }
        maxLrs = schedulePerGroup("max_lr", optimizer, maxLr, file: file, line: line)
        let up = Double(stepSizeUp), down = stepSizeDown.map(Double.init) ?? up
        totalSize = up + down
        stepRatio = up / totalSize
        if let scaleFn {
            self.scaleFn = scaleFn
            self.scaleMode = scaleMode
        } else {
            switch mode {
            case .triangular: self.scaleFn = { _ in 1.0 }; self.scaleMode = .cycle
            case .triangular2: self.scaleFn = { x in 1 / schedulePow(2.0, x - 1) }; self.scaleMode = .cycle
            case .expRange: self.scaleFn = { x in schedulePow(gamma, x) }; self.scaleMode = .iterations
            }
        }
        self.cycleMomentum = cycleMomentum
        if cycleMomentum {
            useBeta1 = optimizer.cyclesBeta1(file: file, line: line)
            baseMomentums = schedulePerGroup("base_momentum", optimizer, baseMomentum, file: file, line: line)
            maxMomentums = schedulePerGroup("max_momentum", optimizer, maxMomentum, file: file, line: line)
            if lastEpoch == -1 {
                for i in optimizer.paramGroups.indices {
                    optimizer.paramGroups[i].setCycledMomentum(maxMomentums[i], beta1: useBeta1)
                    optimizer.paramGroups[i]["max_momentum"] = .double(maxMomentums[i])
                    optimizer.paramGroups[i]["base_momentum"] = .double(baseMomentums[i])
                }
            }
        } else {
            useBeta1 = false
            baseMomentums = []
            maxMomentums = []
        }
        super.init(optimizer, lastEpoch: lastEpoch, file: file, line: line)
        self.baseLrs = baseLrs
    }

    /// A single base and maximum rate for every group.
    public convenience init(
        _ optimizer: Optimizer, baseLr: Double, maxLr: Double, stepSizeUp: Int = 2000, stepSizeDown: Int? = nil,
        mode: Mode = .triangular, gamma: Double = 1.0, scaleFn: ((Double) -> Double)? = nil,
        scaleMode: ScaleMode = .cycle, cycleMomentum: Bool = true, baseMomentum: Double = 0.8,
        maxMomentum: Double = 0.9, lastEpoch: Int = -1, file: StaticString = #fileID, line: UInt = #line
    ) {
        self.init(optimizer, baseLr: [baseLr], maxLr: [maxLr], stepSizeUp: stepSizeUp, stepSizeDown: stepSizeDown,
                  mode: mode, gamma: gamma, scaleFn: scaleFn, scaleMode: scaleMode, cycleMomentum: cycleMomentum,
                  baseMomentum: [baseMomentum], maxMomentum: [maxMomentum], lastEpoch: lastEpoch,
                  file: file, line: line)
    }

    public override func getLr() -> [Double] {
        let e = Double(lastEpoch)
        let cycle = (1 + e / totalSize).rounded(.down)
        let x = 1.0 + e / totalSize - cycle
        let scaleFactor = x <= stepRatio ? x / stepRatio : (x - 1) / (stepRatio - 1)
        let scale = scaleFn(scaleMode == .cycle ? cycle : e)
        let lrs = zip(baseLrs, maxLrs).map { base, top in base + (top - base) * scaleFactor * scale }
        if cycleMomentum {
            for i in optimizer.paramGroups.indices {
                let height = (maxMomentums[i] - baseMomentums[i]) * scaleFactor
                optimizer.paramGroups[i].setCycledMomentum(maxMomentums[i] - height * scale, beta1: useBeta1)
            }
        }
        return lrs
    }
}

/// The 1cycle policy: the rate rises from `maxLr / divFactor` to `maxLr`, then
/// anneals far below the start (momentum moves the other way), PyTorch's `OneCycleLR`.
public final class OneCycleLR: LRScheduler {
    /// How each phase moves between its end points.
    public enum AnnealStrategy: String { case cos, linear }

    struct Phase {
        let endStep: Double
        let startLr, endLr, startMomentum, endMomentum: String
    }

    /// The number of steps in the cycle, PyTorch's `total_steps`.
    public let totalSteps: Int
    let phases: [Phase]
    let anneal: AnnealStrategy
    let cycleMomentum: Bool
    let useBeta1: Bool

    /// PyTorch's `OneCycleLR(optimizer, max_lr, total_steps=None, epochs=None, steps_per_epoch=None,
    /// pct_start=0.3, anneal_strategy='cos', cycle_momentum=True, base_momentum=0.85, max_momentum=0.95,
    /// div_factor=25.0, final_div_factor=1e4, three_phase=False, last_epoch=-1)`.
    public init(
        _ optimizer: Optimizer, maxLr: [Double], totalSteps: Int? = nil, epochs: Int? = nil,
        stepsPerEpoch: Int? = nil, pctStart: Double = 0.3, annealStrategy: AnnealStrategy = .cos,
        cycleMomentum: Bool = true, baseMomentum: [Double] = [0.85], maxMomentum: [Double] = [0.95],
        divFactor: Double = 25.0, finalDivFactor: Double = 1e4, threePhase: Bool = false, lastEpoch: Int = -1,
        file: StaticString = #fileID, line: UInt = #line
    ) {
        if let totalSteps {
            torchCheck(totalSteps > 0, "Expected positive integer total_steps, but got \(totalSteps)", file: file, line: line)
            self.totalSteps = totalSteps
        } else if let epochs, let stepsPerEpoch {
            torchCheck(epochs > 0, "Expected positive integer epochs, but got \(epochs)", file: file, line: line)
            torchCheck(stepsPerEpoch > 0, "Expected positive integer steps_per_epoch, but got \(stepsPerEpoch)",
                       file: file, line: line)
            self.totalSteps = epochs * stepsPerEpoch
        } else {
            torchFail("You must define either total_steps OR (epochs AND steps_per_epoch)", file: file, line: line)
        }
        let total = Double(self.totalSteps)
        if threePhase {
            phases = [
                Phase(endStep: pctStart * total - 1, startLr: "initial_lr", endLr: "max_lr",
                      startMomentum: "max_momentum", endMomentum: "base_momentum"),
                Phase(endStep: 2 * pctStart * total - 2, startLr: "max_lr", endLr: "initial_lr",
                      startMomentum: "base_momentum", endMomentum: "max_momentum"),
                Phase(endStep: total - 1, startLr: "initial_lr", endLr: "min_lr",
                      startMomentum: "max_momentum", endMomentum: "max_momentum"),
            ]
        } else {
            phases = [
                Phase(endStep: pctStart * total - 1, startLr: "initial_lr", endLr: "max_lr",
                      startMomentum: "max_momentum", endMomentum: "base_momentum"),
                Phase(endStep: total - 1, startLr: "max_lr", endLr: "min_lr",
                      startMomentum: "base_momentum", endMomentum: "max_momentum"),
            ]
        }
        torchCheck(pctStart >= 0 && pctStart <= 1,
                   "Expected float between 0 and 1 pct_start, but got \(optimFloatRepr(pctStart))", file: file, line: line)
        anneal = annealStrategy
        let maxLrs = schedulePerGroup("max_lr", optimizer, maxLr, file: file, line: line)
        if lastEpoch == -1 {
            for i in optimizer.paramGroups.indices {
                let initial = maxLrs[i] / divFactor
                optimizer.paramGroups[i]["initial_lr"] = .double(initial)
                optimizer.paramGroups[i]["max_lr"] = .double(maxLrs[i])
                optimizer.paramGroups[i]["min_lr"] = .double(initial / finalDivFactor)
            }
        }
        self.cycleMomentum = cycleMomentum
        if cycleMomentum {
            useBeta1 = optimizer.cyclesBeta1(file: file, line: line)
            let maxM = schedulePerGroup("max_momentum", optimizer, maxMomentum, file: file, line: line)
            let baseM = schedulePerGroup("base_momentum", optimizer, baseMomentum, file: file, line: line)
            if lastEpoch == -1 {
                for i in optimizer.paramGroups.indices {
                    optimizer.paramGroups[i].setCycledMomentum(maxM[i], beta1: useBeta1)
                    optimizer.paramGroups[i]["max_momentum"] = .double(maxM[i])
                    optimizer.paramGroups[i]["base_momentum"] = .double(baseM[i])
                }
            }
        } else {
            useBeta1 = false
        }
        super.init(optimizer, lastEpoch: lastEpoch, file: file, line: line)
    }

    /// A single maximum rate for every group.
    public convenience init(
        _ optimizer: Optimizer, maxLr: Double, totalSteps: Int? = nil, epochs: Int? = nil,
        stepsPerEpoch: Int? = nil, pctStart: Double = 0.3, annealStrategy: AnnealStrategy = .cos,
        cycleMomentum: Bool = true, baseMomentum: Double = 0.85, maxMomentum: Double = 0.95,
        divFactor: Double = 25.0, finalDivFactor: Double = 1e4, threePhase: Bool = false, lastEpoch: Int = -1,
        file: StaticString = #fileID, line: UInt = #line
    ) {
        self.init(optimizer, maxLr: [maxLr], totalSteps: totalSteps, epochs: epochs, stepsPerEpoch: stepsPerEpoch,
                  pctStart: pctStart, annealStrategy: annealStrategy, cycleMomentum: cycleMomentum,
                  baseMomentum: [baseMomentum], maxMomentum: [maxMomentum], divFactor: divFactor,
                  finalDivFactor: finalDivFactor, threePhase: threePhase, lastEpoch: lastEpoch, file: file, line: line)
    }

    private func annealed(_ start: Double, _ end: Double, _ pct: Double) -> Double {
        switch anneal {
        case .cos: return end + (start - end) / 2.0 * (cos(Double.pi * pct) + 1)
        case .linear: return (end - start) * pct + start
        }
    }

    public override func getLr() -> [Double] {
        let stepNum = Double(lastEpoch)
        torchCheck(lastEpoch <= totalSteps,
                   "Tried to step \(lastEpoch) times. The specified number of total steps is \(totalSteps)",
                   file: #fileID, line: #line)
        var lrs: [Double] = []
        for gi in optimizer.paramGroups.indices {
            let group = optimizer.paramGroups[gi]
            var start = 0.0
            for (i, phase) in phases.enumerated() {
                if stepNum <= phase.endStep || i == phases.count - 1 {
                    let pct = (stepNum - start) / (phase.endStep - start)
                    lrs.append(annealed(group.number(phase.startLr), group.number(phase.endLr), pct))
                    if cycleMomentum {
                        let m = annealed(group.number(phase.startMomentum), group.number(phase.endMomentum), pct)
                        optimizer.paramGroups[gi].setCycledMomentum(m, beta1: useBeta1)
                    }
                    break
                }
                start = phase.endStep
            }
        }
        return lrs
    }
}
