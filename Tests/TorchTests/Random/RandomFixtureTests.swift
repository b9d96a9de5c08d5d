import Foundation
import Testing
@testable import Torch

/// Programs of random calls recorded from PyTorch (scripts/fixtures/random_streams.py),
/// replayed on one generator and compared bit for bit, step by step.
@Suite struct RandomFixtureTests {
    nonisolated(unsafe) static let fixture = Fixture("random")

    @Test(arguments: [
        "randn_sizes_float32", "randn_sizes_float64", "rand_sizes_float32", "rand_sizes_float64",
        "randn_big_float32", "normal_affine", "uniform_bounds", "noncontiguous_fills", "randint_ranges",
        "random_full_range", "randperm_sizes", "bernoulli_and_exponential", "multinomial_draws",
        "seed_0", "seed_1", "seed_42", "seed_4294967338", "seed_123456789", "seed_-1", "dropout_global",
        "half_types", "half_randn_blocks", "layout_preserving_likes",
    ])
    func programMatchesPyTorchBitForBit(_ name: String) {
        let c = Self.fixture[name]
        let seed = c.extra["seed"] as! Int
        let g = Generator().manualSeed(seed)
        for (k, step) in (c.extra["steps"] as! [[String: Any]]).enumerated() {
            let op = step["op"] as! String
            let expected = step["result"] as! [String: Any]
            let actual = RandomProgram.run(step, generator: g)
            let label = "\(name) step \(k) (\(op))"
            #expect(actual.shape == expected["shape"] as! [Int], "\(label): shape")
            #expect(actual.dtype.name == expected["dtype"] as! String, "\(label): dtype")
            let texts = expected["values"] as! [String]
            if actual.dtype.isFloatingPoint {
                let got = actual.toArray(as: Double.self).map(\.bitPattern)
                let want = texts.map { Double($0)!.bitPattern }
                let firstBad = zip(got, want).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                #expect(got == want, "\(label): first mismatch at \(firstBad.map(String.init) ?? "-")")
            } else {
                #expect(actual.toArray(as: Int64.self) == texts.map { Int64($0)! }, "\(label)")
            }
        }
    }
}

/// Runs one recorded step (see the docstring of scripts/fixtures/random_streams.py).
enum RandomProgram {
    static func dtype(_ step: [String: Any], default name: String = "float32") -> DType {
        let n = step["dtype"] as? String ?? name
        return DType.allCases.first { $0.name == n }!
    }

    static func number(_ v: Any?) -> Double { (v as! NSNumber).doubleValue }
    static func int64(_ v: Any?) -> Int { (v as! NSNumber).intValue }

    static func tensor(_ v: Any?, dtype: DType) -> Tensor {
        if let rows = v as? [[NSNumber]] {
            return Tensor.fromArray(rows.flatMap { $0.map(\.doubleValue) }, shape: [rows.count, rows[0].count]).to(dtype)
        }
        let flat = (v as! [NSNumber]).map(\.doubleValue)
        return Tensor.fromArray(flat, shape: [flat.count]).to(dtype)
    }

    static func run(_ step: [String: Any], generator g: Generator) -> Tensor {
        let size = step["size"] as? [Int] ?? []
        let dt = dtype(step)
        switch step["op"] as! String {
        case "rand": return Torch.rand(size, dtype: dt, generator: g)
        case "randn": return Torch.randn(size, dtype: dt, generator: g)
        case "randint":
            return Torch.randint(int64(step["low"]), int64(step["high"]), size, dtype: dtype(step, default: "int64"), generator: g)
        case "normal": return Torch.normal(mean: number(step["mean"]), std: number(step["std"]), size: size, dtype: dt, generator: g)
        case "normal_tt":
            return Torch.normal(mean: tensor(step["meanv"], dtype: dt), std: tensor(step["stdv"], dtype: dt), generator: g)
        case "normal_st": return Torch.normal(mean: number(step["mean"]), std: tensor(step["stdv"], dtype: dt), generator: g)
        case "normal_ts": return Torch.normal(mean: tensor(step["meanv"], dtype: dt), std: number(step["std"]), generator: g)
        case "rand_like", "randn_like", "randint_like":
            var x = Torch.zeros(size, dtype: dt)
            if step["transpose"] as? Bool == true { x = x.t() }
            switch step["op"] as! String {
            case "rand_like": return Torch.randLike(x, generator: g)
            case "randn_like": return Torch.randnLike(x, generator: g)
            default: return Torch.randintLike(x, low: int64(step["low"]), high: int64(step["high"]), generator: g)
            }
        case "randperm": return Torch.randperm(step["n"] as! Int, generator: g)
        case "multinomial":
            var p = tensor(step["probs"], dtype: dt)
            if step["transpose"] as? Bool == true { p = p.t().contiguous().t() }
            return Torch.multinomial(p, numSamples: step["n"] as! Int,
                                     replacement: step["replacement"] as! Bool, generator: g)
        case "bernoulli":
            let p = tensor(step["probs"], dtype: dt)
            return Torch.bernoulli(step["transpose"] as? Bool == true ? p.t() : p, generator: g)
        case "dropout":
            let x = Torch.ones(size, dtype: dt)
            return Torch.dropout(step["transpose"] as? Bool == true ? x.t() : x, p: number(step["p"]), training: true, generator: g)
        default: break
        }
        let base = Torch.zeros(size, dtype: dt)
        let view: Tensor
        switch step["layout"] as? String ?? "contig" {
        case "t": view = base.t()
        case "slice": view = base.makeView(Layout(shape: [size[0], size[1] / 2], strides: [size[1], 2], offset: 0))
        case "permute": view = base.permute(2, 0, 1)
        default: view = base
        }
        switch step["op"] as! String {
        case "uniform_": view.uniform_(from: number(step["from"]), to: number(step["to"]), generator: g)
        case "normal_": view.normal_(mean: number(step["mean"]), std: number(step["std"]), generator: g)
        case "random_":
            if step["to"] != nil {
                view.random_(from: step["from"] == nil ? 0 : int64(step["from"]), to: int64(step["to"]), generator: g)
            } else {
                view.random_(generator: g)
            }
        case "bernoulli_": view.bernoulli_(p: number(step["p"]), generator: g)
        case "exponential_": view.exponential_(lambd: number(step["lambd"]), generator: g)
        case let op: fatalError("unknown op \(op)")
        }
        return base
    }
}
