/// The primitive kernels a device implements. A new device (CUDA next) conforms
/// to this protocol, adds its case to each primitive of `Dispatch`
/// (Dispatch.swift) and its allocator to `Storage`, and every op built on
/// these primitives runs on it.
///
/// What a primitive receives: tensors, each a `Storage` of the backend's own
/// device plus a layout (shape, strides in elements, offset) and a dtype; the
/// output tensors are already allocated, on the same device, by the op (through
/// `Tensor(uninitializedShape:dtype:device:)`, which calls the device's
/// allocator). What it may assume:
/// - the op has checked shapes, dtypes and devices: every tensor it gets lives
///   on its device, operands broadcast to the output's shape (a broadcast dim
///   has stride 0), and they hold the dtype the primitive computes in (the op
///   casts first; bool arithmetic runs in uint8, half types in float32);
/// - outputs may overlap inputs only where an in-place op passes the same
///   tensor as operand and output, element for element;
/// - nothing about host memory: a backend reads and writes its own storage; a
///   copy between devices goes through `copy(from:to:)` of the destination's
///   backend with the source on the host, and reads of another device's values
///   from Swift always go through a host copy (`Tensor.cpu()`).
///
/// The function types (`F: BinaryFunction`, ...) name what to compute; a host
/// backend calls their `apply`, a device backend maps each to its own kernel.
///
/// How a new op is added: its shape rule and checks in `Ops/` (or `NN/`), its
/// computation as primitives (a new function type for an elementwise op), its
/// backward rule where it records its node, and its tests. Only an op that no
/// composition of primitives serves (a fused kernel that profiling justifies)
/// adds a primitive here, with a CPU kernel and a meta rule.
protocol Backend {
    /// `out = F(a)` elementwise, in the input's dtype.
    static func unary<F: UnaryFunction>(_: F.Type, _ a: Tensor, into out: Tensor)
    /// `out = F(a)` elementwise for a floating dtype.
    static func floatUnary<F: FloatUnaryFunction>(_: F.Type, _ a: Tensor, into out: Tensor)
    /// `out = F(a, b)` elementwise with broadcasting.
    static func binary<F: BinaryFunction>(_: F.Type, _ a: Tensor, _ b: Tensor, into out: Tensor)
    /// `out = F(a, b)` elementwise for a floating dtype.
    static func floatBinary<F: FloatBinaryFunction>(_: F.Type, _ a: Tensor, _ b: Tensor, into out: Tensor)
    /// `out = F(a, b)` as a bool tensor.
    static func compare<F: ComparisonFunction>(_: F.Type, _ a: Tensor, _ b: Tensor, into out: Tensor)
    /// Copies (and casts) `src` viewed through `srcLayout` into `dst` viewed
    /// through `dstLayout` (same shape, any dtypes).
    static func copy(from src: Tensor, srcLayout: Layout, to dst: Tensor, dstLayout: Layout)
    /// Writes `value` into every element of `dst` viewed through `layout`.
    static func fill(_ dst: Tensor, layout: Layout, with value: Scalar)
    /// Reduces `input` into `out`, whose shape is the input's with the reduced
    /// dims set to 1; `out` is contiguous and overwritten.
    static func reduce<A: ReductionKernel.Accumulation>(_: A.Type, _ input: Tensor, into out: Tensor)
    /// `a[i] @ b[i]` for 3-d layouts `[batch, m, k]` and `[batch, k, n]` (batch
    /// stride 0 for broadcast), as a new contiguous `[batch, m, n]` tensor.
    static func batchedMatmul(_ a: Tensor, _ aLayout: Layout, _ b: Tensor, _ bLayout: Layout) -> Tensor
    /// `out = beta * out + alpha * a @ b` in one pass where the backend can
    /// (returns false and writes nothing where it cannot; the op then composes).
    static func accumulateMatmul(_ a: Tensor, _ aLayout: Layout, _ b: Tensor, _ bLayout: Layout,
                                 alpha: Double, beta: Double, into out: Tensor) -> Bool

