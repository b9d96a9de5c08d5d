import Testing
import Torch

/// Many of the seeds' layer kinds in one network: GroupNorm, GELU, Dropout2d,
/// AvgPool2d, a dilated "same" convolution with reflect padding, InstanceNorm2d,
/// LeakyReLU, bilinear Upsample, AdaptiveMaxPool2d, LayerNorm, ELU, Dropout, LogSoftmax.
private final class LayerTour: Module {
    let body = Sequential(
        Conv2d(1, 8, kernelSize: 3, padding: 1),
        GroupNorm(2, 8),
        GELU(),
        Dropout2d(0.2),
        AvgPool2d(2),
        Conv2d(8, 8, kernelSize: 3, padding: "same", dilation: 2, paddingMode: "reflect"),
        InstanceNorm2d(8, affine: true),
        LeakyReLU(0.1),
        Upsample(scaleFactor: 2, mode: "bilinear", alignCorners: false),
        AdaptiveMaxPool2d([2, 2]),
        Flatten(),
        LayerNorm(32)
    )
    let head = Sequential(Linear(32, 16), ELU(), Dropout(0.1), Linear(16, 4), LogSoftmax(dim: 1))

    override func forward(_ x: Tensor) -> Tensor { head(body(x)) }
}

extension EndToEndTests {
    /// A network touring the seeds' layer kinds trains with AdamW and NLLLoss
    /// step for step as PyTorch's seeded run (dropout masks included), and its
    /// eval-mode output matches.
    @Suite struct EndToEndLayerTourTests {
        @Test func layerTourTrainsAsPyTorch() {
            let golden = endToEndToursFixture["layer_tour"]
            Torch.manualSeed(0)
            let (images, labels) = blobImages(64)
            let model = LayerTour()
            expectDescribedAsPyTorch(model, golden)
            let optimizer = AdamW(model.parameters(), lr: 0.01)
            let criterion = NLLLoss()
            var losses: [Double] = []
            for _ in 0..<10 {
                model.train()
                optimizer.zeroGrad()
                let loss = criterion(model(images), labels)
                loss.backward()
                optimizer.step()
                losses.append(loss.item())
            }
            model.eval()
            let evalOut = Torch.noGrad { model(images.narrow(0, 0, 4)) }
            expectClose(losses, golden.outputs[0].data, rtol: 1e-4, atol: 1e-5)
            expectMatches(evalOut, golden.outputs[1], rtol: 1e-3, atol: 1e-4)
            #expect(losses.last! < 0.5 * losses.first!)
        }
    }
}

/// Recurrent variants (two-layer GRU with dropout and an initial state, a ReLU RNN,
/// a bidirectional LSTM with projections), Embedding with padding_idx and max_norm,
/// Bilinear, and a chain of the seeds' other activations.
private final class SequenceTour: Module {
    let embedding = Embedding(8, 12, paddingIdx: 0, maxNorm: 1.5)
    let gru = GRU(12, 10, numLayers: 2, batchFirst: true, dropout: 0.3)
    let rnn = RNN(10, 8, nonlinearity: .relu, batchFirst: true)
    let lstm = LSTM(8, 6, batchFirst: true, bidirectional: true, projSize: 4)
    let bilinear = Bilinear(8, 8, 6)
    let act = Sequential(PReLU(numParameters: 6), RReLU(), Softplus(beta: 2), Hardswish(), Mish(), SELU(),
                         AlphaDropout(0.1), CELU(alpha: 0.5), SiLU(), Hardtanh(minVal: -2, maxVal: 2))
    let fc = Linear(6, 2)

    override func forward(_ x: Tensor) -> Tensor {
        let h0 = Torch.zeros([2, x.shape[0], 10])
        var (out, _) = gru(embedding(x), h0)
        (out, _) = rnn(out)
        let (lstmOut, (_, _)) = lstm(out)
        let first = lstmOut.select(1, 0), last = lstmOut.select(1, -1)
        return fc(act(bilinear(first, last)))
    }
}

