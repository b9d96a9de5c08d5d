import CFastMath

// Branch-free float32 exp, expm1-based tanh and sigmoid.
//
// glibc's expf/tanhf are scalar calls; PyTorch runs vectorised (Sleef)
// versions. These are written with selects and bit operations only, so a
// contiguous loop over them auto-vectorises even at the SSE2 baseline. Measured
// against float64 libm over a dense sweep (see FastMathTests): exp within
// 1 ulp, tanh and sigmoid within 2 ulp.

/// Splits `x` as `n * ln2 + r` with `|r| <= ln2 / 2` (Cody-Waite, two-part ln2
/// so `n * ln2Hi` is exact). `x` must lie within about ±2^21.
@inline(__always)
private func reduceForExp(_ x: Float) -> (n: Int32, r: Float) {
    // Adding 1.5 * 2^23 rounds to an integer in the low mantissa bits.
    let shifter: Float = 12_582_912
    let t = x * 1.442_695_04 + shifter
    let nf = t - shifter
    let n = Int32(bitPattern: t.bitPattern) &- 0x4B40_0000
    let r = (x - nf * 0.693_359_375) - nf * -2.121_944_4e-4
    return (n, r)
}

/// `(exp(r) - 1 - r) / r^2` on the reduced range, as a degree-5 polynomial
/// (Taylor to r^7: the truncation error is below 1e-8 relative).
@inline(__always)
private func expTail(_ r: Float) -> Float {
    var p: Float = 1.0 / 5040
    p = p * r + 1.0 / 720
    p = p * r + 1.0 / 120
    p = p * r + 1.0 / 24
    p = p * r + 1.0 / 6
    return p * r + 0.5
}

/// `2^n` for `n` in the normal exponent range.
@inline(__always)
private func powerOfTwo(_ n: Int32) -> Float {
    Float(bitPattern: UInt32(bitPattern: (n &+ 127) &<< 23))
}

/// `e^x` for float32, correctly handling overflow to inf, underflow through
/// the subnormal range to 0, infinities and NaN.
@inline(__always)
func fastExp(_ x: Float) -> Float {
    // NaN fails both comparisons and flows through to the result.
    let clamped = x < -104 ? -104 : (x > 89 ? 89 : x)
    let (n, r) = reduceForExp(clamped)
    let p = (expTail(r) * r) * r + r + 1
    // 2^n as two factors, so results in the subnormal range get one rounding.
    let half = n >> 1
    var result = p * powerOfTwo(half) * powerOfTwo(n &- half)
    result = x > 88.722_839 ? .infinity : result
    result = x < -103.972_08 ? 0 : result
    return result
}

/// `e^y - 1` for `0 <= y <= 20`, accurate near zero (no cancellation: the
/// polynomial part holds `exp(r) - 1` directly).
@inline(__always)
private func expm1NonNegative(_ y: Float) -> Float {
    let (n, r) = reduceForExp(y)
    let q = (expTail(r) * r) * r + r
    let scale = powerOfTwo(n)
    return scale * q + (scale - 1)
}

/// `tanh(x)` for float32 as `expm1(2|x|) / (expm1(2|x|) + 2)` with the sign of `x`.
@inline(__always)
func fastTanh(_ x: Float) -> Float {
    let magnitude = Float(bitPattern: x.bitPattern & 0x7FFF_FFFF)
    // tanh(10) rounds to 1 in float32; the bound keeps expm1 finite. NaN flows through.
    let y = 2 * (magnitude > 10 ? 10 : magnitude)
    let e = expm1NonNegative(y)
    let t = e / (e + 2)
    return Float(bitPattern: t.bitPattern | (x.bitPattern & 0x8000_0000))
}

/// The logistic function `1 / (1 + e^-x)` for float32.
@inline(__always)
func fastSigmoid(_ x: Float) -> Float {
    1 / (1 + fastExp(-x))
}

// MARK: - Contiguous float32 loops in C

/// A floating unary function with a vectorised loop over contiguous float32
/// buffers (Sources/CFastMath, built for AVX-512 / AVX2 / baseline and chosen
/// at run time). Strided and other-dtype inputs use the generic kernel.
protocol ContiguousFloat32Function {
    static func applyContiguous(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ count: Int)
}

extension ExpFunction: ContiguousFloat32Function {
    static func applyContiguous(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ count: Int) {
        torch_fastmath_exp_f32(x, y, count)
    }
}

extension TanhFunction: ContiguousFloat32Function {
    static func applyContiguous(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ count: Int) {
        torch_fastmath_tanh_f32(x, y, count)
    }
}

extension SigmoidFunction: ContiguousFloat32Function {
    static func applyContiguous(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ count: Int) {
        torch_fastmath_sigmoid_f32(x, y, count)
    }
}

/// Runs a contiguous float32 loop from `x` into `y` (same shape, both
/// contiguous float32; may be the same tensor), split across cores when large.
func applyContiguousFloat32(_ f: ContiguousFloat32Function.Type, from x: Tensor, into y: Tensor) {
    let n = x.numel()
    let px = UnsafePointer(x.pointer(as: Float.self)), py = y.pointer(as: Float.self)
    let chunks = Parallel.chunkCount(for: n)
    if chunks == 1 {
        f.applyContiguous(px, py, n)
        return
    }
    Parallel.run(count: n, chunks: chunks) { range in
        f.applyContiguous(px + range.lowerBound, py + range.lowerBound, range.count)
    }
}

/// Runs a contiguous float32 loop over each row of a 2-D float32 `x` whose
/// rows are contiguous but spaced apart (a `narrow` of the last dim, say),
/// into the contiguous `y` of the same shape.
func applyRowsFloat32(_ f: ContiguousFloat32Function.Type, from x: Tensor, into y: Tensor) {
    let (rows, width, rowStride) = (x.shape[0], x.shape[1], x.layout.strides[0])
    let px = UnsafePointer(x.pointer(as: Float.self)), py = y.pointer(as: Float.self)
    for r in 0..<rows { f.applyContiguous(px + r * rowStride, py + r * width, width) }
}

/// Which build of the C loops runs here: 2 AVX-512, 1 AVX2+FMA, 0 baseline (for tests and benchmarks).
func fastMathISALevel() -> Int { Int(torch_fastmath_isa_level()) }
