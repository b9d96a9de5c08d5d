#if canImport(Accelerate)
import Accelerate
#else
import CBLAS
#endif
import CFastMath

/// PyTorch's `torch.backends` namespace; use it through `Torch.backends`:
///
/// ```swift
/// print(Torch.backends.cpu.capability())   // "AVX512" on this machine
/// print(Torch.backends.cpu.blasLibrary())  // "OpenBLAS 0.3.21 ... (SkylakeX kernels)"
/// ```
public enum TorchBackends {
    /// The CPU backend's run-time choices.
    public static let cpu = CPUCapability.self
}

/// PyTorch's `torch.backends`: `Torch.backends.cpu.capability()`.
public let backends = TorchBackends.self

/// What the CPU backend picked for this machine when it loaded.
public enum CPUCapability {
    /// The instruction set the project's own vector kernels run with, PyTorch's
    /// `torch.backends.cpu.get_cpu_capability()`: `"AVX512"`, `"AVX2"` or
    /// `"DEFAULT"` (scalar and SSE code, and every non-x86 CPU).
    public static func capability() -> String {
        switch fastMathISALevel() {
        case 2: return "AVX512"
        case 1: return "AVX2"
        default: return "DEFAULT"
        }
    }

    /// The BLAS library behind float32/float64 matrix products and the kernels it
    /// chose for this CPU (OpenBLAS picks them by CPU model when it loads).
    public static func blasLibrary() -> String {
        #if canImport(Accelerate)
        return "Accelerate"
        #else
        let config = String(cString: openblas_get_config())
        let core = String(cString: openblas_get_corename())
        return "\(config) (\(core) kernels)"
        #endif
    }
}
