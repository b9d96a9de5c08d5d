import Foundation
import Testing
@testable import Torch

@Suite struct SafetensorsFuzzTests {
    @Test func truncationsAndByteFlipsOfEveryFixtureThrowOrLoad() throws {
        var total = 0, rejected = 0
        for (i, file) in STFixtures.safetensorsFiles.enumerated() {
            let data = STFixtures.bytes(file)
            let r = stFuzzVariants(of: data, lengths: Array(0..<data.count), flips: 300, seed: UInt64(i + 1),
                                 isExpected: { $0 is SafetensorsError }) { d in
                let dict = try Safetensors.load(d)
                for (_, t) in dict { _ = stHexBytes(t) }
            }
            total += r.ok + r.failed
            rejected += r.failed
            // Every strict prefix is a truncated file.
            #expect(r.failed >= data.count, "\(file)")
        }
        #expect(total > 2000)
        #expect(rejected > total / 2)
    }

    @Test func fileReadersSurviveTruncationsAndFlips() throws {
        let dir = STFixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let data = STFixtures.bytes("dtypes.safetensors")
        let path = dir + "/f.safetensors"
        let lengths = Array(stride(from: 0, to: data.count, by: 7))
        for mmap in [true, false] {
            _ = stFuzzVariants(of: data, lengths: lengths, flips: 150, seed: mmap ? 11 : 12, isExpected: { $0 is SafetensorsError }) { d in
                try d.write(to: URL(fileURLWithPath: path))
                let dict = try Safetensors.loadFile(path, mmap: mmap)
                for (_, t) in dict { _ = stHexBytes(t) }
                _ = try Safetensors.metadata(of: path)
            }
        }
    }

    private func expectRejected(_ image: Data, _ expected: SafetensorsError,
                                sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(throws: expected, sourceLocation: sourceLocation) { try Safetensors.load(image) }
    }

