import Foundation
@testable import Torch

/// The .pt fixtures written by scripts/fixtures/pt_files.py.
enum PtFixtures {
    static let folder: URL = {
        Bundle.module.url(forResource: "Fixtures/pt", withExtension: nil)
            ?? Bundle.module.resourceURL!.appendingPathComponent("Fixtures/pt")
    }()

    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// expected.json: file name → {"flat": {...}} or {"error": case name}.
    nonisolated(unsafe) static let expected: [String: [String: Any]] = {
        let data = try! Data(contentsOf: folder.appendingPathComponent("expected.json"))
        return try! JSONSerialization.jsonObject(with: data) as! [String: [String: Any]]
    }()

    static let loadable = ["linear_bn.pt", "dtypes.pt", "views.pt", "scalar_empty.pt", "ckpt_adam.pt",
                           "ckpt_adam_intstep.pt", "big_dict.pt", "param.pt", "neg_view.pt", "legacy.pt", "crc0.pt",
                           "proto4.pt", "edge.pt", "deflated.pt", "unaligned.pt", "bigendian.pt", "no_byteorder.pt", "device_mps.pt"]
    static let refused = ["torchscript.pt", "whole_module.pt", "quantized.pt"]
}

/// Row-major bytes of a tensor's values as lowercase hex.
func ptHexBytes(_ t: Tensor) -> String {
    let c = t.contiguous()
    let n = c.numel() * c.dtype.itemSize
    let p = (c.storage.data + c.storageOffset * c.dtype.itemSize).assumingMemoryBound(to: UInt8.self)
    return (0..<n).map { String(format: "%02x", p[$0]) }.joined()
}

func ptHexBytes(_ d: Data) -> String { d.map { String(format: "%02x", $0) }.joined() }

/// The same flattening as pt_files.py's `flatten`: path → description.
func flattenPickle(_ value: PickleValue) -> [String: [String: Any]] {
    var out: [String: [String: Any]] = [:]
    var storages: [ObjectIdentifier: Int] = [:]
    func keyString(_ k: PickleValue) -> String {
        switch k {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .bool(let b): return b ? "True" : "False"
        default: return k.description
        }
    }
    func walk(_ v: PickleValue, _ path: String) {
        switch v {
        case .tensor(let t):
            var d: [String: Any] = ["kind": "tensor", "dtype": t.dtype.name, "shape": t.shape, "stride": t.stride(),
                                    "offset": t.storageOffset, "hex": ptHexBytes(t), "requires_grad": t.requiresGrad,
                                    "parameter": t is Parameter]
            if t.storage.byteCount > 0 {
                let id = ObjectIdentifier(t.storage)
                d["storage"] = storages[id] ?? storages.count
                storages[id] = d["storage"] as? Int
            }
            out[path] = d
        case .rawTensor(let r):
            out[path] = ["kind": "tensor", "dtype": r.dtypeName, "shape": r.shape, "stride": r.strides,
                         "offset": r.storageOffset, "hex": ptHexBytes(r.contiguousBytes()),
                         "requires_grad": r.requiresGrad, "parameter": false]
        case .bool(let b): out[path] = ["kind": "bool", "v": b]
        case .int(let i): out[path] = ["kind": "int", "v": String(i)]
        case .bigInt(let b): out[path] = ["kind": "int", "v": b.description]
        case .double(let d): out[path] = ["kind": "float", "v": String(format: "%016llx", d.bitPattern)]
        case .string(let s): out[path] = ["kind": "str", "v": s]
        case .none: out[path] = ["kind": "none"]
        case .dict(let d):
            out[path] = ["kind": d.ordered ? "OrderedDict" : "dict", "len": d.count]
            for (k, x) in d.entries { walk(x, path + "/" + keyString(k)) }
        case .list(let l), .tuple(let l):
            if case .list = v { out[path] = ["kind": "list", "len": l.count] } else { out[path] = ["kind": "tuple", "len": l.count] }
            for (i, x) in l.enumerated() { walk(x, path + "/" + String(i)) }
        case .bytes(let d): out[path] = ["kind": "bytes", "v": ptHexBytes(d)]
        case .object(let o): out[path] = ["kind": "object", "v": o.className]
        }
    }
    walk(value, "")
    return out
}

/// Differences between a Swift flattening and the expected one (empty when equal).
func flatDifferences(_ got: [String: [String: Any]], _ expected: [String: Any]) -> [String] {
    var diffs: [String] = []
    for (path, e) in expected {
        guard let e = e as? [String: Any] else { continue }
        guard let g = got[path] else { diffs.append("missing \(path)"); continue }
        for (field, ev) in e {
            let gv = g[field]
            let same: Bool
            switch ev {
            case let s as String: same = (gv as? String) == s
            case let a as [Int]: same = (gv as? [Int]) == a
            case let n as NSNumber:
                if let gb = gv as? Bool { same = gb == n.boolValue } else { same = (gv as? Int) == n.intValue }
            default: same = "\(ev)" == "\(gv ?? "nil")"
            }
            if !same { diffs.append("\(path).\(field): expected \(ev), got \(gv ?? "nil")") }
        }
    }
    for path in got.keys where expected[path] == nil { diffs.append("unexpected \(path)") }
    return diffs
}
