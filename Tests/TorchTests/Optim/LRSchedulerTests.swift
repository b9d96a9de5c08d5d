import Foundation
import Testing
import Torch

/// Learning-rate sequences of every scheduler against PyTorch (scripts/fixtures/optim.py).
@Suite struct LRSchedulerTests {
    nonisolated(unsafe) static let fixture = Fixture("optim")

    /// What a scheduler case steps: a schedule or ReduceLROnPlateau with its metrics.
    enum Stepper {
        case schedule(LRScheduler)
        case plateau(ReduceLROnPlateau)

        func step(_ i: Int) {
            switch self {
            case .schedule(let s): s.step()
            case .plateau(let p): p.step(LRSchedulerTests.plateauMetrics[i])
            }
        }

        var lastLR: [Double] {
            switch self {
            case .schedule(let s): s.getLastLR()
            case .plateau(let p): p.getLastLR()
            }
        }
    }

    static let plateauMetrics = [1.0, 0.9, 0.95, 0.95, 0.95, 0.95, 0.89, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9,
                                 0.5, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6]

    /// Case name -> (groups, uses Adam, steps, scheduler factory), as the generator builds them.
    nonisolated(unsafe) static let schedules: [String: (Int, Bool, Int, (Optimizer) -> Stepper)] = [
        "step_lr": (2, false, 25, { .schedule(StepLR($0, stepSize: 3, gamma: 0.5)) }),
        "multistep_lr": (1, false, 25, { .schedule(MultiStepLR($0, milestones: [2, 5, 5, 9], gamma: 0.5)) }),
        "exponential_lr": (1, false, 25, { .schedule(ExponentialLR($0, gamma: 0.9)) }),
        "cosine_annealing_lr": (2, false, 30, { .schedule(CosineAnnealingLR($0, tMax: 7, etaMin: 0.01)) }),
        "cosine_warm_restarts": (1, false, 30, {
            .schedule(CosineAnnealingWarmRestarts($0, t0: 3, tMult: 2, etaMin: 0.001))
        }),
        "cosine_warm_restarts_mult1": (1, false, 25, { .schedule(CosineAnnealingWarmRestarts($0, t0: 4)) }),
        "lambda_lr": (2, false, 25, { .schedule(LambdaLR($0, lrLambda: { Foundation.pow(0.95, Double($0)) })) }),
        "multiplicative_lr": (1, false, 25, {
            .schedule(MultiplicativeLR($0, lrLambda: { $0 % 2 != 0 ? 0.9 : 0.99 }))
        }),
        "linear_lr": (1, false, 25, { .schedule(LinearLR($0, startFactor: 0.25, endFactor: 0.9, totalIters: 6)) }),
        "constant_lr": (1, false, 25, { .schedule(ConstantLR($0, factor: 0.5, totalIters: 4)) }),
        "onecycle_lr": (2, false, 25, { .schedule(OneCycleLR($0, maxLr: 1.0, totalSteps: 25)) }),
        "onecycle_lr_linear_three_phase_adam": (1, true, 25, {
            .schedule(OneCycleLR($0, maxLr: 0.5, totalSteps: 25, annealStrategy: .linear, threePhase: true))
        }),
        "cyclic_lr": (1, false, 25, { .schedule(CyclicLR($0, baseLr: 0.01, maxLr: 0.1, stepSizeUp: 4)) }),
        "cyclic_lr_triangular2": (1, false, 25, {
            .schedule(CyclicLR($0, baseLr: 0.01, maxLr: 0.1, stepSizeUp: 3, stepSizeDown: 5, mode: .triangular2))
        }),
        "cyclic_lr_exp_range_adam": (1, true, 25, {
            .schedule(CyclicLR($0, baseLr: 0.001, maxLr: 0.1, stepSizeUp: 4, mode: .expRange, gamma: 0.9))
        }),
        "sequential_lr": (1, false, 25, { o in
            .schedule(SequentialLR(o, schedulers: [
                LinearLR(o, startFactor: 0.1, totalIters: 4), ExponentialLR(o, gamma: 0.9), StepLR(o, stepSize: 2),
            ], milestones: [4, 10]))
        }),
        "sequential_lr_cosine": (1, false, 25, { o in
            .schedule(SequentialLR(o, schedulers: [ConstantLR(o, factor: 0.5, totalIters: 3), CosineAnnealingLR(o, tMax: 5)],
                                   milestones: [6]))
        }),
        "reduce_on_plateau": (1, false, 25, {
            .plateau(ReduceLROnPlateau($0, factor: 0.5, patience: 2, cooldown: 1, minLr: 0.02))
        }),
        "reduce_on_plateau_max_abs": (2, false, 25, {
            .plateau(ReduceLROnPlateau($0, mode: .max, patience: 1, threshold: 0.05, thresholdMode: .abs))
        }),
    ]

