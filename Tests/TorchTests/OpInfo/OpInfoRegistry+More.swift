import Foundation
import Torch

extension OpInfoRegistry {
    // MARK: reflected operators, aliases, factories

    static func registerMore(_ r: inout [String: Body]) {
        r["clamp_min"] = { c in
            switch try c.operand("min") {
            case .tensor(let t): return [try c.input.clamp(min: t)]
            case .scalar(let s): return [try c.input.clamp(min: s, max: nil)]
            }
        }
        r["clamp_max"] = { c in
            switch try c.operand("max") {
            case .tensor(let t): return [try c.input.clamp(min: nil, max: t)]
            case .scalar(let s): return [try c.input.clamp(min: nil, max: s)]
            }
        }
        r["rsub"] = { c in
            let x = try c.input, alpha = try c.double("alpha")
            switch try c.operand("other") {
            case .tensor(let y): return [y.sub(x, alpha: alpha ?? 1)]
            case .scalar(let s):
                guard alpha == nil else { throw OpInfoUnsupported("rsub of a number with alpha") }
                return [s - x]
            }
        }
        /// `x.__rop__(y)` is `y op x`, with `y` a tensor or a Python number.
        func reflected(_ tensor: @escaping (Tensor, Tensor) -> Tensor, _ scalar: ((Scalar, Tensor) -> Tensor)?) -> Body {
            { c in
                let x = try c.input
                switch try c.operand("other") {
                case .tensor(let y): return [tensor(y, x)]
                case .scalar(let s):
                    guard let scalar else { throw OpInfoUnsupported("a number as the first operand") }
                    return [scalar(s, x)]
                }
            }
        }
        r["__radd__"] = reflected({ $0 + $1 }, { $0 + $1 })
        r["__rsub__"] = reflected({ $0 - $1 }, { $0 - $1 })
        r["__rmul__"] = reflected({ $0 * $1 }, { $0 * $1 })
        r["__rdiv__"] = reflected({ $0 / $1 }, { $0 / $1 })
        r["__rpow__"] = reflected({ Torch.pow($0, $1) }, { Torch.pow($0, $1) })
        r["__rmod__"] = reflected({ $0 % $1 }, { $0 % $1 })
        r["__rand__"] = reflected({ $0 & $1 }, { $0 & $1 })
        r["__ror__"] = reflected({ $0 | $1 }, { $0 | $1 })
        r["__rxor__"] = reflected({ $0 ^ $1 }, { $0 ^ $1 })
        r["__rmatmul__"] = reflected({ $0.matmul($1) }, nil)

        r["var_mean.unbiased"] = r["var_mean"]
        r["std_mean.unbiased"] = r["std_mean"]
        r["norm.fro"] = r["norm"]
        r["norm.inf"] = r["norm"]
        r["linalg.vector_norm"] = { c in
            if c.has("dtype") { throw OpInfoUnsupported("vector_norm's dtype") }
            return [try c.input.norm(p: try c.double("ord", default: 2), dims: try c.ints("dim"),
                                     keepdim: try c.bool("keepdim", default: false))]
        }
        r["unsafe_chunk"] = r["chunk"]
        r["unsafe_split"] = r["split"]
        r["ravel"] = unary { $0.flatten() }
        r["broadcast_to"] = { c in [try c.input.expand(try c.ints("size") ?? [])] }
        r["sum_to_size"] = { c in [try c.input.sumToSize(try c.ints("size") ?? [])] }
        r["repeat"] = { c in [try c.input.repeat(try c.ints("repeats") ?? [])] }
        r["T"] = unary { $0.T }
        r["argwhere"] = unary { $0.nonzero() }
        r["unique"] = { c in
            let inverse = try c.bool("return_inverse", default: false), counts = try c.bool("return_counts", default: false)
            let u = try c.input.unique(sorted: try c.bool("sorted", default: true), returnInverse: inverse, returnCounts: counts,
                                       dim: try c.int("dim"))
            return [u.values] + (inverse ? [u.inverse!] : []) + (counts ? [u.counts!] : [])
        }
        r["addmm.decomposed"] = r["addmm"]
        r["constant_pad_nd"] = { c in
            [Functional.pad(try c.input, try c.ints("pad") ?? [], mode: "constant", value: try c.double("value"))]
        }
        r["nn.functional.pad.replicate_negative"] = r["nn.functional.pad.replicate"]
        r["nn.functional.interpolate.nearest-exact"] = r["nn.functional.interpolate.nearest"]
        r["nn.functional.upsample_nearest"] = { c in
            [Functional.interpolate(try c.input, size: try intOrTuple(c, "size"), scaleFactor: try c.doubles("scale_factor"),
                                    mode: "nearest")]
        }
        r["nn.functional.upsample_bilinear"] = { c in
            [Functional.interpolate(try c.input, size: try intOrTuple(c, "size"), scaleFactor: try c.doubles("scale_factor"),
                                    mode: "bilinear", alignCorners: true)]
        }
        for n in 1...3 { r["nn.functional.max_unpool\(n)d.grad"] = r["nn.functional.max_unpool\(n)d"] }
        r["nn.functional.feature_alpha_dropout.without_train"] = { c in
            guard try c.bool("training", default: false) == false else { throw OpInfoUnsupported("training=True is random") }
            return [Functional.featureAlphaDropout(try c.input, p: try c.double("p", default: 0.5), training: false)]
        }
        r["zero_"] = unary { $0.clone().zero_() }
        r["fill"] = { c in
            guard let v = try c.scalar("value") else { throw OpInfoUnsupported("fill with a tensor value") }
            return [try c.input.clone().fill_(v)]
        }
        r["item"] = { c in
            // item() gives a Swift Double; PyTorch's Python number becomes a 0-d tensor of its kind.
            let x = try c.input, v = x.item()
            if x.dtype == .bool { return [Torch.full([], v != 0, dtype: .bool)] }
            return [x.dtype.isFloatingPoint ? Torch.full([], v, dtype: .float64) : Torch.full([], Int64(v), dtype: .int64)]
        }
        r["to"] = { c in
            if let d = try c.string("device"), d != "cpu" { throw OpInfoUnsupported("device \(d)") }
            if c.arg("memory_format") != nil { throw OpInfoUnsupported("memory_format") }
            _ = try c.bool("non_blocking")
            guard let dtype = try c.dtypeArg("dtype") else { throw OpInfoUnsupported("to without a dtype") }
            return [try c.input.to(dtype, copy: try c.bool("copy", default: false))]
        }

        // Factories: the input is the size (or the first number), not a tensor.
        func factoryDType(_ c: OpInfoCall) throws -> DType? {
            if let d = try c.string("device"), d != "cpu" { throw OpInfoUnsupported("device \(d)") }
            if try c.bool("requires_grad", default: false) { throw OpInfoUnsupported("requires_grad") }
            return try c.dtypeArg("dtype")
        }
        func size(_ c: OpInfoCall) throws -> [Int] { try OpInfoCall.ints(c.rawInput, "size") }
        func number(_ a: OpInfoFixture.Arg?, _ name: String) throws -> Scalar {
            switch a {
            case .int(let i)?: return .int(Int64(i))
            case .double(let d)?: return .double(d)
            case .bool(let b)?: return .bool(b)
            default: throw OpInfoUnsupported("\(name) is \(a?.kind ?? "missing")")
            }
        }
        r["zeros"] = { c in [Torch.zeros(try size(c), dtype: try factoryDType(c) ?? .float32)] }
        r["ones"] = { c in [Torch.ones(try size(c), dtype: try factoryDType(c) ?? .float32)] }
        r["full"] = { c in [Torch.full(try size(c), try number(c.arg("fill_value"), "fill_value"), dtype: try factoryDType(c))] }
        r["scalar_tensor"] = { c in [Torch.full([], try number(c.rawInput, "value"), dtype: try factoryDType(c) ?? .float32)] }
        r["eye"] = { c in
            guard case .int(let n) = c.rawInput else { throw OpInfoUnsupported("eye of \(c.rawInput.kind)") }
            return [Torch.eye(n, try c.int("m"), dtype: try factoryDType(c) ?? .float32)]
        }
        r["arange"] = { c in
            let dtype = try factoryDType(c)
            let first = try number(c.rawInput, "start")
            guard c.has("end") else { return [Torch.arange(first, dtype: dtype)] }
            let end = try number(c.arg("end"), "end")
            let step = c.has("step") ? try number(c.arg("step"), "step") : Scalar.int(1)
            return [Torch.arange(first, end, step, dtype: dtype)]
        }
        r["linspace"] = { c in
            guard let steps = try c.int("steps") else { throw OpInfoUnsupported("steps") }
            return [Torch.linspace(try number(c.rawInput, "start"), try number(c.arg("end"), "end"), steps: steps,
                                   dtype: try factoryDType(c) ?? .float32)]
        }
        r["logspace"] = { c in
            guard let steps = try c.int("steps") else { throw OpInfoUnsupported("steps") }
            return [Torch.logspace(try number(c.rawInput, "start"), try number(c.arg("end"), "end"), steps: steps,
                                   base: try c.double("base", default: 10), dtype: try factoryDType(c) ?? .float32)]
        }
    }
}
