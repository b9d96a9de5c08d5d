import Testing
import Torch

/// Linear, Bilinear, Embedding and the activation modules against PyTorch
/// (scripts/fixtures/layers.py). Serialized because default initialisation
/// and dropout draw from the global generator.
@Suite(.serialized) struct LayersTests {
    let fixture = Fixture("layers")

    func exact(_ t: Tensor, _ name: String, index: Int = 0, sourceLocation: SourceLocation = #_sourceLocation) {
        expectMatches(t, fixture[name].outputs[index], rtol: 0, atol: 0, sourceLocation: sourceLocation)
    }

    // MARK: - Default initialisation

    @Test func linearStartsWithPyTorchsWeightsForTheSameSeed() {
        Torch.manualSeed(0)
        let layer = Linear(3, 2)
        exact(layer.weight, "default_linear", index: 0)
        exact(layer.bias!, "default_linear", index: 1)
        Torch.manualSeed(1)
        let noBias = Linear(5, 4, bias: false)
        exact(noBias.weight, "default_linear_nobias")
        #expect(noBias.bias == nil)
        #expect(noBias.namedParameters().map(\.name) == ["weight"])
    }

    @Test func bilinearEmbeddingAndSequentialStartAsPyTorch() {
        Torch.manualSeed(2)
        let bilinear = Bilinear(2, 3, 4)
        exact(bilinear.weight, "default_bilinear", index: 0)
        exact(bilinear.bias!, "default_bilinear", index: 1)
        Torch.manualSeed(3)
        let emb = Embedding(6, 3, paddingIdx: 2)
        exact(emb.weight, "default_embedding")
        Torch.manualSeed(4)
        let mlp = Sequential(Linear(4, 8), ReLU(), Linear(8, 2))
        for (i, p) in mlp.parameters().enumerated() { exact(p, "default_mlp", index: i) }
    }

    // MARK: - Forward and gradients

    /// A Linear holding the fixture's weight (and bias).
    private func linear(_ inputs: [Tensor]) -> Linear {
        let w = inputs[1]
        let layer = Linear(w.shape[1], w.shape[0], bias: inputs.count > 2)
        Torch.noGrad {
            layer.weight.copy_(w)
            if inputs.count > 2 { layer.bias!.copy_(inputs[2]) }
        }
        return layer
    }

    @Test(arguments: ["linear_2d", "linear_3d", "linear_1d", "linear_nobias"])
    func linearMatchesPyTorchWithParameterGradients(_ name: String) {
        let c = fixture[name]
        let inputs = c.inputs.indices.map { c.input($0) }
        let layer = linear(inputs)
        let out = layer(inputs[0])
        expectMatches(out, c.output, rtol: 1e-5, atol: 1e-6)
        out.backward(gradient: c.gradOutput!.tensor())
        expectMatches(inputs[0].grad!, c.grads[0]!, rtol: 1e-5, atol: 1e-6)
        expectMatches(layer.weight.grad!, c.grads[1]!, rtol: 1e-5, atol: 1e-6)
        if let bias = layer.bias { expectMatches(bias.grad!, c.grads[2]!, rtol: 1e-5, atol: 1e-6) }
    }

    @Test func linearRecordsPyTorchsNodeNames() {
        let layer = Linear(3, 2)
        #expect(layer(Torch.ones([4, 3])).gradFn == "AddmmBackward0")
        #expect(layer(Torch.ones([2, 4, 3])).gradFn == "UnsafeViewBackward0")
        #expect(Linear(3, 2, bias: false)(Torch.ones([4, 3])).gradFn == "MmBackward0")
        #expect(Bilinear(3, 2, 4)(Torch.ones([5, 3]), Torch.ones([5, 2])).gradFn == "AddBackward0")
    }

