import Foundation

/// A block of memory holding tensor elements, shared by a tensor and all of its
/// views, on one device.
///
/// Storage also carries the version counter that autograd uses to notice when
/// a tensor saved for backward was changed in place: every view of the storage
/// sees the same counter, as in PyTorch.
///
/// Meta storage (`Device.meta`) records its size and holds no memory: its
/// `data` is a shared sentinel that no kernel may read, which is why every
/// kernel is reached through the backend of its tensors' device.
final class Storage: @unchecked Sendable {
    let data: UnsafeMutableRawPointer
    let byteCount: Int
    /// The device whose allocator made this block.
    let device: Device
    /// Bumped by every in-place write through any view.
    var version: Int = 0
    private let release: (@Sendable (UnsafeMutableRawPointer) -> Void)?

    /// Allocates `byteCount` bytes on `device`: on the CPU 64-byte aligned and
    /// uninitialised (large blocks may be reused from `StorageCache`); on the
    /// meta device nothing.
    init(byteCount: Int, device: Device = .cpu) {
        self.byteCount = byteCount
        self.device = device
        release = nil
        switch device.kind {
        case .cpu: data = StorageCache.allocate(byteCount)
        case .meta: data = Storage.metaSentinel
        case .cuda: preconditionFailure("no CUDA allocator: tensors reach cuda only through Tensor.to, which stops first")
        }
    }

    /// Wraps host memory owned elsewhere (a memory-mapped file, say); `release` runs at deinit.
    init(wrapping data: UnsafeMutableRawPointer, byteCount: Int, release: @escaping @Sendable (UnsafeMutableRawPointer) -> Void) {
        self.data = data
        self.byteCount = byteCount
        self.device = .cpu
        self.release = release
    }

    deinit {
        if let release { release(data) } else if device.kind == .cpu { StorageCache.release(data, byteCount: byteCount) }
    }

    /// What every meta storage points at: never read (the meta backend runs no kernels).
    nonisolated(unsafe) private static let metaSentinel = UnsafeMutableRawPointer.allocate(byteCount: 64, alignment: 64)
}
