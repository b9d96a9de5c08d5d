/// An activation module that applies one function and prints a fixed text:
/// the shared shape of PyTorch's parameter-free activation modules.
public class ElementwiseActivation: Module {
    let function: (Tensor) -> Tensor
    let repr: String

    init(_ repr: String = "", _ function: @escaping (Tensor) -> Tensor) {
        self.function = function
        self.repr = repr
        super.init()
    }

    public override func forward(_ input: Tensor) -> Tensor { function(input) }
    public override func extraRepr() -> String { repr }
}

private func inplaceSuffix(_ inplace: Bool) -> String { inplace ? "inplace=True" : "" }

/// PyTorch's `nn.GELU` (`approximate: "none"` or `"tanh"`).
public final class GELU: ElementwiseActivation {
    public init(approximate: String = "none") {
        super.init("approximate='\(approximate)'") { Functional.gelu($0, approximate: approximate) }
    }
}

/// PyTorch's `nn.SiLU` (swish).
public final class SiLU: ElementwiseActivation {
    public init(inplace: Bool = false) { super.init(inplaceSuffix(inplace)) { Functional.silu($0, inplace: inplace) } }
}

/// PyTorch's `nn.LeakyReLU`.
public final class LeakyReLU: ElementwiseActivation {
    public init(_ negativeSlope: Double = 0.01, inplace: Bool = false) {
        super.init("negative_slope=\(Module.pythonRepr(negativeSlope))" + (inplace ? ", inplace=True" : "")) {
            Functional.leakyRelu($0, negativeSlope: negativeSlope, inplace: inplace)
        }
    }
}

/// PyTorch's `nn.ELU`.
public final class ELU: ElementwiseActivation {
    public init(alpha: Double = 1, inplace: Bool = false) {
        super.init("alpha=\(Module.pythonRepr(alpha))" + (inplace ? ", inplace=True" : "")) {
            Functional.elu($0, alpha: alpha, inplace: inplace)
        }
    }
}

/// PyTorch's `nn.CELU`.
public final class CELU: ElementwiseActivation {
    public init(alpha: Double = 1, inplace: Bool = false) {
        super.init("alpha=\(Module.pythonRepr(alpha))" + (inplace ? ", inplace=True" : "")) {
            Functional.celu($0, alpha: alpha, inplace: inplace)
        }
    }
}

/// PyTorch's `nn.SELU`.
public final class SELU: ElementwiseActivation {
    public init(inplace: Bool = false) { super.init(inplaceSuffix(inplace)) { Functional.selu($0, inplace: inplace) } }
}

/// PyTorch's `nn.Softplus`.
public final class Softplus: ElementwiseActivation {
    public init(beta: Double = 1, threshold: Double = 20) {
        super.init("beta=\(Module.pythonRepr(beta)), threshold=\(Module.pythonRepr(threshold))") {
            Functional.softplus($0, beta: beta, threshold: threshold)
        }
    }
}

/// PyTorch's `nn.Mish`.
public final class Mish: ElementwiseActivation {
    public init(inplace: Bool = false) { super.init(inplaceSuffix(inplace)) { Functional.mish($0, inplace: inplace) } }
}

/// PyTorch's `nn.Hardtanh`.
public final class Hardtanh: ElementwiseActivation {
    public init(minVal: Double = -1, maxVal: Double = 1, inplace: Bool = false) {
        super.init("min_val=\(Module.pythonRepr(minVal)), max_val=\(Module.pythonRepr(maxVal))" + (inplace ? ", inplace=True" : "")) {
            Functional.hardtanh($0, minVal: minVal, maxVal: maxVal, inplace: inplace)
        }
    }
}

/// PyTorch's `nn.ReLU6`.
public final class ReLU6: ElementwiseActivation {
    public init(inplace: Bool = false) { super.init(inplaceSuffix(inplace)) { Functional.relu6($0, inplace: inplace) } }
}

