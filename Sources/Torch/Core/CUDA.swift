/// PyTorch's `torch.cuda`, as `Torch.cuda`: what a program asks before it picks
/// a device. This build has no CUDA backend, so CUDA is never available: the
/// queries answer as PyTorch does on a machine without an NVIDIA driver (counts
/// and memory are 0, seeding is a no-op), and whatever needs a GPU stops with
/// PyTorch's message for that machine.
///
/// ```swift
/// let device = Device(Torch.cuda.isAvailable() ? "cuda" : "cpu")
/// ```
public enum CUDA {
    /// Whether a CUDA device can be used, PyTorch's `torch.cuda.is_available()`.
    public static func isAvailable() -> Bool { false }

    /// How many CUDA devices there are, PyTorch's `device_count()`.
    public static func deviceCount() -> Int { 0 }

    /// The index of the current device, PyTorch's `current_device()`.
    public static func currentDevice(file: StaticString = #fileID, line: UInt = #line) -> Int {
        requireDriver(file: file, line: line)
    }

    /// The name of a device, PyTorch's `get_device_name(d)`.
    public static func getDeviceName(_ device: Int = 0, file: StaticString = #fileID, line: UInt = #line) -> String {
        requireDriver(file: file, line: line)
    }

    /// Waits for all work on a device, PyTorch's `synchronize()`.
    public static func synchronize(file: StaticString = #fileID, line: UInt = #line) {
        requireDriver(file: file, line: line)
    }

    /// Returns cached device memory to the driver, PyTorch's `empty_cache()` (nothing to do here).
    public static func emptyCache() {}

    /// Bytes held by tensors on a device, PyTorch's `memory_allocated()`.
    public static func memoryAllocated(_ device: Int? = nil) -> Int { 0 }

    /// The peak of `memoryAllocated`, PyTorch's `max_memory_allocated()`.
    public static func maxMemoryAllocated(_ device: Int? = nil) -> Int { 0 }

    /// Seeds every device's generator, PyTorch's `manual_seed_all(s)` (no devices: nothing to seed).
    public static func manualSeedAll(_ seed: UInt64) {}

    /// Seeds the current device's generator, PyTorch's `torch.cuda.manual_seed(s)`.
    public static func manualSeed(_ seed: UInt64) {}

    /// Stops as PyTorch does when a CUDA call finds no driver.
    static func requireDriver(file: StaticString, line: UInt) -> Never {
        torchFail("Found no NVIDIA driver on your system. Please check that you have an NVIDIA GPU and installed a driver from http://www.nvidia.com/Download/index.aspx", file: file, line: line)
    }
}

/// `Torch.cuda`, PyTorch's `torch.cuda` module.
public let cuda = CUDA.self
