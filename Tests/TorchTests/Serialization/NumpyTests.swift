import Foundation
import Testing
@testable import Torch

@Suite struct NumpyTests {
    /// The descr NumPy gives a tensor dtype after making it little-endian (as the manifest does).
    private func manifestDescr(_ dtype: DType) -> String {
        switch dtype {
        case .bool: return "|b1"
        case .uint8: return "|u1"
        case .int8: return "|i1"
        default: return (try? Numpy.descr(of: dtype)) ?? "?"
        }
    }

    @Test func everyNpyFixtureLoadsBitForBit() throws {
        let files = STFixtures.npyFiles
        #expect(files.count == 22)
        for (file, e) in files.sorted(by: { $0.key < $1.key }) {
            let t = try Numpy.load(STFixtures.path(file))
            #expect(manifestDescr(t.dtype) == e.dtype, "\(file): dtype")
            #expect(t.shape == e.shape, "\(file): shape")
            #expect(t.isContiguous, "\(file)")
            #expect(stHexBytes(t) == e.hex, "\(file): bytes")
            #expect(stHexBytes(try Numpy.load(STFixtures.bytes(file))) == e.hex, "\(file): from data")
        }
    }

    @Test func savedNpyMatchesNumpyByteForByte() throws {
        for name in ["f8", "f4", "f2", "i8", "i4", "i2", "i1", "u1", "b1", "scalar", "empty"] {
            let original = STFixtures.bytes(name + ".npy")
            let t = try Numpy.load(original)
            #expect(try Numpy.save(t) == original, "\(name)")
        }
        // Big-endian and Fortran-order inputs come back as NumPy's little-endian C-order save of the same values.
        let be = try Numpy.load(STFixtures.path("f8_be.npy"))
        #expect(try Numpy.save(be) == STFixtures.bytes("f8.npy"))
    }

    @Test func saveToFileRoundTripsNonContiguousTensors() throws {
        let dir = STFixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let x = Torch.arange(12, dtype: .int32).reshape([3, 4]).t()
        try Numpy.save(x, to: dir + "/x.npy")
        let y = try Numpy.load(dir + "/x.npy")
        #expect(y.shape == [4, 3] && y.dtype == .int32 && y.equal(x))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["x.npy"])
    }

    @Test func bfloat16HasNoNumpyType() {
        #expect(throws: NumpyError.unsupportedTensorDType(.bfloat16)) { try Numpy.save(Torch.zeros([2], dtype: .bfloat16)) }
    }

    @Test func npzArchivesLoadInArchiveOrder() throws {
        let expected = STFixtures.npzArrays
        for file in ["plain.npz", "compressed.npz"] {
            let arrays = try Numpy.loadNpz(STFixtures.path(file))
            #expect(arrays.keys.elements == expected.map(\.name), "\(file)")
            for e in expected {
                #expect(arrays[e.name].map(stHexBytes) == e.hex, "\(file) \(e.name)")
                #expect(arrays[e.name]?.shape == e.shape, "\(file) \(e.name)")
            }
        }
    }

