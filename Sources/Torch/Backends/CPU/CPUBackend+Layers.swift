/// The primitives of `Backend` that serve layers and indexing, on the CPU's
/// kernels: normalization (`NormalizationKernel`), sliding windows
/// (`Im2ColKernel`), pooling (`PoolingKernel`), NLL (`NllLossKernel`),
/// advanced indexing and gather/scatter (`IndexKernel`), and recurrent layers
/// (`PackedMatrix`, `LSTMCellKernel`).
/// Every tensor is contiguous in the compute dtype (float32 or float64), except
/// the statistics of `channelStatistics`, which are float64.
extension CPUBackend {
    static func layerNorm(_ x: Tensor, weight: Tensor?, bias: Tensor?, rows: Int, m: Int, eps: Double,
                          mean: Tensor, rstd: Tensor, into out: Tensor) {
        func run<T: FloatElement>(_: T.Type) {
            NormalizationKernel.rowsForward(x.pointer(as: T.self), rows: rows, m: m, eps: eps,
                                            weight: weight.map { UnsafePointer($0.pointer(as: T.self)) },
                                            bias: bias.map { UnsafePointer($0.pointer(as: T.self)) }, mean: mean.pointer(as: T.self),
                                            rstd: rstd.pointer(as: T.self), out: out.pointer(as: T.self))
        }
        if x.dtype == .float32 { run(Float.self) } else { run(Double.self) }
    }

    static func layerNormBackward(grad: Tensor, x: Tensor, mean: Tensor, rstd: Tensor, weight: Tensor?, rows: Int, m: Int,
                                  dx: Tensor?, dw: Tensor?, db: Tensor?) {
        func run<T: FloatElement>(_: T.Type) {
            NormalizationKernel.rowsBackward(grad: grad.pointer(as: T.self), x: x.pointer(as: T.self), rows: rows, m: m,
                                             mean: mean.pointer(as: T.self), rstd: rstd.pointer(as: T.self),
                                             weight: weight.map { UnsafePointer($0.pointer(as: T.self)) }, dx: dx?.pointer(as: T.self),
                                             dw: dw?.pointer(as: T.self), db: db?.pointer(as: T.self))
        }
        if x.dtype == .float32 { run(Float.self) } else { run(Double.self) }
    }

    static func channelStatistics(_ x: Tensor, n: Int, c: Int, inner: Int, mean: Tensor, variance: Tensor) {
        func run<T: FloatElement>(_: T.Type) {
            NormalizationKernel.channelStatistics(x.pointer(as: T.self), n: n, c: c, inner: inner,
                                                  mean: mean.pointer(as: Double.self), variance: variance.pointer(as: Double.self))
        }
        if x.dtype == .float32 { run(Float.self) } else { run(Double.self) }
    }

    static func batchNorm(_ x: Tensor, n: Int, c: Int, inner: Int, mean: Tensor, invstd: Tensor, weight: Tensor?, bias: Tensor?,
                          into out: Tensor) {
        func run<T: FloatElement>(_: T.Type) {
            NormalizationKernel.channelsForward(x.pointer(as: T.self), n: n, c: c, inner: inner, mean: mean.pointer(as: T.self),
                                                invstd: invstd.pointer(as: T.self), weight: weight.map { UnsafePointer($0.pointer(as: T.self)) },
                                                bias: bias.map { UnsafePointer($0.pointer(as: T.self)) }, out: out.pointer(as: T.self))
        }
        if x.dtype == .float32 { run(Float.self) } else { run(Double.self) }
    }

    static func pool(_ source: Tensor, planes: Int, windows: PoolingWindows, mode: PoolingKernel.Mode) -> (Tensor, Tensor?) {
        PoolingKernel.run(source, planes: planes, windows: windows, mode: mode)
    }

    static func maxPoolBackward(_ grad: Tensor, indices: Tensor, planes: Int, inputCount: Int, outputCount: Int) -> Tensor {
        PoolingKernel.maxAdjoint(grad, indices: indices, planes: planes, inputCount: inputCount, outputCount: outputCount)
    }

    static func nllLoss(_ problem: NllLossKernel.Problem, input: Tensor, target: Tensor, weight: Tensor?, perElement: Tensor?,
                        file: StaticString, line: UInt) -> (sum: Tensor, totalWeight: Tensor) {
        func run<T: FloatElement>(_: T.Type) -> (sum: Double, totalWeight: Double) {
            NllLossKernel.forward(problem, input: input.pointer(as: T.self), target: target.pointer(as: Int64.self),
                                  weight: weight.map { UnsafePointer($0.pointer(as: T.self)) },
                                  perElement: perElement?.pointer(as: T.self), file: file, line: line)
        }
        let (sum, total) = input.dtype == .float32 ? run(Float.self) : run(Double.self)
        return (Tensor.scalarTensor(.double(sum), dtype: .float64), Tensor.scalarTensor(.double(total), dtype: .float64))
    }

