import Testing
import Torch

/// Every case of Fixtures/reductions.json (written by scripts/fixtures/reductions.py):
/// outputs and input gradients against PyTorch.
@Suite struct ReductionFixtureTests {
    /// The op behind each fixture case; ops with several outputs return all of them.
    static func op(_ name: String) -> ([Tensor]) -> [Tensor] {
        func one(_ f: @escaping (Tensor) -> Tensor) -> ([Tensor]) -> [Tensor] { { [f($0[0])] } }
        func two(_ f: @escaping (Tensor) -> (Tensor, Tensor)) -> ([Tensor]) -> [Tensor] { { let (a, b) = f($0[0]); return [a, b] } }
        switch name {
        case "sum_all": return one { $0.sum() }
        case "sum_dim1_keepdim": return one { $0.sum(dim: 1, keepdim: true) }
        case "sum_dims_0_2": return one { $0.sum(dims: [0, 2]) }
        case "sum_transposed_dim0": return one { $0.transpose(0, 2).sum(dim: 0) }
        case "sum_int": return one { $0.sum(dim: 1) }
        case "sum_bool": return one { $0.sum() }
        case "mean_all": return one { $0.mean() }
        case "mean_dim0": return one { $0.mean(dim: 0) }
        case "mean_dims_keepdim": return one { $0.mean(dims: [1, 2], keepdim: true) }
        case "prod_all", "prod_all_one_zero", "prod_all_two_zeros": return one { $0.prod() }
        case "prod_dim1": return one { $0.prod(dim: 1) }
        case "prod_dim1_keepdim_zeros": return one { $0.prod(dim: 1, keepdim: true) }
        case "prod_int": return one { $0.prod(dim: 0) }
        case "var_all": return one { $0.var() }
        case "var_dim1_keepdim": return one { $0.var(dim: 1, keepdim: true) }
        case "var_dim0_correction0": return one { $0.var(dim: 0, correction: 0) }
        case "var_unbiased_false": return one { $0.var(unbiased: false) }
        case "std_all": return one { $0.std() }
        case "std_dims": return one { $0.std(dims: [0, 2]) }
        case "std_dim1_correction2": return one { $0.std(dim: 1, correction: 2) }
        case "var_mean_dim1": return two { $0.varMean(dims: [1]) }
        case "std_mean_all": return two { $0.stdMean() }
        case "max_all_ties", "max_nan": return one { $0.max() }
        case "min_all": return one { $0.min() }
        case "max_dim1", "max_dim1_ties", "max_dim1_nan", "max_int": return two { $0.max(dim: 1) }
        case "min_dim1_nan": return two { $0.min(dim: 1) }
        case "min_dim0_keepdim": return two { $0.min(dim: 0, keepdim: true) }
        case "amax_dims_0_2": return one { $0.amax(dims: [0, 2]) }
        case "amax_dim1_ties": return one { $0.amax(dim: 1) }
        case "amin_all_ties": return one { $0.amin() }
        case "amin_dim0_keepdim": return one { $0.amin(dim: 0, keepdim: true) }
        case "argmax_all": return one { $0.argmax() }
        case "argmax_dim1", "argmax_ties", "argmax_nan": return one { $0.argmax(dim: 1) }
        case "argmin_dim2_keepdim": return one { $0.argmin(dim: 2, keepdim: true) }
        case "all_float", "all_uint8": return one { $0.all() }
        case "all_dim1": return one { $0.all(dim: 1) }
        case "any_dim0_keepdim": return one { $0.any(dim: 0, keepdim: true) }
        case "any_all", "any_nan": return one { $0.any() }
        case "logsumexp_dim1", "logsumexp_large", "logsumexp_inf": return one { $0.logsumexp(dim: 1) }
        case "logsumexp_dims_keepdim": return one { $0.logsumexp(dims: [0, 2], keepdim: true) }
        case "norm_all": return one { $0.norm() }
        case "norm_p1_dim1": return one { $0.norm(p: 1, dim: 1) }
        case "norm_inf_all_ties": return one { $0.norm(p: .infinity) }
        case "norm_neginf_dim1": return one { $0.norm(p: -.infinity, dim: 1) }
        case "norm_p3_dims_keepdim": return one { $0.norm(p: 3, dims: [0, 2], keepdim: true) }
        case "norm_p0": return one { $0.norm(p: 0) }
        case "norm_fro_dims": return one { $0.norm(p: "fro", dims: [1, 2]) }
        case "norm_p2_zero_row": return one { $0.norm(dim: 1) }
        case "norm_p1_5_zero": return one { $0.norm(p: 1.5) }
        case "cumsum_dim1": return one { $0.cumsum(dim: 1) }
        case "cumsum_dim0", "cumsum_int": return one { $0.cumsum(dim: 0) }
        case "cumprod_dim1", "cumprod_zeros": return one { $0.cumprod(dim: 1) }
        case "cumprod_dim0": return one { $0.cumprod(dim: 0) }
        case "sort_dim1", "sort_nan": return two { $0.sort(dim: 1) }
        case "sort_dim0_descending": return two { $0.sort(dim: 0, descending: true) }
        case "sort_nan_descending": return two { $0.sort(dim: 1, descending: true) }
        case "sort_stable_ties": return two { $0.sort(dim: 1, stable: true) }
        case "argsort_dim1": return one { $0.argsort(dim: 1) }
        case "argsort_descending": return one { $0.argsort(dim: 0, descending: true) }
        case "topk_2", "topk_int": return two { $0.topk(name == "topk_2" ? 2 : 3) }
        case "topk_smallest_dim0": return two { $0.topk(2, dim: 0, largest: false) }
        case "unique_all":
            return { let r = $0[0].unique(returnInverse: true, returnCounts: true); return [r.values, r.inverse!, r.counts!] }
        case "unique_float": return { [$0[0].unique().values] }
        default: fatalError("no op for fixture case \(name)")
        }
    }