    @Test func savezAndSavezCompressedRoundTrip() throws {
        let dir = STFixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let dict: StateDict = ["w": Torch.randn([3, 4]), "step": Tensor(5, dtype: .int64), "mask": Torch.ones([2], dtype: .bool),
                               "empty": Torch.zeros([0, 2], dtype: .float16)]
        try Numpy.savez(dict, to: dir + "/a.npz")
        try Numpy.savezCompressed(dict, to: dir + "/b.npz")
        try Numpy.savez(["z": Torch.ones([1]), "a": Torch.zeros([1])], to: dir + "/c.npz")
        for file in ["a.npz", "b.npz"] {
            let back = try Numpy.loadNpz(dir + "/" + file)
            #expect(back.keys.elements == dict.keys.elements)
            for (k, v) in dict { #expect(back[k]!.dtype == v.dtype && back[k]!.shape == v.shape && back[k]!.equal(v), "\(file) \(k)") }
        }
        #expect(try Numpy.loadNpz(dir + "/c.npz").keys.elements == ["a", "z"])
        let big: StateDict = ["zeros": Torch.zeros([10_000])]
        try Numpy.savezCompressed(big, to: dir + "/d.npz")
        let size = try FileManager.default.attributesOfItem(atPath: dir + "/d.npz")[.size] as! Int
        #expect(size < 4_000)
    }

    private func expectRejected(_ header: String, _ expected: NumpyError, version: UInt8 = 1,
                                sourceLocation: SourceLocation = #_sourceLocation) {
        var data = Data(Numpy.magic + [version, 0])
        let h = Array(header.utf8)
        data.append(contentsOf: [UInt8(h.count & 0xFF), UInt8(h.count >> 8)])
        if version > 1 { data.append(contentsOf: [0, 0]) }
        data.append(contentsOf: h)
        data.append(contentsOf: [UInt8](repeating: 0, count: 16))
        #expect(throws: expected, sourceLocation: sourceLocation) { try Numpy.load(data) }
    }

    @Test func malformedNpyHeadersAreRejected() {
        #expect(throws: NumpyError.notNpy) { try Numpy.load(Data("PK\u{3}\u{4}hello".utf8)) }
        #expect(throws: NumpyError.truncated(expectedBytes: 8, actualBytes: 3)) { try Numpy.load(Data(Numpy.magic.prefix(3))) }
        #expect(throws: NumpyError.unsupportedVersion(major: 4, minor: 0)) { try Numpy.load(Data(Numpy.magic + [4, 0, 0, 0])) }
        expectRejected("{'descr': '<u2', 'fortran_order': False, 'shape': (2,), }", .unsupportedDType("<u2"))
        expectRejected("{'descr': '<c8', 'fortran_order': False, 'shape': (2,), }", .unsupportedDType("<c8"))
        expectRejected("{'descr': '|O', 'fortran_order': False, 'shape': (2,), }", .unsupportedDType("|O"))
        expectRejected("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (2,), }", .unsupportedDType("structured array"))
        expectRejected("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'x': 1}", .invalidHeader("unexpected key 'x'"))
        expectRejected("{'descr': '<f4', 'shape': (2,), }", .invalidHeader("missing one of the keys 'descr', 'fortran_order', 'shape'"))
        expectRejected("{'descr': '<f4', 'fortran_order': False, 'shape': (-2,), }",
                       .invalidHeader("shape entries must be non-negative integers, found ''"))
        expectRejected("{'descr': '<f4', 'fortran_order': Maybe, 'shape': (2,), }", .invalidHeader("expected True or False, found 'Maybe'"))
        expectRejected("{'descr': '<f4', 'fortran_order': False, 'shape': (9,), }", .truncated(expectedBytes: 10 + 57 + 36, actualBytes: 10 + 57 + 16))
        expectRejected("{'descr': '<f4', 'fortran_order': False, 'shape': (4294967296, 4294967296), }",
                       .shapeTooLarge([4_294_967_296, 4_294_967_296]))
        expectRejected("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }{", .invalidHeader("unexpected text after the dictionary"))
    }

    @Test func pythonTwoLongShapesAreAccepted() throws {
        var data = Data(Numpy.magic + [1, 0])
        let h = Array("{'descr': '<i2', 'fortran_order': False, 'shape': (2L,), }\n".utf8)
        data.append(contentsOf: [UInt8(h.count), 0])
        data.append(contentsOf: h)
        data.append(contentsOf: [1, 0, 0xFF, 0xFF])
        #expect(try Numpy.load(data).toArray(as: Int16.self) == [1, -1])
    }

    @Test func truncationsAndByteFlipsOfEveryNpyFixtureThrowOrLoad() {
        var total = 0
        for (i, file) in STFixtures.npyFiles.keys.sorted().enumerated() {
            let data = STFixtures.bytes(file)
            let r = stFuzzVariants(of: data, lengths: Array(stride(from: 0, to: data.count, by: 3)), flips: 250, seed: UInt64(100 + i),
                                 isExpected: { $0 is NumpyError }) { d in
                _ = stHexBytes(try Numpy.load(d))
            }
            total += r.ok + r.failed
        }
        #expect(total > 6000)
    }

    @Test func truncationsAndByteFlipsOfNpzArchivesThrowOrLoad() {
        let dir = STFixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (i, file) in ["plain.npz", "compressed.npz"].enumerated() {
            let data = STFixtures.bytes(file)
            let path = dir + "/" + file
            _ = stFuzzVariants(of: data, lengths: Array(stride(from: 0, to: data.count, by: 11)), flips: 250, seed: UInt64(200 + i),
                             isExpected: { $0 is NumpyError }) { d in
                try d.write(to: URL(fileURLWithPath: path))
                for (_, t) in try Numpy.loadNpz(path) { _ = stHexBytes(t) }
            }
        }
    }
}

@Suite struct SafetensorsNumpyReadmeRowsTests {
    @Test func readmeRowsWorkAsWritten() throws {
        let dir = STFixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let model = Sequential([Linear(4, 3), BatchNorm1d(3)])
        try Safetensors.saveFile(model.stateDict(), to: dir + "/m.safetensors", metadata: ["epoch": "3"])
        let other = Sequential([Linear(4, 3), BatchNorm1d(3)])
        try other.loadStateDict(Safetensors.loadFile(dir + "/m.safetensors"))
        #expect(other.stateDict()["0.weight"]!.equal(model.stateDict()["0.weight"]!))
        let x = Torch.randn([2, 3])
        try Numpy.save(x, to: dir + "/x.npy")
        let y = try Numpy.load(dir + "/x.npy")
        #expect(y.equal(x))
        let w = Torch.randn([3]), b = Torch.zeros([1])
        try Numpy.savez(["w": w, "b": b], to: dir + "/p.npz")
        let arrays = try Numpy.loadNpz(dir + "/p.npz")
        #expect(arrays["w"]!.equal(w) && arrays["b"]!.equal(b))
    }
}
