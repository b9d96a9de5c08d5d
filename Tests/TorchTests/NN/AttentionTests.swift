import Testing
import Torch

nonisolated(unsafe) private let fixture = Fixture("attention")

/// The case's module with the case's configuration (its values come from the state dict).
private func makeModule(_ c: Fixture.Case) -> Module {
    let config = c.extra["config"] as! [String: Any]
    let batchFirst = config["batch_first"] as? Bool ?? false
    if c.extra["kind"] as! String == "MHA" {
        return MultiheadAttention(config["embed_dim"] as! Int, config["num_heads"] as! Int,
                                  bias: config["bias"] as? Bool ?? true,
                                  addBiasKV: config["add_bias_kv"] as? Bool ?? false,
                                  addZeroAttn: config["add_zero_attn"] as? Bool ?? false,
                                  kdim: config["kdim"] as? Int, vdim: config["vdim"] as? Int, batchFirst: batchFirst)
    }
    return TransformerEncoderLayer(config["d_model"] as! Int, config["nhead"] as! Int,
                                   dimFeedforward: config["dim_feedforward"] as! Int, dropout: 0,
                                   activation: config["activation"] as? String ?? "relu", batchFirst: batchFirst,
                                   normFirst: config["norm_first"] as? Bool ?? false)
}

/// MultiheadAttention and TransformerEncoderLayer against PyTorch: seeded
/// weights and the generator's position after construction, state-dict keys,
/// outputs, attention weights, and input and parameter gradients.
@Suite(.serialized) struct AttentionFixtureTests {
    @Test(arguments: fixture.cases.keys.sorted())
    func moduleMatchesPyTorch(_ name: String) throws {
        let c = fixture[name]
        Torch.manualSeed(c.extra["seed"] as! Int)
        let m = makeModule(c)
        expectMatches(Torch.rand([4]), Fixture.TensorData(c.extra["after_rand"] as! [String: Any]))
        #expect(Array(m.stateDict().keys) == c.extra["state_keys"] as! [String])
        #expect(m.description == c.extra["repr"] as! String)
        let stateJSON = c.extra["state"] as! [String: [String: Any]]
        for (key, value) in m.stateDict() {
            expectMatches(value, Fixture.TensorData(stateJSON[key]!), rtol: 1e-6, atol: 1e-7)
        }
        var state = StateDict()
        for key in c.extra["state_keys"] as! [String] { state[key] = Fixture.TensorData(stateJSON[key]!).tensor() }
        _ = try m.loadStateDict(state)

        let masks = c.extra["masks"] as! [String: Any]
        let attnMask = (masks["attn_mask"] as? [String: Any]).map { Fixture.TensorData($0).tensor() }
        let kpm = (masks["key_padding_mask"] as? [String: Any]).map { Fixture.TensorData($0).tensor() }
        let call = c.extra["call"] as! [String: Any]
        let inputs = c.inputs.map { $0!.tensor(requiresGrad: true) }
        var outputs: [Tensor]
        if let mha = m as? MultiheadAttention {
            let (out, w) = mha(inputs[0], inputs[1], inputs[2], keyPaddingMask: kpm,
                               needWeights: call["need_weights"] as! Bool, attnMask: attnMask,
                               averageAttnWeights: call["average"] as! Bool)
            outputs = [out]
            if let w { outputs.append(w) }
        } else {
            let layer = m as! TransformerEncoderLayer
            outputs = [layer(inputs[0], srcMask: attnMask, srcKeyPaddingMask: kpm)]
        }
        #expect(outputs.count == c.outputs.count)
        for (o, e) in zip(outputs, c.outputs) { expectMatches(o, e, rtol: 1e-4, atol: 1e-5) }

        let gos = (c.extra["grad_outputs"] as! [[String: Any]]).map { Fixture.TensorData($0).tensor() }
        var loss = (outputs[0] * gos[0]).sum()
        for i in 1..<outputs.count { loss = loss + (outputs[i] * gos[i]).sum() }
        loss.backward()
        for (x, g) in zip(inputs, c.grads) { expectMatches(x.grad!, g!, rtol: 1e-4, atol: 1e-5) }
        let paramGrads = c.extra["param_grads"] as! [String: [String: Any]]
        for (n, p) in m.namedParameters() {
            expectMatches(p.grad!, Fixture.TensorData(paramGrads[n]!), rtol: 1e-4, atol: 1e-5)
        }
    }
}

@Suite struct AttentionTests {
    @Test func multiheadAttentionInitialisesLikePyTorch() {
        let mha = MultiheadAttention(8, 2)
        #expect(mha.inProjWeight!.shape == [24, 8])
        let zeroBias = mha.inProjBias!.abs().sum().item(as: Double.self)
        let zeroOut = mha.outProj.bias!.abs().sum().item(as: Double.self)
        #expect(zeroBias == 0 && zeroOut == 0)
        let bound = (6.0 / 32).squareRoot()
        let maxW = mha.inProjWeight!.abs().max().item(as: Double.self)
        #expect(maxW <= bound)
    }

    @Test func encoderClonesLayersWithEqualParameters() {
        let layer = TransformerEncoderLayer(8, 2, dimFeedforward: 16, dropout: 0)
        let encoder = TransformerEncoder(layer, numLayers: 2, norm: LayerNorm(8))
        let keys = Array(encoder.stateDict().keys)
        #expect(keys.first == "layers.0.self_attn.in_proj_weight")
        #expect(keys.contains("layers.1.norm2.bias") && keys.last == "norm.bias")
        let a = encoder.stateDict()["layers.1.linear1.weight"]!
        let b = layer.stateDict()["linear1.weight"]!
        let same = a.eq(b).all().item(as: Bool.self)
        #expect(same)
        // Copies, not shared storage.
        _ = encoder.stateDict()["layers.0.linear1.weight"]!.zero_()
        let stillSame = a.eq(b).all().item(as: Bool.self)
        #expect(stillSame)
        let y = encoder(Torch.randn([4, 2, 8]))
        #expect(y.shape == [4, 2, 8])
    }

    @Test func encoderLayerTrainsInsideSequential() {
        let model = Sequential(TransformerEncoderLayer(8, 2, dimFeedforward: 16, dropout: 0, batchFirst: true),
                               Flatten(startDim: 0, endDim: 1), Linear(8, 3))
        let optimizer = AdamW(model.parameters(), lr: 1e-3)
        let loss = CrossEntropyLoss()(model(Torch.randn([2, 5, 8])), Torch.randint(0, 3, [10]))
        loss.backward()
        optimizer.step()
        #expect(model.parameters().allSatisfy { $0.grad != nil })
    }

    @Test func embedDimNotDivisibleByHeadsStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = MultiheadAttention(10, 3)
        }
        #expect(stderrText(result).contains("embed_dim must be divisible by num_heads"))
    }
}
