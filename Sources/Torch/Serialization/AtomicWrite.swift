import Foundation

/// Sequential writes into an open file descriptor, for streaming large records
/// without building them in memory first.
final class FileSink {
    private let fd: Int32
    private let path: String
    /// Bytes written so far (the offset of the next write).
    private(set) var position: Int = 0

    init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
    }

    /// Writes `count` bytes from `pointer`, retrying short writes.
    func write(_ pointer: UnsafeRawPointer, count: Int) throws {
        var done = 0
        while done < count {
            let n = Foundation.write(fd, pointer + done, count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw SerializationError.io(path: path, reason: String(cString: strerror(errno)))
            }
            done += n
        }
        position += count
    }

    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { b in
            if let base = b.baseAddress { try write(base, count: b.count) }
        }
    }

    func write(_ data: Data) throws {
        try data.withUnsafeBytes { b in
            if let base = b.baseAddress { try write(base, count: b.count) }
        }
    }
}

/// Writes a file so that a crash or a full disk mid-write never destroys the
/// previous file at `url`: `body` writes into a temporary file in the same
/// folder, which is flushed to disk and then renamed over the target (rename is
/// atomic within a file system). On any error the temporary file is removed and
/// the target is untouched.
func writeAtomically(to url: URL, _ body: (FileSink) throws -> Void) throws {
    let target = url.path
    let folder = url.deletingLastPathComponent().path
    let tempPath = (folder.isEmpty ? "." : folder) + "/." + url.lastPathComponent + ".tmp-"
        + String(UInt64.random(in: 0...UInt64.max), radix: 36)
    let fd = open(tempPath, O_WRONLY | O_CREAT | O_EXCL, 0o644)
    guard fd >= 0 else { throw SerializationError.io(path: tempPath, reason: String(cString: strerror(errno))) }
    var finished = false
    defer {
        if !finished {
            close(fd)
            unlink(tempPath)
        }
    }
    try body(FileSink(fd: fd, path: tempPath))
    guard fsync(fd) == 0 else { throw SerializationError.io(path: tempPath, reason: String(cString: strerror(errno))) }
    guard close(fd) == 0 else {
        finished = true
        unlink(tempPath)
        throw SerializationError.io(path: tempPath, reason: String(cString: strerror(errno)))
    }
    finished = true
    guard rename(tempPath, target) == 0 else {
        let reason = String(cString: strerror(errno))
        unlink(tempPath)
        throw SerializationError.io(path: target, reason: reason)
    }
    // Make the rename itself durable (best effort: some file systems refuse).
    let dir = open(folder.isEmpty ? "." : folder, O_RDONLY)
    if dir >= 0 {
        _ = fsync(dir)
        close(dir)
    }
}

/// Writes `data` to `url` atomically (see `writeAtomically(to:_:)`).
func writeAtomically(_ data: Data, to url: URL) throws {
    try writeAtomically(to: url) { try $0.write(data) }
}
