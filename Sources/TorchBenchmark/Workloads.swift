import Foundation
import Torch

/// The standard workloads of shared/bench/WORKLOADS.md that this build covers,
/// by group; each adds `name: value` rows with the reference's names and units.
enum Workloads {
    static let groups: [(name: String, run: @Sendable (inout [String: Double]) -> Void)] = [
        ("matmul", matmul),
        ("elementwise", elementwise),
        ("overhead", overhead),
        ("training", training),
        ("inference", inference),
        ("recurrent", recurrent),
        ("io", io),
        ("digits", digits),
    ]

    static func matmul(_ results: inout [String: Double]) {
        for n in [64, 256, 1024, 2048] {
            let a = Torch.randn([n, n]), b = Torch.randn([n, n])
            let t = medianTime(repeat: n < 2048 ? 10 : 5) { blackHole(a.matmul(b)) }
            results["matmul_\(n)_gflops"] = 2 * pow(Double(n), 3) / t / 1e9
        }
    }

    static func elementwise(_ results: inout [String: Double]) {
        for n in [1 << 20, 1 << 24] {
            let x = Torch.randn([n]), y = Torch.randn([n])
            let out = Torch.empty([n])
            let t = medianTime { Torch.add(x, y, out: out) }
            results["add_\(n)_gbps"] = 12 * Double(n) / t / 1e9
        }
        let x = Torch.randn([1 << 20])
        results["exp_1M_ms"] = medianTime { blackHole(x.exp()) } * 1e3
        results["tanh_1M_ms"] = medianTime { blackHole(x.tanh()) } * 1e3
        results["sigmoid_1M_ms"] = medianTime { blackHole(x.sigmoid()) } * 1e3
        let a = Torch.randn([1024, 1024]), row = Torch.randn([1024])
        results["broadcast_add_1024x1024_ms"] = medianTime { blackHole(a + row) } * 1e3
        results["transpose_contiguous_1024x1024_ms"] = medianTime { blackHole(a.t().contiguous()) } * 1e3
        let big = Torch.randn([4096, 4096])
        results["sum_dim1_4096x4096_ms"] = medianTime { blackHole(big.sum(dim: 1)) } * 1e3
        results["sum_dim0_4096x4096_ms"] = medianTime { blackHole(big.sum(dim: 0)) } * 1e3
    }

    static func overhead(_ results: inout [String: Double]) {
        let a = Torch.randn([8]), b = Torch.randn([8])
        let n = 10_000
        let t = medianTime(warmup: 1, repeat: 5) {
            for _ in 0..<n { blackHole(Torch.add(a, b)) }
        }
        results["small_add_us_per_op"] = t / Double(n) * 1e6
        let w = Torch.randn([8, 8], requiresGrad: true)
        let x = Torch.randn([4, 8])
        results["tiny_fwd_bwd_us"] = medianTime(repeat: 200) {
            let loss = x.matmul(w).relu().sum()
            loss.backward()
        } * 1e6
    }

    /// One training step: zero the gradients, forward, loss, backward, optimizer step.
    static func trainStepTime(_ model: Module, _ x: Tensor, _ y: Tensor, _ loss: Loss, _ optimizer: Optimizer) -> Double {
        medianTime(repeat: 10) {
            optimizer.zeroGrad()
            let l = loss(model(x), y)
            l.backward()
            optimizer.step()
        }
    }