    @Test(arguments: ["bilinear", "bilinear_3d"])
    func bilinearMatchesPyTorchWithParameterGradients(_ name: String) {
        let c = fixture[name]
        let inputs = c.inputs.indices.map { c.input($0) }
        let layer = Bilinear(inputs[2].shape[1], inputs[2].shape[2], inputs[2].shape[0])
        Torch.noGrad {
            layer.weight.copy_(inputs[2])
            layer.bias!.copy_(inputs[3])
        }
        let out = layer(inputs[0], inputs[1])
        expectMatches(out, c.output, rtol: 1e-5, atol: 1e-6)
        out.backward(gradient: c.gradOutput!.tensor())
        expectMatches(inputs[0].grad!, c.grads[0]!, rtol: 1e-5, atol: 1e-6)
        expectMatches(inputs[1].grad!, c.grads[1]!, rtol: 1e-5, atol: 1e-6)
        expectMatches(layer.weight.grad!, c.grads[2]!, rtol: 1e-5, atol: 1e-6)
        expectMatches(layer.bias!.grad!, c.grads[3]!, rtol: 1e-5, atol: 1e-6)
    }

    @Test(arguments: [("embedding_padding", 2), ("embedding_plain", -1)])
    func embeddingGathersRowsAndSkipsThePaddingRowsGradient(_ name: String, _ padding: Int) {
        let c = fixture[name]
        let table = c.inputs[1]!.tensor()
        let emb = Embedding(table.shape[0], table.shape[1], paddingIdx: padding >= 0 ? padding : nil)
        Torch.noGrad { emb.weight.copy_(table) }
        let out = emb(c.inputs[0]!.tensor())
        #expect(out.gradFn == "EmbeddingBackward0")
        expectMatches(out, c.output, rtol: 0, atol: 0)
        out.backward(gradient: c.gradOutput!.tensor())
        expectMatches(emb.weight.grad!, c.grads[1]!, rtol: 1e-6, atol: 1e-6)
    }

    @Test func embeddingScaleGradByFreqDividesByIndexCounts() {
        let c = fixture["embedding_scale_grad_by_freq"]
        let table = c.inputs[1]!.tensor()
        let emb = Embedding(6, 3, paddingIdx: 1, scaleGradByFreq: true)
        Torch.noGrad { emb.weight.copy_(table) }
        let out = emb(c.inputs[0]!.tensor())
        expectMatches(out, c.output, rtol: 0, atol: 0)
        out.backward(gradient: c.gradOutput!.tensor())
        expectMatches(emb.weight.grad!, c.grads[1]!, rtol: 1e-6, atol: 1e-6)
    }

    @Test func embeddingMaxNormRenormalisesLookedUpRowsInPlace() {
        let c = fixture["embedding_max_norm"]
        let table = c.inputs[1]!.tensor()
        let emb = Embedding(6, 3, maxNorm: 1.0)
        Torch.noGrad { emb.weight.copy_(table) }
        let out = emb(c.inputs[0]!.tensor())
        expectMatches(out, c.outputs[0], rtol: 1e-6, atol: 1e-6)
        expectMatches(emb.weight, c.outputs[1], rtol: 1e-6, atol: 1e-6)
        out.backward(gradient: c.gradOutput!.tensor())
        expectMatches(emb.weight.grad!, c.grads[1]!, rtol: 1e-6, atol: 1e-6)
    }

    @Test(arguments: ["softmax_dim1", "softmax_implicit_3d", "log_softmax_dim0", "log_softmax_large", "relu", "sigmoid", "tanh"])
    func activationMatchesPyTorch(_ name: String) {
        let module: Module = switch name {
        case "softmax_dim1": Softmax(dim: 1)
        case "softmax_implicit_3d": Softmax()
        case "log_softmax_dim0": LogSoftmax(dim: 0)
        case "log_softmax_large": LogSoftmax(dim: -1)
        case "relu": ReLU()
        case "sigmoid": Sigmoid()
        default: Tanh()
        }
        checkCase(fixture[name], rtol: 1e-5, atol: 1e-6) { module($0[0]) }
    }

    @Test func dropoutMasksMatchPyTorchInTrainingAndVanishInEval() {
        let c = fixture["dropout_train"]
        Torch.manualSeed(5)
        let drop = Dropout(p: 0.3)
        checkCase(c) { drop($0[0]) }
        drop.eval()
        let x = Torch.ones([3, 3])
        #expect(drop(x) === x)
    }

