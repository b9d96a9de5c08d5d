/// Whether operations record the autograd graph. PyTorch keeps this per
/// thread; we keep one process-wide flag because tensor math on background
/// threads (data-loader workers) does not record graphs.
enum GradMode {
    nonisolated(unsafe) static var isEnabled = true
}


/// Runs `body` with gradient recording off, PyTorch's `with torch.no_grad():`.
///
/// ```swift
/// let y = Torch.noGrad { x * 2 }   // y.requiresGrad == false
/// ```
public func noGrad<R>(_ body: () throws -> R) rethrows -> R {
    let previous = GradMode.isEnabled
    GradMode.isEnabled = false
    defer { GradMode.isEnabled = previous }
    return try body()
}

/// Runs `body` with gradient recording on, PyTorch's `with torch.enable_grad():`.
public func enableGrad<R>(_ body: () throws -> R) rethrows -> R {
    let previous = GradMode.isEnabled
    GradMode.isEnabled = true
    defer { GradMode.isEnabled = previous }
    return try body()
}

/// Turns gradient recording on or off until changed again, PyTorch's `torch.set_grad_enabled`.
public func setGradEnabled(_ enabled: Bool) { GradMode.isEnabled = enabled }

/// Whether gradient recording is on, PyTorch's `torch.is_grad_enabled()`.
public func isGradEnabled() -> Bool { GradMode.isEnabled }
