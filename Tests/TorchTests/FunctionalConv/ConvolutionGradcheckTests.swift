import Foundation
import Testing
import Torch

/// A float64 leaf with deterministic, irregular values.
private func sample(_ shape: [Int], _ seed: Double) -> Tensor {
    let n = shape.reduce(1, *)
    let values = (0..<n).map { Foundation.sin(Double($0) * 1.7 + seed) }
    return Tensor(values, dtype: .float64).reshape(shape).requiresGrad_()
}

/// Finite-difference checks (float64) of convolution, padding and pooling gradients.
@Suite struct ConvolutionGradcheckTests {
    @Test func convolutionsHaveCorrectGradients() {
        let checks: [Bool] = [
            Torch.gradcheck({ Functional.conv2d($0[0], $0[1], bias: $0[2], stride: [2, 1], padding: [1, 2], dilation: [2, 1]) },
                            inputs: [sample([2, 2, 5, 4], 0), sample([3, 2, 2, 3], 1), sample([3], 2)]),
            Torch.gradcheck({ Functional.conv2d($0[0], $0[1], padding: "same", groups: 2) },
                            inputs: [sample([1, 4, 4, 3], 0), sample([2, 2, 2, 2], 1)]),
            Torch.gradcheck({ Functional.conv1d($0[0], $0[1], bias: $0[2], stride: 2, padding: 1) },
                            inputs: [sample([2, 2, 7], 0), sample([3, 2, 3], 1), sample([3], 2)]),
            Torch.gradcheck({ Functional.conv3d($0[0], $0[1], padding: [1, 0, 0]) },
                            inputs: [sample([1, 2, 2, 3, 3], 0), sample([2, 2, 2, 2, 2], 1)]),
            Torch.gradcheck({ Functional.convTranspose2d($0[0], $0[1], bias: $0[2], stride: 2, padding: 1, outputPadding: 1, groups: 2) },
                            inputs: [sample([1, 4, 3, 3], 0), sample([4, 1, 3, 3], 1), sample([2], 2)]),
            Torch.gradcheck({ Functional.convTranspose1d($0[0], $0[1], dilation: 2) },
                            inputs: [sample([2, 2, 4], 0), sample([2, 3, 2], 1)]),
        ]
        #expect(checks.allSatisfy { $0 })
    }

    @Test func convolutionSupportsDoubleBackward() {
        // The gradient of sum(grad_x^2) needs the backward rule itself to be differentiable.
        // gradcheck evaluates under noGrad for finite differences; the inner gradient needs a graph.
        let check = Torch.gradcheck({ inputs in
            enableGrad {
                let y = Functional.conv2d(inputs[0], inputs[1], padding: 1)
                let g = Autograd.grad([(y * y).sum()], [inputs[0]], createGraph: true)[0]!
                return (g * g).sum()
            }
        }, inputs: [sample([1, 2, 3, 3], 0), sample([2, 2, 3, 3], 1)])
        #expect(check)
    }

    @Test func paddingHasCorrectGradients() {
        let checks: [Bool] = [
            Torch.gradcheck({ Functional.pad($0[0], [1, -1, 2, 0], value: 0.5) }, inputs: [sample([2, 3, 4], 0)]),
            Torch.gradcheck({ Functional.pad($0[0], [2, 1, 1, 2], mode: "reflect") }, inputs: [sample([1, 2, 3, 4], 0)]),
            Torch.gradcheck({ Functional.pad($0[0], [2, 1], mode: "replicate") }, inputs: [sample([2, 3], 0)]),
            Torch.gradcheck({ Functional.pad($0[0], [1, 2, 0, 1, 1, 0], mode: "circular") }, inputs: [sample([1, 1, 2, 3, 3], 0)]),
        ]
        #expect(checks.allSatisfy { $0 })
    }

    @Test func poolingHasCorrectGradients() {
        let checks: [Bool] = [
            Torch.gradcheck({ Functional.maxPool2d($0[0], kernelSize: 3, stride: 2, padding: 1, ceilMode: true) }, inputs: [sample([1, 2, 5, 6], 0)]),
            Torch.gradcheck({ Functional.maxPool3d($0[0], kernelSize: 2) }, inputs: [sample([1, 1, 2, 4, 4], 0)]),
            Torch.gradcheck({ Functional.avgPool2d($0[0], kernelSize: 3, stride: 2, padding: 1, countIncludePad: false) },
                            inputs: [sample([1, 2, 5, 6], 0)]),
            Torch.gradcheck({ Functional.avgPool1d($0[0], kernelSize: 2, ceilMode: true) }, inputs: [sample([2, 2, 5], 0)]),
            Torch.gradcheck({ Functional.adaptiveAvgPool2d($0[0], outputSize: [2, 3]) }, inputs: [sample([1, 2, 5, 4], 0)]),
            Torch.gradcheck({ Functional.adaptiveMaxPool1d($0[0], outputSize: 3) }, inputs: [sample([2, 2, 7], 0)]),
        ]
        #expect(checks.allSatisfy { $0 })
    }
}
