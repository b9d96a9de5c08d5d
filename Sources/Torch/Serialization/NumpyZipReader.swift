import Foundation
import ZIPFoundation

extension Numpy {
    /// A small, bounds-checked zip reader for `.npz` archives.
    ///
    /// ZIPFoundation writes our archives, but its reader traps on some
    /// malformed input; this one validates every offset and size from the file
    /// before using it (zip64 included) and inflates with zlib through
    /// ZIPFoundation's `Data.decompress`, stopping at the declared size.
    struct ZipReader {
        struct Member {
            let name: String
            let method: UInt16
            let flags: UInt16
            let crc: UInt32
            let compressedSize: Int
            let uncompressedSize: Int
            let localHeaderOffset: Int
        }

        let data: Data
        let members: [Member]

        private static func fail(_ message: String) -> NumpyError { .invalidArchive(message) }

        init(_ data: Data) throws(NumpyError) {
            self.data = data
            let bytes = ByteReader(data)
            let n = data.count
            guard n >= 22 else { throw ZipReader.fail("too short for a zip archive (\(n) bytes)") }
            // The end-of-central-directory record sits in the last 22 + 65535 bytes.
            var eocd = -1
            var i = n - 22
            while i >= max(0, n - 22 - 65535) {
                if bytes.u32(i) == 0x0605_4B50 { eocd = i; break }
                i -= 1
            }
            guard eocd >= 0 else { throw ZipReader.fail("no end-of-central-directory record") }
            var count = Int(bytes.u16(eocd + 10))
            var cdSize = Int(bytes.u32(eocd + 12))
            var cdOffset = Int(bytes.u32(eocd + 16))
            if count == 0xFFFF || cdSize == 0xFFFF_FFFF || cdOffset == 0xFFFF_FFFF {
                guard eocd >= 20, bytes.u32(eocd - 20) == 0x0706_4B50 else { throw ZipReader.fail("missing zip64 locator") }
                let z = bytes.u64(eocd - 12)
                guard z <= UInt64(n - 56), bytes.u32(Int(z)) == 0x0606_4B50 else { throw ZipReader.fail("bad zip64 end record offset") }
                let z64 = Int(z)
                let c = bytes.u64(z64 + 32), s = bytes.u64(z64 + 40), o = bytes.u64(z64 + 48)
                guard c <= UInt64(n), s <= UInt64(n), o <= UInt64(n) else { throw ZipReader.fail("zip64 sizes exceed the file") }
                (count, cdSize, cdOffset) = (Int(c), Int(s), Int(o))
            }
            guard cdOffset <= n, cdSize <= n - cdOffset else { throw ZipReader.fail("central directory runs past the end") }
            guard count <= cdSize / 46 else { throw ZipReader.fail("\(count) entries cannot fit in a \(cdSize)-byte central directory") }
            var members: [Member] = []
            var p = cdOffset
            let end = cdOffset + cdSize
            for _ in 0..<count {
                guard p + 46 <= end, bytes.u32(p) == 0x0201_4B50 else { throw ZipReader.fail("bad central directory entry at \(p)") }
                let flags = bytes.u16(p + 8), method = bytes.u16(p + 10), crc = bytes.u32(p + 16)
                var csize = UInt64(bytes.u32(p + 20)), usize = UInt64(bytes.u32(p + 24))
                let nameLen = Int(bytes.u16(p + 28)), extraLen = Int(bytes.u16(p + 30)), commentLen = Int(bytes.u16(p + 32))
                var offset = UInt64(bytes.u32(p + 42))
                guard p + 46 + nameLen + extraLen + commentLen <= end else { throw ZipReader.fail("central directory entry runs past its end") }
                let name = String(decoding: data[(data.startIndex + p + 46)..<(data.startIndex + p + 46 + nameLen)], as: UTF8.self)
                // Zip64 extra field: the 8-byte values present are those whose 4-byte field is 0xFFFFFFFF, in this order.
                var e = p + 46 + nameLen
                let extraEnd = e + extraLen
                while e + 4 <= extraEnd {
                    let id = bytes.u16(e), size = Int(bytes.u16(e + 2))
                    guard e + 4 + size <= extraEnd else { break }
                    if id == 0x0001 {
                        var q = e + 4
                        func next() throws(NumpyError) -> UInt64 {
                            guard q + 8 <= e + 4 + size else { throw ZipReader.fail("short zip64 extra field in '\(name)'") }
                            defer { q += 8 }
                            return bytes.u64(q)
                        }
                        if usize == 0xFFFF_FFFF { usize = try next() }
                        if csize == 0xFFFF_FFFF { csize = try next() }
                        if offset == 0xFFFF_FFFF { offset = try next() }
                    }
                    e += 4 + size
                }
                guard csize <= UInt64(n), offset <= UInt64(n) else { throw ZipReader.fail("member '\(name)' has sizes or offsets past the end") }
                guard usize <= UInt64(Int.max / 2) else { throw ZipReader.fail("member '\(name)' claims \(usize) bytes") }
                members.append(Member(name: name, method: method, flags: flags, crc: crc, compressedSize: Int(csize),
                                      uncompressedSize: Int(usize), localHeaderOffset: Int(offset)))
                p += 46 + nameLen + extraLen + commentLen
            }
            self.members = members
        }

