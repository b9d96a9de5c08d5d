import Testing
import Torch

/// SegNet-style: max pooling keeps its indices for the decoder's MaxUnpool2d,
/// then power-average pooling before the decoding convolution.
private final class UnpoolAutoencoder: Module {
    let encode: Conv2d
    let pool: MaxPool2d
    let unpool: MaxUnpool2d
    let lp: LPPool2d
    let decode: Conv2d

    override init() {
        encode = Conv2d(1, 4, kernelSize: 3, padding: 1)
        pool = MaxPool2d(2, returnIndices: true)
        unpool = MaxUnpool2d(2)
        lp = LPPool2d(2, 3, stride: 1)
        decode = Conv2d(4, 1, kernelSize: 3, padding: 2)
        super.init()
    }

    override func forward(_ x: Tensor) -> Tensor {
        var h = Torch.relu(encode(x))
        let (pooled, indices) = pool.forwardWithIndices(h)
        h = unpool(pooled, indices, outputSize: h.shape)
        return decode(lp(h))
    }
}

/// A small embedding network for the metric-learning losses.
private final class EmbeddingNet: Module {
    let net = Sequential(Linear(10, 16), Tanh(), Linear(16, 4))
    override func forward(_ x: Tensor) -> Tensor { net(x) }
}

extension EndToEndTests {
    /// MaxUnpool2d and LPPool2d inside a trained autoencoder, and TripletMarginLoss,
    /// CosineEmbeddingLoss and MarginRankingLoss training an embedding together,
    /// following PyTorch's seeded runs.
    @Suite struct EndToEndPoolingRankingTests {
        @Test func unpoolingAutoencoderAndMetricLossesFollowPyTorch() {
            let golden = endToEndToursFixture["pooling_and_ranking"]
            Torch.manualSeed(0)
            let images = blobImages(16).0
            let model = UnpoolAutoencoder()
            expectDescribedAsPyTorch(model, golden, repr: "ae_repr", keys: "ae_state_keys")
            var optimizer: Optimizer = Adam(model.parameters(), lr: 0.01)
            let criterion = MSELoss()
            var aeLosses: [Double] = []
            for _ in 0..<8 {
                optimizer.zeroGrad()
                let loss = criterion(model(images), images)
                loss.backward()
                optimizer.step()
                aeLosses.append(loss.item())
            }
            expectClose(aeLosses, golden.outputs[0].data, rtol: 1e-4, atol: 1e-6)
            #expect(aeLosses.last! < aeLosses.first!)

            let x = Torch.randn([64, 10])
            let y = (x.select(1, 0) - x.select(1, 1) + 0.5 * x.select(1, 2)).gt(0).float()
            let same = Torch.randperm(64)
            let net = EmbeddingNet()
            optimizer = SGD(net.parameters(), lr: 0.1)
            let triplet = TripletMarginLoss(margin: 1.0), cosine = CosineEmbeddingLoss(margin: 0.2), ranking = MarginRankingLoss(margin: 0.5)
            let first1 = x.select(0, Int(y.argmax().item(as: Int64.self))), first0 = x.select(0, Int(y.argmin().item(as: Int64.self)))
            let is1 = y.to(.bool).unsqueeze(1)
            let positives = Torch.where(is1, first1, first0), negatives = Torch.where(is1, first0, first1)
            let pairTarget = Torch.where(y.eq(y.indexSelect(0, same)), Torch.ones([64]), -Torch.ones([64]))
            let rankTarget = Torch.where(y.to(.bool), Torch.ones([64]), -Torch.ones([64]))
            var metricLosses: [Double] = []
            for _ in 0..<10 {
                optimizer.zeroGrad()
                let anchor = net(x)
                var loss = triplet(anchor, net(positives), net(negatives))
                loss = loss + cosine(anchor, anchor.indexSelect(0, same), pairTarget)
                let score = anchor.select(1, 0)
                loss = loss + ranking(score, -score, rankTarget)
                loss.backward()
                optimizer.step()
                metricLosses.append(loss.item())
            }
            expectClose(metricLosses, golden.outputs[1].data, rtol: 1e-4, atol: 1e-6)
            #expect(metricLosses.last! < 0.5 * metricLosses.first!)
        }
    }
}
