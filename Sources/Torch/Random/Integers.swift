/// Integer sampling: `torch.randint`, `torch.randint_like`, `Tensor.random_` and `torch.randperm`.
///
/// `random_(from, to)` draws one 32-bit value per element when `to - from` is
/// below 2^28 and one 64-bit value otherwise (for every dtype, as in PyTorch
/// 2.x builds), and returns `from + v % (to - from)`.
extension Tensor {
    /// Fills with integers drawn uniformly from [from, to), PyTorch's `random_(from, to)`.
    ///
    /// For floating dtypes the bounds are first moved to values the dtype can
    /// hold, as PyTorch does.
    @discardableResult
    public func random_(from: Int, to: Int, generator: Generator? = nil,
                        file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        randomInRange(from: from, to: to, generator: generator, nodeName: "RandomBackward0", file: file, line: line)
    }

    /// Fills with integers drawn uniformly from [0, to), PyTorch's `random_(to)`.
    @discardableResult
    public func random_(to: Int, generator: Generator? = nil,
                        file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        randomInRange(from: 0, to: to, generator: generator, nodeName: "RandomBackward1", file: file, line: line)
    }

    private func randomInRange(from: Int, to: Int, generator: Generator?, nodeName: String,
                               file: StaticString, line: UInt) -> Tensor {
        torchCheck(from < to, "random_ expects 'from' to be less than 'to', but got from=\(from) >= to=\(to)", file: file, line: line)
        var low = Int64(from), high = Int64(to)
        if dtype.isFloatingPoint {
            let digits = mantissaDigits(dtype)
            low = nudgeFrom(low, digits: digits)
            high = nudgeTo(high, digits: digits)
            torchCheck(low < high, "random_ expects 'from' casted to dtype to be less than 'to' casted to dtype, but got from=\(low) >= to=\(high)", file: file, line: line)
        } else if let (minValue, maxValue, typeName) = integerBounds(dtype) {
            torchCheck(low >= minValue && low <= maxValue, "from is out of bounds for \(typeName)", file: file, line: line)
            torchCheck(high - 1 >= minValue && high - 1 <= maxValue, "to - 1 is out of bounds for \(typeName)", file: file, line: line)
        }
        let range = UInt64(bitPattern: high &- low)
        let base = UInt64(bitPattern: low)
        if device.kind == .meta { return self }  // nothing to draw into
        let n = numel()
        let values: Tensor = resolve(generator).withState { state in
            var out = [Int64](repeating: 0, count: n)
            if range >= 1 << 28 {
                for i in 0..<n { out[i] = Int64(bitPattern: state.random64() % range &+ base) }
            } else {
                for i in 0..<n { out[i] = Int64(bitPattern: UInt64(state.random()) % range &+ base) }
            }
            return tensorInMemoryOrder(out, dtype: dtype)
        }
        return overwriteWithRandom(values, nodeName: nodeName, file: file, line: line)
    }

    /// Fills with integers drawn uniformly over the dtype's range, PyTorch's `random_()`:
    /// [0, 2^63) for int64, [0, 2^31) for int32, [0, 2^mantissa] for floating
    /// dtypes, 0 or 1 for bool.
    @discardableResult
    public func random_(generator: Generator? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        if device.kind == .meta { return self }  // nothing to draw into
        let n = numel()
        let dtype = self.dtype
        let values: Tensor = resolve(generator).withState { state in
            var out = [Int64](repeating: 0, count: n)
            switch dtype {
            case .int64:
                for i in 0..<n { out[i] = Int64(state.random64() % (1 << 63)) }
            case .float64:
                for i in 0..<n { out[i] = Int64(state.random64() % ((1 << 53) + 1)) }
            case .bool:
                for i in 0..<n { out[i] = Int64(state.random() & 1) }
            default:
                let modulus: UInt32
                switch dtype {
                case .float32, .float16, .bfloat16: modulus = (1 << UInt32(mantissaDigits(dtype))) + 1
                case .int32: modulus = 1 << 31
                case .int16: modulus = 1 << 15
                case .int8: modulus = 1 << 7
                default: modulus = 1 << 8
                }
                for i in 0..<n { out[i] = Int64(state.random() % modulus) }
            }
            return tensorInMemoryOrder(out, dtype: dtype)
        }
        return overwriteWithRandom(values, nodeName: "RandomBackward2", file: file, line: line)
    }
}

/// The value range and C++ type name PyTorch's bounds messages use, for the narrow integer dtypes.
private func integerBounds(_ dtype: DType) -> (Int64, Int64, String)? {
    switch dtype {
    case .uint8: return (0, 255, "unsigned char")
    case .int8: return (-128, 127, "signed char")
    case .int16: return (-32768, 32767, "short int")
    case .int32: return (Int64(Int32.min), Int64(Int32.max), "int")
    case .bool: return (0, 1, "bool")
    default: return nil
    }
}

