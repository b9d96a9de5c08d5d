import Foundation

/// The median wall time of `body` in seconds after a warm-up, with the same
/// policy as shared/bench/pytorch_reference.py: at least `repeat` runs and at
/// least `minTime` seconds, at most 2000 runs.
func medianTime(warmup: Int = 3, repeat: Int = 15, minTime: Double = 0.3, _ body: () -> Void) -> Double {
    for _ in 0..<warmup { body() }
    var times: [Double] = []
    let start = DispatchTime.now().uptimeNanoseconds
    func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
    while times.count < `repeat` || elapsed() < minTime {
        let t0 = DispatchTime.now().uptimeNanoseconds
        body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
        if times.count > 2000 { break }
    }
    times.sort()
    let n = times.count
    return n % 2 == 1 ? times[n / 2] : (times[n / 2 - 1] + times[n / 2]) / 2
}

/// Keeps a value alive and opaque to the optimiser.
@inline(never)
func blackHole<T>(_ value: T) { withExtendedLifetime(value) {} }
