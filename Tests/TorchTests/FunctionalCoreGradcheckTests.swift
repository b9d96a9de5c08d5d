import Foundation
import Testing
import Torch

/// A float64 leaf with deterministic, irregular values.
private func sample(_ shape: [Int], _ seed: Double, scale: Double = 1) -> Tensor {
    let n = shape.reduce(1, *)
    let values = (0..<n).map { Foundation.sin(Double($0) * 1.7 + seed) * scale }
    return Tensor(values, dtype: .float64).reshape(shape).requiresGrad_()
}

/// A float64 leaf with values strictly inside (0, 1).
private func probability(_ shape: [Int], _ seed: Double) -> Tensor {
    (sample(shape, seed).detach() * 0.4 + 0.5).requiresGrad_()
}

/// Finite-difference checks of the functional ops in float64.
@Suite struct FunctionalCoreGradcheckTests {
    @Test func linearAndSoftmaxHaveCorrectGradients() {
        let checks: [Bool] = [
            Torch.gradcheck({ Functional.linear($0[0], weight: $0[1], bias: $0[2]) }, inputs: [sample([3, 4], 0), sample([2, 4], 1), sample([2], 2)]),
            Torch.gradcheck({ Functional.linear($0[0], weight: $0[1], bias: $0[2]) }, inputs: [sample([2, 3, 4], 0), sample([2, 4], 1), sample([2], 2)]),
            Torch.gradcheck({ Functional.linear($0[0], weight: $0[1]) }, inputs: [sample([3, 4], 0), sample([2, 4], 1)]),
            Torch.gradcheck({ Functional.bilinear($0[0], $0[1], weight: $0[2], bias: $0[3]) }, inputs: [sample([2, 3], 0), sample([2, 2], 1), sample([2, 3, 2], 2), sample([2], 3)]),
            Torch.gradcheck({ $0[0].softmax(dim: 1) }, inputs: [sample([3, 4], 0, scale: 2)]),
            Torch.gradcheck({ $0[0].softmax(dim: 0) }, inputs: [sample([3, 4], 0, scale: 2)]),
            Torch.gradcheck({ $0[0].logSoftmax(dim: -1) }, inputs: [sample([3, 4], 0, scale: 2)]),
            Torch.gradcheck({ $0[0].logSoftmax(dim: 1) }, inputs: [sample([2, 3, 2], 0, scale: 2)]),
            Torch.gradcheck({ Functional.softmin($0[0], dim: 1) }, inputs: [sample([3, 4], 0)]),
        ]
        #expect(checks.allSatisfy { $0 }, "\(checks)")
    }

    @Test func classificationLossesHaveCorrectGradients() {
        let target = Tensor([1, 0, 3, -100, 2])
        let weight = Tensor([0.5, 1.0, 2.0, 1.5], dtype: .float64)
        let probs = sample([5, 4], 3).detach().softmax(dim: 1).requiresGrad_()
        let checks: [Bool] = [
            Torch.gradcheck({ Functional.crossEntropy($0[0], target) }, inputs: [sample([5, 4], 0)]),
            Torch.gradcheck({ Functional.crossEntropy($0[0], target, weight: weight, reduction: .sum) }, inputs: [sample([5, 4], 0)]),
            Torch.gradcheck({ Functional.crossEntropy($0[0], target, weight: weight, labelSmoothing: 0.2) }, inputs: [sample([5, 4], 0)]),
            Torch.gradcheck({ Functional.crossEntropy($0[0], target, reduction: .none, labelSmoothing: 0.1) }, inputs: [sample([5, 4], 0)]),
            Torch.gradcheck({ Functional.crossEntropy($0[0], $0[1], weight: weight, labelSmoothing: 0.1) }, inputs: [sample([5, 4], 0), probs]),
            Torch.gradcheck({ Functional.crossEntropy($0[0], Tensor([[1, 0], [3, 2]])) }, inputs: [sample([2, 4, 2], 0)]),
            Torch.gradcheck({ Functional.nllLoss($0[0], target, weight: weight) }, inputs: [sample([5, 4], 0)]),
            Torch.gradcheck({ Functional.nllLoss($0[0], target, reduction: .none) }, inputs: [sample([5, 4], 0)]),
        ]
        #expect(checks.allSatisfy { $0 }, "\(checks)")
    }

