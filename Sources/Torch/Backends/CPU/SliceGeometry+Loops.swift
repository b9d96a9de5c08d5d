/// The CPU's walk over the slices of a `SliceGeometry`.
extension SliceGeometry {
    /// Calls `body(slice, stride, j)` for every slice, where `slice` points at the
    /// slice's first element and `j` is the slice's linear index in `[outer, inner]`
    /// order (the output position). Work is split across cores when large.
    @inline(__always)
    func forEachSlice<T: TensorElement>(_: T.Type, _ body: (UnsafeMutablePointer<T>, Int, Int) -> Void) {
        let base = input.pointer(as: T.self)
        let (size, inner, count) = (size, inner, sliceCount)
        let chunks = Parallel.chunkCount(for: count * max(size, 1))
        func run(_ range: Range<Int>) {
            for j in range {
                let o = j / inner, i = j - o * inner
                body(base + o * size * inner + i, inner, j)
            }
        }
        if chunks == 1 || count < 2 { run(0..<count) } else {
            Parallel.run(count: count, chunks: min(chunks, count)) { run($0) }
        }
    }
}
