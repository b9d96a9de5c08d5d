import Testing
import Torch

/// The seed's `CNN` shape, scaled down: two Conv2d-BatchNorm2d-ReLU-MaxPool2d
/// blocks, then Flatten, Dropout and Linear.
///
/// Convolutions feeding BatchNorm have no bias: BatchNorm cancels it, so its
/// gradient is rounding noise that Adam-like optimizers turn into full-size steps,
/// and the running means would then follow PyTorch's only up to that noise.
private final class CNN: Module {
    let features: Sequential
    let classifier: Sequential

    init(numClasses: Int = 4) {
        features = Sequential(
            Conv2d(1, 8, kernelSize: 3, padding: 1, bias: false),
            BatchNorm2d(8),
            ReLU(inplace: true),
            MaxPool2d(2, stride: 2),
            Conv2d(8, 16, kernelSize: 3, padding: 1, bias: false),
            BatchNorm2d(16),
            ReLU(inplace: true),
            MaxPool2d(2, stride: 2)
        )
        classifier = Sequential(
            Flatten(),
            Dropout(0.25),
            Linear(16 * 4 * 4, numClasses)
        )
        super.init()
    }

    override func forward(_ x: Tensor) -> Tensor {
        let x = features(x)
        return classifier(x)
    }
}

/// 16x16 images of noise with one bright Gaussian blob; the label is the blob's quadrant.
func blobImages(_ n: Int) -> (Tensor, Tensor) {
    let quadrant = Torch.randint(0, 4, [n])
    let row = Torch.randint(1, 7, [n]) + quadrant.floorDivide(2) * 8
    let col = Torch.randint(1, 7, [n]) + quadrant.remainder(2) * 8
    let grid = Torch.arange(16).float()
    let dr = grid.reshape([1, 16, 1]) - row.float().reshape([n, 1, 1])
    let dc = grid.reshape([1, 1, 16]) - col.float().reshape([n, 1, 1])
    let blob = (-(dr * dr + dc * dc) / 2.0).exp()
    let images = (2 * blob + 0.5 * Torch.randn([n, 16, 16])).reshape([n, 1, 16, 16])
    return (images, quadrant)
}

extension EndToEndTests {
    /// A small CNN with BatchNorm2d and Dropout trained with Adam on the blob-quadrant
    /// task: the first steps (losses, dropout masks, BatchNorm running statistics)
    /// follow PyTorch's seeded run, and the model reaches high validation accuracy.
    @Suite struct EndToEndCNNTests {
        @Test func cnnFollowsPyTorchAndLearnsBlobQuadrants() {
            let golden = endToEndFixture["cnn"]
            Torch.manualSeed(0)
            let (trainX, trainY) = blobImages(256)
            let (validX, validY) = blobImages(128)
            let model = CNN()
            expectDescribedAsPyTorch(model, golden)
            let criterion = CrossEntropyLoss()
            let optimizer = Adam(model.parameters(), lr: 0.01)
            let loader = DataLoader(TensorDataset(trainX, trainY), batchSize: 32, shuffle: true, generator: Generator(seed: 3))
            var losses: [Double] = [], accuracies: [Double] = []
            for epoch in 0..<4 {
                model.train()
                for (x, y) in loader {
                    optimizer.zeroGrad()
                    let loss = criterion(model(x), y)
                    loss.backward()
                    optimizer.step()
                    losses.append(loss.item())
                    if losses.count == 3 {
                        let bn1 = model.features[1], bn2 = model.features[5]
                        expectMatches(bn1.runningMean, golden.outputs[1], rtol: 1e-5, atol: 1e-6)
                        expectMatches(bn1.runningVar, golden.outputs[2], rtol: 1e-5, atol: 1e-6)
                        expectMatches(bn2.runningMean, golden.outputs[3], rtol: 1e-4, atol: 1e-5)
                        #expect(Int(bn1.numBatchesTracked.item(as: Int64.self)) == golden.extra["num_batches_tracked"] as! Int)
                    }
                }
                accuracies.append(classificationAccuracy(model, validX, validY))
                print("CNN epoch \(epoch + 1): loss \(losses.last!), accuracy \(accuracies.last!)")
            }
            expectClose(Array(losses.prefix(3)), Array(golden.outputs[0].data.prefix(3)), rtol: 1e-5, atol: 1e-6)
            expectClose(losses, golden.outputs[0].data, rtol: 1e-2, atol: 1e-3)
            expectClose(accuracies, golden.extra["accuracies"] as! [Double], rtol: 0, atol: 2.0 / 128)
            #expect(accuracies.last! >= 0.9)
        }
    }
}
