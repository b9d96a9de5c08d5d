/// The CPU backend: the primitives of `Backend` on the kernels of this folder
/// (Swift loops over strided layouts, BLAS for products, `WorkerPool` for threads).
enum CPUBackend: Backend {
    @inline(__always)
    static func unary<F: UnaryFunction>(_ f: F.Type, _ a: Tensor, into out: Tensor) {
        ElementwiseKernel.unary(f, a, into: out)
    }

    @inline(__always)
    static func floatUnary<F: FloatUnaryFunction>(_ f: F.Type, _ a: Tensor, into out: Tensor) {
        ElementwiseKernel.floatUnary(f, a, into: out)
    }

    @inline(__always)
    static func binary<F: BinaryFunction>(_ f: F.Type, _ a: Tensor, _ b: Tensor, into out: Tensor) {
        ElementwiseKernel.binary(f, a, b, into: out)
    }

    @inline(__always)
    static func floatBinary<F: FloatBinaryFunction>(_ f: F.Type, _ a: Tensor, _ b: Tensor, into out: Tensor) {
        ElementwiseKernel.floatBinary(f, a, b, into: out)
    }

    @inline(__always)
    static func compare<F: ComparisonFunction>(_ f: F.Type, _ a: Tensor, _ b: Tensor, into out: Tensor) {
        ElementwiseKernel.compare(f, a, b, into: out)
    }

    @inline(__always)
    static func copy(from src: Tensor, srcLayout: Layout, to dst: Tensor, dstLayout: Layout) {
        CopyKernel.copy(from: src, srcLayout: srcLayout, to: dst, dstLayout: dstLayout)
    }

    @inline(__always)
    static func fill(_ dst: Tensor, layout: Layout, with value: Scalar) {
        CopyKernel.fill(dst, layout: layout, with: value)
    }

    @inline(__always)
    static func reduce<A: ReductionKernel.Accumulation>(_ a: A.Type, _ input: Tensor, into out: Tensor) {
        ReductionKernel.reduce(a, input, into: out)
    }

    @inline(__always)
    static func batchedMatmul(_ a: Tensor, _ aLayout: Layout, _ b: Tensor, _ bLayout: Layout) -> Tensor {
        GemmKernel.batched(a, aLayout, b, bLayout)
    }

    @inline(__always)
    static func accumulateMatmul(_ a: Tensor, _ aLayout: Layout, _ b: Tensor, _ bLayout: Layout,
                                 alpha: Double, beta: Double, into out: Tensor) -> Bool {
        GemmKernel.accumulate(a, aLayout, b, bLayout, alpha: alpha, beta: beta, into: out)
    }
}
