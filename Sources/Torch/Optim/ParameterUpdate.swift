// Runs an optimizer's per-element update rule over a parameter in one fused pass.

/// Pointers to one parameter's elements, its gradient and up to three state buffers.
struct UpdateBuffers<T> {
    let param: UnsafeMutablePointer<T>
    let grad: UnsafeMutablePointer<T>
    /// State buffers in the order the update asked for; unused slots alias `grad` and are never written.
    let s0, s1, s2: UnsafeMutablePointer<T>
    /// Bit k set: state slot k is a real buffer, written back after the update.
    let stores: Int
}

/// One vector of elements of a parameter, its gradient and its state, as an update rule sees them.
struct UpdateLanes<V: SIMD> where V.Scalar: FloatingPoint {
    var param, grad, s0, s1, s2: V
}

extension UpdateBuffers where T: FloatElement & SIMDScalar {
    /// Runs `body` over `range` eight elements at a time (SIMD), the tail padded with zeros.
    ///
    /// Lanes are independent, so the vector form computes exactly what the
    /// scalar form would, with the same operations in the same order.
    @inline(__always)
    func forEachLanes(_ range: Range<Int>, _ body: (inout UpdateLanes<SIMD8<T>>) -> Void) {
        typealias V = SIMD8<T>
        @inline(__always) func load(_ p: UnsafeMutablePointer<T>, _ i: Int) -> V {
            UnsafeRawPointer(p + i).loadUnaligned(as: V.self)
        }
        @inline(__always) func store(_ v: V, _ p: UnsafeMutablePointer<T>, _ i: Int) {
            UnsafeMutableRawPointer(p + i).storeBytes(of: v, as: V.self)
        }
        var i = range.lowerBound
        let end = range.upperBound
        // One call site for `body` (the tail goes through the same path), so it inlines.
        while i < end {
            let count = Swift.min(8, end - i)
            var x: UpdateLanes<V>
            if count == 8 {
                x = UpdateLanes(param: load(param, i), grad: load(grad, i), s0: load(s0, i), s1: load(s1, i),
                                s2: load(s2, i))
            } else {
                x = UpdateLanes(param: V(), grad: V(), s0: V(), s1: V(), s2: V())
                for k in 0..<count {
                    x.param[k] = param[i + k]; x.grad[k] = grad[i + k]
                    x.s0[k] = s0[i + k]; x.s1[k] = s1[i + k]; x.s2[k] = s2[i + k]
                }
            }
            body(&x)
            if count == 8 {
                store(x.param, param, i)
                if stores & 1 != 0 { store(x.s0, s0, i) }
                if stores & 2 != 0 { store(x.s1, s1, i) }
                if stores & 4 != 0 { store(x.s2, s2, i) }
            } else {
                for k in 0..<count {
                    param[i + k] = x.param[k]
                    if stores & 1 != 0 { s0[i + k] = x.s0[k] }
                    if stores & 2 != 0 { s1[i + k] = x.s1[k] }
                    if stores & 4 != 0 { s2[i + k] = x.s2[k] }
                }
            }
            i += 8
        }
    }
}

/// An optimizer's update rule for one parameter, as one loop over its elements.
///
/// A single pass replaces PyTorch's chain of in-place tensor ops (`mul_`,
/// `addcmul_`, `sqrt`, `addcdiv_`): each element is read and written once.
/// Implementations keep PyTorch's float operation order (scalars rounded to
/// the element type first, as ATen does), so results agree to float tolerance.
protocol ParameterUpdate {
    func apply<T: FloatElement & SIMDScalar>(_ b: UpdateBuffers<T>, _ range: Range<Int>)
}

extension ParameterUpdate {
    /// Applies the update to `param` with `grad` and `state` buffers, in place.
    ///
    /// Float32 and float64 tensors that are contiguous are updated in their own
    /// memory; anything else (views, half types) is updated in a float32 copy
    /// and written back through the tensor's layout.
    /// Nil state slots are placeholders the rule does not use.
    func run(param: Tensor, grad: Tensor, state: [Tensor?]) {
        let all = [param, grad] + state.map { $0 ?? grad }
        let direct = (param.dtype == .float32 || param.dtype == .float64)
            && all.allSatisfy { $0.dtype == param.dtype && $0.isContiguous }
        if direct {
            Dispatch.parameterUpdate(self, all, state: state)
            param.bumpVersion()
            for s in state { s?.bumpVersion() }
            return
        }
        let work: DType = param.dtype == .float64 ? .float64 : .float32
        noGrad {
            let copies = all.map { optimWorkCopy($0, work) }
            Dispatch.parameterUpdate(self, copies, state: state)
            _ = param.copy_(copies[0])
            for (s, c) in zip(state, copies.dropFirst(2)) { if let s { _ = s.copy_(c) } }
        }
    }
}

/// PyTorch's `lerp` with a scalar weight: the form depends on the weight's size,
/// which keeps the result exact at both ends.
@inline(__always)
func lerpLanes<V: SIMD>(_ a: V, _ b: V, _ w: V.Scalar) -> V where V.Scalar: BinaryFloatingPoint {
    let diff = b - a
    return w.magnitude < 0.5 ? a + diff * w : b - diff * (1 - w)
}

/// The magnitudes of the lanes.
@inline(__always)
func absLanes<V: SIMD>(_ x: V) -> V where V.Scalar: FloatingPoint {
    x.replacing(with: -x, where: x .< 0)
}

/// Adds one to a `step` state tensor and returns the new count, PyTorch's `step_t += 1; _get_value(step_t)`.
func optimIncrementStep(_ step: Tensor) -> Double {
    if step.dtype == .float32 && step.numel() == 1 {
        let p = step.pointer(as: Float.self)
        p.pointee += 1
        step.bumpVersion()
        return Double(p.pointee)
    }
    noGrad { _ = step.add_(1) }
    return step.item()
}

/// A fresh `step` counter: a 0-d float32 tensor holding 0, as PyTorch keeps it.
func optimZeroStep() -> Tensor { Torch.zeros([], device: .cpu) }

extension Optimizer {
    /// The tensor state under `key`, created by `make` on first use.
    func stateTensor(_ s: ParameterState, _ key: String, _ make: () -> Tensor) -> Tensor {
        if let t = s.tensor(key) { return t }
        let t = noGrad(make)
        s[key] = .tensor(t)
        return t
    }
}

/// A contiguous copy with its own storage in `dtype`, detached from autograd.
func optimWorkCopy(_ t: Tensor, _ dtype: DType) -> Tensor {
    noGrad { t.dtype == dtype ? t.detach().clone(memoryFormat: .contiguous) : t.detach().to(dtype).contiguous() }
}
