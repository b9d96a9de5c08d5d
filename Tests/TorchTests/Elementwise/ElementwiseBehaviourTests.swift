import Testing
import Torch

/// Dtype rules, operators, in-place semantics and the Bool-returning helpers.
@Suite struct ElementwiseBehaviourTests {
    @Test func integerInputsToFloatFunctionsGiveFloat32() {
        let i = Tensor([1, 2, 3])
        #expect(i.exp().dtype == .float32)
        #expect(i.sqrt().dtype == .float32)
        #expect(i.sigmoid().dtype == .float32)
        #expect(Tensor([true, false]).tanh().dtype == .float32)
        #expect(i.reciprocal().dtype == .float32)
    }

    @Test func intTensorWithFloatScalarGivesFloat32() {
        let i = Tensor([1, 2, 3], dtype: .int32)
        #expect((i + 1.5).dtype == .float32)
        #expect((i * 2).dtype == .int32)
        #expect((i ** 2).dtype == .int32)
        #expect((i ** 0.5).dtype == .float32)
        #expect((2 ** i).dtype == .int32)
        #expect((i % 2.5).dtype == .float32)
    }

    @Test func comparisonOperatorsReturnBoolMasks() {
        let x = Tensor([-1.0, 0.0, 2.0])
        let y = Tensor([0.0, 0.0, 3.0])
        #expect(values(x > 0) == [0, 0, 1])
        #expect(values(x >= 0) == [0, 1, 1])
        #expect(values(x < y) == [1, 0, 1])
        #expect(values(x <= y) == [1, 1, 1])
        #expect(values(x == y) == [0, 1, 0])
        #expect(values(x != y) == [1, 0, 1])
        #expect(values(0 < x) == [0, 0, 1])
        #expect((x == 2).dtype == .bool)
    }

    @Test func bitwiseOperatorsActLogicallyOnMasks() {
        let x = Tensor([-1.0, 0.5, 2.0])
        let mask = (x > 0) & (x < 1)
        #expect(values(mask) == [0, 1, 0])
        #expect(values((x < 0) | (x > 1)) == [1, 0, 1])
        #expect(values(~(x > 0)) == [1, 0, 0])
        #expect(values((x > 0) ^ (x > 1)) == [0, 1, 0])
        #expect(values(Tensor([12]) & 10) == [8])
    }

    @Test func equalAndAllcloseAnswerWithBool() {
        let a = Tensor([1.0, 2.0])
        #expect(a.equal(Tensor([1.0, 2.0])))
        #expect(!a.equal(Tensor([1.0, 2.0, 3.0])))
        #expect(a.equal(Tensor([1, 2])))
        #expect(a.allclose(Tensor([1.0 + 1e-7, 2.0])))
        #expect(!a.allclose(Tensor([1.1, 2.0])))
        let nan = Tensor([Double.nan])
        #expect(!nan.allclose(nan))
        #expect(nan.allclose(nan, equalNan: true))
    }

    @Test func roundHalvesToEven() {
        #expect(values(Tensor([0.5, 1.5, 2.5, -0.5, -2.5]).round()) == [0, 2, 2, -0, -2])
    }

    @Test func remainderTakesTheDivisorsSignAndFmodTheDividends() {
        #expect(values(Tensor([-3, 3]) % 2) == [1, 1])
        #expect(values(Tensor([-3, 3]).fmod(2)) == [-1, 1])
        #expect(values(Tensor([3.0]) % -2) == [-1])
    }

    @Test func halfPrecisionComputesInFloat32AndRoundsBack() {
        let h = Tensor([0.1, 1.0, 2.0], dtype: .float16)
        let y = h.exp()
        #expect(y.dtype == .float16)
        expectClose(values(y), [1.10546875, 2.71875, 7.390625], rtol: 1e-3)
        let b = Tensor([1.0, 4.0], dtype: .bfloat16).sqrt()
        #expect(b.dtype == .bfloat16)
        #expect(values(b) == [1, 2])
    }

    @Test func inPlaceOpsWriteThroughViews() {
        let base = Tensor([[1.0, 4.0], [9.0, 16.0]])
        let column = base.t()
        column.sqrt_()
        #expect(values(base) == [1, 2, 3, 4])
        base.t().clamp_(min: 1.5, max: 3.5)
        #expect(values(base) == [1.5, 2, 3, 3.5])
        base.pow_(2)
        #expect(values(base) == [2.25, 4, 9, 12.25])
        base.maskedFill_(base > 5, 0)
        #expect(values(base) == [2.25, 4, 0, 0])
        base.neg_().abs_().floor_()
        #expect(values(base) == [2, 4, 0, 0])
    }

    @Test func inPlaceOpsBumpTheVersion() {
        let x = Tensor([0.5, 1.5])
        let v = x.version
        x.exp_()
        x.round_()
        x.remainder_(2)
        #expect(x.version == v + 3)
    }

