import Testing
import Torch

/// L-BFGS with and without the strong-Wolfe line search, against PyTorch.
@Suite struct LBFGSTests {
    nonisolated(unsafe) static let fixture = Fixture("optim")

    static func run(_ name: String, _ make: ([Tensor]) -> LBFGS) -> (LBFGS, Tensor, Tensor, [Double]) {
        let c = fixture[name]
        let w = c.inputs[0]!.tensor(requiresGrad: true), b = c.inputs[1]!.tensor(requiresGrad: true)
        let x = c.inputs[2]!.tensor(), y = c.inputs[3]!.tensor()
        let opt = make([w, b])
        var losses: [Double] = []
        for _ in 0..<(c.extra["steps"] as! Int) {
            let loss = opt.step {
                opt.zeroGrad()
                let l = (x.matmul(w.t()) + b - y).pow(2).sum()
                l.backward()
                return l
            }
            losses.append(loss.item())
        }
        return (opt, w, b, losses)
    }

    @Test func withoutLineSearchFollowsPyTorch() {
        let c = Self.fixture["lbfgs"]
        let (opt, w, b, losses) = Self.run("lbfgs") { LBFGS($0, lr: 0.1, maxIter: 5) }
        expectMatches(w, c.outputs[0], rtol: 1e-4, atol: 1e-5)
        expectMatches(b, c.outputs[1], rtol: 1e-4, atol: 1e-5)
        expectClose(losses, (c.extra["losses"] as! [String]).map { Double($0)! }, rtol: 1e-4)
        #expect(opt.description == c.extra["repr"] as! String)
        #expect(opt.state(for: w)["func_evals"]?.intValue == c.extra["func_evals"] as? Int)
        #expect(opt.state(for: w)["n_iter"]?.intValue == c.extra["n_iter"] as? Int)
    }

    @Test func strongWolfeLineSearchFollowsPyTorch() {
        let c = Self.fixture["lbfgs_strong_wolfe"]
        let (opt, w, b, losses) = Self.run("lbfgs_strong_wolfe") {
            LBFGS($0, lr: 1, maxIter: 10, historySize: 4, lineSearchFn: "strong_wolfe")
        }
        expectMatches(w, c.outputs[0], rtol: 1e-3, atol: 1e-4)
        expectMatches(b, c.outputs[1], rtol: 1e-3, atol: 1e-4)
        #expect(Swift.abs(losses[0] - Double(c.extra["losses"] is [String] ? (c.extra["losses"] as! [String])[0] : "0")!) < 1e-3)
        #expect(losses.last! < 1e-5)
        #expect(opt.description == c.extra["repr"] as! String)
    }

    @Test func parameterGroupsStop() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let opt = LBFGS([Torch.ones([2]).requiresGrad_()])
            opt.addParamGroup(ParamGroup(params: [Torch.ones([2]).requiresGrad_()]))
        }
        #expect(stderrText(result).contains("LBFGS doesn't support per-parameter options (parameter groups)"))
    }
}
