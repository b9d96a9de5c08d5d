import Testing
import Torch

extension EndToEndTests {
    /// The seed's DCGAN, scaled to 16x16 single-channel images and a latent size of 8:
    /// a ConvTranspose2d + BatchNorm2d + ReLU generator ending in Tanh, a Conv2d +
    /// LeakyReLU(0.2) discriminator, `weights_init` passed to `apply`, BCEWithLogitsLoss
    /// and two Adam optimizers, with the seed's alternating updates and `detach()`.
    @Suite struct EndToEndGANTests {
        @Test func dcganAlternatingUpdatesFollowPyTorch() {
            let golden = endToEndFixture["gan"]
            let latentSize = 8, nGFeature = 16, nDFeature = 16, nChannel = 1
            Torch.manualSeed(0)
            let gnet = Sequential(
                ConvTranspose2d(latentSize, 2 * nGFeature, kernelSize: 4, bias: false),
                BatchNorm2d(2 * nGFeature),
                ReLU(),
                ConvTranspose2d(2 * nGFeature, nGFeature, kernelSize: 4, stride: 2, padding: 1, bias: false),
                BatchNorm2d(nGFeature),
                ReLU(),
                ConvTranspose2d(nGFeature, nChannel, kernelSize: 4, stride: 2, padding: 1),
                Tanh()
            )
            let dnet = Sequential(
                Conv2d(nChannel, nDFeature, kernelSize: 4, stride: 2, padding: 1),
                LeakyReLU(0.2),
                Conv2d(nDFeature, 2 * nDFeature, kernelSize: 4, stride: 2, padding: 1, bias: false),
                BatchNorm2d(2 * nDFeature),
                LeakyReLU(0.2),
                Conv2d(2 * nDFeature, 1, kernelSize: 4)
            )
            #expect(gnet.description == golden.extra["g_repr"] as! String)
            #expect(dnet.description == golden.extra["d_repr"] as! String)
            #expect(Array(gnet.stateDict().keys) == golden.extra["g_state_keys"] as! [String])
            #expect(Array(dnet.stateDict().keys) == golden.extra["d_state_keys"] as! [String])

            func weightsInit(_ m: Module) {
                if m is ConvTranspose2d || m is Conv2d {
                    Init.xavierNormal_(m.weight)
                } else if m is BatchNorm2d {
                    Init.normal_(m.weight, mean: 1.0, std: 0.02)
                    Init.constant_(m.bias, 0)
                }
            }
            gnet.apply(weightsInit)
            dnet.apply(weightsInit)

            let criterion = BCEWithLogitsLoss()
            let goptimizer = Adam(gnet.parameters(), lr: 0.0002, betas: (0.5, 0.999))
            let doptimizer = Adam(dnet.parameters(), lr: 0.0002, betas: (0.5, 0.999))
            let realAll = blobImages(32).0.tanh()
            let batchSize = 8
            var dlosses: [Double] = [], glosses: [Double] = []
            for batchIdx in 0..<4 {
                let realImages = realAll.narrow(0, batchIdx * batchSize, batchSize)
                // Train the discriminator on real (label 1) and detached fake (label 0) images.
                var labels = Torch.ones([batchSize])
                var preds = dnet(realImages)
                var outputs = preds.reshape([-1])
                let dlossReal = criterion(outputs, labels)
                let noises = Torch.randn([batchSize, latentSize, 1, 1])
                let fakeImages = gnet(noises)
                labels = Torch.zeros([batchSize])
                let fake = fakeImages.detach()
                preds = dnet(fake)
                outputs = preds.view([-1])
                let dlossFake = criterion(outputs, labels)
                let dloss = dlossReal + dlossFake
                dnet.zeroGrad()
                dloss.backward()
                doptimizer.step()
                // Train the generator to have its images judged real.
                labels = Torch.ones([batchSize])
                preds = dnet(fakeImages)
                outputs = preds.view([-1])
                let gloss = criterion(outputs, labels)
                gnet.zeroGrad()
                gloss.backward()
                goptimizer.step()
                dlosses.append(dloss.item())
                glosses.append(gloss.item())
            }
            print("GAN D losses \(dlosses), G losses \(glosses)")
            expectClose(dlosses, golden.outputs[0].data, rtol: 1e-4, atol: 1e-5)
            expectClose(glosses, golden.outputs[1].data, rtol: 1e-4, atol: 1e-5)
            expectMatches(gnet[1].runningMean, golden.outputs[2], rtol: 1e-4, atol: 1e-5)
            expectMatches(dnet[3].runningVar, golden.outputs[3], rtol: 1e-4, atol: 1e-5)
        }
    }
}
