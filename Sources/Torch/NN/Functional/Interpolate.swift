import Foundation

// Resampling as a gather along each spatial dim: nearest modes pick one source
// index per output position, linear modes blend two with weights and bicubic
// four (PyTorch's cubic convolution, A = -0.75, taps clamped at the edges). The
// backward rule scatters the gradient back with index_add, dim by dim. `area`
// is adaptive average pooling, as in PyTorch.

extension Functional {
    /// Resizes the spatial dims of `[N, C, *spatial]` (1 to 3 spatial dims), PyTorch's `F.interpolate`.
    ///
    /// Give exactly one of `size` and `scaleFactor`. Modes: `"nearest"`, `"nearest-exact"`,
    /// `"area"`, `"linear"` (3-d input), `"bilinear"` and `"bicubic"` (4-d), `"trilinear"`
    /// (5-d); `alignCorners` only for the linear and cubic modes. With `scaleFactor`, source
    /// coordinates use `1 / scaleFactor`, as PyTorch does, unless `recomputeScaleFactor` is
    /// true: then the output size alone decides, as if it had been given.
    /// ```swift
    /// Functional.interpolate(x, scaleFactor: [2], mode: "bilinear", alignCorners: false)
    /// ```
    public static func interpolate(_ input: Tensor, size: IntOrTuple? = nil, scaleFactor: [Double]? = nil,
                                   mode: String = "nearest", alignCorners: Bool? = nil, recomputeScaleFactor: Bool? = nil,
                                   file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let linearModes = ["linear": 3, "bilinear": 4, "bicubic": 4, "trilinear": 5]
        let modes = ["nearest", "nearest-exact", "area"] + linearModes.keys
        torchCheck(input.ndim >= 3 && input.ndim <= 5 && modes.contains(mode),
                   "Input Error: Only 3D, 4D and 5D input Tensors supported (got \(input.ndim)D) for the modes: nearest | linear | bilinear | bicubic | trilinear | lanczos | area | nearest-exact (got \(mode))",
                   file: file, line: line)
        if let want = linearModes[mode] {
            torchCheck(input.ndim == want, "Got \(input.ndim)D input, but \(mode) mode needs \(want)D input", file: file, line: line)
        } else {
            torchCheck(alignCorners == nil,
                       "align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear",
                       file: file, line: line)
        }
        torchCheck(!(size != nil && scaleFactor != nil), "only one of size or scale_factor should be defined", file: file, line: line)
        torchCheck(size != nil || scaleFactor != nil, "either size or scale_factor should be defined", file: file, line: line)
        let n = input.ndim - 2
        let spatial = Array(input.shape.suffix(n))
        var outSize: [Int]
        var scales: [Double?] = [Double?](repeating: nil, count: n)
        if let size {
            guard let s = size.expanded(to: n) else {
                torchFail("Input and output must have the same number of spatial dimensions, but got input with spatial dimensions of \(spatial) and output size of (\(size.values.map(String.init).joined(separator: ", "))). Please provide input tensor in (N, C, d1, d2, ...,dK) format and output size in (o1, o2, ...,oK) format.",
                          file: file, line: line)
            }
            outSize = s
        } else {
            let f = scaleFactor!.count == 1 ? [Double](repeating: scaleFactor![0], count: n) : scaleFactor!
            torchCheck(f.count == n,
                       "Input and scale_factor must have the same number of spatial dimensions, but got input with spatial dimensions of \(spatial) and scale_factor of shape \(f).",
                       file: file, line: line)
            outSize = (0..<n).map { Int(Foundation.floor(Double(spatial[$0]) * f[$0])) }
            // With recomputeScaleFactor the output size alone decides, as if it had been given.
            if recomputeScaleFactor != true { scales = f.map { 1 / $0 } }
        }
        torchCheck(outSize.allSatisfy { $0 > 0 },
                   "Input and output sizes should be greater than 0, but got input (\(spatial.map(String.init).joined(separator: ", "))) and output (\(outSize.map(String.init).joined(separator: ", ")))",
                   file: file, line: line)
        if mode == "area" {
            let size = IntOrTuple(outSize)
            return n == 1 ? adaptiveAvgPool1d(input, outputSize: size, file: file, line: line)
                : n == 2 ? adaptiveAvgPool2d(input, outputSize: size, file: file, line: line)
                : adaptiveAvgPool3d(input, outputSize: size, file: file, line: line)
        }
        let blends = linearModes[mode] != nil
        let plans = (0..<n).map { d in
            resamplingPlan(input: spatial[d], output: outSize[d], scale: scales[d], mode: mode, alignCorners: alignCorners ?? false,
                           dim: d + 2)
        }
        // Blends run in float32 for half types and integers (rounded back), as PyTorch accumulates.
        let work = !blends || input.dtype == .float32 || input.dtype == .float64 ? input.dtype : DType.float32
        var out = noGrad { plans.reduce(input.to(work)) { acc, p in p.apply(acc) } }
        if out.dtype != input.dtype {
            if !input.dtype.isFloatingPoint {
                let (lo, hi): (Double, Double) = input.dtype == .uint8 ? (0, 255) : (-Double.infinity, .infinity)
                out = noGrad { out.round().clamp(min: lo, max: hi) }
            }
            out = noGrad { out.to(input.dtype) }
        }
        if gradNeeded(input) {
            let name = mode == "bicubic" ? "UpsampleBicubic2DBackward0"
                : blends ? ["UpsampleLinear1DBackward0", "UpsampleBilinear2DBackward0", "UpsampleTrilinear3DBackward0"][n - 1]
                : mode == "nearest" ? "UpsampleNearest\(n)DBackward0" : "UpsampleNearestExact\(n)DBackward0"
            let inputShape = input.shape
            recordNode(name, inputs: [input], output: out) { ctx in
                var g = ctx.grad, shape = g.shape
                for p in plans.reversed() {
                    shape[p.dim] = inputShape[p.dim]
                    g = p.adjoint(g, shape: shape)
                }
                return [g]
            }
        }
        return out
    }

