import Foundation

enum FloorFunction: FloatUnaryFunction { @inline(__always) static func apply<T: FloatElement>(_ x: T) -> T { x.rounded(.down) } }
enum CeilFunction: FloatUnaryFunction { @inline(__always) static func apply<T: FloatElement>(_ x: T) -> T { x.rounded(.up) } }
enum RoundFunction: FloatUnaryFunction {
    @inline(__always) static func apply<T: FloatElement>(_ x: T) -> T { x.rounded(.toNearestOrEven) }
}
enum TruncFunction: FloatUnaryFunction { @inline(__always) static func apply<T: FloatElement>(_ x: T) -> T { x.rounded(.towardZero) } }

extension Tensor {
    /// Shared body of floor, ceil, round and trunc: integers are already
    /// rounded (a copy comes back), bool has no kernel, and the gradient is zero.
    private func roundingOp<F: FloatUnaryFunction>(_ f: F.Type, _ kernel: String, _ node: String,
                                                  file: StaticString, line: UInt) -> Tensor {
        torchCheck(dtype != .bool, unsupportedDTypeMessage(kernel, .bool), file: file, line: line)
        if !dtype.isFloatingPoint { return clone() }
        return floatUnaryOp(F.self, node) { g, _ in Torch.zerosLike(g) }
    }

    /// Rounds down elementwise, PyTorch's `floor`. Integer tensors come back unchanged (copied).
    public func floor(file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        roundingOp(FloorFunction.self, "floor_vml_cpu", "FloorBackward0", file: file, line: line)
    }

    /// Rounds up elementwise, PyTorch's `ceil`.
    public func ceil(file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        roundingOp(CeilFunction.self, "ceil_vml_cpu", "CeilBackward0", file: file, line: line)
    }

    /// Rounds toward zero elementwise, PyTorch's `trunc`.
    public func trunc(file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        roundingOp(TruncFunction.self, "trunc_vml_cpu", "TruncBackward0", file: file, line: line)
    }

    /// Rounds to the nearest integer, halves to even, PyTorch's `round`.
    ///
    /// With `decimals:`, rounds to that many decimal places (negative values
    /// round to tens, hundreds, ...), computed as PyTorch does by scaling with
    /// `10^decimals` in the tensor's precision.
    ///
    /// ```swift
    /// Tensor([0.5, 1.5, 2.5]).round()              // tensor([0., 2., 2.])
    /// Tensor([1.2345]).round(decimals: 2)          // tensor([1.2300])
    /// ```
    public func round(decimals: Int = 0, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        if decimals == 0 { return roundingOp(RoundFunction.self, "round_vml_cpu", "RoundBackward0", file: file, line: line) }
        torchCheck(dtype.isFloatingPoint, unsupportedDTypeMessage("round_cpu", dtype), file: file, line: line)
        let src = cast(dtype.computeType)
        let power = Foundation.pow(10.0, Double(Swift.abs(decimals)))
        // Scaled, rounded half to even and scaled back, each step rounded in the compute dtype.
        var out = noGrad {
            decimals > 0 ? src.mul(power).round().div(power) : src.div(power).round().mul(power)
        }
        if out.dtype != dtype { out = out.cast(dtype) }
        if gradNeeded(self) {
            recordNode("RoundBackward1", inputs: [self], output: out) { ctx in [Torch.zerosLike(ctx.grad)] }
        }
        return out
    }

    /// `floor` in place, PyTorch's `floor_`.
    @discardableResult
    public func floor_(file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        updateInPlace(resultType: dtype, file: file, line: line) { $0.floor(file: file, line: line) }
    }

    /// `ceil` in place, PyTorch's `ceil_`.
    @discardableResult
    public func ceil_(file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        updateInPlace(resultType: dtype, file: file, line: line) { $0.ceil(file: file, line: line) }
    }

    /// `trunc` in place, PyTorch's `trunc_`.
    @discardableResult
    public func trunc_(file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        updateInPlace(resultType: dtype, file: file, line: line) { $0.trunc(file: file, line: line) }
    }

    /// `round` in place, PyTorch's `round_`.
    @discardableResult
    public func round_(decimals: Int = 0, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        updateInPlace(resultType: dtype, file: file, line: line) { $0.round(decimals: decimals, file: file, line: line) }
    }
}

/// PyTorch's `torch.floor`.
public func floor(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { x.floor(file: file, line: line) }
/// PyTorch's `torch.ceil`.
public func ceil(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { x.ceil(file: file, line: line) }
/// PyTorch's `torch.trunc`.
public func trunc(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { x.trunc(file: file, line: line) }
/// PyTorch's `torch.round`.
public func round(_ x: Tensor, decimals: Int = 0, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    x.round(decimals: decimals, file: file, line: line)
}
