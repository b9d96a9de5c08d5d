import Synchronization

/// How tensors are printed, PyTorch's `torch._tensor_str.PRINT_OPTS`.
///
/// Set process-wide with `Torch.setPrintOptions(...)`; read with
/// `Torch.getPrintOptions()`.
public struct PrintOptions: Sendable, Equatable {
    /// Digits after the decimal point for floating values.
    public var precision: Int
    /// Above this many elements a tensor is summarised with `...`.
    public var threshold: Int
    /// Elements kept at each end of a summarised dimension.
    public var edgeitems: Int
    /// Characters per line before rows wrap.
    public var linewidth: Int
    /// Forces (`true`) or forbids (`false`) scientific notation; `nil` chooses
    /// from the values, as PyTorch's `sci_mode=None`.
    public var sciMode: Bool?

    /// Builds a set of options; the defaults are PyTorch's.
    public init(precision: Int = 4, threshold: Int = 1000, edgeitems: Int = 3, linewidth: Int = 80, sciMode: Bool? = nil) {
        self.precision = precision
        self.threshold = threshold
        self.edgeitems = edgeitems
        self.linewidth = linewidth
        self.sciMode = sciMode
    }

    /// The options of a named profile.
    public init(profile: PrintProfile) {
        switch profile {
        case .default: self.init()
        case .short: self.init(precision: 2, edgeitems: 2)
        case .full: self.init(threshold: Int.max)
        }
    }
}

/// The presets of `torch.set_printoptions(profile=...)`.
public enum PrintProfile: String, Sendable, CaseIterable {
    /// precision 4, threshold 1000, edgeitems 3, linewidth 80.
    case `default`
    /// precision 2, threshold 1000, edgeitems 2, linewidth 80.
    case short
    /// precision 4, no summarisation, edgeitems 3, linewidth 80.
    case full
}

/// The process-wide options. Behind a lock because any thread may print while
/// another changes them.
private let currentPrintOptions = Mutex(PrintOptions())

/// Changes how tensors print, PyTorch's `torch.set_printoptions`.
///
/// A profile first resets every option to its preset; the other arguments
/// then override single options. As in PyTorch, `sciMode` is always assigned,
/// so leaving it out returns to automatic choice.
///
/// ```swift
/// Torch.setPrintOptions(precision: 2)
/// print(Tensor([1.2345]))          // tensor([1.23])
/// Torch.setPrintOptions(profile: .default)
/// ```
public func setPrintOptions(precision: Int? = nil, threshold: Int? = nil, edgeitems: Int? = nil, linewidth: Int? = nil,
                            profile: PrintProfile? = nil, sciMode: Bool? = nil) {
    currentPrintOptions.withLock { options in
        if let profile { options = PrintOptions(profile: profile) }
        if let precision { options.precision = precision }
        if let threshold { options.threshold = threshold }
        if let edgeitems { options.edgeitems = edgeitems }
        if let linewidth { options.linewidth = linewidth }
        options.sciMode = sciMode
    }
}

/// Replaces all print options at once.
public func setPrintOptions(_ options: PrintOptions) {
    currentPrintOptions.withLock { $0 = options }
}

/// The print options in effect, PyTorch's `torch._tensor_str.get_printoptions()`.
public func getPrintOptions() -> PrintOptions {
    currentPrintOptions.withLock { $0 }
}
