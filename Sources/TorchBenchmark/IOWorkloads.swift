import Foundation
import Torch

extension Workloads {
    /// shared/bench/pytorch_reference.py `bench_io`: a 100 MB float32 state
    /// dict (25 tensors of [1000, 1000]) saved by this side, then loaded from a
    /// `.pt` file (read once into tensor memory) and from a safetensors file
    /// (memory-mapped, as `safetensors.torch.load_file` does).
    static func io(_ results: inout [String: Double]) {
        var state = StateDict()
        for i in 0..<25 { state["layer\(i).weight"] = Torch.randn([1000, 1000]) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("torch-bench-io-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let pt = folder.appendingPathComponent("state.pt").path
        let safetensors = folder.appendingPathComponent("state.safetensors").path
        do {
            try Torch.save(state, to: pt)
            results["load_pt_100MB_ms"] = medianTime(warmup: 1, repeat: 5) {
                blackHole(try! Torch.load(pt))
            } * 1e3
            try Safetensors.saveFile(state, to: safetensors)
            results["load_safetensors_100MB_ms"] = medianTime(warmup: 1, repeat: 5) {
                blackHole(try! Safetensors.loadFile(safetensors))
            } * 1e3
        } catch {
            FileHandle.standardError.write(Data("io benchmark failed: \(error)\n".utf8))
        }
    }
}
