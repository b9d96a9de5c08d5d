import Foundation

/// Loads a file written by PyTorch's `torch.save` (or by `Torch.save`),
/// PyTorch's `torch.load(path, map_location="cpu")`.
///
/// Reads the zip format of torch ≥ 1.6 (stored or deflated records, zip64,
/// any root folder, CRCs not checked, as torch does) and the legacy pre-1.6
/// format; pickle protocols 0 to 5. Tensors saved on any device load on the
/// CPU; views that shared a storage when saved share one here. Nothing in the
/// file is executed: Python classes other than tensors and containers come
/// back as opaque `.object` values.
///
/// ```swift
/// try model.loadStateDict(Torch.load("model.pt"))
/// let ckpt = try Torch.load("ckpt.pt")
/// try optimizer.loadStateDict(ckpt["optimizer_state_dict"])
/// ```
///
/// Throws `SerializationError` for a truncated, corrupted or hostile file, a
/// TorchScript archive, quantized dtypes, and a whole pickled `nn.Module`
/// (whose plain tensors the error carries by state_dict key).
///
/// With `mmap: true` (PyTorch's `torch.load(path, mmap=True)`), tensors of a
/// zip-format file point into a private memory map of the file instead of
/// being read: loading is nearly free and pages are read on first use. Writes
/// to such tensors stay in memory (copy on write). The file must not be
/// truncated while they are alive.
///
/// `mapLocation:` (PyTorch's `map_location`) puts every tensor on that device;
/// without it tensors load into host memory, where every file's storages are
/// read (`Torch.load(path, mapLocation: .cpu)` is the same as the default).
public func load(_ path: String, mmap: Bool = false, mapLocation: Device? = nil) throws -> PickleValue {
    try loadPyTorchFile(ByteSource(path: path), mmap: mmap).moved(to: mapLocation)
}

/// Loads `torch.save` bytes already in memory (see `load(_:)` for a path).
public func load(_ data: Data, mapLocation: Device? = nil) throws -> PickleValue {
    try loadPyTorchFile(ByteSource(data: data)).moved(to: mapLocation)
}

extension PickleValue {
    /// The value with every tensor moved to `device` (parameters stay parameters).
    func moved(to device: Device?) -> PickleValue {
        guard let device, device != .cpu else { return self }
        switch self {
        case .tensor(let t as Parameter):
            return .tensor(Parameter(noGrad { t.to(device) }, requiresGrad: t.requiresGrad))
        case .tensor(let t): return .tensor(noGrad { t.to(device) })
        case .list(let items): return .list(items.map { $0.moved(to: device) })
        case .tuple(let items): return .tuple(items.map { $0.moved(to: device) })
        case .dict(var d):
            d.entries = d.entries.map { ($0.key, $0.value.moved(to: device)) }
            return .dict(d)
        default: return self
        }
    }
}

func loadPyTorchFile(_ source: ByteSource, mmap: Bool = false) throws -> PickleValue {
    guard source.size >= 4 else { throw SerializationError.notPyTorchFile("only \(source.size) bytes") }
    let head = try source.bytes(offset: 0, count: 4, what: "file header")
    let value: PickleValue
    if head == [0x50, 0x4B, 0x03, 0x04] {
        value = try loadZipArchive(source, mmap: mmap)
    } else if head[0] == 0x80 {
        value = try loadLegacyFile(source)
    } else if head == [0x50, 0x4B, 0x05, 0x06] {
        throw SerializationError.badZip("the archive is empty")
    } else if source.size > 9, try source.bytes(offset: 8, count: 1, what: "header")[0] == UInt8(ascii: "{") {
        throw SerializationError.notPyTorchFile("this looks like a safetensors file; load it with Safetensors.loadFile")
    } else if head == [0x93, 0x4E, 0x55, 0x4D] {
        throw SerializationError.notPyTorchFile("this is a NumPy .npy file; load it with Numpy.load")
    } else {
        throw SerializationError.notPyTorchFile("starts with neither a zip header nor a pickle")
    }
    if let module = value.pickledModule() {
        throw SerializationError.pickledModule(className: module.className, tensors: module.tensors)
    }
    return value
}

