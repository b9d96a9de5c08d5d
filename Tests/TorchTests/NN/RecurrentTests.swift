import Foundation
import Testing
import Torch

/// A float64 tensor with deterministic, irregular values.
private func sample(_ shape: [Int], _ seed: Double, requiresGrad: Bool = true) -> Tensor {
    let n = shape.reduce(1, *)
    let values = (0..<n).map { Foundation.sin(Double($0) * 1.3 + seed) * 0.8 }
    let t = Tensor(values, dtype: .float64).reshape(shape)
    return requiresGrad ? t.requiresGrad_() : t
}

/// Flattens and joins several outputs so gradcheck sees one tensor.
private func joined(_ ts: [Tensor]) -> Tensor { Torch.cat(ts.map { $0.reshape([-1]) }) }

/// Float64 finite-difference checks of the cells and a stacked bidirectional LSTM,
/// with respect to the input, the initial states and every parameter.
@Suite struct RecurrentGradcheckTests {
    @Test func cellsHaveCorrectGradients() {
        let g = Generator().manualSeed(0)
        let rnnTanh = RNNCell(3, 2, dtype: .float64, generator: g)
        let rnnRelu = RNNCell(3, 2, nonlinearity: .relu, dtype: .float64, generator: g)
        let lstm = LSTMCell(3, 2, dtype: .float64, generator: g)
        let gru = GRUCell(3, 2, dtype: .float64, generator: g)
        let x = sample([2, 3], 0), h = sample([2, 2], 1), c = sample([2, 2], 2)
        let checks = [
            Torch.gradcheck({ rnnTanh($0[0], $0[1]) }, inputs: [x, h] + rnnTanh.parameters()),
            Torch.gradcheck({ rnnRelu($0[0], $0[1]) }, inputs: [x, h] + rnnRelu.parameters()),
            Torch.gradcheck({ let (h2, c2) = lstm($0[0], ($0[1], $0[2])); return joined([h2, c2]) },
                            inputs: [x, h, c] + lstm.parameters()),
            Torch.gradcheck({ gru($0[0], $0[1]) }, inputs: [x, h] + gru.parameters()),
        ]
        #expect(checks == [true, true, true, true])
    }

    @Test func stackedBidirectionalLSTMHasCorrectGradients() {
        let lstm = LSTM(3, 2, numLayers: 2, batchFirst: true, bidirectional: true, dtype: .float64,
                        generator: Generator().manualSeed(1))
        let x = sample([2, 3, 3], 0), h0 = sample([4, 2, 2], 1), c0 = sample([4, 2, 2], 2)
        let ok = Torch.gradcheck({ inputs in
            let (out, (h, c)) = lstm(inputs[0], (inputs[1], inputs[2]))
            return joined([out, h, c])
        }, inputs: [x, h0, c0] + lstm.parameters())
        #expect(ok)
    }

    @Test func stackedGRUAndProjectedLSTMHaveCorrectGradients() {
        let gru = GRU(2, 3, numLayers: 2, bidirectional: true, dtype: .float64, generator: Generator().manualSeed(2))
        let lstm = LSTM(2, 3, projSize: 2, dtype: .float64, generator: Generator().manualSeed(3))
        let x = sample([3, 2, 2], 0)
        let checks = [
            Torch.gradcheck({ let (out, h) = gru($0[0], $0[1]); return joined([out, h]) },
                            inputs: [x, sample([4, 2, 3], 1)] + gru.parameters()),
            Torch.gradcheck({ let (out, (h, c)) = lstm($0[0]); return joined([out, h, c]) },
                            inputs: [x] + lstm.parameters()),
        ]
        #expect(checks == [true, true])
    }
}

