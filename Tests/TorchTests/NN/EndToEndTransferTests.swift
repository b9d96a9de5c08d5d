import Testing
import Torch

/// A small convolutional network whose head is a replaceable `fc`, as in the
/// seed's resnet18 transfer-learning example.
private final class TinyNet: Module {
    let features: Sequential
    var fc: Linear

    init(numClasses: Int = 4) {
        features = Sequential(
            Conv2d(1, 8, kernelSize: 3, padding: 1, bias: false),
            BatchNorm2d(8),
            ReLU(inplace: true),
            MaxPool2d(2),
            Conv2d(8, 16, kernelSize: 3, padding: 1, bias: false),
            BatchNorm2d(16),
            ReLU(inplace: true),
            AdaptiveAvgPool2d([2, 2])
        )
        fc = Linear(16 * 2 * 2, numClasses)
        super.init()
    }

    override func forward(_ x: Tensor) -> Tensor {
        var x = features(x)
        x = Torch.flatten(x, startDim: 1)
        return fc(x)
    }
}

extension EndToEndTests {
    /// The seed's transfer learning: pretrain, freeze every parameter, replace
    /// `model.fc` with a new head for another task, train only the head, then
    /// unfreeze and fine-tune everything, following PyTorch's seeded run.
    @Suite struct EndToEndTransferTests {
        @Test func frozenFeaturesWithNewHeadThenFineTuningFollowPyTorch() throws {
            let golden = endToEndFixture["transfer"]
            Torch.manualSeed(0)
            let (trainX, trainY) = blobImages(256)
            let (newX, newQuadrant) = blobImages(256)
            let newY = newQuadrant.floorDivide(2)
            let (validX, validQuadrant) = blobImages(128)
            let validY = validQuadrant.floorDivide(2)
            let model = TinyNet()
            let criterion = CrossEntropyLoss()
            let generator = Generator(seed: 6)

            func train<L: Sequence>(_ loader: L, _ optimizer: Optimizer, _ losses: inout [Double]) where L.Element == (Tensor, Tensor) {
                model.train()
                for (inputs, labels) in loader {
                    optimizer.zeroGrad()
                    let outputs = model(inputs)
                    let loss = criterion(outputs, labels)
                    loss.backward()
                    optimizer.step()
                    losses.append(loss.item())
                }
            }

            var pretrainLosses: [Double] = [], headLosses: [Double] = [], tuneLosses: [Double] = []
            train(DataLoader(TensorDataset(trainX, trainY), batchSize: 32, shuffle: true, generator: generator),
                  Adam(model.parameters(), lr: 0.01), &pretrainLosses)
            for param in model.parameters() {
                param.requiresGrad = false
            }
            let numFeatures = model.fc.inFeatures
            model.fc = Linear(numFeatures, 2)
            let frozenConv = model.features[0].weight.clone(), lastGrad = model.features[0].weight.grad!.clone()
            let newLoader = DataLoader(TensorDataset(newX, newY), batchSize: 32, shuffle: true, generator: generator)
            var optimizer: Optimizer = SGD(model.fc.parameters(), lr: 0.05, momentum: 0.9)
            for _ in 0..<2 {
                train(newLoader, optimizer, &headLosses)
            }
            let headAccuracy = classificationAccuracy(model, validX, validY)
            #expect(values(model.features[0].weight) == values(frozenConv))
            // Frozen parameters keep their last pretraining gradient: nothing flows into them.
            #expect(values(model.features[0].weight.grad!) == values(lastGrad))
            for param in model.parameters() {
                param.requiresGrad = true
            }
            optimizer = SGD(model.parameters(), lr: 0.01, momentum: 0.9)
            train(newLoader, optimizer, &tuneLosses)
            let tunedAccuracy = classificationAccuracy(model, validX, validY)
            print("transfer: head accuracy \(headAccuracy), fine-tuned accuracy \(tunedAccuracy)")

            expectDescribedAsPyTorch(model, golden)
            expectClose(pretrainLosses, golden.outputs[0].data, rtol: 1e-4, atol: 1e-5)
            expectClose(headLosses, golden.outputs[1].data, rtol: 1e-4, atol: 1e-5)
            expectClose(tuneLosses, golden.outputs[2].data, rtol: 1e-3, atol: 1e-4)
            expectMatches(model.features[1].runningMean, golden.outputs[3], rtol: 1e-3, atol: 1e-4)
            expectClose([headAccuracy, tunedAccuracy], [golden.extra["head_accuracy"] as! Double, golden.extra["tuned_accuracy"] as! Double],
                        rtol: 0, atol: 2.0 / 128)
            #expect(headAccuracy >= 0.9 && tunedAccuracy >= 0.9)

            // The other common port: load the trained features into a fresh model
            // with a new head, leaving out the old head's entries (strict: false).
            let pretrained = model.stateDict().filter { !$0.key.hasPrefix("fc.") }
            let fresh = TinyNet(numClasses: 2)
            let keys = try fresh.loadStateDict(pretrained, strict: false)
            #expect(keys.missingKeys == ["fc.weight", "fc.bias"] && keys.unexpectedKeys.isEmpty)
            fresh.eval()
            let same = Torch.noGrad { fresh.features(validX).eq(model.features(validX)).all().item(as: Bool.self) }
            #expect(same)
        }
    }
}
