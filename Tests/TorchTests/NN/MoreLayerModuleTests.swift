import Testing
import Torch

/// Activation, padding, resampling, dropout and loss modules over the functional
/// API: printed form and state-dict keys exactly as PyTorch 2.15 prints them.
@Suite struct MoreLayerModuleTests {
    @Test func reprsMatchPyTorch() {
        let cases: [(Module, String)] = [
            (GELU(), "GELU(approximate='none')"), (GELU(approximate: "tanh"), "GELU(approximate='tanh')"),
            (SiLU(), "SiLU()"), (LeakyReLU(0.2, inplace: true), "LeakyReLU(negative_slope=0.2, inplace=True)"),
            (LeakyReLU(), "LeakyReLU(negative_slope=0.01)"), (ELU(), "ELU(alpha=1.0)"), (SELU(), "SELU()"),
            (CELU(), "CELU(alpha=1.0)"), (Softplus(), "Softplus(beta=1.0, threshold=20.0)"), (Mish(), "Mish()"),
            (Hardtanh(), "Hardtanh(min_val=-1.0, max_val=1.0)"), (ReLU6(), "ReLU6()"), (Hardsigmoid(), "Hardsigmoid()"),
            (Hardswish(), "Hardswish()"), (Threshold(0.1, 20.5), "Threshold(threshold=0.1, value=20.5)"),
            (LogSigmoid(), "LogSigmoid()"), (Hardshrink(), "Hardshrink(0.5)"), (Softshrink(), "Softshrink(0.5)"),
            (Softsign(), "Softsign()"), (Tanhshrink(), "Tanhshrink()"), (Softmin(dim: 1), "Softmin(dim=1)"),
            (GLU(), "GLU(dim=-1)"), (PReLU(), "PReLU(num_parameters=1)"),
            (RReLU(), "RReLU(lower=0.125, upper=0.3333333333333333)"),
            (SmoothL1Loss(), "SmoothL1Loss()"), (HuberLoss(), "HuberLoss()"), (KLDivLoss(reduction: "batchmean"), "KLDivLoss()"),
            (Dropout2d(0.2), "Dropout2d(p=0.2, inplace=False)"), (AlphaDropout(0.1), "AlphaDropout(p=0.1, inplace=False)"),
            (PixelShuffle(2), "PixelShuffle(upscale_factor=2)"),
            (Upsample(scaleFactor: 2, mode: "nearest"), "Upsample(scale_factor=2.0, mode='nearest')"),
            (Upsample(size: [4, 4], mode: "bilinear", alignCorners: false), "Upsample(size=(4, 4), mode='bilinear')"),
            (ZeroPad2d(2), "ZeroPad2d((2, 2, 2, 2))"), (ConstantPad1d([1, 2], 3.5), "ConstantPad1d(padding=(1, 2), value=3.5)"),
            (ReflectionPad2d(1), "ReflectionPad2d((1, 1, 1, 1))"), (ReplicationPad1d(2), "ReplicationPad1d((2, 2))"),
        ]
        for (module, repr) in cases { #expect(module.description == repr) }
        #expect(Array(PReLU().stateDict().keys) == ["weight"])
        #expect(values(PReLU().weight) == [0.25])
    }

    @Test func modulesApplyTheirFunction() {
        let x = Tensor([[-2.0, -0.5, 0.5, 2.0]])
        #expect(values(Hardtanh()(x)) == [-1, -0.5, 0.5, 1])
        #expect(values(ReLU6()(x * 4)) == [0, 0, 2, 6])
        #expect(values(ZeroPad2d([1, 0, 0, 0])(x.unsqueeze(0))) == [0, -2, -0.5, 0.5, 2])
        #expect(Upsample(scaleFactor: 2)(Torch.ones([1, 1, 2, 2])).shape == [1, 1, 4, 4])
        let d = Dropout2d(0.5)
        d.eval()
        #expect(values(d(x.unsqueeze(0))) == values(x))
        expectClose(values(SmoothL1Loss()(Tensor([0.0, 3.0]), Tensor([0.5, 0.0]))), [(0.125 + 2.5) / 2])
    }
}
