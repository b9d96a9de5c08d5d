/// The primitive kernels a device implements. A new device (CUDA next) conforms
/// to this protocol, adds its case to `Dispatch`, and every op built on these
/// primitives runs on it.
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

/// Picks the backend of a tensor's device for each primitive: one switch per
/// call, over concrete types, so every primitive stays specialised.
enum Dispatch {
    @inline(__always)
    static func unary<F: UnaryFunction>(_ f: F.Type, _ a: Tensor, into out: Tensor) {
        switch out.device.kind {
        case .cpu: CPUBackend.unary(f, a, into: out)
        case .meta: MetaBackend.unary(f, a, into: out)
        case .cuda: noBackend(out.device)
        }
    }

    @inline(__always)
    static func floatUnary<F: FloatUnaryFunction>(_ f: F.Type, _ a: Tensor, into out: Tensor) {
        switch out.device.kind {
        case .cpu: CPUBackend.floatUnary(f, a, into: out)
        case .meta: MetaBackend.floatUnary(f, a, into: out)
        case .cuda: noBackend(out.device)
        }
    }

    @inline(__always)
    static func binary<F: BinaryFunction>(_ f: F.Type, _ a: Tensor, _ b: Tensor, into out: Tensor) {
        switch out.device.kind {
        case .cpu: CPUBackend.binary(f, a, b, into: out)
        case .meta: MetaBackend.binary(f, a, b, into: out)
        case .cuda: noBackend(out.device)
        }
    }

    @inline(__always)
    static func floatBinary<F: FloatBinaryFunction>(_ f: F.Type, _ a: Tensor, _ b: Tensor, into out: Tensor) {
        switch out.device.kind {
        case .cpu: CPUBackend.floatBinary(f, a, b, into: out)
        case .meta: MetaBackend.floatBinary(f, a, b, into: out)
        case .cuda: noBackend(out.device)
        }
    }

    @inline(__always)
    static func compare<F: ComparisonFunction>(_ f: F.Type, _ a: Tensor, _ b: Tensor, into out: Tensor) {
        switch out.device.kind {
        case .cpu: CPUBackend.compare(f, a, b, into: out)
        case .meta: MetaBackend.compare(f, a, b, into: out)
        case .cuda: noBackend(out.device)
        }
    }

    @inline(__always)
    static func copy(from src: Tensor, srcLayout: Layout, to dst: Tensor, dstLayout: Layout) {
        switch dst.device.kind {
        case .cpu: CPUBackend.copy(from: src, srcLayout: srcLayout, to: dst, dstLayout: dstLayout)
        case .meta: MetaBackend.copy(from: src, srcLayout: srcLayout, to: dst, dstLayout: dstLayout)
        case .cuda: noBackend(dst.device)
        }
    }

    /// Copies all of `src` into all of `dst` (same shape).
    @inline(__always)
    static func copy(from src: Tensor, to dst: Tensor) {
        copy(from: src, srcLayout: src.layout, to: dst, dstLayout: dst.layout)
    }

    @inline(__always)
    static func fill(_ dst: Tensor, layout: Layout, with value: Scalar) {
        switch dst.device.kind {
        case .cpu: CPUBackend.fill(dst, layout: layout, with: value)
        case .meta: MetaBackend.fill(dst, layout: layout, with: value)
        case .cuda: noBackend(dst.device)
        }
    }

    @inline(__always)
    static func reduce<A: ReductionKernel.Accumulation>(_ a: A.Type, _ input: Tensor, into out: Tensor) {
        switch out.device.kind {
        case .cpu: CPUBackend.reduce(a, input, into: out)
        case .meta: MetaBackend.reduce(a, input, into: out)
        case .cuda: noBackend(out.device)
        }
    }

    @inline(__always)
    static func batchedMatmul(_ a: Tensor, _ aLayout: Layout, _ b: Tensor, _ bLayout: Layout) -> Tensor {
        switch a.device.kind {
        case .cpu: return CPUBackend.batchedMatmul(a, aLayout, b, bLayout)
        case .meta: return MetaBackend.batchedMatmul(a, aLayout, b, bLayout)
        case .cuda: noBackend(a.device)
        }
    }

