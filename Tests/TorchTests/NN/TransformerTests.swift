import Testing
import Torch

nonisolated(unsafe) private let fixture = Fixture("transformer")

private func tensorArg(_ json: Any?) -> Tensor? {
    (json as? [String: Any]).map { Fixture.TensorData($0).tensor() }
}

/// The case's module, built the way the fixture script builds it.
private func makeModule(_ c: Fixture.Case) -> Module {
    let cfg = c.extra["config"] as! [String: Any]
    let activation = TransformerActivation(cfg["activation"] as? String ?? "relu")
    func decoderLayer() -> TransformerDecoderLayer {
        TransformerDecoderLayer(cfg["d_model"] as! Int, cfg["nhead"] as! Int,
                                dimFeedforward: cfg["dim_feedforward"] as? Int ?? 2048,
                                dropout: cfg["dropout"] as? Double ?? 0.1, activation: activation,
                                layerNormEps: cfg["layer_norm_eps"] as? Double ?? 1e-5,
                                batchFirst: cfg["batch_first"] as? Bool ?? false,
                                normFirst: cfg["norm_first"] as? Bool ?? false, bias: cfg["bias"] as? Bool ?? true)
    }
    switch c.extra["kind"] as! String {
    case "DEC_LAYER":
        return decoderLayer()
    case "DECODER":
        let layer = decoderLayer()
        let norm = cfg["norm"] as! Bool ? LayerNorm(cfg["d_model"] as! Int) : nil
        return TransformerDecoder(layer, numLayers: cfg["num_layers"] as! Int, norm: norm)
    case "ENCODER":
        let layer = TransformerEncoderLayer(cfg["d_model"] as! Int, cfg["nhead"] as! Int,
                                            dimFeedforward: cfg["dim_feedforward"] as! Int,
                                            dropout: cfg["dropout"] as! Double)
        return TransformerEncoder(layer, numLayers: cfg["num_layers"] as! Int)
    case "TRANSFORMER":
        return Transformer(dModel: cfg["d_model"] as! Int, nhead: cfg["nhead"] as! Int,
                           numEncoderLayers: cfg["num_encoder_layers"] as! Int,
                           numDecoderLayers: cfg["num_decoder_layers"] as! Int,
                           dimFeedforward: cfg["dim_feedforward"] as! Int,
                           dropout: cfg["dropout"] as? Double ?? 0.1, activation: activation,
                           batchFirst: cfg["batch_first"] as? Bool ?? false,
                           normFirst: cfg["norm_first"] as? Bool ?? false)
    default:
        fatalError("unexpected kind \(c.extra["kind"]!)")
    }
}

/// Runs the case's module on its inputs with its masks and flags.
private func run(_ m: Module, _ c: Fixture.Case, _ x: [Tensor]) -> [Tensor] {
    let masks = c.extra["masks"] as! [String: Any]
    let call = c.extra["call"] as! [String: Any]
    func mask(_ name: String) -> Tensor? { tensorArg(masks[name]) }
    switch m {
    case let layer as TransformerDecoderLayer:
        return [layer(x[0], x[1], tgtMask: mask("tgt_mask"), memoryMask: mask("memory_mask"),
                      tgtKeyPaddingMask: mask("tgt_key_padding_mask"),
                      memoryKeyPaddingMask: mask("memory_key_padding_mask"),
                      tgtIsCausal: call["tgt_is_causal"] as? Bool ?? false)]
    case let decoder as TransformerDecoder:
        return [decoder(x[0], x[1], tgtMask: mask("tgt_mask"), memoryMask: mask("memory_mask"),
                        tgtKeyPaddingMask: mask("tgt_key_padding_mask"),
                        memoryKeyPaddingMask: mask("memory_key_padding_mask"))]
    case let encoder as TransformerEncoder:
        return [encoder(x[0], mask: mask("mask"), srcKeyPaddingMask: mask("src_key_padding_mask"))]
    case let model as Transformer:
        return [model(x[0], x[1], srcMask: mask("src_mask"), tgtMask: mask("tgt_mask"), memoryMask: mask("memory_mask"),
                      srcKeyPaddingMask: mask("src_key_padding_mask"), tgtKeyPaddingMask: mask("tgt_key_padding_mask"),
                      memoryKeyPaddingMask: mask("memory_key_padding_mask"))]
    default:
        fatalError("unexpected module \(m.typeName)")
    }
}

