import Foundation
import ZIPFoundation

/// One record of a zip archive, from its central directory entry.
struct ZipRecord {
    let name: String
    /// 0 stored, 8 deflated.
    let method: UInt16
    let compressedSize: Int
    let uncompressedSize: Int
    let localHeaderOffset: Int
    let crc32: UInt32
}

/// Reads the records of a zip archive (with zip64) from a `ByteSource`.
///
/// Sizes come from the central directory and each payload's offset from its
/// local header, as PyTorch's reader does (local and central extra fields can
/// differ in length). Every number read is checked against the file size.
struct ZipReader {
    let source: ByteSource
    private(set) var records: [ZipRecord] = []
    private var byName: [String: Int] = [:]

    init(_ source: ByteSource) throws {
        self.source = source
        try readCentralDirectory()
    }

    /// The record called `name`, if present.
    func record(_ name: String) -> ZipRecord? { byName[name].map { records[$0] } }

    private mutating func readCentralDirectory() throws {
        let size = source.size
        guard size >= 22 else { throw SerializationError.badZip("too short for an end-of-central-directory record") }
        let tailCount = min(size, 22 + 65535)
        let tail = try source.bytes(offset: size - tailCount, count: tailCount, what: "zip tail")
        var eocd = -1
        var i = tailCount - 22
        while i >= 0 {
            if tail[i] == 0x50 && tail[i + 1] == 0x4b && tail[i + 2] == 0x05 && tail[i + 3] == 0x06 { eocd = i; break }
            i -= 1
        }
        guard eocd >= 0 else { throw SerializationError.badZip("no end-of-central-directory record") }
        var entryCount = Int(try tail.le(UInt16.self, at: eocd + 10, what: "EOCD"))
        var cdSize = Int(try tail.le(UInt32.self, at: eocd + 12, what: "EOCD"))
        var cdOffset = Int(try tail.le(UInt32.self, at: eocd + 16, what: "EOCD"))
        // A zip64 locator sits just before the EOCD record.
        let eocdAbsolute = size - tailCount + eocd
        if eocdAbsolute >= 20 {
            let loc = try source.bytes(offset: eocdAbsolute - 20, count: 20, what: "zip64 locator")
            if loc[0] == 0x50 && loc[1] == 0x4b && loc[2] == 0x06 && loc[3] == 0x07 {
                let z64Offset = try loc.le(UInt64.self, at: 8, what: "zip64 locator")
                guard z64Offset <= UInt64(size), Int(z64Offset) <= size - 56 else {
                    throw SerializationError.badZip("zip64 end record offset \(z64Offset) is outside the file")
                }
                let z = try source.bytes(offset: Int(z64Offset), count: 56, what: "zip64 end record")
                guard z[0] == 0x50 && z[1] == 0x4b && z[2] == 0x06 && z[3] == 0x06 else {
                    throw SerializationError.badZip("bad zip64 end record signature")
                }
                let n = try z.le(UInt64.self, at: 32, what: "zip64 end record")
                let s = try z.le(UInt64.self, at: 40, what: "zip64 end record")
                let o = try z.le(UInt64.self, at: 48, what: "zip64 end record")
                guard n <= UInt64(size), s <= UInt64(size), o <= UInt64(size) else {
                    throw SerializationError.badZip("zip64 central directory sizes exceed the file size")
                }
                entryCount = Int(n)
                cdSize = Int(s)
                cdOffset = Int(o)
            }
        }
        guard source.contains(offset: cdOffset, count: cdSize) else {
            throw SerializationError.badZip("central directory (offset \(cdOffset), size \(cdSize)) is outside the file")
        }
        guard entryCount <= cdSize / 46 + 1 else {
            throw SerializationError.badZip("\(entryCount) entries cannot fit in a \(cdSize)-byte central directory")
        }
        let cd = try source.bytes(offset: cdOffset, count: cdSize, what: "central directory")
        var p = 0
        records.reserveCapacity(entryCount)
        for index in 0..<entryCount {
            let what = "central directory entry \(index)"
            guard try cd.le(UInt32.self, at: p, what: what) == 0x0201_4b50 else {
                throw SerializationError.badZip("bad signature in \(what)")
            }
            let method = try cd.le(UInt16.self, at: p + 10, what: what)
            let crc = try cd.le(UInt32.self, at: p + 16, what: what)
            var csize = UInt64(try cd.le(UInt32.self, at: p + 20, what: what))
            var usize = UInt64(try cd.le(UInt32.self, at: p + 24, what: what))
            let nameLength = Int(try cd.le(UInt16.self, at: p + 28, what: what))
            let extraLength = Int(try cd.le(UInt16.self, at: p + 30, what: what))
            let commentLength = Int(try cd.le(UInt16.self, at: p + 32, what: what))
            var localOffset = UInt64(try cd.le(UInt32.self, at: p + 42, what: what))
            let nameStart = p + 46
            guard nameStart + nameLength + extraLength + commentLength <= cd.count else {
                throw SerializationError.truncated(what)
            }
            guard let name = String(bytes: cd[nameStart..<nameStart + nameLength], encoding: .utf8) else {
                throw SerializationError.badZip("record name in \(what) is not UTF-8")
            }
            // zip64 extra: the 64-bit values present are those whose 32-bit field is saturated.
            var e = nameStart + nameLength
            let extraEnd = e + extraLength
            while e + 4 <= extraEnd {
                let id = try cd.le(UInt16.self, at: e, what: what)
                let len = Int(try cd.le(UInt16.self, at: e + 2, what: what))
                guard e + 4 + len <= extraEnd else { throw SerializationError.badZip("extra field overruns \(what)") }
                if id == 0x0001 {
                    var q = e + 4
                    func next() throws -> UInt64 {
                        guard q + 8 <= e + 4 + len else { throw SerializationError.badZip("short zip64 extra in \(what)") }
                        defer { q += 8 }
                        return try cd.le(UInt64.self, at: q, what: what)
                    }
                    if usize == 0xFFFF_FFFF { usize = try next() }
                    if csize == 0xFFFF_FFFF { csize = try next() }
                    if localOffset == 0xFFFF_FFFF { localOffset = try next() }
                }
                e += 4 + len
            }
            guard csize <= UInt64(size), localOffset <= UInt64(size) else {
                throw SerializationError.badZip("record '\(name)' has sizes or offsets beyond the file")
            }
            guard usize <= UInt64(Int.max / 2) else { throw SerializationError.badZip("record '\(name)' has an absurd size") }
            guard method == 0 || method == 8 else {
                throw SerializationError.badZip("record '\(name)' uses compression method \(method) (only stored and deflate are supported)")
            }
            if method == 0 && csize != usize {
                throw SerializationError.badZip("stored record '\(name)' has compressed size \(csize) but size \(usize)")
            }
            if byName[name] == nil { byName[name] = records.count }
            records.append(ZipRecord(name: name, method: method, compressedSize: Int(csize),
                                     uncompressedSize: Int(usize), localHeaderOffset: Int(localOffset), crc32: crc))
            p = extraEnd + commentLength
        }
    }

