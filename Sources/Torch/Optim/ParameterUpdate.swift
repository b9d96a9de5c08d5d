// Runs an optimizer's per-element update rule over a parameter in one fused pass.

/// Pointers to one parameter's elements, its gradient and up to four state buffers.
struct UpdateBuffers<T> {
    let param: UnsafeMutablePointer<T>
    let grad: UnsafeMutablePointer<T>
    /// State buffers in the order the update asked for; unused slots alias `param`.
    let s0, s1, s2, s3: UnsafeMutablePointer<T>
}

/// An optimizer's update rule for one parameter, as one loop over its elements.
///
/// A single pass replaces PyTorch's chain of in-place tensor ops (`mul_`,
/// `addcmul_`, `sqrt`, `addcdiv_`): each element is read and written once.
/// Implementations keep PyTorch's float operation order (scalars rounded to
/// the element type first, as ATen does), so results agree to float tolerance.
protocol ParameterUpdate {
    func apply<T: FloatElement>(_ b: UpdateBuffers<T>, _ range: Range<Int>)
}

extension ParameterUpdate {
    /// Applies the update to `param` with `grad` and `state` buffers, in place.
    ///
    /// Float32 and float64 tensors that are contiguous are updated in their own
    /// memory; anything else (views, half types) is updated in a float32 copy
    /// and written back through the tensor's layout.
    /// Nil state slots are placeholders the rule does not use.
    func run(param: Tensor, grad: Tensor, state: [Tensor?]) {
        let all = [param, grad] + state.map { $0 ?? param }
        let direct = (param.dtype == .float32 || param.dtype == .float64)
            && all.allSatisfy { $0.dtype == param.dtype && $0.isContiguous }
        if direct {
            if param.dtype == .float32 { execute(all, Float.self) } else { execute(all, Double.self) }
            param.bumpVersion()
            for s in state { s?.bumpVersion() }
            return
        }
        let work: DType = param.dtype == .float64 ? .float64 : .float32
        noGrad {
            let copies = all.map { ownCopy($0, work) }
            if work == .float32 { execute(copies, Float.self) } else { execute(copies, Double.self) }
            _ = param.copy_(copies[0])
            for (s, c) in zip(state, copies.dropFirst(2)) { if let s { _ = s.copy_(c) } }
        }
    }

    private func execute<T: FloatElement>(_ tensors: [Tensor], _: T.Type) {
        let p = tensors[0].pointer(as: T.self)
        let slot = { (i: Int) in i < tensors.count ? tensors[i].pointer(as: T.self) : p }
        let b = UpdateBuffers(param: p, grad: tensors[1].pointer(as: T.self),
                              s0: slot(2), s1: slot(3), s2: slot(4), s3: slot(5))
        let n = tensors[0].numel()
        let chunks = Parallel.chunkCount(for: n)
        if chunks == 1 {
            apply(b, 0..<n)
        } else {
            let shared = UncheckedSendable(b)
            Parallel.run(count: n, chunks: chunks) { range in apply(shared.value, range) }
        }
    }
}

/// PyTorch's `lerp` with a scalar weight: the form depends on the weight's size,
/// which keeps the result exact at both ends.
@inline(__always)
func lerpElement<T: FloatElement>(_ a: T, _ b: T, _ w: T) -> T {
    let diff = b - a
    return Swift.abs(w) < 0.5 ? a + w * diff : b - diff * (1 - w)
}

/// Adds one to a `step` state tensor and returns the new count, PyTorch's `step_t += 1; _get_value(step_t)`.
func incrementStep(_ step: Tensor) -> Double {
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
func zeroStep() -> Tensor { Torch.zeros([]) }

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
func ownCopy(_ t: Tensor, _ dtype: DType) -> Tensor {
    noGrad { t.dtype == dtype ? t.detach().clone(memoryFormat: .contiguous) : t.detach().to(dtype).contiguous() }
}
