/// One time step of each recurrent cell, shared by the cells and the
/// multi-layer modules, written with differentiable tensor ops so autograd
/// needs no rules of its own.
///
/// Every step takes `gi`, the input projection `x W_ih^T (+ biases)` already
/// computed (for a whole sequence at once by the layers), and the hidden
/// projection `base + h W_hh^T` (see `HiddenProjection`), so a step is one
/// matrix product plus a handful of small elementwise ops.
enum RecurrentStep {
    /// `act(gi + h W_hh^T)`; `gi` holds both biases.
    static func rnn(gi: Tensor, h: Tensor, hidden: HiddenProjection, relu: Bool) -> Tensor {
        let pre = hidden(gi, h)
        return relu ? pre.relu() : pre.tanh()
    }

    /// LSTM: gates `i, f, g, o = split(gi + h W_hh^T)`, `c' = f c + i g`,
    /// `h' = o tanh(c')`, then `h' W_hr^T` with a projection. `gi` holds both biases.
    static func lstm(gi: Tensor, h: Tensor, c: Tensor, hidden projection: HiddenProjection, wHrT: Tensor?) -> (h: Tensor, c: Tensor) {
        let gates = projection(gi, h)
        var (hNext, cNext) = fusedCellApplies(gates, c) ? fusedLSTMCell(gates, c) : composedLSTMCell(gates, c)
        if let wHrT { hNext = hNext.mm(wHrT) }
        return (hNext, cNext)
    }

    /// The cell from the gate pre-activations, as differentiable tensor ops.
    static func composedLSTMCell(_ gates: Tensor, _ c: Tensor) -> (h: Tensor, c: Tensor) {
        let hidden = c.shape[c.ndim - 1]
        // One sigmoid over all four gates (the g quarter is unused) is cheaper
        // than three sigmoids: per-op cost dominates at these sizes.
        let sig = gates.sigmoid().chunk(4, dim: 1)
        let g = gates.narrow(1, 2 * hidden, hidden).tanh()
        let cNext = sig[1] * c + sig[0] * g
        return (sig[3] * cNext.tanh(), cNext)
    }

    private static func fusedCellApplies(_ gates: Tensor, _ c: Tensor) -> Bool {
        (gates.dtype == .float32 || gates.dtype == .float64) && c.dtype == gates.dtype && gates.ndim == 2 && c.ndim == 2
    }

    /// The cell as one node (PyTorch's fused LSTM cell): a handful of passes
    /// forward and a single elementwise pass backward, instead of a dozen
    /// small ops and their nodes per step. Double backward recomputes the
    /// cell with differentiable ops.
    static func fusedLSTMCell(_ gates: Tensor, _ c: Tensor) -> (h: Tensor, c: Tensor) {
        let (batch, hidden) = (c.shape[0], c.shape[1])
        let (sig, g, tc, hNext, cNext) = noGrad {
            let p = gates.contiguous(), cPrev = c.contiguous()
            let sig = p.sigmoid(), g = p.narrow(1, 2 * hidden, hidden).tanh().contiguous()
            let cNext = Tensor(uninitializedShape: [batch, hidden], dtype: c.dtype, device: c.device)
            Dispatch.lstmCellState(sig: sig, g: g, c: cPrev, into: cNext)
            let tc = cNext.tanh()
            let hNext = Tensor(uninitializedShape: [batch, hidden], dtype: c.dtype, device: c.device)
            Dispatch.lstmHiddenState(sig: sig, tc: tc, into: hNext)
            return (sig, g, tc, hNext, cNext)
        }
        recordNode("LstmCellBackward", inputs: [gates, c], outputs: [hNext, cNext], saving: [gates, c, sig, g, tc]) { ctx in
            let (dh, dc) = (ctx.grads[0], ctx.grads[1])
            if GradMode.isEnabled { return cellGradients(ctx.saved[0], ctx.saved[1], dh, dc) }
            let dGates = Tensor(uninitializedShape: [batch, 4 * hidden], dtype: dh.dtype, device: dh.device)
            let dCell = Tensor(uninitializedShape: [batch, hidden], dtype: dh.dtype, device: dh.device)
            Dispatch.lstmCellBackward(sig: ctx.saved[2], g: ctx.saved[3], c: ctx.saved[1].contiguous(), tc: ctx.saved[4],
                                    dh: dh.contiguous(), dc: dc.contiguous(), gates: dGates, cell: dCell)
            return [dGates, dCell]
        }
        return (hNext, cNext)
    }

    /// The fused cell's backward as differentiable ops of its inputs (for double backward).
    private static func cellGradients(_ gates: Tensor, _ c: Tensor, _ dh: Tensor, _ dc: Tensor) -> [Tensor] {
        let hidden = c.shape[1]
        let q = gates.sigmoid().chunk(4, dim: 1)
        let g = gates.narrow(1, 2 * hidden, hidden).tanh()
        let t = (q[1] * c + q[0] * g).tanh()
        let total = dc + dh * q[3] * (1 - t * t)
        let dGates = Torch.cat([total * g * q[0] * (1 - q[0]), total * c * q[1] * (1 - q[1]),
                                total * q[0] * (1 - g * g), dh * t * q[3] * (1 - q[3])], dim: 1)
        return [dGates, total * q[1]]
    }

    /// GRU: `r, z = sigmoid(gi_rz + gh_rz)`, `n = tanh(gi_n + r * gh_n)`,
    /// `h' = n + z (h - n)` (PyTorch's `(1 - z) n + z h`), where
    /// `gh = h W_hh^T + b_hh`. `gi` holds only `b_ih`, since `b_hn` sits inside `r * (...)`.
    static func gru(gi: Tensor, h: Tensor, hidden projection: HiddenProjection, bHh: Tensor?) -> Tensor {
        let hidden = h.shape[h.ndim - 1]
        let gh = projection(bHh, h)
        let rz = gi.narrow(1, 0, 2 * hidden).add(gh.narrow(1, 0, 2 * hidden)).sigmoid().chunk(2, dim: 1)
        let n = gi.narrow(1, 2 * hidden, hidden).add(rz[0] * gh.narrow(1, 2 * hidden, hidden)).tanh()
        return n + rz[1] * (h - n)
    }
}