    @Test func regressionLossesHaveCorrectGradients() {
        let checks: [Bool] = [
            Torch.gradcheck({ Functional.mseLoss($0[0], $0[1]) }, inputs: [sample([3, 4], 0), sample([3, 4], 1)]),
            Torch.gradcheck({ Functional.mseLoss($0[0], $0[1], reduction: .none) }, inputs: [sample([3, 4], 0), sample([4], 1)]),
            Torch.gradcheck({ Functional.l1Loss($0[0], $0[1], reduction: .sum) }, inputs: [sample([3, 4], 0), sample([3, 4], 1)]),
            Torch.gradcheck({ Functional.binaryCrossEntropy($0[0], $0[1]) }, inputs: [probability([3, 4], 0), probability([3, 4], 1)]),
            Torch.gradcheck({ Functional.binaryCrossEntropy($0[0], $0[1], weight: Tensor([1.0, 2.0, 0.5, 1.5], dtype: .float64), reduction: .none) },
                            inputs: [probability([3, 4], 0), probability([3, 4], 1)]),
            Torch.gradcheck({ Functional.binaryCrossEntropyWithLogits($0[0], $0[1]) }, inputs: [sample([3, 4], 0, scale: 3), probability([3, 4], 1)]),
            Torch.gradcheck({ Functional.binaryCrossEntropyWithLogits($0[0], $0[1], weight: $0[2], posWeight: $0[3], reduction: .sum) },
                            inputs: [sample([3, 4], 0, scale: 3), probability([3, 4], 1), probability([3, 1], 2).detach(), probability([4], 3).detach() * 3]),
        ]
        #expect(checks.allSatisfy { $0 }, "\(checks)")
    }

    @Test func activationsHaveCorrectGradients() {
        let x = sample([3, 5], 0.3, scale: 2)
        let checks: [Bool] = [
            Torch.gradcheck({ Functional.gelu($0[0]) }, inputs: [x]),
            Torch.gradcheck({ Functional.gelu($0[0], approximate: "tanh") }, inputs: [x]),
            Torch.gradcheck({ Functional.silu($0[0]) }, inputs: [x]),
            Torch.gradcheck({ Functional.leakyRelu($0[0], negativeSlope: 0.2) }, inputs: [x]),
        ]
        #expect(checks.allSatisfy { $0 }, "\(checks)")
    }

    @Test func secondDerivativesMatchComposedReferences() {
        // Backward rules switch from fused kernels to Tensor ops when a graph is
        // built; gradients of gradients must equal those of plain compositions.
        let x = sample([2, 3], 0.4)
        let target = Tensor([2, 0])
        let pairs: [((Tensor) -> Tensor, (Tensor) -> Tensor)] = [
            ({ $0.softmax(dim: 1) }, { $0.exp() / $0.exp().sum(dim: 1, keepdim: true) }),
            ({ $0.logSoftmax(dim: 1) }, { $0 - $0.exp().sum(dim: 1, keepdim: true).log() }),
            ({ $0.gelu() }, { $0 * 0.5 * (1 + ($0 * 0.7071067811865476).erf()) }),
            ({ $0.silu() }, { $0 * $0.sigmoid() }),
            ({ Functional.crossEntropy($0, target) }, { t in
                let logp = t - t.exp().sum(dim: 1, keepdim: true).log()
                return -(logp.gather(1, target.unsqueeze(1))).mean()
            }),
        ]
        for (fused, reference) in pairs {
            func secondDerivative(_ f: (Tensor) -> Tensor) -> [Double] {
                let y = (f(x) * f(x) * x).sum()
                let g = Autograd.grad([y], [x], createGraph: true)[0]!
                return Autograd.grad([(g * g).sum()], [x])[0]!.toArray(as: Double.self)
            }
            expectClose(secondDerivative(fused), secondDerivative(reference), rtol: 1e-9, atol: 1e-12)
        }
    }

