import Foundation
import Testing
import Torch

/// Writes Swift's versions of every fixture for scripts/fixtures/check_swift_st.py.
///
/// Runs only when `STIO_OUT` names a folder:
/// `STIO_OUT=/tmp/stio swift test --filter SafetensorsNumpyWritesForPython` then
/// `/tmp/torch/bin/python scripts/fixtures/check_swift_st.py /tmp/stio`.
@Suite struct SafetensorsNumpyWritesForPythonTests {
    @Test func writeFilesForThePythonCheck() throws {
        guard let out = ProcessInfo.processInfo.environment["STIO_OUT"] else { return }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        for file in STFixtures.safetensorsFiles {
            let dict = try Safetensors.loadFile(STFixtures.path(file))
            try Safetensors.saveFile(dict, to: out + "/" + file, metadata: STFixtures.expectedMetadata(file))
        }
        let model = Sequential([Linear(4, 3), BatchNorm1d(3)])
        try model.loadStateDict(Safetensors.loadFile(STFixtures.path("linear_bn.safetensors")))
        try Safetensors.saveFile(model.stateDict(), to: out + "/swift_model.safetensors", metadata: ["writer": "swift"])
        for file in STFixtures.npyFiles.keys {
            try Numpy.save(Numpy.load(STFixtures.path(file)), to: out + "/" + file)
        }
        let arrays = try Numpy.loadNpz(STFixtures.path("plain.npz"))
        try Numpy.savez(arrays, to: out + "/plain.npz")
        try Numpy.savezCompressed(try Numpy.loadNpz(STFixtures.path("compressed.npz")), to: out + "/compressed.npz")
    }
}
