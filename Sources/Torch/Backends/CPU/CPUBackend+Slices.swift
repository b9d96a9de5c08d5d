/// The slice reductions and scans of `Backend` on `SliceReduction` and `SliceScan`,
/// and the optimizers' fused updates.
extension CPUBackend {
    static func slices(_ op: SliceOp, _ g: SliceGeometry, into outputs: [Tensor]) {
        let compute = g.input.dtype
        switch op {
        case .extremum(let largest):
            compute.dispatchNumeric(Extremum(g: g, largest: largest, values: outputs[0], indices: outputs.count > 1 ? outputs[1] : nil))
        case .sum:
            if compute == .float32 { FastSum.sum(g, into: outputs[0].pointer(as: Float.self)) } else { FastSum.sum(g, into: outputs[0].pointer(as: Double.self)) }
        case .product:
            compute.dispatchNumeric(Product(g: g, out: outputs[0]))
        case .productOfOthers:
            compute.dispatchFloat(ProductOfOthers(g: g, out: outputs[0]))
        case .anyAll(let any):
            compute.dispatchNumeric(Logical(g: g, any: any, out: outputs[0]))
        case .cumulative(let product):
            compute.dispatchNumeric(Cumulative(g: g, product: product, out: outputs[0]))
        case .cumprodBackward(let grad):
            compute.dispatchFloat(CumprodBackward(g: g, grad: grad, out: outputs[0]))
        case .sort(let descending, let k):
            compute.dispatchNumeric(Sort(g: g, descending: descending, k: k, values: outputs[0], indices: outputs[1]))
        case .logSumExp:
            compute.dispatchFloat(LogSumExp(g: g, out: outputs[0]))
        case .norm(let p):
            compute.dispatchFloat(Norm(g: g, p: p, out: outputs[0]))
        case .moments(let correction):
            compute.dispatchFloat(Moments(g: g, correction: correction, variance: outputs[0], mean: outputs[1]))
        }
    }

    static func parameterUpdate<U: ParameterUpdate>(_ rule: U, _ tensors: [Tensor], state: [Tensor?]) {
        if tensors[0].dtype == .float32 { rule.executeOnHost(tensors, state, Float.self) } else { rule.executeOnHost(tensors, state, Double.self) }
    }

    static func gatherSlices(_ src: Tensor, size: Int, index: Tensor, outer: Int, count: Int, inner: Int, into out: Tensor) {
        SliceIndexing.gather(src, size: size, index: index, outer: outer, count: count, inner: inner, into: out)
    }

    static func scatterSlices(_ src: Tensor, index: Tensor, outer: Int, count: Int, inner: Int, size: Int, into out: Tensor) {
        SliceIndexing.scatter(src, index: index, outer: outer, count: count, inner: inner, size: size, into: out)
    }

    private struct Extremum: NumericVisitor {
        let g: SliceGeometry, largest: Bool, values: Tensor, indices: Tensor?
        func visit<T: NumericElement>(_: T.Type) {
            SliceReduction.extremum(g, largest: largest, values: values.pointer(as: T.self), indices: indices?.pointer(as: Int64.self))
        }
    }

    private struct Product: NumericVisitor {
        let g: SliceGeometry, out: Tensor
        func visit<T: NumericElement>(_: T.Type) { SliceReduction.product(g, into: out.pointer(as: T.self)) }
    }

    private struct ProductOfOthers: FloatVisitor {
        let g: SliceGeometry, out: Tensor
        func visit<T: FloatElement>(_: T.Type) { SliceReduction.productOfOthers(g, into: out.pointer(as: T.self)) }
    }

    private struct Logical: NumericVisitor {
        let g: SliceGeometry, any: Bool, out: Tensor
        func visit<T: NumericElement>(_ type: T.Type) { SliceReduction.logical(type, g, any: any, into: out.pointer(as: Bool.self)) }
    }

    private struct Cumulative: NumericVisitor {
        let g: SliceGeometry, product: Bool, out: Tensor
        func visit<T: NumericElement>(_: T.Type) { SliceScan.cumulative(g, product: product, into: out.pointer(as: T.self)) }
    }

    private struct CumprodBackward: FloatVisitor {
        let g: SliceGeometry, grad: Tensor, out: Tensor
        func visit<T: FloatElement>(_: T.Type) {
            SliceScan.cumprodBackward(g, grad: grad.pointer(as: T.self), into: out.pointer(as: T.self))
        }
    }

    private struct Sort: NumericVisitor {
        let g: SliceGeometry, descending: Bool, k: Int, values: Tensor, indices: Tensor
        func visit<T: NumericElement>(_: T.Type) {
            SliceScan.sort(g, descending: descending, k: k, values: values.pointer(as: T.self), indices: indices.pointer(as: Int64.self))
        }
    }

    private struct Norm: FloatVisitor {
        let g: SliceGeometry, p: Double, out: Tensor
        func visit<T: FloatElement>(_: T.Type) { SliceReduction.norm(g, p: p, into: out.pointer(as: T.self)) }
    }

    private struct Moments: FloatVisitor {
        let g: SliceGeometry, correction: Double, variance: Tensor, mean: Tensor
        func visit<T: FloatElement>(_: T.Type) {
            SliceReduction.moments(g, correction: correction, variance: variance.pointer(as: T.self), mean: mean.pointer(as: T.self))
        }
    }

    private struct LogSumExp: FloatVisitor {
        let g: SliceGeometry, out: Tensor
        func visit<T: FloatElement>(_: T.Type) { SliceReduction.logSumExp(g, into: out.pointer(as: T.self)) }
    }
}

extension ParameterUpdate {
    /// The update over host memory: one pass over the elements, split across the cores
    /// (the CPU backend's `parameterUpdate`).
    func executeOnHost<T: FloatElement & SIMDScalar>(_ tensors: [Tensor], _ state: [Tensor?], _: T.Type) {
        let g = tensors[1].pointer(as: T.self)
        let slot = { (i: Int) in i + 2 < tensors.count ? tensors[i + 2].pointer(as: T.self) : g }
        var stores = 0
        for (k, s) in state.enumerated() where s != nil { stores |= 1 << k }
        let b = UpdateBuffers(param: tensors[0].pointer(as: T.self), grad: g,
                              s0: slot(0), s1: slot(1), s2: slot(2), stores: stores)
        let n = tensors[0].numel()
        let chunks = Parallel.chunkCount(for: n)
        if chunks == 1 {
            apply(b, 0..<n)
        } else {
            let shared = UncheckedSendable(b)
            Parallel.run(count: n, chunks: chunks) { range in apply(shared.value, range) }
        }
    }
}
