import Foundation

/// Reading and writing NumPy's `.npy` and `.npz` files: data exchange with
/// Python the way `torch.from_numpy` / `Tensor.numpy()` plus `numpy.save` /
/// `numpy.load` do it.
///
/// ```swift
/// try Numpy.save(x, to: "x.npy")                  // numpy.save("x.npy", x.numpy())
/// let y = try Numpy.load("x.npy")                 // torch.from_numpy(numpy.load("x.npy"))
/// try Numpy.savez(["w": w, "b": b], to: "p.npz")  // numpy.savez("p.npz", w=..., b=...)
/// let arrays = try Numpy.loadNpz("p.npz")         // dict(numpy.load("p.npz"))
/// ```
///
/// Reading accepts format versions 1.0, 2.0 and 3.0, both byte orders and
/// Fortran order (returned as a row-major tensor); writing produces version
/// 1.0, little-endian, C order, byte for byte as NumPy writes it. Loaded
/// tensors own their memory. Every malformed input throws `NumpyError`.
public enum Numpy {
    // MARK: - .npy

    /// The bytes of an `.npy` file holding `tensor` (non-contiguous tensors are written in row-major order).
    public static func save(_ tensor: Tensor) throws -> Data {
        let c = tensor.isContiguous ? tensor : tensor.contiguousCopy()
        let header = try encodeHeader(dtype: c.dtype, shape: c.shape)
        let n = c.numel() * c.dtype.itemSize
        var data = Data(capacity: header.count + n)
        data.append(contentsOf: header)
        if n > 0 { data.append(c.ioBytePointer.assumingMemoryBound(to: UInt8.self), count: n) }
        return data
    }

    /// Writes `tensor` to an `.npy` file, `numpy.save(path, tensor.numpy())`; the file is replaced atomically.
    public static func save(_ tensor: Tensor, to path: String) throws {
        let c = tensor.isContiguous ? tensor : tensor.contiguousCopy()
        let header = try encodeHeader(dtype: c.dtype, shape: c.shape)
        try writeFile(path) { sink in
            try sink.write(header)
            try sink.write(UnsafeRawBufferPointer(start: c.ioBytePointer, count: c.numel() * c.dtype.itemSize))
        }
    }

    /// The array in `.npy` bytes, as a tensor with its own memory.
    public static func load(_ data: Data) throws -> Tensor {
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws(NumpyError) in try decode(raw) }
    }

    /// The array in an `.npy` file, `torch.from_numpy(numpy.load(path))`.
    public static func load(_ path: String) throws -> Tensor {
        let data = try readFile(path)
        return try load(data)
    }

    // MARK: - .npz

    /// Writes several tensors to an uncompressed `.npz` archive, `numpy.savez`;
    /// each becomes the member `name.npy`.
    public static func savez(_ tensors: StateDict, to path: String) throws {
        try writeArchive(tensors, to: path, compressed: false)
    }

    /// Writes tensors to an uncompressed `.npz` archive in name order.
    public static func savez(_ tensors: [String: Tensor], to path: String) throws {
        try savez(sortedStateDict(tensors), to: path)
    }

    /// Writes several tensors to a deflate-compressed `.npz` archive, `numpy.savez_compressed`.
    public static func savezCompressed(_ tensors: StateDict, to path: String) throws {
        try writeArchive(tensors, to: path, compressed: true)
    }

    /// Writes tensors to a deflate-compressed `.npz` archive in name order.
    public static func savezCompressed(_ tensors: [String: Tensor], to path: String) throws {
        try savezCompressed(sortedStateDict(tensors), to: path)
    }

    /// The arrays of an `.npz` archive by name (without `.npy`), in archive
    /// order, `numpy.load(path)` read in full. Members that are not `.npy`
    /// files are skipped, as NumPy does not treat them as arrays either.
    public static func loadNpz(_ path: String) throws -> StateDict {
        try readArchive(path)
    }

    // MARK: - Internals

    private static func sortedStateDict(_ tensors: [String: Tensor]) -> StateDict {
        StateDict(uniqueKeysWithValues: tensors.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }

    static func writeFile(_ path: String, _ body: (Safetensors.FileSink) throws -> Void) throws {
        do {
            try Safetensors.writeAtomically(to: path, body)
        } catch let e as Safetensors.FileFailure {
            throw NumpyError.io(path: path, message: e.message)
        }
    }

    static func readFile(_ path: String) throws(NumpyError) -> Data {
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
        } catch {
            throw .io(path: path, message: error.localizedDescription)
        }
    }

    /// Decodes a complete `.npy` image into a row-major, native-order tensor.
    static func decode(_ raw: UnsafeRawBufferPointer) throws(NumpyError) -> Tensor {
        let (header, start) = try decodeHeader(raw)
        var numel = 1, extent = 1, overflow = false
        for d in header.shape {
            var o1 = false, o2 = false
            (numel, o1) = numel.multipliedReportingOverflow(by: d)
            (extent, o2) = extent.multipliedReportingOverflow(by: max(d, 1))
            overflow = overflow || o1 || o2
        }
        let itemSize = header.dtype.itemSize
        let bytes = numel.multipliedReportingOverflow(by: itemSize)
        guard !overflow, !bytes.overflow else { throw .shapeTooLarge(header.shape) }
        let n = bytes.partialValue
        guard raw.count - start >= n else { throw .truncated(expectedBytes: start + n, actualBytes: raw.count) }

        let storage = Storage(byteCount: n)
        if n > 0 { storage.data.copyMemory(from: raw.baseAddress! + start, byteCount: n) }
        if header.bigEndian { swapBytes(storage.data, count: numel, itemSize: itemSize) }
        if header.dtype == .bool { normalizeBools(storage.data, count: n) }
        if header.fortranOrder && header.shape.count > 1 {
            // Column-major data: the same bytes seen with reversed strides, then made row-major.
            var strides = [Int](repeating: 1, count: header.shape.count)
            var running = 1
            for d in header.shape.indices {
                strides[d] = running
                running *= max(header.shape[d], 1)
            }
            return Tensor(storage: storage, layout: Layout(shape: header.shape, strides: strides), dtype: header.dtype)
                .contiguousCopy()
        }
        return Tensor(storage: storage, layout: Layout(contiguous: header.shape), dtype: header.dtype)
    }

    /// Reverses the bytes of each element in place.
    static func swapBytes(_ p: UnsafeMutableRawPointer, count: Int, itemSize: Int) {
        switch itemSize {
        case 2:
            let q = p.assumingMemoryBound(to: UInt16.self)
            for i in 0..<count { q[i] = q[i].byteSwapped }
        case 4:
            let q = p.assumingMemoryBound(to: UInt32.self)
            for i in 0..<count { q[i] = q[i].byteSwapped }
        case 8:
            let q = p.assumingMemoryBound(to: UInt64.self)
            for i in 0..<count { q[i] = q[i].byteSwapped }
        default:
            break
        }
    }

    /// Makes every byte of a bool buffer 0 or 1 (any nonzero byte means true),
    /// so no invalid `Bool` bit pattern ever reaches the kernels.
    static func normalizeBools(_ p: UnsafeMutableRawPointer, count: Int) {
        let q = p.assumingMemoryBound(to: UInt8.self)
        for i in 0..<count where q[i] > 1 { q[i] = 1 }
    }
}