    // Fused kernels (one pass where a composition would take several).

    /// `F(x; a, b, c)` elementwise for a floating tensor, as a new tensor of its dtype.
    static func activation<F: PointwiseActivation>(_: F.Type, _ x: Tensor, a: Double, b: Double, c: Double) -> Tensor
    /// `grad * F'(x; a, b, c)` elementwise (`grad` broadcasts to `x`), as a new tensor.
    static func activationBackward<F: PointwiseActivation>(_: F.Type, _ x: Tensor, _ grad: Tensor,
                                                          a: Double, b: Double, c: Double) -> Tensor
    /// Softmax (log-softmax with `log`) of a float32/float64 tensor along `dim`, as a new tensor.
    static func softmax(_ x: Tensor, dim: Int, log: Bool) -> Tensor
    /// The input gradient of `softmax` from the output gradient and the forward output.
    static func softmaxBackward(grad: Tensor, output: Tensor, dim: Int, log: Bool) -> Tensor

    // Selection and truth values.

    /// `out = condition ? a : b` elementwise (`condition` bool; `a`, `b`, `out` of one dtype).
    static func select(_ condition: Tensor, _ a: Tensor, _ b: Tensor, into out: Tensor)
    /// `out = F(a, b)` over bool operands.
    static func logical<F: LogicalFunction>(_: F.Type, _ a: Tensor, _ b: Tensor, into out: Tensor)
    /// `out = F(a, b)` over integer (or bool) operands of `out`'s dtype.
    static func bitwise<F: BitwiseFunction>(_: F.Type, _ a: Tensor, _ b: Tensor, into out: Tensor)
    /// `out = ~a` (integers) or `!a` (bools).
    static func bitwiseNot(_ a: Tensor, into out: Tensor)
    /// `out = F(a)` as bools, for a float32/float64 operand.
    static func classify<F: FloatClassFunction>(_: F.Type, _ a: Tensor, into out: Tensor)
    /// `out = isclose(a, b)` as bools, for float64 operands.
    static func isclose(_ a: Tensor, _ b: Tensor, rtol: Double, atol: Double, equalNan: Bool, into out: Tensor)

    // Normalization (contiguous tensors in float32/float64; statistics of
    // `channelStatistics` in float64).

    /// Layer norm of `rows` rows of `m` elements: writes each row's `mean` and
    /// `rstd` (`[rows]`) and `out = (x - mean) * rstd * weight + bias`.
    static func layerNorm(_ x: Tensor, weight: Tensor?, bias: Tensor?, rows: Int, m: Int, eps: Double,
                          mean: Tensor, rstd: Tensor, into out: Tensor)
    /// The gradients of `layerNorm` into whichever of `dx`, `dw`, `db` are given.
    static func layerNormBackward(grad: Tensor, x: Tensor, mean: Tensor, rstd: Tensor, weight: Tensor?, rows: Int, m: Int,
                                  dx: Tensor?, dw: Tensor?, db: Tensor?)
    /// The mean and biased variance of each channel of `[n, c, inner]`, into float64 `[c]` tensors.
    static func channelStatistics(_ x: Tensor, n: Int, c: Int, inner: Int, mean: Tensor, variance: Tensor)
    /// `out = (x - mean[ch]) * invstd[ch] * weight[ch] + bias[ch]` over `[n, c, inner]`.
    static func batchNorm(_ x: Tensor, n: Int, c: Int, inner: Int, mean: Tensor, invstd: Tensor, weight: Tensor?, bias: Tensor?,
                          into out: Tensor)
    /// The gradients of `batchNorm` (with batch statistics when `training`) into whichever of `dx`, `dw`, `db` are given.
    static func batchNormBackward(grad: Tensor, x: Tensor, n: Int, c: Int, inner: Int, mean: Tensor, invstd: Tensor,
                                  weight: Tensor?, training: Bool, dx: Tensor?, dw: Tensor?, db: Tensor?)

