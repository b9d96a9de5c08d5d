import Foundation
import Testing
import Torch

/// Golden cases from scripts/fixtures/elementwise.py: every case name maps to
/// the Swift spelling of the same call, and every case must have one.
@Suite struct ElementwiseFixtureTests {
    nonisolated(unsafe) static let fixture = Fixture("elementwise")

    nonisolated(unsafe) static let unary: [String: (Tensor) -> Tensor] = [
        "exp": { $0.exp() }, "exp2": { $0.exp2() }, "expm1": { $0.expm1() },
        "log": { $0.log() }, "log2": { $0.log2() }, "log10": { $0.log10() }, "log1p": { $0.log1p() },
        "sqrt": { $0.sqrt() }, "rsqrt": { $0.rsqrt() },
        "sin": { $0.sin() }, "cos": { $0.cos() }, "tan": { $0.tan() },
        "asin": { $0.asin() }, "acos": { $0.acos() }, "atan": { $0.atan() },
        "sinh": { $0.sinh() }, "cosh": { $0.cosh() }, "tanh": { $0.tanh() },
        "sigmoid": { $0.sigmoid() }, "erf": { $0.erf() }, "reciprocal": { $0.reciprocal() },
        "abs": { $0.abs() }, "sign": { $0.sign() }, "relu": { $0.relu() }, "neg": { -$0 },
        "square": { $0.square() }, "floor": { $0.floor() }, "ceil": { $0.ceil() },
        "round": { $0.round() }, "trunc": { $0.trunc() },
        "logical_not": { $0.logicalNot() }, "bitwise_not": { ~$0 },
        "isnan": { $0.isnan() }, "isinf": { $0.isinf() }, "isfinite": { $0.isfinite() },
    ]

    nonisolated(unsafe) static let binary: [String: (Tensor, Tensor) -> Tensor] = [
        "add": { $0 + $1 }, "sub": { $0 - $1 }, "mul": { $0 * $1 }, "div": { $0 / $1 },
        "pow": { $0 ** $1 }, "atan2": { Torch.atan2($0, $1) }, "minimum": { Torch.minimum($0, $1) },
        "maximum": { Torch.maximum($0, $1) }, "remainder": { $0 % $1 }, "fmod": { Torch.fmod($0, $1) },
        "floor_divide": { Torch.floorDivide($0, $1) },
        "eq": { $0 == $1 }, "ne": { $0 != $1 }, "lt": { $0 < $1 }, "le": { $0 <= $1 }, "gt": { $0 > $1 }, "ge": { $0 >= $1 },
        "logical_and": { $0.logicalAnd($1) }, "logical_or": { $0.logicalOr($1) }, "logical_xor": { $0.logicalXor($1) },
        "bitwise_and": { $0 & $1 }, "bitwise_or": { $0 | $1 }, "bitwise_xor": { $0 ^ $1 },
        "isclose": { Torch.isclose($0, $1) },
    ]

    /// `tensor op 2.5`, `tensor op 3` and `tensor op 1.5` (the scalar is in the case name's variant).
    nonisolated(unsafe) static let tensorScalar: [String: (Tensor, Scalar) -> Tensor] = [
        "add": { $0 + $1 }, "sub": { $0 - $1 }, "mul": { $0 * $1 }, "div": { $0 / $1 },
        "pow": { $0 ** $1 }, "remainder": { $0 % $1 }, "fmod": { $0.fmod($1) },
        "eq": { $0 == $1 }, "ne": { $0 != $1 }, "lt": { $0 < $1 }, "le": { $0 <= $1 }, "gt": { $0 > $1 }, "ge": { $0 >= $1 },
    ]

    nonisolated(unsafe) static let scalarTensor: [String: (Scalar, Tensor) -> Tensor] = [
        "add": { $0 + $1 }, "sub": { $0 - $1 }, "mul": { $0 * $1 }, "div": { $0 / $1 },
        "pow": { $0 ** $1 }, "remainder": { $0 % $1 },
    ]