/// `int64(T(v))` for a floating type with `digits` mantissa bits: v rounded
/// to `digits` significant bits, ties to even.
private func roundToDigits(_ v: Int64, digits: Int) -> Int64 {
    let a = v.magnitude
    let bitLength = 64 - a.leadingZeroBitCount
    if bitLength <= digits { return v }
    let shift = bitLength - digits
    var q = a >> shift
    let r = a & ((1 << shift) - 1)
    let half: UInt64 = 1 << (shift - 1)
    if r > half || (r == half && q & 1 == 1) { q += 1 }
    let rounded = q << shift   // may be 2^63 for |v| near the top; wraps like C++
    return v > 0 ? Int64(bitPattern: rounded) : Int64(bitPattern: 0 &- rounded)
}

/// PyTorch's `update_from`: moves `from` up to a value the dtype holds.
private func nudgeFrom(_ from: Int64, digits: Int) -> Int64 {
    let fp1 = roundToDigits(from &+ 1, digits: digits)
    guard fp1 < from else { return from }
    let bits = 64 - (from &+ 1).magnitude.leadingZeroBitCount
    return fp1 &+ (1 << Int64(bits - digits))
}

/// PyTorch's `update_to`: moves `to` down to a value the dtype holds.
private func nudgeTo(_ to: Int64, digits: Int) -> Int64 {
    let tm1 = roundToDigits(to &- 1, digits: digits)
    guard tm1 >= to else { return to }
    let bits = 64 - (to &- 1).magnitude.leadingZeroBitCount
    return tm1 &- (1 << Int64(bits - digits))
}

/// Integers drawn uniformly from [low, high), PyTorch's `torch.randint(low, high, size)`.
///
/// ```swift
/// let g = Generator().manualSeed(0)
/// Torch.randint(0, 10, [8], generator: g)   // 4, 9, 3, 0, 3, 9, 7, 3
/// ```
public func randint(_ low: Int, _ high: Int, _ size: [Int], device: Device? = nil, dtype: DType = .int64, requiresGrad: Bool = false,
                    generator: Generator? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let t = empty(size, device: device, dtype: dtype, file: file, line: line)
    t.random_(from: low, to: high, generator: generator, file: file, line: line)
    return finishRandomCreation(t, requiresGrad: requiresGrad, file: file, line: line)
}

/// Integers drawn uniformly from [0, high), PyTorch's `torch.randint(high, size)`.
public func randint(_ high: Int, _ size: [Int], device: Device? = nil, dtype: DType = .int64, requiresGrad: Bool = false,
                    generator: Generator? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    randint(0, high, size, device: device, dtype: dtype, requiresGrad: requiresGrad, generator: generator, file: file, line: line)
}

/// `randint(low, high)` with the shape (and, unless given, dtype) of `other`, PyTorch's `torch.randint_like`.
public func randintLike(_ other: Tensor, low: Int = 0, high: Int, dtype: DType? = nil, requiresGrad: Bool = false,
                        generator: Generator? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let t = other.emptyPreservingLayout(dtype: dtype ?? other.dtype)
    t.random_(from: low, to: high, generator: generator, file: file, line: line)
    return finishRandomCreation(t, requiresGrad: requiresGrad, file: file, line: line)
}

/// A random permutation of 0..<n, PyTorch's `torch.randperm`.
///
/// Below 214748364 elements: a forward Fisher–Yates shuffle with one 32-bit
/// draw per swap; above: an inside-out shuffle with 64-bit draws.
public func randperm(_ n: Int, device: Device? = nil, dtype: DType = .int64, requiresGrad: Bool = false, generator: Generator? = nil,
                     file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    torchCheck(n >= 0, "Trying to create tensor with negative dimension \(n): [\(n)]", file: file, line: line)
    let values: [Int64] = resolve(generator).withState { state in
        if n < 0xFFFF_FFFF / 20 {
            var r = (0..<n).map { Int64($0) }
            if n > 1 {
                for i in 0..<(n - 1) {
                    let z = Int(UInt64(state.random()) % UInt64(n - i))
                    r.swapAt(i, i + z)
                }
            }
            return r
        }
        var r = [Int64](repeating: 0, count: n)
        for i in 0..<n {
            let z = Int(state.random64() % UInt64(i + 1))
            r[i] = r[z]
            r[z] = Int64(i)
        }
        return r
    }
    let t = Tensor.fromArray(values, shape: [n]).cast(dtype).to(device ?? Torch.getDefaultDevice(), file: file, line: line)
    return finishRandomCreation(t, requiresGrad: requiresGrad, file: file, line: line)
}
