import Testing
import Torch

/// The README's PyTorch-to-Swift rows for nn, optim and data, written as the README writes them.
private final class LinearNet: Module {
    let linear: Linear
    init(_ n: Int) { linear = Linear(n, 1); super.init() }
    override func forward(_ x: Tensor) -> Tensor { linear(x) }
}

@Suite(.serialized) struct ReadmeRowsTests {
    @Test func moduleRows() throws {
        let model = LinearNet(2)
        #expect(model.description == "LinearNet(\n  (linear): Linear(in_features=2, out_features=1, bias=True)\n)")
        let seq = Sequential(Linear(10, 32), Sigmoid(), Linear(32, 1))
        #expect(seq(Torch.zeros([4, 10])).shape == [4, 1])
        let net = Sequential(); net.addModule("linear", Linear(2, 1))
        let named = Sequential(["linear": Linear(2, 1)])
        #expect(net[0].weight.shape == [1, 2])
        #expect(Array(named.stateDict().keys) == ["linear.weight", "linear.bias"])
        #expect(model.parameters().count == 2)
        var names: [String] = []
        for (name, p) in model.namedParameters() { names.append(name); #expect(p.requiresGrad) }
        #expect(names == ["linear.weight", "linear.bias"])
        #expect(Array(model.stateDict().keys) == ["linear.weight", "linear.bias"])
        try model.loadStateDict(model.stateDict())
        model.train(); model.eval()
        #expect(!model.training)
        Init.normal_(net[0].weight, mean: 0, std: 0.01)
        Init.constant_(net[0].bias, 0)
        #expect(values(net[0].bias) == [0])
    }

    @Test func layerAndFunctionalRows() {
        let conv = Conv2d(1, 32, kernelSize: 3, padding: 1), pool = MaxPool2d(2), bn = BatchNorm2d(32)
        let x = Torch.zeros([2, 1, 8, 8])
        #expect(pool(bn(conv(x))).shape == [2, 32, 4, 4])
        let lstm = LSTM(128, 256, batchFirst: true)
        let (out, (h, c)) = lstm(Torch.zeros([2, 3, 128]))
        #expect(out.shape == [2, 3, 256] && h.shape == [1, 2, 256] && c.shape == [1, 2, 256])
        let w = Torch.zeros([4, 1, 3, 3])
        #expect(Functional.relu(x).shape == x.shape)
        #expect(Functional.softmax(Torch.zeros([2, 3]), dim: 1).shape == [2, 3])
        #expect(Functional.conv2d(x, w, padding: 1).shape == [2, 4, 8, 8])
    }

    @Test func lossOptimizerAndDataRows() {
        let net = Sequential(Linear(2, 1))
        let criterion = MSELoss(); let loss = criterion(net(Torch.ones([3, 2])), Torch.zeros([3, 1]))
        _ = CrossEntropyLoss(); _ = BCEWithLogitsLoss()
        let optimizer = SGD(net.parameters(), lr: 0.03, momentum: 0.9)
        _ = Adam(net.parameters(), lr: 1e-3, betas: (0.9, 0.999))
        optimizer.zeroGrad(); loss.backward(); optimizer.step()
        for i in optimizer.paramGroups.indices { optimizer.paramGroups[i].lr *= 0.1 }
        expectClose([optimizer.paramGroups[0].lr], [0.003])
        let sched = StepLR(optimizer, stepSize: 10, gamma: 0.1); sched.step()
        #expect(optimizer.description.hasPrefix("SGD (\nParameter Group 0\n"))
        let features = Torch.zeros([20, 2]), labels = Torch.zeros([20])
        let dataset = TensorDataset(features, labels)
        let dataIter = DataLoader(dataset, batchSize: 10, shuffle: true)
        var batches = 0
        for (X, y) in dataIter { #expect(X.shape == [10, 2] && y.shape == [10]); batches += 1 }
        #expect(batches == 2)
    }
}
