import Testing
import Torch

/// The seed's `MyModel` (quick start), ported as a user would write it.
private final class MyModel: Module {
    let net: Sequential

    override init() {
        net = Sequential(
            Linear(10, 32),
            Sigmoid(),
            Linear(32, 1)
        )
        super.init()
    }

    override func forward(_ x: Tensor) -> Tensor { net(x) }
}

/// The seed's `NeuralNetwork` (what PyTorch is), ported as a user would write it.
private final class NeuralNetwork: Module {
    let flatten: Flatten
    let linearReluStack: Sequential

    override init() {
        flatten = Flatten()
        linearReluStack = Sequential(
            Linear(28 * 28, 512),
            ReLU(),
            Linear(512, 512),
            ReLU(),
            Linear(512, 10)
        )
        super.init()
    }

    override func forward(_ x: Tensor) -> Tensor {
        let x = flatten(x)
        let logits = linearReluStack(x)
        return logits
    }
}

/// Ten features; the label says which side of a fixed plane the point lies on.
private func twoClassData(_ n: Int) -> (Tensor, Tensor) {
    let x = Torch.randn([n, 10])
    let y = (x.select(1, 0) - x.select(1, 1) + 0.5 * x.select(1, 2)).gt(0).float().reshape([-1, 1])
    return (x, y)
}

/// Noisy copies of ten random binary 28x28 prototypes; the label is the prototype.
private func prototypeImages(_ prototypes: Tensor, _ n: Int) -> (Tensor, Tensor) {
    let labels = Torch.randint(0, 10, [n])
    let images = prototypes.indexSelect(0, labels) + Torch.randn([n, 1, 28, 28])
    return (images, labels)
}

extension EndToEndTests {
    /// The seeds' quick-start training loop (model.train(), zeroGrad, backward, step;
    /// then model.eval() + noGrad validation) on MyModel and NeuralNetwork, step for
    /// step against PyTorch's seeded run of scripts/fixtures/end_to_end.py.
    @Suite struct EndToEndClassifierTests {
        @Test(arguments: [0, 2])
        func myModelTrainsAsPyTorchAndReachesHighAccuracy(numWorkers: Int) throws {
            let golden = endToEndFixture["mymodel"]
            Torch.manualSeed(0)
            let (trainX, trainY) = twoClassData(256)
            let (validX, validY) = twoClassData(128)
            let model = MyModel()
            expectDescribedAsPyTorch(model, golden)
            #expect(Array(model.stateDict().keys) == ["net.0.weight", "net.0.bias", "net.2.weight", "net.2.bias"])
            let criterion = MSELoss()
            let optimizer = SGD(model.parameters(), lr: 0.01, momentum: 0.9)
            // Background workers prefetch the same batches in the same order.
            let trSet = DataLoader(TensorDataset(trainX, trainY), batchSize: 16, shuffle: true, numWorkers: numWorkers,
                                   generator: Generator(seed: 1))
            let validLoader = DataLoader(TensorDataset(validX, validY), batchSize: 32, numWorkers: numWorkers)
            var losses: [Double] = [], validLosses: [Double] = [], accuracies: [Double] = []
            for epoch in 0..<15 {
                model.train()
                for (x, y) in trSet {
                    optimizer.zeroGrad()
                    let pred = model(x)
                    let loss = criterion(pred, y)
                    loss.backward()
                    optimizer.step()
                    losses.append(loss.item())
                }
                // The seed's validation loop, then its test (prediction) loop for the accuracy.
                model.eval()
                var totalLoss = 0.0
                for (x, y) in validLoader {
                    let loss = Torch.noGrad {
                        let pred = model(x)
                        return criterion(pred, y)
                    }
                    totalLoss += loss.item() * Double(x.shape[0])
                }
                validLosses.append(totalLoss / Double(validLoader.dataset.count))
                var preds: [Tensor] = []
                for (x, _) in validLoader {
                    let pred = Torch.noGrad { model(x) }
                    preds.append(pred)
                }
                let accuracy = Torch.cat(preds).gt(0.5).float().eq(validY).float().mean().item(as: Double.self)
                accuracies.append(accuracy)
                print("MyModel epoch \(epoch + 1): train loss \(losses.last!), valid loss \(validLosses.last!), accuracy \(accuracy)")
            }
            expectClose(Array(losses.prefix(20)), golden.outputs[0].data, rtol: 1e-4, atol: 1e-6)
            expectMatches(model.net[0].weight, golden.outputs[1], rtol: 1e-3, atol: 1e-4)
            expectMatches(model.net[2].bias, golden.outputs[2], rtol: 1e-3, atol: 1e-4)
            expectClose(validLosses, golden.outputs[3].data, rtol: 1e-3, atol: 1e-5)
            expectClose(accuracies, golden.extra["accuracies"] as! [Double], rtol: 0, atol: 2.0 / 128)
            #expect(accuracies.last! >= 0.9)

            // The seed's checkpoint step: state_dict out, load_state_dict into a fresh model.
            let ckpt = model.stateDict().mapValues { $0.detach().clone() }
            let restored = MyModel()
            _ = try restored.loadStateDict(ckpt)
            restored.eval()
            let same = Torch.noGrad { restored(validX).eq(model(validX)).all().item(as: Bool.self) }
            #expect(same)
        }

        @Test func neuralNetworkTrainsAsPyTorchAndReachesHighAccuracy() {
            let golden = endToEndFixture["neural_network"]
            Torch.manualSeed(0)
            let prototypes = Torch.rand([10, 1, 28, 28]).lt(0.2).float()
            let (trainX, trainY) = prototypeImages(prototypes, 160)
            let (validX, validY) = prototypeImages(prototypes, 100)
            let model = NeuralNetwork()
            expectDescribedAsPyTorch(model, golden)
            let lossFn = CrossEntropyLoss()
            let optimizer = SGD(model.parameters(), lr: 0.1)
            let loader = DataLoader(TensorDataset(trainX, trainY), batchSize: 20, shuffle: true, generator: Generator(seed: 2))
            var losses: [Double] = [], accuracies: [Double] = []
            for epoch in 0..<3 {
                model.train()
                for (x, y) in loader {
                    let pred = model(x)
                    let loss = lossFn(pred, y)
                    optimizer.zeroGrad()
                    loss.backward()
                    optimizer.step()
                    losses.append(loss.item())
                }
                accuracies.append(classificationAccuracy(model, validX, validY))
                print("NeuralNetwork epoch \(epoch + 1): loss \(losses.last!), accuracy \(accuracies.last!)")
            }
            expectClose(Array(losses.prefix(12)), Array(golden.outputs[0].data.prefix(12)), rtol: 1e-4, atol: 1e-6)
            expectClose(losses, golden.outputs[0].data, rtol: 1e-2, atol: 1e-4)
            expectClose(accuracies, golden.extra["accuracies"] as! [Double], rtol: 0, atol: 1e-6)
            #expect(accuracies.last! >= 0.9)
        }
    }
}
