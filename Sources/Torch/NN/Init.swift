import Foundation

/// Parameter initialisation, PyTorch's `torch.nn.init`.
///
/// Every function fills its tensor in place without recording gradients
/// (PyTorch runs them under `no_grad`) and returns it. Random fills draw from
/// `generator` (the global one by default) exactly as PyTorch does, so a seeded
/// initialisation gives PyTorch's values.
///
/// ```swift
/// Init.normal_(net[0].weight, mean: 0, std: 0.01)
/// Init.constant_(net[0].bias, 0)
/// ```
public enum Init {
    /// The recommended gain for a nonlinearity, PyTorch's `calculate_gain`:
    /// 1 for linear, conv and sigmoid, 5/3 for tanh, √2 for relu,
    /// √(2 / (1 + slope²)) for leaky_relu (slope `param`, 0.01 by default), 3/4 for selu.
    public static func calculateGain(_ nonlinearity: String, param: Double? = nil,
                                     file: StaticString = #fileID, line: UInt = #line) -> Double {
        let linearFamily = ["linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d",
                            "conv_transpose2d", "conv_transpose3d", "sigmoid"]
        if linearFamily.contains(nonlinearity) { return 1 }
        switch nonlinearity {
        case "tanh": return 5.0 / 3
        case "relu": return 2.0.squareRoot()
        case "leaky_relu":
            let slope = param ?? 0.01
            return (2.0 / (1 + slope * slope)).squareRoot()
        case "selu": return 3.0 / 4
        default: torchFail("Unsupported nonlinearity \(nonlinearity)", file: file, line: line)
        }
    }

    /// The fan in and fan out of a weight: `shape[1] * receptive field` and
    /// `shape[0] * receptive field`, where the receptive field is the product of
    /// the dims after the first two. PyTorch's `_calculate_fan_in_and_fan_out`.
    public static func calculateFanInAndFanOut(_ tensor: Tensor, file: StaticString = #fileID, line: UInt = #line) -> (fanIn: Int, fanOut: Int) {
        torchCheck(tensor.ndim >= 2, "Fan in and fan out can not be computed for tensor with fewer than 2 dimensions",
                   file: file, line: line)
        let receptive = tensor.shape.dropFirst(2).reduce(1, *)
        return (tensor.shape[1] * receptive, tensor.shape[0] * receptive)
    }

    /// The fan for `mode` ("fan_in" or "fan_out"), PyTorch's `_calculate_correct_fan`.
    static func correctFan(_ tensor: Tensor, mode: String, file: StaticString, line: UInt) -> Int {
        torchCheck(mode == "fan_in" || mode == "fan_out", "Mode \(mode) not supported, please use one of ['fan_in', 'fan_out']",
                   file: file, line: line)
        let (fanIn, fanOut) = calculateFanInAndFanOut(tensor, file: file, line: line)
        return mode == "fan_in" ? fanIn : fanOut
    }

    /// Fills with values drawn uniformly from [a, b), PyTorch's `uniform_`.
    @discardableResult
    public static func uniform_(_ tensor: Tensor, a: Double = 0, b: Double = 1, generator: Generator? = nil,
                                file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        noGrad { tensor.uniform_(from: a, to: b, generator: generator, file: file, line: line) }
    }

    /// Fills with values drawn from N(mean, std²), PyTorch's `normal_`.
    @discardableResult
    public static func normal_(_ tensor: Tensor, mean: Double = 0, std: Double = 1, generator: Generator? = nil,
                               file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        noGrad { tensor.normal_(mean: mean, std: std, generator: generator, file: file, line: line) }
    }

    /// Fills with `value`, PyTorch's `constant_`.
    @discardableResult
    public static func constant_(_ tensor: Tensor, _ value: Double, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        noGrad { tensor.fill_(value, file: file, line: line) }
    }

    /// Fills with zeros, PyTorch's `zeros_`.
    @discardableResult
    public static func zeros_(_ tensor: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        noGrad { tensor.zero_(file: file, line: line) }
    }

    /// Fills with ones, PyTorch's `ones_`.
    @discardableResult
    public static func ones_(_ tensor: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        noGrad { tensor.fill_(1, file: file, line: line) }
    }

    /// Fills a matrix with the identity (ones on the diagonal), PyTorch's `eye_`.
    @discardableResult
    public static func eye_(_ tensor: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(tensor.ndim == 2, "Only tensors with 2 dimensions are supported", file: file, line: line)
        return noGrad { tensor.copy_(Torch.eye(tensor.shape[0], tensor.shape[1], dtype: tensor.dtype), file: file, line: line) }
    }