/// The fast paths of float32 layers (the weight packed once per sequence, the
/// fused cell) against float64, and the fused cell's double backward.
@Suite struct RecurrentFastPathTests {
    @Test func float32LSTMAgreesWithFloat64() {
        // 40 hidden units: 160 gate columns, not a multiple of the kernel's 32; batch 5 leaves a partial row tile.
        let lstm64 = LSTM(6, 40, batchFirst: true, dtype: .float64, generator: Generator().manualSeed(4))
        let lstm32 = LSTM(6, 40, batchFirst: true, generator: Generator().manualSeed(4))
        noGrad { for (p32, p64) in zip(lstm32.parameters(), lstm64.parameters()) { _ = p32.copy_(p64) } }
        let x64 = sample([5, 7, 6], 0), x32 = x64.detach().to(.float32).requiresGrad_()
        let (out64, (h64, _)) = lstm64(x64)
        let (out32, (h32, _)) = lstm32(x32)
        expectClose(values(out32), values(out64), rtol: 1e-4, atol: 1e-5)
        expectClose(values(h32), values(h64), rtol: 1e-4, atol: 1e-5)
        (out64.pow(2).sum() + h64.sum()).backward()
        (out32.pow(2).sum() + h32.sum()).backward()
        expectClose(values(x32.grad!), values(x64.grad!), rtol: 1e-4, atol: 1e-5)
        for (p32, p64) in zip(lstm32.parameters(), lstm64.parameters()) {
            expectClose(values(p32.grad!), values(p64.grad!), rtol: 1e-4, atol: 1e-5)
        }
    }

    @Test func float32GRUAgreesWithFloat64() {
        // GRU adds its hidden bias as a broadcast row to each packed product.
        let gru64 = GRU(6, 40, dtype: .float64, generator: Generator().manualSeed(6))
        let gru32 = GRU(6, 40, generator: Generator().manualSeed(6))
        noGrad { for (p32, p64) in zip(gru32.parameters(), gru64.parameters()) { _ = p32.copy_(p64) } }
        let x64 = sample([7, 5, 6], 0), x32 = x64.detach().to(.float32).requiresGrad_()
        let (out64, _) = gru64(x64)
        let (out32, _) = gru32(x32)
        expectClose(values(out32), values(out64), rtol: 1e-4, atol: 1e-5)
        out64.pow(2).sum().backward()
        out32.pow(2).sum().backward()
        expectClose(values(x32.grad!), values(x64.grad!), rtol: 1e-4, atol: 1e-5)
        for (p32, p64) in zip(gru32.parameters(), gru64.parameters()) {
            expectClose(values(p32.grad!), values(p64.grad!), rtol: 1e-4, atol: 1e-5)
        }
    }

    @Test func fusedCellHasCorrectSecondDerivatives() {
        let cell = LSTMCell(3, 2, dtype: .float64, generator: Generator().manualSeed(5))
        let h = sample([2, 2], 1, requiresGrad: false), c = sample([2, 2], 2)
        // gradcheck's finite differences run without grad; the first derivative needs it.
        let ok = Torch.gradcheck({ inputs in
            enableGrad {
                let x = inputs[0].requiresGrad ? inputs[0] : inputs[0].detach().requiresGrad_()
                let c0 = inputs[1].requiresGrad ? inputs[1] : inputs[1].detach().requiresGrad_()
                let (h2, c2) = cell(x, (h, c0))
                let first = Autograd.grad([(h2 * h2).sum() + (c2 * h2).sum()], [x, c0], createGraph: true)
                return joined([first[0]!, first[1]!])
            }
        }, inputs: [sample([2, 3], 0), c])
        #expect(ok)
    }
}

/// Construction, naming, printing and calling conventions.
@Suite struct RecurrentBehaviourTests {
    @Test func parametersHavePyTorchNamesOrderAndShapes() {
        let lstm = LSTM(10, 20, numLayers: 2, bidirectional: true, projSize: 5)
        let names = lstm.namedParameters().map(\.name)
        #expect(names.prefix(6) == ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0", "weight_hr_l0", "weight_ih_l0_reverse"])
        #expect(names.count == 20)
        #expect(names.last == "weight_hr_l1_reverse")
        let shapes = Dictionary(uniqueKeysWithValues: lstm.namedParameters().map { ($0.name, $0.parameter.shape) })
        #expect(shapes["weight_ih_l0"] == [80, 10])
        #expect(shapes["weight_hh_l0"] == [80, 5])
        #expect(shapes["weight_ih_l1"] == [80, 10])
        #expect(shapes["weight_hr_l1_reverse"] == [5, 20])
        #expect(GRU(3, 4, bias: false).namedParameters().map(\.name) == ["weight_ih_l0", "weight_hh_l0"])
        #expect(GRU(3, 4).parameters()[0].shape == [12, 3])
        #expect(lstm.allWeights.count == 4 && lstm.allWeights[0].count == 5)
    }