    /// Where a record's payload starts, from its local header.
    func payloadOffset(_ r: ZipRecord) throws -> Int {
        let h = try source.bytes(offset: r.localHeaderOffset, count: 30, what: "local header of '\(r.name)'")
        guard try h.le(UInt32.self, at: 0, what: "local header") == 0x0403_4b50 else {
            throw SerializationError.badZip("bad local header signature for '\(r.name)'")
        }
        let nameLength = Int(try h.le(UInt16.self, at: 26, what: "local header"))
        let extraLength = Int(try h.le(UInt16.self, at: 28, what: "local header"))
        let start = r.localHeaderOffset + 30 + nameLength + extraLength
        guard source.contains(offset: start, count: r.compressedSize) else {
            throw SerializationError.truncated("payload of '\(r.name)'")
        }
        return start
    }

    /// Reads a record's bytes into `destination`, which holds `uncompressedSize` bytes.
    func read(_ r: ZipRecord, into destination: UnsafeMutableRawPointer) throws {
        let start = try payloadOffset(r)
        if r.method == 0 {
            try source.read(offset: start, count: r.compressedSize, into: destination, what: "record '\(r.name)'")
            return
        }
        let compressed = Data(try source.bytes(offset: start, count: r.compressedSize, what: "record '\(r.name)'"))
        var written = 0
        let expected = r.uncompressedSize
        do {
            _ = try Data.decompress(size: Int64(compressed.count), bufferSize: 64 * 1024, skipCRC32: true,
                                    provider: { position, chunk in
                                        let lo = Int(position), hi = min(compressed.count, lo + chunk)
                                        return lo < hi ? compressed.subdata(in: lo..<hi) : Data()
                                    },
                                    consumer: { chunk in
                                        guard written + chunk.count <= expected else {
                                            throw SerializationError.badZip("deflated record '\(r.name)' inflates past its size \(expected)")
                                        }
                                        chunk.withUnsafeBytes { b in
                                            if b.count > 0 { (destination + written).copyMemory(from: b.baseAddress!, byteCount: b.count) }
                                        }
                                        written += chunk.count
                                    })
        } catch let e as SerializationError {
            throw e
        } catch {
            throw SerializationError.badZip("cannot inflate record '\(r.name)': \(error)")
        }
        guard written == expected else {
            throw SerializationError.badZip("deflated record '\(r.name)' inflates to \(written) bytes, not \(expected)")
        }
    }

    /// A record's bytes as an array (for small records).
    func bytes(_ r: ZipRecord) throws -> [UInt8] {
        guard r.uncompressedSize <= max(source.size, 1) * 1032 else {
            throw SerializationError.limitExceeded("record '\(r.name)' claims \(r.uncompressedSize) bytes")
        }
        var out = [UInt8](repeating: 0, count: r.uncompressedSize)
        try out.withUnsafeMutableBytes { b in
            if b.count > 0 { try read(r, into: b.baseAddress!) }
        }
        return out
    }
}
