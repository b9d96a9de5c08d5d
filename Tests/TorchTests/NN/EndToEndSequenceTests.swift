import Testing
import Torch

/// The seed's `TextClassifier`: Embedding, a batch-first LSTM, and a Linear
/// head on the last time step.
private final class TextClassifier: Module {
    let embedding: Embedding
    let lstm: LSTM
    let fc: Linear

    init(vocabSize: Int, embedSize: Int, hiddenSize: Int, numClasses: Int) {
        embedding = Embedding(vocabSize, embedSize)
        lstm = LSTM(embedSize, hiddenSize, batchFirst: true)
        fc = Linear(hiddenSize, numClasses)
        super.init()
    }

    override func forward(_ x: Tensor) -> Tensor {
        let embed = embedding(x)
        let (lstmOut, _) = lstm(embed)
        return fc(lstmOut.select(1, -1))
    }
}

/// Word plus learned position embeddings (as the seed's Transformer encoder),
/// a TransformerEncoder, mean pooling over positions and a Linear head.
private final class TransformerClassifier: Module {
    let wordEmbedding: Embedding
    let positionEmbedding: Embedding
    let encoder: TransformerEncoder
    let fc: Linear

    init(vocabSize: Int, dModel: Int, nhead: Int, numLayers: Int, maxLength: Int, numClasses: Int) {
        wordEmbedding = Embedding(vocabSize, dModel)
        positionEmbedding = Embedding(maxLength, dModel)
        let layer = TransformerEncoderLayer(dModel, nhead, dimFeedforward: 64, dropout: 0, batchFirst: true)
        encoder = TransformerEncoder(layer, numLayers: numLayers)
        fc = Linear(dModel, numClasses)
        super.init()
    }

    override func forward(_ x: Tensor) -> Tensor {
        let positions = Torch.arange(x.shape[1]).expand([x.shape[0], x.shape[1]])
        let h = wordEmbedding(x) + positionEmbedding(positions)
        return fc(encoder(h).mean(dim: 1))
    }
}

/// Random tokens with one 3 and one 5 placed at random positions; the label is 1
/// when the 3 comes first.
func orderSequences(_ n: Int, length: Int = 8, vocab: Int = 8) -> (Tensor, Tensor) {
    var tokens = Torch.randint(0, vocab, [n, length])
    tokens = Torch.where(tokens.eq(3).logicalOr(tokens.eq(5)), Torch.zerosLike(tokens), tokens)
    let perm = Torch.argsort(Torch.rand([n, length]), dim: 1)
    let first = perm.select(1, 0), second = perm.select(1, 1)
    tokens = tokens.scatter(1, first.unsqueeze(1), 3).scatter(1, second.unsqueeze(1), 5)
    return (tokens, first.lt(second).to(.int64))
}

/// Trains `makeModel()` with Adam on the token-order task as the fixture run `name` did:
/// checks the data, the model's keys and printed form and the first losses against
/// PyTorch's, and returns the validation accuracy after each epoch.
func trainOrderClassifier(_ name: String, _ makeModel: () -> Module, lr: Double, epochs: Int,
                          sourceLocation: SourceLocation = #_sourceLocation) -> [Double] {
    let golden = endToEndFixture[name]
    Torch.manualSeed(0)
    let (trainX, trainY) = orderSequences(512)
    let (validX, validY) = orderSequences(256)
    expectMatches(trainX.narrow(0, 0, 4), golden.outputs[1], rtol: 0, atol: 0)
    expectMatches(trainY.narrow(0, 0, 4), golden.outputs[2], rtol: 0, atol: 0)
    let model = makeModel()
    expectDescribedAsPyTorch(model, golden, sourceLocation: sourceLocation)
    let criterion = CrossEntropyLoss()
    let optimizer = Adam(model.parameters(), lr: lr)
    let loader = DataLoader(TensorDataset(trainX, trainY), batchSize: 32, shuffle: true, generator: Generator(seed: 4))
    var losses: [Double] = [], accuracies: [Double] = []
    for epoch in 0..<epochs {
        model.train()
        for (x, y) in loader {
            optimizer.zeroGrad()
            let loss = criterion(model(x), y)
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        }
        accuracies.append(classificationAccuracy(model, validX, validY))
        print("\(name) epoch \(epoch + 1): loss \(losses.last!), accuracy \(accuracies.last!)")
    }
    expectClose(Array(losses.prefix(10)), golden.outputs[0].data, rtol: 1e-4, atol: 1e-5, sourceLocation: sourceLocation)
    expectClose(accuracies, golden.extra["accuracies"] as! [Double], rtol: 0, atol: 3.0 / 256, sourceLocation: sourceLocation)
    return accuracies
}

extension EndToEndTests {
    /// An Embedding + LSTM classifier and a TransformerEncoder classifier learn
    /// whether token 3 comes before token 5, following PyTorch's seeded runs.
    @Suite struct EndToEndSequenceTests {
        @Test func lstmClassifierLearnsTokenOrder() {
            let accuracies = trainOrderClassifier("lstm", { TextClassifier(vocabSize: 8, embedSize: 16, hiddenSize: 32, numClasses: 2) },
                                   lr: 0.01, epochs: 3)
            #expect(accuracies.last! >= 0.95)
        }

        @Test func transformerClassifierLearnsTokenOrder() {
            let accuracies = trainOrderClassifier("transformer", {
                TransformerClassifier(vocabSize: 8, dModel: 16, nhead: 2, numLayers: 1, maxLength: 8, numClasses: 2)
            }, lr: 0.005, epochs: 5)
            #expect(accuracies.last! >= 0.95)
        }

        @Test func transformerEncoderCopiesItsLayerWithoutDrawingRandomNumbers() {
            Torch.manualSeed(0)
            _ = TransformerEncoderLayer(16, 2, dimFeedforward: 64)
            let expected = values(Torch.rand([3]))
            Torch.manualSeed(0)
            let layer = TransformerEncoderLayer(16, 2, dimFeedforward: 64)
            let encoder = TransformerEncoder(layer, numLayers: 3)
            #expect(values(Torch.rand([3])) == expected)
            let copied = encoder.stateDict()["layers.2.linear1.weight"]!
            #expect(values(copied) == values(layer.linear1.weight))
        }
    }
}
