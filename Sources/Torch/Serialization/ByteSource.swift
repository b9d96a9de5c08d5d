import Foundation

/// Random-access bytes of a file being loaded: an open file read with `pread`
/// (so storages are read straight into tensor memory, once) or bytes in memory.
/// Every read is bounds-checked against the real size.
final class ByteSource {
    enum Backing {
        case file(Int32)
        case memory(Data)
    }

    let backing: Backing
    /// The total number of bytes.
    let size: Int
    /// The path, for messages.
    let name: String

    /// Opens `path` for reading.
    init(path: String) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw SerializationError.io(path: path, reason: String(cString: strerror(errno))) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            close(fd)
            throw SerializationError.io(path: path, reason: String(cString: strerror(errno)))
        }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw SerializationError.io(path: path, reason: "not a regular file")
        }
        backing = .file(fd)
        size = Int(st.st_size)
        name = path
    }

    /// Wraps bytes already in memory.
    init(data: Data) {
        backing = .memory(data)
        size = data.count
        name = "<data>"
    }

    deinit {
        if case .file(let fd) = backing { close(fd) }
    }

    /// Whether `offset..<offset+count` lies inside the source.
    func contains(offset: Int, count: Int) -> Bool {
        offset >= 0 && count >= 0 && offset <= size && count <= size - offset
    }

    /// Copies `count` bytes at `offset` into `destination`.
    func read(offset: Int, count: Int, into destination: UnsafeMutableRawPointer, what: @autoclosure () -> String) throws {
        guard contains(offset: offset, count: count) else { throw SerializationError.truncated(what()) }
        if count == 0 { return }
        switch backing {
        case .memory(let data):
            data.withUnsafeBytes { b in
                destination.copyMemory(from: b.baseAddress! + offset, byteCount: count)
            }
        case .file(let fd):
            var done = 0
            while done < count {
                let n = pread(fd, destination + done, count - done, off_t(offset + done))
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else {
                    throw SerializationError.io(path: name, reason: n == 0 ? "file shrank while reading" : String(cString: strerror(errno)))
                }
                done += n
            }
        }
    }

    /// The `count` bytes at `offset`.
    func bytes(offset: Int, count: Int, what: @autoclosure () -> String) throws -> [UInt8] {
        guard contains(offset: offset, count: count) else { throw SerializationError.truncated(what()) }
        var out = [UInt8](repeating: 0, count: count)
        try out.withUnsafeMutableBytes { b in
            if count > 0 { try read(offset: offset, count: count, into: b.baseAddress!, what: what()) }
        }
        return out
    }
}

/// A private, copy-on-write memory map of a whole file: tensors loaded with
/// `mmap: true` point into it (writes to them never reach the file), and it is
/// unmapped when the last of them is gone.
final class FileMapping: @unchecked Sendable {
    let base: UnsafeMutableRawPointer
    let size: Int

    init?(fd: Int32, size: Int) {
        guard size > 0 else { return nil }
        let p = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0)
        guard let p, p != MAP_FAILED else { return nil }
        base = p
        self.size = size
    }

    deinit { munmap(base, size) }

    /// A storage over `byteCount` mapped bytes at `offset`, keeping the map alive.
    func storage(offset: Int, byteCount: Int) -> Storage {
        Storage(wrapping: base + offset, byteCount: byteCount) { _ in withExtendedLifetime(self) {} }
    }
}

extension ByteSource {
    /// Maps the whole file (nil for in-memory sources or when mapping fails).
    func map() -> FileMapping? {
        guard case .file(let fd) = backing else { return nil }
        return FileMapping(fd: fd, size: size)
    }
}

/// Little-endian integer reads from a byte array, bounds-checked.
extension [UInt8] {
    func le<T: FixedWidthInteger>(_ type: T.Type, at offset: Int, what: @autoclosure () -> String) throws -> T {
        let n = MemoryLayout<T>.size
        guard offset >= 0, offset <= count - n else { throw SerializationError.truncated(what()) }
        var v: T = 0
        for i in 0..<n { v |= T(truncatingIfNeeded: self[offset + i]) << (8 * i) }
        return v
    }
}
