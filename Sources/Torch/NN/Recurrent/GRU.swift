/// A multi-layer gated recurrent unit, PyTorch's `nn.GRU`.
///
/// Per step, with gates in PyTorch's order `r, z, n` stacked in `weight_ih` /
/// `weight_hh` (`[3 * hiddenSize, ...]`):
/// `r = σ(W_ir x + b_ir + W_hr h + b_hr)`, `z = σ(W_iz x + b_iz + W_hz h + b_hz)`,
/// `n = tanh(W_in x + b_in + r * (W_hn h + b_hn))`, `h' = (1 - z) * n + z * h`.
///
/// ```swift
/// let gru = GRU(10, 20, numLayers: 2, batchFirst: true)
/// let (output, hn) = gru(Torch.randn([3, 5, 10]), Torch.zeros([2, 3, 20]))
/// ```
/// `gru(x)` used where a single tensor is expected (in `Sequential`) gives only the output.
public final class GRU: RNNBase {
    /// Creates the layers with PyTorch's default initialisation `U(-1/sqrt(hiddenSize), 1/sqrt(hiddenSize))`.
    public init(_ inputSize: Int, _ hiddenSize: Int, numLayers: Int = 1, bias: Bool = true, batchFirst: Bool = false,
                dropout: Double = 0, bidirectional: Bool = false,
                dtype: DType = .float32, generator: Generator? = nil, file: StaticString = #fileID, line: UInt = #line) {
        super.init(mode: .gru, inputSize: inputSize, hiddenSize: hiddenSize, numLayers: numLayers, bias: bias,
                   batchFirst: batchFirst, dropout: dropout, bidirectional: bidirectional, projSize: 0,
                   dtype: dtype, generator: generator, file: file, line: line)
    }

    /// Runs the sequence from `hx` (zeros when nil), PyTorch's `(output, h_n)`.
    public func forward(_ input: Tensor, _ hx: Tensor?, file: StaticString = #fileID, line: UInt = #line) -> (output: Tensor, hidden: Tensor) {
        forwardSingleState(input, hx, file: file, line: line)
    }

    /// PyTorch's `gru(input, hx)`: `(output, h_n)`.
    public func callAsFunction(_ input: Tensor, _ hx: Tensor? = nil, file: StaticString = #fileID, line: UInt = #line) -> (output: Tensor, hidden: Tensor) {
        forward(input, hx, file: file, line: line)
    }

    /// The output alone, for use inside `Sequential`.
    public override func forward(_ input: Tensor) -> Tensor { forward(input, nil).output }
}