    /// Cases whose call doesn't follow the `<op>_<variant>` pattern.
    nonisolated(unsafe) static let special: [String: ([Tensor]) -> Tensor] = [
        "round_half_even": { $0[0].round() },
        "round_decimals_2": { $0[0].round(decimals: 2) },
        "round_decimals_neg1": { $0[0].round(decimals: -1) },
        "exp_transposed": { $0[0].t().exp() },
        "pow_bool_square": { $0[0] ** 2 },
        "abs_int32": { $0[0].abs() },
        "isclose_equal_nan": { $0[0].isclose($0[1], rtol: 0.1, atol: 0, equalNan: true) },
        "isclose_default": { $0[0].isclose($0[1]) },
        "where_broadcast": { Torch.where($0[0], $0[1], $0[2]) },
        "where_mixed_dtypes": { Torch.where($0[0], $0[1], $0[2]) },
        "where_scalar_other": { Torch.where($0[0], $0[1], 0.5) },
        "where_scalar_self_int": { Torch.where($0[0], 2, $0[1]) },
        "where_scalars": { Torch.where($0[0], 1.0, 0) },
        "masked_fill_scalar": { $0[0].maskedFill($0[1], -1.5) },
        "masked_fill_broadcast_mask": { $0[0].maskedFill($0[1], 2.0) },
        "masked_fill_int_float_value": { $0[0].maskedFill($0[1], 1.5) },
        "masked_fill_tensor_value": { $0[0].maskedFill($0[1], $0[2]) },
        "clamp_both": { $0[0].clamp(min: -0.4, max: 1.0) },
        "clamp_min": { $0[0].clamp(min: 0.0) },
        "clamp_max": { $0[0].clamp(max: 0.5) },
        "clamp_min_gt_max": { $0[0].clamp(min: 1.0, max: 0.0) },
        "clamp_int_float_bound": { $0[0].clamp(min: 1.5) },
        "clamp_int_int_bounds": { $0[0].clip(min: 1, max: 2) },
        "clamp_tensors": { $0[0].clamp(min: $0[1], max: $0[2]) },
        "clamp_tensor_min": { $0[0].clamp(min: $0[1]) },
        "clamp_tensor_max": { $0[0].clamp(min: nil, max: $0[1]) },
        "clamp_f16": { $0[0].clip(min: -0.5, max: 0.5) },
        "lerp_scalar": { $0[0].lerp($0[1], 0.3) },
        "lerp_scalar_high": { Torch.lerp($0[0], $0[1], 0.75) },
        "lerp_tensor": { $0[0].lerp($0[1], $0[2]) },
        "lerp_f64": { Torch.lerp($0[0], $0[1], $0[2]) },
        "lerp_bf16": { $0[0].lerp($0[1], 0.5) },
        "inplace_view_exp_": { x in let b = x[0] * 1.0; b.t().exp_(); return b },
        "inplace_view_pow_": { x in let b = x[0] * 1.0; b.t().pow_(2); return b },
        "inplace_view_clamp_": { x in let b = x[0] * 1.0; b.t().clamp_(min: -0.5, max: 0.5); return b },
        "inplace_view_sigmoid_": { x in let b = x[0] * 1.0; b.t().sigmoid_(); return b },
        "inplace_view_masked_fill_": { x in let b = x[0] * 1.0; let v = b.t(); v.maskedFill_(v > 0, 0.0); return b },
        "inplace_view_lerp_": { x in let b = x[0] * 1.0; b.t().lerp_(x[1], 0.25); return b },
        "inplace_remainder_": { x in x[0].clone().remainder_(x[1]) },
    ]

    static let unaryVariants = ["f32", "f64", "f16", "bf16", "int", "special", "bool", "transposed"]

    /// The Swift call for a case name, or nil when none is known.
    static func operation(for name: String) -> (([Tensor]) -> Tensor)? {
        if let f = special[name] { return f }
        for (op, f) in unary {
            for v in unaryVariants + ["f32", "f16", "int"] where name == "\(op)_\(v)" { return { f($0[0]) } }
            if name == op { return { f($0[0]) } }
        }
        for (op, f) in tensorScalar {
            if name == "\(op)_tensor_scalar" { return { f($0[0], .double(2.5)) } }
            if name == "\(op)_int_scalar_int" { return { f($0[0], .int(3)) } }
            if name == "\(op)_int_scalar_float" { return { f($0[0], .double(1.5)) } }
        }
        for (op, f) in scalarTensor where name == "\(op)_scalar_tensor" { return { f(.double(2.0), $0[0]) } }
        for (op, f) in binary where name == op || name.hasPrefix(op + "_") { return { f($0[0], $0[1]) } }
        return nil
    }

    static var caseNames: [String] { fixture.cases.keys.sorted() }

    @Test(arguments: caseNames)
    func matchesPyTorch(_ name: String) throws {
        let c = Self.fixture[name]
        let op = try #require(Self.operation(for: name), "no Swift call for fixture case \(name)")
        let halfPrecision = c.inputs.contains { $0?.dtype == .float16 || $0?.dtype == .bfloat16 }
        let rtol = (c.extra["rtol"] as? Double) ?? (halfPrecision ? 1e-2 : 1e-5)
        let atol = halfPrecision ? 1e-3 : 1e-6
        checkCase(c, rtol: rtol, atol: atol, op)
    }
}
