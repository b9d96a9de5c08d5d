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

    @inline(__always)
    static func activation<F: PointwiseActivation>(_ f: F.Type, _ x: Tensor, a: Double, b: Double, c: Double) -> Tensor {
        ActivationKernel.forward(f, x, a: a, b: b, c: c)
    }

    @inline(__always)
    static func activationBackward<F: PointwiseActivation>(_ f: F.Type, _ x: Tensor, _ grad: Tensor,
                                                          a: Double, b: Double, c: Double) -> Tensor {
        ActivationKernel.backward(f, x, grad, a: a, b: b, c: c)
    }

    @inline(__always)
    static func softmax(_ x: Tensor, dim: Int, log: Bool) -> Tensor {
        SoftmaxKernel.forward(x, dim: dim, log: log)
    }

    @inline(__always)
    static func softmaxBackward(grad: Tensor, output: Tensor, dim: Int, log: Bool) -> Tensor {
        SoftmaxKernel.backward(grad: grad, output: output, dim: dim, log: log)
    }

    @inline(__always)
    static func select(_ condition: Tensor, _ a: Tensor, _ b: Tensor, into out: Tensor) {
        LogicalKernel.select(condition, a, b, into: out)
    }

    @inline(__always)
    static func logical<F: LogicalFunction>(_ f: F.Type, _ a: Tensor, _ b: Tensor, into out: Tensor) {
        LogicalKernel.logical(f, a, b, into: out)
    }

    @inline(__always)
    static func bitwise<F: BitwiseFunction>(_ f: F.Type, _ a: Tensor, _ b: Tensor, into out: Tensor) {
        LogicalKernel.bitwise(f, a, b, into: out)
    }

    @inline(__always)
    static func bitwiseNot(_ a: Tensor, into out: Tensor) { LogicalKernel.bitwiseNot(a, into: out) }

    @inline(__always)
    static func classify<F: FloatClassFunction>(_ f: F.Type, _ a: Tensor, into out: Tensor) {
        LogicalKernel.classify(f, a, into: out)
    }

    @inline(__always)
    static func isclose(_ a: Tensor, _ b: Tensor, rtol: Double, atol: Double, equalNan: Bool, into out: Tensor) {
        LogicalKernel.isclose(a, b, rtol: rtol, atol: atol, equalNan: equalNan, into: out)
    }
}