/// PyTorch's `nn.Hardsigmoid`.
public final class Hardsigmoid: ElementwiseActivation {
    public init(inplace: Bool = false) { super.init(inplaceSuffix(inplace)) { Functional.hardsigmoid($0, inplace: inplace) } }
}

/// PyTorch's `nn.Hardswish`.
public final class Hardswish: ElementwiseActivation {
    public init(inplace: Bool = false) { super.init(inplaceSuffix(inplace)) { Functional.hardswish($0, inplace: inplace) } }
}

/// PyTorch's `nn.Threshold`: values at or below `threshold` become `value`.
public final class Threshold: ElementwiseActivation {
    public init(_ threshold: Double, _ value: Double, inplace: Bool = false) {
        super.init("threshold=\(Module.pythonRepr(threshold)), value=\(Module.pythonRepr(value))" + (inplace ? ", inplace=True" : "")) {
            Functional.threshold($0, threshold: threshold, value: value, inplace: inplace)
        }
    }
}

/// PyTorch's `nn.LogSigmoid`.
public final class LogSigmoid: ElementwiseActivation {
    public init() { super.init { Functional.logsigmoid($0) } }
}

/// PyTorch's `nn.Hardshrink`.
public final class Hardshrink: ElementwiseActivation {
    public init(lambd: Double = 0.5) { super.init(Module.pythonRepr(lambd)) { Functional.hardshrink($0, lambd: lambd) } }
}

/// PyTorch's `nn.Softshrink`.
public final class Softshrink: ElementwiseActivation {
    public init(lambd: Double = 0.5) { super.init(Module.pythonRepr(lambd)) { Functional.softshrink($0, lambd: lambd) } }
}

/// PyTorch's `nn.Softsign`.
public final class Softsign: ElementwiseActivation {
    public init() { super.init { Functional.softsign($0) } }
}

/// PyTorch's `nn.Tanhshrink`.
public final class Tanhshrink: ElementwiseActivation {
    public init() { super.init { Functional.tanhshrink($0) } }
}

/// PyTorch's `nn.Softmin`.
public final class Softmin: ElementwiseActivation {
    public init(dim: Int) { super.init("dim=\(dim)") { Functional.softmin($0, dim: dim) } }
}

/// PyTorch's `nn.GLU`: halves `dim` into a value and a gate.
public final class GLU: ElementwiseActivation {
    public init(dim: Int = -1) { super.init("dim=\(dim)") { Functional.glu($0, dim: dim) } }
}

/// Leaky ReLU with learned slopes, PyTorch's `nn.PReLU` (`weight` starts at `initial`).
public final class PReLU: Module {
    public let numParameters: Int
    public let weight: Parameter

    public init(numParameters: Int = 1, initial: Double = 0.25, dtype: DType = .float32) {
        self.numParameters = numParameters
        weight = Parameter(Torch.full([numParameters], initial, dtype: dtype))
        super.init()
    }

    public override func forward(_ input: Tensor) -> Tensor { Functional.prelu(input, weight: weight) }
    public override func extraRepr() -> String { "num_parameters=\(numParameters)" }
}

/// Randomised leaky ReLU, PyTorch's `nn.RReLU` (random slopes in training, their mean in evaluation).
public final class RReLU: Module {
    public let lower: Double
    public let upper: Double
    public let inplace: Bool

    public init(lower: Double = 1.0 / 8, upper: Double = 1.0 / 3, inplace: Bool = false) {
        self.lower = lower
        self.upper = upper
        self.inplace = inplace
        super.init()
    }

    public override func forward(_ input: Tensor) -> Tensor {
        Functional.rrelu(input, lower: lower, upper: upper, training: training, inplace: inplace)
    }

    public override func extraRepr() -> String {
        "lower=\(Module.pythonRepr(lower)), upper=\(Module.pythonRepr(upper))" + (inplace ? ", inplace=True" : "")
    }
}
