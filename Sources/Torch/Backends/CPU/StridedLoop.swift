import Dispatch
import Foundation

/// Iteration over an n-d index space for several operands at once.
///
/// Dimensions are coalesced first (size-1 dims dropped, neighbouring dims
/// merged when every operand steps through them as one), so a contiguous or
/// broadcast loop becomes a few long inner runs. The body receives the storage
/// offset of each operand at the start of a run, the run's length, and is
/// expected to step by `innerStrides` within it.
struct StridedLoop {
    /// Coalesced sizes, innermost last.
    private(set) var shape: [Int]
    /// Operand k's stride for coalesced dim d is `strides[k * rank + d]`
    /// (one flat array: nested arrays cost an allocation each on the per-op path).
    private(set) var strides: [Int]
    let offsets: [Int]
    let count: Int
    let operandCount: Int

    init(shape: [Int], layouts: [Layout]) {
        let k = layouts.count
        operandCount = k
        var dims: [Int] = []
        dims.reserveCapacity(shape.count)
        // Per-dim strides, dim-major while coalescing: entry d*k + j.
        var merged: [Int] = []
        merged.reserveCapacity(shape.count * k)
        for d in 0..<shape.count where shape[d] != 1 {
            if !dims.isEmpty {
                let last = dims.count - 1
                var mergeable = true
                for j in 0..<k where merged[last * k + j] != layouts[j].strides[d] * shape[d] {
                    mergeable = false
                    break
                }
                if mergeable {
                    dims[last] *= shape[d]
                    for j in 0..<k { merged[last * k + j] = layouts[j].strides[d] }
                    continue
                }
            }
            dims.append(shape[d])
            for j in 0..<k { merged.append(layouts[j].strides[d]) }
        }
        if dims.isEmpty {
            dims = [1]
            merged = [Int](repeating: 0, count: k)
        }
        let rank = dims.count
        var strides = [Int](repeating: 0, count: rank * k)
        for d in 0..<rank {
            for j in 0..<k { strides[j * rank + d] = merged[d * k + j] }
        }
        self.shape = dims
        self.strides = strides
        var offsets = [Int](repeating: 0, count: k)
        for j in 0..<k { offsets[j] = layouts[j].offset }
        self.offsets = offsets
        var n = 1
        for s in shape { n *= s }
        self.count = n
    }

    /// The inner (last-dim) stride of each operand.
    @inline(__always)
    func innerStride(_ k: Int) -> Int { strides[k * shape.count + shape.count - 1] }

    /// Calls `body(offsets, runLength)` for each inner run covering the linear
    /// element range `range` (in row-major order of the coalesced shape).
    @inline(__always)
    func forEachRun(in range: Range<Int>, _ body: (UnsafeMutablePointer<Int>, Int) -> Void) {
        if range.isEmpty { return }
        let rank = shape.count
        let inner = shape[rank - 1]
        let k = operandCount
        withUnsafeTemporaryAllocation(of: Int.self, capacity: k + rank) { scratch in
            let pos = scratch.baseAddress!
            let index = pos + k
            // Multi-index of range.lowerBound, and each operand's offset there.
            var rest = range.lowerBound
            for d in stride(from: rank - 1, through: 0, by: -1) {
                index[d] = rest % shape[d]
                rest /= shape[d]
            }
            for j in 0..<k {
                var o = offsets[j]
                for d in 0..<rank { o += index[d] * strides[j * rank + d] }
                pos[j] = o
            }
            var done = range.lowerBound
            while done < range.upperBound {
                let run = min(inner - index[rank - 1], range.upperBound - done)
                body(pos, run)
                done += run
                if done >= range.upperBound { break }
                // Advance to the start of the next run.
                for j in 0..<k { pos[j] += run * strides[j * rank + rank - 1] }
                index[rank - 1] += run
                var d = rank - 1
                while d > 0 && index[d] == shape[d] {
                    for j in 0..<k { pos[j] -= shape[d] * strides[j * rank + d] }
                    index[d] = 0
                    d -= 1
                    index[d] += 1
                    for j in 0..<k { pos[j] += strides[j * rank + d] }
                }
            }
        }
    }

    /// Runs over all elements, split across cores when there are many.
    @inline(__always)
    func forEachRun(_ body: (UnsafeMutablePointer<Int>, Int) -> Void) {
        let chunks = Parallel.chunkCount(for: count)
        if chunks == 1 {
            forEachRun(in: 0..<count, body)
        } else {
            withoutActuallyEscaping(body) { body in
                Parallel.run(count: count, chunks: chunks) { range in forEachRun(in: range, body) }
            }
        }
    }
}

/// Splitting of large loops across cores.
enum Parallel {
    /// Elements below which a loop stays on one thread: thread hand-off costs
    /// more than it saves for small work.
    nonisolated(unsafe) static var grainSize = 32_768
    static let cores = max(1, sysconfThreads())

    static func chunkCount(for count: Int) -> Int {
        cores == 1 || count < grainSize * 2 ? 1 : min(cores, count / grainSize)
    }

    /// Runs `body` on `chunks` contiguous sub-ranges of `0..<count` in parallel.
    ///
    /// Always inlined: the caller's loop body must be specialised inside the
    /// worker closure, or every element pays an indirect call (10x slower).
    @inline(__always)
    static func run(count: Int, chunks: Int, _ body: (Range<Int>) -> Void) {
        if chunks <= 1 {
            body(0..<count)
            return
        }
        let ran = WorkerPool.shared.run(chunks: chunks) { c in
            body(count * c / chunks..<count * (c + 1) / chunks)
        }
        if ran { return }
        withoutActuallyEscaping(body) { body in
            let box = UncheckedSendable(body)
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                let lo = count * c / chunks
                let hi = count * (c + 1) / chunks
                box.value(lo..<hi)
            }
        }
    }
}

/// Carries a non-Sendable value into `concurrentPerform`; the loops that use it
/// write disjoint ranges.
struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

private func sysconfThreads() -> Int {
    #if canImport(Glibc)
    return Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    #else
    return Int(sysconf(_SC_NPROCESSORS_ONLN))
    #endif
}
