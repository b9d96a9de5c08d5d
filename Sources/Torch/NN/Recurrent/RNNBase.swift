import Foundation

/// What the multi-layer recurrent modules share, PyTorch's `nn.RNNBase`: the
/// options, the per-layer weights with PyTorch's names, their initialisation,
/// the argument checks and the layer-by-layer loop.
///
/// Parameters are registered in PyTorch's order, per layer and direction:
/// `weight_ih_l{k}`, `weight_hh_l{k}`, `bias_ih_l{k}`, `bias_hh_l{k}` (and
/// `weight_hr_l{k}` for an LSTM with `projSize`), with `_reverse` for the
/// backward direction, so a PyTorch `state_dict` loads unchanged.
public class RNNBase: Module {
    /// The cell a layer runs.
    enum Mode: Equatable {
        case rnnTanh, rnnRelu, lstm, gru

        var gateCount: Int {
            switch self {
            case .rnnTanh, .rnnRelu: return 1
            case .lstm: return 4
            case .gru: return 3
            }
        }

        var name: String {
            switch self {
            case .rnnTanh, .rnnRelu: return "RNN"
            case .lstm: return "LSTM"
            case .gru: return "GRU"
            }
        }
    }

    /// The number of features of each input step, PyTorch's `input_size`.
    public let inputSize: Int
    /// The number of features of the hidden state, PyTorch's `hidden_size`.
    public let hiddenSize: Int
    /// The number of stacked layers, PyTorch's `num_layers`.
    public let numLayers: Int
    /// Whether the layers have `bias_ih` and `bias_hh`.
    public let bias: Bool
    /// Whether input and output are `[batch, seq, feature]` instead of `[seq, batch, feature]`.
    public let batchFirst: Bool
    /// The dropout probability applied to the outputs of every layer but the
    /// last, in training mode.
    public let dropout: Double
    /// Whether each layer also runs over the sequence backwards.
    public let bidirectional: Bool
    /// The size of the LSTM's projected hidden state (0: no projection), PyTorch's `proj_size`.
    public let projSize: Int
    let mode: Mode
    /// The generator the between-layer dropout masks draw from (the global
    /// one when nil). A Swift addition, for reproducible runs without global state.
    public var dropoutGenerator: Generator?

    var numDirections: Int { bidirectional ? 2 : 1 }
    /// The size of `h` (the projection size when there is one).
    var realHiddenSize: Int { projSize > 0 ? projSize : hiddenSize }

    init(mode: Mode, inputSize: Int, hiddenSize: Int, numLayers: Int, bias: Bool, batchFirst: Bool,
         dropout: Double, bidirectional: Bool, projSize: Int, dtype: DType, generator: Generator?,
         file: StaticString, line: UInt) {
        torchCheck(dropout >= 0 && dropout <= 1, "dropout should be a number in range [0, 1] representing the probability of an element being zeroed", file: file, line: line)
        torchCheck(hiddenSize > 0, "hidden_size must be greater than zero", file: file, line: line)
        torchCheck(numLayers > 0, "num_layers must be greater than zero", file: file, line: line)
        torchCheck(projSize >= 0, "proj_size should be a positive integer or zero to disable projections", file: file, line: line)
        torchCheck(projSize < hiddenSize, "proj_size has to be smaller than hidden_size", file: file, line: line)
        torchCheck(projSize == 0 || mode == .lstm, "proj_size argument is only supported for LSTM, not RNN or GRU", file: file, line: line)
        self.mode = mode
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.numLayers = numLayers
        self.bias = bias
        self.batchFirst = batchFirst
        self.dropout = dropout
        self.bidirectional = bidirectional
        self.projSize = projSize
        super.init()
        if dropout > 0 && numLayers == 1 {
            // PyTorch's UserWarning: the option has no effect on a single layer.
            FileHandle.standardError.write(Data("UserWarning: dropout option adds dropout after all but last recurrent layer, so non-zero dropout expects num_layers greater than 1, but got dropout=\(dropout) and num_layers=\(numLayers)\n".utf8))
        }
        let gateSize = mode.gateCount * hiddenSize
        let real = projSize > 0 ? projSize : hiddenSize
        for layer in 0..<numLayers {
            for direction in 0..<numDirections {
                let layerInput = layer == 0 ? inputSize : real * numDirections
                let suffix = Self.suffix(layer, direction)
                registerParameter("weight_ih" + suffix, Parameter(Torch.empty([gateSize, layerInput], dtype: dtype)))
                registerParameter("weight_hh" + suffix, Parameter(Torch.empty([gateSize, real], dtype: dtype)))
                if bias {
                    registerParameter("bias_ih" + suffix, Parameter(Torch.empty([gateSize], dtype: dtype)))
                    registerParameter("bias_hh" + suffix, Parameter(Torch.empty([gateSize], dtype: dtype)))
                }
                if projSize > 0 {
                    registerParameter("weight_hr" + suffix, Parameter(Torch.empty([projSize, hiddenSize], dtype: dtype)))
                }
            }
        }
        resetParameters(generator: generator)
    }

