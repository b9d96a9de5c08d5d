/// `base + h W_hh^T` for every step of a sequence, with the gradient of
/// `W_hh` computed once per sequence.
///
/// Recorded step by step as `addmm`, the weight's gradient would be one small
/// product per step (`h_t^T g_t`, inner size = batch) plus one full-size
/// accumulation per step. Here each step's backward returns only the
/// gradients of `base` and `h` and hands `(h_t, g_t)` to a collector; one node
/// recorded before the first step (so the engine runs it after every step's
/// backward) turns them into `W_hh`'s gradient with a single product
/// `cat(g)^T cat(h)` of inner size `steps * batch`, as fused RNN kernels do.
/// Every node reachable from a root runs, so the collector is emptied by the
/// same backward pass that fills it.
///
/// Where the backend has a prepared form (the CPU's packed float32 weight on
/// AVX-512 machines) the weight is prepared once per sequence for the forward
/// products `h W_hh^T`, and once per backward pass for the input-gradient
/// products `g W_hh`.
final class HiddenProjection {
    /// `W_hh`, `[gates * hidden, hidden]`.
    private let weight: Tensor
    private let weightT: Tensor
    /// A one-element tensor whose node produces `W_hh`'s gradient; nil when
    /// the weight needs no gradient or per-step recording is simpler (a cell).
    private let anchor: Tensor?
    private let collector: Collector?
    /// `W_hh^T` packed for the forward products of a whole sequence.
    private let packedT: (any PreparedMatrix)?
    /// The `(h_t, g_t)` pairs of one backward pass, and `W_hh` packed for
    /// its products `g W_hh` (on the first step's backward).
    private final class Collector {
        var hiddens: [Tensor] = []
        var grads: [Tensor] = []
        var packedWeight: (any PreparedMatrix)?
    }

    init(weight: Tensor, wholeSequence: Bool) {
        self.weight = weight
        guard wholeSequence && gradNeeded(weight) else {
            weightT = weight.t()
            packedT = wholeSequence ? Dispatch.preparedMatrix(weightT) : nil
            anchor = nil
            collector = nil
            return
        }
        weightT = weight.detach().t()
        packedT = Dispatch.preparedMatrix(weightT)
        let collector = Collector()
        let anchor = Torch.zeros([1], device: weight.device, dtype: weight.dtype)
        recordNode("MmBackward0", inputs: [weight], output: anchor) { _ in
            guard !collector.grads.isEmpty else { return [nil] }
            let g = Torch.cat(collector.grads, dim: 0)
            let h = Torch.cat(collector.hiddens, dim: 0)
            collector.grads = []
            collector.hiddens = []
            return [g.t().mm(h)]
        }
        self.anchor = anchor
        self.collector = collector
    }

    /// `base + h W_hh^T` (`h W_hh^T` without a base); `base` broadcasts to `[batch, gates * hidden]`.
    func callAsFunction(_ base: Tensor?, _ h: Tensor) -> Tensor {
        // The packed product has no autograd of its own: it serves when the
        // node below records the step, or when nothing needs a gradient.
        let recordedHere = anchor != nil || !gradNeeded([base ?? h, h])
        if let packedT, recordedHere, h.dtype == .float32, (base?.dtype ?? .float32) == .float32 {
            let out = noGrad { packedT.product(h, adding: base) }
            if let anchor, let collector { record(out, base, h, anchor, collector) }
            return out
        }
        guard let anchor, let collector else {
            return base.map { $0.addmm(h, weightT) } ?? h.mm(weightT)
        }
        let out = noGrad { base.map { $0.addmm(h, weightT) } ?? h.mm(weightT) }
        record(out, base, h, anchor, collector)
        return out
    }

    private func record(_ out: Tensor, _ base: Tensor?, _ h: Tensor, _ anchor: Tensor, _ collector: Collector) {
        let inputs = [base ?? Torch.zeros([]), h, anchor]
        guard gradNeeded(inputs) else { return }
        recordNode("AddmmBackward0", inputs: inputs, output: out, saving: [h, weight]) { ctx in
            let g = ctx.grad
            if ctx.needsInputGrad[2] {
                collector.hiddens.append(ctx.saved[0])
                collector.grads.append(g)
            }
            var gradH: Tensor?
            if ctx.needsInputGrad[1] {
                // The packed product has no autograd: double backward takes `mm`.
                let packable = !GradMode.isEnabled && g.dtype == .float32
                if packable && collector.packedWeight == nil { collector.packedWeight = Dispatch.preparedMatrix(ctx.saved[1]) }
                gradH = (packable ? collector.packedWeight : nil)?.product(g, adding: nil) ?? g.mm(ctx.saved[1])
            }
            return [ctx.needsInputGrad[0] ? g : nil, gradH, nil]
        }
    }
}