    @Test func normalizationsHaveCorrectGradients() {
        let checks: [Bool] = [
            Torch.gradcheck({ Functional.layerNorm($0[0], normalizedShape: [4], weight: $0[1], bias: $0[2]) }, inputs: [sample([3, 4], 0, scale: 2), sample([4], 1), sample([4], 2)]),
            Torch.gradcheck({ Functional.layerNorm($0[0], normalizedShape: [2, 3]) }, inputs: [sample([2, 2, 3], 0, scale: 2)]),
            Torch.gradcheck({ Functional.groupNorm($0[0], numGroups: 2, weight: $0[1], bias: $0[2]) }, inputs: [sample([2, 4, 2], 0), sample([4], 1), sample([4], 2)]),
            Torch.gradcheck({ Functional.batchNorm($0[0], runningMean: nil, runningVar: nil, weight: $0[1], bias: $0[2], training: true) },
                            inputs: [sample([3, 2, 2], 0), sample([2], 1), sample([2], 2)]),
            Torch.gradcheck({ Functional.batchNorm($0[0], runningMean: Tensor([0.1, -0.2], dtype: .float64), runningVar: Tensor([1.5, 0.7], dtype: .float64),
                                                   weight: $0[1], bias: $0[2], training: false) },
                            inputs: [sample([3, 2, 2], 0), sample([2], 1), sample([2], 2)]),
            Torch.gradcheck({ Functional.instanceNorm($0[0], weight: $0[1], bias: $0[2]) }, inputs: [sample([2, 2, 3], 0), sample([2], 1), sample([2], 2)]),
            Torch.gradcheck({ Functional.embedding(Tensor([[0, 2], [2, 3]]), weight: $0[0], paddingIdx: 1) }, inputs: [sample([4, 3], 0)]),
            Torch.gradcheck({ Functional.localResponseNorm($0[0], size: 3, alpha: 0.5, beta: 0.6, k: 1.5) }, inputs: [sample([2, 4, 2], 0)]),
        ]
        #expect(checks.allSatisfy { $0 }, "\(checks)")
    }

    @Test func normalizationSecondDerivativesMatchComposedReferences() {
        let x = sample([3, 4], 0.4, scale: 2), w = sample([4], 1), b = sample([4], 2)
        let pairs: [((Tensor) -> Tensor, (Tensor) -> Tensor)] = [
            ({ Functional.layerNorm($0, normalizedShape: [4], weight: w, bias: b) }, { t in
                let c = t - t.mean(dim: 1, keepdim: true)
                return c * ((c * c).mean(dim: 1, keepdim: true) + 1e-5).rsqrt() * w + b
            }),
            ({ Functional.batchNorm($0.t(), runningMean: nil, runningVar: nil, training: true).t() }, { t in
                let c = t - t.mean(dim: 1, keepdim: true)
                return c * ((c * c).mean(dim: 1, keepdim: true) + 1e-5).rsqrt()
            }),
        ]
        for (fused, reference) in pairs {
            func secondDerivative(_ f: (Tensor) -> Tensor) -> [Double] {
                let y = (f(x) * f(x) * x).sum()
                let g = Autograd.grad([y], [x], createGraph: true)[0]!
                return Autograd.grad([(g * g).sum()], [x])[0]!.toArray(as: Double.self)
            }
            expectClose(secondDerivative(fused), secondDerivative(reference), rtol: 1e-8, atol: 1e-10)
        }
    }