/// The decoder, the encoder stack and the transformer against PyTorch:
/// seeded weights, the generator's position after construction, state-dict
/// keys, repr, outputs, and input and parameter gradients.
@Suite(.serialized) struct TransformerFixtureTests {
    @Test(arguments: fixture.cases.keys.filter { $0 != "reprs" }.sorted())
    func moduleMatchesPyTorch(_ name: String) throws {
        let c = fixture[name]
        Torch.manualSeed(c.extra["seed"] as! Int)
        let m = makeModule(c)
        let after = Torch.rand([4])
        expectMatches(after, Fixture.TensorData(c.extra["after_rand"] as! [String: Any]))
        let keys = c.extra["state_keys"] as! [String]
        #expect(Array(m.stateDict().keys) == keys)
        #expect(m.description == c.extra["repr"] as! String)
        let stateJSON = c.extra["state"] as! [String: [String: Any]]
        let own = m.stateDict()
        for key in keys where own[key] != nil {
            expectMatches(own[key]!, Fixture.TensorData(stateJSON[key]!), rtol: 1e-6, atol: 1e-7)
        }
        m.train(c.extra["train"] as! Bool)

        let inputs = c.inputs.map { $0!.tensor(requiresGrad: true) }
        let outputs = run(m, c, inputs)
        #expect(outputs.count == c.outputs.count)
        for (o, e) in zip(outputs, c.outputs) { expectMatches(o, e, rtol: 1e-4, atol: 1e-5) }

        let gos = (c.extra["grad_outputs"] as! [[String: Any]]).map { Fixture.TensorData($0).tensor() }
        var loss = (outputs[0] * gos[0]).sum()
        for i in 1..<outputs.count { loss = loss + (outputs[i] * gos[i]).sum() }
        loss.backward()
        for (x, g) in zip(inputs, c.grads) { expectMatches(x.grad!, g!, rtol: 1e-4, atol: 1e-5) }
        guard let paramGrads = c.extra["param_grads"] as? [String: [String: Any]] else { return }
        #expect(m.namedParameters().map(\.name).sorted() == paramGrads.keys.sorted())
        for (n, p) in m.namedParameters() {
            expectMatches(p.grad!, Fixture.TensorData(paramGrads[n]!), rtol: 1e-4, atol: 1e-5)
        }
    }

    @Test func reprsMatchPyTorch() {
        let reprs = fixture["reprs"].extra["reprs"] as! [String: String]
        let layer = TransformerDecoderLayer(4, 2, dimFeedforward: 16, activation: .module(GELU(approximate: "tanh")))
        #expect(layer.description == reprs["decoder_layer_gelu_module"]!)
        let model = Transformer(dModel: 16, nhead: 2, numEncoderLayers: 3, numDecoderLayers: 2, dimFeedforward: 32)
        #expect(model.description == reprs["transformer_default_sizes"]!)
    }
}

@Suite struct TransformerTests {
    @Test func squareSubsequentMaskIsMinusInfinityAboveTheDiagonal() {
        let mask = Transformer.generateSquareSubsequentMask(3)
        let inf = -Double.infinity
        #expect(mask.toArray(as: Double.self) == [0, inf, inf, 0, 0, inf, 0, 0, 0])
        #expect(mask.dtype == .float32 && mask.shape == [3, 3])
        let bool = Transformer.generateSquareSubsequentMask(2, dtype: .bool)
        #expect(bool.toArray(as: Bool.self) == [false, true, false, false])
    }

