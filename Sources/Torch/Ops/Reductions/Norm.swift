import Foundation

extension Tensor {
    /// The vector p-norm over dims (all when nil), PyTorch's `norm(p, dim, keepdim)`
    /// and `torch.linalg.vector_norm`.
    ///
    /// `p` may be any real number: 2 (default, Euclidean), 1, `.infinity` (largest
    /// magnitude), `-.infinity` (smallest), 0 (count of nonzeros) or another power.
    ///
    /// ```swift
    /// x.norm()                          // sqrt of the sum of squares
    /// x.norm(p: .infinity, dims: [1])   // largest magnitude in each row
    /// ```
    public func norm(p: Double = 2, dims: [Int]? = nil, keepdim: Bool = false,
                     file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(dtype.isFloatingPoint, "linalg.vector_norm: Expected a floating point or complex tensor as input. Got \(dtype.scalarTypeName)", file: file, line: line)
        let mask = reducedDims(dims, rank: ndim, file: file, line: line)
        if p < 0 || p.isInfinite {
            torchCheck((0..<ndim).allSatisfy { !mask[$0] || shape[$0] > 0 },
                       "linalg.vector_norm cannot compute the \(normName(p)) norm on an empty tensor because the operation does not have an identity",
                       file: file, line: line)
        }
        let (kept, final) = reducedShapes(shape, mask, keepdim: keepdim)
        let compute = dtype.computeType
        let g = SliceGeometry(cast(compute), reducing: mask)
        let out = Tensor(uninitializedShape: kept, dtype: compute, device: device)
        Dispatch.slices(.norm(p: p), g, into: [out])
        let result = out.makeReshapedAlias(final).cast(dtype)
        if gradNeeded(self) {
            recordNode("LinalgVectorNormBackward0", inputs: [self], output: result, saving: [self], savingOutput: true) { ctx in
                let x = ctx.saved[0], norm = ctx.saved[1].reshape(kept), grad = ctx.grad.reshape(kept)
                return [Tensor.normGradient(x: x, norm: norm, grad: grad, p: p, dims: dims)]
            }
        }
        return result
    }

    /// The p-norm with `p` given by name: "fro" is the 2-norm of the flattened dims.
    public func norm(p: String, dims: [Int]? = nil, keepdim: Bool = false,
                     file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(p == "fro", "linalg.matrix_norm: Order \(p) not supported.", file: file, line: line)
        return norm(p: 2, dims: dims, keepdim: keepdim, file: file, line: line)
    }

    /// The p-norm over one dim.
    public func norm(p: Double = 2, dim: Int, keepdim: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        norm(p: p, dims: [dim], keepdim: keepdim, file: file, line: line)
    }

    /// The gradient of a p-norm; `norm` and `grad` have keepdim shape.
    private static func normGradient(x: Tensor, norm: Tensor, grad: Tensor, p: Double, dims: [Int]?) -> Tensor {
        let zero = Tensor.scalarTensor(.int(0), dtype: x.dtype)
        let sign = x.signConstant()
        switch p {
        case 0:
            return x * 0
        case 1:
            return grad * sign
        case 2:
            // x / norm, with 0 where the norm is 0 (the subgradient PyTorch picks).
            let safe = norm + norm.equalityMask(zero, dtype: norm.dtype)
            return grad * x / safe
        case .infinity, -.infinity:
            let magnitude = noGrad { x * sign }
            let ties = magnitude.equalityMask(norm, dtype: x.dtype)
            let count = noGrad { ties.sum(dims: dims, keepdim: true) }
            return grad * sign * ties / count
        default:
            // x |x|^(p-2) / norm^(p-1), zero where x or the norm is zero.
            let magnitude = noGrad { x * sign }
            let scaled = magnitude.powConstant(p - 2) * x
            let denominator = norm.powConstant(p - 1)
            let safe = denominator + denominator.equalityMask(zero, dtype: norm.dtype)
            return grad * scaled / safe
        }
    }

    /// -1, 0 or 1 by the sign of each element, as a constant (no autograd).
    func signConstant() -> Tensor {
        noGrad { gt(0).to(dtype) - lt(0).to(dtype) }  // NaN: neither, 0
    }

    /// `|x|^e` elementwise as a constant (no autograd); 0^e is 0 for every e, which
    /// is what the norm gradient needs where an element is zero.
    func powConstant(_ e: Double) -> Tensor {
        noGrad {
            let x = cast(dtype.computeType)
            return Torch.where(x.eq(0), 0.0, x.abs().pow(e)).cast(dtype)
        }
    }
}

private func normName(_ p: Double) -> String {
    if p == .infinity { return "inf" }
    if p == -.infinity { return "-inf" }
    return String(p)
}

/// PyTorch's `torch.norm` for vector norms.
public func norm(_ x: Tensor, p: Double = 2, dims: [Int]? = nil, keepdim: Bool = false,
                 file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    x.norm(p: p, dims: dims, keepdim: keepdim, file: file, line: line)
}
