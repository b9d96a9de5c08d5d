import Foundation

extension Tensor {
    /// Fills with values from the exponential distribution with rate `lambd`,
    /// PyTorch's `exponential_`: `-1/λ · log1p(-u)` in double, with u from one
    /// 64-bit draw per element.
    @discardableResult
    public func exponential_(lambd: Double = 1, generator: Generator? = nil,
                             file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(dtype.isFloatingPoint, "Exponential distribution is a continuous probability distribution. dtype must be a floating point but you specified \(dtype.scalarTypeName)", file: file, line: line)
        torchCheck(lambd > 0, "exponential_ expects lambda > 0.0, but found lambda=\(formatNumber(lambd))", file: file, line: line)
        if device.kind == .meta { return self }  // nothing to draw into
        let n = numel()
        let values: Tensor = resolve(generator).withState { state in
            var out = [Double](repeating: 0, count: n)
            for i in 0..<n { out[i] = exponentialSample(&state, lambd: lambd) }
            return tensorInMemoryOrder(out, dtype: dtype)
        }
        return overwriteWithRandom(values, nodeName: "ExponentialBackward0", file: file, line: line)
    }
}

/// One exponential value from one 64-bit draw.
@inline(__always)
func exponentialSample(_ state: inout RandomState, lambd: Double) -> Double {
    (-1.0 / lambd) * Foundation.log1p(-state.uniformDouble())
}
