/// Sums over a set of dims for any layout: each output element combines the
/// input elements that map to it. (Contiguous float sums take `FastSum` below.)
///
/// The loop walks the input with the output's layout broadcast over it
/// (stride 0 on reduced dims). When the reduced dims are innermost the run
/// is folded in a register (with a wider accumulator for floats); otherwise
/// whole rows are combined into the output, which vectorises.
enum ReductionKernel {
    /// The accumulator of a sum: Double for floats, Int64 for integers.
    protocol Accumulation {
        associatedtype Element: TensorElement
        associatedtype Acc
        static var identity: Acc { get }
        static func combine(_ acc: Acc, _ x: Element) -> Acc
        static func merge(_ a: Acc, _ b: Acc) -> Acc
        static func load(_ x: Element) -> Acc
        static func store(_ acc: Acc) -> Element
    }

    /// Reduces `input` into `out`, whose shape is the input shape with reduced
    /// dims set to 1 (keepdim form). `out` must be contiguous and is overwritten.
    static func reduce<A: Accumulation>(_: A.Type, _ input: Tensor, into out: Tensor) {
        let shape = input.shape
        let outLayout = Layout(shape: shape, strides: out.layout.broadcast(to: shape).strides, offset: out.layout.offset)
        let po = out.basePointer(as: A.Element.self)
        let pi = input.basePointer(as: A.Element.self)
        // Initialise the output with the identity.
        let n = out.numel()
        let initial = A.store(A.identity)
        (po + out.layout.offset).update(repeating: initial, count: n)
        if input.numel() == 0 { return }
        let loop = StridedLoop(shape: shape, layouts: [outLayout, input.layout])
        let so = loop.innerStride(0), si = loop.innerStride(1)
        loop.forEachRun(in: 0..<loop.count) { pos, count in
            let o = po + pos[0], x = pi + pos[1]
            if so == 0 {
                var acc = A.identity
                if si == 1 { for i in 0..<count { acc = A.combine(acc, x[i]) } } else {
                    for i in 0..<count { acc = A.combine(acc, x[i * si]) }
                }
                o[0] = A.store(A.merge(A.load(o[0]), acc))
            } else {
                for i in 0..<count { o[i * so] = A.store(A.combine(A.load(o[i * so]), x[i * si])) }
            }
        }
    }
}

enum SumOf<T: NumericElement>: ReductionKernel.Accumulation where T: FloatElement {
    typealias Element = T
    static var identity: Double { 0 }
    @inline(__always) static func combine(_ acc: Double, _ x: T) -> Double { acc + Double(x) }
    @inline(__always) static func merge(_ a: Double, _ b: Double) -> Double { a + b }
    @inline(__always) static func load(_ x: T) -> Double { Double(x) }
    @inline(__always) static func store(_ acc: Double) -> T { T(acc) }
}

enum IntegerSumOf<T: NumericElement>: ReductionKernel.Accumulation {
    typealias Element = T
    static var identity: T { T.zeroValue }
    @inline(__always) static func combine(_ acc: T, _ x: T) -> T { T.plus(acc, x) }
    @inline(__always) static func merge(_ a: T, _ b: T) -> T { T.plus(a, b) }
    @inline(__always) static func load(_ x: T) -> T { x }
    @inline(__always) static func store(_ acc: T) -> T { acc }
}

/// Sums of float32/float64 tensors arranged as `[outer, size, inner]`.
///
/// Each task owns whole output elements, so threads never share an
/// accumulator and the result does not depend on the thread count. Inner
/// loops add in the element type, several lanes wide, for at most `block`
/// terms; each block's partial sum then goes into a Double, which keeps the
/// error of a 4096-term float32 sum near that of a Double accumulator.
enum FastSum {
    static let block = 1024
    static let minColumns = 256
    static let maxColumns = 8192