    /// Fills a 3-, 4- or 5-d convolution weight with the Dirac delta, so the
    /// convolution keeps (per group) as many input channels as it can,
    /// PyTorch's `dirac_`.
    @discardableResult
    public static func dirac_(_ tensor: Tensor, groups: Int = 1, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck((3...5).contains(tensor.ndim), "Only tensors with 3, 4, or 5 dimensions are supported", file: file, line: line)
        let sizes = tensor.shape
        torchCheck(sizes[0] % groups == 0, "dim 0 must be divisible by groups", file: file, line: line)
        let perGroup = sizes[0] / groups
        let minDim = Swift.min(perGroup, sizes[1])
        var strides = [Int](repeating: 1, count: sizes.count)
        for d in stride(from: sizes.count - 2, through: 0, by: -1) { strides[d] = strides[d + 1] * sizes[d + 1] }
        var values = [Double](repeating: 0, count: tensor.numel())
        for g in 0..<groups {
            for d in 0..<minDim {
                var offset = (g * perGroup + d) * strides[0] + d * strides[1]
                for k in 2..<sizes.count { offset += (sizes[k] / 2) * strides[k] }
                values[offset] = 1
            }
        }
        return noGrad { tensor.copy_(Tensor.fromArray(values, shape: sizes), file: file, line: line) }
    }

    /// Fills with U(-bound, bound), bound = gain · √(6 / (fan_in + fan_out)),
    /// PyTorch's `xavier_uniform_` (Glorot).
    @discardableResult
    public static func xavierUniform_(_ tensor: Tensor, gain: Double = 1, generator: Generator? = nil,
                                      file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let (fanIn, fanOut) = calculateFanInAndFanOut(tensor, file: file, line: line)
        let std = gain * (2.0 / Double(fanIn + fanOut)).squareRoot()
        let bound = 3.0.squareRoot() * std
        return uniform_(tensor, a: -bound, b: bound, generator: generator, file: file, line: line)
    }

    /// Fills with N(0, std²), std = gain · √(2 / (fan_in + fan_out)), PyTorch's `xavier_normal_`.
    @discardableResult
    public static func xavierNormal_(_ tensor: Tensor, gain: Double = 1, generator: Generator? = nil,
                                     file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let (fanIn, fanOut) = calculateFanInAndFanOut(tensor, file: file, line: line)
        let std = gain * (2.0 / Double(fanIn + fanOut)).squareRoot()
        return normal_(tensor, mean: 0, std: std, generator: generator, file: file, line: line)
    }

    /// Fills with U(-bound, bound), bound = gain · √(3 / fan), PyTorch's
    /// `kaiming_uniform_` (He); `a` is the negative slope of a leaky relu.
    @discardableResult
    public static func kaimingUniform_(_ tensor: Tensor, a: Double = 0, mode: String = "fan_in",
                                       nonlinearity: String = "leaky_relu", generator: Generator? = nil,
                                       file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        if tensor.shape.contains(0) { return tensor }   // PyTorch warns and leaves it
        let fan = correctFan(tensor, mode: mode, file: file, line: line)
        let std = calculateGain(nonlinearity, param: a, file: file, line: line) / Double(fan).squareRoot()
        let bound = 3.0.squareRoot() * std
        return uniform_(tensor, a: -bound, b: bound, generator: generator, file: file, line: line)
    }

    /// Fills with N(0, std²), std = gain / √fan, PyTorch's `kaiming_normal_`.
    @discardableResult
    public static func kaimingNormal_(_ tensor: Tensor, a: Double = 0, mode: String = "fan_in",
                                      nonlinearity: String = "leaky_relu", generator: Generator? = nil,
                                      file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        if tensor.shape.contains(0) { return tensor }
        let fan = correctFan(tensor, mode: mode, file: file, line: line)
        let std = calculateGain(nonlinearity, param: a, file: file, line: line) / Double(fan).squareRoot()
        return normal_(tensor, mean: 0, std: std, generator: generator, file: file, line: line)
    }

