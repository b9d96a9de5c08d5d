/// What PyTorch's globals mean while unpickling: tensors rebuilt from storages
/// (`_rebuild_tensor_v2`/`_v3`, `_rebuild_parameter`), OrderedDict, torch.Size
/// and the few builtins torch's weights-only unpickler allows. Other classes
/// become opaque objects; nothing is ever executed.
final class TorchRebuild {
    /// Whether persistent ids have the legacy six-field form.
    let legacy: Bool

    init(legacy: Bool = false) { self.legacy = legacy }

    private func fail(_ m: String) -> SerializationError { .badPickle(m) }

    func global(module: String, name: String) throws -> PyObj {
        if module == "torch", let d = StoredDType.named(name) { return PyObj(.dtype(d)) }
        if module == "torch", StoredDType.quantizedNames.contains(name) {
            throw SerializationError.unsupportedDType("quantized dtype torch.\(name) is not supported")
        }
        return PyObj(.global(module: module, name: name))
    }

    private func int(_ o: PyObj, _ what: String) throws -> Int {
        switch o.kind {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        default: throw fail("\(what) must be an int, found \(o.typeName)")
        }
    }

    private func ints(_ o: PyObj, _ what: String) throws -> [Int] {
        switch o.kind {
        case .tuple(let items): return try items.map { try int($0, what) }
        case .list: return try o.items.map { try int($0, what) }
        default: throw fail("\(what) must be a tuple of ints, found \(o.typeName)")
        }
    }

    private func bool(_ o: PyObj) -> Bool {
        switch o.kind {
        case .bool(let b): return b
        case .int(let i): return i != 0
        default: return false
        }
    }

    func call(_ callable: PyObj, _ args: [PyObj]) throws -> PyObj {
        guard case .global(let module, let name) = callable.kind else {
            throw fail("cannot call a \(callable.typeName)")
        }
        switch (module, name) {
        case ("collections", "OrderedDict"), ("collections", "Counter"), ("builtins", "dict"), ("__builtin__", "dict"):
            let d = PyObj(.dict)
            d.ordered = name == "OrderedDict"
            if let first = args.first {
                let pairs: [PyObj]
                switch first.kind {
                case .list: pairs = first.items
                case .tuple(let t): pairs = t
                case .dict:
                    for e in first.entries { d.setItem(e.key, e.value) }
                    pairs = []
                default: throw fail("\(name) argument must be a list of pairs")
                }
                for p in pairs {
                    guard case .tuple(let kv) = p.kind, kv.count == 2 else { throw fail("\(name) item is not a pair") }
                    d.setItem(kv[0], kv[1])
                }
            }
            return d
        case ("torch._utils", "_rebuild_tensor_v2"), ("torch._utils", "_rebuild_tensor_v3"), ("torch._utils", "_rebuild_tensor"):
            let v3 = name == "_rebuild_tensor_v3"
            guard args.count >= (name == "_rebuild_tensor" ? 4 : (v3 ? 7 : 6)) else {
                throw fail("\(name) needs more arguments (got \(args.count))")
            }
            guard case .storage(let storage) = args[0].kind else { throw fail("\(name) first argument is not a storage") }
            var dtype = storage.dtype
            if v3 {
                guard case .dtype(let d) = args[6].kind else { throw fail("_rebuild_tensor_v3 dtype argument is a \(args[6].typeName)") }
                dtype = d
            }
            guard let dtype else { throw fail("untyped storage without a dtype") }
            if let sd = storage.dtype, sd != dtype { throw SerializationError.badTensor("storage of \(sd.name) read as \(dtype.name)") }
            var spec = TensorSpec(storage: storage, dtype: dtype, offset: try int(args[1], "storage offset"),
                                  shape: try ints(args[2], "size"), strides: try ints(args[3], "stride"),
                                  requiresGrad: args.count > 4 ? bool(args[4]) : false)
            let metaIndex = v3 ? 7 : 6
            if args.count > metaIndex, case .dict = args[metaIndex].kind {
                for e in args[metaIndex].entries {
                    if case .string(let k) = e.key.kind {
                        if k == "conj" { spec.conj = bool(e.value) }
                        if k == "neg" { spec.neg = bool(e.value) }
                    }
                }
            }
            return PyObj(.tensor(spec))
        case ("torch._utils", "_rebuild_parameter"), ("torch._utils", "_rebuild_parameter_with_state"):
            guard args.count >= 2, case .tensor(var spec) = args[0].kind else { throw fail("\(name) needs a tensor") }
            spec.isParameter = true
            spec.requiresGrad = bool(args[1])
            return PyObj(.tensor(spec))
        case ("torch._tensor", "_rebuild_from_type_v2"):
            guard args.count >= 3, case .tuple(let inner) = args[2].kind else { throw fail("_rebuild_from_type_v2 needs (func, type, args, state)") }
            return try call(args[0], inner)
        case ("torch", "Size"):
            guard let a = args.first else { return PyObj(.tuple([])) }
            switch a.kind {
            case .tuple: return a
            case .list: return PyObj(.tuple(a.items))
            default: throw fail("torch.Size argument must be a tuple")
            }
        case ("torch", "device"):
            var parts: [String] = []
            for a in args {
                switch a.kind {
                case .string(let s): parts.append(s)
                case .int(let i): parts.append(String(i))
                default: break
                }
            }
            return PyObj(.string(parts.joined(separator: ":")))
        case ("builtins", "set"), ("builtins", "frozenset"), ("__builtin__", "set"):
            let s = PyObj(.set)
            if let a = args.first {
                switch a.kind {
                case .tuple(let t): s.items = t
                case .list, .set: s.items = a.items
                default: throw fail("set argument must be iterable")
                }
            }
            return s
        case ("_codecs", "encode"):
            guard let a = args.first, case .string(let s) = a.kind else { throw fail("_codecs.encode needs a str") }
            var out: [UInt8] = []
            for u in s.unicodeScalars {
                guard u.value < 256 else { throw fail("_codecs.encode: non-latin-1 character") }
                out.append(UInt8(u.value))
            }
            return PyObj(.bytes(out))
        case ("builtins", "bytearray"), ("builtins", "bytes"), ("__builtin__", "bytearray"):
            guard let a = args.first else { return PyObj(.bytes([])) }
            if case .bytes = a.kind { return a }
            if case .string(let s) = a.kind { return PyObj(.bytes(Array(s.utf8))) }
            throw fail("bytearray argument must be bytes")
        case ("torch._utils", "_rebuild_qtensor"):
            throw SerializationError.unsupportedDType("quantized tensors are not supported")
        default:
            return PyObj(.object(className: module + "." + name, args: args))
        }
    }

