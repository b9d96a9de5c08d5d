/// A tensor filled with zeros, PyTorch's `torch.zeros`.
///
/// ```swift
/// let x = Torch.zeros([2, 2])   // float32
/// ```
public func zeros(_ shape: [Int], device: Device? = nil, dtype: DType = .float32, requiresGrad: Bool = false,
                  file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    full(shape, 0, device: device, dtype: dtype, requiresGrad: requiresGrad, file: file, line: line)
}

/// A tensor filled with ones, PyTorch's `torch.ones`.
public func ones(_ shape: [Int], device: Device? = nil, dtype: DType = .float32, requiresGrad: Bool = false,
                 file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    full(shape, 1, device: device, dtype: dtype, requiresGrad: requiresGrad, file: file, line: line)
}

/// A tensor filled with one value, PyTorch's `torch.full`. Without `dtype:` an
/// integer fill gives int64, a floating fill float32 and a boolean bool.
public func full<S: TensorScalar>(_ shape: [Int], _ value: S, device: Device? = nil, dtype: DType? = nil, requiresGrad: Bool = false,
                                  file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let t = empty(shape, device: device, dtype: dtype ?? value.scalar.defaultDType, file: file, line: line)
    Dispatch.fill(t, layout: t.layout, with: value.scalar)
    if requiresGrad { t.requiresGrad_(true, file: file, line: line) }
    return t
}

/// A tensor with uninitialised contents, PyTorch's `torch.empty`. On the meta
/// device nothing is allocated, whatever the size:
///
/// ```swift
/// let big = Torch.empty([100_000, 100_000], device: .meta)   // shape only
/// ```
public func empty(_ shape: [Int], device: Device? = nil, dtype: DType = .float32, requiresGrad: Bool = false,
                  file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    for s in shape where s < 0 {
        torchFail("Trying to create tensor with negative dimension \(s): \(shapeString(shape))", file: file, line: line)
    }
    let t = Tensor(uninitializedShape: shape, dtype: dtype, device: resolvedDevice(device ?? Torch.getDefaultDevice(), file: file, line: line))
    if requiresGrad { t.requiresGrad_(true, file: file, line: line) }
    return t
}

/// A 2-d tensor with ones on the diagonal, PyTorch's `torch.eye`.
public func eye(_ n: Int, _ m: Int? = nil, device: Device? = nil, dtype: DType = .float32, requiresGrad: Bool = false,
                file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let cols = m ?? n
    torchCheck(n >= 0, "n must be greater or equal to 0, got \(n)", file: file, line: line)
    torchCheck(cols >= 0, "m must be greater or equal to 0, got \(cols)", file: file, line: line)
    let t = zeros([n, cols], device: device, dtype: dtype, file: file, line: line)
    let diagonal = Layout(shape: [min(n, cols)], strides: [cols + 1], offset: 0)
    Dispatch.fill(t, layout: diagonal, with: .int(1))
    if requiresGrad { t.requiresGrad_(true, file: file, line: line) }
    return t
}

/// Values from `start` up to (not including) `end` in steps of `step`,
/// PyTorch's `torch.arange`. Integer arguments give int64, any floating one float32.
///
/// ```swift
/// Torch.arange(0, 10, 1)    // tensor([0, 1, ..., 9])
/// ```
public func arange<A: TensorScalar, B: TensorScalar, C: TensorScalar>(
    _ start: A, _ end: B, _ step: C, device: Device? = nil, dtype: DType? = nil, requiresGrad: Bool = false,
    file: StaticString = #fileID, line: UInt = #line
) -> Tensor {
    let s = start.scalar.doubleValue, e = end.scalar.doubleValue, d = step.scalar.doubleValue
    torchCheck(d != 0, "step must be nonzero", file: file, line: line)
    torchCheck((d > 0 && e >= s) || (d < 0 && e <= s), "upper bound and larger bound inconsistent with step sign", file: file, line: line)
    let anyFloat = start.scalar.isFloatingPoint || end.scalar.isFloatingPoint || step.scalar.isFloatingPoint
    let outType = dtype ?? (anyFloat ? DType.defaultFloat : .int64)
    let count: Int
    if !anyFloat {
        let (si, ei, di) = (start.scalar.int64Value, end.scalar.int64Value, step.scalar.int64Value)
        count = Int((ei - si + di + (di > 0 ? -1 : 1)) / di)
        let values = (0..<count).map { si + Int64($0) * di }
        let t = Tensor.fromArray(values)
        return finishCreation(outType == .int64 ? t : t.to(outType), device, requiresGrad, file, line)
    }
    count = max(Int(((e - s) / d).rounded(.up)), 0)
    if outType.isIntegral {
        // As PyTorch: the length comes from the floating arguments, the values
        // from start and step truncated to integers (so a step of 0.5 repeats start).
        let (si, di) = (truncatedToInt64(s), truncatedToInt64(d))
        let values = (0..<count).map { si &+ Int64($0) &* di }
        return finishCreation(Tensor.fromArray(values).to(outType), device, requiresGrad, file, line)
    }
    let values = (0..<count).map { s + Double($0) * d }
    return finishCreation(Tensor.fromArray(values).to(outType), device, requiresGrad, file, line)
}

/// x86's truncating conversion: out-of-range values (and NaN) give `Int64.min`.
private func truncatedToInt64(_ v: Double) -> Int64 {
    v.magnitude < 0x1p63 ? Int64(v) : .min
}

