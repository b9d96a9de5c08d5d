#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// File access shared by the safetensors and NumPy readers and writers: a
// private memory map, positioned reads, and atomic replacement on save.
extension Safetensors {
    /// What went wrong in a file operation, before it is wrapped in the
    /// caller's error type.
    struct FileFailure: Error {
        let message: String

        static func errno(_ what: String) -> FileFailure {
            FileFailure(message: "\(what) failed: \(String(cString: strerror(Glibc_errno())))")
        }
    }

    /// A read-only file mapped copy-on-write (`MAP_PRIVATE`): tensors built on it
    /// may be written in place without touching the file. It stays mapped until
    /// the last storage that points into it is gone.
    final class MappedFile: @unchecked Sendable {
        let base: UnsafeMutableRawPointer?
        let size: Int

        init(path: String) throws(FileFailure) {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw .errno("open") }
            defer { close(fd) }
            let size = try Safetensors.regularFileSize(fd)
            self.size = size
            if size == 0 { base = nil; return }
            let p = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0)
            guard let p, p != UnsafeMutableRawPointer(bitPattern: -1) else { throw .errno("mmap") }
            base = p
        }

        var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: size) }

        deinit { if let base { munmap(base, size) } }
    }

    /// The size of an open regular file; other kinds of files are refused
    /// because their size cannot be trusted.
    static func regularFileSize(_ fd: Int32) throws(FileFailure) -> Int {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw .errno("stat") }
        guard (st.st_mode & S_IFMT) == S_IFREG else { throw FileFailure(message: "not a regular file") }
        return Int(st.st_size)
    }

    /// Reads exactly `count` bytes at `offset` into `buffer`.
    static func readFully(_ fd: Int32, into buffer: UnsafeMutableRawPointer, count: Int, offset: Int) throws(FileFailure) {
        var done = 0
        while done < count {
            let n = pread(fd, buffer + done, min(count - done, 1 << 30), off_t(offset + done))
            if n < 0 {
                if Glibc_errno() == EINTR { continue }
                throw .errno("read")
            }
            if n == 0 { throw FileFailure(message: "unexpected end of file (the file changed while reading?)") }
            done += n
        }
    }

    /// Receives the bytes of a file being saved.
    final class FileSink {
        fileprivate let fd: Int32
        fileprivate(set) var bytesWritten = 0

        fileprivate init(fd: Int32) { self.fd = fd }

        func write(_ buffer: UnsafeRawBufferPointer) throws {
            guard var p = buffer.baseAddress else { return }
            var left = buffer.count
            while left > 0 {
                let n = Glibc_write(fd, p, min(left, 1 << 30))
                if n < 0 {
                    if Glibc_errno() == EINTR { continue }
                    throw FileFailure.errno("write")
                }
                p += n
                left -= n
                bytesWritten += n
            }
        }

        func write(_ bytes: [UInt8]) throws {
            try bytes.withUnsafeBytes { try write($0) }
        }
    }

    /// Writes a file by streaming into a temporary file in the same folder,
    /// flushing it to disk and renaming it over `path`; if anything fails
    /// (including `body` throwing) the temporary file is removed and any
    /// previous file at `path` is untouched.
    static func writeAtomically(to path: String, _ body: (FileSink) throws -> Void) throws {
        let slash = path.lastIndex(of: "/")
        // The folder with its trailing slash ("" for a bare file name, "/" at the root).
        let prefix = slash.map { String(path[...$0]) } ?? ""
        let folder = prefix.isEmpty ? "." : prefix
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var fd: Int32 = -1
        var temp = ""
        for _ in 0..<16 {
            let tag = String(UInt64.random(in: 0...UInt64.max), radix: 16)
            temp = prefix + ".\(base).tmp-\(tag)"
            fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if fd >= 0 || Glibc_errno() != EEXIST { break }
        }
        guard fd >= 0 else { throw FileFailure.errno("creating a temporary file in \(folder)") }
        var closed = false
        do {
            try body(FileSink(fd: fd))
            guard fsync(fd) == 0 else { throw FileFailure.errno("fsync") }
            closed = true
            guard close(fd) == 0 else { throw FileFailure.errno("close") }
            guard rename(temp, path) == 0 else { throw FileFailure.errno("rename") }
            // Make the rename itself durable; failing to flush the folder does not undo the save.
            let dirFD = open(folder, O_RDONLY | O_CLOEXEC)
            if dirFD >= 0 { _ = fsync(dirFD); close(dirFD) }
        } catch {
            if !closed { close(fd) }
            unlink(temp)
            throw error
        }
    }
}

@inline(__always) private func Glibc_errno() -> Int32 { errno }

@inline(__always) private func Glibc_write(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int {
    write(fd, p, n)
}
