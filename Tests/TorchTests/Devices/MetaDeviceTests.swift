import Foundation
import Testing
import Torch

/// Every case of `MetaDeviceCases` runs on the meta device with the shapes and
/// dtypes of its CPU run, outputs and gradients alike.
@Suite struct MetaDeviceTests {
    static let names = MetaDeviceCases.all.keys.sorted()

    @Test(arguments: names)
    func matchesTheCPURun(_ name: String) async {
        await #expect(processExitsWith: .success) { [name] in
            let body = MetaDeviceCases.all[name]!
            Torch.manualSeed(0)
            let cpu = body(.cpu)
            Torch.manualSeed(0)
            let meta = body(.meta)
            let same = cpu.count == meta.count && zip(cpu, meta).allSatisfy { $0.shape == $1.shape && $0.dtype == $1.dtype && $1.isMeta }
            exit(same ? 0 : 1)
        }
    }
}
