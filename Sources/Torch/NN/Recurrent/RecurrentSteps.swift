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
        let hidden = c.shape[c.ndim - 1]
        let gates = projection(gi, h)
        // One sigmoid over all four gates (the g quarter is unused) is cheaper
        // than three sigmoids: per-op cost dominates at these sizes.
        let sig = gates.sigmoid().chunk(4, dim: 1)
        let g = gates.narrow(1, 2 * hidden, hidden).tanh()
        let cNext = sig[1] * c + sig[0] * g
        var hNext = sig[3] * cNext.tanh()
        if let wHrT { hNext = hNext.mm(wHrT) }
        return (hNext, cNext)
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
