import Testing
import Torch

/// The seed's `LSTMModel`: a two-layer bidirectional batch-first LSTM over embeddings.
private final class LSTMModel: Module {
    let embedding: Embedding
    let lstm: LSTM
    let fc: Linear

    init(vocabSize: Int, embedSize: Int, hiddenSize: Int, numLayers: Int, numClasses: Int) {
        embedding = Embedding(vocabSize, embedSize)
        lstm = LSTM(embedSize, hiddenSize, numLayers: numLayers, batchFirst: true, bidirectional: true)
        fc = Linear(hiddenSize * 2, numClasses)
        super.init()
    }

    override func forward(_ x: Tensor) -> Tensor {
        let embed = embedding(x)
        let (lstmOut, (_, _)) = lstm(embed)
        let out = fc(lstmOut.select(1, -1))
        return out
    }
}

/// The seed's `GRUModel`: a two-layer bidirectional batch-first GRU over embeddings.
private final class GRUModel: Module {
    let embedding: Embedding
    let gru: GRU
    let fc: Linear

    init(vocabSize: Int, embedSize: Int, hiddenSize: Int, numLayers: Int, numClasses: Int) {
        embedding = Embedding(vocabSize, embedSize)
        gru = GRU(embedSize, hiddenSize, numLayers: numLayers, batchFirst: true, bidirectional: true)
        fc = Linear(hiddenSize * 2, numClasses)
        super.init()
    }

    override func forward(_ x: Tensor) -> Tensor {
        let embed = embedding(x)
        let (gruOut, _) = gru(embed)
        return fc(gruOut.select(1, -1))
    }
}

/// The seed's hand-written multi-head `SelfAttention` (einsum, masked_fill, softmax).
private final class SelfAttention: Module {
    let embedSize: Int
    let heads: Int
    let headDim: Int
    let values: Linear
    let keys: Linear
    let queries: Linear
    let fcOut: Linear

    init(embedSize: Int, heads: Int) {
        self.embedSize = embedSize
        self.heads = heads
        headDim = embedSize / heads
        precondition(headDim * heads == embedSize, "Embed size needs to be divisible by heads")
        values = Linear(headDim, headDim, bias: false)
        keys = Linear(headDim, headDim, bias: false)
        queries = Linear(headDim, headDim, bias: false)
        fcOut = Linear(heads * headDim, embedSize)
        super.init()
    }

    func callAsFunction(_ values: Tensor, _ keys: Tensor, _ query: Tensor, _ mask: Tensor?) -> Tensor {
        let n = query.shape[0]
        let (valueLen, keyLen, queryLen) = (values.shape[1], keys.shape[1], query.shape[1])
        // Split into heads.
        var v = values.reshape([n, valueLen, heads, headDim])
        var k = keys.reshape([n, keyLen, heads, headDim])
        var q = query.reshape([n, queryLen, heads, headDim])
        v = self.values(v)
        k = self.keys(k)
        q = self.queries(q)
        var energy = Torch.einsum("nqhd,nkhd->nhqk", [q, k])
        if let mask { energy = energy.maskedFill(mask.eq(0), -1e20) }
        let attention = Torch.softmax(energy / Double(embedSize).squareRoot(), dim: 3)
        var out = Torch.einsum("nhql,nlhd->nqhd", [attention, v])
        out = out.reshape([n, queryLen, heads * headDim])
        return fcOut(out)
    }
}

/// The seed's post-norm `TransformerBlock` with dropout.
private final class TransformerBlock: Module {
    let attention: SelfAttention
    let norm1: LayerNorm
    let norm2: LayerNorm
    let feedForward: Sequential
    let dropout: Dropout

    init(embedSize: Int, heads: Int, dropout: Double, forwardExpansion: Int) {
        attention = SelfAttention(embedSize: embedSize, heads: heads)
        norm1 = LayerNorm(embedSize)
        norm2 = LayerNorm(embedSize)
        feedForward = Sequential(
            Linear(embedSize, forwardExpansion * embedSize),
            ReLU(),
            Linear(forwardExpansion * embedSize, embedSize)
        )
        self.dropout = Dropout(dropout)
        super.init()
    }

    func callAsFunction(_ value: Tensor, _ key: Tensor, _ query: Tensor, _ mask: Tensor?) -> Tensor {
        let attention = self.attention(value, key, query, mask)
        let x = dropout(norm1(attention + query))
        let forward = feedForward(x)
        return dropout(norm2(forward + x))
    }
}

