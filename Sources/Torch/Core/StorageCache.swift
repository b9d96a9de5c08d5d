import Foundation

/// Keeps freed large storage blocks for reuse, as PyTorch's caching
/// allocators do.
///
/// A block of a few megabytes that goes back to the C heap is usually returned
/// to the kernel (glibc maps large blocks one by one), so the next tensor of
/// that size pays a page fault and a kernel zero-fill for every 4 KB page: in a
/// training step, where the same activation and gradient shapes come and go
/// every iteration, that cost ran to a tenth of the step. Blocks of at least
/// `minimumBytes` are instead rounded up to a size class (a power of two in
/// quarter steps, so at most 25% slack) and parked here when freed, up to
/// `capacityBytes` in all; smaller blocks stay with malloc, whose own free
/// lists serve them well.
enum StorageCache {
    static let minimumBytes = 256 << 10
    static let capacityBytes = 512 << 20

    nonisolated(unsafe) private static var free: [Int: [UnsafeMutableRawPointer]] = [:]
    nonisolated(unsafe) private static var cachedBytes = 0
    private static let lock = NSLock()

    /// The bytes actually reserved for a request of `byteCount` bytes.
    static func sizeClass(_ byteCount: Int) -> Int {
        guard byteCount >= minimumBytes else { return Swift.max(byteCount, 64) }
        let top = Int.bitWidth - 1 - byteCount.leadingZeroBitCount
        let quarter = 1 << (top - 2)
        return (byteCount + quarter - 1) / quarter * quarter
    }

    /// A 64-byte aligned block of `sizeClass(byteCount)` bytes, reused when one is parked.
    static func allocate(_ byteCount: Int) -> UnsafeMutableRawPointer {
        let size = sizeClass(byteCount)
        if size >= minimumBytes {
            lock.lock()
            let reused = free[size]?.popLast()
            if reused != nil { cachedBytes -= size }
            lock.unlock()
            if let reused { return reused }
        }
        var p: UnsafeMutableRawPointer?
        let status = posix_memalign(&p, 64, size)
        guard status == 0, let p else { fatalError("out of memory allocating \(byteCount) bytes") }
        return p
    }

    /// Parks a block from `allocate(byteCount)`, or frees it when it is small or the cache is full.
    static func release(_ p: UnsafeMutableRawPointer, byteCount: Int) {
        let size = sizeClass(byteCount)
        if size >= minimumBytes {
            lock.lock()
            let parked = cachedBytes + size <= capacityBytes
            if parked {
                free[size, default: []].append(p)
                cachedBytes += size
            }
            lock.unlock()
            if parked { return }
        }
        Foundation.free(p)
    }

    /// Frees every parked block (PyTorch's `torch.cuda.empty_cache`, for host memory).
    static func emptyCache() {
        lock.lock()
        let blocks = free.values.flatMap { $0 }
        free = [:]
        cachedBytes = 0
        lock.unlock()
        for p in blocks { Foundation.free(p) }
    }
}
