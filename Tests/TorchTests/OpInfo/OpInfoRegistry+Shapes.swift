import Foundation
import Torch

extension OpInfoRegistry {
    // MARK: shapes and views

    static func registerShapes(_ r: inout [String: Body]) {
        r["cat"] = { c in [Torch.cat(try c.inputs, dim: try c.int("dim", default: 0))] }
        r["stack"] = { c in [Torch.stack(try c.inputs, dim: try c.int("dim", default: 0))] }
        r["hstack"] = { c in [Torch.hstack(try c.inputs)] }
        r["vstack"] = { c in [Torch.vstack(try c.inputs)] }
        r["chunk"] = { c in try c.input.chunk(try c.int("chunks", default: 1), dim: try c.int("dim", default: 0)) }
        let split: Body = { c in
            let x = try c.input
            let dim = try c.int("dim", default: 0)
            let name = c.has("split_sizes") ? "split_sizes" : "split_size_or_sections"
            guard let a = c.arg(name) else { throw OpInfoUnsupported("no split size") }
            if case .int(let size) = a { return x.split(size, dim: dim) }
            return x.split(try OpInfoCall.ints(a, name), dim: dim)
        }
        r["split"] = split
        r["split.list_args"] = split
        r["split_with_sizes"] = split
        r["unbind"] = { c in try c.input.unbind(try c.int("dim", default: 0)) }
        r["flatten"] = { c in
            [try c.input.flatten(startDim: try c.int("start_dim", default: 0), endDim: try c.int("end_dim", default: -1))]
        }
        r["unflatten"] = { c in [try c.input.unflatten(try c.int("dim", default: 0), try c.ints("sizes") ?? [])] }
        r["flip"] = { c in [try c.input.flip(try c.ints("dims") ?? [])] }
        r["roll"] = { c in [try c.input.roll(try c.ints("shifts") ?? [], dims: try c.ints("dims") ?? [])] }
        r["movedim"] = { c in [try c.input.movedim(try c.ints("source") ?? [], try c.ints("destination") ?? [])] }
        r["permute"] = { c in [try c.input.permute(try c.ints("dims") ?? [])] }
        r["transpose"] = { c in [try c.input.transpose(try c.int("dim0", default: 0), try c.int("dim1", default: 1))] }
        r["t"] = unary { $0.t() }
        r["squeeze"] = { c in
            let x = try c.input
            guard let dim = try c.int("dim") else { return [x.squeeze()] }
            return [x.squeeze(dim)]
        }
        r["squeeze.multiple"] = { c in [try c.input.squeeze(dims: try c.ints("dim") ?? [])] }
        r["unsqueeze"] = { c in [try c.input.unsqueeze(try c.int("dim", default: 0))] }
        r["reshape"] = { c in [try c.input.reshape(try c.ints("shape") ?? [])] }
        r["reshape_as"] = { c in [try c.input.reshapeAs(try c.requiredTensor("other"))] }
        r["view"] = { c in [try c.input.view(try c.ints("size") ?? [])] }
        r["view_as"] = { c in [try c.input.viewAs(try c.requiredTensor("other"))] }
        r["expand"] = { c in [try c.input.expand(try c.ints("size") ?? [])] }
        r["expand_as"] = { c in [try c.input.expandAs(try c.requiredTensor("other"))] }
        r["narrow"] = { c in
            let x = try c.input
            let dim = try c.int("dim", default: 0), length = try c.int("length", default: 0)
            if c.has("start"), case .tensor(let start) = try c.operand("start") { return [x.narrow(dim, start, length)] }
            return [x.narrow(dim, try c.int("start", default: 0), length)]
        }
        r["select"] = { c in [try c.input.select(try c.int("dim", default: 0), try c.int("index", default: 0))] }
        r["tril"] = { c in [try c.input.tril(diagonal: try c.int("diagonal", default: 0))] }
        r["triu"] = { c in [try c.input.triu(diagonal: try c.int("diagonal", default: 0))] }
        r["contiguous"] = unary { $0.contiguous() }
        r["clone"] = { c in
            if let format = c.arg("memory_format") { throw OpInfoUnsupported("memory_format \(format)") }
            return [try c.input.clone()]
        }
    }

    // MARK: indexing, sorting

