import Foundation
import Testing
@testable import Torch

@Suite struct SafetensorsTests {
    private func expectMatchesManifest(_ dict: StateDict, _ file: String, _ how: String,
                                       sourceLocation: SourceLocation = #_sourceLocation) {
        let expected = STFixtures.expectedTensors(file)
        #expect(dict.keys.elements == expected.map(\.name), "\(file) \(how): key order", sourceLocation: sourceLocation)
        for e in expected {
            guard let t = dict[e.name] else { continue }
            #expect(safetensorsName(t.dtype) == e.dtype, "\(file) \(how) \(e.name): dtype", sourceLocation: sourceLocation)
            #expect(t.shape == e.shape, "\(file) \(how) \(e.name): shape", sourceLocation: sourceLocation)
            #expect(stHexBytes(t) == e.hex, "\(file) \(how) \(e.name): bytes", sourceLocation: sourceLocation)
        }
    }

    @Test func everyFixtureLoadsBitForBitInFileOrder() throws {
        #expect(STFixtures.safetensorsFiles.count == 7)
        for file in STFixtures.safetensorsFiles {
            expectMatchesManifest(try Safetensors.loadFile(STFixtures.path(file)), file, "mmap")
            expectMatchesManifest(try Safetensors.loadFile(STFixtures.path(file), mmap: false), file, "pread")
            expectMatchesManifest(try Safetensors.load(STFixtures.bytes(file)), file, "bytes")
        }
    }

    @Test func metadataIsReadFromTheHeader() throws {
        for file in STFixtures.safetensorsFiles {
            let expected = STFixtures.expectedMetadata(file)
            #expect(try Safetensors.metadata(of: STFixtures.path(file)) == expected, "\(file)")
            #expect(try Safetensors.metadata(ofData: STFixtures.bytes(file)) == expected, "\(file)")
        }
        let meta = try Safetensors.metadata(of: STFixtures.path("metadata.safetensors"))
        #expect(meta?["unicode"] == "h\u{e9}llo \u{2603} \u{1F600}")
        #expect(meta?["quote\"back\\slash"] == "line\nbreak\ttab\u{1}")
    }

    @Test func stateDictLoadsIntoLinearBatchNorm() throws {
        let model = Sequential([Linear(4, 3), BatchNorm1d(3)])
        try model.loadStateDict(Safetensors.loadFile(STFixtures.path("linear_bn.safetensors")))
        let state = model.stateDict()
        for e in STFixtures.expectedTensors("linear_bn.safetensors") {
            #expect(stHexBytes(state[e.name]!) == e.hex, "\(e.name)")
        }
        #expect(state["1.num_batches_tracked"]!.item() == 3)
    }

    @Test func savedFilesMatchThePythonWriterByteForByte() throws {
        // Single-key metadata only: the reference writes metadata from a hash map.
        for file in STFixtures.safetensorsFiles where !["metadata.safetensors", "misaligned.safetensors", "loose_header.safetensors"].contains(file) {
            let original = STFixtures.bytes(file)
            let dict = try Safetensors.load(original)
            let resaved = try Safetensors.save(dict, metadata: STFixtures.expectedMetadata(file))
            #expect(resaved == original, "\(file)")
            // Insertion order does not matter: the writer sorts.
            let reversed = StateDict(uniqueKeysWithValues: dict.reversed().map { ($0.key, $0.value) })
            #expect(try Safetensors.save(reversed, metadata: STFixtures.expectedMetadata(file)) == original, "\(file) reversed")
        }
    }

    @Test func headerIsSpacePaddedToEightBytesWithMetadataFirst() throws {
        let data = try Safetensors.save(["b": Torch.zeros([3], dtype: .uint8), "a": Torch.ones([2])], metadata: ["k": "v"])
        let n = Int(data[0]) | Int(data[1]) << 8
        let text = String(decoding: data[8..<(8 + n)], as: UTF8.self)
        #expect(n % 8 == 0)
        #expect(text.hasPrefix(#"{"__metadata__":{"k":"v"},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":"#))
        #expect(text.reversed().drop(while: { $0 == " " }).first == "}")
        #expect(data.count == 8 + n + 11)
        #expect(try Safetensors.save(StateDict()) == Data([8, 0, 0, 0, 0, 0, 0, 0]) + Data("{}      ".utf8))
    }

    @Test func nonContiguousTensorsAreWrittenAsContiguousCopies() throws {
        let base = Torch.arange(12, dtype: .float32).reshape([3, 4])
        let dict: StateDict = ["t": base.t(), "slice": base[1], "expanded": Torch.ones([1, 3]).expand([2, 3])]
        let loaded = try Safetensors.load(Safetensors.save(dict))
        for (k, v) in dict {
            #expect(loaded[k]!.shape == v.shape)
            #expect(loaded[k]!.equal(v), "\(k)")
            #expect(loaded[k]!.isContiguous)
        }
    }

