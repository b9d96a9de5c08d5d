import Testing
import Torch

/// Shape ops against PyTorch's outputs and gradients (scripts/fixtures/shapeops.py).
@Suite struct ShapeOpsFixtureTests {
    nonisolated(unsafe) static let fixture = Fixture("shapeops")

    /// One-output cases: name and the op applied to the fixture inputs.
    nonisolated(unsafe) static let singleOutputCases: [(String, ([Tensor]) -> Tensor)] = [
        ("view", { $0[0].view(4, 3) }),
        ("reshape_transposed", { $0[0].t().reshape(12) }),
        ("expand", { $0[0].expand(2, 3, 4) }),
        ("permute", { $0[0].permute(2, 0, 1) }),
        ("transpose", { $0[0].transpose(0, 2) }),
        ("t", { $0[0].t() }),
        ("unsqueeze", { $0[0].unsqueeze(-1) }),
        ("squeeze_all", { $0[0].squeeze() }),
        ("squeeze_dim", { $0[0].squeeze(1) }),
        ("squeeze_permuted", { $0[0].permute(2, 1, 0).squeeze() }),
        ("view_of_transposed", { $0[0].t().view(4, 3, 1) }),
        ("flatten", { $0[0].flatten() }),
        ("flatten_range", { $0[0].flatten(startDim: 1, endDim: 2) }),
        ("flatten_transposed", { $0[0].transpose(0, 2).flatten(startDim: 0, endDim: 1) }),
        ("unflatten", { $0[0].unflatten(1, [2, -1]) }),
        ("narrow", { $0[0].narrow(1, 1, 2) }),
        ("narrow_negative_start", { $0[0].narrow(0, -2, 2) }),
        ("narrow_of_transposed", { $0[0].t().narrow(0, 1, 2) }),
        ("select", { $0[0].select(1, 2) }),
        ("select_negative", { $0[0].select(0, -1) }),
        ("select_of_permuted", { $0[0].permute(2, 0, 1).select(0, 3) }),
        ("chain_narrow_select_t", { $0[0].narrow(2, 1, 3).select(0, 1).t().narrow(0, 1, 2) }),
        ("movedim", { $0[0].movedim(0, 2) }),
        ("swapaxes", { $0[0].swapaxes(0, 1) }),
        ("cat", { Torch.cat([$0[0], $0[1], $0[2]], dim: 1) }),
        ("cat_negative_dim", { Torch.cat([$0[0], $0[1]], dim: -2) }),
        ("cat_promotes", { Torch.cat([$0[0], $0[1]]) }),
        ("cat_skips_empty", { Torch.cat([$0[0], $0[1], $0[2]], dim: 1) }),
        ("stack", { Torch.stack([$0[0], $0[1]], dim: 1) }),
        ("stack_last", { Torch.stack([$0[0], $0[1]], dim: -1) }),
        ("hstack", { Torch.hstack([$0[0], $0[1]]) }),
        ("vstack", { Torch.vstack([$0[0], $0[1]]) }),
        ("flip", { $0[0].flip(0, 2) }),
        ("flip_transposed", { $0[0].t().flip(1) }),
        ("roll", { $0[0].roll(1, dim: 1) }),
        ("roll_multi", { $0[0].roll([-1, 5], dims: [0, 1]) }),
        ("roll_flat", { $0[0].roll([5]) }),
        ("repeat", { $0[0].repeat(2, 1, 3) }),
        ("repeat_int", { $0[0].repeat(2, 3) }),
        ("tril", { $0[0].tril() }),
        ("tril_diag", { $0[0].tril(diagonal: -1) }),
        ("triu", { $0[0].triu() }),
        ("triu_diag", { $0[0].triu(diagonal: 2) }),
        ("triu_of_transposed", { $0[0].t().triu(diagonal: 1) }),
        ("inplace_transposed_base_grad", { x in
            let y = (x[0] * 2).t().clone()
            y.narrow(0, 1, 2).mul_(x[1])
            return y * 1
        }),
        ("inplace_view_used_after_grad", { x in
            let y = x[0] * 1
            let v = y.narrow(0, 1, 2)
            v.mul_(2)
            return v * 3
        }),
        ("inplace_narrow_fill", { x in
            let y = x[0].clone()
            y.narrow(0, 1, 2).fill_(0)
            return y
        }),
        ("inplace_narrow_fill_grad", { x in
            let y = x[0].clone()
            y.narrow(0, 1, 2).fill_(0)
            return y
        }),
        ("inplace_select_mul_grad", { x in
            let y = x[0] * 1
            y.select(1, 2).mul_(x[1])
            return y
        }),
        ("inplace_narrow_copy_grad", { x in
            let y = x[0] * 2
            y.narrow(1, 1, 2).copy_(x[1])
            return y
        }),
    ]

    @Test(arguments: singleOutputCases.map(\.0))
    func matchesPyTorch(_ name: String) {
        let op = Self.singleOutputCases.first { $0.0 == name }!.1
        checkCase(Self.fixture[name], op)
    }

    nonisolated(unsafe) static let multiOutputCases: [(String, (Tensor) -> [Tensor])] = [
        ("split", { $0.split(2, dim: 1) }),
        ("split_sizes", { $0.split([1, 3, 1], dim: 1) }),
        ("chunk", { $0.chunk(3, dim: 0) }),
        ("unbind", { $0.unbind(1) }),
    ]

    @Test(arguments: multiOutputCases.map(\.0))
    func multiOutputMatchesPyTorch(_ name: String) {
        let op = Self.multiOutputCases.first { $0.0 == name }!.1
        let c = Self.fixture[name]
        let x = c.input(0)
        let outs = op(x)
        #expect(outs.count == c.outputs.count)
        for (o, e) in zip(outs, c.outputs) { expectMatches(o, e) }
        let gradOutputs = (c.extra["grad_outputs"] as! [[String: Any]]).map { Fixture.TensorData($0).tensor() }
        let used = c.extra["used"] as! [Int]
        let grads = Autograd.grad(used.map { outs[$0] }, [x], gradOutputs: used.map { gradOutputs[$0] })
        expectMatches(grads[0]!, c.grads[0]!)
    }
}
