import Foundation
import Testing
import Torch

/// Trajectories, state and printouts of every optimizer against PyTorch (scripts/fixtures/optim.py).
@Suite struct OptimizerFixtureTests {
    nonisolated(unsafe) static let fixture = Fixture("optim")

    /// Each case's optimizer, built the way the generator built it in PyTorch.
    nonisolated(unsafe) static let optimizers: [String: ([Tensor]) -> Optimizer] = [
        "sgd": { SGD($0, lr: 0.01) },
        "sgd_momentum": { SGD($0, lr: 0.01, momentum: 0.9) },
        "sgd_dampening_wd": { SGD($0, lr: 0.01, momentum: 0.9, dampening: 0.1, weightDecay: 0.1) },
        "sgd_nesterov": { SGD($0, lr: 0.01, momentum: 0.9, nesterov: true) },
        "sgd_maximize": { SGD($0, lr: 0.01, momentum: 0.5, maximize: true) },
        "sgd_groups": { p in
            SGD([ParamGroup(params: [p[0]]), ParamGroup(params: [p[1]], lr: 0.005)], lr: 0.01, momentum: 0.9)
        },
        "adam": { Adam($0, lr: 0.01) },
        "adam_amsgrad_wd": { Adam($0, lr: 0.01, weightDecay: 0.1, amsgrad: true) },
        "adam_maximize_betas": { Adam($0, lr: 0.01, betas: (0.5, 0.99), maximize: true) },
        "adam_float64": { Adam($0, lr: 0.01) },
        "adamw": { AdamW($0, lr: 0.01) },
        "adamw_amsgrad": { AdamW($0, lr: 0.01, weightDecay: 0.1, amsgrad: true) },
        "adamax": { Adamax($0, lr: 0.01) },
        "adamax_wd": { Adamax($0, lr: 0.01, weightDecay: 0.1, maximize: true) },
        "nadam": { NAdam($0, lr: 0.01) },
        "nadam_decoupled": { NAdam($0, lr: 0.01, weightDecay: 0.1, decoupledWeightDecay: true) },
        "nadam_wd": { NAdam($0, lr: 0.01, weightDecay: 0.1, momentumDecay: 0.01) },
        "radam": { RAdam($0, lr: 0.01) },
        "radam_wd": { RAdam($0, lr: 0.01, weightDecay: 0.1, decoupledWeightDecay: true) },
        "rmsprop": { RMSprop($0, lr: 0.01) },
        "rmsprop_centered_momentum": { RMSprop($0, lr: 0.01, weightDecay: 0.1, momentum: 0.5, centered: true) },
        "adagrad": { Adagrad($0, lr: 0.1) },
        "adagrad_options": { Adagrad($0, lr: 0.1, lrDecay: 0.01, weightDecay: 0.1, initialAccumulatorValue: 0.5) },
        "adadelta": { Adadelta($0) },
        "adadelta_wd": { Adadelta($0, lr: 0.5, rho: 0.8, weightDecay: 0.1, maximize: true) },
    ]

    /// Runs a case's training loop and returns the optimizer and its parameters.
    static func train(_ c: Fixture.Case) -> (Optimizer, Tensor, Tensor) {
        let w = c.inputs[0]!.tensor(requiresGrad: true)
        let b = c.inputs[1]!.tensor(requiresGrad: true)
        let x = c.inputs[2]!.tensor(), y = c.inputs[3]!.tensor()
        let opt = optimizers[c.name]!([w, b])
        for _ in 0..<(c.extra["steps"] as! Int) {
            opt.zeroGrad()
            let loss = (x.matmul(w.t()) + b - y).pow(2).sum()
            loss.backward()
            opt.step()
        }
        return (opt, w, b)
    }

    @Test(arguments: optimizers.keys.sorted())
    func parametersAndStateMatchPyTorchAfterTwelveSteps(_ name: String) {
        let c = Self.fixture[name]
        let (opt, w, b) = Self.train(c)
        expectMatches(w, c.outputs[0], rtol: 1e-6, atol: 1e-7)
        expectMatches(b, c.outputs[1], rtol: 1e-6, atol: 1e-7)
        let keys = c.extra["state_keys"] as! [String]
        let state = opt.state(for: w)
        #expect(state.keys == keys)
        for (i, key) in keys.enumerated() {
            guard let t = state.tensor(key) else {
                Issue.record("\(name): no state \(key)")
                continue
            }
            expectMatches(t, c.outputs[2 + i], rtol: 1e-4, atol: 1e-6)
        }
    }

    @Test(arguments: optimizers.keys.sorted())
    func printoutMatchesPyTorch(_ name: String) {
        let c = Self.fixture[name]
        let (opt, _, _) = Self.train(c)
        #expect(opt.description == c.extra["repr"] as! String)
    }

    @Test(arguments: optimizers.keys.sorted())
    func stateDictHasPyTorchStructure(_ name: String) {
        let c = Self.fixture[name]
        let (opt, _, _) = Self.train(c)
        let sd = opt.stateDict()
        let groups = sd["param_groups"]!.elements!
        let keys = groups[0].entries!.map { $0.key.description.trimmingCharacters(in: ["'"]) }
        #expect(keys == c.extra["group_keys"] as! [String])
        let indices = groups.map { $0["params"]!.elements!.map { $0.intValue! } }
        #expect(indices == c.extra["params_index"] as! [[Int]])
        let stateIndices = sd["state"]!.entries!.map { $0.key.intValue! }
        #expect(stateIndices == c.extra["state_indices"] as! [Int])
    }

    @Test func stateDictRoundTripContinuesTheSameTrajectory() {
        let c = Self.fixture["adam"]
        let (opt, w, b) = Self.train(c)
        // A fresh optimizer over copies, loaded from the state_dict, must step exactly like the original.
        let w2 = w.detach().clone().requiresGrad_(), b2 = b.detach().clone().requiresGrad_()
        let opt2 = Adam([w2, b2], lr: 0.5)
        try! opt2.loadStateDict(opt.stateDict())
        #expect(opt2.paramGroups[0].lr == 0.01)
        let x = c.inputs[2]!.tensor(), y = c.inputs[3]!.tensor()
        for (o, pw, pb) in [(opt, w, b), (opt2, w2, b2)] {
            o.zeroGrad()
            (x.matmul(pw.t()) + pb - y).pow(2).sum().backward()
            o.step()
        }
        #expect(values(w) == values(w2))
        #expect(values(b) == values(b2))
        #expect(opt2.state(for: w2).tensor("step")!.item() == 13)
    }

    @Test func loadingAStateDictWithOtherGroupsThrows() {
        let a = Torch.zeros([2]).requiresGrad_(), b = Torch.zeros([3]).requiresGrad_()
        let one = SGD([a, b], lr: 0.1)
        let two = SGD([ParamGroup(params: [a]), ParamGroup(params: [b])], lr: 0.1)
        #expect(throws: OptimizerStateError.self) { try one.loadStateDict(two.stateDict()) }
        let three = SGD([Torch.zeros([1]).requiresGrad_()], lr: 0.1)
        do {
            try three.loadStateDict(one.stateDict())
            Issue.record("expected a throw")
        } catch {
            #expect("\(error)" == "loaded state dict contains a parameter group that doesn't match the size of optimizer's group")
        }
    }
}
