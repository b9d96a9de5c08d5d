import CFastMath

/// The elementwise part of an LSTM step on contiguous `[batch, 4 * hidden]`
/// gate activations, forward and backward, one pass each (float32 in
/// CFastMath's lstm_cell.c, float64 here). Gates are in
/// PyTorch's order `i, f, g, o`; `sig` holds the sigmoid of all four quarters
/// (the g quarter unused) and `g` the tanh of the g quarter.
enum LSTMCellKernel {
    /// `c' = f c + i g` into `cNext` (contiguous `[batch, hidden]`).
    static func cellState(sig: Tensor, g: Tensor, c: Tensor, into cNext: Tensor) {
        if c.dtype == .float32 {
            torch_lstm_cell_f32(sig.pointer(as: Float.self), g.pointer(as: Float.self), c.pointer(as: Float.self),
                                cNext.pointer(as: Float.self), c.shape[0], c.shape[1])
        } else {
            cellState(Double.self, sig, g, c, cNext)
        }
    }

    /// `h' = o tanh(c')` into `hNext`, from `tc = tanh(c')`.
    static func hiddenState(sig: Tensor, tc: Tensor, into hNext: Tensor) {
        if tc.dtype == .float32 { hiddenState(Float.self, sig, tc, hNext) } else { hiddenState(Double.self, sig, tc, hNext) }
    }

    /// The gradients of the gate pre-activations (`[batch, 4 * hidden]`) and
    /// of the previous cell state, from those of `h'` and `c'`.
    static func backward(sig: Tensor, g: Tensor, c: Tensor, tc: Tensor, dh: Tensor, dc: Tensor,
                         gates dGates: Tensor, cell dCell: Tensor) {
        if c.dtype == .float32 {
            torch_lstm_cell_backward_f32(sig.pointer(as: Float.self), g.pointer(as: Float.self), c.pointer(as: Float.self),
                                         tc.pointer(as: Float.self), dh.pointer(as: Float.self), dc.pointer(as: Float.self),
                                         dGates.pointer(as: Float.self), dCell.pointer(as: Float.self), c.shape[0], c.shape[1])
        } else {
            backward(Double.self, sig, g, c, tc, dh, dc, dGates, dCell)
        }
    }

    private static func cellState<T: FloatElement>(_: T.Type, _ sig: Tensor, _ g: Tensor, _ c: Tensor, _ cNext: Tensor) {
        let (batch, hidden) = (c.shape[0], c.shape[1])
        let s = sig.pointer(as: T.self), pg = g.pointer(as: T.self), pc = c.pointer(as: T.self), out = cNext.pointer(as: T.self)
        for b in 0..<batch {
            let gates = s + b * 4 * hidden, row = b * hidden
            for j in 0..<hidden {
                out[row + j] = gates[hidden + j] * pc[row + j] + gates[j] * pg[row + j]
            }
        }
    }

    private static func hiddenState<T: FloatElement>(_: T.Type, _ sig: Tensor, _ tc: Tensor, _ hNext: Tensor) {
        let (batch, hidden) = (tc.shape[0], tc.shape[1])
        let s = sig.pointer(as: T.self), t = tc.pointer(as: T.self), out = hNext.pointer(as: T.self)
        for b in 0..<batch {
            let o = s + b * 4 * hidden + 3 * hidden, row = b * hidden
            for j in 0..<hidden { out[row + j] = o[j] * t[row + j] }
        }
    }

    private static func backward<T: FloatElement>(_: T.Type, _ sig: Tensor, _ g: Tensor, _ c: Tensor, _ tc: Tensor,
                                                  _ dh: Tensor, _ dc: Tensor, _ dGates: Tensor, _ dCell: Tensor) {
        let (batch, hidden) = (c.shape[0], c.shape[1])
        let s = sig.pointer(as: T.self), pg = g.pointer(as: T.self), pc = c.pointer(as: T.self), pt = tc.pointer(as: T.self)
        let pdh = dh.pointer(as: T.self), pdc = dc.pointer(as: T.self)
        let out = dGates.pointer(as: T.self), cellOut = dCell.pointer(as: T.self)
        for b in 0..<batch {
            let gates = s + b * 4 * hidden, grads = out + b * 4 * hidden, row = b * hidden
            for j in 0..<hidden {
                let i = gates[j], f = gates[hidden + j], o = gates[3 * hidden + j]
                let gv = pg[row + j], t = pt[row + j], h = pdh[row + j]
                let total = pdc[row + j] + h * o * (1 - t * t)
                grads[j] = total * gv * i * (1 - i)
                grads[hidden + j] = total * pc[row + j] * f * (1 - f)
                grads[2 * hidden + j] = total * i * (1 - gv * gv)
                grads[3 * hidden + j] = h * t * o * (1 - o)
                cellOut[row + j] = total * f
            }
        }
    }
}
