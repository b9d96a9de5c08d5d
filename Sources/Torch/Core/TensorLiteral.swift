/// Values a tensor can be built from: Swift numbers and nested arrays of them.
///
/// ```swift
/// Tensor([[1, -1], [-1, 1]])              // int64
/// Tensor([[1.0, 0.0], [-1.0, 1.0]])       // float32
/// Tensor([1, 2, 3], dtype: .float32)
/// ```
public protocol TensorLiteral {
    /// Appends this value's elements in row-major order and checks that nested
    /// arrays are rectangular.
    func flatten(into values: inout TensorLiteralValues, depth: Int, shape: inout [Int]?)
}

/// The flattened elements of a literal, kept in the kind the literal used.
public struct TensorLiteralValues {
    var ints: [Int64] = []
    var doubles: [Double] = []
    var bools: [Bool] = []
    var kind: Scalar? = nil
    /// Set when nested arrays are ragged; reported by the initializer with the caller's line.
    var error: String? = nil
    var count: Int { max(ints.count, doubles.count, bools.count) }

    mutating func append(_ s: Scalar) {
        switch s {
        case .int(let i):
            ints.append(i)
            if kind == nil { kind = s }
        case .double(let d):
            doubles.append(d)
            if kind == nil || !(kind!.isFloatingPoint) { kind = s }
        case .bool(let b):
            bools.append(b)
            if kind == nil { kind = s }
        }
    }
}

extension TensorLiteral where Self: TensorScalar {
    public func flatten(into values: inout TensorLiteralValues, depth: Int, shape: inout [Int]?) {
        if shape == nil { shape = Array(repeating: 0, count: depth) }
        values.append(scalar)
    }
}

extension Int: TensorLiteral {}
extension Int64: TensorLiteral {}
extension Int32: TensorLiteral {}
extension Double: TensorLiteral {}
extension Float: TensorLiteral {}
extension Bool: TensorLiteral {}

extension Array: TensorLiteral where Element: TensorLiteral {
    public func flatten(into values: inout TensorLiteralValues, depth: Int, shape: inout [Int]?) {
        if values.error != nil { return }
        if let known = shape, depth >= known.count || (known[depth] != count && known[depth] != 0) {
            let expected = depth < known.count ? known[depth] : 0
            values.error = "expected sequence of length \(expected) at dim \(depth) (got \(count))"
            return
        }
        if isEmpty {
            if shape == nil { shape = [Int](repeating: 0, count: depth + 1) }
            return
        }
        for element in self {
            element.flatten(into: &values, depth: depth + 1, shape: &shape)
        }
        if var s = shape, s[depth] == 0 {
            s[depth] = count
            shape = s
        }
    }
}

extension Tensor {
    /// A tensor holding a copy of a Swift number or nested array, PyTorch's `torch.tensor(data)`.
    ///
    /// Integers give int64, floating literals float32 and booleans bool, unless `dtype:` says otherwise.
    /// The values are built on the host and then moved to `device`.
    ///
    /// ```swift
    /// let t = Tensor([1, 2], device: device)
    /// ```
    public convenience init<L: TensorLiteral>(
        _ data: L, device: Device? = nil, dtype: DType? = nil, requiresGrad: Bool = false,
        file: StaticString = #fileID, line: UInt = #line
    ) {
        var values = TensorLiteralValues()
        var shape: [Int]? = nil
        data.flatten(into: &values, depth: 0, shape: &shape)
        if let error = values.error { torchFail(error, file: file, line: line) }
        let finalShape = shape ?? []
        let kind = values.kind ?? .double(0)
        let target = dtype ?? kind.defaultDType
        let sourceDType: DType
        let source: Tensor
        switch kind {
        case .double:
            // Mixed int and double literals in one array arrive as doubles already in Swift.
            let all = values.doubles.isEmpty ? values.ints.map { Double($0) } : values.doubles
            source = Tensor.fromArray(all, shape: finalShape)
            sourceDType = .float64
        case .int:
            source = Tensor.fromArray(values.ints, shape: finalShape)
            sourceDType = .int64
        case .bool:
            source = Tensor.fromArray(values.bools, shape: finalShape)
            sourceDType = .bool
        }
        let result = source.to(device ?? Torch.getDefaultDevice(), dtype: target, file: file, line: line)
        self.init(storage: result.storage, layout: result.layout, dtype: target)
        if requiresGrad { requiresGrad_(true, file: file, line: line) }
    }

    /// A tensor holding a copy of a flat array, reshaped to `shape` (one dim by default).
    public static func fromArray<T: TensorElement>(_ values: [T], shape: [Int]? = nil) -> Tensor {
        let s = shape ?? [values.count]
        let t = Tensor(uninitializedShape: s, dtype: T.dtype)
        precondition(t.numel() == values.count, "shape \(shapeString(s)) is invalid for input of size \(values.count)")
        values.withUnsafeBufferPointer { buf in
            if let base = buf.baseAddress { t.pointer(as: T.self).update(from: base, count: buf.count) }
        }
        return t
    }

    /// A 0-d tensor from a scalar; `wrapped` marks a Swift number operand for type promotion.
    static func scalarTensor(_ s: Scalar, dtype: DType? = nil) -> Tensor {
        let t = Tensor(uninitializedShape: [], dtype: dtype ?? s.defaultDType)
        Dispatch.fill(t, layout: t.layout, with: s)
        return t
    }
}