    func build(_ target: PyObj, state: PyObj) throws {
        if case .object = target.kind { target.state = state }
        // BUILD on OrderedDict (`_metadata`) and on tensors carries Python-only
        // attributes; they are dropped.
    }

    func persistentLoad(_ pid: PyObj) throws -> PyObj {
        guard case .tuple(let f) = pid.kind, f.count >= 5, case .string("storage") = f[0].kind else {
            throw fail("persistent id is not ('storage', class, key, location, numel)")
        }
        var dtype: StoredDType?
        switch f[1].kind {
        case .global(let module, let name):
            if module == "torch.storage" && name == "UntypedStorage" {
                dtype = nil
            } else if module == "torch", let d = StoredDType.storageClass(name) {
                dtype = d
            } else if StoredDType.quantizedStorages.contains(name) {
                throw SerializationError.unsupportedDType("quantized storage torch.\(name) is not supported")
            } else {
                throw SerializationError.unsupportedDType("unknown storage class \(module).\(name)")
            }
        case .dtype(let d): dtype = d
        default: throw fail("storage class is a \(f[1].typeName)")
        }
        let key: String
        switch f[2].kind {
        case .string(let s): key = s
        case .int(let i): key = String(i)
        default: throw fail("storage key is a \(f[2].typeName)")
        }
        let numel = try int(f[4], "storage size")
        guard numel >= 0 else { throw SerializationError.badTensor("negative storage size \(numel)") }
        var ref = StorageRef(key: key, dtype: dtype, numel: numel)
        if f.count >= 6, case .tuple(let view) = f[5].kind, view.count == 3 {
            // Legacy storage view: (view key, offset, size) into this root storage.
            guard case .string(let viewKey) = view[0].kind else { throw fail("storage view key is not a str") }
            let offset = try int(view[1], "view offset"), size = try int(view[2], "view size")
            guard offset >= 0, size >= 0, offset <= numel, size <= numel - offset else {
                throw SerializationError.badTensor("storage view [\(offset), +\(size)) outside storage of \(numel)")
            }
            ref = StorageRef(key: viewKey, dtype: dtype, numel: size, view: (key, offset, size))
            ref.view = (key, offset, size)
            rootNumel[key] = numel
        }
        return PyObj(.storage(ref))
    }

    /// For legacy storage views: the element count of each root storage.
    var rootNumel: [String: Int] = [:]
}