        /// The uncompressed bytes of a member, checked against its size and CRC-32.
        func contents(of m: Member) throws(NumpyError) -> Data {
            let bytes = ByteReader(data)
            let n = data.count
            let h = m.localHeaderOffset
            guard h <= n - 30, bytes.u32(h) == 0x0403_4B50 else { throw ZipReader.fail("bad local header for '\(m.name)'") }
            guard m.flags & 1 == 0 else { throw ZipReader.fail("member '\(m.name)' is encrypted") }
            let start = h + 30 + Int(bytes.u16(h + 26)) + Int(bytes.u16(h + 28))
            guard start <= n, m.compressedSize <= n - start else { throw ZipReader.fail("member '\(m.name)' runs past the end") }
            let payload = data.subdata(in: (data.startIndex + start)..<(data.startIndex + start + m.compressedSize))
            let out: Data
            switch m.method {
            case 0:
                guard m.compressedSize == m.uncompressedSize else { throw ZipReader.fail("stored member '\(m.name)' has mismatched sizes") }
                out = payload
            case 8:
                // Memory stays within the declared size (itself bounded by deflate's ~1032:1 ratio below).
                guard UInt64(m.uncompressedSize) <= UInt64(m.compressedSize) * 1100 + 1024 else {
                    throw ZipReader.fail("member '\(m.name)' claims more bytes than deflate can expand to")
                }
                out = try ZipReader.inflate(payload, expected: m.uncompressedSize, name: m.name)
            default:
                throw ZipReader.fail("member '\(m.name)' uses unsupported compression method \(m.method)")
            }
            guard out.count == m.uncompressedSize else {
                throw ZipReader.fail("member '\(m.name)' holds \(out.count) bytes, not the declared \(m.uncompressedSize)")
            }
            guard out.crc32(checksum: 0) == m.crc else { throw ZipReader.fail("CRC-32 mismatch in member '\(m.name)'") }
            return out
        }

        private struct Overflow: Error {}
        private struct EarlyEnd: Error {}

        private static func inflate(_ payload: Data, expected: Int, name: String) throws(NumpyError) -> Data {
            guard !payload.isEmpty else { throw fail("member '\(name)' has an empty deflate stream") }
            var output = Data()
            output.reserveCapacity(min(expected, 1 << 26))
            do {
                // ZIPFoundation tells zlib each input chunk holds `bufferSize` bytes, so the
                // whole payload goes in one chunk; a second request means the stream ended early.
                _ = try Data.decompress(size: Int64(payload.count), bufferSize: payload.count, skipCRC32: true,
                                        provider: { offset, _ in
                    guard offset == 0 else { throw EarlyEnd() }
                    return payload
                }, consumer: { chunk in
                    guard output.count + chunk.count <= expected else { throw Overflow() }
                    output.append(chunk)
                })
            } catch is Overflow {
                throw fail("member '\(name)' inflates past its declared \(expected) bytes")
            } catch is EarlyEnd {
                throw fail("member '\(name)': deflate stream ends early")
            } catch {
                throw fail("member '\(name)': corrupt deflate stream (\(error))")
            }
            return output
        }
    }

    /// Little-endian reads at offsets the caller has bounds-checked (out-of-range reads give 0).
    private struct ByteReader {
        let data: Data
        init(_ data: Data) { self.data = data }

        func u8(_ i: Int) -> UInt64 {
            guard i >= 0, i < data.count else { return 0 }
            return UInt64(data[data.startIndex + i])
        }
        func u16(_ i: Int) -> UInt16 { UInt16(u8(i) | u8(i + 1) << 8) }
        func u32(_ i: Int) -> UInt32 { UInt32(u8(i) | u8(i + 1) << 8 | u8(i + 2) << 16 | u8(i + 3) << 24) }
        func u64(_ i: Int) -> UInt64 { UInt64(u32(i)) | UInt64(u32(i + 4)) << 32 }
    }
}
