import Foundation

/// A block of memory holding tensor elements, shared by a tensor and all of its
/// views.
///
/// Storage also carries the version counter that autograd uses to notice when
/// a tensor saved for backward was changed in place: every view of the storage
/// sees the same counter, as in PyTorch.
final class Storage: @unchecked Sendable {
    let data: UnsafeMutableRawPointer
    let byteCount: Int
    /// Bumped by every in-place write through any view.
    var version: Int = 0
    private let release: (@Sendable (UnsafeMutableRawPointer) -> Void)?

    /// Allocates `byteCount` bytes, 64-byte aligned, uninitialised (large
    /// blocks may be reused from `StorageCache`).
    init(byteCount: Int) {
        data = StorageCache.allocate(byteCount)
        self.byteCount = byteCount
        release = nil
    }

    /// Wraps memory owned elsewhere (a memory-mapped file, say); `release` runs at deinit.
    init(wrapping data: UnsafeMutableRawPointer, byteCount: Int, release: @escaping @Sendable (UnsafeMutableRawPointer) -> Void) {
        self.data = data
        self.byteCount = byteCount
        self.release = release
    }

    deinit {
        if let release { release(data) } else { StorageCache.release(data, byteCount: byteCount) }
    }
}