    @Test func holesOverlapsTrailingBytesAndSizeMismatchesAreRejected() {
        let two = [UInt8](repeating: 0, count: 16)
        expectRejected(safetensorsImage(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[12,16]}}"#, two),
                       .hole(tensor: "b", expectedBegin: 8, begin: 12))
        expectRejected(safetensorsImage(#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#, [UInt8](repeating: 0, count: 8)),
                       .hole(tensor: "a", expectedBegin: 0, begin: 4))
        expectRejected(safetensorsImage(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#, two),
                       .overlap(tensor: "b", expectedBegin: 8, begin: 4))
        expectRejected(safetensorsImage(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#, [UInt8](repeating: 0, count: 9)),
                       .trailingBytes(dataEnd: 8, bufferSize: 9))
        expectRejected(safetensorsImage(#"{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, [UInt8](repeating: 0, count: 8)),
                       .sizeMismatch(tensor: "a", expectedBytes: 12, actualBytes: 8))
        expectRejected(safetensorsImage(#"{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}"#, [UInt8](repeating: 0, count: 8)),
                       .incompleteBuffer(dataEnd: 16, bufferSize: 8))
        expectRejected(safetensorsImage(#"{"a":{"dtype":"F32","shape":[0],"data_offsets":[8,0]}}"#),
                       .invalidOffsets(tensor: "a", begin: 8, end: 0))
        expectRejected(safetensorsImage("{}", [1]), .trailingBytes(dataEnd: 0, bufferSize: 1))
    }

    @Test func duplicateKeysAndBadMetadataAreRejected() throws {
        expectRejected(safetensorsImage(#"{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]},"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}"#, [1]),
                       .duplicateKey("a"))
        expectRejected(safetensorsImage(#"{"__metadata__":{"k":"v","k":"w"}}"#), .duplicateKey("k"))
        expectRejected(safetensorsImage(#"{"__metadata__":{"epoch":3}}"#),
                       .invalidMetadata("the value of \"epoch\" is a number, not a string"))
        expectRejected(safetensorsImage(#"{"__metadata__":["x"]}"#),
                       .invalidMetadata("expected an object of strings, found an array"))
        #expect(try Safetensors.load(safetensorsImage(#"{"__metadata__":null}"#)).isEmpty)
    }

    @Test func headerLengthsAreCheckedBeforeAnythingIsAllocated() {
        expectRejected(Data([1, 2, 3]), .headerTooSmall(byteCount: 3))
        var huge = Data([0x01, 0xE1, 0xF5, 0x05, 0, 0, 0, 0])  // 100,000,001
        huge.append(contentsOf: Array("{}".utf8))
        expectRejected(huge, .headerTooLarge(headerLength: 100_000_001))
        expectRejected(Data([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]), .headerTooLarge(headerLength: .max))
        expectRejected(Data([40, 0, 0, 0, 0, 0, 0, 0]) + Data("{}".utf8), .invalidHeaderLength(headerLength: 40, byteCount: 10))
    }

    @Test func malformedHeadersAreRejected() {
        expectRejected(safetensorsImage("[1]"), .invalidHeaderStart)
        expectRejected(safetensorsImage("  "), .invalidHeaderStart)
        expectRejected(Data([2, 0, 0, 0, 0, 0, 0, 0, 0x7B, 0xFF]), .invalidHeaderUTF8)
        for bad in [#"{"a":}"#, #"{"a":{"dtype":"F32"}"#, #"{"a" 1}"#, "{} x", #"{"a":"\x"}"#, #"{"a":01}"#,
                    String(repeating: "[", count: 10_000)] {
            #expect(throws: SafetensorsError.self, "\(bad.prefix(20))") { try Safetensors.load(safetensorsImage("{\"k\":" + bad + "}")) }
        }
        expectRejected(safetensorsImage(#"{"a":{"dtype":"F32","shape":[1]}}"#),
                       .invalidTensorInfo(tensor: "a", reason: "missing field `data_offsets`"))
        expectRejected(safetensorsImage(#"{"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,0]}}"#),
                       .invalidTensorInfo(tensor: "a", reason: "`shape` must hold non-negative integers"))
        expectRejected(safetensorsImage(#"{"a":{"dtype":"F32","shape":[1.5],"data_offsets":[0,0]}}"#),
                       .invalidTensorInfo(tensor: "a", reason: "`shape` must hold non-negative integers"))
        expectRejected(safetensorsImage(#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0]}}"#),
                       .invalidTensorInfo(tensor: "a", reason: "`data_offsets` must be two non-negative integers"))
        expectRejected(safetensorsImage(#"{"a":3}"#), .invalidTensorInfo(tensor: "a", reason: "expected an object, found a number"))
    }

    @Test func unknownAndUnsupportedDTypesAreNamed() {
        expectRejected(safetensorsImage(#"{"c":{"dtype":"C64","shape":[1],"data_offsets":[0,8]}}"#, [UInt8](repeating: 0, count: 8)),
                       .unsupportedDType(tensor: "c", dtype: "C64"))
        expectRejected(safetensorsImage(#"{"c":{"dtype":"U16","shape":[1],"data_offsets":[0,2]}}"#, [0, 0]),
                       .unsupportedDType(tensor: "c", dtype: "U16"))
        expectRejected(safetensorsImage(#"{"c":{"dtype":"F31","shape":[1],"data_offsets":[0,4]}}"#, [0, 0, 0, 0]),
                       .unknownDType(tensor: "c", dtype: "F31"))
    }

    @Test func hugeShapesAreRejectedWithoutAllocating() {
        expectRejected(safetensorsImage(#"{"a":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,0]}}"#),
                       .shapeTooLarge(tensor: "a", shape: [4_294_967_296, 4_294_967_296]))
        expectRejected(safetensorsImage(#"{"a":{"dtype":"F32","shape":[0,4294967296,4294967296],"data_offsets":[0,0]}}"#),
                       .shapeTooLarge(tensor: "a", shape: [0, 4_294_967_296, 4_294_967_296]))
        expectRejected(safetensorsImage(#"{"a":{"dtype":"F32","shape":[99999999999999999999],"data_offsets":[0,0]}}"#),
                       .shapeTooLarge(tensor: "a", shape: [.max]))
        expectRejected(safetensorsImage(#"{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,99999999999999999999]}}"#),
                       .invalidTensorInfo(tensor: "a", reason: "`data_offsets` must be two non-negative integers"))
        expectRejected(safetensorsImage(#"{"a":{"dtype":"U8","shape":[4611686018427387904],"data_offsets":[0,4611686018427387904]}}"#),
                       .incompleteBuffer(dataEnd: 4_611_686_018_427_387_904, bufferSize: 0))
    }

    @Test func pythonAcceptedVariantsLoad() throws {
        // Unpadded header, leading whitespace, unknown fields, escaped names.
        let image = safetensorsImage(" \t{\"a\\u00e9\":{\"data_offsets\":[0,2],\"x\":[{}],\"dtype\":\"I8\",\"shape\":[2]}}", [1, 255])
        let dict = try Safetensors.load(image)
        #expect(dict.keys.elements == ["a\u{e9}"])
        #expect(dict["a\u{e9}"]!.toArray(as: Int8.self) == [1, -1])
    }
}
