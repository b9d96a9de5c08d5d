/// Where a tensor's storage lives, PyTorch's `torch.device`: a device type and,
/// for devices that come in several, an index.
///
/// ```swift
/// let device = Device(Torch.cuda.isAvailable() ? "cuda" : "cpu")
/// let x = Torch.randn([2, 3], device: device)
/// print(x.device)            // cpu
/// let d: Device = "cuda:1"   // d.type == "cuda", d.index == 1
/// ```
///
/// As in PyTorch, `Device("cuda")` (no index) and `Device("cuda:0")` are
/// different values; a tensor moved to `"cuda"` lands on the current device
/// and reports its index.
public struct Device: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The kinds of device the package knows.
    public enum Kind: String, Sendable, CaseIterable {
        /// Host memory, the CPU backend.
        case cpu
        /// An NVIDIA GPU (no backend yet: moving a tensor there stops as on a machine without a driver).
        case cuda
        /// Shapes, dtypes and strides without memory, PyTorch's `meta` device.
        case meta
    }

    /// The device's kind.
    public let kind: Kind
    /// The device's index among those of its kind; nil when not given.
    public let index: Int?

    /// The device type as PyTorch spells it (`"cpu"`, `"cuda"`, `"meta"`).
    public var type: String { kind.rawValue }

    /// Host memory.
    public static let cpu = Device(kind: .cpu, index: nil)
    /// The meta device: tensors with a shape and no memory.
    public static let meta = Device(kind: .meta, index: nil)
    /// A CUDA device; without an index, the current one.
    public static func cuda(_ index: Int? = nil) -> Device { Device(kind: .cuda, index: index) }

    /// A device of a kind, with an optional index.
    public init(kind: Kind, index: Int? = nil) {
        self.kind = kind
        self.index = index
    }

    /// Parses PyTorch's device strings: `"cpu"`, `"cuda"`, `"cuda:1"`, `"meta"`.
    /// A malformed string stops with PyTorch's message.
    public init(_ string: String, file: StaticString = #fileID, line: UInt = #line) {
        switch Device.parse(string) {
        case .success(let device): self = device
        case .failure(let error): torchFail(error.message, file: file, line: line)
        }
    }

    /// A device of the type PyTorch spells `type`, with an optional index, as `torch.device('cuda', 1)`.
    public init(_ type: String, _ index: Int?, file: StaticString = #fileID, line: UInt = #line) {
        let base = Device(type, file: file, line: line)
        if base.index != nil { torchFail("type (string) must not include an index because index was passed explicitly: \(type)", file: file, line: line) }
        if let index, index < 0 { torchFail("Device index must not be negative", file: file, line: line) }
        self.init(kind: base.kind, index: index)
    }

    public init(stringLiteral value: String) {
        self.init(value)
    }

    /// `cpu`, `cuda:0`, `meta`: the text PyTorch prints for `x.device`.
    public var description: String { index.map { "\(type):\($0)" } ?? type }

    static func parse(_ string: String) -> Result<Device, DeviceStringError> {
        let parts = string.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard let kind = Kind(rawValue: String(parts[0])) else {
            return .failure(DeviceStringError(message: "Expected one of cpu, cuda, meta device type at start of device string: \(string)"))
        }
        guard parts.count == 2 else { return .success(Device(kind: kind)) }
        let digits = parts[1]
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit), digits.count == 1 || digits.first != "0",
              let index = Int(digits) else {
            return .failure(DeviceStringError(message: "Invalid device string: '\(string)'"))
        }
        return .success(Device(kind: kind, index: index))
    }

    struct DeviceStringError: Error {
        let message: String
    }
}

/// The device factories use when no `device:` is given.
private enum DefaultDevice {
    nonisolated(unsafe) static var current = Device.cpu
}

/// Makes `device` the one factories (`zeros`, `randn`, tensor literals, ... and
/// so every layer's parameters) use when no `device:` is given, PyTorch's
/// `torch.set_default_device`.
public func setDefaultDevice(_ device: Device?, file: StaticString = #fileID, line: UInt = #line) {
    DefaultDevice.current = device.map { resolvedDevice($0, file: file, line: line) } ?? .cpu
}

/// The device factories use when no `device:` is given, PyTorch's `torch.get_default_device()`.
public func getDefaultDevice() -> Device { DefaultDevice.current }

/// Runs `body` with `device` as the default device, as PyTorch's
/// `with torch.device('meta'):` block; the previous default comes back after.
///
/// ```swift
/// let model = Torch.withDevice(.meta) { Sequential(Linear(4096, 4096), ReLU()) }   // no memory
/// print(model.numParameters())
/// ```
public func withDevice<R>(_ device: Device, file: StaticString = #fileID, line: UInt = #line, _ body: () throws -> R) rethrows -> R {
    let previous = DefaultDevice.current
    setDefaultDevice(device, file: file, line: line)
    defer { DefaultDevice.current = previous }
    return try body()
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
