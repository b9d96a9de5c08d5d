enum GreaterFunction: ComparisonFunction { @inline(__always) static func apply<T: NumericElement>(_ a: T, _ b: T) -> Bool { a > b } }

extension Tensor {
    /// Runs a comparison with broadcasting; operands are promoted to a common dtype.
    func compareOp<F: ComparisonFunction>(_ f: F.Type, _ other: Tensor, file: StaticString, line: UInt) -> Tensor {
        let common = kernelDType(for: promotedType(self, other))
        let shape = broadcastShapes(self.shape, other.shape, file: file, line: line)
        let out = Tensor(uninitializedShape: shape, dtype: .bool)
        ElementwiseKernel.compare(F.self, cast(common), other.cast(common), into: out)
        return out
    }

    /// `self > other` elementwise, PyTorch's `gt`.
    public func gt(_ other: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        compareOp(GreaterFunction.self, other, file: file, line: line)
    }

    /// `self > other` for a Swift number.
    public func gt<S: TensorScalar>(_ other: S, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        gt(Tensor.wrapped(other.scalar), file: file, line: line)
    }

    public static func > (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.gt(rhs) }
    public static func > <S: TensorScalar>(lhs: Tensor, rhs: S) -> Tensor { lhs.gt(rhs) }
}
