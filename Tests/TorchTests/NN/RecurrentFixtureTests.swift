import Testing
import Torch

/// The fixture's layer, built from the case's config with its seed, so its
/// parameters are PyTorch's default initialisation.
private func makeLayer(_ c: Fixture.Case) -> Module {
    let config = c.extra["config"] as! [String: Any]
    let seed = c.extra["seed"] as! Int
    let g = Generator().manualSeed(seed)
    let i = config["input_size"] as! Int, h = config["hidden_size"] as! Int
    let bias = config["bias"] as? Bool ?? true
    let layers = config["num_layers"] as? Int ?? 1
    let batchFirst = config["batch_first"] as? Bool ?? false
    let bidirectional = config["bidirectional"] as? Bool ?? false
    let dropout = (config["dropout"] as? Double) ?? 0
    let relu = config["nonlinearity"] as? String == "relu"
    switch c.extra["kind"] as! String {
    case "RNN":
        return RNN(i, h, numLayers: layers, nonlinearity: relu ? .relu : .tanh, bias: bias, batchFirst: batchFirst,
                   dropout: dropout, bidirectional: bidirectional, generator: g)
    case "LSTM":
        return LSTM(i, h, numLayers: layers, bias: bias, batchFirst: batchFirst, dropout: dropout,
                    bidirectional: bidirectional, projSize: config["proj_size"] as? Int ?? 0, generator: g)
    case "GRU":
        return GRU(i, h, numLayers: layers, bias: bias, batchFirst: batchFirst, dropout: dropout,
                   bidirectional: bidirectional, generator: g)
    case "RNNCell": return RNNCell(i, h, bias: bias, nonlinearity: relu ? .relu : .tanh, generator: g)
    case "LSTMCell": return LSTMCell(i, h, bias: bias, generator: g)
    case "GRUCell": return GRUCell(i, h, bias: bias, generator: g)
    default: fatalError("unknown kind")
    }
}

/// Runs the case's layer on its inputs; returns the outputs in the fixture's order.
private func run(_ m: Module, _ x: Tensor, _ h0: Tensor?, _ c0: Tensor?) -> [Tensor] {
    switch m {
    case let lstm as LSTM:
        let (out, (h, c)) = lstm(x, h0.map { ($0, c0!) })
        return [out, h, c]
    case let rnn as RNN:
        let (out, h) = rnn(x, h0)
        return [out, h]
    case let gru as GRU:
        let (out, h) = gru(x, h0)
        return [out, h]
    case let cell as LSTMCell:
        let (h, c) = cell(x, h0.map { ($0, c0!) })
        return [h, c]
    case let cell as RNNCell: return [cell(x, h0)]
    case let cell as GRUCell: return [cell(x, h0)]
    default: fatalError("not a recurrent layer")
    }
}

nonisolated(unsafe) private let fixture = Fixture("rnn")

/// Every recurrent layer against PyTorch: seeded parameters, outputs and
/// final states, and the gradients of the inputs, the initial states and
/// every parameter.
@Suite struct RecurrentFixtureTests {
    @Test(arguments: fixture.cases.keys.sorted())
    func layerMatchesPyTorch(_ name: String) {
        let c = fixture[name]
        let m = makeLayer(c)
        m.train(c.extra["train"] as? Bool ?? false)
        if let seed = c.extra["forward_seed"] as? Int, let base = m as? RNNBase {
            base.dropoutGenerator = Generator().manualSeed(seed)
        }
        // Names, order and seeded values of the parameters.
        let names = c.extra["param_names"] as! [String]
        let params = c.extra["params"] as! [String: [String: Any]]
        let paramGrads = c.extra["param_grads"] as! [String: [String: Any]]
        #expect(m.namedParameters().map(\.name) == names)
        #expect(Array(m.stateDict().keys) == names)
        for (n, p) in m.namedParameters() {
            expectMatches(p, Fixture.TensorData(params[n]!), rtol: 0, atol: 0)
        }
        #expect(m.description == c.extra["repr"] as! String)

        let inputs = (0..<3).map { c.inputs[$0].map { $0.tensor(requiresGrad: true) } }
        let outs = run(m, inputs[0]!, inputs[1], inputs[2])
        #expect(outs.count == c.outputs.count)
        for (o, e) in zip(outs, c.outputs) { expectMatches(o, e, rtol: 1e-5, atol: 1e-6) }

        let gradOutputs = (c.extra["grad_outputs"] as! [[String: Any]]).map { Fixture.TensorData($0).tensor() }
        let loss = zip(outs, gradOutputs).map { ($0 * $1).sum() }.reduce(Torch.zeros([])) { $0 + $1 }
        loss.backward()
        for (i, g) in c.grads.enumerated() {
            guard let g else { continue }
            guard let actual = inputs[i]?.grad else { Issue.record("no gradient for input \(i)"); continue }
            expectMatches(actual, g, rtol: 1e-4, atol: 1e-5)
        }
        for (n, p) in m.namedParameters() {
            guard let actual = p.grad else { Issue.record("no gradient for \(n)"); continue }
            expectMatches(actual, Fixture.TensorData(paramGrads[n]!), rtol: 1e-4, atol: 1e-5)
        }
    }
}
