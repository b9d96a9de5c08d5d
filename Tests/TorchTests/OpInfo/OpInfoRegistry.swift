import Foundation
import Torch

/// The Swift call behind each line of the generator's table
/// (scripts/fixtures/opinfo.py), keyed by OpInfo name. A closure reads the
/// sample's input and named arguments from an `OpInfoCall` and returns the
/// op's outputs in PyTorch's order; it throws `OpInfoUnsupported` for an
/// argument form the Swift API lacks.
///
/// The closures are added one statement at a time (not one dictionary literal)
/// so the type checker sees each on its own.
enum OpInfoRegistry {
    typealias Body = (OpInfoCall) throws -> [Tensor]

    nonisolated(unsafe) static let bodies: [String: Body] = {
        var r: [String: Body] = [:]
        registerElementwise(&r)
        registerReductions(&r)
        registerShapes(&r)
        registerIndexing(&r)
        registerLinalg(&r)
        registerActivations(&r)
        registerLayers(&r)
        registerLosses(&r)
        registerConversions(&r)
        registerMore(&r)  // last: some entries reuse the closures above
        return r
    }()

    // MARK: shared shapes of closures

    static func unary(_ f: @escaping (Tensor) -> Tensor) -> Body {
        { c in [f(try c.input)] }
    }

    /// A binary op whose second operand (`name`) is a tensor or a Python number;
    /// `scalarFirst` covers a Python number as the first operand.
    static func binary(_ tensor: @escaping (Tensor, Tensor) -> Tensor, scalar: ((Tensor, Scalar) -> Tensor)? = nil,
                       scalarFirst: ((Scalar, Tensor) -> Tensor)? = nil, name: String = "other") -> Body {
        { c in
            if let s = c.inputScalar {
                guard let scalarFirst, let y = try c.tensor(name) else { throw OpInfoUnsupported("a number as the first operand") }
                return [scalarFirst(s, y)]
            }
            let x = try c.input
            switch try c.operand(name) {
            case .tensor(let y): return [tensor(x, y)]
            case .scalar(let s):
                guard let scalar else { throw OpInfoUnsupported("\(name) as a Python number") }
                return [scalar(x, s)]
            }
        }
    }

    static func reduction(_ r: String) throws -> Reduction {
        guard let v = Reduction(rawValue: r) else { throw OpInfoUnsupported("reduction \(r)") }
        return v
    }

    static func intOrTuple(_ c: OpInfoCall, _ name: String) throws -> IntOrTuple? {
        try c.ints(name).map(IntOrTuple.init)
    }

    // MARK: elementwise