/// An endpoint of linspace/logspace as PyTorch takes it: converted to the output's
/// integer dtype first (truncated, wrapped), then used as a double.
private func endpoint(_ v: Double, in dtype: DType) -> Double {
    guard dtype.isIntegral || dtype == .bool else { return v }
    return Tensor.fromArray([v]).to(dtype).toArray(as: Double.self)[0]
}

/// `arange(start, end)` with step 1.
public func arange<A: TensorScalar, B: TensorScalar>(_ start: A, _ end: B, device: Device? = nil, dtype: DType? = nil,
                                                     requiresGrad: Bool = false,
                                                     file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    arange(start, end, 1, device: device, dtype: dtype, requiresGrad: requiresGrad, file: file, line: line)
}

/// `arange(0, end)` with step 1.
public func arange<B: TensorScalar>(_ end: B, device: Device? = nil, dtype: DType? = nil, requiresGrad: Bool = false,
                                    file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    arange(0, end, 1, device: device, dtype: dtype, requiresGrad: requiresGrad, file: file, line: line)
}

/// `steps` evenly spaced values from `start` to `end` inclusive, PyTorch's `torch.linspace`.
public func linspace<A: TensorScalar, B: TensorScalar>(
    _ start: A, _ end: B, steps: Int, device: Device? = nil, dtype: DType = .float32, requiresGrad: Bool = false,
    file: StaticString = #fileID, line: UInt = #line
) -> Tensor {
    torchCheck(steps >= 0, "number of steps must be non-negative", file: file, line: line)
    let s = endpoint(start.scalar.doubleValue, in: dtype), e = endpoint(end.scalar.doubleValue, in: dtype)
    let t: Tensor
    if dtype == .float32 || dtype == .float16 || dtype == .bfloat16 {
        // PyTorch steps in the output's own precision, symmetric from both ends,
        // each value one fused multiply-add (its kernels are compiled with fp-contract).
        let fs = Float(s), fe = Float(e)
        let step = steps > 1 ? (fe - fs) / Float(steps - 1) : 0
        let half = steps == 1 ? 1 : steps / 2
        let values = (0..<steps).map { i -> Float in
            i < half ? fs.addingProduct(step, Float(i)) : fe.addingProduct(-step, Float(steps - i - 1))
        }
        t = Tensor.fromArray(values)
    } else {
        let step = steps > 1 ? (e - s) / Double(steps - 1) : 0
        let half = steps == 1 ? 1 : steps / 2
        let values = (0..<steps).map { i -> Double in
            i < half ? s.addingProduct(step, Double(i)) : e.addingProduct(-step, Double(steps - i - 1))
        }
        t = Tensor.fromArray(values)
    }
    return finishCreation(t.dtype == dtype ? t : t.to(dtype), device, requiresGrad, file, line)
}

/// `steps` values spaced evenly on a log scale from `base^start` to `base^end`,
/// PyTorch's `torch.logspace`.
public func logspace<A: TensorScalar, B: TensorScalar>(
    _ start: A, _ end: B, steps: Int, base: Double = 10, device: Device? = nil, dtype: DType = .float32, requiresGrad: Bool = false,
    file: StaticString = #fileID, line: UInt = #line
) -> Tensor {
    let exponents = linspace(endpoint(start.scalar.doubleValue, in: dtype), endpoint(end.scalar.doubleValue, in: dtype),
                             steps: steps, dtype: .float64, file: file, line: line)
    let values = exponents.toArray(as: Double.self).map { Double.pow(base, $0) }
    return finishCreation(Tensor.fromArray(values).to(dtype), device, requiresGrad, file, line)
}

/// Moves a tensor computed on the host to its device, then marks it.
private func finishCreation(_ host: Tensor, _ device: Device?, _ requiresGrad: Bool, _ file: StaticString, _ line: UInt) -> Tensor {
    let target = device ?? Torch.getDefaultDevice()
    let t = target == .cpu ? host : host.to(target, file: file, line: line)
    if requiresGrad { t.requiresGrad_(true, file: file, line: line) }
    return t
}

/// Zeros with the shape (and, unless given, dtype and device) of `other`, PyTorch's `torch.zeros_like`.
public func zerosLike(_ other: Tensor, device: Device? = nil, dtype: DType? = nil, requiresGrad: Bool = false) -> Tensor {
    zeros(other.shape, device: device ?? other.device, dtype: dtype ?? other.dtype, requiresGrad: requiresGrad)
}

/// Ones with the shape (and, unless given, dtype and device) of `other`, PyTorch's `torch.ones_like`.
public func onesLike(_ other: Tensor, device: Device? = nil, dtype: DType? = nil, requiresGrad: Bool = false) -> Tensor {
    ones(other.shape, device: device ?? other.device, dtype: dtype ?? other.dtype, requiresGrad: requiresGrad)
}

/// One value with the shape (and, unless given, dtype and device) of `other`, PyTorch's `torch.full_like`.
public func fullLike<S: TensorScalar>(_ other: Tensor, _ value: S, device: Device? = nil, dtype: DType? = nil,
                                      requiresGrad: Bool = false) -> Tensor {
    full(other.shape, value, device: device ?? other.device, dtype: dtype ?? other.dtype, requiresGrad: requiresGrad)
}

/// Uninitialised memory with the shape (and, unless given, dtype and device) of `other`, PyTorch's `torch.empty_like`.
public func emptyLike(_ other: Tensor, device: Device? = nil, dtype: DType? = nil, requiresGrad: Bool = false) -> Tensor {
    empty(other.shape, device: device ?? other.device, dtype: dtype ?? other.dtype, requiresGrad: requiresGrad)
}