    /// The source indices (and blend weights for linear and cubic modes) of one resampled dim.
    struct ResamplingPlan {
        let dim: Int
        /// One index per output position for each tap.
        let taps: [Tensor]
        /// The weight of each tap per output position (float64); empty for nearest modes.
        let weights: [Tensor]

        /// Tap `k`'s weights on the device and in the dtype of `like`, shaped to broadcast along `dim` of it.
        private func weight(_ k: Int, like x: Tensor) -> Tensor {
            weights[k].reshape([weights[k].shape[0]] + [Int](repeating: 1, count: x.ndim - dim - 1)).to(x.device, dtype: x.dtype)
        }

        /// Tap `k`'s indices (built on the host) on `device`.
        private func tap(_ k: Int, on device: Device) -> Tensor { taps[k].to(device) }

        func apply(_ x: Tensor) -> Tensor {
            guard !weights.isEmpty else { return x.indexSelect(dim, tap(0, on: x.device)) }
            return taps.indices.map { x.indexSelect(dim, tap($0, on: x.device)) * weight($0, like: x) }
                .dropFirst().reduce(x.indexSelect(dim, tap(0, on: x.device)) * weight(0, like: x), +)
        }

        func adjoint(_ g: Tensor, shape: [Int]) -> Tensor {
            let zeros = Torch.zeros(shape, device: g.device, dtype: g.dtype)
            guard !weights.isEmpty else { return zeros.indexAdd(dim, tap(0, on: g.device), g) }
            return taps.indices.reduce(zeros) { acc, k in acc.indexAdd(dim, tap(k, on: g.device), g * weight(k, like: g)) }
        }
    }

    private static func resamplingPlan(input: Int, output: Int, scale: Double?, mode: String, alignCorners: Bool,
                                       dim: Int) -> ResamplingPlan {
        let ratio = scale ?? Double(input) / Double(output)
        if mode == "nearest" || mode == "nearest-exact" {
            // PyTorch computes nearest source indices in float32.
            let shift: Float = mode == "nearest" ? 0 : 0.5
            let r = Float(ratio)
            let idx = (0..<output).map { o in Int64(Swift.min(Int(Foundation.floorf((Float(o) + shift) * r)), input - 1)) }
            return ResamplingPlan(dim: dim, taps: [Tensor.fromArray(idx, shape: [output])], weights: [])
        }
        let cubic = mode == "bicubic"
        let tapCount = cubic ? 4 : 2
        var taps = [[Int64]](repeating: [], count: tapCount), weights = [[Double]](repeating: [], count: tapCount)
        for o in 0..<output {
            var src: Double
            if alignCorners {
                src = output > 1 ? Double(o) * Double(input - 1) / Double(output - 1) : 0
            } else {
                src = (Double(o) + 0.5) * ratio - 0.5
                if !cubic { src = Swift.max(src, 0) }  // cubic keeps negative positions; its taps clamp instead
            }
            if cubic {
                let i0 = Int(Foundation.floor(src)), t = src - Double(i0)
                let w = cubicWeights(t)
                for k in 0..<4 {
                    taps[k].append(Int64(Swift.min(Swift.max(i0 - 1 + k, 0), input - 1)))
                    weights[k].append(w[k])
                }
            } else {
                let i0 = Swift.min(Int(Foundation.floor(src)), input - 1)
                let t = src - Double(i0)
                taps[0].append(Int64(i0))
                taps[1].append(Int64(Swift.min(i0 + 1, input - 1)))
                weights[0].append(1 - t)
                weights[1].append(t)
            }
        }
        return ResamplingPlan(dim: dim, taps: taps.map { Tensor.fromArray($0, shape: [output]) },
                              weights: weights.map { Tensor.fromArray($0, shape: [output]) })
    }

    /// Keys' cubic convolution weights of the four taps around a position `t` past the
    /// second one, with PyTorch's A = -0.75.
    private static func cubicWeights(_ t: Double) -> [Double] {
        let a = -0.75
        func near(_ x: Double) -> Double { ((a + 2) * x - (a + 3)) * x * x + 1 }
        func far(_ x: Double) -> Double { ((a * x - 5 * a) * x + 8 * a) * x - 4 * a }
        return [far(t + 1), near(t), near(1 - t), far(2 - t)]
    }
}