    static func registerElementwise(_ r: inout [String: Body]) {
        r["abs"] = unary { $0.abs() }
        r["acos"] = unary { $0.acos() }
        r["asin"] = unary { $0.asin() }
        r["atan"] = unary { $0.atan() }
        r["ceil"] = unary { $0.ceil() }
        r["cos"] = unary { $0.cos() }
        r["cosh"] = unary { $0.cosh() }
        r["erf"] = unary { $0.erf() }
        r["exp"] = unary { $0.exp() }
        r["exp2"] = unary { $0.exp2() }
        r["expm1"] = unary { $0.expm1() }
        r["floor"] = unary { $0.floor() }
        r["isfinite"] = unary { $0.isfinite() }
        r["isinf"] = unary { $0.isinf() }
        r["isnan"] = unary { $0.isnan() }
        r["log"] = unary { $0.log() }
        r["log10"] = unary { $0.log10() }
        r["log1p"] = unary { $0.log1p() }
        r["log2"] = unary { $0.log2() }
        r["logical_not"] = unary { $0.logicalNot() }
        r["neg"] = unary { $0.neg() }
        r["reciprocal"] = unary { $0.reciprocal() }
        r["round"] = unary { $0.round() }
        let round: Body = { c in [try c.input.round(decimals: try c.int("decimals", default: 0))] }
        r["round.decimals_0"] = round
        r["round.decimals_3"] = round
        r["round.decimals_neg_3"] = round
        r["rsqrt"] = unary { $0.rsqrt() }
        r["sigmoid"] = unary { $0.sigmoid() }
        r["sign"] = unary { $0.sign() }
        r["sin"] = unary { $0.sin() }
        r["sinh"] = unary { $0.sinh() }
        r["sqrt"] = unary { $0.sqrt() }
        r["square"] = unary { $0.square() }
        r["tan"] = unary { $0.tan() }
        r["tanh"] = unary { $0.tanh() }
        r["trunc"] = unary { $0.trunc() }
        r["bitwise_not"] = unary { $0.bitwiseNot() }

        let alphaOp: (String, @escaping (Tensor, Tensor, Double) -> Tensor, @escaping (Tensor, Scalar) -> Tensor) -> Body = {
            name, tensor, scalar in
            { c in
                let x = try c.input
                let alpha = try c.double("alpha")
                switch try c.operand("other") {
                case .tensor(let y): return [tensor(x, y, alpha ?? 1)]
                case .scalar(let s):
                    guard alpha == nil else { throw OpInfoUnsupported("\(name) of a number with alpha") }
                    return [scalar(x, s)]
                }
            }
        }
        r["add"] = alphaOp("add", { $0.add($1, alpha: $2) }, { $0.add($1) })
        r["sub"] = alphaOp("sub", { $0.sub($1, alpha: $2) }, { $0.sub($1) })
        r["mul"] = binary({ $0.mul($1) }, scalar: { $0.mul($1) }, scalarFirst: { $0 * $1 })
        let div: Body = { c in
            let mode = try c.string("rounding_mode")
            if let s = c.inputScalar, mode == nil, let y = try c.tensor("other") { return [s / y] }
            let x = try c.input
            switch try c.operand("other") {
            case .tensor(let y): return [x.div(y, roundingMode: mode)]
            case .scalar(let s): return [x.div(s, roundingMode: mode)]
            }
        }
        r["div.no_rounding_mode"] = div
        r["div.trunc_rounding"] = div
        r["div.floor_rounding"] = div
        r["true_divide"] = binary({ $0.div($1) }, scalar: { $0.div($1) }, scalarFirst: { $0 / $1 })
        r["floor_divide"] = binary({ $0.floorDivide($1) }, scalar: { $0.floorDivide($1) })
        r["remainder"] = binary({ $0.remainder($1) }, scalar: { $0.remainder($1) })
        r["fmod"] = binary({ $0.fmod($1) }, scalar: { $0.fmod($1) })
        r["pow"] = binary({ $0.pow($1) }, scalar: { $0.pow($1) }, name: "exponent")
        r["atan2"] = binary({ $0.atan2($1) })
        r["maximum"] = binary({ $0.maximum($1) })
        r["minimum"] = binary({ $0.minimum($1) })
        r["max.binary"] = binary({ Torch.maximum($0, $1) })
        r["min.binary"] = binary({ Torch.minimum($0, $1) })
        r["eq"] = binary({ $0.eq($1) }, scalar: { $0.eq($1) })
        r["ne"] = binary({ $0.ne($1) }, scalar: { $0.ne($1) })
        r["lt"] = binary({ $0.lt($1) }, scalar: { $0.lt($1) })
        r["le"] = binary({ $0.le($1) }, scalar: { $0.le($1) })
        r["gt"] = binary({ $0.gt($1) }, scalar: { $0.gt($1) })
        r["ge"] = binary({ $0.ge($1) }, scalar: { $0.ge($1) })
        r["logical_and"] = binary({ $0.logicalAnd($1) })
        r["logical_or"] = binary({ $0.logicalOr($1) })
        r["logical_xor"] = binary({ $0.logicalXor($1) })
        r["bitwise_and"] = binary({ $0.bitwiseAnd($1) }, scalar: { $0.bitwiseAnd($1) })
        r["bitwise_or"] = binary({ $0.bitwiseOr($1) }, scalar: { $0.bitwiseOr($1) })
        r["bitwise_xor"] = binary({ $0.bitwiseXor($1) }, scalar: { $0.bitwiseXor($1) })
        r["lerp"] = { c in
            let x = try c.input, end = try c.requiredTensor("end")
            switch try c.operand("weight") {
            case .tensor(let w): return [x.lerp(end, w)]
            case .scalar(let s): return [x.lerp(end, s)]
            }
        }
        r["where"] = { c in
            let cond = try c.requiredTensor("condition")
            if let s = c.inputScalar {
                switch try c.operand("other") {
                case .tensor(let y): return [Torch.where(cond, s, y)]
                case .scalar(let t): return [Torch.where(cond, s, t)]
                }
            }
            let x = try c.input
            switch try c.operand("other") {
            case .tensor(let y): return [Torch.where(cond, x, y)]
            case .scalar(let s): return [Torch.where(cond, x, s)]
            }
        }
        r["clamp"] = { c in
            let x = try c.input
            if c.has("min") || c.has("max"), (try? c.tensor("min")) != nil || (try? c.tensor("max")) != nil {
                return [x.clamp(min: try c.tensor("min"), max: try c.tensor("max"))]
            }
            return [x.clamp(min: try c.scalar("min"), max: try c.scalar("max"))]
        }
        r["isclose"] = { c in
            [try c.input.isclose(try c.requiredTensor("other"), rtol: try c.double("rtol", default: 1e-5),
                                 atol: try c.double("atol", default: 1e-8), equalNan: try c.bool("equal_nan", default: false))]
        }
        r["allclose"] = { c in
            [Tensor(try c.input.allclose(try c.requiredTensor("other"), rtol: try c.double("rtol", default: 1e-5),
                                         atol: try c.double("atol", default: 1e-8),
                                         equalNan: try c.bool("equal_nan", default: false)))]
        }
        r["equal"] = { c in [Tensor(try c.input.equal(try c.requiredTensor("other")))] }
        r["masked_fill"] = { c in
            let x = try c.input, mask = try c.requiredTensor("mask")
            switch try c.operand("value") {
            case .tensor(let v): return [x.maskedFill(mask, v)]
            case .scalar(let s): return [x.maskedFill(mask, s)]
            }
        }
    }

