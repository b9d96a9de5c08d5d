/// The fast path of elementwise kernels: every operand is contiguous with the
/// output's shape, or a single element broadcast to it. Then a loop is a plain
/// indexed loop over `0..<count` (which the compiler can vectorise), with no
/// stride bookkeeping and no allocations.
enum DenseLoop {
    /// How an operand is read in a dense loop.
    enum Access { case dense, scalar }

    /// The access of `t` when reading it as `shape`, or nil if neither dense nor scalar.
    @inline(__always)
    static func access(_ t: Tensor, as shape: [Int]) -> Access? {
        if t.layout.numel == 1 { return .scalar }
        if t.layout.shape == shape && t.layout.isContiguous { return .dense }
        return nil
    }

    /// Runs `body` over `0..<count`, split across cores when large.
    @inline(__always)
    static func run(count: Int, _ body: (Range<Int>) -> Void) {
        let chunks = Parallel.chunkCount(for: count)
        if chunks == 1 { body(0..<count) } else { Parallel.run(count: count, chunks: chunks, body) }
    }
}
