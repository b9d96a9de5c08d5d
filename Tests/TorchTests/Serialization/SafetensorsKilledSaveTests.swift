import Foundation
import Testing
@testable import Torch

@Suite(.serialized) struct SafetensorsKilledSaveTests {
    static let folder = "/tmp/torch-stio-killed-save"

    @Test func processKilledMidSaveLeavesThePreviousCheckpointIntact() async throws {
        try? FileManager.default.removeItem(atPath: Self.folder)
        try FileManager.default.createDirectory(atPath: Self.folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: Self.folder) }
        let path = Self.folder + "/ckpt.safetensors"
        try Safetensors.saveFile(["w": Torch.arange(8, dtype: .float32)], to: path, metadata: ["epoch": "1"])
        let before = try Data(contentsOf: URL(fileURLWithPath: path))

        // A child process starts saving a new checkpoint and dies halfway through the tensor data.
        await #expect(processExitsWith: .failure) {
            let plan = try! Safetensors.plan([("w", Torch.zeros([100_000]))], metadata: ["epoch": "2"])
            try! Safetensors.writeAtomically(to: "/tmp/torch-stio-killed-save/ckpt.safetensors") { sink in
                try sink.write(plan.header)
                let t = plan.tensors[0]
                try sink.write(UnsafeRawBufferPointer(start: t.ioBytePointer, count: 200_000))
                _exit(9)
            }
        }

        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        let back = try Safetensors.loadFile(path)
        #expect(back["w"]!.equal(Torch.arange(8, dtype: .float32)))
        #expect(try Safetensors.metadata(of: path) == ["epoch": "1"])
        // The dead save's partial temporary file is a hidden sibling, never the checkpoint itself.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: Self.folder).filter { $0 != "ckpt.safetensors" }
        #expect(leftovers.count == 1 && leftovers.allSatisfy { $0.hasPrefix(".ckpt.safetensors.tmp-") })
    }
}
