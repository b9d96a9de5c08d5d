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

    /// Reads every `.npy` member with the bounds-checked `ZipReader`.
    static func readArchive(_ path: String) throws -> StateDict {
        let zip = try ZipReader(readFile(path))
        var out = StateDict()
        for member in zip.members where member.name.hasSuffix(".npy") {
            let name = String(member.name.dropLast(4))
            guard out[name] == nil else { throw NumpyError.duplicateArrayName(name) }
            let bytes = try zip.contents(of: member)
            do {
                out[name] = try load(bytes)
            } catch let e as NumpyError {
                throw NumpyError.invalidArchive("member '\(member.name)': \(e.description)")
            }
        }
        return out
    }
}
