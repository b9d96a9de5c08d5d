import Foundation
import Testing
@testable import Torch

@Suite struct PtSafetyTests {
    /// Every fixture truncated at many lengths and with bytes flipped at many
    /// places: each load returns or throws, never crashes.
    @Test(arguments: PtFixtures.loadable + PtFixtures.refused)
    func truncatedAndCorruptedFilesThrowOrLoad(_ name: String) throws {
        let original = try Data(contentsOf: URL(fileURLWithPath: PtFixtures.path(name)))
        let n = original.count
        var variants: [Data] = []
        // Deterministic positions, so a failure is reproducible: cuts spread over
        // the file and around the zip end records, flips everywhere and densely
        // in the last 200 bytes (central directory).
        var cuts = Set((0..<24).map { n * $0 / 24 })
        cuts.formUnion([1, 3, 4, 30, 64, n - 1, n - 22, n - 42, n - 98])
        for cut in cuts.sorted() where cut >= 0 && cut < n { variants.append(original.prefix(cut)) }
        for k in 0..<60 {
            var d = original
            let at = k < 30 ? (k &* 7919 &+ 13) % n : n - 1 - (k &* 31) % min(n, 200)
            d[at] ^= UInt8(truncatingIfNeeded: k &* 37 &+ 1) | 1
            variants.append(d)
        }
        #expect(variants.count >= 50)
        var thrown = 0
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ptio-fuzz-\(UUID().uuidString).pt")
        defer { try? FileManager.default.removeItem(at: file) }
        for (i, v) in variants.enumerated() {
            do { _ = try Torch.load(v) } catch is SerializationError { thrown += 1 } catch {
                Issue.record("\(name) variant \(i) threw a non-SerializationError: \(error)")
            }
            // The same bytes as a file, memory-mapped.
            try v.write(to: file)
            do { _ = try Torch.load(file.path, mmap: true) } catch is SerializationError {} catch {
                Issue.record("\(name) variant \(i) (mmap) threw a non-SerializationError: \(error)")
            }
        }
        // Every truncation must throw (a flipped byte inside tensor data may still load).
        #expect(thrown >= cuts.filter { $0 < n }.count)
    }

    @Test func hostilePicklesThrow() throws {
        // A list appended to itself, exponential sharing, and absurd sizes.
        let cases: [[UInt8]] = [
            [0x80, 0x02, 0x5D, 0x71, 0x00, 0x68, 0x00, 0x61, 0x2E],  // l = []; l.append(l)
            [0x80, 0x02, 0x8B, 0xFF, 0xFF, 0xFF, 0x7F, 0x2E],  // LONG4 with a 2 GB length
            [0x80, 0x02, 0x58, 0xFF, 0xFF, 0xFF, 0xFF, 0x2E],  // BINUNICODE past the end
            [0x80, 0x02, 0x28, 0x74, 0x74, 0x2E],  // TUPLE without a mark
            [0x80, 0x02, 0x61, 0x2E],  // APPEND on an empty stack
            [0x80, 0x02, 0x4E],  // no STOP
            [0x80, 0x02, 0xFF, 0x2E],  // unknown opcode
        ]
        var doubling: [UInt8] = [0x80, 0x02, 0x4E]
        for _ in 0..<60 { doubling += [0x71, 0x00, 0x68, 0x00, 0x86] }  // x = (x, x), 60 times
        doubling.append(0x2E)
        for (i, c) in (cases + [doubling]).enumerated() {
            let machineResult = Result {
                var m = PickleMachine(bytes: c, rebuild: TorchRebuild())
                let top = try m.run()
                return try PickleConversion(pickleSize: c.count, fileSize: c.count, bigEndian: false,
                                            recordSize: { _ in nil }, readStorage: { _, _ in Storage(byteCount: 0) }).convert(top)
            }
            if case .success(let v) = machineResult, i != 0 { Issue.record("case \(i) loaded: \(v)") }
        }
    }

    @Test func savingOverAnExistingFileKeepsItWhenTheWriteFails() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ptio-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("ckpt.pt")
        try Torch.save(["epoch": 1], to: path.path)
        struct DiskFull: Error {}
        #expect(throws: DiskFull.self) {
            try writeAtomically(to: path) { sink in
                try sink.write([UInt8](repeating: 0, count: 1000))
                throw DiskFull()
            }
        }
        #expect(try Torch.load(path.path)["epoch"].int() == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["ckpt.pt"])
    }

    @Test func killedDuringSaveLeavesPreviousCheckpointIntact() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ptio-killed-save")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("ckpt.pt").path
        try Torch.save(["epoch": 1, "w": Torch.ones([100])] as KeyValuePairs<String, any PickleConvertible>, to: path)
        await #expect(processExitsWith: .failure) {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("ptio-killed-save/ckpt.pt")
            try? writeAtomically(to: path) { sink in
                try sink.write([UInt8](repeating: 0x50, count: 4096))
                exit(9)  // the process dies mid-write
            }
        }
        let ckpt = try Torch.load(path)
        #expect(try ckpt["epoch"].int() == 1)
        #expect(try ckpt["w"].tensor().sum().item() == 100)
        try? FileManager.default.removeItem(at: folder)
    }
}

/// A longer fuzz run over all fixtures with 1 to 4 random byte changes each,
/// enabled by PTIO_FUZZ_ITERATIONS (e.g. 20000); seeded, so reproducible.
@Test func extendedFuzzWhenRequested() throws {
    guard let iterations = ProcessInfo.processInfo.environment["PTIO_FUZZ_ITERATIONS"].flatMap(Int.init) else { return }
    let files = try (PtFixtures.loadable + PtFixtures.refused).map {
        try Data(contentsOf: URL(fileURLWithPath: PtFixtures.path($0)))
    }
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int(truncatingIfNeeded: state >> 33)
    }
    for _ in 0..<iterations {
        var d = files[next() % files.count]
        for _ in 0...(next() % 4) {
            let at = next() % d.count
            d[at] = UInt8(truncatingIfNeeded: next())
        }
        if next() % 4 == 0 { d = d.prefix(next() % d.count) }
        do { _ = try Torch.load(d) } catch is SerializationError {} catch {
            Issue.record("non-SerializationError: \(error)")
        }
    }
}