private func loadZipArchive(_ source: ByteSource, mmap: Bool) throws -> PickleValue {
    let zip = try ZipReader(source)
    guard let first = zip.records.first else { throw SerializationError.badZip("the archive has no records") }
    guard let slash = first.name.firstIndex(of: "/") else {
        throw SerializationError.badZip("file in archive is not in a subdirectory: \(first.name)")
    }
    let root = String(first.name[...slash])
    for r in zip.records where !r.name.hasPrefix(root) {
        throw SerializationError.badZip("file in archive is not in a subdirectory \(root): \(r.name)")
    }
    func record(_ name: String) -> ZipRecord? { zip.record(root + name) }
    if record("constants.pkl") != nil { throw SerializationError.torchScriptArchive }

    func smallText(_ r: ZipRecord) throws -> String {
        guard r.uncompressedSize <= 64 else { throw SerializationError.badZip("record '\(r.name)' is too long") }
        return String(decoding: try zip.bytes(r), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
    guard let versionRecord = record(".data/version") ?? record("version") else {
        throw SerializationError.missingRecord("version")
    }
    let versionText = try smallText(versionRecord)
    guard let version = Int(versionText), (1...10).contains(version) else {
        throw SerializationError.badZip("unsupported archive version '\(versionText)'")
    }
    var bigEndian = false
    if let order = record("byteorder") {
        switch try smallText(order) {
        case "little": bigEndian = false
        case "big": bigEndian = true
        case let other: throw SerializationError.badZip("unknown byteorder '\(other)'")
        }
    }
    guard let pkl = record("data.pkl") else { throw SerializationError.missingRecord("data.pkl") }
    let pickle = try zip.bytes(pkl)
    var machine = PickleMachine(bytes: pickle, rebuild: TorchRebuild())
    let top = try machine.run()

    func storageRecord(_ key: String) -> ZipRecord? {
        // Keys are decimal strings; anything else must not escape `data/`.
        guard !key.isEmpty, !key.contains("/"), key != "..", key != "." else { return nil }
        return record("data/" + key)
    }
    // Big-endian files are swapped in place, so they are read, not mapped.
    let mapping = mmap && !bigEndian ? source.map() : nil
    let conversion = PickleConversion(
        pickleSize: pickle.count, fileSize: source.size, bigEndian: bigEndian,
        recordSize: { storageRecord($0)?.uncompressedSize },
        readStorage: { key, byteCount in
            guard let r = storageRecord(key) else { throw SerializationError.missingRecord("data/\(key)") }
            if let mapping, r.method == 0, byteCount > 0 {
                let offset = try zip.payloadOffset(r)
                // Aligned for every dtype (torch's records start at multiples of 64).
                if offset % 16 == 0 && offset + byteCount <= mapping.size {
                    return mapping.storage(offset: offset, byteCount: byteCount)
                }
            }
            if r.method == 8 {
                guard r.uncompressedSize <= r.compressedSize &* 1032 &+ 1024 else {
                    throw SerializationError.badZip("record '\(r.name)' claims an impossible inflated size")
                }
            }
            let s = Storage(byteCount: byteCount)
            if byteCount > 0 { try zip.read(r, into: s.data) }
            return s
        })
    return try conversion.convert(top)
}

/// The pre-1.6 format: five consecutive pickles (magic number, protocol
/// version, system info, the object, the storage keys), then each storage as
/// an int64 element count and its raw bytes.
private func loadLegacyFile(_ source: ByteSource) throws -> PickleValue {
    let bytes = try source.bytes(offset: 0, count: source.size, what: "legacy file")
    var position = 0
    func next(_ rebuild: TorchRebuild = TorchRebuild(legacy: true)) throws -> PyObj {
        var m = PickleMachine(bytes: bytes, start: position, rebuild: rebuild)
        let v = try m.run()
        position = m.position
        return v
    }
    let magic = try next()
    guard case .bigInt(let m) = magic.kind, m == [0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19] else {
        throw SerializationError.notPyTorchFile("a pickle without torch's legacy magic number (a plain pickle or a tar file)")
    }
    guard case .int(1001) = try next().kind else { throw SerializationError.notPyTorchFile("unknown legacy protocol version") }
    let info = try next()
    var bigEndian = false
    for e in info.entries {
        if case .string("little_endian") = e.key.kind, case .bool(let little) = e.value.kind { bigEndian = !little }
    }
    let rebuild = TorchRebuild(legacy: true)
    let top = try next(rebuild)
    let keyList = try next()
    guard case .list = keyList.kind else { throw SerializationError.badPickle("legacy storage key list is not a list") }
    // Storage item sizes come from the persistent ids seen while unpickling.
    var itemSizes: [String: Int] = [:]
    func collect(_ o: PyObj, depth: Int) {
        guard depth < PickleConversion.maxDepth else { return }
        switch o.kind {
        case .tensor(let spec):
            itemSizes[spec.storage.view?.root ?? spec.storage.key] = spec.dtype.itemSize
        case .tuple(let items): for i in items { collect(i, depth: depth + 1) }
        case .list, .set: for i in o.items { collect(i, depth: depth + 1) }
        case .dict: for e in o.entries { collect(e.key, depth: depth + 1); collect(e.value, depth: depth + 1) }
        case .object(_, let args):
            for a in args { collect(a, depth: depth + 1) }
            if let s = o.state { collect(s, depth: depth + 1) }
        default: break
        }
    }
    var visitBudget = bytes.count * 4 + 1000
    func collectBounded(_ o: PyObj) { visitBudget -= 1; if visitBudget > 0 { collect(o, depth: 0) } }
    collectBounded(top)
    var records: [String: (offset: Int, count: Int)] = [:]
    for k in keyList.items {
        guard case .string(let key) = k.kind else { throw SerializationError.badPickle("legacy storage key is not a str") }
        guard let itemSize = itemSizes[key] else { throw SerializationError.badPickle("legacy storage '\(key)' is never used") }
        let count = try bytes.le(Int64.self, at: position, what: "legacy storage '\(key)' size")
        position += 8
        guard count >= 0, count <= Int64(bytes.count) else { throw SerializationError.truncated("legacy storage '\(key)'") }
        let byteCount = Int(count) * itemSize
        guard byteCount <= bytes.count - position else { throw SerializationError.truncated("legacy storage '\(key)'") }
        records[key] = (position, byteCount)
        position += byteCount
    }
    let conversion = PickleConversion(
        pickleSize: bytes.count, fileSize: bytes.count, bigEndian: bigEndian,
        recordSize: { records[$0]?.count },
        readStorage: { key, byteCount in
            guard let r = records[key], r.count == byteCount else { throw SerializationError.missingRecord("storage \(key)") }
            let s = Storage(byteCount: byteCount)
            bytes.withUnsafeBytes { b in
                if byteCount > 0 { s.data.copyMemory(from: b.baseAddress! + r.offset, byteCount: byteCount) }
            }
            return s
        })
    return try conversion.convert(top)
}
