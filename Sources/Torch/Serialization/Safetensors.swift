import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading and writing the safetensors format, the Swift counterpart of
/// `safetensors.torch` (`save_file`, `load_file`, `save`, `load`).
///
/// ```swift
/// try Safetensors.saveFile(model.stateDict(), to: "model.safetensors", metadata: ["format": "pt"])
/// try model.loadStateDict(Safetensors.loadFile("model.safetensors"))
/// ```
///
/// Files are written exactly as the reference writer writes them (tensors
/// ordered by dtype then name, header space-padded to 8 bytes), through a
/// temporary file renamed into place. Reading validates the whole header
/// before touching tensor data and throws `SafetensorsError` for anything
/// malformed. `loadFile` memory-maps the file copy-on-write, so loading is
/// cheap and in-place changes to the tensors never reach the file.
public enum Safetensors {
    // MARK: - Writing

    /// The bytes of a safetensors file holding `tensors`, `safetensors.torch.save`.
    public static func save(_ tensors: StateDict, metadata: [String: String]? = nil) throws -> Data {
        let plan = try plan(tensors.map { ($0.key, $0.value) }, metadata: metadata)
        var data = Data(count: plan.totalSize)
        data.withUnsafeMutableBytes { out in
            plan.header.withUnsafeBytes { out.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
            var at = plan.header.count
            for t in plan.tensors {
                let n = t.numel() * t.dtype.itemSize
                if n > 0 { (out.baseAddress! + at).copyMemory(from: t.ioBytePointer, byteCount: n) }
                at += n
            }
        }
        return data
    }

    /// The bytes of a safetensors file holding `tensors` (any order; the format sorts them).
    public static func save(_ tensors: [String: Tensor], metadata: [String: String]? = nil) throws -> Data {
        try save(StateDict(uniqueKeysWithValues: tensors.map { ($0.key, $0.value) }), metadata: metadata)
    }

    /// Writes `tensors` to a safetensors file, `safetensors.torch.save_file`.
    ///
    /// Non-contiguous tensors are written as contiguous copies. The file is
    /// written next to `path` under a temporary name and renamed over it only
    /// when complete, so a failed save leaves any previous file intact.
    public static func saveFile(_ tensors: StateDict, to path: String, metadata: [String: String]? = nil) throws {
        let plan = try plan(tensors.map { ($0.key, $0.value) }, metadata: metadata)
        do {
            try writeAtomically(to: path) { sink in
                try sink.write(plan.header)
                for t in plan.tensors {
                    try sink.write(UnsafeRawBufferPointer(start: t.ioBytePointer, count: t.numel() * t.dtype.itemSize))
                }
            }
        } catch let e as FileFailure {
            throw SafetensorsError.io(path: path, message: e.message)
        }
    }

    /// Writes `tensors` (any order; the format sorts them) to a safetensors file.
    public static func saveFile(_ tensors: [String: Tensor], to path: String, metadata: [String: String]? = nil) throws {
        try saveFile(StateDict(uniqueKeysWithValues: tensors.map { ($0.key, $0.value) }), to: path, metadata: metadata)
    }

    struct Plan {
        let header: [UInt8]
        /// Contiguous tensors in write order.
        let tensors: [Tensor]
        let totalSize: Int
    }

    /// Orders the tensors as the reference writer does and lays them out back to back.
    static func plan(_ items: [(String, Tensor)], metadata: [String: String]?) throws(SafetensorsError) -> Plan {
        for (name, _) in items where name == "__metadata__" { throw .invalidTensorName(name) }
        let ordered = items.sorted { a, b in
            let ra = writeRank(a.1.dtype), rb = writeRank(b.1.dtype)
            if ra != rb { return ra > rb }
            return Array(a.0.utf8).lexicographicallyPrecedes(Array(b.0.utf8))
        }
        var entries: [Entry] = []
        var tensors: [Tensor] = []
        var offset = 0
        for (name, t) in ordered {
            let c = t.isContiguous ? t : t.contiguousCopy()
            let n = c.numel() * c.dtype.itemSize
            entries.append(Entry(name: name, dtype: c.dtype, shape: c.shape, begin: offset, end: offset + n))
            tensors.append(c)
            offset += n
        }
        let header = encodeHeader(entries, metadata: metadata)
        return Plan(header: header, tensors: tensors, totalSize: header.count + offset)
    }

    // MARK: - Reading

    /// The tensors in a safetensors buffer, in file order, `safetensors.torch.load`.
    /// Each tensor is copied out of `data`.
    public static func load(_ data: Data) throws -> StateDict {
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws(SafetensorsError) -> StateDict in
            let header = try header(of: raw)
            var out = StateDict()
            out.reserveCapacity(header.entries.count)
            for e in header.entries {
                out[e.name] = copiedTensor(e, from: raw.baseAddress.map { $0 + header.dataStart })
            }
            return out
        }
    }