    static let names = [
        "sum_all", "sum_dim1_keepdim", "sum_dims_0_2", "sum_transposed_dim0", "sum_int", "sum_bool",
        "mean_all", "mean_dim0", "mean_dims_keepdim",
        "prod_all", "prod_dim1", "prod_dim1_keepdim_zeros", "prod_all_one_zero", "prod_all_two_zeros", "prod_int",
        "var_all", "var_dim1_keepdim", "var_dim0_correction0", "var_unbiased_false", "std_all", "std_dims",
        "std_dim1_correction2", "var_mean_dim1", "std_mean_all",
        "max_all_ties", "min_all", "max_dim1", "max_dim1_ties", "min_dim0_keepdim", "amax_dims_0_2", "amax_dim1_ties",
        "amin_all_ties", "amin_dim0_keepdim", "argmax_all", "argmax_dim1", "argmin_dim2_keepdim", "argmax_ties",
        "max_nan", "max_dim1_nan", "min_dim1_nan", "argmax_nan", "max_int",
        "all_float", "all_dim1", "any_dim0_keepdim", "any_all", "all_uint8", "any_nan",
        "logsumexp_dim1", "logsumexp_dims_keepdim", "logsumexp_large", "logsumexp_inf",
        "norm_all", "norm_p1_dim1", "norm_inf_all_ties", "norm_neginf_dim1", "norm_p3_dims_keepdim", "norm_p0",
        "norm_fro_dims", "norm_p2_zero_row", "norm_p1_5_zero",
        "cumsum_dim1", "cumsum_dim0", "cumsum_int", "cumprod_dim1", "cumprod_zeros", "cumprod_dim0",
        "sort_dim1", "sort_dim0_descending", "sort_nan", "sort_nan_descending", "sort_stable_ties",
        "argsort_dim1", "argsort_descending", "topk_2", "topk_smallest_dim0", "topk_int",
        "unique_all", "unique_float",
    ]

    @Test(arguments: names)
    func matchesPyTorch(_ name: String) {
        let c = Fixture("reductions")[name]
        let inputs = c.inputs.indices.map { c.input($0) }
        let outs = Self.op(name)(inputs)
        #expect(outs.count == c.outputs.count, "output count")
        for (out, expected) in zip(outs, c.outputs) { expectMatches(out, expected, rtol: 1e-5, atol: 1e-5) }
        // PyTorch reports no gradient at all for some (norm with p = 0).
        guard let go = c.gradOutput, c.grads.contains(where: { $0 != nil }) else { return }
        guard outs[0].requiresGrad else {
            Issue.record("\(name): output does not require grad")
            return
        }
        outs[0].backward(gradient: go.tensor())
        for (i, g) in c.grads.enumerated() {
            guard let g else { continue }
            guard let actual = inputs[i].grad else {
                Issue.record("no gradient for input \(i) of \(name)")
                continue
            }
            expectMatches(actual, g, rtol: 1e-5, atol: 1e-5)
        }
    }

    @Test func everyFixtureCaseIsCovered() {
        let f = Fixture("reductions")
        #expect(Set(f.cases.keys) == Set(Self.names))
    }
}