    @Test func printsLikePyTorch() {
        #expect(LSTM(10, 20, numLayers: 2, batchFirst: true).description == "LSTM(10, 20, num_layers=2, batch_first=True)")
        #expect(GRUCell(3, 4).description == "GRUCell(3, 4)")
        #expect(RNN(3, 4, nonlinearity: .relu, bias: false, dropout: 0.5, bidirectional: true).description
            == "RNN(3, 4, bias=False, dropout=0.5, bidirectional=True)")
        #expect(RNNCell(3, 4, bias: false, nonlinearity: .relu).description == "RNNCell(3, 4, bias=False, nonlinearity=relu)")
        #expect(LSTM(3, 4, projSize: 2).description == "LSTM(3, 4, proj_size=2)")
        let net = Sequential(GRU(3, 4))
        #expect(net.description == "Sequential(\n  (0): GRU(3, 4)\n)")
    }

    @Test func seededConstructionDrawsLikeAGenerator() {
        let a = LSTM(4, 3, generator: Generator().manualSeed(5))
        let b = LSTM(4, 3, generator: Generator().manualSeed(5))
        for (p, q) in zip(a.parameters(), b.parameters()) { #expect(p.equal(q)) }
        let bound = 1 / Double(3).squareRoot()
        for p in a.parameters() {
            let values = p.toArray(as: Double.self)
            #expect(values.allSatisfy { $0 >= -bound && $0 < bound })
        }
    }

    @Test func singleTensorForwardGivesTheOutputForSequential() {
        let gru = GRU(3, 4, batchFirst: true, generator: Generator().manualSeed(0))
        let x = Torch.randn([2, 5, 3], generator: Generator().manualSeed(1))
        let net = Sequential(gru)
        let (expected, _) = gru(x)
        let y: Tensor = net(x)
        #expect(y.shape == [2, 5, 4])
        #expect(y.equal(expected))
        // Without a tuple pattern or annotation the call takes Module's
        // single-tensor form, as `Sequential` does.
        let plain = gru(x)
        #expect(plain.equal(expected))
    }

    @Test func unbatchedAndBatchedInputsAgree() {
        let lstm = LSTM(3, 4, numLayers: 2, generator: Generator().manualSeed(0))
        let x = Torch.randn([5, 3], generator: Generator().manualSeed(1))
        let (single, (h, c)) = lstm(x)
        let (batched, (hb, cb)) = lstm(x.unsqueeze(1))
        #expect(single.shape == [5, 4] && h.shape == [2, 4] && c.shape == [2, 4])
        #expect(single.allclose(batched.squeeze(1)))
        #expect(h.allclose(hb.squeeze(1)) && c.allclose(cb.squeeze(1)))
    }

    @Test func outputEndsWithTheFinalHiddenState() {
        let rnn = RNN(3, 4, batchFirst: true, bidirectional: true, generator: Generator().manualSeed(0))
        let x = Torch.randn([2, 6, 3], generator: Generator().manualSeed(1))
        let (out, h) = rnn(x)
        // Forward direction ends at the last step, the reverse one at the first.
        #expect(out.select(1, 5).narrow(1, 0, 4).allclose(h[0]))
        #expect(out.select(1, 0).narrow(1, 4, 4).allclose(h[1]))
    }

    @Test func repeatedBackwardAccumulatesTheSameHiddenWeightGradient() {
        let gru = GRU(3, 4, numLayers: 2, generator: Generator().manualSeed(0))
        let x = Torch.randn([5, 2, 3], generator: Generator().manualSeed(1))
        let (out, _) = gru(x)
        let loss = out.square().sum()
        loss.backward(retainGraph: true)
        let first = gru.parameters().map { $0.grad!.clone() }
        loss.backward()
        for (p, g) in zip(gru.parameters(), first) { #expect(p.grad!.allclose(g * 2)) }
    }

    @Test func frozenHiddenWeightsStillPassGradientsToTheRest() {
        let lstm = LSTM(3, 4, generator: Generator().manualSeed(0))
        let reference = LSTM(3, 4, generator: Generator().manualSeed(0))
        lstm.namedParameters().first { $0.name == "weight_hh_l0" }!.parameter.requiresGrad_(false)
        let x = Torch.randn([5, 2, 3], generator: Generator().manualSeed(1))
        lstm(x).output.sum().backward()
        reference(x).output.sum().backward()
        for ((name, p), q) in zip(lstm.namedParameters(), reference.parameters()) {
            if name == "weight_hh_l0" { #expect(p.grad == nil) } else { #expect(p.grad!.allclose(q.grad!)) }
        }
    }

    @Test func dropoutIsOnlyAppliedInTraining() {
        let lstm = LSTM(3, 4, numLayers: 2, dropout: 0.5, generator: Generator().manualSeed(0))
        let x = Torch.randn([4, 2, 3], generator: Generator().manualSeed(1))
        lstm.eval()
        let (a, _) = lstm(x)
        let (b, _) = lstm(x)
        #expect(a.equal(b))
        lstm.train()
        lstm.dropoutGenerator = Generator().manualSeed(2)
        let (c, _) = lstm(x)
        #expect(!c.equal(a))
    }
}

/// PyTorch's messages for bad arguments and inputs.
@Suite struct RecurrentErrorTests {
    @Test func inputSizeMismatchStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = LSTM(10, 20)(Torch.zeros([3, 5]))
        }
        #expect(stderrText(result).contains("input.size(-1) must be equal to input_size. Expected 10, got 5"))
    }

    @Test func wrongRankStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = LSTM(10, 20)(Torch.zeros([1, 2, 3, 10]))
        }
        #expect(stderrText(result).contains("LSTM: Expected input to be 2D or 3D, got 4D instead"))
    }

    @Test func hiddenStateShapeMismatchStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = LSTM(10, 20, numLayers: 2)(Torch.zeros([5, 3, 10]), (Torch.zeros([1, 3, 20]), Torch.zeros([2, 3, 20])))
        }
        #expect(stderrText(result).contains("Expected hidden[0] size (2, 3, 20), got [1, 3, 20]"))
    }

    @Test func gruHiddenShapeMismatchStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = GRU(10, 20)(Torch.zeros([5, 3, 10]), Torch.zeros([1, 2, 20]))
        }
        #expect(stderrText(result).contains("Expected hidden size (1, 3, 20), got [1, 2, 20]"))
    }

    @Test func unbatchedInputWithBatchedStateStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = LSTM(10, 20)(Torch.zeros([5, 10]), (Torch.zeros([1, 3, 20]), Torch.zeros([1, 3, 20])))
        }
        #expect(stderrText(result).contains("For unbatched 2-D input, hx and cx should also be 2-D but got (3-D, 3-D) tensors"))
    }

    @Test func dtypeMismatchStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = RNN(10, 20)(Torch.zeros([5, 3, 10], dtype: .float64))
        }
        #expect(stderrText(result).contains("RNN input dtype (torch.float64) does not match weight dtype (torch.float32)"))
    }

    @Test func badConstructorArgumentsStop() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = LSTM(10, 20, projSize: 20)
        }
        #expect(stderrText(result).contains("proj_size has to be smaller than hidden_size"))
        let dropout = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = GRU(10, 20, dropout: 1.5)
        }
        #expect(stderrText(dropout).contains("dropout should be a number in range [0, 1]"))
    }

    @Test func cellInputSizeMismatchStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = RNNCell(10, 20)(Torch.zeros([3, 5]))
        }
        #expect(stderrText(result).contains("input has inconsistent input_size: got 5 expected 10"))
        let batch = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = LSTMCell(10, 20)(Torch.zeros([3, 10]), (Torch.zeros([3, 20]), Torch.zeros([2, 20])))
        }
        #expect(stderrText(batch).contains("Input batch size 3 doesn't match hidden1 batch size 2"))
        let rank = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = GRUCell(10, 20)(Torch.zeros([3, 10]), Torch.zeros([3, 3, 20]))
        }
        #expect(stderrText(rank).contains("GRUCell: Expected hidden to be 1D or 2D, got 3D instead"))
    }
}