    static func sum<T: FloatElement & SIMDScalar>(_ g: SliceGeometry, into out: UnsafeMutablePointer<T>) {
        let x = g.input.pointer(as: T.self)
        let (outer, size, inner) = (g.outer, g.size, g.inner)
        if size == 0 {
            out.update(repeating: 0, count: outer * inner)
            return
        }
        if inner == 1 {
            if outer == 1 {
                // One long row: split it, then add the partial sums in a fixed order.
                let pieces = Parallel.chunkCount(for: size)
                if pieces == 1 { out[0] = T(rowSum(x, size)); return }
                let partials = UnsafeMutablePointer<Double>.allocate(capacity: pieces)
                defer { partials.deallocate() }
                Parallel.run(count: pieces, chunks: pieces) { range in
                    for p in range {
                        let lo = size * p / pieces, hi = size * (p + 1) / pieces
                        partials[p] = rowSum(x + lo, hi - lo)
                    }
                }
                var total = 0.0
                for p in 0..<pieces { total += partials[p] }
                out[0] = T(total)
                return
            }
            forTasks(outer, work: outer * size) { range in
                for o in range { out[o] = T(rowSum(x + o * size, size)) }
            }
            return
        }
        // Whole rows (up to maxColumns) per task: each row is then read as one
        // contiguous stream. Measured on 4096x4096 (2 cores): one task over full
        // rows 3.9 ms; two tasks of half rows each 12 ms; 1024-column blocks slower still.
        let columns = Swift.min(maxColumns, Swift.max(minColumns, (inner + 7) / 8 * 8))
        let blocksPerRow = (inner + columns - 1) / columns
        forTasks(outer * blocksPerRow, work: outer * size * inner) { range in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: columns) { acc in
                withUnsafeTemporaryAllocation(of: SIMD8<T>.self, capacity: columns / 8) { part in
                    let acc = acc.baseAddress!, part = part.baseAddress!
                    for task in range {
                        let o = task / blocksPerRow, c0 = (task - o * blocksPerRow) * columns
                        let width = min(columns, inner - c0)
                        columnSum(x + o * size * inner + c0, rows: size, stride: inner, width: width, acc: acc, part: part)
                        let dst = out + o * inner + c0
                        for c in 0..<width { dst[c] = T(acc[c]) }
                    }
                }
            }
        }
    }

    private static func forTasks(_ count: Int, work: Int, _ body: (Range<Int>) -> Void) {
        let chunks = min(Parallel.chunkCount(for: work), count)
        if chunks <= 1 { body(0..<count) } else { Parallel.run(count: count, chunks: chunks, body) }
    }

    /// The sum of `n` contiguous elements.
    @inline(__always)
    static func rowSum<T: FloatElement & SIMDScalar>(_ x: UnsafePointer<T>, _ n: Int) -> Double {
        let raw = UnsafeRawPointer(x)
        let stride = MemoryLayout<T>.stride
        var total = 0.0
        var k = 0
        while k < n {
            let end = min(n, k + block)
            var a0 = SIMD8<T>(), a1 = SIMD8<T>(), a2 = SIMD8<T>(), a3 = SIMD8<T>()
            while k + 32 <= end {
                a0 += raw.loadUnaligned(fromByteOffset: k * stride, as: SIMD8<T>.self)
                a1 += raw.loadUnaligned(fromByteOffset: (k + 8) * stride, as: SIMD8<T>.self)
                a2 += raw.loadUnaligned(fromByteOffset: (k + 16) * stride, as: SIMD8<T>.self)
                a3 += raw.loadUnaligned(fromByteOffset: (k + 24) * stride, as: SIMD8<T>.self)
                k += 32
            }
            var partial = ((a0 + a1) + (a2 + a3)).sum()
            while k < end {
                partial += x[k]
                k += 1
            }
            total += Double(partial)
        }
        return total
    }

    /// Sums `rows` rows of `width` contiguous elements (rows `stride` apart) into `acc`,
    /// eight columns per vector; `part` holds `width / 8` vectors.
    @inline(__always)
    static func columnSum<T: FloatElement & SIMDScalar>(_ x: UnsafePointer<T>, rows: Int, stride: Int, width: Int,
                                                        acc: UnsafeMutablePointer<Double>, part: UnsafeMutablePointer<SIMD8<T>>) {
        let vectors = width / 8, tail = vectors * 8
        let step = MemoryLayout<T>.stride
        for c in 0..<width { acc[c] = 0 }
        let rowsPerBlock = 64
        var r = 0
        while r < rows {
            let end = min(rows, r + rowsPerBlock)
            let first = UnsafeRawPointer(x + r * stride)
            for v in 0..<vectors { part[v] = first.loadUnaligned(fromByteOffset: v * 8 * step, as: SIMD8<T>.self) }
            for c in tail..<width { acc[c] += x[r * stride + c].doubleValue }
            r += 1
            while r < end {
                let row = UnsafeRawPointer(x + r * stride)
                for v in 0..<vectors { part[v] += row.loadUnaligned(fromByteOffset: v * 8 * step, as: SIMD8<T>.self) }
                for c in tail..<width { acc[c] += x[r * stride + c].doubleValue }
                r += 1
            }
            for v in 0..<vectors {
                let p = part[v]
                for lane in 0..<8 { acc[v * 8 + lane] += Double(p[lane]) }
            }
        }
    }
}