    @inline(__always)
    static func accumulateMatmul(_ a: Tensor, _ aLayout: Layout, _ b: Tensor, _ bLayout: Layout,
                                 alpha: Double, beta: Double, into out: Tensor) -> Bool {
        switch out.device.kind {
        case .cpu: return CPUBackend.accumulateMatmul(a, aLayout, b, bLayout, alpha: alpha, beta: beta, into: out)
        case .meta: return MetaBackend.accumulateMatmul(a, aLayout, b, bLayout, alpha: alpha, beta: beta, into: out)
        case .cuda: noBackend(out.device)
        }
    }

    @inline(__always)
    static func activation<F: PointwiseActivation>(_ f: F.Type, _ x: Tensor, a: Double = 0, b: Double = 0, c: Double = 0) -> Tensor {
        switch x.device.kind {
        case .cpu: return CPUBackend.activation(f, x, a: a, b: b, c: c)
        case .meta: return MetaBackend.activation(f, x, a: a, b: b, c: c)
        case .cuda: noBackend(x.device)
        }
    }

    @inline(__always)
    static func activationBackward<F: PointwiseActivation>(_ f: F.Type, _ x: Tensor, _ grad: Tensor,
                                                          a: Double = 0, b: Double = 0, c: Double = 0) -> Tensor {
        switch x.device.kind {
        case .cpu: return CPUBackend.activationBackward(f, x, grad, a: a, b: b, c: c)
        case .meta: return MetaBackend.activationBackward(f, x, grad, a: a, b: b, c: c)
        case .cuda: noBackend(x.device)
        }
    }

    @inline(__always)
    static func softmax(_ x: Tensor, dim: Int, log: Bool) -> Tensor {
        switch x.device.kind {
        case .cpu: return CPUBackend.softmax(x, dim: dim, log: log)
        case .meta: return MetaBackend.softmax(x, dim: dim, log: log)
        case .cuda: noBackend(x.device)
        }
    }

    @inline(__always)
    static func softmaxBackward(grad: Tensor, output: Tensor, dim: Int, log: Bool) -> Tensor {
        switch output.device.kind {
        case .cpu: return CPUBackend.softmaxBackward(grad: grad, output: output, dim: dim, log: log)
        case .meta: return MetaBackend.softmaxBackward(grad: grad, output: output, dim: dim, log: log)
        case .cuda: noBackend(output.device)
        }
    }

    @inline(__always)
    static func select(_ condition: Tensor, _ a: Tensor, _ b: Tensor, into out: Tensor) {
        switch out.device.kind {
        case .cpu: CPUBackend.select(condition, a, b, into: out)
        case .meta: MetaBackend.select(condition, a, b, into: out)
        case .cuda: noBackend(out.device)
        }
    }

    @inline(__always)
    static func logical<F: LogicalFunction>(_ f: F.Type, _ a: Tensor, _ b: Tensor, into out: Tensor) {
        switch out.device.kind {
        case .cpu: CPUBackend.logical(f, a, b, into: out)
        case .meta: MetaBackend.logical(f, a, b, into: out)
        case .cuda: noBackend(out.device)
        }
    }

    @inline(__always)
    static func bitwise<F: BitwiseFunction>(_ f: F.Type, _ a: Tensor, _ b: Tensor, into out: Tensor) {
        switch out.device.kind {
        case .cpu: CPUBackend.bitwise(f, a, b, into: out)
        case .meta: MetaBackend.bitwise(f, a, b, into: out)
        case .cuda: noBackend(out.device)
        }
    }

    @inline(__always)
    static func bitwiseNot(_ a: Tensor, into out: Tensor) {
        switch out.device.kind {
        case .cpu: CPUBackend.bitwiseNot(a, into: out)
        case .meta: MetaBackend.bitwiseNot(a, into: out)
        case .cuda: noBackend(out.device)
        }
    }

    @inline(__always)
    static func classify<F: FloatClassFunction>(_ f: F.Type, _ a: Tensor, into out: Tensor) {
        switch out.device.kind {
        case .cpu: CPUBackend.classify(f, a, into: out)
        case .meta: MetaBackend.classify(f, a, into: out)
        case .cuda: noBackend(out.device)
        }
    }

    @inline(__always)
    static func isclose(_ a: Tensor, _ b: Tensor, rtol: Double, atol: Double, equalNan: Bool, into out: Tensor) {
        switch out.device.kind {
        case .cpu: CPUBackend.isclose(a, b, rtol: rtol, atol: atol, equalNan: equalNan, into: out)
        case .meta: MetaBackend.isclose(a, b, rtol: rtol, atol: atol, equalNan: equalNan, into: out)
        case .cuda: noBackend(out.device)
        }
    }

