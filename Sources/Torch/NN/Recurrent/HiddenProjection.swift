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
final class HiddenProjection {
    /// `W_hh`, `[gates * hidden, hidden]`.
    private let weight: Tensor
    private let weightT: Tensor
    /// A one-element tensor whose node produces `W_hh`'s gradient; nil when
    /// the weight needs no gradient or per-step recording is simpler (a cell).
    private let anchor: Tensor?
    private let collector: Collector?

    /// The `(h_t, g_t)` pairs of one backward pass.
    private final class Collector {
        var hiddens: [Tensor] = []
        var grads: [Tensor] = []
    }

    init(weight: Tensor, wholeSequence: Bool) {
        self.weight = weight
        guard wholeSequence && gradNeeded(weight) else {
            weightT = weight.t()
            anchor = nil
            collector = nil
            return
        }
        weightT = weight.detach().t()
        let collector = Collector()
        let anchor = Torch.zeros([1], dtype: weight.dtype)
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
        guard let anchor, let collector else {
            return base.map { $0.addmm(h, weightT) } ?? h.mm(weightT)
        }
        let out = noGrad { base.map { $0.addmm(h, weightT) } ?? h.mm(weightT) }
        let inputs = [base ?? Torch.zeros([]), h, anchor]
        if gradNeeded(inputs) {
            recordNode("AddmmBackward0", inputs: inputs, output: out, saving: [h, weight]) { ctx in
                let g = ctx.grad
                if ctx.needsInputGrad[2] {
                    collector.hiddens.append(ctx.saved[0])
                    collector.grads.append(g)
                }
                return [ctx.needsInputGrad[0] ? g : nil, ctx.needsInputGrad[1] ? g.mm(ctx.saved[1]) : nil, nil]
            }
        }
        return out
    }
}