extension EndToEndTests {
    /// The sequence tour trains with NAdam, OneCycleLR and a weighted,
    /// label-smoothed CrossEntropyLoss step for step as PyTorch's seeded run.
    @Suite struct EndToEndSequenceTourTests {
        @Test func sequenceTourTrainsAsPyTorch() {
            let golden = endToEndToursFixture["sequence_tour"]
            Torch.manualSeed(0)
            let (trainX, trainY) = orderSequences(128)
            let model = SequenceTour()
            expectDescribedAsPyTorch(model, golden)
            let criterion = CrossEntropyLoss(weight: Tensor([1.0, 1.5]).float(), labelSmoothing: 0.1)
            let optimizer = NAdam(model.parameters(), lr: 0.01)
            let loader = DataLoader(TensorDataset(trainX, trainY), batchSize: 32, shuffle: true, generator: Generator(seed: 9))
            let scheduler = OneCycleLR(optimizer, maxLr: 0.02, epochs: 3, stepsPerEpoch: loader.count)
            var losses: [Double] = [], lrs: [Double] = []
            for _ in 0..<3 {
                model.train()
                for (x, y) in loader {
                    optimizer.zeroGrad()
                    let loss = criterion(model(x), y)
                    loss.backward()
                    optimizer.step()
                    scheduler.step()
                    losses.append(loss.item())
                    lrs.append(scheduler.getLastLR()[0])
                }
            }
            model.eval()
            let evalOut = Torch.noGrad { model(trainX.narrow(0, 0, 4)) }
            expectClose(losses, golden.outputs[0].data, rtol: 1e-4, atol: 1e-5)
            expectClose(lrs, golden.outputs[1].data, rtol: 1e-10, atol: 0)
            expectMatches(evalOut, golden.outputs[2], rtol: 1e-3, atol: 1e-4)
            expectMatches(model.embedding.weight, golden.outputs[3], rtol: 1e-3, atol: 1e-4)
        }
    }
}

/// 3-d convolution, BatchNorm3d and pooling, grouped 1-d convolution, replication
/// padding, a transposed 1-d convolution, BatchNorm1d, Unflatten and PixelShuffle.
///
/// Convolutions feeding BatchNorm have no bias: BatchNorm cancels it, so its
/// gradient is rounding noise that Adam-like optimizers turn into full-size steps,
/// and the running means would then follow PyTorch's only up to that noise.
private final class VolumeTour: Module {
    let conv3d = Conv3d(1, 4, kernelSize: 3, padding: 1, bias: false)
    let bn3d = BatchNorm3d(4)
    let pool3d = MaxPool3d(2, ceilMode: true)
    let avg3d = AvgPool3d([1, 2, 2], ceilMode: true)
    let conv1d = Conv1d(4, 6, kernelSize: 3, stride: 2, padding: 1, groups: 2)
    let pad1d = ReplicationPad1d(1)
    let deconv1d = ConvTranspose1d(6, 4, kernelSize: 3, stride: 2, outputPadding: 1, bias: false)
    let bn1d = BatchNorm1d(4)
    let pool1d = AdaptiveAvgPool1d(3)
    let unflatten = Unflatten(1, [4, 3, 1])
    let shuffle = PixelShuffle(2)
    let flatten = Flatten()
    let head = Linear(12, 1)

    override func forward(_ x: Tensor) -> Tensor {
        var x = avg3d(pool3d(Torch.relu(bn3d(conv3d(x)))))
        x = x.reshape([x.shape[0], 4, 8])
        x = deconv1d(pad1d(conv1d(x)))
        x = pool1d(Torch.tanh(bn1d(x)))
        x = shuffle(unflatten(flatten(x)))
        return head(flatten(x)).reshape([-1])
    }
}

