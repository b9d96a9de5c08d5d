import Testing
import Torch

/// LazyLinear and the seeds' `model.apply(weights_init)`; part of the
/// serialized `LayersTests` because they draw from the global generator.
extension LayersTests {
    @Test func lazyLinearSizesItselfOnFirstForwardWithLinearsDraws() {
        let lazy = LazyLinear(2)
        #expect(lazy.description == "LazyLinear(in_features=0, out_features=2, bias=True)")
        Torch.manualSeed(0)
        let y = lazy(Torch.ones([4, 3]))
        #expect(y.shape == [4, 2])
        exact(lazy.weight, "default_linear", index: 0)
        exact(lazy.bias!, "default_linear", index: 1)
        #expect(lazy.description == "Linear(in_features=3, out_features=2, bias=True)")
        #expect(lazy.namedParameters().map(\.name) == ["weight", "bias"])
    }

    @Test func applyWithWeightsInitReinitialisesEveryLinear() {
        let model = Sequential(Linear(4, 8), ReLU(), Linear(8, 2))
        model.apply { m in
            if let layer = m as? Linear {
                Init.xavierUniform_(layer.weight, generator: Generator(seed: 3))
                if let bias = layer.bias { Init.zeros_(bias) }
            }
        }
        let first = model[0] as! Linear
        let expected = Init.xavierUniform_(Torch.empty([8, 4]), generator: Generator(seed: 3))
        #expect(first.weight.toArray(as: Float.self) == expected.toArray(as: Float.self))
        #expect(first.bias!.toArray(as: Float.self) == [Float](repeating: 0, count: 8))
        #expect(first.weight.requiresGrad && first.weight.isLeaf)
    }
}

/// The README's `LinearNet` row, written as the table writes it.
private final class LinearNet: Module {
    let linear: Linear
    init(_ n: Int) { linear = Linear(n, 1); super.init() }
    override func forward(_ x: Tensor) -> Tensor { linear(x) }
}

extension LayersTests {
    @Test func linearNetFromTheReadmePrintsAndNamesAsPyTorch() {
        let net = LinearNet(2)
        #expect(net.description == "LinearNet(\n  (linear): Linear(in_features=2, out_features=1, bias=True)\n)")
        #expect(Array(net.stateDict().keys) == ["linear.weight", "linear.bias"])
        #expect(net(Torch.ones([5, 2])).shape == [5, 1])
        let viaLookup = net.linear.weight
        #expect(viaLookup === net.namedParameters()[0].parameter)
    }
}
