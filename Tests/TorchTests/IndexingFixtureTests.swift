import Testing
import Torch

/// Indexing against PyTorch's golden values (scripts/fixtures/indexing.py).
@Suite struct IndexingFixtureTests {
    nonisolated(unsafe) static let fixture = Fixture("indexing")

    /// Subscript reads: each closure spells the PyTorch subscript in Swift.
    nonisolated(unsafe) static let reads: [(String, ([Tensor]) -> Tensor)] = [
        ("int", { $0[0][1] }),
        ("neg_int", { $0[0][-1] }),
        ("two_ints", { $0[0][1, 2] }),
        ("range", { $0[0][1..<3] }),
        ("range_from", { $0[0][1...] }),
        ("range_upto", { $0[0][..<3] }),
        ("closed_range", { $0[0][1...2] }),
        ("step", { $0[0][.slice(0, 10, step: 2)] }),
        ("step_dim1", { $0[0][.all, .slice(1, step: 3)] }),
        ("all_int", { $0[0][.all, 0] }),
        ("ellipsis_int", { $0[0][.ellipsis, 0] }),
        ("newaxis", { $0[0][.newAxis] }),
        ("newaxis_mid", { $0[0][.all, .newAxis, 1] }),
        ("clamped_range", { $0[0][2..<100] }),
        ("negative_range", { $0[0][(-3)..<(-1)] }),
        ("empty_range", { $0[0][.slice(3, 1)] }),
        ("idx", { $0[0][$0[1]] }),
        ("idx_2d", { $0[0][$0[1]] }),
        ("idx_negative", { $0[0][$0[1]] }),
        ("idx_pair_broadcast", { $0[0][$0[1], $0[2]] }),
        ("idx_separated", { $0[0][$0[1], .all, $0[2]] }),
        ("slice_idx", { $0[0][.all, $0[1]] }),
        ("slice_idx_idx", { $0[0][.all, $0[1], $0[2]] }),
        ("int_slice_idx", { $0[0][1, .all, $0[1]] }),
        ("ellipsis_idx", { $0[0][.ellipsis, $0[1]] }),
        ("newaxis_idx", { $0[0][.newAxis, $0[1]] }),
        ("idx_step", { $0[0][$0[1], .slice(step: 2)] }),
        ("mask_full", { $0[0][$0[1]] }),
        ("mask_2d", { $0[0][$0[1]] }),
        ("slice_mask", { $0[0][.all, $0[1]] }),
        ("mask_int", { $0[0][$0[1], 2] }),
        ("idx_and_mask", { $0[0][$0[1], $0[2]] }),
        ("idx_newaxis_idx", { $0[0][$0[1], .newAxis, $0[2]] }),
        ("idx_int_idx", { $0[0][$0[1], 1, $0[2]] }),
        ("bool_scalar", { $0[0][$0[1]] }),
    ]

    @Test(arguments: reads.map(\.0))
    func subscriptReadMatchesPyTorch(_ name: String) {
        let op = Self.reads.first { $0.0 == name }!.1
        checkCase(Self.fixture["get_" + name], op)
    }

    /// Subscript writes, applied to a clone of input 0.
    nonisolated(unsafe) static let writes: [(String, (Tensor, [Tensor]) -> Void)] = [
        ("set_mask_scalar", { y, t in y[t[1]] = 0 }),
        ("set_ellipsis_tensor", { y, t in y[.ellipsis, 0] = t[1] }),
        ("set_idx_values", { y, t in y[t[1]] = t[2] }),
        ("set_range_int_scalar", { y, _ in y[0..<2, 1] = 5 }),
        ("set_mask_values", { y, t in y[t[1]] = t[2] }),
        ("set_pair", { y, t in y[t[1], .all, t[2]] = t[3] }),
        ("set_int", { y, t in y[2] = t[1] }),
        ("set_step", { y, t in y[.all, .slice(step: 2), 1] = t[1] }),
    ]

    @Test(arguments: writes.map(\.0))
    func subscriptWriteMatchesPyTorch(_ name: String) {
        let body = Self.writes.first { $0.0 == name }!.1
        checkCase(Self.fixture[name]) { t in
            let y = t[0].clone()
            body(y, t)
            return y
        }
    }

    nonisolated(unsafe) static let ops: [(String, ([Tensor]) -> Tensor)] = [
        ("gather_dim1", { $0[0].gather(1, $0[1]) }),
        ("gather_dim0", { $0[0].gather(0, $0[1]) }),
        ("gather_negative", { Torch.gather($0[0], -1, $0[1]) }),
        ("scatter_src", { $0[0].scatter(1, $0[1], $0[2]) }),
        ("scatter_value", { $0[0].scatter(1, $0[1], 2.5) }),
        ("scatter_add", { $0[0].scatterAdd(0, $0[1], $0[2]) }),
        ("scatter_reduce_add", { $0[0].scatter(0, $0[1], $0[2], reduce: "add") }),
        ("scatter_reduce_multiply", { $0[0].scatter(0, $0[1], $0[2], reduce: "multiply") }),
        ("index_select_dim0", { $0[0].indexSelect(0, $0[1]) }),
        ("index_select_dim1", { Torch.indexSelect($0[0], 1, $0[1]) }),
        ("index_add", { $0[0].indexAdd(1, $0[1], $0[2], alpha: 2) }),
        ("index_fill", { $0[0].indexFill(1, $0[1], -1.5) }),
        ("take", { $0[0].take($0[1]) }),
        ("take_transposed", { $0[0].t().take($0[1]) }),
        ("masked_select", { $0[0].maskedSelect($0[1]) }),
        ("nonzero", { $0[0].nonzero() }),
        ("index_put", { $0[0].indexPut([$0[1]], $0[2]) }),
        ("index_put_accumulate", { Torch.indexPut($0[0], [$0[1], $0[2]], $0[3], accumulate: true) }),
        ("index_int64_tensor", { $0[0][$0[1]] }),
        ("get_idx_int32", { $0[0][$0[1]] }),
        ("get_transposed_slice_idx", { $0[0].transpose(0, 2)[1..., $0[1]] }),
        ("gather_transposed", { $0[0].t().gather(0, $0[1]) }),
        ("scatter_add_transposed_src", { $0[0].scatterAdd(1, $0[1], $0[2].t()) }),
        ("set_transposed_view", { t in let y = t[0].clone(); y.transpose(0, 1)[t[1]] = t[2]; return y }),
        ("index_half", { $0[0][$0[1]] }),
        ("index_put_int", { $0[0].indexPut([$0[1]], $0[2], accumulate: true) }),
    ]

    @Test(arguments: ops.map(\.0))
    func indexOpMatchesPyTorch(_ name: String) {
        let op = Self.ops.first { $0.0 == name }!.1
        checkCase(Self.fixture[name], op)
    }

    @Test func nonzeroAsTupleMatchesPyTorch() {
        let c = Self.fixture["nonzero_tuple"]
        let parts = c.input(0).nonzero(asTuple: true)
        #expect(parts.count == c.outputs.count)
        for (p, e) in zip(parts, c.outputs) { expectMatches(p, e) }
    }
}