extension EndToEndTests {
    /// The volume tour trains under RAdam, Adamax, Adagrad and Adadelta in turn, each
    /// with CosineAnnealingWarmRestarts and clip_grad_value_, on a sum of
    /// BCEWithLogits (pos_weight), Huber, SmoothL1, BCE and KLDiv (batchmean) losses,
    /// step for step as PyTorch's seeded run.
    @Suite struct EndToEndVolumeTourTests {
        @Test func volumeTourTrainsAsPyTorch() {
            let golden = endToEndToursFixture["volume_tour"]
            Torch.manualSeed(0)
            let x = Torch.randn([24, 1, 4, 6, 6])
            let front = x.narrow(2, 0, 2).mean(dims: [1, 2, 3, 4]), back = x.narrow(2, 2, 2).mean(dims: [1, 2, 3, 4])
            let y = front.gt(back).float()
            let model = VolumeTour()
            expectDescribedAsPyTorch(model, golden)
            let bceLogits = BCEWithLogitsLoss(posWeight: Tensor([1.5]).float())
            let huber = HuberLoss(delta: 0.5), smooth = SmoothL1Loss(beta: 0.5), bce = BCELoss()
            let kl = KLDivLoss(reduction: "batchmean")
            let optimizers: [Optimizer] = [RAdam(model.parameters(), lr: 0.01), Adamax(model.parameters(), lr: 0.01),
                                           Adagrad(model.parameters(), lr: 0.05), Adadelta(model.parameters(), lr: 0.5)]
            var losses: [Double] = [], lrs: [Double] = []
            for optimizer in optimizers {
                let scheduler = CosineAnnealingWarmRestarts(optimizer, t0: 3)
                for _ in 0..<5 {
                    model.train()
                    optimizer.zeroGrad()
                    let logit = model(x)
                    let prob = Torch.sigmoid(logit)
                    let two = Torch.stack([logit, -logit], dim: 1).logSoftmax(dim: 1)
                    let target = Torch.stack([y * 0.9 + 0.05, 0.95 - y * 0.9], dim: 1)
                    let loss = bceLogits(logit, y) + 0.1 * huber(prob, y) + 0.1 * smooth(prob, y) + 0.1 * bce(prob, y) + 0.1 * kl(two, target)
                    loss.backward()
                    Torch.clipGradValue_(model.parameters(), clipValue: 0.5)
                    optimizer.step()
                    scheduler.step()
                    losses.append(loss.item())
                    lrs.append(scheduler.getLastLR()[0])
                }
            }
            model.eval()
            let evalOut = Torch.noGrad { model(x.narrow(0, 0, 4)) }
            expectClose(losses, golden.outputs[0].data, rtol: 1e-4, atol: 1e-5)
            expectClose(lrs, golden.outputs[1].data, rtol: 1e-10, atol: 0)
            expectMatches(evalOut, golden.outputs[2], rtol: 1e-3, atol: 1e-4)
            expectMatches(model.bn3d.runningVar, golden.outputs[3], rtol: 1e-4, atol: 1e-5)
            expectMatches(model.bn1d.runningMean, golden.outputs[4], rtol: 1e-3, atol: 1e-4)
        }
    }
}

/// Padded token sequences through pre-norm GELU encoder layers with dropout, a causal
/// float mask and a key padding mask, a final LayerNorm, then a MultiheadAttention
/// whose weights are returned, and a masked mean over the real positions.
private final class PaddedTransformer: Module {
    let embedding = Embedding(8, 16, paddingIdx: 0)
    let position = Embedding(8, 16)
    let encoder = TransformerEncoder(
        TransformerEncoderLayer(16, 4, dimFeedforward: 32, dropout: 0.1, activation: "gelu", batchFirst: true, normFirst: true),
        numLayers: 2, norm: LayerNorm(16))
    let attn = MultiheadAttention(16, 2, dropout: 0.1, batchFirst: true)
    let fc = Linear(16, 2)

    func callAsFunction(_ x: Tensor) -> (Tensor, Tensor) {
        let padding = x.eq(0)
        let causal = Torch.full([x.shape[1], x.shape[1]], -Double.infinity).triu(diagonal: 1)
        let positions = Torch.arange(x.shape[1]).expand([x.shape[0], x.shape[1]])
        var h = embedding(x) + position(positions)
        h = encoder(h, mask: causal, srcKeyPaddingMask: padding)
        let (attended, weights) = attn(h, h, h, keyPaddingMask: padding)
        let keep = padding.logicalNot().float().unsqueeze(2)
        return (fc((attended * keep).sum(dim: 1) / keep.sum(dim: 1)), weights!)
    }

    override func forward(_ x: Tensor) -> Tensor { self(x).0 }
}

extension EndToEndTests {
    /// The padded-sequence transformer trains with AdamW (dropout masks in attention
    /// and feed-forward included) step for step as PyTorch's seeded run, and its
    /// eval-mode logits and attention weights match.
    @Suite struct EndToEndPaddedTransformerTests {
        @Test func paddedTransformerTrainsAsPyTorch() {
            let golden = endToEndToursFixture["padded_transformer"]
            Torch.manualSeed(0)
            var (tokens, labels) = orderSequences(96)
            // Token 0 becomes padding only: up to two trailing positions (never the 3 or the 5).
            tokens = Torch.where(tokens.eq(0), Torch.onesLike(tokens), tokens)
            let lengths = Torch.randint(0, 3, [96])
            let cut = Torch.arange(8).unsqueeze(0).ge((8 - lengths).unsqueeze(1))
            let maskOut = cut.logicalAnd(tokens.ne(3)).logicalAnd(tokens.ne(5))
            tokens = Torch.where(maskOut, Torch.zerosLike(tokens), tokens)
            expectMatches(tokens.narrow(0, 0, 4), golden.outputs[3], rtol: 0, atol: 0)
            let model = PaddedTransformer()
            expectDescribedAsPyTorch(model, golden)
            let criterion = CrossEntropyLoss()
            let optimizer = AdamW(model.parameters(), lr: 0.005, weightDecay: 0.01)
            var losses: [Double] = []
            for step in 0..<6 {
                model.train()
                optimizer.zeroGrad()
                let (logits, _) = model(tokens.narrow(0, 16 * step, 16))
                let loss = criterion(logits, labels.narrow(0, 16 * step, 16))
                loss.backward()
                optimizer.step()
                losses.append(loss.item())
            }
            model.eval()
            let (evalOut, weights) = Torch.noGrad { model(tokens.narrow(0, 0, 4)) }
            expectClose(losses, golden.outputs[0].data, rtol: 1e-4, atol: 1e-5)
            expectMatches(evalOut, golden.outputs[1], rtol: 1e-3, atol: 1e-4)
            expectMatches(weights, golden.outputs[2], rtol: 1e-3, atol: 1e-4)
        }