    @Test func remainingActivationsHaveCorrectGradients() {
        // Values avoid the kinks (0, ±3, the shrink and clamp bounds), where finite differences straddle two pieces.
        let x = sample([3, 5], 0.35, scale: 2.5)
        let checks: [Bool] = [
            Torch.gradcheck({ Functional.hardtanh($0[0], minVal: -0.9, maxVal: 1.3) }, inputs: [x]),
            Torch.gradcheck({ Functional.elu($0[0], alpha: 0.7) }, inputs: [x]),
            Torch.gradcheck({ Functional.selu($0[0]) }, inputs: [x]),
            Torch.gradcheck({ Functional.celu($0[0], alpha: 1.5) }, inputs: [x]),
            Torch.gradcheck({ Functional.softplus($0[0], beta: 2, threshold: 3) }, inputs: [x]),
            Torch.gradcheck({ Functional.mish($0[0]) }, inputs: [x]),
            Torch.gradcheck({ Functional.hardsigmoid($0[0]) }, inputs: [x]),
            Torch.gradcheck({ Functional.hardswish($0[0]) }, inputs: [x]),
            Torch.gradcheck({ Functional.threshold($0[0], threshold: 0.25, value: -1) }, inputs: [x]),
            Torch.gradcheck({ Functional.logsigmoid($0[0]) }, inputs: [x]),
            Torch.gradcheck({ Functional.hardshrink($0[0], lambd: 0.45) }, inputs: [x]),
            Torch.gradcheck({ Functional.softshrink($0[0], lambd: 0.45) }, inputs: [x]),
            Torch.gradcheck({ Functional.softsign($0[0]) }, inputs: [x]),
            Torch.gradcheck({ Functional.tanhshrink($0[0]) }, inputs: [x]),
            Torch.gradcheck({ Functional.glu($0[0], dim: 0) }, inputs: [sample([4, 3], 1)]),
            Torch.gradcheck({ Functional.prelu($0[0], weight: $0[1]) }, inputs: [sample([2, 3, 2], 0.35), sample([3], 1)]),
            Torch.gradcheck({ Functional.rrelu($0[0]) }, inputs: [x]),
        ]
        #expect(checks.allSatisfy { $0 }, "\(checks)")
    }

    @Test func remainingLossesAndDistancesHaveCorrectGradients() {
        let a = sample([4, 3], 0, scale: 2), b = sample([4, 3], 1), c = sample([4, 3], 2)
        let logp = sample([3, 4], 0).detach().logSoftmax(dim: 1).requiresGrad_()
        let probs = sample([3, 4], 1).detach().softmax(dim: 1).requiresGrad_()
        let sign = Tensor([1.0, -1.0, -1.0, 1.0], dtype: .float64)
        let checks: [Bool] = [
            Torch.gradcheck({ Functional.smoothL1Loss($0[0], $0[1], beta: 0.7) }, inputs: [a, b]),
            Torch.gradcheck({ Functional.huberLoss($0[0], $0[1], reduction: .sum, delta: 0.8) }, inputs: [a, b]),
            Torch.gradcheck({ Functional.klDiv($0[0], $0[1], reduction: "batchmean") }, inputs: [logp, probs]),
            Torch.gradcheck({ Functional.klDiv($0[0], $0[1], reduction: "none", logTarget: true) }, inputs: [logp, sample([3, 4], 2).detach().logSoftmax(dim: 1).requiresGrad_()]),
            Torch.gradcheck({ Functional.marginRankingLoss($0[0], $0[1], sign, margin: 0.3) }, inputs: [sample([4], 0), sample([4], 1)]),
            Torch.gradcheck({ Functional.cosineEmbeddingLoss($0[0], $0[1], sign, margin: -0.5) }, inputs: [a, b]),
            Torch.gradcheck({ Functional.tripletMarginLoss($0[0], $0[1], $0[2], margin: 3) }, inputs: [a, b, c]),
            Torch.gradcheck({ Functional.pairwiseDistance($0[0], $0[1], p: 3) }, inputs: [a, b]),
            Torch.gradcheck({ Functional.cosineSimilarity($0[0], $0[1]) }, inputs: [a, b]),
            Torch.gradcheck({ Functional.normalize($0[0], dim: 0) }, inputs: [a]),
        ]
        #expect(checks.allSatisfy { $0 }, "\(checks)")
    }
}
