import Foundation

/// Background threads that compute batches ahead of the consumer, in order.
///
/// The consumer (the thread running the `for` loop) pulls work items from the
/// sampler, as PyTorch's main process does, and keeps at most `limit` of them
/// in flight; workers take items first come first served and file the result
/// under the item's sequence number; the consumer hands results out strictly
/// by sequence number, so the batches and their order equal `numWorkers: 0`.
/// Dropping the prefetcher (the loop ends or breaks) stops the workers and
/// waits for them, so no thread outlives the iteration.
final class BatchPrefetcher<Batch: Sendable> {
    typealias Work = @Sendable () -> Batch

    private let queue: WorkQueue<Batch>
    private var work: AnyIterator<Work>
    private let limit: Int
    private let workers: Int
    private var sent = 0
    private var received = 0

    init(workers: Int, limit: Int, work: AnyIterator<Work>) {
        self.queue = WorkQueue()
        self.work = work
        self.limit = max(limit, 1)
        self.workers = workers
        for _ in 0..<workers {
            let queue = self.queue
            let thread = Thread { queue.runWorker() }
            thread.name = "DataLoader worker"
            thread.start()
        }
        topUp()
    }

    /// Submits work until `limit` items are in flight or the sampler is done.
    private func topUp() {
        while sent - received < limit, let item = work.next() {
            queue.submit(sequence: sent, item)
            sent += 1
        }
    }

    /// The next batch in sampler order, or nil at the end.
    func next() -> Batch? {
        topUp()
        guard received < sent else { return nil }
        let batch = queue.take(sequence: received)
        received += 1
        topUp()
        return batch
    }

    deinit {
        queue.shutDown(workers: workers)
    }
}

/// The state shared by the consumer and the workers, behind one condition lock.
private final class WorkQueue<Batch: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var pending: [(Int, @Sendable () -> Batch)] = []
    private var pendingHead = 0
    private var results: [Int: Batch] = [:]
    private var stopping = false
    private var exited = 0

    func submit(sequence: Int, _ item: @escaping @Sendable () -> Batch) {
        condition.lock()
        pending.append((sequence, item))
        condition.broadcast()
        condition.unlock()
    }

    /// Blocks until the result for `sequence` is ready and removes it.
    func take(sequence: Int) -> Batch {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let batch = results.removeValue(forKey: sequence) { return batch }
            condition.wait()
        }
    }

    /// A worker's loop: take the oldest item, run it outside the lock, file the result.
    func runWorker() {
        condition.lock()
        while true {
            if stopping { break }
            if pendingHead < pending.count {
                let (sequence, item) = pending[pendingHead]
                pendingHead += 1
                if pendingHead == pending.count { pending.removeAll(keepingCapacity: true); pendingHead = 0 }
                condition.unlock()
                let batch = item()
                condition.lock()
                results[sequence] = batch
                condition.broadcast()
            } else {
                condition.wait()
            }
        }
        exited += 1
        condition.broadcast()
        condition.unlock()
    }

    /// Asks the workers to stop after their current item and waits until all have.
    func shutDown(workers: Int) {
        condition.lock()
        stopping = true
        condition.broadcast()
        while exited < workers { condition.wait() }
        pending.removeAll()
        results.removeAll()
        condition.unlock()
    }
}
