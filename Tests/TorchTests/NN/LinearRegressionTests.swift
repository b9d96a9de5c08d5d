import Testing
import Torch

/// The seeds' linear-regression walk-through with only Module, Linear and
/// Init: `Sequential(Linear(2, 1))` trained by a hand-written SGD loop on
/// mean squared error follows PyTorch's run (scripts/fixtures/layers.py).
/// Part of the serialized `LayersTests` because it seeds the global generator.
extension LayersTests {
    @Test func linearRegressionTrainsAsPyTorchStepForStep() {
        let golden = fixture["linreg"]
        Torch.manualSeed(0)
        let trueW = Tensor([2.0, -3.4]).to(.float32)
        let trueB = 4.2
        let features = Torch.normal(mean: 0, std: 1, size: [1000, 2])
        var labels = Torch.matmul(features, trueW) + trueB
        labels = labels + Torch.normal(mean: 0, std: 0.01, size: labels.shape)
        labels = labels.reshape([-1, 1])
        expectMatches(features.narrow(0, 0, 3), golden.outputs[2], rtol: 0, atol: 0)
        expectMatches(labels.narrow(0, 0, 3), golden.outputs[3], rtol: 1e-6, atol: 1e-6)

        let net = Sequential(Linear(2, 1))
        Init.normal_(net[0].weight, mean: 0, std: 0.01)
        Init.constant_(net[0].bias, 0)
        #expect(net.description == golden.extra["repr"] as? String)
        #expect(net.description == "Sequential(\n  (0): Linear(in_features=2, out_features=1, bias=True)\n)")

        let lr = 0.03, batchSize = 10
        var epochLosses: [Double] = []
        for _ in 0..<3 {
            for start in stride(from: 0, to: 1000, by: batchSize) {
                let x = features.narrow(0, start, batchSize), y = labels.narrow(0, start, batchSize)
                let loss = (net(x) - y).pow(2).mean()
                net.zeroGrad()
                loss.backward()
                Torch.noGrad {
                    for p in net.parameters() { p.sub_(p.grad! * lr) }
                }
            }
            let loss = Torch.noGrad { (net(features) - labels).pow(2).mean() }
            epochLosses.append(loss.item())
        }
        let weight = net[0].weight, bias = net[0].bias
        expectMatches(weight, golden.outputs[0], rtol: 1e-5, atol: 1e-6)
        expectMatches(bias, golden.outputs[1], rtol: 1e-5, atol: 1e-6)
        expectClose(epochLosses, golden.outputs[4].data, rtol: 1e-3, atol: 1e-7)
        let w = weight.toArray(as: Double.self)
        #expect(abs(w[0] - 2) < 0.01 && abs(w[1] + 3.4) < 0.01)
        #expect(abs(bias.item() - 4.2) < 0.01)
    }
}