    /// The tensors in a safetensors file, in file order, `safetensors.torch.load_file`.
    ///
    /// With `mmap` (the default) the file is memory-mapped copy-on-write and
    /// tensors whose data is suitably aligned share the mapping (no copy; pages
    /// are read on first use); otherwise every tensor is read into its own
    /// memory with positioned reads. Either way the whole header is validated
    /// first, and the file is never read into memory as one piece.
    ///
    /// Do not truncate or rewrite a loaded file in place while its tensors are
    /// alive (`saveFile` replaces files by renaming, which is safe).
    public static func loadFile(_ path: String, mmap: Bool = true) throws -> StateDict {
        do {
            if mmap {
                let file = try MappedFile(path: path)
                let header = try header(of: file.bytes)
                var out = StateDict()
                out.reserveCapacity(header.entries.count)
                for e in header.entries {
                    out[e.name] = mappedTensor(e, file: file, dataStart: header.dataStart)
                }
                return out
            }
            return try loadWithReads(path)
        } catch let e as FileFailure {
            throw SafetensorsError.io(path: path, message: e.message)
        }
    }

    /// The `__metadata__` strings of a safetensors file (nil when it has none),
    /// read from the header alone; the header is fully validated.
    public static func metadata(of path: String) throws -> [String: String]? {
        do {
            let (fd, size) = try openForReading(path)
            defer { close(fd) }
            return try readHeader(fd, fileSize: size).metadata
        } catch let e as FileFailure {
            throw SafetensorsError.io(path: path, message: e.message)
        }
    }

    /// The `__metadata__` strings of a safetensors buffer (nil when it has none).
    public static func metadata(ofData data: Data) throws -> [String: String]? {
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws(SafetensorsError) in try header(of: raw).metadata }
    }

    /// Validates the header of a complete file image.
    static func header(of raw: UnsafeRawBufferPointer) throws(SafetensorsError) -> Header {
        let n = try headerLength(prefix: raw, totalSize: raw.count)
        let bytes = [UInt8](raw[8..<(8 + n)])
        return try parseHeader(bytes, headerLength: n, bufferSize: raw.count - 8 - n)
    }

    private static func openForReading(_ path: String) throws(FileFailure) -> (Int32, Int) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .errno("open") }
        do {
            return (fd, try regularFileSize(fd))
        } catch {
            close(fd)
            throw error
        }
    }

    /// Reads and validates the header of an open file with positioned reads.
    private static func readHeader(_ fd: Int32, fileSize: Int) throws -> Header {
        var prefix = [UInt8](repeating: 0, count: 8)
        if fileSize >= 8 { try prefix.withUnsafeMutableBytes { try readFully(fd, into: $0.baseAddress!, count: 8, offset: 0) } }
        let n = try prefix.withUnsafeBytes { (p: UnsafeRawBufferPointer) throws(SafetensorsError) in try headerLength(prefix: p, totalSize: fileSize) }
        var bytes = [UInt8](repeating: 0, count: n)
        if n > 0 { try bytes.withUnsafeMutableBytes { try readFully(fd, into: $0.baseAddress!, count: n, offset: 8) } }
        return try parseHeader(bytes, headerLength: n, bufferSize: fileSize - 8 - n)
    }

    private static func loadWithReads(_ path: String) throws -> StateDict {
        let (fd, size) = try openForReading(path)
        defer { close(fd) }
        let header = try readHeader(fd, fileSize: size)
        var out = StateDict()
        out.reserveCapacity(header.entries.count)
        for e in header.entries {
            let t = Tensor(uninitializedShape: e.shape, dtype: e.dtype)
            if e.end > e.begin { try readFully(fd, into: t.storage.data, count: e.end - e.begin, offset: header.dataStart + e.begin) }
            if e.dtype == .bool { Numpy.normalizeBools(t.storage.data, count: e.end - e.begin) }
            out[e.name] = t
        }
        return out
    }

    /// A tensor copied out of a validated buffer.
    private static func copiedTensor(_ e: Entry, from data: UnsafeRawPointer?) -> Tensor {
        let t = Tensor(uninitializedShape: e.shape, dtype: e.dtype)
        if e.end > e.begin, let data { t.storage.data.copyMemory(from: data + e.begin, byteCount: e.end - e.begin) }
        if e.dtype == .bool { Numpy.normalizeBools(t.storage.data, count: e.end - e.begin) }
        return t
    }

    /// A tensor on the mapping when its data is aligned for its element type; a copy otherwise.
    static func mappedTensor(_ e: Entry, file: MappedFile, dataStart: Int) -> Tensor {
        guard e.end > e.begin, let base = file.base else { return copiedTensor(e, from: nil) }
        let p = base + dataStart + e.begin
        guard Int(bitPattern: p) % e.dtype.itemSize == 0 else { return copiedTensor(e, from: base + dataStart) }
        // Bytes other than 0 and 1 are not valid Bool values: such tensors get a normalised copy.
        if e.dtype == .bool, UnsafeRawBufferPointer(start: p, count: e.end - e.begin).contains(where: { $0 > 1 }) {
            return copiedTensor(e, from: base + dataStart)
        }
        let storage = Storage(wrapping: p, byteCount: e.end - e.begin) { _ in withExtendedLifetime(file) {} }
        return Tensor(storage: storage, layout: Layout(contiguous: e.shape), dtype: e.dtype)
    }
}

extension Tensor {
    /// The address of the first element's bytes.
    var ioBytePointer: UnsafeRawPointer { UnsafeRawPointer(storage.data + layout.offset * dtype.itemSize) }
}
