import Foundation
import ZIPFoundation

extension Numpy {
    /// A fixed member timestamp (1980-01-01, the earliest a zip can hold) keeps archives reproducible.
    private static let memberDate = Date(timeIntervalSince1970: 315_532_800)

    /// Builds the zip in memory, then writes it atomically.
    static func writeArchive(_ tensors: StateDict, to path: String, compressed: Bool) throws {
        let archive: Archive
        do {
            archive = try Archive(data: Data(), accessMode: .create)
        } catch {
            throw NumpyError.io(path: path, message: "cannot create a zip archive: \(error)")
        }
        for (name, tensor) in tensors {
            let member = try save(tensor)
            do {
                try archive.addEntry(
                    with: name + ".npy", type: .file, uncompressedSize: Int64(member.count),
                    modificationDate: memberDate, compressionMethod: compressed ? .deflate : .none
                ) { position, size in
                    let start = Int(position)
                    return member.subdata(in: start..<min(start + size, member.count))
                }
            } catch {
                throw NumpyError.io(path: path, message: "cannot add '\(name).npy' to the archive: \(error)")
            }
        }
        guard let bytes = archive.data else { throw NumpyError.io(path: path, message: "the zip archive has no data") }
        try writeFile(path) { sink in
            try bytes.withUnsafeBytes { try sink.write($0) }
        }
    }

    /// Reads every `.npy` member. Each member is inflated into memory no larger
    /// than the size its zip entry declares (so a hostile archive cannot make
    /// it grow without bound), and checked against its CRC-32.
    static func readArchive(_ path: String) throws -> StateDict {
        let data = try readFile(path)
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw NumpyError.invalidArchive("\(path) is not a readable zip archive (\(error))")
        }
        var out = StateDict()
        for entry in archive {
            guard entry.type == .file, entry.path.hasSuffix(".npy") else { continue }
            let name = String(entry.path.dropLast(4))
            guard out[name] == nil else { throw NumpyError.duplicateArrayName(name) }
            let declared = entry.uncompressedSize
            guard declared <= UInt64(data.count) * 1100 + 1024 else {
                throw NumpyError.invalidArchive("member '\(entry.path)' claims \(declared) bytes, more than deflate can expand this file to")
            }
            var member = Data()
            do {
                _ = try archive.extract(entry) { chunk in
                    guard UInt64(member.count + chunk.count) <= declared else {
                        throw NumpyError.invalidArchive("member '\(entry.path)' inflates past its declared size")
                    }
                    member.append(chunk)
                }
            } catch let e as NumpyError {
                throw e
            } catch {
                throw NumpyError.invalidArchive("cannot read member '\(entry.path)': \(error)")
            }
            do {
                out[name] = try load(member)
            } catch let e as NumpyError {
                throw NumpyError.invalidArchive("member '\(entry.path)': \(e.description)")
            }
        }
        return out
    }
}