    static func registerIndexing(_ r: inout [String: Body]) {
        r["masked_select"] = { c in [try c.input.maskedSelect(try c.requiredTensor("mask"))] }
        r["gather"] = { c in
            if try c.bool("sparse_grad", default: false) { throw OpInfoUnsupported("sparse_grad") }
            return [try c.input.gather(try c.int("dim", default: 0), try c.requiredTensor("index"))]
        }
        r["scatter"] = { c in
            let x = try c.input, dim = try c.int("dim", default: 0), index = try c.requiredTensor("index")
            let reduce = try c.string("reduce")
            let name = c.has("src") ? "src" : "value"
            switch try c.operand(name) {
            case .tensor(let src): return [x.scatter(dim, index, src, reduce: reduce)]
            case .scalar(let s): return [x.scatter(dim, index, s, reduce: reduce)]
            }
        }
        r["scatter_add"] = { c in
            [try c.input.scatterAdd(try c.int("dim", default: 0), try c.requiredTensor("index"), try c.requiredTensor("src"))]
        }
        r["index_select"] = { c in [try c.input.indexSelect(try c.int("dim", default: 0), try c.requiredTensor("index"))] }
        r["index_add"] = { c in
            [try c.input.indexAdd(try c.int("dim", default: 0), try c.requiredTensor("index"), try c.requiredTensor("source"),
                                  alpha: try c.double("alpha", default: 1))]
        }
        r["index_fill"] = { c in
            let x = try c.input, dim = try c.int("dim", default: 0), index = try c.requiredTensor("index")
            switch try c.operand("value") {
            case .tensor(let v):
                // Swift's indexFill takes a number: a 0-d value replays, but no gradient reaches it.
                guard v.dim() == 0, !v.requiresGrad else { throw OpInfoUnsupported("index_fill with a tensor value") }
                return [x.indexFill(dim, index, Scalar.double(v.item()))]
            case .scalar(let s): return [x.indexFill(dim, index, s)]
            }
        }
        r["index_put"] = { c in
            [try c.input.indexPut(try c.tensors("indices") ?? [], try c.requiredTensor("values"),
                                  accumulate: try c.bool("accumulate", default: false))]
        }
        r["take"] = { c in [try c.input.take(try c.requiredTensor("index"))] }
        r["nonzero"] = { c in
            if try c.bool("as_tuple", default: false) { return try c.input.nonzero(asTuple: true) }
            return [try c.input.nonzero()]
        }
        r["sort"] = { c in
            let (v, i) = try c.input.sort(dim: try c.int("dim", default: -1), descending: try c.bool("descending", default: false),
                                          stable: try c.bool("stable", default: false))
            return [v, i]
        }
        r["argsort"] = { c in
            [try c.input.argsort(dim: try c.int("dim", default: -1), descending: try c.bool("descending", default: false),
                                 stable: try c.bool("stable", default: false))]
        }
        r["topk"] = { c in
            let (v, i) = try c.input.topk(try c.int("k", default: 1), dim: try c.int("dim", default: -1),
                                          largest: try c.bool("largest", default: true), sorted: try c.bool("sorted", default: true))
            return [v, i]
        }
    }

    // MARK: products and linear algebra

    static func registerLinalg(_ r: inout [String: Body]) {
        r["mm"] = { c in [try c.input.mm(try c.requiredTensor("mat2"))] }
        r["bmm"] = { c in [try c.input.bmm(try c.requiredTensor("mat2"))] }
        r["matmul"] = { c in [try c.input.matmul(try c.requiredTensor("other"))] }
        r["mv"] = { c in [try c.input.mv(try c.requiredTensor("vec"))] }
        r["dot"] = { c in [try c.input.dot(try c.requiredTensor("other"))] }
        r["outer"] = { c in [try c.input.outer(try c.requiredTensor("vec2"))] }
        r["addmm"] = { c in
            [Torch.addmm(try c.input, try c.requiredTensor("mat1"), try c.requiredTensor("mat2"),
                         beta: try c.double("beta", default: 1), alpha: try c.double("alpha", default: 1))]
        }
        r["baddbmm"] = { c in
            [Torch.baddbmm(try c.input, try c.requiredTensor("batch1"), try c.requiredTensor("batch2"),
                           beta: try c.double("beta", default: 1), alpha: try c.double("alpha", default: 1))]
        }
        r["einsum"] = { c in
            // OpInfo's einsum takes the operands as the input and the equation as the first argument.
            guard case .string(let equation)? = c.arg("operands") else { throw OpInfoUnsupported("einsum without an equation") }
            return [Torch.einsum(equation, try c.inputs)]
        }
        r["linalg.inv"] = unary { Torch.linalg.inv($0) }
        r["linalg.det"] = unary { Torch.linalg.det($0) }
        r["linalg.solve"] = { c in
            if c.has("left") || c.has("out") { throw OpInfoUnsupported("solve with left/out") }
            return [Torch.linalg.solve(try c.input, try c.requiredTensor("B"))]
        }
    }

    // MARK: factories and conversions

    static func registerConversions(_ r: inout [String: Body]) {
        // Until devices exist (issue 10) only device="cpu" is expressible.
        func cpuOnly(_ c: OpInfoCall) throws {
            if let d = try c.string("device"), d != "cpu" { throw OpInfoUnsupported("device \(d)") }
        }
        r["zeros_like"] = { c in try cpuOnly(c); return [Torch.zerosLike(try c.input, dtype: try c.dtypeArg("dtype"))] }
        r["ones_like"] = { c in try cpuOnly(c); return [Torch.onesLike(try c.input, dtype: try c.dtypeArg("dtype"))] }
        r["full_like"] = { c in
            try cpuOnly(c)
            guard let v = try c.scalar("fill_value") else { throw OpInfoUnsupported("fill_value") }
            return [Torch.fullLike(try c.input, v, dtype: try c.dtypeArg("dtype"))]
        }
        let memoryFormatFree: (@escaping (Tensor) -> Tensor) -> Body = { f in
            { c in
                if let format = c.arg("memory_format") { throw OpInfoUnsupported("memory_format \(format)") }
                return [f(try c.input)]
            }
        }
        r["bool"] = memoryFormatFree { $0.bool() }
        r["byte"] = memoryFormatFree { $0.byte() }
        r["char"] = memoryFormatFree { $0.char() }
        r["short"] = memoryFormatFree { $0.short() }
        r["int"] = memoryFormatFree { $0.int() }
        r["long"] = memoryFormatFree { $0.long() }
        r["half"] = memoryFormatFree { $0.half() }
        r["float"] = memoryFormatFree { $0.float() }
        r["double"] = memoryFormatFree { $0.double() }
        r["bfloat16"] = memoryFormatFree { $0.bfloat16() }
    }
}
