import Foundation
import Torch

extension Workloads {
    /// `load_safetensors_100MB_ms`: `Safetensors.loadFile` of 25 float32 1000x1000
    /// tensors (100 MB), the reference's `safetensors.torch.load_file` of the same
    /// state. Both memory-map the file, so this times header validation and
    /// tensor construction, not reading 100 MB.
    static func safetensorsIO(_ results: inout [String: Double]) {
        var state = StateDict()
        for i in 0..<25 { state["layer\(i).weight"] = Torch.randn([1000, 1000]) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("torch-bench-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("state.safetensors").path
        try! Safetensors.saveFile(state, to: path)
        results["load_safetensors_100MB_ms"] = medianTime(warmup: 1, repeat: 5) {
            blackHole(try! Safetensors.loadFile(path))
        } * 1e3
    }
}
