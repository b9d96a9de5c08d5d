import Foundation

/// Turns the unpickled object graph into `PickleValue`s, reading each storage
/// once (views of one storage share it) and checking every tensor's offset,
/// sizes and strides against its storage.
final class PickleConversion {
    /// Reads the bytes of storage `key` (`byteCount` of them) into new memory.
    typealias StorageReader = (_ key: String, _ byteCount: Int) throws -> Storage

    private let readStorage: StorageReader
    /// The byte count each storage record really has, nil when absent.
    private let recordSize: (String) -> Int?
    private let bigEndian: Bool
    /// How many values may still be produced: shared references in a hostile
    /// pickle could otherwise expand exponentially.
    private var budget: Int
    private var storages: [String: Storage] = [:]
    private var tensors: [ObjectIdentifier: PickleValue] = [:]
    static let maxDepth = 200

    init(pickleSize: Int, fileSize: Int, bigEndian: Bool, recordSize: @escaping (String) -> Int?, readStorage: @escaping StorageReader) {
        self.readStorage = readStorage
        self.recordSize = recordSize
        self.bigEndian = bigEndian
        self.budget = pickleSize * 16 + 100_000
    }

    func convert(_ o: PyObj, depth: Int = 0) throws -> PickleValue {
        budget -= 1
        guard budget >= 0 else { throw SerializationError.limitExceeded("the pickle expands to too many values (shared references)") }
        guard depth <= Self.maxDepth else { throw SerializationError.limitExceeded("values nested deeper than \(Self.maxDepth)") }
        switch o.kind {
        case .none: return .none
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .bigInt(let b): return .bigInt(PickleBigInt(bytes: b))
        case .float(let d): return .double(d)
        case .string(let s): return .string(s)
        case .bytes(let b): return .bytes(Data(b))
        case .tuple(let items): return .tuple(try items.map { try convert($0, depth: depth + 1) })
        case .list, .set: return .list(try o.items.map { try convert($0, depth: depth + 1) })
        case .dict:
            let entries = try o.entries.map { (key: try convert($0.key, depth: depth + 1), value: try convert($0.value, depth: depth + 1)) }
            return .dict(PickleDict(entries, ordered: o.ordered))
        case .global(let m, let n): return .object(PickleObject(className: m + "." + n, args: [], state: nil))
        case .dtype(let d): return .object(PickleObject(className: "torch." + d.name, args: [], state: nil))
        case .storage(let s): return .object(PickleObject(className: "torch.storage (key \(s.key))", args: [], state: nil))
        case .object(let className, let args):
            let a = try args.map { try convert($0, depth: depth + 1) }
            let st = try o.state.map { try convert($0, depth: depth + 1) }
            return .object(PickleObject(className: className, args: a, state: st))
        case .tensor(let spec):
            if let cached = tensors[ObjectIdentifier(o)] { return cached }
            let v = try tensor(spec)
            tensors[ObjectIdentifier(o)] = v
            return v
        }
    }

    private func storage(for ref: StorageRef, dtype: StoredDType) throws -> (Storage, elementOffset: Int) {
        let key = ref.view?.root ?? ref.key
        var byteCount: Int
        if let d = ref.dtype {
            let (n, o) = (ref.view.map { _ in 0 } ?? ref.numel).multipliedReportingOverflow(by: d.itemSize)
            guard !o else { throw SerializationError.badTensor("storage '\(key)' size overflows") }
            byteCount = n
        } else {
            byteCount = ref.numel
        }
        guard let actual = recordSize(key) else { throw SerializationError.missingRecord("data/\(key)") }
        if ref.view != nil { byteCount = actual }  // legacy views: the root record decides
        guard actual == byteCount else {
            throw SerializationError.badTensor("storage '\(key)' holds \(actual) bytes but its id declares \(byteCount)")
        }
        if let s = storages[key] { return (s, ref.view?.offset ?? 0) }
        let s = try readStorage(key, byteCount)
        if bigEndian && dtype.swapUnit > 1 { Self.byteSwap(s, unit: dtype.swapUnit) }
        storages[key] = s
        return (s, ref.view?.offset ?? 0)
    }

    static func byteSwap(_ s: Storage, unit: Int) {
        let p = s.data.assumingMemoryBound(to: UInt8.self)
        var i = 0
        while i + unit <= s.byteCount {
            var a = i, b = i + unit - 1
            while a < b {
                let t = p[a]; p[a] = p[b]; p[b] = t
                a += 1; b -= 1
            }
            i += unit
        }
    }

