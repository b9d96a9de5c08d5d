enum FloorDivideFunction: BinaryFunction {
    @inline(__always) static func apply<T: NumericElement>(_ a: T, _ b: T) -> T { T.floorDivide(a, b) }
}

extension Tensor {
    /// Division rounded toward negative infinity, Python's `//`, PyTorch's `floor_divide`.
    public func floorDivide(_ other: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let dtype = promotedType(self, other)
        if !dtype.isFloatingPoint {
            torchCheck(!other.hasZero, "ZeroDivisionError", file: file, line: line)
        }
        let out = binaryKernelOp(FloorDivideFunction.self, self, other, dtype: dtype, file: file, line: line)
        if gradNeeded(self, other) {
            recordNode("DivBackward2", inputs: [self, other], output: out) { ctx in
                [Torch.zerosLike(ctx.grad), Torch.zerosLike(ctx.grad)]
            }
        }
        return out
    }

    /// `self // other` for a Swift number.
    public func floorDivide<S: TensorScalar>(_ other: S, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        floorDivide(Tensor.wrapped(other.scalar), file: file, line: line)
    }

    /// Whether any element is zero (for integer division checks). Only host
    /// values are checked: another device's integer division by zero is its
    /// backend's to report, as PyTorch leaves it on CUDA (meta has no values).
    var hasZero: Bool {
        isCpu && noGrad { cast(.float64).toArray(as: Double.self).contains(0) }
    }
}
