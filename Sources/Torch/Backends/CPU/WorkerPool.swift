import CFastMath
import Foundation
import Synchronization

/// The threads behind `Parallel.run`: one worker per extra core, each waiting
/// for the next parallel loop by spinning for a short while and then sleeping.
///
/// libdispatch, which ran these loops before, wakes a sleeping thread for every
/// loop (tens of microseconds), and which thread takes which chunk varies from
/// call to call. Here the caller runs chunk 0 and worker `w` chunk `w + 1`,
/// so a loop that splits the same data the same way every time (the recurrent
/// weight's column halves, step after step) finds its half in the same core's
/// cache; and a worker that finished a loop microseconds ago picks up the next
/// one without a system call, as PyTorch's OpenMP threads do.
///
/// One loop runs at a time. A loop started while another runs (from another
/// thread, or nested inside a chunk) goes to libdispatch instead.
final class WorkerPool: @unchecked Sendable {
    static let shared = WorkerPool(workers: Parallel.cores - 1)

    /// Spin iterations (each a CPU `pause`, tens of nanoseconds) before a worker sleeps.
    private static let spinLimit = 20_000

    let workers: Int
    private let busy = Atomic<Bool>(false)
    /// Bumped to publish a new loop.
    private let generation = Atomic<Int>(0)
    private let claimed = Atomic<Int>(0)
    private let finished = Atomic<Int>(0)
    private let sleepers = Atomic<Int>(0)
    private let wake = NSCondition()
    nonisolated(unsafe) private var body: ((Int) -> Void)?
    nonisolated(unsafe) private var chunks = 0

    private init(workers: Int) {
        self.workers = Swift.max(0, workers)
        for w in 0..<self.workers {
            let thread = Thread { [unowned self] in self.workerLoop(w) }
            thread.name = "torch-worker-\(w + 1)"
            thread.start()
        }
    }

    /// Runs `body(c)` for `c` in `0..<chunks` on the caller and the workers;
    /// false (nothing run) when the pool is busy with another loop.
    func run(chunks: Int, _ body: (Int) -> Void) -> Bool {
        guard workers > 0, busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else {
            return false
        }
        withoutActuallyEscaping(body) { body in
            self.body = body
            self.chunks = chunks
            claimed.store(workers + 1, ordering: .relaxed)
            finished.store(0, ordering: .relaxed)
            generation.add(1, ordering: .sequentiallyConsistent)
            if sleepers.load(ordering: .sequentiallyConsistent) > 0 {
                wake.lock()
                wake.broadcast()
                wake.unlock()
            }
            body(0)
            finished.add(1 + runShared(body, chunks), ordering: .releasing)
            // Every thread reports its own slot, plus each shared chunk it ran.
            let expected = Swift.max(chunks, workers + 1)
            while finished.load(ordering: .acquiring) < expected { torch_cpu_relax() }
            self.body = nil
        }
        busy.store(false, ordering: .releasing)
        return true
    }

    private func workerLoop(_ w: Int) {
        var seen = 0
        while true {
            var spins = 0
            while generation.load(ordering: .acquiring) == seen {
                spins += 1
                if spins < Self.spinLimit {
                    torch_cpu_relax()
                    continue
                }
                wake.lock()
                sleepers.add(1, ordering: .sequentiallyConsistent)
                while generation.load(ordering: .sequentiallyConsistent) == seen { wake.wait() }
                sleepers.subtract(1, ordering: .sequentiallyConsistent)
                wake.unlock()
            }
            seen = generation.load(ordering: .acquiring)
            finished.add(runChunks(worker: w), ordering: .releasing)
        }
    }

    /// A worker's part of the current loop: its own chunk (the first after
    /// the caller's), then shared ones; returns the count to report. Not
    /// inlined, so the worker's reference to the caller's closure is gone
    /// before `finished` lets the caller return (`withoutActuallyEscaping`).
    @inline(never)
    private func runChunks(worker w: Int) -> Int {
        let body = self.body!, chunks = self.chunks
        if w + 1 < chunks { body(w + 1) }
        return 1 + runShared(body, chunks)
    }

    /// Runs the chunks past the fixed ones (`workers + 1` and up) as they are
    /// claimed; returns how many this thread ran.
    private func runShared(_ body: (Int) -> Void, _ chunks: Int) -> Int {
        var ran = 0
        while true {
            let c = claimed.add(1, ordering: .relaxed).oldValue
            if c >= chunks { return ran }
            body(c)
            ran += 1
        }
    }
}
