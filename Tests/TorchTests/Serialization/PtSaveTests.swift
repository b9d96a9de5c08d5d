import Foundation
import Testing
@testable import Torch

private func tempFolder() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("ptio-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// A model with PyTorch's key names for scripts/fixtures/check_swift_pt.py.
private final class LinBN: Module {
    let lin = Linear(4, 3)
    let bn = BatchNorm1d(3)
    override func forward(_ x: Tensor) -> Tensor { bn(lin(x)) }
}

/// Writes the reverse-direction cases: every loadable fixture re-saved by
/// Swift, plus Swift-native state dicts and checkpoints.
func writeSwiftPtCases(to folder: URL) throws {
    for name in PtFixtures.loadable {
        try Torch.save(Torch.load(PtFixtures.path(name)), to: folder.appendingPathComponent(name).path)
    }
    // The zip64 layout of > 4 GiB files, forced on a small file.
    try savePickleValue(Torch.load(PtFixtures.path("views.pt")), to: folder.appendingPathComponent("swift_zip64.pt").path,
                        zip64Threshold: 0)
    Torch.manualSeed(0)
    let model = LinBN()
    _ = model(Torch.randn([5, 4]))
    try Torch.save(model.stateDict(), to: folder.appendingPathComponent("swift_linear_bn.pt").path)

    let net = Sequential([Linear(3, 2), ReLU(), Linear(2, 1)])
    let optimizer = Adam(net.parameters(), lr: 0.01)
    net(Torch.randn([4, 3])).sum().backward()
    optimizer.step()
    let epoch = 7
    let loss = 0.25
    try Torch.save(["epoch": epoch, "model_state_dict": net.stateDict(),
                    "optimizer_state_dict": optimizer.stateDict(), "loss": loss],
                   to: folder.appendingPathComponent("swift_ckpt.pt").path)

    let base = Torch.arange(12.0)
    let values: KeyValuePairs<String, any PickleConvertible> = [
        "base": base, "slice": base[2..<8].view([2, 3]), "t": base.view([3, 4]).t(),
        "expand": Torch.arange(3.0).view([3, 1]).expand([3, 4]), "scalar": Tensor(3.25),
        "empty": Torch.zeros([0, 4]), "i64": Tensor([Int64.min, Int64.max]),
        "param": Parameter(Torch.ones([2])), "ints": [1, -5, 1 << 40, Int.min], "none": Optional<Int>.none,
        "flag": true, "text": "héllo", "nested": ["a": [1.5, -0.0]],
    ]
    try Torch.save(values, to: folder.appendingPathComponent("swift_values.pt").path)
}

@Suite(.serialized) struct PtSaveTests {
    @Test func stateDictRoundTripsBitForBit() throws {
        let folder = tempFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = Sequential([Linear(4, 3), BatchNorm1d(3)])
        let path = folder.appendingPathComponent("m.pt").path
        try Torch.save(model.stateDict(), to: path)
        let other = Sequential([Linear(4, 3), BatchNorm1d(3)])
        try other.loadStateDict(Torch.load(path))
        for (k, v) in model.stateDict() { #expect(ptHexBytes(v) == ptHexBytes(other.stateDict()[k]!), "\(k)") }
        #expect(try Torch.load(path).dictValue?.ordered == true)
    }

    @Test func everyFixtureRoundTripsThroughSwift() throws {
        let folder = tempFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in PtFixtures.loadable {
            let path = folder.appendingPathComponent(name).path
            try Torch.save(Torch.load(PtFixtures.path(name)), to: path)
            let expected = try #require(PtFixtures.expected[name]?["flat"] as? [String: Any])
            let diffs = flatDifferences(flattenPickle(try Torch.load(path)), expected)
            #expect(diffs.isEmpty, "\(name): \(diffs.prefix(8))")
        }
    }

    @Test func zip64LayoutRoundTrips() throws {
        let folder = tempFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("z.pt").path
        try savePickleValue(Torch.load(PtFixtures.path("views.pt")), to: path, zip64Threshold: 0)
        let expected = try #require(PtFixtures.expected["views.pt"]?["flat"] as? [String: Any])
        #expect(flatDifferences(flattenPickle(try Torch.load(path)), expected).isEmpty)
        let zip = try ZipReader(ByteSource(path: path))
        for r in zip.records { #expect(try zip.payloadOffset(r) % 64 == 0) }
    }

    @Test func savedViewsShareOneStorageRecord() throws {
        let folder = tempFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let base = Torch.arange(12.0)
        let path = folder.appendingPathComponent("v.pt").path
        try Torch.save(["a": base, "b": base.view([3, 4]).t(), "c": base[1..<5]], to: path)
        let v = try Torch.load(path)
        let a = try v["a"].tensor(), b = try v["b"].tensor(), c = try v["c"].tensor()
        #expect(a.sharesStorage(with: b) && a.sharesStorage(with: c))
        #expect(b.stride() == [1, 4] && c.storageOffset == 1)
        let zip = try ZipReader(ByteSource(path: path))
        #expect(zip.records.map(\.name) == ["archive/data.pkl", "archive/byteorder", "archive/data/0", "archive/version"])
        for r in zip.records { #expect(try zip.payloadOffset(r) % 64 == 0) }
    }

    @Test func checkpointLiteralSavesAndLoads() throws {
        let folder = tempFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try writeSwiftPtCases(to: folder)
        let ckpt = try Torch.load(folder.appendingPathComponent("swift_ckpt.pt").path)
        #expect(try ckpt["epoch"].int() == 7)
        #expect(try ckpt["loss"].double() == 0.25)
        #expect(ckpt.dictValue?.keys == ["epoch", "model_state_dict", "optimizer_state_dict", "loss"])
        let model = Sequential([Linear(3, 2), ReLU(), Linear(2, 1)])
        let optimizer = Adam(model.parameters(), lr: 0.5)
        try model.loadStateDict(ckpt["model_state_dict"])
        try optimizer.loadStateDict(ckpt["optimizer_state_dict"])
        #expect(optimizer.stateDict()["param_groups"]?.elements?.first?["lr"]?.doubleValue == 0.01)
        let values = try Torch.load(folder.appendingPathComponent("swift_values.pt").path)
        #expect(try values["ints"][3].int() == Int.min)
        #expect(try values["nested"]["a"][1].double().sign == .minus)
        #expect(try values["param"].tensor() is Parameter)
    }

    /// Writes the reverse-direction files for scripts/fixtures/check_swift_pt.py
    /// when PTIO_SWIFT_OUT names a folder.
    @Test func writeFilesForPythonCheck() throws {
        guard let out = ProcessInfo.processInfo.environment["PTIO_SWIFT_OUT"] else { return }
        let folder = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try writeSwiftPtCases(to: folder)
    }

    @Test func pythonObjectsCannotBeSaved() {
        let folder = tempFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let obj = PickleValue.object(PickleObject(className: "argparse.Namespace", args: [], state: nil))
        let path = folder.appendingPathComponent("x.pt").path
        #expect(throws: SerializationError.self) { try Torch.save(obj, to: path) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}
