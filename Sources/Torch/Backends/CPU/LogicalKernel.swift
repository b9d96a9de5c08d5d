/// Selection and truth-value kernels: `where`, logical and bitwise ops,
/// floating classification and `isclose`, for any strided layout.
enum LogicalKernel {
    /// `out = condition ? a : b` (bool condition; `a`, `b` and `out` of one dtype).
    static func select(_ condition: Tensor, _ a: Tensor, _ b: Tensor, into out: Tensor) {
        out.dtype.dispatch(SelectVisitor(condition: condition, a: a, b: b, out: out))
    }

    private struct SelectVisitor: ElementVisitor {
        let condition: Tensor, a: Tensor, b: Tensor, out: Tensor
        func visit<T: TensorElement>(_: T.Type) {
            ElementwiseKernel.map3(condition, a, b, out) { (c: Bool, x: T, y: T) -> T in c ? x : y }
        }
    }

    /// `out = F(a, b)` over bool operands.
    static func logical<F: LogicalFunction>(_: F.Type, _ a: Tensor, _ b: Tensor, into out: Tensor) {
        ElementwiseKernel.map2(a, b, out) { (x: Bool, y: Bool) -> Bool in F.apply(x, y) }
    }

    /// `out = F(a, b)` over integer or bool operands of `out`'s dtype.
    static func bitwise<F: BitwiseFunction>(_: F.Type, _ a: Tensor, _ b: Tensor, into out: Tensor) {
        switch out.dtype {
        case .bool: ElementwiseKernel.map2(a, b, out) { (x: Bool, y: Bool) -> Bool in F.apply(x ? 1 : 0 as UInt8, y ? 1 : 0) != 0 }
        case .uint8: ElementwiseKernel.map2(a, b, out) { (x: UInt8, y: UInt8) in F.apply(x, y) }
        case .int8: ElementwiseKernel.map2(a, b, out) { (x: Int8, y: Int8) in F.apply(x, y) }
        case .int16: ElementwiseKernel.map2(a, b, out) { (x: Int16, y: Int16) in F.apply(x, y) }
        case .int32: ElementwiseKernel.map2(a, b, out) { (x: Int32, y: Int32) in F.apply(x, y) }
        default: ElementwiseKernel.map2(a, b, out) { (x: Int64, y: Int64) in F.apply(x, y) }
        }
    }

    /// `out = ~a` over integers, `!a` over bools.
    static func bitwiseNot(_ a: Tensor, into out: Tensor) {
        switch out.dtype {
        case .bool: ElementwiseKernel.map1(a, out) { (x: Bool) -> Bool in !x }
        case .uint8: ElementwiseKernel.map1(a, out) { (x: UInt8) -> UInt8 in ~x }
        case .int8: ElementwiseKernel.map1(a, out) { (x: Int8) -> Int8 in ~x }
        case .int16: ElementwiseKernel.map1(a, out) { (x: Int16) -> Int16 in ~x }
        case .int32: ElementwiseKernel.map1(a, out) { (x: Int32) -> Int32 in ~x }
        default: ElementwiseKernel.map1(a, out) { (x: Int64) -> Int64 in ~x }
        }
    }

    /// `out = F(a)` for a float32 or float64 operand, as bools.
    static func classify<F: FloatClassFunction>(_: F.Type, _ a: Tensor, into out: Tensor) {
        if a.dtype == .float64 {
            ElementwiseKernel.map1(a, out) { (x: Double) -> Bool in F.apply(x) }
        } else {
            ElementwiseKernel.map1(a, out) { (x: Float) -> Bool in F.apply(Double(x)) }
        }
    }

    /// `out = |a - b| <= atol + rtol * |b|` (or equal, NaNs equal with `equalNan`), float64 operands.
    static func isclose(_ a: Tensor, _ b: Tensor, rtol: Double, atol: Double, equalNan: Bool, into out: Tensor) {
        ElementwiseKernel.map2(a, b, out) { (x: Double, y: Double) -> Bool in
            if x == y { return true }
            if x.isNaN || y.isNaN { return equalNan && x.isNaN && y.isNaN }
            if !x.isFinite || !y.isFinite { return false }
            return Swift.abs(x - y) <= atol + rtol * Swift.abs(y)
        }
    }
}