    // MARK: reductions

    static func registerReductions(_ r: inout [String: Body]) {
        r["sum"] = { c in
            let x = try c.input, keepdim = try c.bool("keepdim", default: false), dtype = try c.dtypeArg("dtype")
            guard let dims = try c.ints("dim") else { return [x.sum(dtype: dtype)] }
            return [x.sum(dims: dims, keepdim: keepdim, dtype: dtype)]
        }
        r["prod"] = { c in
            let x = try c.input, keepdim = try c.bool("keepdim", default: false), dtype = try c.dtypeArg("dtype")
            guard let dim = try c.int("dim") else { return [x.prod(dtype: dtype)] }
            return [x.prod(dim: dim, keepdim: keepdim, dtype: dtype)]
        }
        r["mean"] = { c in
            let x = try c.input, keepdim = try c.bool("keepdim", default: false), dtype = try c.dtypeArg("dtype")
            guard let dims = try c.ints("dim") else { return [x.mean(dtype: dtype)] }
            return [x.mean(dims: dims, keepdim: keepdim, dtype: dtype)]
        }
        r["amax"] = { c in [try c.input.amax(dims: try c.ints("dim") ?? [], keepdim: try c.bool("keepdim", default: false))] }
        r["amin"] = { c in [try c.input.amin(dims: try c.ints("dim") ?? [], keepdim: try c.bool("keepdim", default: false))] }
        r["argmax"] = { c in [try c.input.argmax(dim: try c.int("dim"), keepdim: try c.bool("keepdim", default: false))] }
        r["argmin"] = { c in [try c.input.argmin(dim: try c.int("dim"), keepdim: try c.bool("keepdim", default: false))] }
        r["all"] = { c in
            let x = try c.input, keepdim = try c.bool("keepdim", default: false)
            guard let dims = try c.ints("dim") else { return [x.all()] }
            return [x.all(dims: dims, keepdim: keepdim)]
        }
        r["any"] = { c in
            let x = try c.input, keepdim = try c.bool("keepdim", default: false)
            guard let dims = try c.ints("dim") else { return [x.any()] }
            return [x.any(dims: dims, keepdim: keepdim)]
        }
        /// std/var and their _mean forms: dim, correction (or unbiased), keepdim.
        func moments(_ c: OpInfoCall) throws -> (x: Tensor, dims: [Int]?, correction: Double, keepdim: Bool) {
            let x = try c.input
            var correction = try c.double("correction", default: 1)
            if let unbiased = try c.bool("unbiased") { correction = unbiased ? 1 : 0 }
            return (x, try c.ints("dim"), correction, try c.bool("keepdim", default: false))
        }
        r["std"] = { c in let m = try moments(c); return [m.x.std(dims: m.dims, correction: m.correction, keepdim: m.keepdim)] }
        r["var"] = { c in let m = try moments(c); return [m.x.var(dims: m.dims, correction: m.correction, keepdim: m.keepdim)] }
        r["std.unbiased"] = r["std"]
        r["var.unbiased"] = r["var"]
        r["std_mean"] = { c in
            let m = try moments(c)
            let (s, mean) = m.x.stdMean(dims: m.dims, correction: m.correction, keepdim: m.keepdim)
            return [s, mean]
        }
        r["var_mean"] = { c in
            let m = try moments(c)
            let (v, mean) = m.x.varMean(dims: m.dims, correction: m.correction, keepdim: m.keepdim)
            return [v, mean]
        }
        r["logsumexp"] = { c in
            [try c.input.logsumexp(dims: try c.ints("dim") ?? [], keepdim: try c.bool("keepdim", default: false))]
        }
        r["max.reduction_no_dim"] = unary { $0.max() }
        r["min.reduction_no_dim"] = unary { $0.min() }
        r["max.reduction_with_dim"] = { c in
            let (v, i) = try c.input.max(dim: try c.int("dim", default: 0), keepdim: try c.bool("keepdim", default: false))
            return [v, i]
        }
        r["min.reduction_with_dim"] = { c in
            let (v, i) = try c.input.min(dim: try c.int("dim", default: 0), keepdim: try c.bool("keepdim", default: false))
            return [v, i]
        }
        r["cumsum"] = { c in [try c.input.cumsum(dim: try c.int("dim", default: 0), dtype: try c.dtypeArg("dtype"))] }
        r["cumprod"] = { c in [try c.input.cumprod(dim: try c.int("dim", default: 0), dtype: try c.dtypeArg("dtype"))] }
        r["norm"] = { c in
            let x = try c.input, keepdim = try c.bool("keepdim", default: false), dims = try c.ints("dim")
            if case .string(let p)? = c.arg("p") { return [x.norm(p: p, dims: dims, keepdim: keepdim)] }
            return [x.norm(p: try c.double("p", default: 2), dims: dims, keepdim: keepdim)]
        }
    }
}
