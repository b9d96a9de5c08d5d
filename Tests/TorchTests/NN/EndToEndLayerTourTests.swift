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
            let golden = endToEndFixture["layer_tour"]
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
