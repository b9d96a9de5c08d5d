import Testing
import Torch

/// Matrix products, einsum and torch.linalg against PyTorch's golden values
/// (scripts/fixtures/linalg.py).
@Suite struct LinalgFixtureTests {
    let fixture = Fixture("linalg")

    static let productNames = ["mm", "mm_transposed_lhs", "mm_transposed_both", "mm_float64", "mm_int64", "mm_int32_strided", "mm_empty_inner", "bmm", "bmm_transposed", "mv", "mv_transposed", "dot", "outer", "addmm", "addmm_bias", "baddbmm", "matmul_transposed_batch"]

    /// The Swift call that mirrors each case's Python lambda.
    static func productOp(_ name: String) -> ([Tensor]) -> Tensor {
        switch name {
        case "mm": return { $0[0].mm($0[1]) }
        case "mm_transposed_lhs": return { $0[0].t().mm($0[1]) }
        case "mm_transposed_both": return { $0[0].t().mm($0[1].t()) }
        case "mm_float64": return { Torch.mm($0[0], $0[1]) }
        case "mm_int64": return { $0[0].mm($0[1]) }
        case "mm_int32_strided": return { $0[0].t().mm($0[1]) }
        case "mm_empty_inner": return { $0[0].mm($0[1]) }
        case "bmm": return { $0[0].bmm($0[1]) }
        case "bmm_transposed": return { $0[0].bmm($0[1].transpose(1, 2)) }
        case "mv": return { $0[0].mv($0[1]) }
        case "mv_transposed": return { $0[0].t().mv($0[1]) }
        case "dot": return { Torch.dot($0[0], $0[1]) }
        case "outer": return { $0[0].outer($0[1]) }
        case "addmm": return { Torch.addmm($0[0], $0[1], $0[2], beta: 0.5, alpha: 2) }
        case "addmm_bias": return { $0[0].addmm($0[1], $0[2]) }
        case "baddbmm": return { Torch.baddbmm($0[0], $0[1], $0[2], beta: -1, alpha: 0.5) }
        case "matmul_transposed_batch": return { $0[0].matmul($0[1].transpose(-2, -1)) }
        default: fatalError("no product case \(name)")
        }
    }

    @Test(arguments: productNames)
    func productMatchesPyTorch(_ name: String) {
        let op = Self.productOp(name)
        checkCase(fixture[name], rtol: 1e-4, atol: 1e-5, op)
    }

    @Test(arguments: ["1d_1d", "2d_1d", "1d_2d", "2d_2d", "3d_2d", "3d_1d", "2d_3d", "1d_3d", "3d_3d",
                      "4d_3d_broadcast", "3d_3d_broadcast", "4d_1d"])
    func matmulFollowsPyTorchShapeRules(_ name: String) {
        checkCase(fixture["matmul_" + name], rtol: 1e-4, atol: 1e-5) { $0[0] • $0[1] }
    }

    @Test func halfProductComputesInFloat32() {
        checkCase(fixture["mm_float16"], rtol: 1e-2, atol: 1e-2) { $0[0].mm($0[1]) }
    }

    @Test(arguments: ["attention_scores", "attention_values", "matmul_explicit", "matmul_implicit", "transpose",
                      "implicit_transpose", "diagonal", "trace", "batched_diagonal", "repeated_three", "sum_all",
                      "sum_dim", "outer", "outer_implicit", "inner", "hadamard", "bmm", "ellipsis_broadcast",
                      "ellipsis_implicit", "size_one_broadcast", "three_operands", "bilinear",
                      "summed_in_one_operand", "uppercase", "spaces", "int64"])
    func einsumMatchesPyTorch(_ name: String) {
        let c = fixture["einsum_" + name]
        let equation = c.extra["equation"] as! String
        checkCase(c, rtol: 1e-4, atol: 1e-5) { Torch.einsum(equation, $0) }
    }

    @Test(arguments: ["inv", "inv_float64", "inv_batched", "inv_needs_pivoting"])
    func inverseMatchesPyTorch(_ name: String) {
        checkCase(fixture[name], rtol: 1e-4, atol: 1e-5) { Torch.linalg.inv($0[0]) }
    }

    @Test(arguments: ["det", "det_float64", "det_batched", "det_negative_permutation", "det_singular", "det_batch_with_singular"])
    func determinantMatchesPyTorch(_ name: String) {
        checkCase(fixture[name], rtol: 1e-4, atol: 1e-5) { Torch.linalg.det($0[0]) }
    }

    @Test(arguments: ["solve_vector", "solve_vector_float64", "solve_matrix", "solve_batched_broadcast",
                      "solve_batched_vectors"])
    func solveMatchesPyTorch(_ name: String) {
        checkCase(fixture[name], rtol: 1e-4, atol: 1e-5) { Torch.linalg.solve($0[0], $0[1]) }
    }
}
