/// The meta backend (PyTorch's `device='meta'`): tensors have shapes, dtypes and
/// strides and no memory, so every primitive has nothing to compute. The op
/// above it has already run its checks and shape rule and allocated its output
/// on the meta device; that is all a meta op does, which makes this backend the
/// test of the seam on machines without a GPU: an op that reaches a CPU kernel
/// directly, instead of through `Dispatch`, stops on a meta tensor.
enum MetaBackend: Backend {
    static func unary<F: UnaryFunction>(_: F.Type, _ a: Tensor, into out: Tensor) {}
    static func floatUnary<F: FloatUnaryFunction>(_: F.Type, _ a: Tensor, into out: Tensor) {}
    static func binary<F: BinaryFunction>(_: F.Type, _ a: Tensor, _ b: Tensor, into out: Tensor) {}
    static func floatBinary<F: FloatBinaryFunction>(_: F.Type, _ a: Tensor, _ b: Tensor, into out: Tensor) {}
    static func compare<F: ComparisonFunction>(_: F.Type, _ a: Tensor, _ b: Tensor, into out: Tensor) {}
    static func copy(from src: Tensor, srcLayout: Layout, to dst: Tensor, dstLayout: Layout) {}
    static func fill(_ dst: Tensor, layout: Layout, with value: Scalar) {}
    static func reduce<A: ReductionKernel.Accumulation>(_: A.Type, _ input: Tensor, into out: Tensor) {}

    static func batchedMatmul(_ a: Tensor, _ aLayout: Layout, _ b: Tensor, _ bLayout: Layout) -> Tensor {
        Tensor(uninitializedShape: [aLayout.shape[0], aLayout.shape[1], bLayout.shape[2]], dtype: a.dtype, device: .meta)
    }

    static func accumulateMatmul(_ a: Tensor, _ aLayout: Layout, _ b: Tensor, _ bLayout: Layout,
                                 alpha: Double, beta: Double, into out: Tensor) -> Bool { true }
}