    // Sliding windows (convolution, unfold/fold), float32/float64.

    /// Unfolds `[batch, channels, *input]` (contiguous) into columns laid out by `order` in `out`.
    static func im2col(_ image: Tensor, batch: Int, channels: Int, geometry: WindowGeometry, into out: Tensor, order: ColumnOrder)
    /// Sums columns laid out by `order` back into the contiguous image `out` (overwritten).
    static func col2im(_ columns: Tensor, batch: Int, channels: Int, geometry: WindowGeometry, into out: Tensor, order: ColumnOrder)

    // Pooling over the windows of `PoolingWindows` (max, average, adaptive), float32/float64.

    /// Over contiguous `[planes, *input]`: `(values, flat in-plane indices)` of each
    /// window's maximum for `.max`, `(sums, nil)` for `.sum`; for `.sumAdjoint` the
    /// source is `[planes, *output]` and the result the input-sized sum.
    static func pool(_ source: Tensor, planes: Int, windows: PoolingWindows, mode: PoolingKernel.Mode) -> (Tensor, Tensor?)
    /// `[planes, inputCount]` zeros with each output gradient added at its maximum's index.
    static func maxPoolBackward(_ grad: Tensor, indices: Tensor, planes: Int, inputCount: Int, outputCount: Int) -> Tensor

    // Negative log-likelihood over `[outer, classes, inner]` log-probabilities (float32/float64, int64 targets).

    /// Writes per-element losses into `perElement` when given and returns the sum
    /// and the total weight of the counted targets, as float64 0-d tensors. A
    /// target outside `0..<classes` (other than the ignored index) stops.
    static func nllLoss(_ problem: NllLossKernel.Problem, input: Tensor, target: Tensor, weight: Tensor?, perElement: Tensor?,
                        file: StaticString, line: UInt) -> (sum: Tensor, totalWeight: Tensor)
    /// The input gradient of `nllLoss` times `scale` (a float64 0-d tensor), into `out`.
    static func nllLossBackward(_ problem: NllLossKernel.Problem, grad: Tensor, scale: Tensor, target: Tensor, weight: Tensor?,
                                into out: Tensor)

    // Reductions and scans over slices.

    /// Runs `op` over the slices `g.input[o, 0..<size, i]` of a contiguous `[outer, size, inner]`
    /// arrangement (`SliceGeometry`), into contiguous outputs allocated by the op (see `SliceOp`).
    static func slices(_ op: SliceOp, _ g: SliceGeometry, into outputs: [Tensor])
    /// `out[o, r, i] = src[o, index[o, r, i], i]` over contiguous `[outer, size, inner]` `src` and
    /// `[outer, count, inner]` int64 `index` (the picking of sort and topk).
    static func gatherSlices(_ src: Tensor, size: Int, index: Tensor, outer: Int, count: Int, inner: Int, into out: Tensor)
    /// `out[o, index[o, r, i], i] = src[o, r, i]` into `out` (`[outer, size, inner]`), the adjoint of `gatherSlices`.
    static func scatterSlices(_ src: Tensor, index: Tensor, outer: Int, count: Int, inner: Int, size: Int, into out: Tensor)

    /// `out[p] = src[srcRest(p) + index[p] * dimStride]` over `index`'s shape (`gather`).
    static func gatherAlongDim(_ src: Tensor, srcRest: Layout, dimStride: Int, index: Tensor, into out: Tensor)
    /// `dst[dstRest(p) + index[p] * dimStride] (op)= src[srcLayout(p)]` over `index`'s shape (`scatter`).
    static func scatterAlongDim(_ dst: Tensor, dstRest: Layout, dimStride: Int, index: Tensor, src: Tensor, srcLayout: Layout,
                                reduction: IndexReduction)

    // Optimizers.