    /// Fills with N(mean, std²) truncated to [a, b], PyTorch's `trunc_normal_`.
    ///
    /// PyTorch's rejection sampler, draw for draw: when [a, b] holds more than
    /// 30% of the mass, whole-tensor normal draws replace the values outside
    /// [a, b] until none is left; otherwise uniform candidates in [a, b] are
    /// accepted against the density relative to its peak, again whole-tensor
    /// draws per round.
    @discardableResult
    public static func truncNormal_(_ tensor: Tensor, mean: Double = 0, std: Double = 1, a: Double = -2, b: Double = 2,
                                    generator: Generator? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        func normCdf(_ x: Double) -> Double { (1 + Foundation.erf(x / 2.0.squareRoot())) / 2 }
        let mass = normCdf((b - mean) / std) - normCdf((a - mean) / std)
        return noGrad {
            if mass > 0.3 {
                // The bounds as the tensor's dtype holds them, so the mask agrees with the stored values.
                let lo = Torch.full([], a, dtype: tensor.dtype).item(), hi = Torch.full([], b, dtype: tensor.dtype).item()
                var result = tensor.normal_(mean: mean, std: std, generator: generator, file: file, line: line)
                while true {
                    let outside = result.lt(lo).logicalOr(result.gt(hi))
                    if !outside.any().item(as: Bool.self) { break }
                    let fresh = Torch.emptyLike(result).normal_(mean: mean, std: std, generator: generator, file: file, line: line)
                    result = Torch.where(outside, fresh, result)
                }
                if result !== tensor { tensor.copy_(result, file: file, line: line) }
                return tensor
            }
            let mode = Swift.max(a, Swift.min(mean, b))
            let logPeak = -0.5 * ((mode - mean) / std) * ((mode - mean) / std)
            let candidates = Torch.emptyLike(tensor), accept = Torch.emptyLike(tensor)
            func logDensity(_ x: Tensor) { x.sub_(mean).div_(std).pow_(2).mul_(-0.5).sub_(logPeak) }
            tensor.uniform_(from: a, to: b, generator: generator, file: file, line: line)
            candidates.copy_(tensor)
            logDensity(candidates)
            var pending = accept.uniform_(generator: generator).log_().gt(candidates)
            if !pending.any().item(as: Bool.self) { return tensor }
            var result = tensor
            while true {
                candidates.uniform_(from: a, to: b, generator: generator, file: file, line: line)
                result = Torch.where(pending, candidates, result)
                logDensity(candidates)
                pending = Torch.where(pending, accept.uniform_(generator: generator).log_().gt(candidates), pending)
                if !pending.any().item(as: Bool.self) { break }
            }
            return tensor.copy_(result, file: file, line: line)
        }
    }

    /// Fills with a (semi-)orthogonal matrix scaled by `gain`, PyTorch's `orthogonal_`.
    ///
    /// As in PyTorch: a rows × (numel / rows) matrix of N(0, 1) draws (transposed
    /// when wide) is QR-factorised, Q's columns take the signs of R's diagonal,
    /// and the result (transposed back) is copied in and scaled by `gain`.
    @discardableResult
    public static func orthogonal_(_ tensor: Tensor, gain: Double = 1, generator: Generator? = nil,
                                   file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(tensor.ndim >= 2, "Only tensors with 2 or more dimensions are supported", file: file, line: line)
        if tensor.numel() == 0 { return tensor }
        let rows = tensor.shape[0], cols = tensor.numel() / rows
        return noGrad {
            let flat = Torch.empty([rows, cols], dtype: tensor.dtype)
            flat.normal_(mean: 0, std: 1, generator: generator, file: file, line: line)
            let wide = rows < cols
            let m = wide ? cols : rows, n = wide ? rows : cols
            let source = (wide ? flat.t() : flat).to(.float64).contiguous().toArray(as: Double.self)
            let q = householderQ(source, m: m, n: n)
            var result = Tensor.fromArray(q, shape: [m, n]).to(tensor.dtype)
            if wide { result = result.t() }
            tensor.copy_(result.reshape(tensor.shape), file: file, line: line)
            return tensor.mul_(gain, file: file, line: line)
        }
    }
}

/// The m × n (m ≥ n) factor Q of a thin QR of the row-major matrix `a`, with
/// the columns signed so R's diagonal is non-negative: the unique Q that
/// PyTorch's `orthogonal_` produces after its sign correction.
private func householderQ(_ a: [Double], m: Int, n: Int) -> [Double] {
    var r = a
    var reflectors: [[Double]] = []
    var diagonal: [Double] = []
    for k in 0..<n {
        var v = (k..<m).map { r[$0 * n + k] }
        let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let alpha = v[0] > 0 ? -norm : norm
        diagonal.append(alpha)
        v[0] -= alpha
        let vnorm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        if vnorm > 0 { v = v.map { $0 / vnorm } }
        reflectors.append(v)
        guard vnorm > 0 else { continue }
        for j in k..<n {
            var dot = 0.0
            for i in k..<m { dot += v[i - k] * r[i * n + j] }
            for i in k..<m { r[i * n + j] -= 2 * v[i - k] * dot }
        }
    }
    // Q = H_0 H_1 ... H_{n-1} applied to the first n columns of the identity.
    var q = [Double](repeating: 0, count: m * n)
    for i in 0..<n { q[i * n + i] = 1 }
    for k in stride(from: n - 1, through: 0, by: -1) {
        let v = reflectors[k]
        for j in 0..<n {
            var dot = 0.0
            for i in k..<m { dot += v[i - k] * q[i * n + j] }
            if dot != 0 { for i in k..<m { q[i * n + j] -= 2 * v[i - k] * dot } }
        }
    }
    for j in 0..<n {
        let s: Double = diagonal[j] > 0 ? 1 : (diagonal[j] < 0 ? -1 : 0)
        for i in 0..<m { q[i * n + j] *= s }
    }
    return q
}
