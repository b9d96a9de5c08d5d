import Testing
import Torch

/// Max, average and adaptive pooling against PyTorch's outputs and gradients.
@Suite struct PoolingFixtureTests {
    let fixture = Fixture("functional_conv")

    /// Compares values, indices and the input gradient of a pooling op that returns indices.
    private func checkWithIndices(_ name: String, _ op: (Tensor) -> (Tensor, Tensor)) {
        let c = fixture[name]
        let x = c.input(0)
        let (values, indices) = op(x)
        expectMatches(values, c.outputs[0])
        expectMatches(indices, c.outputs[1])
        values.backward(gradient: c.gradOutput!.tensor())
        expectMatches(x.grad!, c.grads[0]!)
    }

    @Test func maxPoolMatchesPyTorch() {
        checkCase(fixture["max_pool2d"]) { Functional.maxPool2d($0[0], kernelSize: 2) }
        checkCase(fixture["max_pool2d_stride_padding_dilation_ceil"]) {
            Functional.maxPool2d($0[0], kernelSize: [3, 2], stride: [2, 1], padding: 1, dilation: [1, 2], ceilMode: true)
        }
        checkCase(fixture["max_pool2d_unbatched"]) { Functional.maxPool2d($0[0], kernelSize: 2, ceilMode: true) }
        checkCase(fixture["max_pool1d"]) { Functional.maxPool1d($0[0], kernelSize: 3, stride: 2, padding: 1) }
        checkWithIndices("max_pool2d_indices") { Functional.maxPool2dWithIndices($0, kernelSize: 3, stride: 2, padding: 1) }
        checkWithIndices("max_pool3d_indices") { Functional.maxPool3dWithIndices($0, kernelSize: 2, stride: [1, 2, 2]) }
    }

    /// float32 `MaxPool2d(2)` takes a vectorised kernel; on rows wider than one
    /// vector, with ties and NaNs, it must pick the same maxima and indices
    /// (first maximum wins, NaN wins) and route the same gradient as the
    /// general loop that float64 takes.
    @Test func fastMaxPoolAgreesWithGeneralLoop() {
        let count = 2 * 3 * 7 * 37
        let data: [Double] = (0..<count).map { i in i % 11 == 0 ? .nan : Double((i * 7) % 5) }
        let x64 = Tensor.fromArray(data, shape: [2, 3, 7, 37]).requiresGrad_()
        let x32 = x64.detach().to(.float32).requiresGrad_()
        let (v64, i64) = Functional.maxPool2dWithIndices(x64, kernelSize: 2)
        let (v32, i32) = Functional.maxPool2dWithIndices(x32, kernelSize: 2)
        #expect(v32.shape == [2, 3, 3, 18])
        #expect(i32.toArray(as: Int64.self) == i64.toArray(as: Int64.self))
        #expect(values(v32).map { $0.isNaN ? -1 : $0 } == values(v64).map { $0.isNaN ? -1 : $0 })
        let g = Torch.arange(0, Double(v64.numel())).reshape(v64.shape)
        v64.backward(gradient: g)
        v32.backward(gradient: g.to(.float32))
        #expect(values(x32.grad!) == values(x64.grad!))
    }

    @Test func avgPoolMatchesPyTorch() {
        checkCase(fixture["avg_pool2d"]) { Functional.avgPool2d($0[0], kernelSize: 2) }
        checkCase(fixture["avg_pool2d_padding_ceil"]) { Functional.avgPool2d($0[0], kernelSize: 3, stride: 2, padding: 1, ceilMode: true) }
        checkCase(fixture["avg_pool2d_exclude_pad"]) {
            Functional.avgPool2d($0[0], kernelSize: 3, stride: 2, padding: 1, ceilMode: true, countIncludePad: false)
        }
        checkCase(fixture["avg_pool2d_divisor_override"]) {
            Functional.avgPool2d($0[0], kernelSize: [2, 3], padding: [1, 0], divisorOverride: 5)
        }
        checkCase(fixture["avg_pool1d"]) { Functional.avgPool1d($0[0], kernelSize: 3, stride: 2, padding: 1, countIncludePad: false) }
        checkCase(fixture["avg_pool3d"]) { Functional.avgPool3d($0[0], kernelSize: 2, stride: [1, 2, 2], padding: [1, 0, 1]) }
    }

    @Test func adaptivePoolingMatchesPyTorch() {
        checkCase(fixture["adaptive_avg_pool2d"]) { Functional.adaptiveAvgPool2d($0[0], outputSize: [3, 4]) }
        checkCase(fixture["adaptive_avg_pool2d_global"]) { Functional.adaptiveAvgPool2d($0[0], outputSize: 1) }
        checkCase(fixture["adaptive_avg_pool1d"]) { Functional.adaptiveAvgPool1d($0[0], outputSize: 4) }
        checkCase(fixture["adaptive_avg_pool3d"]) { Functional.adaptiveAvgPool3d($0[0], outputSize: [2, 3, 2]) }
        checkWithIndices("adaptive_max_pool2d_indices") { Functional.adaptiveMaxPool2dWithIndices($0, outputSize: [3, 2]) }
        checkCase(fixture["adaptive_max_pool1d"]) { Functional.adaptiveMaxPool1d($0[0], outputSize: 3) }
        checkCase(fixture["adaptive_max_pool3d"]) { Functional.adaptiveMaxPool3d($0[0], outputSize: 2) }
    }

    @Test func poolingRecordsPyTorchNodeNames() {
        let x = Torch.ones([1, 2, 4, 4]).requiresGrad_()
        let names = [
            Functional.maxPool2d(x, kernelSize: 2).gradFn,
            Functional.avgPool2d(x, kernelSize: 2).gradFn,
            Functional.adaptiveAvgPool2d(x, outputSize: 2).gradFn,
            Functional.adaptiveMaxPool2d(x, outputSize: 2).gradFn,
            Functional.maxPool1d(x[0], kernelSize: 2).gradFn,
        ]
        #expect(names == ["MaxPool2DWithIndicesBackward0", "AvgPool2DBackward0", "AdaptiveAvgPool2DBackward0",
                          "AdaptiveMaxPool2DBackward0", "SqueezeBackward1"])
    }
}