    static func layerNorm(_ x: Tensor, weight: Tensor?, bias: Tensor?, rows: Int, m: Int, eps: Double,
                          mean: Tensor, rstd: Tensor, into out: Tensor) {
        switch out.device.kind {
        case .cpu: CPUBackend.layerNorm(x, weight: weight, bias: bias, rows: rows, m: m, eps: eps, mean: mean, rstd: rstd, into: out)
        case .meta: MetaBackend.layerNorm(x, weight: weight, bias: bias, rows: rows, m: m, eps: eps, mean: mean, rstd: rstd, into: out)
        case .cuda: noBackend(out.device)
        }
    }

    static func layerNormBackward(grad: Tensor, x: Tensor, mean: Tensor, rstd: Tensor, weight: Tensor?, rows: Int, m: Int,
                                  dx: Tensor?, dw: Tensor?, db: Tensor?) {
        switch x.device.kind {
        case .cpu: CPUBackend.layerNormBackward(grad: grad, x: x, mean: mean, rstd: rstd, weight: weight, rows: rows, m: m, dx: dx, dw: dw, db: db)
        case .meta: MetaBackend.layerNormBackward(grad: grad, x: x, mean: mean, rstd: rstd, weight: weight, rows: rows, m: m, dx: dx, dw: dw, db: db)
        case .cuda: noBackend(x.device)
        }
    }

    static func channelStatistics(_ x: Tensor, n: Int, c: Int, inner: Int, mean: Tensor, variance: Tensor) {
        switch x.device.kind {
        case .cpu: CPUBackend.channelStatistics(x, n: n, c: c, inner: inner, mean: mean, variance: variance)
        case .meta: MetaBackend.channelStatistics(x, n: n, c: c, inner: inner, mean: mean, variance: variance)
        case .cuda: noBackend(x.device)
        }
    }

    static func batchNorm(_ x: Tensor, n: Int, c: Int, inner: Int, mean: Tensor, invstd: Tensor, weight: Tensor?, bias: Tensor?,
                          into out: Tensor) {
        switch out.device.kind {
        case .cpu: CPUBackend.batchNorm(x, n: n, c: c, inner: inner, mean: mean, invstd: invstd, weight: weight, bias: bias, into: out)
        case .meta: MetaBackend.batchNorm(x, n: n, c: c, inner: inner, mean: mean, invstd: invstd, weight: weight, bias: bias, into: out)
        case .cuda: noBackend(out.device)
        }
    }

    static func batchNormBackward(grad: Tensor, x: Tensor, n: Int, c: Int, inner: Int, mean: Tensor, invstd: Tensor,
                                  weight: Tensor?, training: Bool, dx: Tensor?, dw: Tensor?, db: Tensor?) {
        switch x.device.kind {
        case .cpu:
            CPUBackend.batchNormBackward(grad: grad, x: x, n: n, c: c, inner: inner, mean: mean, invstd: invstd,
                                         weight: weight, training: training, dx: dx, dw: dw, db: db)
        case .meta:
            MetaBackend.batchNormBackward(grad: grad, x: x, n: n, c: c, inner: inner, mean: mean, invstd: invstd,
                                          weight: weight, training: training, dx: dx, dw: dw, db: db)
        case .cuda: noBackend(x.device)
        }
    }

    static func im2col(_ image: Tensor, batch: Int, channels: Int, geometry: WindowGeometry, into out: Tensor, order: ColumnOrder) {
        switch out.device.kind {
        case .cpu: CPUBackend.im2col(image, batch: batch, channels: channels, geometry: geometry, into: out, order: order)
        case .meta: MetaBackend.im2col(image, batch: batch, channels: channels, geometry: geometry, into: out, order: order)
        case .cuda: noBackend(out.device)
        }
    }

    static func col2im(_ columns: Tensor, batch: Int, channels: Int, geometry: WindowGeometry, into out: Tensor, order: ColumnOrder) {
        switch out.device.kind {
        case .cpu: CPUBackend.col2im(columns, batch: batch, channels: channels, geometry: geometry, into: out, order: order)
        case .meta: MetaBackend.col2im(columns, batch: batch, channels: channels, geometry: geometry, into: out, order: order)
        case .cuda: noBackend(out.device)
        }
    }