    static func training(_ results: inout [String: Double]) {
        Torch.manualSeed(0)
        // The seed's linear regression: 1000 x 2 features, batch 10 shuffled, 3 epochs.
        let features = Torch.randn([1000, 2])
        let labels = 2 * features[.all, 0] - 3.4 * features[.all, 1] + 4.2 + 0.01 * Torch.randn([1000])
        let dataset = TensorDataset(features, labels)
        results["linreg_3_epochs_ms"] = medianTime(warmup: 1, repeat: 5) {
            let net = Sequential(Linear(2, 1))
            let optimizer = SGD(net.parameters(), lr: 0.03)
            let loader = DataLoader(dataset, batchSize: 10, shuffle: true)
            for _ in 0..<3 {
                for (xb, yb) in loader {
                    let loss = Functional.mseLoss(net(xb), yb.view([-1, 1]))
                    optimizer.zeroGrad()
                    loss.backward()
                    optimizer.step()
                }
            }
        } * 1e3

        let mlp = Sequential(Flatten(), Linear(784, 256), ReLU(), Linear(256, 128), ReLU(), Linear(128, 10))
        results["mlp_train_step_b64_ms"] = 1e3 * trainStepTime(
            mlp, Torch.randn([64, 1, 28, 28]), Torch.randint(0, 10, [64]), CrossEntropyLoss(), Adam(mlp.parameters(), lr: 1e-3))

        let cnn = Sequential(
            Conv2d(1, 32, kernelSize: 3, padding: 1), ReLU(), MaxPool2d(2),
            Conv2d(32, 64, kernelSize: 3, padding: 1), ReLU(), MaxPool2d(2),
            Flatten(), Linear(64 * 7 * 7, 128), ReLU(), Linear(128, 10))
        results["cnn_train_step_b64_ms"] = 1e3 * trainStepTime(
            cnn, Torch.randn([64, 1, 28, 28]), Torch.randint(0, 10, [64]), CrossEntropyLoss(),
            SGD(cnn.parameters(), lr: 0.01, momentum: 0.9))

        let lstm = LSTMClassifier()
        results["lstm_train_step_b32_s32_ms"] = 1e3 * trainStepTime(
            lstm, Torch.randint(0, 10000, [32, 32]), Torch.randint(0, 2, [32]), CrossEntropyLoss(),
            Adam(lstm.parameters(), lr: 1e-3))

        let transformer = Sequential(
            TransformerEncoderLayer(256, 8, dimFeedforward: 1024, dropout: 0, batchFirst: true),
            Flatten(startDim: 0, endDim: 1), Linear(256, 10))
        results["transformer_layer_train_step_b16_s64_ms"] = 1e3 * trainStepTime(
            transformer, Torch.randn([16, 64, 256]), Torch.randint(0, 10, [16 * 64]), CrossEntropyLoss(),
            AdamW(transformer.parameters(), lr: 1e-3))
    }

    static func inference(_ results: inout [String: Double]) {
        let conv = Conv2d(3, 64, kernelSize: 7, stride: 2, padding: 3)
        let x = Torch.randn([8, 3, 224, 224])
        results["conv_stem_b8_224_fwd_ms"] = Torch.noGrad { medianTime(repeat: 5) { blackHole(conv(x)) } } * 1e3
        // A BERT-sized sentence encoder (all-MiniLM-L6-v2's shape): 6 post-norm layers, 384 wide,
        // 12 heads, 1536 feed-forward, gelu, eval mode, 4 sentences of 14 tokens.
        let layer = TransformerEncoderLayer(384, 12, dimFeedforward: 1536, dropout: 0, activation: .gelu, batchFirst: true)
        let encoder = TransformerEncoder(layer, numLayers: 6, enableNestedTensor: false).eval()
        let tokens = Torch.randn([4, 14, 384])
        results["encoder6_384_b4_s14_fwd_ms"] = Torch.noGrad { medianTime(repeat: 20) { blackHole(encoder(tokens)) } } * 1e3
    }
}

/// Embedding(10000, 128) -> LSTM(128, 256, batch_first) -> Linear(256, 2) on the last step.
final class LSTMClassifier: Module {
    let embedding = Embedding(10000, 128)
    let lstm = LSTM(128, 256, batchFirst: true)
    let fc = Linear(256, 2)

    override func forward(_ x: Tensor) -> Tensor {
        let out = lstm(embedding(x)).output
        return fc(out[.all, -1, .all])
    }
}
