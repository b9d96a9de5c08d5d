import Testing
import Torch

/// Python-style printing of option values, as PyTorch's optimizer printout shows them.
@Suite struct OptimValueTests {
    @Test func floatsPrintAsPythonRepr() {
        let cases: [(Double, String)] = [
            (0.001, "0.001"), (1e-8, "1e-08"), (1.0, "1.0"), (0.9, "0.9"), (1e-10, "1e-10"), (4e-6, "4e-06"),
            (0.0001, "0.0001"), (1e16, "1e+16"), (123.5, "123.5"), (-0.1, "-0.1"), (2.5e-5, "2.5e-05"),
        ]
        for (v, text) in cases {
            #expect(OptimValue.double(v).description == text)
        }
    }

    @Test func containersPrintAsPython() {
        let betas: OptimValue = .tuple([0.9, 0.999])
        #expect(betas.description == "(0.9, 0.999)")
        #expect(OptimValue.none.description == "None")
        #expect(OptimValue.bool(false).description == "False")
        let dict: OptimValue = .dict([(.string("a"), .list([1, 2])), (.int(0), .string("x"))])
        #expect(dict.description == "{'a': [1, 2], 0: 'x'}")
        #expect(dict["a"]?.elements?.count == 2)
        #expect(dict[0]?.pythonStr == "x")
    }

    @Test func integerDefaultsStayIntegers() {
        var group = ParamGroup(params: [], momentum: 0, weightDecay: 0.5)
        #expect(group["momentum"]?.description == "0")
        #expect(group["weight_decay"]?.description == "0.5")
        group.momentum = 0.9
        #expect(group["momentum"]?.description == "0.9")
        group.lr = 1
        #expect(group["lr"]?.description == "1.0")
    }
}
