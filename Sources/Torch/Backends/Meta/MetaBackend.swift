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

    static func activation<F: PointwiseActivation>(_: F.Type, _ x: Tensor, a: Double, b: Double, c: Double) -> Tensor {
        like(x)
    }

    static func activationBackward<F: PointwiseActivation>(_: F.Type, _ x: Tensor, _ grad: Tensor,
                                                          a: Double, b: Double, c: Double) -> Tensor { like(x) }

    static func softmax(_ x: Tensor, dim: Int, log: Bool) -> Tensor { like(x) }

    static func softmaxBackward(grad: Tensor, output: Tensor, dim: Int, log: Bool) -> Tensor { like(output) }

    static func select(_ condition: Tensor, _ a: Tensor, _ b: Tensor, into out: Tensor) {}
    static func logical<F: LogicalFunction>(_: F.Type, _ a: Tensor, _ b: Tensor, into out: Tensor) {}
    static func bitwise<F: BitwiseFunction>(_: F.Type, _ a: Tensor, _ b: Tensor, into out: Tensor) {}
    static func bitwiseNot(_ a: Tensor, into out: Tensor) {}
    static func classify<F: FloatClassFunction>(_: F.Type, _ a: Tensor, into out: Tensor) {}
    static func isclose(_ a: Tensor, _ b: Tensor, rtol: Double, atol: Double, equalNan: Bool, into out: Tensor) {}

    static func layerNorm(_ x: Tensor, weight: Tensor?, bias: Tensor?, rows: Int, m: Int, eps: Double,
                          mean: Tensor, rstd: Tensor, into out: Tensor) {}
    static func layerNormBackward(grad: Tensor, x: Tensor, mean: Tensor, rstd: Tensor, weight: Tensor?, rows: Int, m: Int,
                                  dx: Tensor?, dw: Tensor?, db: Tensor?) {}
    static func channelStatistics(_ x: Tensor, n: Int, c: Int, inner: Int, mean: Tensor, variance: Tensor) {}
    static func batchNorm(_ x: Tensor, n: Int, c: Int, inner: Int, mean: Tensor, invstd: Tensor, weight: Tensor?, bias: Tensor?,
                          into out: Tensor) {}
    static func batchNormBackward(grad: Tensor, x: Tensor, n: Int, c: Int, inner: Int, mean: Tensor, invstd: Tensor,
                                  weight: Tensor?, training: Bool, dx: Tensor?, dw: Tensor?, db: Tensor?) {}

    static func im2col(_ image: Tensor, batch: Int, channels: Int, geometry: WindowGeometry, into out: Tensor, order: ColumnOrder) {}
    static func col2im(_ columns: Tensor, batch: Int, channels: Int, geometry: WindowGeometry, into out: Tensor, order: ColumnOrder) {}

    static func pool(_ source: Tensor, planes: Int, windows: PoolingWindows, mode: PoolingKernel.Mode) -> (Tensor, Tensor?) {
        let shape = [planes] + (mode == .sumAdjoint ? windows.imageShape : windows.outputShape)
        return (Tensor(uninitializedShape: shape, dtype: source.dtype, device: .meta),
                mode == .max ? Tensor(uninitializedShape: shape, dtype: .int64, device: .meta) : nil)
    }

    static func maxPoolBackward(_ grad: Tensor, indices: Tensor, planes: Int, inputCount: Int, outputCount: Int) -> Tensor {
        Tensor(uninitializedShape: [planes, inputCount], dtype: grad.dtype, device: .meta)
    }

    static func nllLoss(_ problem: NllLossKernel.Problem, input: Tensor, target: Tensor, weight: Tensor?, perElement: Tensor?,
                        file: StaticString, line: UInt) -> (sum: Tensor, totalWeight: Tensor) {
        (Tensor(uninitializedShape: [], dtype: .float64, device: .meta), Tensor(uninitializedShape: [], dtype: .float64, device: .meta))
    }

    static func nllLossBackward(_ problem: NllLossKernel.Problem, grad: Tensor, scale: Tensor, target: Tensor, weight: Tensor?,
                                into out: Tensor) {}

    static func indexGather(_ source: Tensor, indices: [Tensor?], into out: Tensor, file: StaticString, line: UInt) {}
    static func indexPut(_ target: Tensor, indices: [Tensor?], values: Tensor, reduction: IndexReduction,
                         file: StaticString, line: UInt) {}

    static func slices(_ op: SliceOp, _ g: SliceGeometry, into outputs: [Tensor]) {}
    static func gatherAlongDim(_ src: Tensor, srcRest: Layout, dimStride: Int, index: Tensor, into out: Tensor) {}
    static func scatterAlongDim(_ dst: Tensor, dstRest: Layout, dimStride: Int, index: Tensor, src: Tensor, srcLayout: Layout,
                                reduction: IndexReduction) {}
    static func parameterUpdate<U: ParameterUpdate>(_ rule: U, _ tensors: [Tensor], state: [Tensor?]) {}
    static func gatherSlices(_ src: Tensor, size: Int, index: Tensor, outer: Int, count: Int, inner: Int, into out: Tensor) {}
    static func scatterSlices(_ src: Tensor, index: Tensor, outer: Int, count: Int, inner: Int, size: Int, into out: Tensor) {}

    /// No prepared form: products go through `batchedMatmul`, which gives the shape.
    static func preparedMatrix(_ w: Tensor) -> (any PreparedMatrix)? { nil }
    static func lstmCellState(sig: Tensor, g: Tensor, c: Tensor, into cNext: Tensor) {}
    static func lstmHiddenState(sig: Tensor, tc: Tensor, into hNext: Tensor) {}
    static func lstmCellBackward(sig: Tensor, g: Tensor, c: Tensor, tc: Tensor, dh: Tensor, dc: Tensor,
                                 gates dGates: Tensor, cell dCell: Tensor) {}

    /// A new meta tensor with the shape and dtype of `x`.
    private static func like(_ x: Tensor) -> Tensor {
        Tensor(uninitializedShape: x.shape, dtype: x.dtype, device: .meta)
    }
}