    static func pool(_ source: Tensor, planes: Int, windows: PoolingWindows, mode: PoolingKernel.Mode) -> (Tensor, Tensor?) {
        switch source.device.kind {
        case .cpu: return CPUBackend.pool(source, planes: planes, windows: windows, mode: mode)
        case .meta: return MetaBackend.pool(source, planes: planes, windows: windows, mode: mode)
        case .cuda: noBackend(source.device)
        }
    }

    static func maxPoolBackward(_ grad: Tensor, indices: Tensor, planes: Int, inputCount: Int, outputCount: Int) -> Tensor {
        switch grad.device.kind {
        case .cpu: return CPUBackend.maxPoolBackward(grad, indices: indices, planes: planes, inputCount: inputCount, outputCount: outputCount)
        case .meta: return MetaBackend.maxPoolBackward(grad, indices: indices, planes: planes, inputCount: inputCount, outputCount: outputCount)
        case .cuda: noBackend(grad.device)
        }
    }

    static func nllLoss(_ problem: NllLossKernel.Problem, input: Tensor, target: Tensor, weight: Tensor?, perElement: Tensor?,
                        file: StaticString, line: UInt) -> (sum: Tensor, totalWeight: Tensor) {
        switch input.device.kind {
        case .cpu: return CPUBackend.nllLoss(problem, input: input, target: target, weight: weight, perElement: perElement, file: file, line: line)
        case .meta: return MetaBackend.nllLoss(problem, input: input, target: target, weight: weight, perElement: perElement, file: file, line: line)
        case .cuda: noBackend(input.device)
        }
    }

    static func nllLossBackward(_ problem: NllLossKernel.Problem, grad: Tensor, scale: Tensor, target: Tensor, weight: Tensor?,
                                into out: Tensor) {
        switch out.device.kind {
        case .cpu: CPUBackend.nllLossBackward(problem, grad: grad, scale: scale, target: target, weight: weight, into: out)
        case .meta: MetaBackend.nllLossBackward(problem, grad: grad, scale: scale, target: target, weight: weight, into: out)
        case .cuda: noBackend(out.device)
        }
    }

    static func indexGather(_ source: Tensor, indices: [Tensor?], into out: Tensor, file: StaticString, line: UInt) {
        switch out.device.kind {
        case .cpu: CPUBackend.indexGather(source, indices: indices, into: out, file: file, line: line)
        case .meta: MetaBackend.indexGather(source, indices: indices, into: out, file: file, line: line)
        case .cuda: noBackend(out.device)
        }
    }

    static func indexPut(_ target: Tensor, indices: [Tensor?], values: Tensor, reduction: IndexReduction,
                         file: StaticString, line: UInt) {
        switch target.device.kind {
        case .cpu: CPUBackend.indexPut(target, indices: indices, values: values, reduction: reduction, file: file, line: line)
        case .meta: MetaBackend.indexPut(target, indices: indices, values: values, reduction: reduction, file: file, line: line)
        case .cuda: noBackend(target.device)
        }
    }

    static func slices(_ op: SliceOp, _ g: SliceGeometry, into outputs: [Tensor]) {
        switch g.input.device.kind {
        case .cpu: CPUBackend.slices(op, g, into: outputs)
        case .meta: MetaBackend.slices(op, g, into: outputs)
        case .cuda: noBackend(g.input.device)
        }
    }

    static func gatherSlices(_ src: Tensor, size: Int, index: Tensor, outer: Int, count: Int, inner: Int, into out: Tensor) {
        switch out.device.kind {
        case .cpu: CPUBackend.gatherSlices(src, size: size, index: index, outer: outer, count: count, inner: inner, into: out)
        case .meta: MetaBackend.gatherSlices(src, size: size, index: index, outer: outer, count: count, inner: inner, into: out)
        case .cuda: noBackend(out.device)
        }
    }

    static func scatterSlices(_ src: Tensor, index: Tensor, outer: Int, count: Int, inner: Int, size: Int, into out: Tensor) {
        switch out.device.kind {
        case .cpu: CPUBackend.scatterSlices(src, index: index, outer: outer, count: count, inner: inner, size: size, into: out)
        case .meta: MetaBackend.scatterSlices(src, index: index, outer: outer, count: count, inner: inner, size: size, into: out)
        case .cuda: noBackend(out.device)
        }
    }

    static func gatherAlongDim(_ src: Tensor, srcRest: Layout, dimStride: Int, index: Tensor, into out: Tensor) {
        switch out.device.kind {
        case .cpu: CPUBackend.gatherAlongDim(src, srcRest: srcRest, dimStride: dimStride, index: index, into: out)
        case .meta: MetaBackend.gatherAlongDim(src, srcRest: srcRest, dimStride: dimStride, index: index, into: out)
        case .cuda: noBackend(out.device)
        }
    }

