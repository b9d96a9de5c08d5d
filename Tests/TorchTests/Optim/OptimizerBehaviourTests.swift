import Testing
import Torch

/// Parameter groups, zeroGrad, closures and argument errors.
@Suite struct OptimizerBehaviourTests {
    @Test func groupsTakeDefaultsForOptionsTheyLeaveUnset() {
        let base = Torch.zeros([2]).requiresGrad_(), head = Torch.zeros([2]).requiresGrad_()
        let opt = SGD([ParamGroup(params: [base]), ParamGroup(params: [head], lr: 1e-2)], lr: 1e-3, momentum: 0.9)
        #expect(opt.paramGroups[0].lr == 1e-3)
        #expect(opt.paramGroups[1].lr == 1e-2)
        #expect(opt.paramGroups[1].momentum == 0.9)
        for i in opt.paramGroups.indices { opt.paramGroups[i].lr *= 0.1 }
        #expect(Swift.abs(opt.paramGroups[1].lr - 1e-3) < 1e-18)
    }

    @Test func addParamGroupAppendsWithDefaults() {
        let opt = Adam([Torch.zeros([2]).requiresGrad_()], lr: 0.01)
        opt.addParamGroup(ParamGroup(params: [Torch.zeros([3]).requiresGrad_()], betas: (0.5, 0.9)))
        #expect(opt.paramGroups.count == 2)
        #expect(opt.paramGroups[1].lr == 0.01)
        #expect(opt.paramGroups[1].betas == (0.5, 0.9))
    }

    @Test func zeroGradSetsToNoneOrZeroes() {
        let p = Torch.ones([3]).requiresGrad_()
        let opt = SGD([p], lr: 0.1)
        (p * p).sum().backward()
        opt.zeroGrad(setToNone: false)
        #expect(values(p.grad!) == [0, 0, 0])
        opt.zeroGrad()
        #expect(p.grad == nil)
    }

    @Test func stepSkipsParametersWithoutGradient() {
        let p = Torch.ones([2]).requiresGrad_()
        let opt = Adam([p], lr: 0.1)
        opt.step()
        #expect(values(p) == [1, 1])
        #expect(opt.state(for: p).isEmpty)
    }

    @Test func stepWithClosureReturnsTheLoss() {
        let p = Tensor([2.0]).float().requiresGrad_()
        let opt = SGD([p], lr: 0.25)
        let loss = opt.step { opt.zeroGrad(); let l = (p * p).sum(); l.backward(); return l }
        #expect(loss.item() == 4)
        #expect(values(p) == [1])
    }

    @Test func updatesWriteThroughToTheParameterStorage() {
        let p = Torch.ones([2, 2]).requiresGrad_()
        let version = p.version
        let opt = SGD([p], lr: 0.5, momentum: 0.9)
        p.grad = Torch.ones([2, 2])
        opt.step()
        #expect(values(p) == [0.5, 0.5, 0.5, 0.5])
        #expect(p.version > version)
    }

    @Test func nonContiguousAndHalfParametersAreUpdatedThroughTheirLayout() {
        let base = Torch.zeros([2, 3]).requiresGrad_()
        let half = Torch.ones([3]).to(.float16).requiresGrad_()
        let opt = Adam([base, half], lr: 0.1)
        base.grad = Torch.ones([3, 2]).t()
        half.grad = Torch.ones([3]).to(.float16)
        opt.step()
        expectClose(values(base), Array(repeating: -0.1, count: 6), rtol: 1e-5)
        expectClose(values(half), Array(repeating: 0.9, count: 3), rtol: 1e-3)
    }

    @Test func printoutShowsSchedulerKeys() {
        let opt = SGD([Torch.zeros([1]).requiresGrad_()], lr: 0.1)
        _ = StepLR(opt, stepSize: 2)
        #expect(opt.description.contains("    initial_lr: 0.1\n"))
    }

    @Test func emptyParameterListStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = SGD([Tensor](), lr: 0.1)
        }
        #expect(stderrText(result).contains("optimizer got an empty parameter list"))
    }

    @Test func nonLeafParameterStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let x = Torch.ones([2]).requiresGrad_()
            _ = Adam([x * 2])
        }
        #expect(stderrText(result).contains("can't optimize a non-leaf Tensor"))
    }

    @Test func negativeLearningRateStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = SGD([Torch.ones([2]).requiresGrad_()], lr: -0.1)
        }
        #expect(stderrText(result).contains("Invalid learning rate: -0.1"))
    }

    @Test func betaOutOfRangeStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Adam([Torch.ones([2]).requiresGrad_()], betas: (1.5, 0.999))
        }
        #expect(stderrText(result).contains("Invalid beta parameter at index 0: 1.5"))
    }

    @Test func nesterovWithoutMomentumStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = SGD([Torch.ones([2]).requiresGrad_()], lr: 0.1, nesterov: true)
        }
        #expect(stderrText(result).contains("Nesterov momentum requires a momentum and zero dampening"))
    }

    @Test func negativeMomentumStopsWithPythonIntegerText() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = RMSprop([Torch.ones([2]).requiresGrad_()], momentum: -1)
        }
        #expect(stderrText(result).contains("Invalid momentum value: -1\n") || stderrText(result).hasSuffix("Invalid momentum value: -1"))
    }

    @Test func parameterInTwoGroupsStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let p = Torch.ones([2]).requiresGrad_()
            _ = SGD([ParamGroup(params: [p]), ParamGroup(params: [p])], lr: 0.1)
        }
        #expect(stderrText(result).contains("some parameters appear in more than one parameter group"))
    }
}
