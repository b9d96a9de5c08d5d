/// A function of two numbers, generic over the compute element types.
protocol BinaryFunction {
    static func apply<T: NumericElement>(_ a: T, _ b: T) -> T
}

/// A function of two floating numbers (float32 or float64).
protocol FloatBinaryFunction {
    static func apply<T: FloatElement>(_ a: T, _ b: T) -> T
}

/// A function of one number, generic over the compute element types.
protocol UnaryFunction {
    static func apply<T: NumericElement>(_ a: T) -> T
}

/// A function of one floating number (float32 or float64).
protocol FloatUnaryFunction {
    static func apply<T: FloatElement>(_ x: T) -> T
}

/// A predicate on two numbers (comparisons).
protocol ComparisonFunction {
    static func apply<T: NumericElement>(_ a: T, _ b: T) -> Bool
}

/// Elementwise primitives: each reads operands broadcast to the output's shape
/// and writes the output's layout. Operands already hold the compute dtype.
enum ElementwiseKernel {
    static func binary<F: BinaryFunction>(_: F.Type, _ a: Tensor, _ b: Tensor, into out: Tensor) {
        switch out.dtype {
        case .uint8: map2(a, b, out) { (x: UInt8, y: UInt8) in F.apply(x, y) }
        case .int8: map2(a, b, out) { (x: Int8, y: Int8) in F.apply(x, y) }
        case .int16: map2(a, b, out) { (x: Int16, y: Int16) in F.apply(x, y) }
        case .int32: map2(a, b, out) { (x: Int32, y: Int32) in F.apply(x, y) }
        case .int64: map2(a, b, out) { (x: Int64, y: Int64) in F.apply(x, y) }
        case .float32: map2(a, b, out) { (x: Float, y: Float) in F.apply(x, y) }
        case .float64: map2(a, b, out) { (x: Double, y: Double) in F.apply(x, y) }
        default: preconditionFailure("binary kernel called with compute dtype \(out.dtype)")
        }
    }

    static func floatBinary<F: FloatBinaryFunction>(_: F.Type, _ a: Tensor, _ b: Tensor, into out: Tensor) {
        switch out.dtype {
        case .float32: map2(a, b, out) { (x: Float, y: Float) in F.apply(x, y) }
        case .float64: map2(a, b, out) { (x: Double, y: Double) in F.apply(x, y) }
        default: preconditionFailure("float kernel called with dtype \(out.dtype)")
        }
    }

    static func unary<F: UnaryFunction>(_: F.Type, _ a: Tensor, into out: Tensor) {
        switch out.dtype {
        case .uint8: map1(a, out) { (x: UInt8) in F.apply(x) }
        case .int8: map1(a, out) { (x: Int8) in F.apply(x) }
        case .int16: map1(a, out) { (x: Int16) in F.apply(x) }
        case .int32: map1(a, out) { (x: Int32) in F.apply(x) }
        case .int64: map1(a, out) { (x: Int64) in F.apply(x) }
        case .float32: map1(a, out) { (x: Float) in F.apply(x) }
        case .float64: map1(a, out) { (x: Double) in F.apply(x) }
        default: preconditionFailure("unary kernel called with compute dtype \(out.dtype)")
        }
    }

    static func floatUnary<F: FloatUnaryFunction>(_: F.Type, _ a: Tensor, into out: Tensor) {
        switch out.dtype {
        case .float32: map1(a, out) { (x: Float) in F.apply(x) }
        case .float64: map1(a, out) { (x: Double) in F.apply(x) }
        default: preconditionFailure("float kernel called with dtype \(out.dtype)")
        }
    }

    /// `out` is bool; `a` and `b` hold the same compute dtype.
    static func compare<F: ComparisonFunction>(_: F.Type, _ a: Tensor, _ b: Tensor, into out: Tensor) {
        switch a.dtype {
        case .uint8: map2(a, b, out) { (x: UInt8, y: UInt8) in F.apply(x, y) }
        case .int8: map2(a, b, out) { (x: Int8, y: Int8) in F.apply(x, y) }
        case .int16: map2(a, b, out) { (x: Int16, y: Int16) in F.apply(x, y) }
        case .int32: map2(a, b, out) { (x: Int32, y: Int32) in F.apply(x, y) }
        case .int64: map2(a, b, out) { (x: Int64, y: Int64) in F.apply(x, y) }
        case .float32: map2(a, b, out) { (x: Float, y: Float) in F.apply(x, y) }
        case .float64: map2(a, b, out) { (x: Double, y: Double) in F.apply(x, y) }
        default: preconditionFailure("compare kernel called with compute dtype \(a.dtype)")
        }
    }

