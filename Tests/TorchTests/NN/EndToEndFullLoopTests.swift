import Testing
import Torch

/// The seed's `SimpleNet` (tour of PyTorch): Linear, ReLU, Linear.
private final class SimpleNet: Module {
    let fc1: Linear
    let relu: ReLU
    let fc2: Linear

    init(inputSize: Int, hiddenSize: Int, numClasses: Int) {
        fc1 = Linear(inputSize, hiddenSize)
        relu = ReLU()
        fc2 = Linear(hiddenSize, numClasses)
        super.init()
    }

    override func forward(_ x: Tensor) -> Tensor {
        var out = fc1(x)
        out = relu(out)
        out = fc2(out)
        return out
    }
}

extension EndToEndTests {
    /// The seed's complete training loop: Adam with a StepLR schedule, per-epoch
    /// train and validation loss and accuracy (`output.max(1)`, `predicted.eq(y).sum()`),
    /// then a checkpoint of model and optimizer state restored into fresh objects
    /// that carry on training, all following PyTorch's seeded run.
    @Suite struct EndToEndFullLoopTests {
        @Test func seedTrainingLoopWithSchedulerAndCheckpointFollowsPyTorch() throws {
            let golden = endToEndFixture["full_loop"]
            Torch.manualSeed(0)
            let prototypes = Torch.rand([10, 784]).lt(0.2).float()
            let trainY = Torch.randint(0, 10, [160])
            let trainX = prototypes.indexSelect(0, trainY) + Torch.randn([160, 784])
            let valY = Torch.randint(0, 10, [80])
            let valX = prototypes.indexSelect(0, valY) + Torch.randn([80, 784])
            let dataloader = DataLoader(TensorDataset(trainX, trainY), batchSize: 32, shuffle: true, generator: Generator(seed: 5))
            let valLoader = DataLoader(TensorDataset(valX, valY), batchSize: 32)
            var model = SimpleNet(inputSize: 784, hiddenSize: 128, numClasses: 10)
            let criterion = CrossEntropyLoss()
            var optimizer = Adam(model.parameters(), lr: 0.001)
            let scheduler = StepLR(optimizer, stepSize: 1, gamma: 0.5)
            var history: [[Double]] = []

            func oneEpoch(_ model: SimpleNet, _ optimizer: Optimizer) -> Tensor {
                model.train()
                var trainLoss = 0.0, trainCorrect = 0, trainTotal = 0
                var loss = Torch.zeros([])
                for (batchX, batchY) in dataloader {
                    let output = model(batchX)
                    loss = criterion(output, batchY)
                    optimizer.zeroGrad()
                    loss.backward()
                    optimizer.step()
                    trainLoss += loss.item()
                    let (_, predicted) = output.max(dim: 1)
                    trainTotal += batchY.size(0)
                    trainCorrect += Int(predicted.eq(batchY).sum().item(as: Int64.self))
                }
                model.eval()
                var valLoss = 0.0, valCorrect = 0, valTotal = 0
                Torch.noGrad {
                    for (batchX, batchY) in valLoader {
                        let output = model(batchX)
                        let loss = criterion(output, batchY)
                        valLoss += loss.item()
                        let (_, predicted) = output.max(dim: 1)
                        valTotal += batchY.size(0)
                        valCorrect += Int(predicted.eq(batchY).sum().item(as: Int64.self))
                    }
                }
                let trainAcc = 100 * Double(trainCorrect) / Double(trainTotal), valAcc = 100 * Double(valCorrect) / Double(valTotal)
                history.append([trainLoss / Double(dataloader.count), trainAcc, valLoss / Double(valLoader.count), valAcc])
                print("Train Loss: \(trainLoss / Double(dataloader.count)), Train Acc: \(trainAcc)%, Val Loss: \(valLoss / Double(valLoader.count)), Val Acc: \(valAcc)%")
                return loss
            }

            for _ in 0..<2 {
                _ = oneEpoch(model, optimizer)
                scheduler.step()
                history[history.count - 1].append(scheduler.getLastLR()[0])
            }
            // The checkpoint: copies of both state dicts, loaded into a fresh model and optimizer.
            let modelState = model.stateDict().mapValues { $0.detach().clone() }
            let optimizerState = optimizer.stateDict()
            model = SimpleNet(inputSize: 784, hiddenSize: 128, numClasses: 10)
            _ = try model.loadStateDict(modelState)
            optimizer = Adam(model.parameters(), lr: 0.001)
            try optimizer.loadStateDict(optimizerState)
            _ = oneEpoch(model, optimizer)
            history[history.count - 1].append(optimizer.paramGroups[0].lr)

            expectDescribedAsPyTorch(model, golden)
            #expect(optimizer.description == golden.extra["optimizer_repr"] as! String)
            let expected = golden.outputs[0]
            expectClose(history.flatMap { $0 }, expected.data, rtol: 1e-4, atol: 1e-6)
            #expect(history.last![3] >= 90)
        }
    }
}
