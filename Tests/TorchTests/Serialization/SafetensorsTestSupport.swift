import Foundation
import Testing
@testable import Torch

/// The binary fixtures written by scripts/fixtures/safetensors_npy.py and their manifest.
enum STFixtures {
    static let folder: URL = {
        let manifest = Bundle.module.url(forResource: "Fixtures/st/manifest", withExtension: "json")
            ?? Bundle.module.url(forResource: "manifest", withExtension: "json", subdirectory: "Fixtures/st")!
        return manifest.deletingLastPathComponent()
    }()

    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    static func bytes(_ name: String) -> Data { try! Data(contentsOf: folder.appendingPathComponent(name)) }

    nonisolated(unsafe) static let manifest: [String: Any] = {
        let data = try! Data(contentsOf: folder.appendingPathComponent("manifest.json"))
        return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
    }()

    /// One expected tensor: name, dtype name as the manifest writes it, shape, hex bytes.
    struct Expected {
        let name: String
        let dtype: String
        let shape: [Int]
        let hex: String

        init(_ json: [String: Any]) {
            name = json["name"] as! String
            dtype = json["dtype"] as! String
            shape = json["shape"] as! [Int]
            hex = json["hex"] as! String
        }
    }

    static var safetensorsFiles: [String] { manifest.keys.filter { $0.hasSuffix(".safetensors") }.sorted() }

    static func expectedTensors(_ file: String) -> [Expected] {
        ((manifest[file] as! [String: Any])["tensors"] as! [[String: Any]]).map(Expected.init)
    }

    static func expectedMetadata(_ file: String) -> [String: String]? {
        (manifest[file] as! [String: Any])["metadata"] as? [String: String]
    }

    static var npyFiles: [String: Expected] {
        (manifest["npy"] as! [String: [String: Any]]).mapValues(Expected.init)
    }

    static var npzArrays: [Expected] { (manifest["npz"] as! [[String: Any]]).map(Expected.init) }

    /// A fresh empty folder for files a test writes.
    static func scratchFolder() -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("stio-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }
}

/// The row-major bytes of a tensor as lowercase hex.
func stHexBytes(_ t: Tensor) -> String {
    let c = t.contiguous()
    let raw = UnsafeRawBufferPointer(start: c.ioBytePointer, count: c.numel() * c.dtype.itemSize)
    return raw.map { String(format: "%02x", $0) }.joined()
}

/// The safetensors dtype name of a tensor.
func safetensorsName(_ dtype: DType) -> String { Safetensors.name(of: dtype) }

/// Runs `body` over `data` cut to each length in `lengths` and over `flips` copies with
/// one byte changed at a seeded random position; every run must succeed or throw an
/// error that `isExpected` accepts, never crash. Returns how many loaded and how many threw.
func stFuzzVariants(of data: Data, lengths: [Int], flips: Int, seed: UInt64, isExpected: (any Error) -> Bool,
                  sourceLocation: SourceLocation = #_sourceLocation, _ body: (Data) throws -> Void) -> (ok: Int, failed: Int) {
    var variants: [Data] = lengths.filter { $0 <= data.count }.map { Data(data.prefix($0)) }
    var rng = STSplitMix(seed: seed)
    for _ in 0..<(data.isEmpty ? 0 : flips) {
        var d = data
        let i = d.startIndex + Int(rng.next() % UInt64(d.count))
        let bit = UInt8(1) << UInt8(rng.next() % 8)
        switch rng.next() % 3 {
        case 0: d[i] ^= bit
        case 1: d[i] = 0xFF
        default: d[i] = UInt8(truncatingIfNeeded: rng.next())
        }
        variants.append(d)
    }
    var ok = 0, failed = 0
    for d in variants {
        do {
            try body(d)
            ok += 1
        } catch {
            if isExpected(error) {
                failed += 1
            } else {
                Issue.record("unexpected error type \(type(of: error)): \(error)", sourceLocation: sourceLocation)
            }
        }
    }
    return (ok, failed)
}

/// A tiny seeded generator so fuzz cases are reproducible.
struct STSplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A safetensors image with the given header text and data bytes.
func safetensorsImage(_ header: String, _ data: [UInt8] = []) -> Data {
    let h = Array(header.utf8)
    var out = Data()
    var n = UInt64(h.count)
    for _ in 0..<8 { out.append(UInt8(truncatingIfNeeded: n)); n >>= 8 }
    out.append(contentsOf: h)
    out.append(contentsOf: data)
    return out
}