    static func scatterAlongDim(_ dst: Tensor, dstRest: Layout, dimStride: Int, index: Tensor, src: Tensor, srcLayout: Layout,
                                reduction: IndexReduction) {
        switch dst.device.kind {
        case .cpu: CPUBackend.scatterAlongDim(dst, dstRest: dstRest, dimStride: dimStride, index: index, src: src, srcLayout: srcLayout, reduction: reduction)
        case .meta: MetaBackend.scatterAlongDim(dst, dstRest: dstRest, dimStride: dimStride, index: index, src: src, srcLayout: srcLayout, reduction: reduction)
        case .cuda: noBackend(dst.device)
        }
    }

    static func parameterUpdate<U: ParameterUpdate>(_ rule: U, _ tensors: [Tensor], state: [Tensor?]) {
        switch tensors[0].device.kind {
        case .cpu: CPUBackend.parameterUpdate(rule, tensors, state: state)
        case .meta: MetaBackend.parameterUpdate(rule, tensors, state: state)
        case .cuda: noBackend(tensors[0].device)
        }
    }

    static func preparedMatrix(_ w: Tensor) -> (any PreparedMatrix)? {
        switch w.device.kind {
        case .cpu: return CPUBackend.preparedMatrix(w)
        case .meta: return MetaBackend.preparedMatrix(w)
        case .cuda: noBackend(w.device)
        }
    }

    static func lstmCellState(sig: Tensor, g: Tensor, c: Tensor, into cNext: Tensor) {
        switch cNext.device.kind {
        case .cpu: CPUBackend.lstmCellState(sig: sig, g: g, c: c, into: cNext)
        case .meta: MetaBackend.lstmCellState(sig: sig, g: g, c: c, into: cNext)
        case .cuda: noBackend(cNext.device)
        }
    }

    static func lstmHiddenState(sig: Tensor, tc: Tensor, into hNext: Tensor) {
        switch hNext.device.kind {
        case .cpu: CPUBackend.lstmHiddenState(sig: sig, tc: tc, into: hNext)
        case .meta: MetaBackend.lstmHiddenState(sig: sig, tc: tc, into: hNext)
        case .cuda: noBackend(hNext.device)
        }
    }

    static func lstmCellBackward(sig: Tensor, g: Tensor, c: Tensor, tc: Tensor, dh: Tensor, dc: Tensor,
                                 gates dGates: Tensor, cell dCell: Tensor) {
        switch dGates.device.kind {
        case .cpu: CPUBackend.lstmCellBackward(sig: sig, g: g, c: c, tc: tc, dh: dh, dc: dc, gates: dGates, cell: dCell)
        case .meta: MetaBackend.lstmCellBackward(sig: sig, g: g, c: c, tc: tc, dh: dh, dc: dc, gates: dGates, cell: dCell)
        case .cuda: noBackend(dGates.device)
        }
    }

    @inline(never)
    static func noBackend(_ device: Device) -> Never {
        fatalError("no \(device.type) backend in this build")
    }
}

/// The device an op's result goes to: that of its tensor operands, which must
/// agree, except that a 0-d CPU tensor (a number, in effect) may join tensors of
/// any device, as in PyTorch. Stops with PyTorch's message otherwise.
@inline(__always)
func commonDevice(_ a: Tensor, _ b: Tensor, file: StaticString, line: UInt) -> Device {
    let da = a.device, db = b.device
    if da == db { return da }
    return resolveDevices([a, b], file: file, line: line)
}

/// `commonDevice` over any number of operands.
func commonDevice(_ tensors: [Tensor], file: StaticString, line: UInt) -> Device {
    guard let first = tensors.first?.device else { return .cpu }
    if tensors.allSatisfy({ $0.device == first }) { return first }
    return resolveDevices(tensors, file: file, line: line)
}

@inline(never)
private func resolveDevices(_ tensors: [Tensor], file: StaticString, line: UInt) -> Device {
    var found: Device?
    for t in tensors where !(t.ndim == 0 && t.device == .cpu) {
        if let f = found, f != t.device {
            torchFail("Expected all tensors to be on the same device, but found at least two devices, \(f) and \(t.device)!", file: file, line: line)
        }
        found = t.device
    }
    return found ?? .cpu
}