    @Test func inplaceReluOverwritesItsInput() {
        let x = Tensor([-1.0, 2.0, -3.0])
        let y = ReLU(inplace: true)(x)
        #expect(x.toArray(as: Double.self) == [0, 2, 0])
        #expect(y.toArray(as: Double.self) == [0, 2, 0])
    }

    @Test func layersPassFloat64Gradcheck() {
        let g = Generator(seed: 0)
        let lin = Linear(3, 2, dtype: .float64)
        let x = Torch.randn([4, 3], dtype: .float64, generator: g).requiresGrad_()
        let ok1 = Torch.gradcheck({ lin($0[0]) }, inputs: [x])
        #expect(ok1)
        let ok2 = Torch.gradcheck({ linearLike($0[0], $0[1], $0[2]) }, inputs: [x, lin.weight, lin.bias!])
        #expect(ok2)
        let bil = Bilinear(3, 2, 4, dtype: .float64)
        let x2 = Torch.randn([4, 2], dtype: .float64, generator: g).requiresGrad_()
        let ok3 = Torch.gradcheck({ bil($0[0], $0[1]) }, inputs: [x, x2, bil.weight, bil.bias!])
        #expect(ok3)
        let emb = Embedding(5, 3, paddingIdx: 1, dtype: .float64)
        let idx = Tensor([[0, 2], [4, 4]])   // the padding row has no gradient, so leave it out
        let ok4 = Torch.gradcheck({ _ in emb(idx) }, inputs: [emb.weight])
        #expect(ok4)
        let softmax = Softmax(dim: 1), logSoftmax = LogSoftmax(dim: 0)
        let ok5 = Torch.gradcheck({ softmax($0[0]) }, inputs: [x])
        #expect(ok5)
        let ok6 = Torch.gradcheck({ logSoftmax($0[0]) }, inputs: [x])
        #expect(ok6)
    }

    private func linearLike(_ x: Tensor, _ w: Tensor, _ b: Tensor) -> Tensor { x.matmul(w.t()) + b }

    // MARK: - Printing and state dicts

    @Test func reprsAndStateDictKeysMatchPyTorch() {
        let extra = fixture["reprs"].extra
        let reprs = extra["reprs"] as! [String: String]
        let keys = extra["keys"] as! [String: [String]]
        let modules: [String: Module] = [
            "linear": Linear(2, 1), "linear_nobias": Linear(3, 4, bias: false), "bilinear": Bilinear(2, 3, 4),
            "embedding": Embedding(10, 3), "embedding_padding": Embedding(5, 3, paddingIdx: -1),
            "embedding_max_norm": Embedding(5, 3, maxNorm: 1.0), "embedding_norm_type": Embedding(5, 3, maxNorm: 2.0, normType: 1.0),
            "embedding_freq": Embedding(5, 3, scaleGradByFreq: true),
            "relu": ReLU(), "relu_inplace": ReLU(inplace: true), "sigmoid": Sigmoid(), "tanh": Tanh(),
            "softmax": Softmax(), "softmax_1": Softmax(dim: 1), "log_softmax": LogSoftmax(dim: -1),
            "dropout": Dropout(), "dropout_inplace": Dropout(0.1, inplace: true), "dropout_0": Dropout(0.0),
            "linreg": Sequential(Linear(2, 1)),
            "my_model": Sequential(Linear(10, 32), Sigmoid(), Linear(32, 1)),
            "neural_network": NeuralNetwork(),
        ]
        #expect(Set(modules.keys) == Set(reprs.keys))
        for (name, module) in modules {
            #expect(module.description == reprs[name], "\(name)")
            #expect(Array(module.stateDict().keys) == keys[name], "\(name)")
        }
    }
}

/// The seeds' MNIST classifier.
private final class NeuralNetwork: Module {
    let flatten = Flatten()
    let linearReluStack = Sequential(Linear(28 * 28, 512), ReLU(), Linear(512, 512), ReLU(), Linear(512, 10))
    override func forward(_ x: Tensor) -> Tensor { linearReluStack(flatten(x)) }
}
