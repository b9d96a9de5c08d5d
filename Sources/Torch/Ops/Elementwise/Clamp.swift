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

    /// `clamp` with bounds as `Scalar`s.
    public func clamp(min: Scalar?, max: Scalar?, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(min != nil || max != nil, "torch.clamp: At least one of 'min' or 'max' must not be None", file: file, line: line)
        let lo = min.map { Tensor.wrapped($0) }, hi = max.map { Tensor.wrapped($0) }
        let out = clampKernel(lo, hi, file: file, line: line)
        if gradNeeded(self) {
            recordNode("ClampBackward1", inputs: [self], output: out, saving: [self]) { ctx in
                [Torch.where(clampPassMask(ctx.saved[0], lo, hi), ctx.grad, 0.0)]
            }
        }
        return out
    }

    /// `clamp` with tensor bounds (broadcast against `self`); gradients flow to the bounds too.
    public func clamp(min: Tensor?, max: Tensor? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(min != nil || max != nil, "torch.clamp: At least one of 'min' or 'max' must not be None", file: file, line: line)
        let out = clampKernel(min, max, file: file, line: line)
        let bounds = [min, max].compactMap { $0 }
        guard gradNeeded([self] + bounds) else { return out }
        let hasMin = min != nil, hasMax = max != nil
        recordNode("ClampBackward0", inputs: [self] + bounds, output: out, saving: [self] + bounds) { ctx in
            let x = ctx.saved[0]
            let lo = hasMin ? ctx.saved[1] : nil
            let hi = hasMax ? ctx.saved[hasMin ? 2 : 1] : nil
            var grads: [Tensor?] = [Torch.where(clampPassMask(x, lo, hi), ctx.grad, 0.0)]
            if let lo {
                // The lower bound wins where x is below it, unless the upper bound overrides it.
                var wins = x.lt(lo)
                if let hi { wins = wins.logicalAnd(lo.lt(hi)) }
                grads.append(ctx.needsInputGrad[1] ? Torch.where(wins, ctx.grad, 0.0) : nil)
            }
            if let hi {
                var wins = x.gt(hi)
                if let lo { wins = wins.logicalOr(hi.lt(lo)) }
                grads.append(ctx.needsInputGrad[grads.count] ? Torch.where(wins, ctx.grad, 0.0) : nil)
            }
            return grads
        }
        return out
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
    private func clampKernel(_ lo: Tensor?, _ hi: Tensor?, file: StaticString, line: UInt) -> Tensor {
        let bounds = [lo, hi].compactMap { $0 }
        let dtype = resultType([self] + bounds)
        torchCheck(dtype != .bool, unsupportedDTypeMessage(hi == nil ? "clamp_min_scalar_cpu" : "clamp_scalar_cpu", .bool), file: file, line: line)
        var out = lo.map { binaryKernelOp(MaximumFunction.self, self, $0, dtype: dtype, file: file, line: line) } ?? cast(dtype)
        if let hi { out = binaryKernelOp(MinimumFunction.self, out, hi, dtype: dtype, file: file, line: line) }
        let shape = broadcastShape(with: bounds, file: file, line: line)
        return out.shape == shape ? out : out.expand(shape).contiguous()
    }
}

/// Where the clamp passes `x` through (`lo <= x <= hi`): there the gradient flows to `x`.
private func clampPassMask(_ x: Tensor, _ lo: Tensor?, _ hi: Tensor?) -> Tensor {
    switch (lo, hi) {
    case let (lo?, hi?): return x.ge(lo).logicalAnd(x.le(hi))
    case let (lo?, nil): return x.ge(lo)
    case let (nil, hi?): return x.le(hi)
    case (nil, nil): return Torch.onesLike(x, dtype: .bool)
    }
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
