import Foundation
import Torch
import TorchDatasets

/// The OpInfo conformance fixtures written by scripts/fixtures/opinfo.py: PyTorch's
/// own test inputs (`op_db`'s reference samples and error inputs) with PyTorch's
/// outputs and float64 gradients.
struct OpInfoFixture: Sendable {
    /// An argument as the generator wrote it: Python values by kind, tensors by key.
    indirect enum Arg: Sendable {
        case none
        case bool(Bool)
        case int(Int)
        case double(Double)
        case string(String)
        case dtype(DType)
        case tensor(String)
        case tensors([String])
        case list([Arg])

        /// What kind of value this is, for messages.
        var kind: String {
            switch self {
            case .none: return "None"
            case .bool: return "a bool"
            case .int: return "an int"
            case .double: return "a float"
            case .string: return "a string"
            case .dtype: return "a dtype"
            case .tensor: return "a tensor"
            case .tensors: return "a tensor list"
            case .list: return "a list"
            }
        }

        init(_ json: Any) {
            switch json {
            case is NSNull: self = .none
            case let s as String: self = .string(s)
            case let n as NSNumber:
                // JSONSerialization gives booleans as NSNumber too; their objCType is "c".
                if String(cString: n.objCType) == "c" { self = .bool(n.boolValue) } else { self = .int(n.intValue) }
            case let list as [Any]: self = .list(list.map(Arg.init))
            case let d as [String: Any]:
                if let f = d["f"] as? String { self = .double(Double(f)!) }
                else if let t = d["t"] as? String { self = .tensor(t) }
                else if let ts = d["tl"] as? [String] { self = .tensors(ts) }
                else if let name = d["dtype"] as? String { self = .dtype(DType.allCases.first { $0.name == name }!) }
                else { fatalError("unknown OpInfo argument \(d)") }
            default: fatalError("unknown OpInfo argument \(json)")
            }
        }
    }

    struct Sample: Sendable {
        /// Unique over the fixture; names the sample's tensors.
        let id: Int
        /// The position among its op's samples (dtype by dtype, in OpInfo's order):
        /// stable when other ops are added, so expectations name samples by it.
        var index = 0
        let dtype: DType?
        let input: Arg
        /// Arguments after the input, by name, in the order PyTorch received them.
        let args: [(name: String, value: Arg)]
        let outputs: [String]
        /// For float16/bfloat16 samples: the float64 result per output (nil where none).
        let references: [String?]
        /// Gradient keys by role ("input", an argument name, "input.0" for a list element).
        let grads: [String: String]
        /// For an error input: PyTorch's exception type and message pattern.
        let error: (type: String, regex: String)?

        init(_ json: [String: Any]) {
            id = json["id"] as! Int
            dtype = (json["dtype"] as? String).map { name in DType.allCases.first { $0.name == name }! }
            input = Arg(json["input"] as Any)
            // Closures read arguments by name, so JSONSerialization's lost key order does not matter.
            let rawArgs = json["args"] as? [String: Any] ?? [:]
            args = rawArgs.keys.sorted().map { ($0, Arg(rawArgs[$0]!)) }
            outputs = json["out"] as? [String] ?? []
            references = (json["ref"] as? [Any] ?? []).map { $0 as? String }
            grads = json["grads"] as? [String: String] ?? [:]
            if let type = json["error"] as? String { error = (type, json["regex"] as? String ?? "") } else { error = nil }
        }
    }

    struct Op: Sendable, CustomStringConvertible {
        let name: String
        let swift: String
        let dtypes: [DType]
        /// OpInfo's own (atol, rtol) overrides by dtype.
        let tolerances: [DType: (atol: Double, rtol: Double)]
        let samples: [Sample]
        var description: String { name }
    }

    let ops: [Op]
    let tensors: StateDict

    /// The main fixture (samples with outputs and gradients), loaded once.
    static let samples = OpInfoFixture(index: "index", tensors: "tensors")
    /// The error inputs alone: small, for the child processes of exit tests.
    static let errors = OpInfoFixture(index: "errors", tensors: "errors")

    init(index: String, tensors tensorFile: String) {
        let index = try! JSONSerialization.jsonObject(with: Self.resource(index + ".json")) as! [String: Any]
        tensors = try! Safetensors.load(Self.resource(tensorFile + ".safetensors"))
        ops = (index["ops"] as! [[String: Any]]).map { op in
            var tol: [DType: (atol: Double, rtol: Double)] = [:]
            for (name, pair) in op["tol"] as? [String: [Double]] ?? [:] {
                tol[DType.allCases.first { $0.name == name }!] = (pair[0], pair[1])
            }
            var samples = ((op["samples"] ?? op["errors"]) as? [[String: Any]] ?? []).map(Sample.init)
            for i in samples.indices { samples[i].index = i }
            return Op(name: op["name"] as! String, swift: op["swift"] as? String ?? "",
                      dtypes: (op["dtypes"] as? [String] ?? []).map { n in DType.allCases.first { $0.name == n }! },
                      tolerances: tol, samples: samples)
        }
    }

    enum Which { case samples, errors }

    func op(_ name: String) -> Op { ops.first { $0.name == name }! }

    /// The op and sample with this id.
    func find(id: Int) -> (Op, Sample)? {
        for op in ops { if let s = op.samples.first(where: { $0.id == id }) { return (op, s) } }
        return nil
    }

    func tensor(_ key: String) -> Tensor {
        guard let t = tensors[key] else { fatalError("no tensor \(key) in the OpInfo fixture") }
        return t
    }

    private static func resource(_ name: String) -> Data {
        let url = Bundle.module.url(forResource: "Fixtures/opinfo/" + name, withExtension: "gz")
            ?? Bundle.module.url(forResource: name, withExtension: "gz", subdirectory: "Fixtures/opinfo")!
        return try! gunzip(Data(contentsOf: url))
    }
}