    @Test func compoundAssignmentOperatorsUpdateInPlace() {
        // Compound assignment takes its left side inout (so `x[idx] += 1` writes
        // back through the subscript); a tensor variable must be `var` for it.
        var x = Tensor([1.0, 2.0, 3.0])
        let alias = x
        x **= 2
        #expect(values(x) == [1, 4, 9])
        x %= 4
        #expect(values(x) == [1, 0, 1])
        #expect(alias === x, "in place: the same tensor object")
        var m = Tensor([true, false])
        m |= Tensor([false, true])
        #expect(values(m) == [1, 1])
    }

    @Test func inPlaceOpOnNonLeafRecordsTheOpsNode() {
        let x = Tensor([0.5, -0.5], requiresGrad: true)
        let y = x * 2
        y.exp_()
        #expect(y.gradFn == "ExpBackward0")
        y.sum().backward()
        expectClose(values(x.grad!), [2 * 2.718281828459045, 2 * 0.36787944117144233], rtol: 1e-6)
    }

    @Test func nodeNamesMatchPyTorch() {
        let x = Tensor([1.0, 2.0], requiresGrad: true)
        let y = Tensor([2.0, 3.0], requiresGrad: true)
        #expect((x ** y).gradFn == "PowBackward1")
        #expect((x ** 2).gradFn == "PowBackward0")
        #expect((2 ** x).gradFn == "PowBackward2")
        #expect((x % y).gradFn == "RemainderBackward1")
        #expect((x % 2).gradFn == "RemainderBackward0")
        #expect(x.square().gradFn == "PowBackward0")
        #expect(x.log1p().gradFn == "Log1PBackward0")
        #expect(x.clamp(min: 0.0, max: 1.0).gradFn == "ClampBackward1")
        #expect(x.clamp(min: y).gradFn == "ClampBackward0")
        #expect(x.round(decimals: 1).gradFn == "RoundBackward1")
        #expect(Torch.where(x > 1, x, y).gradFn == "WhereBackward0")
        #expect(x.maskedFill(x > 1, 0.0).gradFn == "MaskedFillBackward0")
        #expect(x.lerp(y, 0.5).gradFn == "LerpBackward0")
        #expect(x.lerp(y, y).gradFn == "LerpBackward1")
        #expect(Torch.maximum(x, y).gradFn == "MaximumBackward0")
    }

    /// PyTorch 2.15's clamp gradients at ties and NaNs, over every (x, lo, hi)
    /// drawn from {0, 1, 2, NaN}, with the values PyTorch gives.
    @Test func clampGradientsAtTiesAndNaNsMatchPyTorch() {
        let v = [0.0, 1.0, 2.0, .nan]
        let grid = v.flatMap { a in v.flatMap { b in v.map { c in (a, b, c) } } }
        let x = Tensor(grid.map(\.0), requiresGrad: true)
        let lo = Tensor(grid.map(\.1), requiresGrad: true), hi = Tensor(grid.map(\.2), requiresGrad: true)
        x.clamp(min: lo, max: hi).sum().backward()
        func pattern(_ s: String) -> [Double] { s.map { $0 == "1" ? 1 : $0 == "h" ? 0.5 : 0 } }
        #expect(values(x.grad!) == pattern("1hh1000000001111" + "0h1101h100000111" + "00h100h100110011" + "1111111111111111"))
        #expect(values(lo.grad!) == pattern("0hh0011000100000" + "000000h000100000" + "0000000000000000" + "0000000000000000"))
        #expect(values(hi.grad!) == pattern("0000100011000000" + "1h00100011000000" + "11h011h011000000" + "0000100011000000"))
        // One tensor bound: maximum's gradient (ties halve, NaN passes to both).
        let y = Tensor([0.0, 1, 2, .nan, 1, .nan], requiresGrad: true), m = Tensor([1.0, 1, 1, 1, .nan, .nan], requiresGrad: true)
        y.clamp(min: m).sum().backward()
        #expect(values(y.grad!) == [0, 0.5, 1, 1, 1, 1] && values(m.grad!) == [1, 0.5, 0, 1, 1, 1])
        // Scalar bounds: only elements strictly inside take the gradient.
        let z = Tensor([0.0, 1, 1.5, 2, 3, .nan], requiresGrad: true)
        z.clamp(min: 1.0, max: 2.0).sum().backward()
        #expect(values(z.grad!) == [0, 0, 1, 0, 0, 0])
    }

    @Test func freeFunctionsForwardToMethods() {
        let x = Tensor([0.25, 0.5])
        let pairs: [(Tensor, Tensor)] = [
            (Torch.exp(x), x.exp()), (Torch.log(x), x.log()), (Torch.sin(x), x.sin()), (Torch.abs(-x), x),
            (Torch.clamp(x, min: 0.3), x.clamp(min: 0.3)), (Torch.pow(x, 2), x * x), (Torch.pow(2, x), 2 ** x),
            (Torch.remainder(x, 0.3), x % 0.3), (Torch.logicalNot(x), ~(x != 0)), (Torch.square(x), x * x),
        ]
        for (a, b) in pairs { #expect(a.equal(b)) }
    }

    @Test func isnanIsinfIsfiniteClassifyFloats() {
        let x = Tensor([Double.nan, .infinity, 1.0])
        #expect(values(x.isnan()) == [1, 0, 0])
        #expect(values(x.isinf()) == [0, 1, 0])
        #expect(values(x.isfinite()) == [0, 0, 1])
    }
}