    @Test func decoderLayersAreIndependentCopies() {
        let layer = TransformerDecoderLayer(4, 2, dimFeedforward: 8, dropout: 0)
        let decoder = TransformerDecoder(layer, numLayers: 2)
        let a = decoder.stateDict()["layers.1.multihead_attn.in_proj_weight"]!
        let b = layer.stateDict()["multihead_attn.in_proj_weight"]!
        let same = a.eq(b).all().item(as: Bool.self)
        #expect(same)
        _ = decoder.stateDict()["layers.0.multihead_attn.in_proj_weight"]!.zero_()
        let stillSame = a.eq(b).all().item(as: Bool.self)
        #expect(stillSame)
        #expect(decoder.parameters().count == 2 * layer.parameters().count)
    }

    @Test func copiesKeepFrozenParametersAndEvalMode() {
        let layer = TransformerDecoderLayer(4, 2, dimFeedforward: 8)
        layer.linear1.requiresGrad_(false)
        layer.eval()
        let decoder = TransformerDecoder(layer, numLayers: 2)
        let copy = decoder.layers[1] as! TransformerDecoderLayer
        #expect(!copy.linear1.weight.requiresGrad && copy.linear2.weight.requiresGrad)
        #expect(copy.modules().allSatisfy { !$0.training })
    }

    @Test func functionActivationIsUsed() {
        Torch.manualSeed(3)
        let a = TransformerDecoderLayer(4, 2, dimFeedforward: 8, dropout: 0, activation: .function { Functional.gelu($0) })
        Torch.manualSeed(3)
        let b = TransformerDecoderLayer(4, 2, dimFeedforward: 8, dropout: 0, activation: "gelu")
        let tgt = Torch.randn([3, 2, 4]), memory = Torch.randn([5, 2, 4])
        let diff = (a(tgt, memory) - b(tgt, memory)).abs().max().item(as: Double.self)
        #expect(diff == 0)
    }

    @Test func transformerTrainsOneStep() {
        let model = Transformer(dModel: 8, nhead: 2, numEncoderLayers: 1, numDecoderLayers: 1, dimFeedforward: 16,
                                dropout: 0.1, batchFirst: true)
        let optimizer = Adam(model.parameters(), lr: 1e-3)
        let src = Torch.randn([2, 5, 8]), tgt = Torch.randn([2, 4, 8])
        let out = model(src, tgt, tgtMask: Transformer.generateSquareSubsequentMask(4))
        #expect(out.shape == [2, 4, 8])
        out.pow(2).mean().backward()
        optimizer.step()
        #expect(model.parameters().allSatisfy { $0.grad != nil })
    }

    @Test func customEncoderAndDecoderAreUsed() {
        let encoder = TransformerEncoder(TransformerEncoderLayer(8, 2, dimFeedforward: 16), numLayers: 1)
        let decoder = TransformerDecoder(TransformerDecoderLayer(8, 2, dimFeedforward: 16), numLayers: 3)
        let model = Transformer(dModel: 8, nhead: 2, customEncoder: encoder, customDecoder: decoder)
        #expect(model.encoder === encoder && model.decoder === decoder)
        #expect(Array(model.stateDict().keys).last == "decoder.layers.2.norm3.bias")
        #expect(model(Torch.randn([5, 2, 8]), Torch.randn([3, 2, 8])).shape == [3, 2, 8])
    }

    @Test func decoderLayerGradcheckInFloat64() {
        let layer = TransformerDecoderLayer(4, 2, dimFeedforward: 6, dropout: 0, dtype: .float64)
        let tgt = Torch.randn([3, 1, 4], dtype: .float64, requiresGrad: true)
        let memory = Torch.randn([2, 1, 4], dtype: .float64, requiresGrad: true)
        let mask = Transformer.generateSquareSubsequentMask(3, dtype: .float64)
        let ok = Torch.gradcheck({ x in layer(x[0], x[1], tgtMask: mask) }, inputs: [tgt, memory])
        #expect(ok)
        let preNorm = TransformerDecoderLayer(4, 2, dimFeedforward: 6, dropout: 0, activation: "gelu",
                                              normFirst: true, dtype: .float64)
        let okPre = Torch.gradcheck({ x in preNorm(x[0], x[1]) }, inputs: [tgt, memory])
        #expect(okPre)
    }