    /// `_l0`, `_l1_reverse`, ...: PyTorch's per-layer name suffix.
    static func suffix(_ layer: Int, _ direction: Int) -> String {
        "_l\(layer)" + (direction == 1 ? "_reverse" : "")
    }

    /// Draws every parameter from `U(-1/sqrt(hidden), 1/sqrt(hidden))` in
    /// `parameters()` order, PyTorch's `reset_parameters`.
    public func resetParameters(generator: Generator? = nil) {
        let bound = 1 / Double(hiddenSize).squareRoot()
        noGrad {
            for p in parameters() { p.uniform_(from: -bound, to: bound, generator: generator) }
        }
    }

    /// Does nothing: the weights are always used as they are. Kept so code
    /// ported from PyTorch that calls `flatten_parameters()` runs unchanged.
    public func flattenParameters() {}

    /// The weights of every layer and direction in registration order,
    /// PyTorch's `all_weights`.
    public var allWeights: [[Parameter]] {
        (0..<numLayers).flatMap { layer in
            (0..<numDirections).map { direction in
                let s = Self.suffix(layer, direction)
                return ["weight_ih", "weight_hh", "bias_ih", "bias_hh", "weight_hr"].compactMap { registeredParameters[$0 + s] ?? nil }
            }
        }
    }

    public override func extraRepr() -> String {
        var s = "\(inputSize), \(hiddenSize)"
        if projSize != 0 { s += ", proj_size=\(projSize)" }
        if numLayers != 1 { s += ", num_layers=\(numLayers)" }
        if !bias { s += ", bias=False" }
        if batchFirst { s += ", batch_first=True" }
        if dropout != 0 { s += ", dropout=\(dropout)" }
        if bidirectional { s += ", bidirectional=True" }
        return s
    }

    // MARK: - Forward

    /// The weights of one layer and direction: `W_ih`, `W_hh`, the biases and the projection.
    struct LayerWeights {
        let wIh: Tensor, wHh: Tensor, bIh: Tensor?, bHh: Tensor?, wHr: Tensor?
    }

    func weights(_ layer: Int, _ direction: Int) -> LayerWeights {
        let s = Self.suffix(layer, direction)
        func p(_ name: String) -> Tensor? { registeredParameters[name + s] ?? nil }
        return LayerWeights(wIh: p("weight_ih")!, wHh: p("weight_hh")!, bIh: p("bias_ih"), bHh: p("bias_hh"), wHr: p("weight_hr"))
    }

    /// Checks the input (PyTorch's messages, in its order) and brings it to
    /// time-major `[seq, batch, feature]`; returns whether it was batched.
    func prepareInput(_ input: Tensor, file: StaticString, line: UInt) -> (x: Tensor, batched: Bool) {
        torchCheck(input.ndim == 2 || input.ndim == 3, "\(mode.name): Expected input to be 2D or 3D, got \(input.ndim)D instead", file: file, line: line)
        return (input, input.ndim == 3)
    }

    /// The dtype and feature-size checks of PyTorch's `check_input`, on the batched input.
    func checkInput(_ input: Tensor, file: StaticString, line: UInt) {
        let wdtype = weights(0, 0).wIh.dtype
        torchCheck(input.dtype == wdtype, "RNN input dtype (torch.\(input.dtype.name)) does not match weight dtype (torch.\(wdtype.name)). Convert input: input.to(torch.\(wdtype.name)), or convert model: model.to(torch.\(input.dtype.name))", file: file, line: line)
        torchCheck(input.shape[2] == inputSize, "input.size(-1) must be equal to input_size. Expected \(inputSize), got \(input.shape[2])", file: file, line: line)
    }

    /// Stops with PyTorch's message unless `hx` has shape `expected`.
    func checkHidden(_ hx: Tensor, _ expected: [Int], what: String, file: StaticString, line: UInt) {
        torchCheck(hx.shape == expected, "Expected \(what) size (\(expected.map(String.init).joined(separator: ", "))), got \(shapeString(hx.shape))", file: file, line: line)
    }

