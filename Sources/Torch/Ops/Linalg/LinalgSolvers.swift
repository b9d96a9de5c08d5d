// `torch.linalg`: inverse, determinant and linear solve through an LU
// factorisation with partial pivoting, written in Swift.

/// The `torch.linalg` namespace; use it through `Torch.linalg`:
///
/// ```swift
/// let x = Torch.linalg.solve(a, b)
/// let d = Torch.linalg.det(a)
/// ```
public enum Linalg {
    /// The inverse of a square matrix (or a batch of them), PyTorch's `torch.linalg.inv`.
    ///
    /// Stops with PyTorch's message when a matrix is singular.
    public static func inv(_ A: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        checkSquare(A, "linalg.inv", file: file, line: line)
        let n = A.shape[A.ndim - 1]
        let out = noGrad { () -> Tensor in
            let identity = Torch.eye(n, device: A.device, dtype: A.dtype).expand(A.shape)
            return luSolve(A, identity, singular: { batch, info in
                "linalg.inv: \(batchPrefix(A, batch))The diagonal element \(info) is zero, the inversion could not be completed because the input matrix is singular."
            }, file: file, line: line)
        }
        if gradNeeded(A) {
            recordNode("LinalgInvExBackward0", inputs: [A], output: out, savingOutput: true) { ctx in
                let invT = ctx.saved[0].transpose(-2, -1)
                return [-invT.matmul(ctx.grad).matmul(invT)]
            }
        }
        return out
    }

    /// The determinant of a square matrix (or a batch of them), PyTorch's `torch.linalg.det`.
    ///
    /// An exactly singular matrix gets a zero gradient, as in PyTorch.
    public static func det(_ A: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        checkSquare(A, "linalg.det", file: file, line: line)
        let out = noGrad { determinant(A) }
        if gradNeeded(A) {
            recordNode("LinalgDetBackward0", inputs: [A], output: out, saving: [A], savingOutput: true) { ctx in
                // d det(A) / dA = det(A) * A^{-T}
                let (a, d) = (ctx.saved[0], ctx.saved[1])
                let scale = (ctx.grad * d).unsqueeze(-1).unsqueeze(-1)
                // (On meta there are no values to test; the shape is the same either way.)
                let dets = d.isMeta ? [] : d.toArray(as: Double.self)
                if !dets.contains(0) { return [scale * inv(a).transpose(-2, -1)] }
                // PyTorch gives an exactly singular matrix a zero gradient (its scale
                // is 0); the identity stands in for it so the inverse exists.
                let kept = Tensor(dets.map { $0 == 0 ? 0.0 : 1.0 }, dtype: a.dtype).reshape(d.shape + [1, 1])
                let safe = a * kept + Torch.eye(a.shape[a.ndim - 1], device: a.device, dtype: a.dtype) * (1 - kept)
                return [scale * inv(safe).transpose(-2, -1)]
            }
        }
        return out
    }

    /// The solution `X` of `A X = B`, PyTorch's `torch.linalg.solve`.
    ///
    /// `B` is a batch of vectors when it is 1-d or has one dim fewer than `A` with
    /// matching batch dims, a batch of matrices otherwise; batch dims broadcast.
    public static func solve(_ A: Tensor, _ B: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        checkSquare(A, "linalg.solve", file: file, line: line)
        torchCheck(A.dtype == B.dtype, "linalg.solve: Expected A and B to have the same dtype, but found A of type \(A.dtype.scalarTypeName) and B of type \(B.dtype.scalarTypeName) instead", file: file, line: line)
        let n = A.shape[A.ndim - 1]
        let vectorCase = B.ndim == 1 || (B.ndim == A.ndim - 1 && Array(B.shape) == Array(A.shape.dropLast()))
        let Bm = vectorCase ? B.unsqueeze(-1) : B
        torchCheck(Bm.ndim >= 2 && Bm.shape[Bm.ndim - 2] == n, "linalg.solve: Incompatible shapes of A and B for the equation AX = B (\(n)x\(n) and \(Bm.ndim >= 2 ? Bm.shape[Bm.ndim - 2] : Bm.shape[0])x\(Bm.shape[Bm.ndim - 1]))", file: file, line: line)
        let batch = broadcastShapes(Array(A.shape.dropLast(2)), Array(Bm.shape.dropLast(2)), file: file, line: line)
        let out = noGrad { () -> Tensor in
            let x = luSolve(A.expand(batch + [n, n]), Bm.expand(batch + Array(Bm.shape.suffix(2))), singular: { b, _ in
                "torch.linalg.solve: \(batch.isEmpty ? "" : "(Batch element \(b)): ")The solver failed because the input matrix is singular."
            }, file: file, line: line)
            return vectorCase ? x.squeeze(-1) : x
        }
        if gradNeeded(A, B) {
            recordNode("LinalgSolveExBackward0", inputs: [A, B], output: out, saving: [A], savingOutput: true) { ctx in
                // gB = A^{-T} g, gA = -gB X^T
                let g = vectorCase ? ctx.grad.unsqueeze(-1) : ctx.grad
                let x = vectorCase ? ctx.saved[1].unsqueeze(-1) : ctx.saved[1]
                let gB = solve(ctx.saved[0].transpose(-2, -1), g)
                let gA = ctx.needsInputGrad[0] ? -gB.matmul(x.transpose(-2, -1)) : nil
                return [gA, ctx.needsInputGrad[1] ? (vectorCase ? gB.squeeze(-1) : gB) : nil]
            }
        }
        return out
    }

