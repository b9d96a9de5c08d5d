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
    /// `strides[k]` are operand k's strides for the coalesced dims.
    private(set) var strides: [[Int]]
    let offsets: [Int]
    let count: Int

    init(shape: [Int], layouts: [Layout]) {
        var dims: [Int] = []
        var strides: [[Int]] = Array(repeating: [], count: layouts.count)
        for d in 0..<shape.count where shape[d] != 1 {
            if let last = dims.last,
               layouts.indices.allSatisfy({ strides[$0].last! == layouts[$0].strides[d] * shape[d] }) {
                dims[dims.count - 1] = last * shape[d]
                for k in layouts.indices { strides[k][strides[k].count - 1] = layouts[k].strides[d] }
            } else {
                dims.append(shape[d])
                for k in layouts.indices { strides[k].append(layouts[k].strides[d]) }
            }
        }
        if dims.isEmpty {
            dims = [1]
            for k in layouts.indices { strides[k] = [0] }
        }
        self.shape = dims
        self.strides = strides
        self.offsets = layouts.map { $0.offset }
        var n = 1
        for s in shape { n *= s }
        self.count = n
    }

    /// The inner (last-dim) stride of each operand.
    func innerStride(_ k: Int) -> Int { strides[k][shape.count - 1] }

    /// Calls `body(offsets, runLength)` for each inner run covering the linear
    /// element range `range` (in row-major order of the coalesced shape).
    @inline(__always)
    func forEachRun(in range: Range<Int>, _ body: (UnsafeMutablePointer<Int>, Int) -> Void) {
        if range.isEmpty { return }
        let rank = shape.count
        let inner = shape[rank - 1]
        let k = offsets.count
        // Multi-index of range.lowerBound, and each operand's offset there.
        var index = [Int](repeating: 0, count: rank)
        var rest = range.lowerBound
        for d in stride(from: rank - 1, through: 0, by: -1) {
            index[d] = rest % shape[d]
            rest /= shape[d]
        }
        withUnsafeTemporaryAllocation(of: Int.self, capacity: k) { pos in
            for j in 0..<k {
                var o = offsets[j]
                for d in 0..<rank { o += index[d] * strides[j][d] }
                pos[j] = o
            }
            var done = range.lowerBound
            while done < range.upperBound {
                let run = min(inner - index[rank - 1], range.upperBound - done)
                body(pos.baseAddress!, run)
                done += run
                if done >= range.upperBound { break }
                // Advance to the start of the next run.
                for j in 0..<k { pos[j] += run * strides[j][rank - 1] }
                index[rank - 1] += run
                var d = rank - 1
                while d > 0 && index[d] == shape[d] {
                    for j in 0..<k { pos[j] -= shape[d] * strides[j][d] }
                    index[d] = 0
                    d -= 1
                    index[d] += 1
                    for j in 0..<k { pos[j] += strides[j][d] }
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
    static func run(count: Int, chunks: Int, _ body: (Range<Int>) -> Void) {
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