    /// The optimizer of a schedule case: group i has lr 0.1 * (i + 1).
    static func optimizer(groups: Int, adam: Bool) -> Optimizer {
        let gs = (0..<groups).map { ParamGroup(params: [Torch.zeros([2]).requiresGrad_()], lr: 0.1 * Double($0 + 1)) }
        return adam ? Adam(gs, lr: 0.1) : SGD(gs, lr: 0.1, momentum: 0.9)
    }

    static func momentum(_ o: Optimizer) -> Double {
        let g = o.paramGroups[0]
        return g["betas"] != nil ? g.betas.0 : g.momentum
    }

    @Test(arguments: schedules.keys.sorted())
    func learningRatesFollowPyTorch(_ name: String) {
        let c = Self.fixture[name]
        let (groups, adam, steps, make) = Self.schedules[name]!
        let opt = Self.optimizer(groups: groups, adam: adam)
        let sched = make(opt)
        var lrs = [sched.lastLR]
        var moms = [Self.momentum(opt)]
        for i in 0..<steps {
            opt.step()
            sched.step(i)
            lrs.append(sched.lastLR)
            moms.append(Self.momentum(opt))
        }
        let expected = (c.extra["lrs"] as! [[String]]).map { $0.map { Double($0)! } }
        #expect(lrs.count == expected.count)
        for (i, (a, e)) in zip(lrs, expected).enumerated() {
            expectClose(a, e, rtol: 1e-12, atol: 1e-15)
            if a.count != e.count { Issue.record("step \(i)") }
        }
        expectClose(moms, (c.extra["momentums"] as! [String]).map { Double($0)! }, rtol: 1e-12, atol: 1e-15)
        #expect(opt.description == c.extra["repr"] as! String)
    }

    @Test func warmRestartsAcceptFractionalEpochs() {
        let opt = SGD([Torch.zeros([1]).requiresGrad_()], lr: 0.1)
        let sched = CosineAnnealingWarmRestarts(opt, t0: 2, tMult: 2)
        sched.step(epoch: 2.5)
        // T_i doubles at epoch 2: 0.5 epochs into a 4-epoch cycle.
        #expect(sched.tI == 4)
        #expect(Swift.abs(sched.getLastLR()[0] - 0.05 * (1 + cos(Double.pi * 0.5 / 4))) < 1e-15)
        #expect(sched.lastEpoch == 2)
    }

    @Test func schedulerRecordsInitialLrInTheParamGroups() {
        let opt = SGD([Torch.zeros([1]).requiresGrad_()], lr: 0.5)
        let sched = StepLR(opt, stepSize: 1, gamma: 0.1)
        #expect(opt.paramGroups[0].initialLr == 0.5)
        sched.step()
        #expect(Swift.abs(opt.paramGroups[0].lr - 0.05) < 1e-16)
        #expect(sched.lastEpoch == 1)
    }

    @Test func constantFactorOutOfRangeStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = ConstantLR(SGD([Torch.ones([1]).requiresGrad_()], lr: 0.1), factor: 1.5)
        }
        #expect(stderrText(result).contains("Constant multiplicative factor expected to be between 0 and 1."))
    }

    @Test func sequentialWithWrongMilestoneCountStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let o = SGD([Torch.ones([1]).requiresGrad_()], lr: 0.1)
            _ = SequentialLR(o, schedulers: [ExponentialLR(o, gamma: 0.9)], milestones: [3])
        }
        #expect(stderrText(result).contains("Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points, but got number of schedulers 1 and the number of milestones to be equal to 1"))
    }

    @Test func oneCycleStepsPastTheEndStop() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let s = OneCycleLR(SGD([Torch.ones([1]).requiresGrad_()], lr: 0.1, momentum: 0.9), maxLr: 1, totalSteps: 2)
            for _ in 0..<3 { s.step() }
        }
        #expect(stderrText(result).contains("Tried to step 3 times. The specified number of total steps is 2"))
    }
}
