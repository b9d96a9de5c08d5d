/// A multi-layer long short-term memory network, PyTorch's `nn.LSTM`.
///
/// Per step, with gates in PyTorch's order `i, f, g, o` stacked in
/// `weight_ih` / `weight_hh` (`[4 * hiddenSize, ...]`):
/// `i, f, o = σ(...)`, `g = tanh(...)`, `c' = f * c + i * g`, `h' = o * tanh(c')`,
/// and `h' = h' W_hr^T` when `projSize > 0`.
///
/// ```swift
/// let lstm = LSTM(10, 20, numLayers: 2, batchFirst: true)
/// let (output, (hn, cn)) = lstm(Torch.randn([3, 5, 10]))    // [3, 5, 20], [2, 3, 20], [2, 3, 20]
/// let (out2, state) = lstm(x, (h0, c0))
/// ```
/// `lstm(x)` used where a single tensor is expected (in `Sequential`) gives only the output.
public final class LSTM: RNNBase {
    /// Creates the layers with PyTorch's default initialisation `U(-1/sqrt(hiddenSize), 1/sqrt(hiddenSize))`.
    public init(_ inputSize: Int, _ hiddenSize: Int, numLayers: Int = 1, bias: Bool = true, batchFirst: Bool = false,
                dropout: Double = 0, bidirectional: Bool = false, projSize: Int = 0,
                dtype: DType = .float32, generator: Generator? = nil, file: StaticString = #fileID, line: UInt = #line) {
        super.init(mode: .lstm, inputSize: inputSize, hiddenSize: hiddenSize, numLayers: numLayers, bias: bias,
                   batchFirst: batchFirst, dropout: dropout, bidirectional: bidirectional, projSize: projSize,
                   dtype: dtype, generator: generator, file: file, line: line)
    }

    /// Runs the sequence from `(h0, c0)` (zeros when nil); returns the last
    /// layer's output at every step and the final `(h_n, c_n)` of every layer,
    /// PyTorch's `(output, (h_n, c_n))`.
    public func forward(_ input: Tensor, _ hx: (Tensor, Tensor)?, file: StaticString = #fileID, line: UInt = #line)
        -> (output: Tensor, hidden: (h: Tensor, c: Tensor)) {
        let (raw, batched) = prepareInput(input, file: file, line: line)
        var state = hx
        if let (h, c) = hx {
            if batched {
                torchCheck(h.ndim == 3 && c.ndim == 3, "For batched 3-D input, hx and cx should also be 3-D but got (\(h.ndim)-D, \(c.ndim)-D) tensors", file: file, line: line)
            } else {
                torchCheck(h.ndim == 2 && c.ndim == 2, "For unbatched 2-D input, hx and cx should also be 2-D but got (\(h.ndim)-D, \(c.ndim)-D) tensors", file: file, line: line)
                state = (h.unsqueeze(1), c.unsqueeze(1))
            }
        }
        let x = timeMajor(batched ? raw : raw.unsqueeze(batchFirst ? 0 : 1))
        checkInput(x, file: file, line: line)
        let batch = x.shape[1]
        let stateCount = numLayers * numDirections
        if let (h, c) = state {
            checkHidden(h, [stateCount, batch, realHiddenSize], what: "hidden[0]", file: file, line: line)
            checkHidden(c, [stateCount, batch, hiddenSize], what: "hidden[1]", file: file, line: line)
        }
        let h0 = state?.0 ?? zeroState(batch: batch, size: realHiddenSize, like: x)
        let c0 = state?.1 ?? zeroState(batch: batch, size: hiddenSize, like: x)
        let result = runLayers(x, h0: h0, c0: c0)
        var output = batchFirst ? result.output.transpose(0, 1) : result.output
        var (hn, cn) = (result.h, result.c!)
        if !batched {
            output = output.squeeze(batchFirst ? 0 : 1)
            hn = hn.squeeze(1)
            cn = cn.squeeze(1)
        }
        return (output, (hn, cn))
    }

    /// PyTorch's `lstm(input, (h0, c0))`: `(output, (h_n, c_n))`.
    public func callAsFunction(_ input: Tensor, _ hx: (Tensor, Tensor)? = nil, file: StaticString = #fileID, line: UInt = #line)
        -> (output: Tensor, hidden: (h: Tensor, c: Tensor)) {
        forward(input, hx, file: file, line: line)
    }

    /// The output alone, for use inside `Sequential`.
    public override func forward(_ input: Tensor) -> Tensor { forward(input, nil).output }
}
