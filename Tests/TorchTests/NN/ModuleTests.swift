import Testing
import Torch

/// A layer with a weight, an optional bias and a buffer, written the way users write modules.
private final class Affine: Module {
    let weight: Parameter
    let bias: Parameter?

    init(_ n: Int, bias: Bool = true) {
        weight = Parameter(Torch.ones([n]))
        self.bias = bias ? Parameter(Torch.zeros([n])) : nil
        super.init()
        registerBuffer("running_mean", Torch.zeros([n]))
    }

    override func forward(_ x: Tensor) -> Tensor { bias.map { x * weight + $0 } ?? x * weight }
    override func extraRepr() -> String { "n=\(weight.numel()), bias=\(bias != nil ? "True" : "False")" }
}

private final class TwoLayer: Module {
    let first = Affine(2)
    let secondLayer = Affine(2, bias: false)
    override func forward(_ x: Tensor) -> Tensor { secondLayer(first(x)) }
}

@Suite struct ModuleTests {
    @Test func parametersAreFoundFromPropertiesInDeclarationOrder() {
        let net = TwoLayer()
        #expect(net.namedParameters().map(\.name) == ["first.weight", "first.bias", "second_layer.weight"])
        #expect(net.parameters().count == 3)
        #expect(net.numParameters() == 6)
        #expect(net.namedChildren().map(\.name) == ["first", "second_layer"])
        #expect(net.namedModules().map(\.name) == ["", "first", "second_layer"])
    }

    @Test func stateDictListsParametersThenBuffersPerModule() {
        let net = TwoLayer()
        #expect(Array(net.stateDict().keys) == ["first.weight", "first.bias", "first.running_mean", "second_layer.weight", "second_layer.running_mean"])
        #expect(net.namedBuffers().map(\.name) == ["first.running_mean", "second_layer.running_mean"])
    }

    @Test func loadStateDictCopiesValues() throws {
        let a = TwoLayer(), b = TwoLayer()
        Torch.noGrad { a.first.weight.fill_(3) }
        try b.loadStateDict(a.stateDict())
        #expect(values(b.first.weight) == [3, 3])
        // The loaded values are copies: changing the source later does not change b.
        Torch.noGrad { a.first.weight.fill_(5) }
        #expect(values(b.first.weight) == [3, 3])
    }

    @Test func loadStateDictReportsEveryProblemTogether() {
        let net = TwoLayer()
        var dict = net.stateDict()
        dict.removeValue(forKey: "first.bias")
        dict["extra"] = Torch.zeros([1])
        dict["second_layer.weight"] = Torch.zeros([3])
        do {
            try net.loadStateDict(dict)
            Issue.record("expected an error")
        } catch let error as StateDictLoadingError {
            #expect(error.missingKeys == ["first.bias"])
            #expect(error.unexpectedKeys == ["extra"])
            #expect(error.description == """
                Error(s) in loading state_dict for TwoLayer:
                \tUnexpected key(s) in state_dict: "extra". 
                \tMissing key(s) in state_dict: "first.bias". 
                \tsize mismatch for second_layer.weight: copying a param with shape torch.Size([3]) from checkpoint, the shape in current model is torch.Size([2]).
                """)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func nonStrictLoadingReturnsUnmatchedKeys() throws {
        let net = TwoLayer()
        var dict = net.stateDict()
        dict.removeValue(forKey: "first.bias")
        dict["extra"] = Torch.zeros([1])
        let result = try net.loadStateDict(dict, strict: false)
        #expect(result == IncompatibleKeys(missingKeys: ["first.bias"], unexpectedKeys: ["extra"]))
    }

    @Test func printsPyTorchsTree() {
        let net = TwoLayer()
        #expect(net.description == """
            TwoLayer(
              (first): Affine(n=2, bias=True)
              (second_layer): Affine(n=2, bias=False)
            )
            """)
        let seq = Sequential(Affine(2), Sequential(Identity(), Flatten()))
        #expect(seq.description == """
            Sequential(
              (0): Affine(n=2, bias=True)
              (1): Sequential(
                (0): Identity()
                (1): Flatten(start_dim=1, end_dim=-1)
              )
            )
            """)
    }

    @Test func sequentialFormsNameTheirLayers() {
        let positional = Sequential(Affine(2), Affine(2))
        #expect(Array(positional.stateDict().keys).filter { $0.hasSuffix("weight") } == ["0.weight", "1.weight"])
        let added = Sequential()
        added.addModule("linear", Affine(2))
        #expect(added.namedParameters().map(\.name) == ["linear.weight", "linear.bias"])
        let named = Sequential(["hidden": Affine(2), "out": Affine(2)])
        #expect(named.namedChildren().map(\.name) == ["hidden", "out"])
        #expect(named[1] === named.namedChildren()[1].module)
        #expect(named[-1] === named[1])
        #expect(values(positional(Torch.ones([2]))) == [1, 1])
    }

    @Test func dynamicMemberLookupReachesParametersOfAPlainModule() {
        let net = Sequential(Affine(2))
        #expect(net[0].weight.shape == [2])
        #expect(net[0].runningMean.shape == [2])
    }

    @Test func trainEvalAndApplyReachEverySubmodule() {
        let net = TwoLayer()
        net.eval()
        #expect(net.modules().allSatisfy { !$0.training })
        net.train()
        #expect(net.first.training)
        var visited: [String] = []
        net.apply { visited.append($0.typeName) }
        #expect(visited == ["Affine", "Affine", "TwoLayer"])
    }

    @Test func zeroGradAndFreezing() {
        let net = TwoLayer()
        net(Torch.ones([2])).sum().backward()
        #expect(net.first.weight.grad != nil)
        net.zeroGrad()
        #expect(net.first.weight.grad == nil)
        net.requiresGrad_(false)
        #expect(net.parameters().allSatisfy { !$0.requiresGrad })
        #expect(net.numParameters(onlyTrainable: true) == 0)
    }

    @Test func forwardHooksSeeAndReplaceOutputs() {
        let net = Affine(2)
        var seen: [Double] = []
        let handle = net.registerForwardHook { _, _, out in seen = values(out); return out * 2 }
        #expect(values(net(Torch.ones([2]))) == [2, 2])
        #expect(seen == [1, 1])
        handle.remove()
        #expect(values(net(Torch.ones([2]))) == [1, 1])
    }

    @Test func parameterPrintsWithPyTorchsPrefix() {
        let p = Parameter(Tensor([1.0, 2.0]))
        #expect(p.description == "Parameter containing:\ntensor([1., 2.], requires_grad=True)")
        #expect(p.isLeaf && p.requiresGrad)
    }

    @Test func moduleListAndDict() {
        let list = ModuleList([Affine(1), Affine(1)])
        #expect(list.count == 2)
        #expect(list.namedParameters().map(\.name) == ["0.weight", "0.bias", "1.weight", "1.bias"])
        let dict = ModuleDict(["a": Affine(1)])
        dict["b"] = Identity()
        #expect(dict.keys == ["a", "b"])
    }

    @Test func missingForwardStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Module()(Torch.zeros([1]))
        }
        #expect(stderrText(result).contains("Module [Module] is missing the required \"forward\" function"))
    }
}