    /// Applies an optimizer's fused update rule in place: `tensors` are the parameter,
    /// its gradient and the rule's state buffers (a nil `state` slot holds the gradient
    /// as a placeholder), contiguous, all float32 or all float64.
    static func parameterUpdate<U: ParameterUpdate>(_ rule: U, _ tensors: [Tensor], state: [Tensor?])

    // Recurrent layers.

    // Indexing.

    /// `out = source[indices]` with PyTorch's advanced-indexing rule (one optional
    /// int64 index tensor per leading dim; `out` has `advancedIndexShape`). Stops
    /// on an index out of range.
    static func indexGather(_ source: Tensor, indices: [Tensor?], into out: Tensor, file: StaticString, line: UInt)
    /// `target[indices] = values` (or `+=` with `.add`, repeats adding up); `values`
    /// is contiguous with the indexing result's shape. Stops on an index out of range.
    static func indexPut(_ target: Tensor, indices: [Tensor?], values: Tensor, reduction: IndexReduction,
                         file: StaticString, line: UInt)

    /// `w` (2-d) prepared for many products `a @ w` (a recurrent weight against
    /// every step's state), or nil where the backend has no faster form than `mm`.
    static func preparedMatrix(_ w: Tensor) -> (any PreparedMatrix)?
    /// The LSTM cell state `c' = f c + i g` into `cNext`, from the sigmoid of all
    /// four gate quarters (`sig`, `[batch, 4 * hidden]`, order i, f, g, o) and `g = tanh` of the g quarter.
    static func lstmCellState(sig: Tensor, g: Tensor, c: Tensor, into cNext: Tensor)
    /// `h' = o tanh(c')` into `hNext`, from `tc = tanh(c')`.
    static func lstmHiddenState(sig: Tensor, tc: Tensor, into hNext: Tensor)
    /// The gradients of the gate pre-activations and of the previous cell state from those of `h'` and `c'`.
    static func lstmCellBackward(sig: Tensor, g: Tensor, c: Tensor, tc: Tensor, dh: Tensor, dc: Tensor,
                                 gates dGates: Tensor, cell dCell: Tensor)
}

/// The reductions and scans of `Backend.slices`, each with its outputs (in the input's dtype unless said).
enum SliceOp {
    /// The largest (or smallest) element of each slice, NaN counting as largest: `[values]` or
    /// `[values, indices]` (int64, first index among equal extrema), `[outer, inner]`.
    case extremum(largest: Bool)
    /// The sum of each slice (float32/float64, accumulated in float64): `[out]`, `[outer, inner]`.
    case sum
    /// The product of each slice: `[out]`, `[outer, inner]`.
    case product
    /// For each element, the product of the others of its slice (floating): `[out]`, `[outer, size, inner]`.
    case productOfOthers
    /// Whether any (or all) elements of each slice are nonzero: `[out]` (bool), `[outer, inner]`.
    case anyAll(any: Bool)
    /// The running sum (or product) along each slice: `[out]`, `[outer, size, inner]`.
    case cumulative(product: Bool)
    /// The gradient of the running product for the output gradient `grad` (contiguous): `[out]`.
    case cumprodBackward(grad: Tensor)
    /// The first `k` elements of each slice in order: `[values, indices]` (int64), `[outer, k, inner]`.
    case sort(descending: Bool, k: Int)
    /// `log(sum(exp))` of each slice (floating): `[out]`, `[outer, inner]`.
    case logSumExp
    /// The `p`-norm of each slice (floating): `[out]`, `[outer, inner]`.
    case norm(p: Double)
    /// The variance (with `correction`) and mean of each slice (floating): `[variance, mean]`, `[outer, inner]`.
    case moments(correction: Double)
}

/// A matrix a backend prepared for repeated products (see `Backend.preparedMatrix`).
protocol PreparedMatrix: AnyObject {
    /// `a @ B`, plus `base` (broadcast to the result's shape) when given, as a new tensor; no autograd.
    func product(_ a: Tensor, adding base: Tensor?) -> Tensor
}
