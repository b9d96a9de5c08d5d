import Foundation

// Resampling as a gather along each spatial dim: nearest modes pick one source
// index per output position, linear modes blend two with weights. The backward
// rule scatters the gradient back with index_add, dim by dim.

extension Functional {
    /// Resizes the spatial dims of `[N, C, *spatial]` (1 to 3 spatial dims), PyTorch's `F.interpolate`.
    ///
    /// Give exactly one of `size` and `scaleFactor`. Modes: `"nearest"`, `"nearest-exact"`,
    /// `"linear"` (3-d input), `"bilinear"` (4-d), `"trilinear"` (5-d); `alignCorners` only
    /// for the linear modes. With `scaleFactor`, source coordinates use `1 / scaleFactor`,
    /// as PyTorch does when `recompute_scale_factor` is not set.
    /// ```swift
    /// Functional.interpolate(x, scaleFactor: [2], mode: "bilinear", alignCorners: false)
    /// ```
    public static func interpolate(_ input: Tensor, size: IntOrTuple? = nil, scaleFactor: [Double]? = nil,
                                   mode: String = "nearest", alignCorners: Bool? = nil,
                                   file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let linearModes = ["linear": 3, "bilinear": 4, "trilinear": 5]
        let modes = ["nearest", "nearest-exact"] + linearModes.keys
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
            scales = f.map { 1 / $0 }
        }
        torchCheck(outSize.allSatisfy { $0 > 0 },
                   "Input and output sizes should be greater than 0, but got input (\(spatial.map(String.init).joined(separator: ", "))) and output (\(outSize.map(String.init).joined(separator: ", ")))",
                   file: file, line: line)
        let linear = linearModes[mode] != nil
        let plans = (0..<n).map { d in
            resamplingPlan(input: spatial[d], output: outSize[d], scale: scales[d], mode: mode, alignCorners: alignCorners ?? false,
                           dim: d + 2, dtype: input.dtype)
        }
        let out = noGrad { plans.reduce(input) { acc, p in p.apply(acc) } }
        if gradNeeded(input) {
            let name = linear ? ["UpsampleLinear1DBackward0", "UpsampleBilinear2DBackward0", "UpsampleTrilinear3DBackward0"][n - 1]
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

    /// The source indices (and blend weights for linear modes) of one resampled dim.
    struct ResamplingPlan {
        let dim: Int
        let lower: Tensor
        let upper: Tensor?
        /// Weight of `upper` per output position; `lower` gets `1 - weight`.
        let weight: Tensor?

        /// The weights shaped to broadcast along `dim` of a tensor of rank `rank`.
        private func weights(rank: Int) -> (Tensor, Tensor) {
            let w = weight!.reshape([weight!.shape[0]] + [Int](repeating: 1, count: rank - dim - 1))
            return (1 - w, w)
        }

        func apply(_ x: Tensor) -> Tensor {
            guard let upper, weight != nil else { return x.indexSelect(dim, lower) }
            let (w0, w1) = weights(rank: x.ndim)
            return x.indexSelect(dim, lower) * w0 + x.indexSelect(dim, upper) * w1
        }

        func adjoint(_ g: Tensor, shape: [Int]) -> Tensor {
            let zeros = Torch.zeros(shape, dtype: g.dtype)
            guard let upper, weight != nil else { return zeros.indexAdd(dim, lower, g) }
            let (w0, w1) = weights(rank: g.ndim)
            return zeros.indexAdd(dim, lower, g * w0).indexAdd(dim, upper, g * w1)
        }
    }

    private static func resamplingPlan(input: Int, output: Int, scale: Double?, mode: String, alignCorners: Bool,
                                       dim: Int, dtype: DType) -> ResamplingPlan {
        let ratio = scale ?? Double(input) / Double(output)
        if mode == "nearest" || mode == "nearest-exact" {
            // PyTorch computes nearest source indices in float32.
            let shift: Float = mode == "nearest" ? 0 : 0.5
            let r = Float(ratio)
            let idx = (0..<output).map { o in Int64(Swift.min(Int(Foundation.floorf((Float(o) + shift) * r)), input - 1)) }
            return ResamplingPlan(dim: dim, lower: Tensor.fromArray(idx, shape: [output]), upper: nil, weight: nil)
        }
        var lower: [Int64] = [], upper: [Int64] = [], weight: [Double] = []
        for o in 0..<output {
            let src: Double
            if alignCorners {
                src = output > 1 ? Double(o) * Double(input - 1) / Double(output - 1) : 0
            } else {
                src = Swift.max((Double(o) + 0.5) * ratio - 0.5, 0)
            }
            let i0 = Swift.min(Int(Foundation.floor(src)), input - 1)
            lower.append(Int64(i0))
            upper.append(Int64(Swift.min(i0 + 1, input - 1)))
            weight.append(src - Double(i0))
        }
        let w = Tensor.fromArray(weight, shape: [output]).to(dtype.isFloatingPoint ? dtype : .float32)
        return ResamplingPlan(dim: dim, lower: Tensor.fromArray(lower, shape: [output]),
                              upper: Tensor.fromArray(upper, shape: [output]), weight: w)
    }
}
