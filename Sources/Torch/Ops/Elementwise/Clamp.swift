/// NaN-propagating maximum and minimum (PyTorch's `maximum`, `minimum`, `clamp`).
enum MaximumFunction: BinaryFunction {
    @inline(__always) static func apply<T: NumericElement>(_ a: T, _ b: T) -> T {
        a.isNaNValue ? a : (b.isNaNValue ? b : (a > b ? a : b))
    }
}
enum MinimumFunction: BinaryFunction {
    @inline(__always) static func apply<T: NumericElement>(_ a: T, _ b: T) -> T {
        a.isNaNValue ? a : (b.isNaNValue ? b : (a < b ? a : b))
    }
}

extension Tensor {
    /// The larger of two elements, NaN if either is NaN, PyTorch's `maximum`.
    /// Where the two are equal, each gets half the gradient.
    public func maximum(_ other: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        extremumOp(MaximumFunction.self, "MaximumBackward0", other, file: file, line: line) { $0.lt($1) }
    }

    /// The smaller of two elements, NaN if either is NaN, PyTorch's `minimum`.
    public func minimum(_ other: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        extremumOp(MinimumFunction.self, "MinimumBackward0", other, file: file, line: line) { $0.gt($1) }
    }

    private func extremumOp<F: BinaryFunction>(_ f: F.Type, _ node: String, _ other: Tensor, file: StaticString, line: UInt,
                                               loses: @escaping (Tensor, Tensor) -> Tensor) -> Tensor {
        let out = binaryKernelOp(F.self, self, other, dtype: promotedType(self, other), file: file, line: line)
        if gradNeeded(self, other) {
            recordNode(node, inputs: [self, other], output: out, saving: [self, other]) { ctx in
                let (a, b) = (ctx.saved[0], ctx.saved[1])
                let shared = Torch.where(a.eq(b), ctx.grad / 2, ctx.grad)
                return [ctx.needsInputGrad[0] ? Torch.where(loses(a, b), 0.0, shared) : nil,
                        ctx.needsInputGrad[1] ? Torch.where(loses(b, a), 0.0, shared) : nil]
            }
        }
        return out
    }

    /// Limits every element to `[min, max]`, PyTorch's `clamp` (alias `clip`).
    /// Either bound may be nil; NaN elements stay NaN; when `min > max` every
    /// element becomes `max`. An integer tensor with a floating bound gives float32.
    ///
    /// ```swift
    /// x.clamp(min: 0, max: 1)
    /// x.clamp(min: -0.5)
    /// ```
    public func clamp(min: Double? = nil, max: Double? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        clamp(min: min.map { boundScalar($0) }, max: max.map { boundScalar($0) }, file: file, line: line)
    }

    /// `clamp` with integer bounds (an integer tensor stays integer).
    public func clamp(min: Int? = nil, max: Int? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        clamp(min: min.map { Scalar.int(Int64($0)) }, max: max.map { Scalar.int(Int64($0)) }, file: file, line: line)
    }

    /// `clamp` with bounds as `Scalar`s. The gradient reaches `x` only where it lies
    /// strictly inside the bounds (as PyTorch's `ClampBackward1`: not at a bound, not at NaN).
    public func clamp(min: Scalar?, max: Scalar?, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(min != nil || max != nil, "torch.clamp: At least one of 'min' or 'max' must not be None", file: file, line: line)
        let lo = min.map { Tensor.wrapped($0) }, hi = max.map { Tensor.wrapped($0) }
        let out = clampKernel(lo, hi, scalarBounds: true, file: file, line: line)
        if gradNeeded(self) {
            recordNode("ClampBackward1", inputs: [self], output: out, saving: [self]) { ctx in
                let x = ctx.saved[0]
                var inside = lo.map { x.gt($0) } ?? Torch.onesLike(x, dtype: .bool)
                if let hi { inside = inside.logicalAnd(x.lt(hi)) }
                return [Torch.where(inside, ctx.grad, 0.0)]
            }
        }
        return out
    }

