import Foundation
import Testing
import Torch

/// Half-precision and non-contiguous inputs take the same paths as float32.
@Suite struct ConvolutionDTypeTests {
    private func values(_ shape: [Int], _ seed: Double) -> Tensor {
        let n = shape.reduce(1, *)
        return Tensor((0..<n).map { Float(Foundation.sin(Double($0) * 0.9 + seed)) }).reshape(shape)
    }

    @Test func float16ConvolutionAgreesWithFloat32() {
        let x = values([2, 3, 6, 5], 0), w = values([4, 3, 3, 3], 1)
        let reference = Functional.conv2d(x, w, padding: 1).toArray(as: Double.self)
        let half = Functional.conv2d(x.to(.float16), w.to(.float16), padding: 1)
        #expect(half.dtype == .float16)
        let got = half.toArray(as: Double.self)
        #expect(zip(got, reference).allSatisfy { abs($0 - $1) < 2e-2 * max(1, abs($1)) })
    }

    @Test func bfloat16PoolingAgreesWithFloat32() {
        let x = values([1, 2, 6, 6], 2)
        let reference = Functional.maxPool2d(x, kernelSize: 2).toArray(as: Double.self)
        let pooled = Functional.maxPool2d(x.to(.bfloat16), kernelSize: 2)
        #expect(pooled.dtype == .bfloat16)
        #expect(zip(pooled.toArray(as: Double.self), reference).allSatisfy { abs($0 - $1) < 1e-2 })
    }

    @Test func transposedInputPoolsLikeItsContiguousCopy() {
        let x = values([1, 2, 5, 6], 3).transpose(2, 3)
        let a = Functional.avgPool2d(x, kernelSize: 2, padding: 1).toArray(as: Double.self)
        let b = Functional.avgPool2d(x.contiguous(), kernelSize: 2, padding: 1).toArray(as: Double.self)
        #expect(a == b)
    }
}