        @Test func moduleListPrintsRunsOfAlikeChildrenOnceAsPyTorch() {
            let list = ModuleList([Linear(2, 2), Linear(2, 2), ReLU(), Linear(2, 2)])
            #expect(list.description == """
                ModuleList(
                  (0-1): 2 x Linear(in_features=2, out_features=2, bias=True)
                  (2): ReLU()
                  (3): Linear(in_features=2, out_features=2, bias=True)
                )
                """)
            #expect(ModuleList().description == "ModuleList()")
            #expect(Sequential(Linear(2, 2), Linear(2, 2)).description == """
                Sequential(
                  (0): Linear(in_features=2, out_features=2, bias=True)
                  (1): Linear(in_features=2, out_features=2, bias=True)
                )
                """)
        }
    }
}

/// BatchNorm with a cumulative average (momentum nil), without affine parameters
/// and without running statistics, and InstanceNorm1d tracking running statistics.
private final class NormTour: Module {
    let conv = Conv1d(3, 6, kernelSize: 3, padding: 1, bias: false)
    let cumulative = BatchNorm1d(6, momentum: nil)
    let instance = InstanceNorm1d(6, affine: true, trackRunningStats: true)
    let plain = BatchNorm1d(6, affine: false)
    let untracked = BatchNorm1d(6, trackRunningStats: false)
    let fc = Linear(6 * 5, 3)

    override func forward(_ x: Tensor) -> Tensor {
        var x = Torch.relu(cumulative(conv(x)))
        x = untracked(plain(instance(x)))
        return fc(x.flatten(startDim: 1))
    }
}

extension EndToEndTests {
    /// The normalisation variants train with Nesterov SGD and weight decay, then
    /// evaluate, as PyTorch's seeded run: losses, running statistics, batch counts.
    @Suite struct EndToEndNormTourTests {
        @Test func normalisationVariantsTrainAndEvaluateAsPyTorch() {
            let golden = endToEndToursFixture["norm_tour"]
            Torch.manualSeed(0)
            let x = Torch.randn([20, 3, 5])
            let y = Torch.randint(0, 3, [20])
            let model = NormTour()
            expectDescribedAsPyTorch(model, golden)
            let optimizer = SGD(model.parameters(), lr: 0.1, momentum: 0.9, weightDecay: 1e-3, nesterov: true)
            let criterion = CrossEntropyLoss()
            var losses: [Double] = []
            for step in 0..<6 {
                model.train()
                let start = 5 * (step % 4)
                optimizer.zeroGrad()
                let loss = criterion(model(x.narrow(0, start, 5)), y.narrow(0, start, 5))
                loss.backward()
                optimizer.step()
                losses.append(loss.item())
            }
            model.eval()
            let evalOut = Torch.noGrad { model(x.narrow(0, 0, 4)) }
            let state = model.stateDict()
            expectClose(losses, golden.outputs[0].data, rtol: 1e-4, atol: 1e-5)
            expectMatches(evalOut, golden.outputs[1], rtol: 1e-3, atol: 1e-4)
            expectMatches(state["cumulative.running_mean"]!, golden.outputs[2], rtol: 1e-4, atol: 1e-5)
            expectMatches(state["cumulative.running_var"]!, golden.outputs[3], rtol: 1e-4, atol: 1e-5)
            expectMatches(state["instance.running_var"]!, golden.outputs[4], rtol: 1e-4, atol: 1e-5)
            expectMatches(state["plain.running_mean"]!, golden.outputs[5], rtol: 1e-4, atol: 1e-5)
            let tracked = state.filter { $0.key.hasSuffix("num_batches_tracked") }.values.map { Int($0.item(as: Int64.self)) }
            #expect(tracked == golden.extra["tracked"] as! [Int])
        }
    }
}