    /// `clamp` with tensor bounds (broadcast against `self`); gradients flow to the bounds too.
    /// With one bound this is `maximum` (or `minimum`) and its gradient, ties split
    /// in half, as PyTorch's `clamp_min`/`clamp_max`; bool tensors take one bound only.
    public func clamp(min: Tensor?, max: Tensor? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        switch (min, max) {
        case (nil, nil): torchFail("torch.clamp: At least one of 'min' or 'max' must not be None", file: file, line: line)
        case let (lo?, nil): return extremumOp(MaximumFunction.self, "ClampBackward0", lo, file: file, line: line) { $0.lt($1) }
        case let (nil, hi?): return extremumOp(MinimumFunction.self, "ClampBackward0", hi, file: file, line: line) { $0.gt($1) }
        case let (lo?, hi?):
            let out = clampKernel(lo, hi, scalarBounds: false, file: file, line: line)
            guard gradNeeded([self, lo, hi]) else { return out }
            recordNode("ClampBackward0", inputs: [self, lo, hi], output: out, saving: [self, lo, hi]) { ctx in
                clampGradients(ctx.grad, ctx.saved[0], ctx.saved[1], ctx.saved[2], needs: ctx.needsInputGrad)
            }
            return out
        }
    }

    /// PyTorch's `clip`, an alias of `clamp`.
    public func clip(min: Double? = nil, max: Double? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        clamp(min: min, max: max, file: file, line: line)
    }

    /// `clip` with integer bounds.
    public func clip(min: Int? = nil, max: Int? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        clamp(min: min, max: max, file: file, line: line)
    }

    /// `clip` with tensor bounds.
    public func clip(min: Tensor?, max: Tensor? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        clamp(min: min, max: max, file: file, line: line)
    }

    /// `clamp` in place, PyTorch's `clamp_`.
    @discardableResult
    public func clamp_(min: Double? = nil, max: Double? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        clamp_(min: min.map { boundScalar($0) }, max: max.map { boundScalar($0) }, file: file, line: line)
    }

    /// `clamp_` with integer bounds.
    @discardableResult
    public func clamp_(min: Int? = nil, max: Int? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        clamp_(min: min.map { Scalar.int(Int64($0)) }, max: max.map { Scalar.int(Int64($0)) }, file: file, line: line)
    }

    /// `clamp_` with bounds as `Scalar`s.
    @discardableResult
    public func clamp_(min: Scalar?, max: Scalar?, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let bounds = [min, max].compactMap { $0 }.map { Tensor.wrapped($0) }
        return updateInPlace(resultType: resultType([self] + bounds), file: file, line: line) {
            $0.clamp(min: min, max: max, file: file, line: line)
        }
    }

    /// `clamp_` with tensor bounds.
    @discardableResult
    public func clamp_(min: Tensor?, max: Tensor? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let bounds = [min, max].compactMap { $0 }
        let shape = broadcastShape(with: bounds, file: file, line: line)
        return updateInPlace(others: bounds, resultType: resultType([self] + bounds), resultShape: shape, file: file, line: line) {
            $0.clamp(min: min, max: max, file: file, line: line)
        }
    }

    /// PyTorch's `clip_`, an alias of `clamp_`.
    @discardableResult
    public func clip_(min: Double? = nil, max: Double? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        clamp_(min: min, max: max, file: file, line: line)
    }

    /// `clip_` with integer bounds.
    @discardableResult
    public func clip_(min: Int? = nil, max: Int? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        clamp_(min: min, max: max, file: file, line: line)
    }

    /// `clip_` with tensor bounds.
    @discardableResult
    public func clip_(min: Tensor?, max: Tensor? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        clamp_(min: min, max: max, file: file, line: line)
    }

    /// A floating bound that holds an integer value still counts as floating for promotion.
    private func boundScalar(_ v: Double) -> Scalar { .double(v) }

