import Foundation
import ZIPFoundation

/// Why a gzip stream could not be read.
public enum GzipError: Error, Equatable, CustomStringConvertible {
    /// The data does not start with gzip's magic bytes and the deflate method.
    case notGzip
    /// The header or the compressed stream ends early or is malformed.
    case corrupted(String)

    public var description: String {
        switch self {
        case .notGzip: return "not a gzip stream (bad magic bytes or compression method)"
        case .corrupted(let why): return "corrupted gzip stream: \(why)"
        }
    }
}

/// The decompressed contents of a single-member gzip stream (RFC 1952),
/// checked against the CRC-32 and length in its trailer.
///
/// The deflate payload is inflated by zlib through ZIPFoundation, the zip
/// library the package uses for archives.
public func gunzip(_ data: Data) throws -> Data {
    let bytes = [UInt8](data)
    guard bytes.count >= 18, bytes[0] == 0x1f, bytes[1] == 0x8b, bytes[2] == 8 else { throw GzipError.notGzip }
    let flags = bytes[3]
    var position = 10
    func skip(_ n: Int) throws {
        position += n
        guard position <= bytes.count - 8 else { throw GzipError.corrupted("header runs past the end") }
    }
    func skipZeroTerminated() throws {
        while position < bytes.count - 8, bytes[position] != 0 { position += 1 }
        try skip(1)
    }
    if flags & 0x04 != 0 {  // FEXTRA: two-byte length, then that many bytes
        try skip(2)
        try skip(Int(bytes[position - 2]) | Int(bytes[position - 1]) << 8)
    }
    if flags & 0x08 != 0 { try skipZeroTerminated() }  // FNAME
    if flags & 0x10 != 0 { try skipZeroTerminated() }  // FCOMMENT
    if flags & 0x02 != 0 { try skip(2) }  // FHCRC

    let payload = data.subdata(in: data.startIndex + position ..< data.endIndex - 8)
    var output = Data()
    let checksum: CRC32
    do {
        // ZIPFoundation's inflater asks for input chunk by chunk and tells
        // zlib each chunk holds `bufferSize` bytes, so the buffer size must be
        // the payload's size, passed whole in the first chunk. A second
        // request means the stream ended before its final block.
        checksum = try Data.decompress(size: Int64(payload.count), bufferSize: payload.count,
                                       skipCRC32: false, provider: { offset, _ in
            guard offset == 0 else { throw GzipError.corrupted("deflate stream ends early") }
            return payload
        }, consumer: { output.append($0) })
    } catch let error as GzipError {
        throw error
    } catch {
        throw GzipError.corrupted("\(error)")
    }
    let trailer = bytes[(bytes.count - 8)...].map(UInt32.init)
    let expectedCRC = trailer[0] | trailer[1] << 8 | trailer[2] << 16 | trailer[3] << 24
    let expectedSize = trailer[4] | trailer[5] << 8 | trailer[6] << 16 | trailer[7] << 24
    guard checksum == expectedCRC else { throw GzipError.corrupted("CRC-32 mismatch") }
    guard UInt32(truncatingIfNeeded: output.count) == expectedSize else { throw GzipError.corrupted("length mismatch") }
    return output
}
