/// The base of loss modules: `criterion(prediction, target)`, PyTorch's `_Loss`.
///
/// ```swift
/// let criterion = MSELoss()
/// let loss = criterion(pred, y)
/// ```
public class Loss: Module {
    public let reduction: Reduction

    init(lossReduction reduction: Reduction) {
        self.reduction = reduction
        super.init()
    }

    /// The loss of `input` against `target`.
    public func callAsFunction(_ input: Tensor, _ target: Tensor) -> Tensor { forward(input, target) }

    /// Computes the loss; each loss overrides it.
    public func forward(_ input: Tensor, _ target: Tensor) -> Tensor {
        fatalError("Module [\(typeName)] is missing the required \"forward\" function")
    }
}

/// Mean squared error, PyTorch's `nn.MSELoss`.
public final class MSELoss: Loss {
    public init(reduction: Reduction = .mean) { super.init(lossReduction: reduction) }
    public override func forward(_ input: Tensor, _ target: Tensor) -> Tensor {
        Functional.mseLoss(input, target, reduction: reduction)
    }
}

/// Mean absolute error, PyTorch's `nn.L1Loss`.
public final class L1Loss: Loss {
    public init(reduction: Reduction = .mean) { super.init(lossReduction: reduction) }
    public override func forward(_ input: Tensor, _ target: Tensor) -> Tensor {
        Functional.l1Loss(input, target, reduction: reduction)
    }
}

/// Log-softmax plus negative log likelihood, PyTorch's `nn.CrossEntropyLoss`:
/// targets are class indices (int64) or class probabilities.
public final class CrossEntropyLoss: Loss {
    public let ignoreIndex: Int
    public let labelSmoothing: Double

    public init(weight: Tensor? = nil, ignoreIndex: Int = -100, reduction: Reduction = .mean, labelSmoothing: Double = 0) {
        self.ignoreIndex = ignoreIndex
        self.labelSmoothing = labelSmoothing
        super.init(lossReduction: reduction)
        registerBuffer("weight", weight)
    }

    public override func forward(_ input: Tensor, _ target: Tensor) -> Tensor {
        Functional.crossEntropy(input, target, weight: buffer("weight"), ignoreIndex: ignoreIndex,
                                reduction: reduction, labelSmoothing: labelSmoothing)
    }
}

/// Negative log likelihood of log-probabilities, PyTorch's `nn.NLLLoss`.
public final class NLLLoss: Loss {
    public let ignoreIndex: Int

    public init(weight: Tensor? = nil, ignoreIndex: Int = -100, reduction: Reduction = .mean) {
        self.ignoreIndex = ignoreIndex
        super.init(lossReduction: reduction)
        registerBuffer("weight", weight)
    }

    public override func forward(_ input: Tensor, _ target: Tensor) -> Tensor {
        Functional.nllLoss(input, target, weight: buffer("weight"), ignoreIndex: ignoreIndex, reduction: reduction)
    }
}

/// Binary cross entropy of probabilities, PyTorch's `nn.BCELoss`.
public final class BCELoss: Loss {
    public init(weight: Tensor? = nil, reduction: Reduction = .mean) {
        super.init(lossReduction: reduction)
        registerBuffer("weight", weight)
    }

    public override func forward(_ input: Tensor, _ target: Tensor) -> Tensor {
        Functional.binaryCrossEntropy(input, target, weight: buffer("weight"), reduction: reduction)
    }
}

/// Sigmoid plus binary cross entropy in one stable step, PyTorch's `nn.BCEWithLogitsLoss`.
public final class BCEWithLogitsLoss: Loss {
    public init(weight: Tensor? = nil, reduction: Reduction = .mean, posWeight: Tensor? = nil) {
        super.init(lossReduction: reduction)
        registerBuffer("weight", weight)
        registerBuffer("pos_weight", posWeight)
    }

    public override func forward(_ input: Tensor, _ target: Tensor) -> Tensor {
        Functional.binaryCrossEntropyWithLogits(input, target, weight: buffer("weight"), posWeight: buffer("pos_weight"),
                                                reduction: reduction)
    }
}

/// Squared error below `beta`, absolute error above, PyTorch's `nn.SmoothL1Loss`.
public final class SmoothL1Loss: Loss {
    public let beta: Double
    public init(reduction: Reduction = .mean, beta: Double = 1) { self.beta = beta; super.init(lossReduction: reduction) }
    public override func forward(_ input: Tensor, _ target: Tensor) -> Tensor {
        Functional.smoothL1Loss(input, target, reduction: reduction, beta: beta)
    }
}