    @Test func saveFileRoundTripsAndReplacesAtomically() throws {
        let dir = STFixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/m.safetensors"
        let first: StateDict = ["w": Torch.arange(6, dtype: .float64).reshape([2, 3]), "n": Tensor(7, dtype: .int64)]
        try Safetensors.saveFile(first, to: path, metadata: ["epoch": "1"])
        let back = try Safetensors.loadFile(path)
        #expect(back["w"]!.equal(first["w"]!) && back["n"]!.equal(first["n"]!))
        #expect(try Safetensors.metadata(of: path) == ["epoch": "1"])
        // Overwriting while the old mapping is alive keeps the old tensors valid.
        try Safetensors.saveFile(["w": Torch.zeros([2, 3], dtype: .float64)], to: path)
        #expect(back["w"]!.equal(first["w"]!))
        #expect(try Safetensors.loadFile(path)["w"]!.sum().item() == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["m.safetensors"])
    }

    @Test func failedSaveLeavesThePreviousFileIntactAndNoTemporaryFile() throws {
        struct Crash: Error {}
        let dir = STFixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/ckpt.safetensors"
        try Safetensors.saveFile(["w": Torch.ones([4])], to: path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        // A save that dies after writing part of the new file.
        let plan = try Safetensors.plan([("w", Torch.zeros([1000]))], metadata: nil)
        #expect(throws: Crash.self) {
            try Safetensors.writeAtomically(to: path) { sink in
                try sink.write(plan.header)
                #expect(sink.bytesWritten > 0)
                throw Crash()
            }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["ckpt.safetensors"])
        #expect(try Safetensors.loadFile(path)["w"]!.equal(Torch.ones([4])))
    }

    @Test func savingIntoAMissingFolderThrowsAnIOError() {
        #expect {
            try Safetensors.saveFile(["w": Torch.ones([1])], to: "/nonexistent-stio-folder/x.safetensors")
        } throws: { error in
            guard case .io(let path, let message) = error as? SafetensorsError else { return false }
            return path.hasSuffix("x.safetensors") && message.contains("temporary")
        }
    }

    @Test func loadingAMissingFileThrowsAnIOError() {
        for mmap in [true, false] {
            #expect(throws: SafetensorsError.self) { try Safetensors.loadFile("/nonexistent-stio.safetensors", mmap: mmap) }
        }
        #expect(throws: SafetensorsError.self) { try Safetensors.loadFile("/tmp", mmap: true) }
    }

    @Test func mappedTensorsAreCopyOnWrite() throws {
        let dir = STFixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/w.safetensors"
        try Safetensors.saveFile(["w": Torch.ones([256])], to: path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let w = try Safetensors.loadFile(path)["w"]!
        w.mul_(3)
        #expect(w.sum().item() == 768)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try Safetensors.loadFile(path)["w"]!.sum().item() == 256)
    }

    @Test func misalignedDataIsCopiedAndReadCorrectly() throws {
        let dict = try Safetensors.loadFile(STFixtures.path("misaligned.safetensors"))
        #expect(dict["f32"]!.toArray(as: Float.self) == [1.0, -2.5])
        #expect(dict["u8"]!.toArray(as: UInt8.self) == [1, 2, 3])
    }

    @Test func reservedMetadataNameIsRefusedAsATensorName() {
        #expect(throws: SafetensorsError.invalidTensorName("__metadata__")) {
            try Safetensors.save(["__metadata__": Torch.ones([1])])
        }
    }

    @Test func boolBytesOtherThanZeroAndOneReadAsTrue() throws {
        let image = safetensorsImage(#"{"m":{"dtype":"BOOL","shape":[3],"data_offsets":[0,3]}}"#, [0, 1, 7])
        #expect(try Safetensors.load(image)["m"]!.toArray(as: Bool.self) == [false, true, true])
        let dir = STFixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try image.write(to: URL(fileURLWithPath: dir + "/b.safetensors"))
        #expect(try Safetensors.loadFile(dir + "/b.safetensors")["m"]!.toArray(as: Bool.self) == [false, true, true])
    }

    @Test func errorsDescribeWhatIsWrong() {
        let e = SafetensorsError.hole(tensor: "w", expectedBegin: 8, begin: 12)
        #expect(e.description.contains("\"w\"") && e.description.contains("hole"))
        #expect(SafetensorsError.unsupportedDType(tensor: "c", dtype: "C64").description.contains("C64"))
    }
}

@Suite struct SafetensorsSafeOpenTests {
    @Test func safeOpenListsKeysAndBuildsTensorsOnRequest() throws {
        let f = try Safetensors.safeOpen(STFixtures.path("dtypes.safetensors"))
        let expected = STFixtures.expectedTensors("dtypes.safetensors")
        #expect(f.keys() == expected.map(\.name))
        #expect(f.metadata() == ["format": "pt"])
        for e in expected {
            #expect(stHexBytes(try f.getTensor(e.name)) == e.hex, "\(e.name)")
            #expect(try f.info(e.name).shape == e.shape)
        }
        #expect(throws: SafetensorsError.missingTensor("nope")) { try f.getTensor("nope") }
        #expect(throws: SafetensorsError.self) { try Safetensors.safeOpen("/nonexistent-stio.safetensors") }
        #expect(throws: SafetensorsError.self) { try Safetensors.safeOpen(STFixtures.path("f4.npy")) }
    }
}