    @Test func attentionVariantsGradcheckInFloat64() {
        let q = Torch.randn([3, 2, 4], dtype: .float64, requiresGrad: true)
        let k = Torch.randn([2, 2, 3], dtype: .float64, requiresGrad: true)
        let v = Torch.randn([2, 2, 5], dtype: .float64, requiresGrad: true)
        let mha = MultiheadAttention(4, 2, addBiasKV: true, addZeroAttn: true, kdim: 3, vdim: 5, dtype: .float64)
        let mask = Tensor([[false, true], [false, false]])
        let ok = Torch.gradcheck({ x in
            let (out, w) = mha(x[0], x[1], x[2], keyPaddingMask: mask)
            return Torch.cat([out.flatten(), w!.flatten()])
        }, inputs: [q, k, v])
        #expect(ok)
        let packed = MultiheadAttention(4, 2, dtype: .float64)
        let x = Torch.randn([3, 4], dtype: .float64, requiresGrad: true)
        let okUnbatched = Torch.gradcheck({ x in packed(x[0], x[0], x[0], averageAttnWeights: false).output },
                                          inputs: [x])
        #expect(okUnbatched)
    }

    @Test func unbatchedTransformerMatchesBatchOfOne() {
        let model = Transformer(dModel: 8, nhead: 2, numEncoderLayers: 1, numDecoderLayers: 2, dimFeedforward: 16)
        model.eval()
        let src = Torch.randn([5, 8]), tgt = Torch.randn([4, 8])
        let mask = Transformer.generateSquareSubsequentMask(4)
        let single = model(src, tgt, tgtMask: mask)
        let batched = model(src.unsqueeze(1), tgt.unsqueeze(1), tgtMask: mask).squeeze(1)
        #expect(single.shape == [4, 8])
        let diff = (single - batched).abs().max().item(as: Double.self)
        #expect(diff < 1e-5)
    }

    @Test func multiheadAttentionSeparateProjectionsHaveNoPackedWeight() {
        let mha = MultiheadAttention(8, 2, kdim: 3, vdim: 5)
        #expect(mha.inProjWeight == nil && !mha.qkvSameEmbedDim)
        #expect(mha.kProjWeight!.shape == [8, 3] && mha.vProjWeight!.shape == [8, 5])
        #expect(Array(mha.stateDict().keys) == ["q_proj_weight", "k_proj_weight", "v_proj_weight", "in_proj_bias",
                                                "out_proj.weight", "out_proj.bias"])
    }
}

