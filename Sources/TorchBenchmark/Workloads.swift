import Foundation
import Torch

/// The standard workloads of shared/bench/WORKLOADS.md that this build covers,
/// by group; each adds `name: value` rows with the reference's names and units.
enum Workloads {
    static let groups: [(name: String, run: @Sendable (inout [String: Double]) -> Void)] = [
        ("matmul", matmul),
        ("elementwise", elementwise),
        ("overhead", overhead),
        ("recurrent", recurrent),
    ]

    static func matmul(_ results: inout [String: Double]) {
        for n in [64, 256, 1024, 2048] {
            let a = Torch.randn([n, n]), b = Torch.randn([n, n])
            let t = medianTime(repeat: n < 2048 ? 10 : 5) { blackHole(a.matmul(b)) }
            results["matmul_\(n)_gflops"] = 2 * pow(Double(n), 3) / t / 1e9
        }
    }

    static func elementwise(_ results: inout [String: Double]) {
        for n in [1 << 20, 1 << 24] {
            let x = Torch.randn([n]), y = Torch.randn([n])
            let out = Torch.empty([n])
            let t = medianTime { Torch.add(x, y, out: out) }
            results["add_\(n)_gbps"] = 12 * Double(n) / t / 1e9
        }
        let x = Torch.randn([1 << 20])
        results["exp_1M_ms"] = medianTime { blackHole(x.exp()) } * 1e3
        results["tanh_1M_ms"] = medianTime { blackHole(x.tanh()) } * 1e3
        results["sigmoid_1M_ms"] = medianTime { blackHole(x.sigmoid()) } * 1e3
        let a = Torch.randn([1024, 1024]), row = Torch.randn([1024])
        results["broadcast_add_1024x1024_ms"] = medianTime { blackHole(a + row) } * 1e3
        results["transpose_contiguous_1024x1024_ms"] = medianTime { blackHole(a.t().contiguous()) } * 1e3
        let big = Torch.randn([4096, 4096])
        results["sum_dim1_4096x4096_ms"] = medianTime { blackHole(big.sum(dim: 1)) } * 1e3
        results["sum_dim0_4096x4096_ms"] = medianTime { blackHole(big.sum(dim: 0)) } * 1e3
    }

    static func overhead(_ results: inout [String: Double]) {
        let a = Torch.randn([8]), b = Torch.randn([8])
        let n = 10_000
        let t = medianTime(warmup: 1, repeat: 5) {
            for _ in 0..<n { blackHole(Torch.add(a, b)) }
        }
        results["small_add_us_per_op"] = t / Double(n) * 1e6
        let w = Torch.randn([8, 8], requiresGrad: true)
        let x = Torch.randn([4, 8])
        results["tiny_fwd_bwd_us"] = medianTime(repeat: 200) {
            let loss = x.matmul(w).relu().sum()
            loss.backward()
        } * 1e6
    }
}
