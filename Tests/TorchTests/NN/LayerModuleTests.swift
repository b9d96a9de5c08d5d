import Testing
import Torch

/// Conv, pooling, normalisation and loss modules: printed form and state-dict
/// keys as PyTorch 2.15 prints them, default init streams, shapes.
@Suite(.serialized) struct LayerModuleTests {
    @Test func reprsAndKeysMatchPyTorch() {
        let cases: [(Module, String, [String])] = [
            (Conv2d(16, 33, kernelSize: [3, 5], stride: [2, 1], padding: [4, 2], dilation: [3, 1]),
             "Conv2d(16, 33, kernel_size=(3, 5), stride=(2, 1), padding=(4, 2), dilation=(3, 1))", ["weight", "bias"]),
            (Conv2d(1, 32, kernelSize: 3, padding: "same", bias: false),
             "Conv2d(1, 32, kernel_size=(3, 3), stride=(1, 1), padding=same, bias=False)", ["weight"]),
            (Conv1d(4, 8, kernelSize: 3, padding: 1, groups: 2, paddingMode: "reflect"),
             "Conv1d(4, 8, kernel_size=(3,), stride=(1,), padding=(1,), groups=2, padding_mode=reflect)", ["weight", "bias"]),
            (ConvTranspose2d(100, 64, kernelSize: 4, stride: 1, padding: 0, bias: false),
             "ConvTranspose2d(100, 64, kernel_size=(4, 4), stride=(1, 1), bias=False)", ["weight"]),
            (MaxPool2d(2), "MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)", []),
            (AvgPool2d(3, stride: 2, padding: 1), "AvgPool2d(kernel_size=3, stride=2, padding=1)", []),
            (AdaptiveAvgPool2d([1, 1]), "AdaptiveAvgPool2d(output_size=(1, 1))", []),
            (BatchNorm2d(16), "BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, bias=True, track_running_stats=True)",
             ["weight", "bias", "running_mean", "running_var", "num_batches_tracked"]),
            (BatchNorm1d(8, momentum: nil, affine: false),
             "BatchNorm1d(8, eps=1e-05, momentum=None, affine=False, bias=False, track_running_stats=True)",
             ["running_mean", "running_var", "num_batches_tracked"]),
            (LayerNorm(256), "LayerNorm((256,), eps=1e-05, elementwise_affine=True, bias=True)", ["weight", "bias"]),
            (GroupNorm(2, 4), "GroupNorm(2, 4, eps=1e-05, affine=True, bias=True)", ["weight", "bias"]),
            (InstanceNorm2d(3), "InstanceNorm2d(3, eps=1e-05, momentum=0.1, affine=False, bias=False, track_running_stats=False)", []),
            (CrossEntropyLoss(), "CrossEntropyLoss()", []),
            (MSELoss(), "MSELoss()", []),
            (BCEWithLogitsLoss(), "BCEWithLogitsLoss()", []),
        ]
        for (module, repr, keys) in cases {
            #expect(module.description == repr)
            #expect(Array(module.stateDict().keys) == keys, "\(repr)")
        }
    }

    @Test func conv2dDefaultInitFollowsPyTorchsStream() {
        // shared/rng vector: torch.manual_seed(0); nn.Conv2d(1, 2, 2).weight
        Torch.manualSeed(0)
        let conv = Conv2d(1, 2, kernelSize: 2)
        #expect(conv.weight.toArray(as: Float.self).prefix(4) == [-0.00374341011, 0.268221796, -0.411522567, -0.367969513])
    }

    @Test func seedConvolutionHasPyTorchsOutputShape() {
        let conv = Conv2d(16, 33, kernelSize: [3, 5], stride: [2, 1], padding: [4, 2], dilation: [3, 1])
        let y = Torch.noGrad { conv(Torch.zeros([20, 16, 50, 100])) }
        #expect(y.shape == [20, 33, 26, 100])
    }

    @Test func batchNormTracksRunningStatsInTrainingOnly() {
        let bn = BatchNorm1d(2)
        let x = Tensor([[1.0, 2.0], [3.0, 6.0]])
        _ = bn(x)
        expectClose(values(bn.runningMean), [0.2, 0.4])
        expectClose(values(bn.runningVar), [0.9 + 0.1 * 2, 0.9 + 0.1 * 8])
        #expect(bn.numBatchesTracked.item() == 1)
        bn.eval()
        _ = bn(x)
        #expect(bn.numBatchesTracked.item() == 1)
    }

    @Test func smallCnnTrainsOneStep() {
        let net = Sequential(
            Conv2d(1, 4, kernelSize: 3, padding: 1), BatchNorm2d(4), ReLU(), MaxPool2d(2),
            Flatten(), Linear(4 * 4 * 4, 3))
        let x = Torch.randn([5, 1, 8, 8], generator: Generator().manualSeed(1))
        let y = Tensor([0, 1, 2, 0, 1])
        let loss = CrossEntropyLoss()(net(x), y)
        loss.backward()
        #expect(net.parameters().allSatisfy { $0.grad != nil })
        #expect(loss.item() > 0)
    }

    @Test func batchNorm2dRejectsWrongRank() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = BatchNorm2d(3)(Torch.zeros([2, 3, 4]))
        }
        #expect(stderrText(result).contains("expected 4D input (got 3D input)"))
    }
}