    /// Computes the clamp (no autograd): `min(max(x, lo), hi)`, NaN-propagating.
    /// As in PyTorch, a bool tensor takes a single tensor bound (that is `maximum`
    /// or `minimum`) but neither scalar bounds nor two tensor bounds.
    private func clampKernel(_ lo: Tensor?, _ hi: Tensor?, scalarBounds: Bool, file: StaticString, line: UInt) -> Tensor {
        let bounds = [lo, hi].compactMap { $0 }
        let dtype = resultType([self] + bounds)
        if dtype == .bool && (scalarBounds || bounds.count == 2) {
            let kernel = !scalarBounds ? "clamp_cpu" : bounds.count == 2 ? "clamp_scalar_cpu" : lo != nil ? "clamp_min_scalar_cpu" : "clamp_max_scalar_cpu"
            torchFail(unsupportedDTypeMessage(kernel, .bool), file: file, line: line)
        }
        var out = lo.map { binaryKernelOp(MaximumFunction.self, self, $0, dtype: dtype, file: file, line: line) } ?? cast(dtype)
        if let hi { out = binaryKernelOp(MinimumFunction.self, out, hi, dtype: dtype, file: file, line: line) }
        let shape = broadcastShape(with: bounds, file: file, line: line)
        return out.shape == shape ? out : out.expand(shape).contiguous()
    }
}

/// The gradients of `clamp(x, lo, hi)` with tensor bounds, PyTorch 2.15's rules:
/// with `lo <= hi` the element that the output equals takes the gradient, split
/// in half when `x` ties with a bound (all three equal: `x` takes it); with
/// `lo > hi` the output is `hi` and so is the gradient's; a NaN `x` passes its
/// gradient through whatever the bounds, and a NaN bound takes none.
private func clampGradients(_ g: Tensor, _ x: Tensor, _ lo: Tensor, _ hi: Tensor, needs: [Bool]) -> [Tensor?] {
    let ordered = lo.le(hi), strictlyOrdered = lo.lt(hi), crossed = lo.gt(hi)
    let half = g / 2
    var grads: [Tensor?] = [nil, nil, nil]
    if needs[0] {
        let within = x.lt(lo).logicalNot().logicalAnd(x.gt(hi).logicalNot()).logicalAnd(crossed.logicalNot())
        let tied = x.eq(lo).logicalOr(x.eq(hi)).logicalAnd(strictlyOrdered)
        grads[0] = Torch.where(x.isnan(), g, Torch.where(within, Torch.where(tied, half, g), 0.0))
    }
    if needs[1] {
        grads[1] = Torch.where(ordered.logicalAnd(x.lt(lo)), g,
                               Torch.where(strictlyOrdered.logicalAnd(x.eq(lo)), half, 0.0))
    }
    if needs[2] {
        grads[2] = Torch.where(crossed.logicalOr(ordered.logicalAnd(x.gt(hi))), g,
                               Torch.where(strictlyOrdered.logicalAnd(x.eq(hi)), half, 0.0))
    }
    return grads
}

/// PyTorch's `torch.maximum`.
public func maximum(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { a.maximum(b, file: file, line: line) }
/// PyTorch's `torch.minimum`.
public func minimum(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { a.minimum(b, file: file, line: line) }
/// PyTorch's `torch.clamp`.
public func clamp(_ x: Tensor, min: Double? = nil, max: Double? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    x.clamp(min: min, max: max, file: file, line: line)
}
/// PyTorch's `torch.clamp` with integer bounds.
public func clamp(_ x: Tensor, min: Int? = nil, max: Int? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    x.clamp(min: min, max: max, file: file, line: line)
}
/// PyTorch's `torch.clamp` with tensor bounds.
public func clamp(_ x: Tensor, min: Tensor?, max: Tensor? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    x.clamp(min: min, max: max, file: file, line: line)
}
/// PyTorch's `torch.clip`.
public func clip(_ x: Tensor, min: Double? = nil, max: Double? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    x.clamp(min: min, max: max, file: file, line: line)
}
