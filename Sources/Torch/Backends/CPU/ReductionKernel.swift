/// Reductions over a set of dims: each output element combines the input
/// elements that map to it.
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
