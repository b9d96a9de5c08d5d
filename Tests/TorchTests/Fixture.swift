import Foundation
import Testing
import Torch

/// Golden cases written by the generators in scripts/fixtures (see common.py there).
struct Fixture {
    struct TensorData {
        let dtype: DType
        let shape: [Int]
        let data: [Double]

        init(_ json: [String: Any]) {
            let name = json["dtype"] as! String
            dtype = DType.allCases.first { $0.name == name }!
            shape = json["shape"] as! [Int]
            data = (json["data"] as! [Any]).map(Fixture.number)
        }

        /// The tensor, optionally requiring grad.
        func tensor(requiresGrad: Bool = false) -> Tensor {
            let t = Tensor.fromArray(data, shape: shape).to(dtype)
            return requiresGrad ? t.requiresGrad_() : t
        }
    }

    struct Case {
        let name: String
        let raw: [String: Any]
        /// Tensor inputs (nil where the input was not a tensor).
        let inputs: [TensorData?]
        /// Non-tensor inputs as written (ints, lists, strings).
        let rawInputs: [Any]
        let outputs: [TensorData]
        let gradOutput: TensorData?
        let grads: [TensorData?]
        let extra: [String: Any]

        /// Input `i` as a tensor; requires grad when the fixture has a gradient for it.
        func input(_ i: Int) -> Tensor {
            inputs[i]!.tensor(requiresGrad: i < grads.count && grads[i] != nil)
        }

        var output: TensorData { outputs[0] }
    }

    let cases: [String: Case]

    init(_ file: String) {
        let url = Bundle.module.url(forResource: "Fixtures/" + file, withExtension: "json")
            ?? Bundle.module.url(forResource: file, withExtension: "json", subdirectory: "Fixtures")!
        let json = try! JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        var cases: [String: Case] = [:]
        for c in json["cases"] as! [[String: Any]] {
            let ins = c["inputs"] as! [Any]
            let out = c["output"]
            let outputs: [TensorData]
            if let list = out as? [[String: Any]] { outputs = list.map(TensorData.init) }
            else if let one = out as? [String: Any] { outputs = [TensorData(one)] }
            else { outputs = [] }
            let name = c["name"] as! String
            cases[name] = Case(
                name: name, raw: c,
                inputs: ins.map { ($0 as? [String: Any]).flatMap { $0["dtype"] != nil ? TensorData($0) : nil } },
                rawInputs: ins,
                outputs: outputs,
                gradOutput: (c["grad_output"] as? [String: Any]).map(TensorData.init),
                grads: ((c["grads"] as? [Any]) ?? []).map { ($0 as? [String: Any]).map(TensorData.init) },
                extra: c["extra"] as? [String: Any] ?? [:])
        }
        self.cases = cases
    }

    subscript(name: String) -> Case {
        guard let c = cases[name] else { fatalError("no fixture case \(name)") }
        return c
    }

    static func number(_ v: Any) -> Double {
        if let s = v as? String {
            switch s {
            case "nan": return .nan
            case "inf": return .infinity
            case "-inf": return -.infinity
            default: return Double(s)!
            }
        }
        if let b = v as? Bool { return b ? 1 : 0 }
        return (v as! NSNumber).doubleValue
    }
}

/// Compares a tensor with a fixture tensor: shape, dtype and values within tolerance.
func expectMatches(_ actual: Tensor, _ expected: Fixture.TensorData, rtol: Double = 1e-5, atol: Double = 1e-6,
                   sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.shape == expected.shape, "shape \(actual.shape) vs \(expected.shape)", sourceLocation: sourceLocation)
    #expect(actual.dtype == expected.dtype, "dtype \(actual.dtype) vs \(expected.dtype)", sourceLocation: sourceLocation)
    if actual.shape == expected.shape {
        expectClose(actual.toArray(as: Double.self), expected.data, rtol: rtol, atol: atol, sourceLocation: sourceLocation)
    }
}

/// Runs a fixture case: builds inputs, applies `op`, compares output and input gradients.
func checkCase(_ c: Fixture.Case, rtol: Double = 1e-5, atol: Double = 1e-6,
               sourceLocation: SourceLocation = #_sourceLocation, _ op: ([Tensor]) -> Tensor) {
    let inputs = c.inputs.indices.map { i in c.inputs[i] == nil ? Torch.zeros([]) : c.input(i) }
    let out = op(inputs)
    expectMatches(out, c.output, rtol: rtol, atol: atol, sourceLocation: sourceLocation)
    guard let go = c.gradOutput else { return }
    out.backward(gradient: go.tensor())
    for (i, g) in c.grads.enumerated() {
        guard let g else { continue }
        guard let actual = inputs[i].grad else {
            Issue.record("no gradient for input \(i) of \(c.name)", sourceLocation: sourceLocation)
            continue
        }
        expectMatches(actual, g, rtol: rtol, atol: atol, sourceLocation: sourceLocation)
    }
}
