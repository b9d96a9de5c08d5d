import Foundation

/// Whether operations record the autograd graph, per thread as in PyTorch (a
/// `noGrad` block on one thread does not affect another).
enum GradMode {
    /// One flag per thread, behind a pthread key: a load is a few nanoseconds.
    private final class State { var enabled = true }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { pointer in
            #if canImport(Glibc)
            if let pointer { Unmanaged<AnyObject>.fromOpaque(pointer).release() }
            #else
            Unmanaged<AnyObject>.fromOpaque(pointer).release()
            #endif
        }
        return key
    }()

    private static var state: State {
        if let p = pthread_getspecific(key) { return Unmanaged<State>.fromOpaque(p).takeUnretainedValue() }
        let s = State()
        pthread_setspecific(key, Unmanaged.passRetained(s).toOpaque())
        return s
    }

    static var isEnabled: Bool {
        get { state.enabled }
        set { state.enabled = newValue }
    }
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
