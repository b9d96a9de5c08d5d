import Foundation

/// A storage to write as `data/<key>`: a tensor's whole storage, or the bytes
/// of a raw tensor.
enum PendingStorage {
    case tensor(Storage, byteCount: Int)
    case raw(Data)
}

/// Writes a value as a protocol-2 pickle that `torch.load(weights_only=True)`
/// accepts: only the opcodes and globals of its allow-list, no memo, tensors as
/// `_rebuild_tensor_v2` (`_v3` for dtypes without a legacy storage class) with
/// persistent ids naming storages that are written separately, each once.
struct PickleWriter {
    private(set) var bytes: [UInt8] = [0x80, 0x02]
    private(set) var storages: [PendingStorage] = []
    private var keys: [String: String] = [:]

    private mutating func op(_ b: UInt8) { bytes.append(b) }

    private mutating func global(_ module: String, _ name: String) {
        op(0x63)
        bytes.append(contentsOf: Array(module.utf8) + [0x0A] + Array(name.utf8) + [0x0A])
    }

    private mutating func string(_ s: String) {
        let u = Array(s.utf8)
        op(0x58)
        withUnsafeBytes(of: UInt32(u.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: u)
    }

    private mutating func int(_ i: Int) {
        if i >= 0 && i < 256 {
            op(0x4B); bytes.append(UInt8(i))
        } else if i >= 0 && i < 65536 {
            op(0x4D); withUnsafeBytes(of: UInt16(i).littleEndian) { bytes.append(contentsOf: $0) }
        } else if i >= Int(Int32.min) && i <= Int(Int32.max) {
            op(0x4A); withUnsafeBytes(of: Int32(i).littleEndian) { bytes.append(contentsOf: $0) }
        } else {
            // LONG1: the shortest little-endian two's complement.
            var b: [UInt8] = []
            withUnsafeBytes(of: Int64(i).littleEndian) { b.append(contentsOf: $0) }
            while b.count > 1 {
                let last = b[b.count - 1], prev = b[b.count - 2]
                if (last == 0 && prev & 0x80 == 0) || (last == 0xFF && prev & 0x80 != 0) { b.removeLast() } else { break }
            }
            op(0x8A); bytes.append(UInt8(b.count)); bytes.append(contentsOf: b)
        }
    }

    private mutating func double(_ d: Double) {
        op(0x47)
        withUnsafeBytes(of: d.bitPattern.bigEndian) { bytes.append(contentsOf: $0) }
    }

    private mutating func bool(_ b: Bool) { op(b ? 0x88 : 0x89) }

    private mutating func tuple(_ count: Int, _ items: (inout PickleWriter) throws -> Void) rethrows {
        switch count {
        case 0: op(0x29)
        case 1...3:
            try items(&self)
            op([0x85, 0x86, 0x87][count - 1])
        default:
            op(0x28)
            try items(&self)
            op(0x74)
        }
    }

    private mutating func intTuple(_ v: [Int]) {
        tuple(v.count) { w in for x in v { w.int(x) } }
    }

    private mutating func emptyOrderedDict() {
        global("collections", "OrderedDict")
        op(0x29)
        op(0x52)
    }

    mutating func write(_ v: PickleValue) throws {
        switch v {
        case .none: op(0x4E)
        case .bool(let b): bool(b)
        case .int(let i): int(i)
        case .bigInt(let b):
            guard b.bytes.count < 256 else { throw SerializationError.unsupportedValue("an int of \(b.bytes.count) bytes") }
            op(0x8A); bytes.append(UInt8(b.bytes.count)); bytes.append(contentsOf: b.bytes)
        case .double(let d): double(d)
        case .string(let s): string(s)
        case .bytes(let data):
            // Protocol 2 writes bytes as _codecs.encode(latin-1 text, 'latin1').
            global("_codecs", "encode")
            string(String(data.map { Character(Unicode.Scalar($0)) }))
            string("latin1")
            op(0x86)
            op(0x52)
        case .tensor(let t): try tensor(t)
        case .rawTensor(let r): try raw(r)
        case .list(let items):
            op(0x5D)
            try appendBatches(items, single: 0x61, many: 0x65) { w, x in try w.write(x) }
        case .tuple(let items):
            try tuple(items.count) { w in for x in items { try w.write(x) } }
        case .dict(let d):
            if d.ordered { emptyOrderedDict() } else { op(0x7D) }
            try appendBatches(d.entries, single: 0x73, many: 0x75) { w, e in
                try w.write(e.key)
                try w.write(e.value)
            }
        case .object(let o):
            throw SerializationError.unsupportedValue(
                "a Python object of class \(o.className): torch.load's weights-only unpickler would refuse it")
        }
    }

    /// APPEND/SETITEM for one item, MARK … APPENDS/SETITEMS in batches of 1000.
    private mutating func appendBatches<T>(_ items: [T], single: UInt8, many: UInt8,
                                           _ each: (inout PickleWriter, T) throws -> Void) throws {
        if items.count == 1 {
            try each(&self, items[0])
            op(single)
            return
        }
        var i = 0
        while i < items.count {
            let end = min(i + 1000, items.count)
            op(0x28)
            for x in items[i..<end] { try each(&self, x) }
            op(many)
            i = end
        }
    }

    private mutating func persistentID(key: String, module: String, cls: String, numel: Int) {
        op(0x28)
        string("storage")
        global(module, cls)
        string(key)
        string("cpu")
        int(numel)
        op(0x74)
        op(0x51)
    }

    private mutating func tensor(_ t: Tensor) throws {
        let isParameter = t is Parameter
        if isParameter { global("torch._utils", "_rebuild_parameter") }
        let stored = StoredDType(t.dtype)
        let identity = "\(ObjectIdentifier(t.storage).hashValue)/\(t.dtype.name)"
        let numel = t.storage.byteCount / t.dtype.itemSize
        let key: String
        if let k = keys[identity] {
            key = k
        } else {
            key = String(storages.count)
            keys[identity] = key
            storages.append(.tensor(t.storage, byteCount: numel * t.dtype.itemSize))
        }
        global("torch._utils", "_rebuild_tensor_v2")
        op(0x28)
        persistentID(key: key, module: "torch", cls: stored.storageClass!, numel: numel)
        int(t.storageOffset)
        intTuple(t.shape)
        intTuple(t.stride())
        bool(isParameter ? false : t.requiresGrad)
        emptyOrderedDict()
        op(0x74)
        op(0x52)
        if isParameter {
            bool(t.requiresGrad)
            emptyOrderedDict()
            op(0x87)
            op(0x52)
        }
    }

    private mutating func raw(_ r: RawTensor) throws {
        guard let stored = StoredDType.named(r.dtypeName), stored.itemSize == r.itemSize,
              r.storage.count % r.itemSize == 0, r.shape.count == r.strides.count else {
            throw SerializationError.unsupportedValue("a raw tensor of dtype \(r.dtypeName) with inconsistent sizes")
        }
        let key = String(storages.count)
        storages.append(.raw(r.storage))
        if let cls = stored.storageClass {
            global("torch._utils", "_rebuild_tensor_v2")
            op(0x28)
            persistentID(key: key, module: "torch", cls: cls, numel: r.storage.count / r.itemSize)
        } else {
            global("torch._utils", "_rebuild_tensor_v3")
            op(0x28)
            persistentID(key: key, module: "torch.storage", cls: "UntypedStorage", numel: r.storage.count)
        }
        int(r.storageOffset)
        intTuple(r.shape)
        intTuple(r.strides)
        bool(r.requiresGrad)
        emptyOrderedDict()
        if stored.storageClass == nil { global("torch", stored.name) }
        op(0x74)
        op(0x52)
    }

    mutating func finish() { op(0x2E) }
}
