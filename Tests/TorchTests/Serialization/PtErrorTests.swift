import Foundation
import Testing
@testable import Torch

/// A zip archive with these records, written by `ZipWriter`, as bytes.
private func archive(_ records: [(String, [UInt8])]) throws -> Data {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("ptio-err-\(UUID().uuidString).pt")
    defer { try? FileManager.default.removeItem(at: url) }
    try writeAtomically(to: url) { sink in
        var zip = ZipWriter(sink: sink)
        for (name, bytes) in records { try zip.add(name, bytes) }
        try zip.finish()
    }
    return try Data(contentsOf: url)
}

/// The pickle of `value` and its storages' bytes.
private func pickled(_ value: PickleValue) throws -> (pickle: [UInt8], storages: [[UInt8]]) {
    var w = PickleWriter()
    try w.write(value)
    w.finish()
    let storages: [[UInt8]] = w.storages.map {
        switch $0 {
        case .tensor(let s, let n): return Array(UnsafeRawBufferPointer(start: s.data, count: n))
        case .raw(let d): return Array(d)
        }
    }
    return (w.bytes, storages)
}

private func expectError(_ data: Data, _ matches: (SerializationError) -> Bool, sourceLocation: SourceLocation = #_sourceLocation) {
    do {
        let v = try Torch.load(data)
        Issue.record("loaded \(v)", sourceLocation: sourceLocation)
    } catch let e as SerializationError {
        #expect(matches(e), "\(e)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
    }
}

@Suite struct PtErrorTests {
    let version = ("archive/version", Array("3\n".utf8))

    @Test func missingRecordsAreNamed() throws {
        let (pkl, storages) = try pickled(.tensor(Torch.arange(4.0)))
        expectError(try archive([("archive/data.pkl", pkl), ("archive/data/0", storages[0])])) {
            if case .missingRecord("version") = $0 { return true }
            return false
        }
        expectError(try archive([version])) {
            if case .missingRecord("data.pkl") = $0 { return true }
            return false
        }
        expectError(try archive([("archive/data.pkl", pkl), version])) {
            if case .missingRecord("data/0") = $0 { return true }
            return false
        }
    }

    @Test func badVersionRootAndByteOrderAreRefused() throws {
        let (pkl, _) = try pickled(.int(1))
        expectError(try archive([("archive/data.pkl", pkl), ("archive/version", Array("11".utf8))])) {
            if case .badZip(let m) = $0 { return m.contains("version") }
            return false
        }
        expectError(try archive([("archive/data.pkl", pkl), ("other/version", Array("3".utf8))])) {
            if case .badZip(let m) = $0 { return m.contains("subdirectory") }
            return false
        }
        expectError(try archive([("archive/data.pkl", pkl), version, ("archive/byteorder", Array("middle".utf8))])) {
            if case .badZip(let m) = $0 { return m.contains("byteorder") }
            return false
        }
        // Minimal valid archive: a version with no newline and no byteorder.
        let ok = try Torch.load(try archive([("archive/data.pkl", pkl), ("archive/version", Array("3".utf8))]))
        #expect(ok.intValue == 1)
    }

    @Test func storageSizeMismatchAndOutOfBoundsViewsAreRefused() throws {
        let (pkl, storages) = try pickled(.tensor(Torch.arange(4.0)))
        expectError(try archive([("archive/data.pkl", pkl), ("archive/data/0", Array(storages[0].dropLast(4))), version])) {
            if case .badTensor(let m) = $0 { return m.contains("bytes") }
            return false
        }
        let raw = RawTensor(dtypeName: "uint16", itemSize: 2, storage: Data(count: 8), shape: [5], strides: [1])
        let (pkl2, storages2) = try pickled(.rawTensor(raw))
        expectError(try archive([("archive/data.pkl", pkl2), ("archive/data/0", storages2[0]), version])) {
            if case .badTensor(let m) = $0 { return m.contains("reach element") }
            return false
        }
        let ok = RawTensor(dtypeName: "uint16", itemSize: 2, storage: Data([1, 0, 2, 0, 3, 0, 4, 0]), shape: [2, 2], strides: [1, 2])
        let (pkl3, storages3) = try pickled(.rawTensor(ok))
        let loaded = try Torch.load(try archive([("archive/data.pkl", pkl3), ("archive/data/0", storages3[0]), version]))
        guard case .rawTensor(let r) = loaded else { Issue.record("not raw"); return }
        #expect(Array(r.contiguousBytes()) == [1, 0, 3, 0, 2, 0, 4, 0])
    }

    @Test func storageKeysCannotEscapeTheDataFolder() throws {
        // A persistent id naming "../version" must not read another record.
        var (pkl, _) = try pickled(.tensor(Torch.arange(1.0)))
        let key: [UInt8] = [0x58, 1, 0, 0, 0, 0x30]  // BINUNICODE "0"
        let evil: [UInt8] = [0x58, 10, 0, 0, 0] + Array("../version".utf8)
        let i = try #require((0..<pkl.count - key.count).first { Array(pkl[$0..<$0 + key.count]) == key })
        pkl.replaceSubrange(i..<i + key.count, with: evil)
        expectError(try archive([("archive/data.pkl", pkl), version])) {
            if case .missingRecord = $0 { return true }
            return false
        }
    }
}
