// Cosine schedules, PyTorch's CosineAnnealingLR and CosineAnnealingWarmRestarts.

import Foundation

/// Python's `float ** float` (C `pow`).
func schedulePow(_ a: Double, _ b: Double) -> Double { Foundation.pow(a, b) }

/// Anneals each group's rate along a cosine from its base to `etaMin` over
/// `tMax` epochs (and back, periodically), PyTorch's `CosineAnnealingLR`.
public final class CosineAnnealingLR: LRScheduler {
    /// Half the period, in epochs, PyTorch's `T_max`.
    public let tMax: Int
    /// The lowest rate, PyTorch's `eta_min`.
    public let etaMin: Double

    /// PyTorch's `CosineAnnealingLR(optimizer, T_max, eta_min=0.0, last_epoch=-1)`.
    public init(_ optimizer: Optimizer, tMax: Int, etaMin: Double = 0, lastEpoch: Int = -1,
                file: StaticString = #fileID, line: UInt = #line) {
        self.tMax = tMax
        self.etaMin = etaMin
        super.init(optimizer, lastEpoch: lastEpoch, file: file, line: line)
    }

    public override func getLr() -> [Double] {
        let t = Double(tMax), e = Double(lastEpoch)
        if isInitial { return currentLrs }
        if stepCount == 1 && lastEpoch > 0 {
            return baseLrs.map { etaMin + ($0 - etaMin) * (1 + cos(e * Double.pi / t)) / 2 }
        }
        if (lastEpoch - 1 - tMax) % (2 * tMax) == 0 {
            return zip(baseLrs, currentLrs).map { base, lr in
                lr + (base - etaMin) * (1 - cos(Double.pi / t)) / 2
            }
        }
        return currentLrs.map {
            (1 + cos(Double.pi * e / t)) / (1 + cos(Double.pi * (e - 1) / t)) * ($0 - etaMin) + etaMin
        }
    }

    public override func closedFormLr() -> [Double]? {
        baseLrs.map { etaMin + ($0 - etaMin) * (1 + cos(Double.pi * Double(lastEpoch) / Double(tMax))) / 2 }
    }
}

/// Cosine annealing that restarts from the base rate every `T_i` epochs, with
/// `T_i` growing by `tMult` after each restart, PyTorch's `CosineAnnealingWarmRestarts`.
public final class CosineAnnealingWarmRestarts: LRScheduler {
    /// The first period, PyTorch's `T_0`.
    public let t0: Int
    /// The growth of the period after each restart, PyTorch's `T_mult`.
    public let tMult: Int
    /// The lowest rate, PyTorch's `eta_min`.
    public let etaMin: Double
    /// The current period, PyTorch's `T_i`.
    public private(set) var tI: Double
    /// Epochs since the last restart, PyTorch's `T_cur`.
    public private(set) var tCur: Double

    /// PyTorch's `CosineAnnealingWarmRestarts(optimizer, T_0, T_mult=1, eta_min=0.0, last_epoch=-1)`.
    public init(_ optimizer: Optimizer, t0: Int, tMult: Int = 1, etaMin: Double = 0, lastEpoch: Int = -1,
                file: StaticString = #fileID, line: UInt = #line) {
        torchCheck(t0 > 0, "Expected positive integer T_0, but got \(t0)", file: file, line: line)
        torchCheck(tMult >= 1, "Expected integer T_mult >= 1, but got \(tMult)", file: file, line: line)
        self.t0 = t0
        self.tMult = tMult
        self.etaMin = etaMin
        self.tI = Double(t0)
        self.tCur = Double(lastEpoch)
        super.init(optimizer, lastEpoch: lastEpoch, file: file, line: line)
    }

    public override func getLr() -> [Double] {
        baseLrs.map { etaMin + ($0 - etaMin) * (1 + cos(Double.pi * tCur / tI)) / 2 }
    }

    /// Moves one epoch on, restarting when the period ends.
    public override func step() {
        if lastEpoch < 0 {
            step(epoch: 0)
            return
        }
        tCur += 1
        if tCur >= tI {
            tCur = tCur.truncatingRemainder(dividingBy: tI)
            tI *= Double(tMult)
        }
        apply(epoch: Double(lastEpoch + 1))
    }

    /// Jumps to a (possibly fractional) epoch, as in PyTorch's
    /// `scheduler.step(epoch + i / iters)` inside an epoch.
    public func step(epoch: Double, file: StaticString = #fileID, line: UInt = #line) {
        torchCheck(epoch >= 0, "Expected non-negative epoch, but got \(optimFloatRepr(epoch))", file: file, line: line)
        let t0 = Double(self.t0)
        if epoch >= t0 {
            if tMult == 1 {
                tCur = epoch.truncatingRemainder(dividingBy: t0)
            } else {
                let m = Double(tMult)
                let n = Double(Int(Foundation.log(epoch / t0 * (m - 1) + 1) / Foundation.log(m)))
                tCur = epoch - t0 * (schedulePow(m, n) - 1) / (m - 1)
                tI = t0 * schedulePow(m, n)
            }
        } else {
            tI = t0
            tCur = epoch
        }
        apply(epoch: epoch)
    }

    private func apply(epoch: Double) {
        lastEpoch = Int(epoch.rounded(.down))
        for (i, lr) in getLr().enumerated() { optimizer.paramGroups[i].lr = lr }
        lastLr = currentLrs
    }
}