/// The seed's Encoder (word and position embeddings, dropout, Transformer blocks)
/// with a mean-pooled classification head.
private final class BlockClassifier: Module {
    let wordEmbedding: Embedding
    let positionEmbedding: Embedding
    let layers: ModuleList
    let dropout: Dropout
    let fc: Linear

    init(vocabSize: Int, embedSize: Int, heads: Int, forwardExpansion: Int, dropout: Double, maxLength: Int, numClasses: Int) {
        wordEmbedding = Embedding(vocabSize, embedSize)
        positionEmbedding = Embedding(maxLength, embedSize)
        layers = ModuleList([TransformerBlock(embedSize: embedSize, heads: heads, dropout: dropout, forwardExpansion: forwardExpansion)])
        self.dropout = Dropout(dropout)
        fc = Linear(embedSize, numClasses)
        super.init()
    }

    override func forward(_ x: Tensor) -> Tensor {
        let (n, seqLength) = (x.shape[0], x.shape[1])
        let positions = Torch.arange(0, seqLength).expand([n, seqLength])
        var out = dropout(wordEmbedding(x) + positionEmbedding(positions))
        for case let layer as TransformerBlock in layers {
            out = layer(out, out, out, nil)
        }
        return fc(out.mean(dim: 1))
    }
}

/// The seed's (reference) LSTM `Net`: sequence-first input `[seq, batch]` made
/// `[seq, batch, 1]` with a new axis, an LSTM, and a Linear read-out per step.
private final class SineNet: Module {
    let rnn: LSTM
    let fc: Linear

    init(inputSize: Int, hiddenSize: Int) {
        rnn = LSTM(inputSize, hiddenSize)
        fc = Linear(hiddenSize, 1)
        super.init()
    }

    override func forward(_ x: Tensor) -> Tensor {
        var x = x[.all, .all, .newAxis]
        (x, _) = rnn(x)
        x = fc(x)
        x = x[.all, .all, 0]
        return x
    }
}

extension EndToEndTests {
    /// The seed's recurrent and hand-written attention models, ported as a user
    /// would, learn the token-order task following PyTorch's seeded runs.
    @Suite struct EndToEndSeedModelTests {
        @Test func bidirectionalLSTMModelLearnsTokenOrder() {
            let accuracies = trainOrderClassifier("seed_lstm", {
                LSTMModel(vocabSize: 8, embedSize: 16, hiddenSize: 16, numLayers: 2, numClasses: 2)
            }, lr: 0.01, epochs: 2)
            #expect(accuracies.last! >= 0.95)
        }

        @Test func bidirectionalGRUModelLearnsTokenOrder() {
            let accuracies = trainOrderClassifier("seed_gru", {
                GRUModel(vocabSize: 8, embedSize: 16, hiddenSize: 16, numLayers: 2, numClasses: 2)
            }, lr: 0.01, epochs: 2)
            #expect(accuracies.last! >= 0.95)
        }

        @Test func handWrittenTransformerBlockLearnsTokenOrder() {
            let accuracies = trainOrderClassifier("seed_transformer", {
                BlockClassifier(vocabSize: 8, embedSize: 16, heads: 2, forwardExpansion: 2, dropout: 0.1, maxLength: 8, numClasses: 2)
            }, lr: 0.02, epochs: 5)
            #expect(accuracies.last! >= 0.9)
        }

        @Test func sequenceFirstLSTMNetLearnsSineWaves() {
            let golden = endToEndFixture["sine_lstm"]
            Torch.manualSeed(0)
            let phase = Torch.rand([1, 32]) * 6.283
            let t = Torch.arange(21).float().reshape([-1, 1]) * 0.3
            let wave = (t + phase).sin()
            let x = wave[0..<20], y = wave[1..<21]
            let net = SineNet(inputSize: 1, hiddenSize: 5)
            expectDescribedAsPyTorch(net, golden)
            let criterion = MSELoss()
            let optimizer = Adam(net.parameters(), lr: 0.05)
            var losses: [Double] = []
            for _ in 0..<60 {
                let pred = net(x)
                let loss = criterion(pred, y)
                optimizer.zeroGrad()
                loss.backward()
                optimizer.step()
                losses.append(loss.item())
            }
            expectClose(losses, golden.outputs[0].data, rtol: 1e-3, atol: 1e-5)
            #expect(losses.last! < 0.05 * losses.first!)
        }
    }
}
