import Foundation

/// What the single-step cells share, PyTorch's `nn.RNNCellBase`: `weight_ih`
/// `[gates * hidden, input]`, `weight_hh` `[gates * hidden, hidden]`, `bias_ih`
/// and `bias_hh` `[gates * hidden]`, all drawn from `U(-1/sqrt(hidden), 1/sqrt(hidden))`.
public class RNNCellBase: Module {
    /// The number of features of the input, PyTorch's `input_size`.
    public let inputSize: Int
    /// The number of features of the hidden state, PyTorch's `hidden_size`.
    public let hiddenSize: Int
    /// Whether the cell has `bias_ih` and `bias_hh`.
    public let bias: Bool
    /// The input-to-hidden weight, PyTorch's `weight_ih`.
    public let weightIh: Parameter
    /// The hidden-to-hidden weight, PyTorch's `weight_hh`.
    public let weightHh: Parameter
    /// The input-to-hidden bias, PyTorch's `bias_ih` (nil without bias).
    public let biasIh: Parameter?
    /// The hidden-to-hidden bias, PyTorch's `bias_hh` (nil without bias).
    public let biasHh: Parameter?

    init(_ inputSize: Int, _ hiddenSize: Int, bias: Bool, gates: Int, dtype: DType, generator: Generator?) {
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.bias = bias
        weightIh = Parameter(Torch.empty([gates * hiddenSize, inputSize], dtype: dtype))
        weightHh = Parameter(Torch.empty([gates * hiddenSize, hiddenSize], dtype: dtype))
        biasIh = bias ? Parameter(Torch.empty([gates * hiddenSize], dtype: dtype)) : nil
        biasHh = bias ? Parameter(Torch.empty([gates * hiddenSize], dtype: dtype)) : nil
        super.init()
        resetParameters(generator: generator)
    }

    /// Draws every parameter from `U(-1/sqrt(hidden), 1/sqrt(hidden))` in
    /// `parameters()` order, PyTorch's `reset_parameters`.
    public func resetParameters(generator: Generator? = nil) {
        let bound = hiddenSize > 0 ? 1 / Double(hiddenSize).squareRoot() : 0
        noGrad {
            for p in parameters() { p.uniform_(from: -bound, to: bound, generator: generator) }
        }
    }

    public override func extraRepr() -> String {
        var s = "\(inputSize), \(hiddenSize)"
        if !bias { s += ", bias=False" }
        return s
    }

    /// The cell's class name in PyTorch's messages.
    var cellName: String { typeName }

    /// Checks the input and optional states (PyTorch's messages) and returns
    /// them batched (`[batch, features]`), with whether the input was batched.
    func prepare(_ input: Tensor, _ states: [Tensor], file: StaticString, line: UInt) -> (x: Tensor, states: [Tensor], batched: Bool) {
        torchCheck(input.ndim == 1 || input.ndim == 2, "\(cellName): Expected input to be 1D or 2D, got \(input.ndim)D instead", file: file, line: line)
        for s in states {
            torchCheck(s.ndim == 1 || s.ndim == 2, "\(cellName): Expected hidden to be 1D or 2D, got \(s.ndim)D instead", file: file, line: line)
        }
        let batched = input.ndim == 2
        let x = batched ? input : input.unsqueeze(0)
        let hs = batched ? states : states.map { $0.unsqueeze(0) }
        torchCheck(x.shape[1] == inputSize, "input has inconsistent input_size: got \(x.shape[1]) expected \(inputSize)", file: file, line: line)
        for (i, h) in hs.enumerated() {
            torchCheck(h.shape[0] == x.shape[0], "Input batch size \(x.shape[0]) doesn't match hidden\(i) batch size \(h.shape[0])", file: file, line: line)
            torchCheck(h.shape[1] == hiddenSize, "hidden\(i) has inconsistent hidden_size: got \(h.shape[1]), expected \(hiddenSize)", file: file, line: line)
        }
        return (x, hs, batched)
    }

    /// `x W_ih^T + b_ih (+ b_hh)`: the step's input projection.
    func inputProjection(_ x: Tensor, includingHiddenBias: Bool) -> Tensor {
        guard let bIh = biasIh else { return x.mm(weightIh.t()) }
        let b = includingHiddenBias ? bIh + biasHh! : bIh
        return b.addmm(x, weightIh.t())
    }

    func zeroState(_ x: Tensor) -> Tensor { Torch.zeros([x.shape[0], hiddenSize], device: x.device, dtype: x.dtype) }
}

/// An Elman RNN cell, PyTorch's `nn.RNNCell`: `h' = act(x W_ih^T + b_ih + h W_hh^T + b_hh)`.
///
/// ```swift
/// let cell = RNNCell(10, 20)
/// var h = Torch.zeros([3, 20])
/// for x in Torch.randn([6, 3, 10]).unbind(0) { h = cell(x, h) }
/// ```
public final class RNNCell: RNNCellBase {
    /// The activation, PyTorch's `nonlinearity`.
    public let nonlinearity: RNN.Nonlinearity

