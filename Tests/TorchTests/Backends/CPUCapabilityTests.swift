import Foundation
import Testing
import Torch

@Suite struct CPUCapabilityTests {
    @Test func capabilityNamesTheInstructionSetOfThisCPU() throws {
        let capability = Torch.backends.cpu.capability()
        #expect(["AVX512", "AVX2", "DEFAULT"].contains(capability))
        #if os(Linux) && arch(x86_64)
        // The kernel's view of the CPU's features must agree with ours.
        let cpuinfo = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        let flagLine = cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") } ?? ""
        let flags = Set(flagLine.split(separator: " ").map(String.init))
        let expected = flags.contains("avx512f") ? "AVX512" : flags.isSuperset(of: ["avx2", "fma"]) ? "AVX2" : "DEFAULT"
        #expect(capability == expected)
        #endif
    }

    @Test func blasLibraryNamesItsKernels() {
        let blas = Torch.backends.cpu.blasLibrary()
        #if os(Linux)
        #expect(blas.hasPrefix("OpenBLAS"))
        #expect(blas.contains("kernels)"))
        #else
        #expect(blas == "Accelerate")
        #endif
    }
}
