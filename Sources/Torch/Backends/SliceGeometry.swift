/// A tensor arranged for a reduction or scan as `[outer, size, inner]`, contiguous:
/// each output element (or scanned line) is the slice `x[o, 0..<size, i]`,
/// whose elements sit `inner` apart.
///
/// Reducing a block of neighbouring dims of a contiguous tensor needs no copy;
/// any other case permutes the reduced dims to the end and copies once, which
/// keeps every kernel below a plain loop over slices.
struct SliceGeometry {
    let input: Tensor
    let outer: Int
    let size: Int
    let inner: Int

    /// The number of slices (one per output element).
    var sliceCount: Int { outer * inner }

    init(_ x: Tensor, reducing mask: [Bool]) {
        if let g = SliceGeometry(withoutCopying: x, reducing: mask) { self = g; return }
        let shape = x.shape
        let kept = (0..<shape.count).filter { !mask[$0] }, reduced = (0..<shape.count).filter { mask[$0] }
        let order = kept + reduced
        let permuted = Layout(shape: order.map { shape[$0] }, strides: order.map { x.layout.strides[$0] }, offset: x.layout.offset)
        let copy = Tensor(storage: x.storage, layout: permuted, dtype: x.dtype).contiguousCopy()
        self.init(input: copy, outer: kept.reduce(1) { $0 * shape[$1] }, size: reduced.reduce(1) { $0 * shape[$1] }, inner: 1)
    }

    /// The arrangement when `x` is contiguous and its reduced dims (ignoring
    /// size-1 dims) are neighbours; nil when a copy would be needed.
    init?(withoutCopying x: Tensor, reducing mask: [Bool]) {
        let shape = x.shape
        let live = (0..<shape.count).filter { shape[$0] != 1 }
        let positions = live.indices.filter { mask[live[$0]] }
        func product(_ dims: some Sequence<Int>) -> Int { dims.reduce(1) { $0 * shape[$1] } }
        guard x.isContiguous else { return nil }
        if positions.isEmpty {
            self.init(input: x, outer: x.numel(), size: 1, inner: 1)
            return
        }
        let first = positions.first!, last = positions.last!
        guard last - first + 1 == positions.count else { return nil }
        self.init(input: x, outer: product(live[..<first]), size: product(positions.map { live[$0] }),
                  inner: product(live[(last + 1)...]))
    }

    /// A single dim of `x` as the middle block (for scans and sorting).
    init(_ x: Tensor, dim: Int) {
        var mask = [Bool](repeating: false, count: x.ndim)
        if x.ndim > 0 { mask[dim] = true }
        let shape = x.shape
        let source = x.isContiguous ? x : x.contiguousCopy()
        let outer = shape[..<min(dim, shape.count)].reduce(1, *)
        let size = x.ndim == 0 ? 1 : shape[dim]
        let inner = x.ndim == 0 ? 1 : shape[(dim + 1)...].reduce(1, *)
        self.init(input: source, outer: outer, size: size, inner: inner)
    }

    private init(input: Tensor, outer: Int, size: Int, inner: Int) {
        self.input = input
        self.outer = outer
        self.size = size
        self.inner = inner
    }
}