    static func nllLossBackward(_ problem: NllLossKernel.Problem, grad: Tensor, scale: Tensor, target: Tensor, weight: Tensor?,
                                into out: Tensor) {
        let factor = scale.item()
        func run<T: FloatElement>(_: T.Type) {
            NllLossKernel.backward(problem, grad: grad.pointer(as: T.self), gradStride: grad.numel() == 1 ? 0 : 1, scale: T(factor),
                                   target: target.pointer(as: Int64.self), weight: weight.map { UnsafePointer($0.pointer(as: T.self)) },
                                   into: out.pointer(as: T.self))
        }
        if out.dtype == .float32 { run(Float.self) } else { run(Double.self) }
    }

    static func indexGather(_ source: Tensor, indices: [Tensor?], into out: Tensor, file: StaticString, line: UInt) {
        let plan = AdvancedIndexPlan(layout: source.layout, indices: indices, file: file, line: line)
        IndexKernel.gather(source, base: plan.base, pre: plan.pre, indexed: plan.indexed, post: plan.post, into: out)
    }

    static func indexPut(_ target: Tensor, indices: [Tensor?], values: Tensor, reduction: IndexReduction,
                         file: StaticString, line: UInt) {
        let plan = AdvancedIndexPlan(layout: target.layout, indices: indices, file: file, line: line)
        IndexKernel.put(target, base: plan.base, pre: plan.pre, indexed: plan.indexed, post: plan.post, values: values, reduction: reduction)
    }

    static func gatherAlongDim(_ src: Tensor, srcRest: Layout, dimStride: Int, index: Tensor, into out: Tensor) {
        IndexKernel.gatherDim(src, srcRest: srcRest, dimStride: dimStride, index: index, out: out)
    }

    static func scatterAlongDim(_ dst: Tensor, dstRest: Layout, dimStride: Int, index: Tensor, src: Tensor, srcLayout: Layout,
                                reduction: IndexReduction) {
        IndexKernel.scatterDim(dst, dstRest: dstRest, dimStride: dimStride, index: index, src: src, srcLayout: srcLayout, reduction: reduction)
    }

    static func preparedMatrix(_ w: Tensor) -> (any PreparedMatrix)? { PackedMatrix(w) }

    static func lstmCellState(sig: Tensor, g: Tensor, c: Tensor, into cNext: Tensor) {
        LSTMCellKernel.cellState(sig: sig, g: g, c: c, into: cNext)
    }

    static func lstmHiddenState(sig: Tensor, tc: Tensor, into hNext: Tensor) {
        LSTMCellKernel.hiddenState(sig: sig, tc: tc, into: hNext)
    }

    static func lstmCellBackward(sig: Tensor, g: Tensor, c: Tensor, tc: Tensor, dh: Tensor, dc: Tensor,
                                 gates dGates: Tensor, cell dCell: Tensor) {
        LSTMCellKernel.backward(sig: sig, g: g, c: c, tc: tc, dh: dh, dc: dc, gates: dGates, cell: dCell)
    }

    static func im2col(_ image: Tensor, batch: Int, channels: Int, geometry: WindowGeometry, into out: Tensor, order: ColumnOrder) {
        Im2ColKernel.im2col(image, batch: batch, channels: channels, geometry: geometry, into: out, order: order)
    }

    static func col2im(_ columns: Tensor, batch: Int, channels: Int, geometry: WindowGeometry, into out: Tensor, order: ColumnOrder) {
        Im2ColKernel.col2im(columns, batch: batch, channels: channels, geometry: geometry, into: out, order: order)
    }

    static func batchNormBackward(grad: Tensor, x: Tensor, n: Int, c: Int, inner: Int, mean: Tensor, invstd: Tensor,
                                  weight: Tensor?, training: Bool, dx: Tensor?, dw: Tensor?, db: Tensor?) {
        func run<T: FloatElement>(_: T.Type) {
            NormalizationKernel.channelsBackward(grad: grad.pointer(as: T.self), x: x.pointer(as: T.self), n: n, c: c, inner: inner,
                                                 mean: mean.pointer(as: T.self), invstd: invstd.pointer(as: T.self),
                                                 weight: weight.map { UnsafePointer($0.pointer(as: T.self)) }, training: training,
                                                 dx: dx?.pointer(as: T.self), dw: dw?.pointer(as: T.self), db: db?.pointer(as: T.self))
        }
        if x.dtype == .float32 { run(Float.self) } else { run(Double.self) }
    }
}