    private static func checkSquare(_ A: Tensor, _ op: String, file: StaticString, line: UInt) {
        torchCheck(A.ndim >= 2, "\(op): The input tensor A must have at least 2 dimensions.", file: file, line: line)
        torchCheck(A.shape[A.ndim - 1] == A.shape[A.ndim - 2], "\(op): A must be batches of square matrices, but they are \(A.shape[A.ndim - 2]) by \(A.shape[A.ndim - 1]) matrices", file: file, line: line)
        torchCheck(A.dtype.isFloatingPoint, "\(op): Expected a floating point or complex tensor as input. Got \(A.dtype.scalarTypeName)", file: file, line: line)
        torchCheck(A.dtype == .float32 || A.dtype == .float64, "\(op): Low precision dtypes not supported. Got \(A.dtype.scalarTypeName)", file: file, line: line)
    }

    private static func batchPrefix(_ A: Tensor, _ batch: Int) -> String {
        A.ndim > 2 ? "(Batch element \(batch)): " : ""
    }

    /// Solves `A X = B` for every matrix of a batch (`A`: `[..., n, n]`, `B`:
    /// `[..., n, k]` with the same batch dims); `singular` gives the message for
    /// a zero pivot (batch index, 1-based diagonal index).
    private static func luSolve(_ A: Tensor, _ B: Tensor, singular: (Int, Int) -> String,
                                file: StaticString, line: UInt) -> Tensor {
        // Factored in host memory: a meta batch yields its shape only (as PyTorch's
        // meta kernels, which cannot see a singular matrix), another device's
        // through host copies.
        if A.isMeta { return Tensor(uninitializedShape: B.shape, dtype: B.dtype, device: .meta) }
        let a = A.cpu().contiguousCopy(), x = B.cpu().contiguousCopy()
        let n = A.shape[A.ndim - 1], k = B.shape[B.ndim - 1]
        let count = n == 0 ? 0 : a.numel() / (n * n)
        func run<T: FloatElement>(_: T.Type) {
            let pa = a.pointer(as: T.self), px = x.pointer(as: T.self)
            var pivots = [Int](repeating: 0, count: n)
            for b in 0..<count {
                let m = pa + b * n * n, rhs = px + b * n * k
                let (info, _) = luFactor(m, n, &pivots)
                if info != 0 { torchFail(singular(b, info), file: file, line: line) }
                luSubstitute(m, n, pivots, rhs, k)
            }
        }
        if a.dtype == .float32 { run(Float.self) } else { run(Double.self) }
        return x.to(A.device)
    }