/// Bad inputs stop with PyTorch's messages.
@Suite struct TransformerErrorTests {
    @Test func targetOfWrongWidthStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let layer = TransformerDecoderLayer(8, 2, dimFeedforward: 16)
            _ = layer(Torch.randn([4, 2, 6]), Torch.randn([5, 2, 8]))
        }
        #expect(stderrText(result).contains("was expecting embedding dimension of 8, but got 6"))
    }

    @Test func preNormTargetOfWrongWidthStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let layer = TransformerDecoderLayer(8, 2, dimFeedforward: 16, normFirst: true)
            _ = layer(Torch.randn([4, 2, 6]), Torch.randn([5, 2, 8]))
        }
        #expect(stderrText(result).contains(
            "Given normalized_shape=[8], expected input with shape [*, 8], but got input of size[4, 2, 6]"))
    }

    @Test func memoryOfWrongWidthStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let layer = TransformerDecoderLayer(8, 2, dimFeedforward: 16)
            _ = layer(Torch.randn([4, 2, 8]), Torch.randn([5, 2, 6]))
        }
        #expect(stderrText(result).contains("mat1 and mat2 shapes cannot be multiplied (10x6 and 8x16)"))
    }

    @Test func memoryWithAnotherBatchStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let layer = TransformerDecoderLayer(8, 2, dimFeedforward: 16)
            _ = layer(Torch.randn([4, 2, 8]), Torch.randn([5, 3, 8]))
        }
        #expect(stderrText(result).contains("shape '[5, 4, 4]' is invalid for input of size 120"))
    }

    @Test func targetMaskOfWrongShapeStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let layer = TransformerDecoderLayer(8, 2, dimFeedforward: 16)
            _ = layer(Torch.randn([4, 2, 8]), Torch.randn([5, 2, 8]), tgtMask: Torch.zeros([3, 3]))
        }
        #expect(stderrText(result).contains("The shape of the 2D attn_mask is torch.Size([3, 3]), but should be (4, 4)."))
    }

    @Test func memoryMaskOfWrongShapeStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let layer = TransformerDecoderLayer(8, 2, dimFeedforward: 16)
            _ = layer(Torch.randn([4, 2, 8]), Torch.randn([5, 2, 8]), memoryMask: Torch.zeros([4, 4]))
        }
        #expect(stderrText(result).contains("The shape of the 2D attn_mask is torch.Size([4, 4]), but should be (4, 5)."))
    }

    @Test func keyPaddingMasksOfWrongShapeStop() async {
        let tgt = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let layer = TransformerDecoderLayer(8, 2, dimFeedforward: 16)
            _ = layer(Torch.randn([4, 2, 8]), Torch.randn([5, 2, 8]),
                      tgtKeyPaddingMask: Torch.zeros([2, 3], dtype: .bool))
        }
        #expect(stderrText(tgt).contains("Expected key_padded_mask.shape[1] to be 4, but got 3"))
        let memory = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let layer = TransformerDecoderLayer(8, 2, dimFeedforward: 16)
            _ = layer(Torch.randn([4, 2, 8]), Torch.randn([5, 2, 8]),
                      memoryKeyPaddingMask: Torch.zeros([3, 5], dtype: .bool))
        }
        #expect(stderrText(memory).contains("Expected key_padded_mask.shape[0] to be 2, but got 3"))
    }

    @Test func causalHintWithoutMaskStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let layer = TransformerDecoderLayer(8, 2, dimFeedforward: 16)
            _ = layer(Torch.randn([4, 2, 8]), Torch.randn([5, 2, 8]), tgtIsCausal: true)
        }
        #expect(stderrText(result).contains("Need attn_mask if specifying the is_causal hint."))
    }

    @Test func integerMaskStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let layer = TransformerDecoderLayer(8, 2, dimFeedforward: 16)
            _ = layer(Torch.randn([4, 2, 8]), Torch.randn([5, 2, 8]), tgtMask: Torch.zeros([4, 4], dtype: .int64))
        }
        #expect(stderrText(result).contains("only bool and floating types of attn_mask are supported"))
    }

    @Test func fourDimensionalTargetStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let layer = TransformerDecoderLayer(8, 2, dimFeedforward: 16)
            _ = layer(Torch.randn([2, 4, 2, 8]), Torch.randn([5, 2, 8]))
        }
        #expect(stderrText(result).contains("query should be unbatched 2D or batched 3D tensor but received 4-D query tensor"))
    }

    @Test func transformerWithMismatchedBatchesStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let model = Transformer(dModel: 8, nhead: 2, numEncoderLayers: 1, numDecoderLayers: 1, dimFeedforward: 16)
            _ = model(Torch.randn([5, 2, 8]), Torch.randn([4, 3, 8]))
        }
        #expect(stderrText(result).contains("the batch number of src and tgt must be equal"))
    }

    @Test func transformerWithWrongWidthStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let model = Transformer(dModel: 8, nhead: 2, numEncoderLayers: 1, numDecoderLayers: 1, dimFeedforward: 16)
            _ = model(Torch.randn([5, 2, 6]), Torch.randn([4, 2, 8]))
        }
        #expect(stderrText(result).contains("the feature number of src and tgt must be equal to d_model"))
    }

    @Test func unknownActivationStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = TransformerDecoderLayer(8, 2, activation: "tanh")
        }
        #expect(stderrText(result).contains("activation should be relu/gelu, not tanh"))
    }

    @Test func separateKeyProjectionOfWrongWidthStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let mha = MultiheadAttention(8, 2, kdim: 6, vdim: 5)
            _ = mha(Torch.randn([4, 2, 8]), Torch.randn([5, 2, 5]), Torch.randn([5, 2, 5]))
        }
        #expect(stderrText(result).contains("expecting key weights shape of (8, 5), but got torch.Size([8, 6])"))
    }

    @Test func unbatchedAttentionInputsOfMixedRankStop() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let mha = MultiheadAttention(8, 2)
            _ = mha(Torch.randn([4, 8]), Torch.randn([5, 2, 8]), Torch.randn([5, 2, 8]))
        }
        #expect(stderrText(result).contains(
            "For unbatched (2-D) `query`, expected `key` and `value` to be 2-D but found 3-D and 3-D tensors respectively"))
    }

    @Test func unbatchedPerHeadMaskOfWrongShapeStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let mha = MultiheadAttention(8, 2)
            _ = mha(Torch.randn([4, 8]), Torch.randn([5, 8]), Torch.randn([5, 8]), attnMask: Torch.zeros([3, 4, 5]))
        }
        #expect(stderrText(result).contains("Expected `attn_mask` shape to be (2, 4, 5) but got torch.Size([3, 4, 5])"))
    }

    @Test func unbatchedTwoDimensionalKeyPaddingMaskStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let mha = MultiheadAttention(8, 2)
            _ = mha(Torch.randn([4, 8]), Torch.randn([5, 8]), Torch.randn([5, 8]),
                    keyPaddingMask: Torch.zeros([1, 5], dtype: .bool))
        }
        #expect(stderrText(result).contains(
            "For unbatched (2-D) `query`, expected `key_padding_mask` to be `None` or 1-D but found 2-D tensor instead"))
    }

    @Test func keyAndValueOfDifferentLengthsStop() async {
        let separate = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let mha = MultiheadAttention(8, 2, kdim: 6, vdim: 5)
            _ = mha(Torch.randn([4, 2, 8]), Torch.randn([5, 2, 6]), Torch.randn([6, 2, 5]))
        }
        #expect(stderrText(separate).contains(
            "key's sequence and batch dims torch.Size([5, 2]) do not match value's torch.Size([6, 2])"))
        let packed = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let mha = MultiheadAttention(8, 2)
            _ = mha(Torch.randn([4, 2, 8]), Torch.randn([5, 2, 8]), Torch.randn([5, 2, 7]))
        }
        #expect(stderrText(packed).contains(
            "key shape torch.Size([5, 2, 8]) does not match value shape torch.Size([5, 2, 7])"))
    }

    @Test func perHeadMaskOfWrongShapeStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let mha = MultiheadAttention(8, 2)
            _ = mha(Torch.randn([4, 2, 8]), Torch.randn([5, 2, 8]), Torch.randn([5, 2, 8]), attnMask: Torch.zeros([3, 4, 5]))
        }
        #expect(stderrText(result).contains("The shape of the 3D attn_mask is torch.Size([3, 4, 5]), but should be (4, 4, 5)."))
    }

    @Test func decoderLayerWithoutMemoryStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let layer: Module = TransformerDecoderLayer(8, 2, dimFeedforward: 16)
            _ = layer(Torch.randn([4, 2, 8]))
        }
        #expect(stderrText(result).contains("forward() missing 1 required positional argument: 'memory'"))
    }

    @Test func encoderMasksOfIntegerTypeStop() async {
        let layer = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let layer = TransformerEncoderLayer(8, 2, dimFeedforward: 16)
            _ = layer(Torch.randn([4, 2, 8]), srcKeyPaddingMask: Torch.zeros([2, 4], dtype: .int64))
        }
        #expect(stderrText(layer).contains("only bool and floating types of src_key_padding_mask are supported"))
        let encoder = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let encoder = TransformerEncoder(TransformerEncoderLayer(8, 2, dimFeedforward: 16), numLayers: 2)
            _ = encoder(Torch.randn([4, 2, 8]), mask: Torch.zeros([4, 4], dtype: .int64))
        }
        #expect(stderrText(encoder).contains("only bool and floating types of mask are supported"))
    }
}
