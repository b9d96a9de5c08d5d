import Foundation
import ZIPFoundation

/// Writes a zip archive the way `torch.load` (including `mmap=True`) wants
/// it: every record stored (never deflated), each payload starting at a
/// multiple of 64 thanks to a `FB` padding extra field, real CRC-32s and sizes
/// in the local headers (no data descriptors), zip64 fields only where a size
/// or offset needs them.
struct ZipWriter {
    private let sink: FileSink
    private var central: [(name: [UInt8], crc: UInt32, size: Int, offset: Int)] = []
    static let alignment = 64
    /// Sizes and offsets from this value up use zip64 fields (tests lower it
    /// to exercise the > 4 GiB layout with small files).
    private let zip64Threshold: Int

    init(sink: FileSink, zip64Threshold: Int = 0xFFFF_FFFF) {
        self.sink = sink
        self.zip64Threshold = zip64Threshold
    }

    private static func le<T: FixedWidthInteger>(_ v: T, into out: inout [UInt8]) {
        withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) }
    }

    /// Appends a stored record with `count` bytes at `pointer`.
    mutating func add(_ name: String, _ pointer: UnsafeRawPointer?, count: Int) throws {
        let nameBytes = Array(name.utf8)
        let offset = sink.position
        var crc: UInt32 = 0
        if let pointer, count > 0 {
            let view = Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: pointer), count: count, deallocator: .none)
            crc = view.crc32(checksum: 0)
        }
        let big = count >= zip64Threshold
        var h: [UInt8] = []
        Self.le(UInt32(0x0403_4b50), into: &h)
        Self.le(UInt16(big ? 45 : 20), into: &h)  // version needed
        Self.le(UInt16(0), into: &h)  // flags
        Self.le(UInt16(0), into: &h)  // stored
        Self.le(UInt16(0), into: &h)  // time
        Self.le(UInt16(0x21), into: &h)  // date: 1980-01-01
        Self.le(crc, into: &h)
        Self.le(big ? UInt32.max : UInt32(count), into: &h)
        Self.le(big ? UInt32.max : UInt32(count), into: &h)
        Self.le(UInt16(nameBytes.count), into: &h)
        let zip64Length = big ? 20 : 0
        let start = offset + 30 + nameBytes.count + zip64Length + 4
        let pad = (Self.alignment - start % Self.alignment) % Self.alignment
        Self.le(UInt16(zip64Length + 4 + pad), into: &h)
        h.append(contentsOf: nameBytes)
        if big {
            Self.le(UInt16(0x0001), into: &h)
            Self.le(UInt16(16), into: &h)
            Self.le(UInt64(count), into: &h)
            Self.le(UInt64(count), into: &h)
        }
        h.append(0x46); h.append(0x42)  // "FB"
        Self.le(UInt16(pad), into: &h)
        h.append(contentsOf: repeatElement(0x5A, count: pad))  // "Z"
        try sink.write(h)
        if let pointer, count > 0 { try sink.write(pointer, count: count) }
        central.append((nameBytes, crc, count, offset))
    }

    /// Appends a small record from bytes in memory.
    mutating func add(_ name: String, _ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try add(name, $0.baseAddress, count: bytes.count) }
    }

    /// Writes the central directory and end records.
    mutating func finish() throws {
        let cdOffset = sink.position
        var cd: [UInt8] = []
        for e in central {
            let bigSize = e.size >= zip64Threshold, bigOffset = e.offset >= zip64Threshold
            var extra: [UInt8] = []
            if bigSize || bigOffset {
                Self.le(UInt16(0x0001), into: &extra)
                Self.le(UInt16((bigSize ? 16 : 0) + (bigOffset ? 8 : 0)), into: &extra)
                if bigSize { Self.le(UInt64(e.size), into: &extra); Self.le(UInt64(e.size), into: &extra) }
                if bigOffset { Self.le(UInt64(e.offset), into: &extra) }
            }
            Self.le(UInt32(0x0201_4b50), into: &cd)
            Self.le(UInt16(extra.isEmpty ? 20 : 45), into: &cd)  // made by
            Self.le(UInt16(extra.isEmpty ? 20 : 45), into: &cd)  // needed
            Self.le(UInt16(0), into: &cd)
            Self.le(UInt16(0), into: &cd)
            Self.le(UInt16(0), into: &cd)
            Self.le(UInt16(0x21), into: &cd)
            Self.le(e.crc, into: &cd)
            Self.le(bigSize ? UInt32.max : UInt32(e.size), into: &cd)
            Self.le(bigSize ? UInt32.max : UInt32(e.size), into: &cd)
            Self.le(UInt16(e.name.count), into: &cd)
            Self.le(UInt16(extra.count), into: &cd)
            Self.le(UInt16(0), into: &cd)  // comment
            Self.le(UInt16(0), into: &cd)  // disk
            Self.le(UInt16(0), into: &cd)  // internal attributes
            Self.le(UInt32(0), into: &cd)  // external attributes
            Self.le(bigOffset ? UInt32.max : UInt32(e.offset), into: &cd)
            cd.append(contentsOf: e.name)
            cd.append(contentsOf: extra)
        }
        let cdSize = cd.count
        let needZip64 = central.count >= 0xFFFF || cdOffset >= zip64Threshold || cdSize >= zip64Threshold
        if needZip64 {
            let z64Offset = cdOffset + cdSize
            Self.le(UInt32(0x0606_4b50), into: &cd)
            Self.le(UInt64(44), into: &cd)
            Self.le(UInt16(45), into: &cd)
            Self.le(UInt16(45), into: &cd)
            Self.le(UInt32(0), into: &cd)
            Self.le(UInt32(0), into: &cd)
            Self.le(UInt64(central.count), into: &cd)
            Self.le(UInt64(central.count), into: &cd)
            Self.le(UInt64(cdSize), into: &cd)
            Self.le(UInt64(cdOffset), into: &cd)
            Self.le(UInt32(0x0706_4b50), into: &cd)
            Self.le(UInt32(0), into: &cd)
            Self.le(UInt64(z64Offset), into: &cd)
            Self.le(UInt32(1), into: &cd)
        }
        Self.le(UInt32(0x0605_4b50), into: &cd)
        Self.le(UInt16(0), into: &cd)
        Self.le(UInt16(0), into: &cd)
        Self.le(UInt16(needZip64 ? 0xFFFF : central.count), into: &cd)
        Self.le(UInt16(needZip64 ? 0xFFFF : central.count), into: &cd)
        Self.le(needZip64 ? UInt32.max : UInt32(cdSize), into: &cd)
        Self.le(needZip64 ? UInt32.max : UInt32(cdOffset), into: &cd)
        Self.le(UInt16(0), into: &cd)
        try sink.write(cd)
    }
}