    /// The determinant of every matrix of a batch, from its LU factors.
    private static func determinant(_ A: Tensor) -> Tensor {
        let batchShape = Array(A.shape.dropLast(2))
        if A.isMeta { return Tensor(uninitializedShape: batchShape, dtype: A.dtype, device: .meta) }
        let a = A.cpu().contiguousCopy()
        let n = A.shape[A.ndim - 1]
        let out = Tensor(uninitializedShape: batchShape, dtype: A.dtype)
        let count = out.numel()
        func run<T: FloatElement>(_: T.Type) {
            let pa = a.pointer(as: T.self), po = out.pointer(as: T.self)
            var pivots = [Int](repeating: 0, count: n)
            for b in 0..<count {
                let m = pa + b * n * n
                let (_, sign) = luFactor(m, n, &pivots)
                var d: T = sign
                for i in 0..<n { d *= m[i * n + i] }
                po[b] = d
            }
        }
        if a.dtype == .float32 { run(Float.self) } else { run(Double.self) }
        return out.to(A.device)
    }
}

/// PyTorch's `torch.linalg` namespace: `Torch.linalg.inv(a)`.
public let linalg = Linalg.self

/// Factors a row-major `n x n` matrix in place into `P A = L U` (unit lower `L`
/// below the diagonal, `U` on and above it), choosing the largest pivot in each
/// column, as LAPACK's `getrf` does.
///
/// Returns LAPACK's `info` (the 1-based index of the first exactly-zero pivot,
/// 0 if none; factoring continues past it) and the sign of the permutation.
func luFactor<T: FloatElement>(_ m: UnsafeMutablePointer<T>, _ n: Int, _ pivots: inout [Int]) -> (info: Int, sign: T) {
    var info = 0
    var sign: T = 1
    for col in 0..<n {
        var p = col
        var best = Swift.abs(m[col * n + col])
        for r in (col + 1)..<max(n, col + 1) where Swift.abs(m[r * n + col]) > best {
            best = Swift.abs(m[r * n + col])
            p = r
        }
        pivots[col] = p
        if p != col {
            sign = -sign
            for j in 0..<n { let t = m[col * n + j]; m[col * n + j] = m[p * n + j]; m[p * n + j] = t }
        }
        let pivot = m[col * n + col]
        if pivot == 0 {
            if info == 0 { info = col + 1 }
            continue
        }
        let inverse = 1 / pivot
        for r in (col + 1)..<max(n, col + 1) {
            let factor = m[r * n + col] * inverse
            m[r * n + col] = factor
            if factor == 0 { continue }
            let row = m + r * n, top = m + col * n
            for j in (col + 1)..<n { row[j] -= factor * top[j] }
        }
    }
    return (info, sign)
}

/// Solves `A X = B` in place in `rhs` (`n x k`, row-major) from `luFactor`'s output.
func luSubstitute<T: FloatElement>(_ lu: UnsafeMutablePointer<T>, _ n: Int, _ pivots: [Int],
                                   _ rhs: UnsafeMutablePointer<T>, _ k: Int) {
    for i in 0..<n where pivots[i] != i {
        for j in 0..<k { let t = rhs[i * k + j]; rhs[i * k + j] = rhs[pivots[i] * k + j]; rhs[pivots[i] * k + j] = t }
    }
    // Forward: L y = P b (unit diagonal).
    for i in 0..<n {
        for r in 0..<i {
            let f = lu[i * n + r]
            if f == 0 { continue }
            for j in 0..<k { rhs[i * k + j] -= f * rhs[r * k + j] }
        }
    }
    // Backward: U x = y.
    for i in stride(from: n - 1, through: 0, by: -1) {
        for r in (i + 1)..<max(n, i + 1) {
            let f = lu[i * n + r]
            if f == 0 { continue }
            for j in 0..<k { rhs[i * k + j] -= f * rhs[r * k + j] }
        }
        let d = 1 / lu[i * n + i]
        for j in 0..<k { rhs[i * k + j] *= d }
    }
}

extension Tensor {
    /// The inverse of a square matrix (or batch), PyTorch's `inverse()`; same as `Torch.linalg.inv`.
    public func inverse(file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        Linalg.inv(self, file: file, line: line)
    }

    /// The determinant of a square matrix (or batch), PyTorch's `det()`; same as `Torch.linalg.det`.
    public func det(file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        Linalg.det(self, file: file, line: line)
    }
}

/// PyTorch's `torch.inverse`.
public func inverse(_ input: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    input.inverse(file: file, line: line)
}

/// PyTorch's `torch.det`.
public func det(_ input: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    input.det(file: file, line: line)
}