    /// Creates the cell with PyTorch's default initialisation.
    public init(_ inputSize: Int, _ hiddenSize: Int, bias: Bool = true, nonlinearity: RNN.Nonlinearity = .tanh,
                dtype: DType = .float32, generator: Generator? = nil) {
        self.nonlinearity = nonlinearity
        super.init(inputSize, hiddenSize, bias: bias, gates: 1, dtype: dtype, generator: generator)
    }

    /// One step from `hx` (zeros when nil); input `[batch, input]` or unbatched `[input]`.
    public func forward(_ input: Tensor, _ hx: Tensor?, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let (x, states, batched) = prepare(input, hx.map { [$0] } ?? [], file: file, line: line)
        let h = states.first ?? zeroState(x)
        let out = RecurrentStep.rnn(gi: inputProjection(x, includingHiddenBias: true), h: h, hidden: HiddenProjection(weight: weightHh, wholeSequence: false),
                                    relu: nonlinearity == .relu)
        return batched ? out : out.squeeze(0)
    }

    /// PyTorch's `cell(input, hx)`.
    public func callAsFunction(_ input: Tensor, _ hx: Tensor?, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        forward(input, hx, file: file, line: line)
    }

    /// One step from a zero state.
    public override func forward(_ input: Tensor) -> Tensor { forward(input, nil) }

    public override func extraRepr() -> String {
        super.extraRepr() + (nonlinearity == .tanh ? "" : ", nonlinearity=\(nonlinearity.rawValue)")
    }
}

/// A long short-term memory cell, PyTorch's `nn.LSTMCell`; gates `i, f, g, o`
/// stacked in `weight_ih` / `weight_hh` (`[4 * hidden, ...]`).
///
/// ```swift
/// let cell = LSTMCell(10, 20)
/// let (h, c) = cell(Torch.randn([3, 10]))            // zero initial state
/// let (h2, c2) = cell(Torch.randn([3, 10]), (h, c))
/// ```
public final class LSTMCell: RNNCellBase {
    /// Creates the cell with PyTorch's default initialisation.
    public init(_ inputSize: Int, _ hiddenSize: Int, bias: Bool = true, dtype: DType = .float32, generator: Generator? = nil) {
        super.init(inputSize, hiddenSize, bias: bias, gates: 4, dtype: dtype, generator: generator)
    }

    /// One step from `(h, c)` (zeros when nil); returns PyTorch's `(h', c')`.
    public func forward(_ input: Tensor, _ hx: (Tensor, Tensor)?, file: StaticString = #fileID, line: UInt = #line) -> (h: Tensor, c: Tensor) {
        let (x, states, batched) = prepare(input, hx.map { [$0.0, $0.1] } ?? [], file: file, line: line)
        let h = states.first ?? zeroState(x)
        let c = states.count > 1 ? states[1] : zeroState(x)
        let (hNext, cNext) = RecurrentStep.lstm(gi: inputProjection(x, includingHiddenBias: true), h: h, c: c,
                                                hidden: HiddenProjection(weight: weightHh, wholeSequence: false), wHrT: nil)
        return batched ? (hNext, cNext) : (hNext.squeeze(0), cNext.squeeze(0))
    }

    /// PyTorch's `cell(input, (h, c))`: `(h', c')`.
    public func callAsFunction(_ input: Tensor, _ hx: (Tensor, Tensor)? = nil, file: StaticString = #fileID, line: UInt = #line) -> (h: Tensor, c: Tensor) {
        forward(input, hx, file: file, line: line)
    }

    /// `h'` alone from a zero state, for use inside `Sequential`.
    public override func forward(_ input: Tensor) -> Tensor { forward(input, nil).h }
}

/// A gated recurrent unit cell, PyTorch's `nn.GRUCell`; gates `r, z, n`
/// stacked in `weight_ih` / `weight_hh` (`[3 * hidden, ...]`).
///
/// ```swift
/// let cell = GRUCell(3, 4)
/// let h = cell(Torch.randn([2, 3]), Torch.zeros([2, 4]))
/// ```
public final class GRUCell: RNNCellBase {
    /// Creates the cell with PyTorch's default initialisation.
    public init(_ inputSize: Int, _ hiddenSize: Int, bias: Bool = true, dtype: DType = .float32, generator: Generator? = nil) {
        super.init(inputSize, hiddenSize, bias: bias, gates: 3, dtype: dtype, generator: generator)
    }

    /// One step from `hx` (zeros when nil); input `[batch, input]` or unbatched `[input]`.
    public func forward(_ input: Tensor, _ hx: Tensor?, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let (x, states, batched) = prepare(input, hx.map { [$0] } ?? [], file: file, line: line)
        let h = states.first ?? zeroState(x)
        let out = RecurrentStep.gru(gi: inputProjection(x, includingHiddenBias: false), h: h, hidden: HiddenProjection(weight: weightHh, wholeSequence: false), bHh: biasHh)
        return batched ? out : out.squeeze(0)
    }

    /// PyTorch's `cell(input, hx)`.
    public func callAsFunction(_ input: Tensor, _ hx: Tensor?, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        forward(input, hx, file: file, line: line)
    }

    /// One step from a zero state.
    public override func forward(_ input: Tensor) -> Tensor { forward(input, nil) }
}