    /// out[i] = f(a[i]) over out's shape, `a` broadcast to it.
    @inline(__always)
    static func map1<A: TensorElement, R: TensorElement>(_ a: Tensor, _ out: Tensor, _ f: (A) -> R) {
        if out.isContiguous, let ka = DenseLoop.access(a, as: out.shape) {
            let o = out.pointer(as: R.self), x = a.pointer(as: A.self)
            DenseLoop.run(count: out.numel()) { r in
                if ka == .dense { for i in r { o[i] = f(x[i]) } } else {
                    let v = f(x[0])
                    for i in r { o[i] = v }
                }
            }
            return
        }
        let la = a.layout.broadcast(to: out.shape)
        let loop = StridedLoop(shape: out.shape, layouts: [out.layout, la])
        let so = loop.innerStride(0), sa = loop.innerStride(1)
        let po = out.basePointer(as: R.self), pa = a.basePointer(as: A.self)
        loop.forEachRun { pos, n in
            let o = po + pos[0], x = pa + pos[1]
            if so == 1 && sa == 1 {
                for i in 0..<n { o[i] = f(x[i]) }
            } else {
                for i in 0..<n { o[i * so] = f(x[i * sa]) }
            }
        }
    }

    /// out[i] = f(a[i], b[i]) over out's shape, `a` and `b` broadcast to it.
    @inline(__always)
    static func map2<A: TensorElement, B: TensorElement, R: TensorElement>(
        _ a: Tensor, _ b: Tensor, _ out: Tensor, _ f: (A, B) -> R
    ) {
        if out.isContiguous, let ka = DenseLoop.access(a, as: out.shape), let kb = DenseLoop.access(b, as: out.shape) {
            let o = out.pointer(as: R.self), x = a.pointer(as: A.self), y = b.pointer(as: B.self)
            DenseLoop.run(count: out.numel()) { r in
                switch (ka, kb) {
                case (.dense, .dense): for i in r { o[i] = f(x[i], y[i]) }
                case (.dense, .scalar):
                    let yv = y[0]
                    for i in r { o[i] = f(x[i], yv) }
                case (.scalar, .dense):
                    let xv = x[0]
                    for i in r { o[i] = f(xv, y[i]) }
                case (.scalar, .scalar):
                    let v = f(x[0], y[0])
                    for i in r { o[i] = v }
                }
            }
            return
        }
        let la = a.layout.broadcast(to: out.shape), lb = b.layout.broadcast(to: out.shape)
        let loop = StridedLoop(shape: out.shape, layouts: [out.layout, la, lb])
        let so = loop.innerStride(0), sa = loop.innerStride(1), sb = loop.innerStride(2)
        let po = out.basePointer(as: R.self), pa = a.basePointer(as: A.self), pb = b.basePointer(as: B.self)
        loop.forEachRun { pos, n in
            let o = po + pos[0], x = pa + pos[1], y = pb + pos[2]
            if so == 1 && sa == 1 && sb == 1 {
                for i in 0..<n { o[i] = f(x[i], y[i]) }
            } else if so == 1 && sa == 1 && sb == 0 {
                let yv = y[0]
                for i in 0..<n { o[i] = f(x[i], yv) }
            } else if so == 1 && sa == 0 && sb == 1 {
                let xv = x[0]
                for i in 0..<n { o[i] = f(xv, y[i]) }
            } else {
                for i in 0..<n { o[i * so] = f(x[i * sa], y[i * sb]) }
            }
        }
    }

    /// out[i] = f(a[i], b[i], c[i]) over out's shape (where, lerp, clamp with tensors).
    @inline(__always)
    static func map3<A: TensorElement, B: TensorElement, C: TensorElement, R: TensorElement>(
        _ a: Tensor, _ b: Tensor, _ c: Tensor, _ out: Tensor, _ f: (A, B, C) -> R
    ) {
        let shape = out.shape
        let loop = StridedLoop(shape: shape, layouts: [
            out.layout, a.layout.broadcast(to: shape), b.layout.broadcast(to: shape), c.layout.broadcast(to: shape),
        ])
        let so = loop.innerStride(0), sa = loop.innerStride(1), sb = loop.innerStride(2), sc = loop.innerStride(3)
        let po = out.basePointer(as: R.self), pa = a.basePointer(as: A.self)
        let pb = b.basePointer(as: B.self), pc = c.basePointer(as: C.self)
        loop.forEachRun { pos, n in
            let o = po + pos[0], x = pa + pos[1], y = pb + pos[2], z = pc + pos[3]
            for i in 0..<n { o[i * so] = f(x[i * sa], y[i * sb], z[i * sc]) }
        }
    }
}
