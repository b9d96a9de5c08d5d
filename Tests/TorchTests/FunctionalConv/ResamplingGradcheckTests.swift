import Foundation
import Testing
import Torch

/// A float64 leaf with deterministic, irregular values.
private func sample(_ shape: [Int], _ seed: Double) -> Tensor {
    let n = shape.reduce(1, *)
    let values = (0..<n).map { Foundation.sin(Double($0) * 1.7 + seed) }
    return Tensor(values, dtype: .float64).reshape(shape).requiresGrad_()
}

/// Finite-difference checks (float64) of resampling, unpooling and power-average pooling.
@Suite struct ResamplingGradcheckTests {
    @Test func interpolationHasCorrectGradients() {
        let checks: [Bool] = [
            Torch.gradcheck({ Functional.interpolate($0[0], size: [4, 5]) }, inputs: [sample([1, 2, 3, 2], 0)]),
            Torch.gradcheck({ Functional.interpolate($0[0], scaleFactor: [1.5], mode: "linear") }, inputs: [sample([2, 1, 4], 0)]),
            Torch.gradcheck({ Functional.interpolate($0[0], size: [3, 5], mode: "bilinear", alignCorners: true) },
                            inputs: [sample([1, 2, 4, 3], 0)]),
            Torch.gradcheck({ Functional.interpolate($0[0], size: [3, 2, 3], mode: "trilinear") }, inputs: [sample([1, 1, 2, 3, 2], 0)]),
        ]
        #expect(checks.allSatisfy { $0 })
    }

    @Test func shufflingAndUnpoolingHaveCorrectGradients() {
        let indices = Functional.maxPool2dWithIndices(sample([1, 2, 4, 4], 3).detach(), kernelSize: 2).1
        let checks: [Bool] = [
            Torch.gradcheck({ Functional.pixelShuffle($0[0], upscaleFactor: 2) }, inputs: [sample([1, 8, 2, 2], 0)]),
            Torch.gradcheck({ Functional.pixelUnshuffle($0[0], downscaleFactor: 2) }, inputs: [sample([2, 4, 4], 0)]),
            Torch.gradcheck({ Functional.maxUnpool2d($0[0], indices, kernelSize: 2) }, inputs: [sample([1, 2, 2, 2], 0)]),
            Torch.gradcheck({ Functional.lpPool2d($0[0], normType: 2, kernelSize: 2) }, inputs: [sample([1, 2, 4, 4], 0)]),
        ]
        #expect(checks.allSatisfy { $0 })
    }
}
