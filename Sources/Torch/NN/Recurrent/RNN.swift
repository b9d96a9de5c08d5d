/// A multi-layer Elman RNN with tanh or ReLU, PyTorch's `nn.RNN`:
/// `h_t = act(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh)`.
///
/// ```swift
/// let rnn = RNN(10, 20, numLayers: 2)
/// let (output, hn) = rnn(Torch.randn([5, 3, 10]))           // [5, 3, 20], [2, 3, 20]
/// let (out2, hn2) = rnn(Torch.randn([5, 3, 10]), Torch.zeros([2, 3, 20]))
/// ```
///
/// Input is `[seq, batch, inputSize]` (`[batch, seq, inputSize]` with
/// `batchFirst`) or unbatched `[seq, inputSize]`. `rnn(x)` used where a
/// single tensor is expected (in `Sequential`) gives only the output.
public final class RNN: RNNBase {
    /// The activation of an Elman RNN, PyTorch's `nonlinearity` (`"tanh"` or `"relu"`).
    public enum Nonlinearity: String, Sendable {
        case tanh, relu
    }

    /// The activation applied at every step.
    public let nonlinearity: Nonlinearity

    /// Creates the layers with PyTorch's default initialisation `U(-1/sqrt(hiddenSize), 1/sqrt(hiddenSize))`.
    public init(_ inputSize: Int, _ hiddenSize: Int, numLayers: Int = 1, nonlinearity: Nonlinearity = .tanh,
                bias: Bool = true, batchFirst: Bool = false, dropout: Double = 0, bidirectional: Bool = false,
                dtype: DType = .float32, generator: Generator? = nil, file: StaticString = #fileID, line: UInt = #line) {
        self.nonlinearity = nonlinearity
        super.init(mode: nonlinearity == .tanh ? .rnnTanh : .rnnRelu, inputSize: inputSize, hiddenSize: hiddenSize,
                   numLayers: numLayers, bias: bias, batchFirst: batchFirst, dropout: dropout,
                   bidirectional: bidirectional, projSize: 0, dtype: dtype, generator: generator, file: file, line: line)
    }

    /// Runs the sequence from `hx` (zeros when nil); returns the last layer's
    /// output at every step and the final hidden state of every layer, PyTorch's `(output, h_n)`.
    public func forward(_ input: Tensor, _ hx: Tensor?, file: StaticString = #fileID, line: UInt = #line) -> (output: Tensor, hidden: Tensor) {
        forwardSingleState(input, hx, file: file, line: line)
    }

    /// PyTorch's `rnn(input, hx)`: `(output, h_n)`.
    public func callAsFunction(_ input: Tensor, _ hx: Tensor? = nil, file: StaticString = #fileID, line: UInt = #line) -> (output: Tensor, hidden: Tensor) {
        forward(input, hx, file: file, line: line)
    }

    /// The output alone, for use inside `Sequential`.
    public override func forward(_ input: Tensor) -> Tensor { forward(input, nil).output }
}
