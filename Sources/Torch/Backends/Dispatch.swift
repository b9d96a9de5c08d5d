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

    // MARK: Host reads
    // The few ops whose result shape or checks depend on the values (nonzero,
    // masked indexing, index bounds) read them in Swift. Another device's values
    // come through a host copy made by the protocol's copy; a meta tensor has
    // none, so these stop with PyTorch's message for the op.

    /// The values of an integer or bool tensor as `Int`s, in row-major order.
    static func integerValues(_ t: Tensor, op: String, file: StaticString, line: UInt) -> [Int] {
        IndexKernel.integers(hostTensor(t, op: op, file: file, line: line))
    }

    /// The row-major positions of the non-zero elements.
    static func nonzeroPositions(_ t: Tensor, op: String, file: StaticString, line: UInt) -> [Int] {
        IndexKernel.nonzeroPositions(hostTensor(t, op: op, file: file, line: line))
    }

    /// `t` itself in host memory, else a host copy; stops on meta naming `op`.
    static func hostTensor(_ t: Tensor, op: String, file: StaticString, line: UInt) -> Tensor {
        switch t.device.kind {
        case .cpu: return t
        case .meta:
            torchFail("aten::\(op): attempted to run this operator with Meta tensors, but there was no fake impl or Meta kernel registered.",
                      file: file, line: line)
        case .cuda: return t.cpu(file: file, line: line)
        }
    }

    @inline(never)
    static func noBackend(_ device: Device) -> Never {
        fatalError("no \(device.type) backend in this build")
    }
}