    private func tensor(_ spec: TensorSpec) throws -> PickleValue {
        let dtype = spec.dtype
        guard spec.shape.count == spec.strides.count else {
            throw SerializationError.badTensor("size has \(spec.shape.count) dims but stride has \(spec.strides.count)")
        }
        guard spec.shape.allSatisfy({ $0 >= 0 }), spec.strides.allSatisfy({ $0 >= 0 }), spec.offset >= 0 else {
            throw SerializationError.badTensor("negative size, stride or offset (size \(spec.shape), stride \(spec.strides), offset \(spec.offset))")
        }
        var numel = 1
        var last = spec.offset
        for (n, st) in zip(spec.shape, spec.strides) {
            let (m, o1) = numel.multipliedReportingOverflow(by: n)
            guard !o1 else { throw SerializationError.badTensor("size \(spec.shape) overflows") }
            numel = m
            if n > 0 {
                let (step, o2) = (n - 1).multipliedReportingOverflow(by: st)
                let (l, o3) = last.addingReportingOverflow(step)
                guard !o2, !o3 else { throw SerializationError.badTensor("strides \(spec.strides) overflow") }
                last = l
            }
        }
        let (storage, viewOffset) = try storage(for: spec.storage, dtype: dtype)
        guard storage.byteCount % dtype.itemSize == 0 else {
            throw SerializationError.badTensor("storage of \(storage.byteCount) bytes is not a whole number of \(dtype.name)")
        }
        let storageNumel = storage.byteCount / dtype.itemSize
        let offset = spec.offset + viewOffset
        let end = last + viewOffset
        if numel > 0 {
            guard end < storageNumel else {
                throw SerializationError.badTensor("size \(spec.shape), stride \(spec.strides), offset \(spec.offset) reach element \(end) of a storage of \(storageNumel)")
            }
        } else {
            guard offset <= storageNumel else { throw SerializationError.badTensor("offset \(offset) past a storage of \(storageNumel)") }
        }
        guard let d = dtype.dtype else { return .rawTensor(rawTensor(spec, storage, offset: offset)) }
        let layout = Layout(shape: spec.shape, strides: spec.strides, offset: offset)
        // A negated view ({'neg': True}) gets its own negated copy of the
        // storage, keeping the saved strides and offset.
        let t = Tensor(storage: spec.neg ? Self.negatedCopy(storage, d) : storage, layout: layout, dtype: d)
        let grad = spec.requiresGrad && d.isFloatingPoint
        if spec.isParameter { return .tensor(Parameter(t, requiresGrad: grad)) }
        if grad { t.requiresGrad_(true) }
        return .tensor(t)
    }

    static func negatedCopy(_ s: Storage, _ dtype: DType) -> Storage {
        let out = Storage(byteCount: s.byteCount)
        out.data.copyMemory(from: s.data, byteCount: s.byteCount)
        let n = s.byteCount / dtype.itemSize
        func negate<T: FixedWidthInteger>(_: T.Type) {
            let p = out.data.assumingMemoryBound(to: T.self)
            for i in 0..<n { p[i] = 0 &- p[i] }
        }
        switch dtype {
        case .float16, .bfloat16, .float32, .float64:
            let p = out.data.assumingMemoryBound(to: UInt8.self)
            for i in 0..<n { p[i * dtype.itemSize + dtype.itemSize - 1] ^= 0x80 }
        case .int8: negate(Int8.self)
        case .int16: negate(Int16.self)
        case .int32: negate(Int32.self)
        case .int64: negate(Int64.self)
        case .uint8: negate(UInt8.self)
        case .bool: break
        }
        return out
    }

    private func rawTensor(_ spec: TensorSpec, _ storage: Storage, offset: Int) -> RawTensor {
        var data = Data(bytes: storage.data, count: storage.byteCount)
        let dtype = spec.dtype
        if dtype.name.hasPrefix("complex") && (spec.conj || spec.neg) {
            // The sign bit is the top bit of each component's last (little-endian) byte.
            let unit = dtype.swapUnit
            data.withUnsafeMutableBytes { b in
                let p = b.bindMemory(to: UInt8.self)
                var i = 0
                while i + 2 * unit <= p.count {
                    if spec.neg { p[i + unit - 1] ^= 0x80 }
                    if spec.conj != spec.neg { p[i + 2 * unit - 1] ^= 0x80 }
                    i += 2 * unit
                }
            }
        }
        return RawTensor(dtypeName: dtype.name, itemSize: dtype.itemSize, storage: data, shape: spec.shape,
                         strides: spec.strides, storageOffset: offset, requiresGrad: spec.requiresGrad)
    }
}

extension PickleValue {
    /// If this is a whole pickled `nn.Module`, its class name and its
    /// parameters and persistent buffers under state_dict keys.
    func pickledModule() -> (className: String, tensors: StateDict)? {
        guard case .object(let obj) = self, let state = obj.state?.dictValue, state["_parameters"] != nil else { return nil }
        var dict = StateDict()
        func visit(_ state: PickleDict, _ prefix: String, depth: Int) {
            guard depth < 64 else { return }
            let skipped = Set(state["_non_persistent_buffers_set"]?.elements?.compactMap(\.stringValue) ?? [])
            for group in ["_parameters", "_buffers"] {
                for (k, v) in state[group]?.dictValue?.entries ?? [] {
                    if let name = k.stringValue, !skipped.contains(name) || group == "_parameters", let t = v.tensorValue {
                        dict[prefix + name] = t
                    }
                }
            }
            for (k, v) in state["_modules"]?.dictValue?.entries ?? [] {
                if let name = k.stringValue, case .object(let child) = v, let childState = child.state?.dictValue {
                    visit(childState, prefix + name + ".", depth: depth + 1)
                }
            }
        }
        visit(state, "", depth: 0)
        return (obj.className, dict)
    }
}