/// Squared error below `delta`, scaled absolute error above, PyTorch's `nn.HuberLoss`.
public final class HuberLoss: Loss {
    public let delta: Double
    public init(reduction: Reduction = .mean, delta: Double = 1) { self.delta = delta; super.init(lossReduction: reduction) }
    public override func forward(_ input: Tensor, _ target: Tensor) -> Tensor {
        Functional.huberLoss(input, target, reduction: reduction, delta: delta)
    }
}

/// Kullback-Leibler divergence of log-probabilities, PyTorch's `nn.KLDivLoss`
/// (`reduction` is "mean", "batchmean", "sum" or "none").
public final class KLDivLoss: Loss {
    public let klReduction: String
    public let logTarget: Bool
    public init(reduction: String = "mean", logTarget: Bool = false) {
        klReduction = reduction
        self.logTarget = logTarget
        super.init(lossReduction: reduction == "sum" ? .sum : (reduction == "none" ? .none : .mean))
    }
    public override func forward(_ input: Tensor, _ target: Tensor) -> Tensor {
        Functional.klDiv(input, target, reduction: klReduction, logTarget: logTarget)
    }
}

/// The base of losses over three tensors (two inputs and a target, or anchor,
/// positive and negative): `criterion(a, b, c)`.
public class TripleInputLoss: Loss {
    /// The loss of the three tensors.
    public func callAsFunction(_ input1: Tensor, _ input2: Tensor, _ input3: Tensor,
                               file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        forward(input1, input2, input3, file: file, line: line)
    }

    /// Computes the loss; each loss overrides it.
    public func forward(_ input1: Tensor, _ input2: Tensor, _ input3: Tensor,
                        file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        fatalError("Module [\(typeName)] is missing the required \"forward\" function")
    }

    /// Stops: these losses take three tensors.
    public override func forward(_ input: Tensor, _ target: Tensor) -> Tensor {
        fatalError("\(typeName).forward() missing 1 required positional argument: call it with three tensors")
    }
}

/// `1 - cos(x1, x2)` where `y = 1`, `max(0, cos(x1, x2) - margin)` where `y = -1`,
/// PyTorch's `nn.CosineEmbeddingLoss`: `criterion(x1, x2, y)`.
public final class CosineEmbeddingLoss: TripleInputLoss {
    public let margin: Double
    public init(margin: Double = 0, reduction: Reduction = .mean) {
        self.margin = margin
        super.init(lossReduction: reduction)
    }
    public override func forward(_ input1: Tensor, _ input2: Tensor, _ target: Tensor,
                                 file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        Functional.cosineEmbeddingLoss(input1, input2, target, margin: margin, reduction: reduction, file: file, line: line)
    }
}

/// `max(0, -y * (x1 - x2) + margin)`, PyTorch's `nn.MarginRankingLoss`: `criterion(x1, x2, y)`
/// with `y` 1 where `x1` should rank higher and -1 where `x2` should.
public final class MarginRankingLoss: TripleInputLoss {
    public let margin: Double
    public init(margin: Double = 0, reduction: Reduction = .mean) {
        self.margin = margin
        super.init(lossReduction: reduction)
    }
    public override func forward(_ input1: Tensor, _ input2: Tensor, _ target: Tensor,
                                 file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        Functional.marginRankingLoss(input1, input2, target, margin: margin, reduction: reduction, file: file, line: line)
    }
}

/// `max(d(a, p) - d(a, n) + margin, 0)` with `d` the p-norm distance, PyTorch's
/// `nn.TripletMarginLoss`: `criterion(anchor, positive, negative)`.
public final class TripletMarginLoss: TripleInputLoss {
    public let margin: Double
    public let p: Double
    public let eps: Double
    public let swap: Bool
    public init(margin: Double = 1, p: Double = 2, eps: Double = 1e-6, swap: Bool = false, reduction: Reduction = .mean) {
        self.margin = margin
        self.p = p
        self.eps = eps
        self.swap = swap
        super.init(lossReduction: reduction)
    }
    public override func forward(_ anchor: Tensor, _ positive: Tensor, _ negative: Tensor,
                                 file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        Functional.tripletMarginLoss(anchor, positive, negative, margin: margin, p: p, eps: eps, swap: swap,
                                     reduction: reduction, file: file, line: line)
    }
}
