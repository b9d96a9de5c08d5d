import Foundation
import Testing
@testable import Torch

@Suite struct PtLoadTests {
    @Test(arguments: PtFixtures.loadable)
    func fixtureLoadsBitForBit(_ name: String) throws {
        let value = try Torch.load(PtFixtures.path(name))
        let expected = try #require(PtFixtures.expected[name]?["flat"] as? [String: Any])
        let diffs = flatDifferences(flattenPickle(value), expected)
        #expect(diffs.isEmpty, "\(name): \(diffs.prefix(8))")
    }

    @Test(arguments: PtFixtures.loadable)
    func fixtureLoadsBitForBitWithMmap(_ name: String) throws {
        let value = try Torch.load(PtFixtures.path(name), mmap: true)
        let expected = try #require(PtFixtures.expected[name]?["flat"] as? [String: Any])
        let diffs = flatDifferences(flattenPickle(value), expected)
        #expect(diffs.isEmpty, "\(name): \(diffs.prefix(8))")
    }

    @Test func mmapTensorsAreCopyOnWrite() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ptio-mmap-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("w.pt").path
        try Torch.save(["w": Torch.arange(1000.0)], to: path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        var w: Tensor? = try Torch.load(path, mmap: true)["w"].tensor()
        w!.add_(Tensor(1.0))
        #expect(w![999].item() == 1000)
        w = nil
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try Torch.load(path)["w"].tensor()[999].item() == 999)
    }

    @Test func loadFromDataMatchesLoadFromPath() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: PtFixtures.path("views.pt")))
        let a = flattenPickle(try Torch.load(data))
        let expected = try #require(PtFixtures.expected["views.pt"]?["flat"] as? [String: Any])
        #expect(flatDifferences(a, expected).isEmpty)
    }

    @Test func viewsShareOneStorage() throws {
        let v = try Torch.load(PtFixtures.path("views.pt"))
        let base = try v["base"].tensor(), slice = try v["slice"].tensor(), t = try v["t"].tensor()
        #expect(base.sharesStorage(with: slice) && base.sharesStorage(with: t))
        base.mul_(Tensor(2.0))
        #expect(slice.contiguous().flatten().toArray(as: Float.self) == [4, 6, 8, 10, 12, 14])
    }

    @Test func linearBatchNormStateDictLoadsIntoSwiftModules() throws {
        let model = Sequential(["lin": Linear(4, 3), "bn": BatchNorm1d(3)])
        try model.loadStateDict(Torch.load(PtFixtures.path("linear_bn.pt")))
        let sd = try Torch.load(PtFixtures.path("linear_bn.pt"))
        let own = model.stateDict()
        for key in ["lin.weight", "lin.bias", "bn.running_mean", "bn.running_var", "bn.num_batches_tracked"] {
            #expect(ptHexBytes(own[key]!) == ptHexBytes(try sd[key].tensor()), "\(key)")
        }
        #expect(own["bn.num_batches_tracked"]!.dtype == .int64 && own["bn.num_batches_tracked"]!.dim() == 0)
    }

    @Test func adamCheckpointLoadsIntoSwiftModelAndOptimizer() throws {
        for file in ["ckpt_adam.pt", "ckpt_adam_intstep.pt"] {
            let model = Sequential([Linear(3, 2), ReLU(), Linear(2, 1)])
            let optimizer = Adam(model.parameters(), lr: 0.5)
            let ckpt = try Torch.load(PtFixtures.path(file))
            try model.loadStateDict(ckpt["model_state_dict"])
            try optimizer.loadStateDict(ckpt["optimizer_state_dict"])
            let state = optimizer.stateDict()
            #expect(state["param_groups"]?.elements?.first?["lr"]?.doubleValue == 0.01)
            #expect(state["state"]?[0]?["exp_avg"]?.tensorValue?.shape == [2, 3])
            // A step runs with the loaded moments.
            model(Torch.ones([1, 3])).sum().backward()
            optimizer.step()
        }
        let ckpt = try Torch.load(PtFixtures.path("ckpt_adam.pt"))
        #expect(try ckpt["epoch"].int() == 3)
        #expect(try ckpt["loss"].double() == 0.5)
        #expect(try ckpt["big"].int() == 1 << 40)
        #expect(try ckpt["huge"].description == "1180591620717411303424")
        #expect(try ckpt["hugeneg"].description == "-1180591620717411303424")
        #expect(throws: SerializationError.self) { try ckpt["huge"].int() }
        #expect(try ckpt["mixed"][2].string() == "x")
        #expect(try ckpt["mixed"][3].isNone)
        #expect(try ckpt["pair"].elements?.count == 2)
        #expect(try ckpt["text"].string() == "héllo ✓")
    }

    @Test func parameterLoadsAsParameterRequiringGrad() throws {
        let v = try Torch.load(PtFixtures.path("param.pt"))
        let p = try v["param"].tensor()
        #expect(p is Parameter && p.requiresGrad)
        let frozen = try v["frozen"].tensor()
        #expect(frozen is Parameter && !frozen.requiresGrad)
        guard case .rawTensor(let c) = try v["conj"] else { Issue.record("complex should load raw"); return }
        #expect(c.dtypeName == "complex64")
        #expect(throws: SerializationError.self) { try v["conj"].tensor() }
    }

    @Test func torchScriptArchiveIsRefused() {
        #expect {
            _ = try Torch.load(PtFixtures.path("torchscript.pt"))
        } throws: { error in
            guard case SerializationError.torchScriptArchive = error else { return false }
            return "\(error)".contains("TorchScript")
        }
    }

    @Test func wholePickledModuleExplainsStateDictRouteAndOffersTensors() throws {
        do {
            _ = try Torch.load(PtFixtures.path("whole_module.pt"))
            Issue.record("expected an error")
        } catch SerializationError.pickledModule(let className, let tensors) {
            #expect(className == "torch.nn.modules.container.Sequential")
            #expect(Array(tensors.keys) == ["0.weight", "0.bias"])
            let model = Sequential([Linear(2, 2)])
            try model.loadStateDict(tensors)
            let message = "\(SerializationError.pickledModule(className: className, tensors: tensors))"
            #expect(message.contains("state_dict"))
        }
    }

    @Test func quantizedTensorsAreRefused() {
        #expect {
            _ = try Torch.load(PtFixtures.path("quantized.pt"))
        } throws: { error in
            if case SerializationError.unsupportedDType = error { return true }
            return false
        }
    }

    @Test func subscriptsThrowNamedErrors() throws {
        let v = try Torch.load(PtFixtures.path("edge.pt"))
        #expect(throws: SerializationError.self) { try v["missing"] }
        #expect(throws: SerializationError.self) { try v[5] }
        #expect(throws: SerializationError.self) { try v["n"].tensor() }
        #expect(try v["n"].int() == 3)
        #expect(v.dictValue?.keys == ["w", "v", "n"])
    }

    @Test func notAPyTorchFileThrows() {
        #expect(throws: SerializationError.self) { try Torch.load(Data("hello world".utf8)) }
        #expect(throws: SerializationError.self) { try Torch.load("/nonexistent/file.pt") }
        #expect(throws: SerializationError.self) { try Torch.load(Data()) }
    }
}