    /// Runs every layer over a batched input, PyTorch's `_VF.rnn_tanh` / `lstm` / `gru`.
    ///
    /// `x` is `[seq, batch, feature]` (any strides); `h0` (and `c0` for LSTM)
    /// are `[layers * directions, batch, hidden]`. Returns the last layer's
    /// output `[seq, batch, directions * hidden]` and the final states.
    func runLayers(_ x: Tensor, h0: Tensor, c0: Tensor?) -> (output: Tensor, h: Tensor, c: Tensor?) {
        let steps = x.shape[0]
        let hInit = h0.unbind(0)
        let cInit = c0?.unbind(0)
        var hFinal: [Tensor] = [], cFinal: [Tensor] = []
        var layerInput = x
        for layer in 0..<numLayers {
            var outputs: [Tensor] = []
            for direction in 0..<numDirections {
                let index = layer * numDirections + direction
                let w = weights(layer, direction)
                // The input projection of every step in one matrix product.
                let inputBias: Tensor? = switch mode {
                case .gru: w.bIh
                default: w.bIh.map { b in w.bHh.map { b + $0 } ?? b }
                }
                let gi = projectSequence(layerInput, w.wIh, inputBias).unbind(0)
                let projection = HiddenProjection(weight: w.wHh, wholeSequence: steps > 1)
                let wHrT = w.wHr?.t()
                var h = hInit[index]
                var c = cInit?[index]
                var stepOutputs = [Tensor?](repeating: nil, count: steps)
                for k in 0..<steps {
                    let t = direction == 0 ? k : steps - 1 - k
                    switch mode {
                    case .rnnTanh, .rnnRelu:
                        h = RecurrentStep.rnn(gi: gi[t], h: h, hidden: projection, relu: mode == .rnnRelu)
                    case .lstm:
                        (h, c) = RecurrentStep.lstm(gi: gi[t], h: h, c: c!, hidden: projection, wHrT: wHrT)
                    case .gru:
                        h = RecurrentStep.gru(gi: gi[t], h: h, hidden: projection, bHh: w.bHh)
                    }
                    stepOutputs[t] = h
                }
                hFinal.append(h)
                if let c { cFinal.append(c) }
                outputs.append(steps > 0 ? Torch.stack(stepOutputs.map { $0! }, dim: 0) : Torch.zeros([0] + h.shape, dtype: h.dtype))
            }
            layerInput = outputs.count == 1 ? outputs[0] : Torch.cat(outputs, dim: 2)
            // PyTorch draws the mask on the time-major output of the layer, in memory order.
            if dropout > 0 && training && layer < numLayers - 1 {
                layerInput = Torch.dropout(layerInput, p: dropout, training: true, generator: dropoutGenerator)
            }
        }
        return (layerInput, Torch.stack(hFinal, dim: 0), c0 == nil ? nil : Torch.stack(cFinal, dim: 0))
    }

    /// `x W^T + b` for a `[seq, batch, in]` sequence as one matrix product.
    ///
    /// A batch-first input is copied to time-major order first (its `in`
    /// features are fewer than the `gates * hidden` of the result), so every
    /// step reads a contiguous slice and the gradient comes back without a
    /// transposing copy of the large `[seq, batch, gates * hidden]` tensor.
    private func projectSequence(_ x: Tensor, _ w: Tensor, _ b: Tensor?) -> Tensor {
        let (steps, batch, features) = (x.shape[0], x.shape[1], x.shape[2])
        let rows = x.reshape([steps * batch, features])
        let wT = w.t()
        let product = b.map { $0.addmm(rows, wT) } ?? rows.mm(wT)
        return product.view([steps, batch, w.shape[0]])
    }

    /// Zero initial states of shape `[layers * directions, batch, size]`.
    func zeroState(batch: Int, size: Int, like x: Tensor) -> Tensor {
        Torch.zeros([numLayers * numDirections, batch, size], device: x.device, dtype: x.dtype)
    }

    /// Time-major view of a batched input.
    func timeMajor(_ x: Tensor) -> Tensor { batchFirst ? x.transpose(0, 1) : x }
}

extension RNNBase {
    /// The forward of RNN and GRU, whose state is one tensor `h`.
    func forwardSingleState(_ input: Tensor, _ hx: Tensor?, file: StaticString, line: UInt) -> (output: Tensor, hidden: Tensor) {
        let (raw, batched) = prepareInput(input, file: file, line: line)
        var h0 = hx
        if let hx {
            if batched {
                torchCheck(hx.ndim == 3, "For batched 3-D input, hx should also be 3-D but got \(hx.ndim)-D tensor", file: file, line: line)
            } else {
                torchCheck(hx.ndim == 2, "For unbatched 2-D input, hx should also be 2-D but got \(hx.ndim)-D tensor", file: file, line: line)
                h0 = hx.unsqueeze(1)
            }
        }
        let x = timeMajor(batched ? raw : raw.unsqueeze(batchFirst ? 0 : 1))
        checkInput(x, file: file, line: line)
        let batch = x.shape[1]
        if let h0 {
            checkHidden(h0, [numLayers * numDirections, batch, hiddenSize], what: "hidden", file: file, line: line)
        }
        let result = runLayers(x, h0: h0 ?? zeroState(batch: batch, size: hiddenSize, like: x), c0: nil)
        var output = batchFirst ? result.output.transpose(0, 1) : result.output
        var hidden = result.h
        if !batched {
            output = output.squeeze(batchFirst ? 0 : 1)
            hidden = hidden.squeeze(1)
        }
        return (output, hidden)
    }
}
