/// Batch normalisation over the channel dim, PyTorch's `nn.BatchNorm1d/2d/3d`.
///
/// Parameters `weight` (ones) and `bias` (zeros) when `affine`; buffers
/// `running_mean`, `running_var` and `num_batches_tracked` when
/// `trackRunningStats`. Training mode normalises with batch statistics and
/// updates the running ones; evaluation mode uses the running ones.
public class BatchNormModule: Module {
    public let numFeatures: Int
    public let eps: Double
    /// nil means a cumulative moving average, as PyTorch's `momentum=None`.
    public let momentum: Double?
    public let affine: Bool
    public let trackRunningStats: Bool
    public let weight: Parameter?
    public let bias: Parameter?
    let expectedDims: [Int]

    init(_ numFeatures: Int, eps: Double, momentum: Double?, affine: Bool, trackRunningStats: Bool,
         expectedDims: [Int], dtype: DType) {
        self.numFeatures = numFeatures
        self.eps = eps
        self.momentum = momentum
        self.affine = affine
        self.trackRunningStats = trackRunningStats
        self.expectedDims = expectedDims
        weight = affine ? Parameter(Torch.ones([numFeatures], dtype: dtype)) : nil
        bias = affine ? Parameter(Torch.zeros([numFeatures], dtype: dtype)) : nil
        super.init()
        if trackRunningStats {
            registerBuffer("running_mean", Torch.zeros([numFeatures], dtype: dtype))
            registerBuffer("running_var", Torch.ones([numFeatures], dtype: dtype))
            registerBuffer("num_batches_tracked", Torch.zeros([], dtype: .int64))
        }
    }

    public override func forward(_ input: Tensor) -> Tensor {
        checkInput(input)
        var factor = momentum ?? 0
        if training && trackRunningStats, let tracked = buffer("num_batches_tracked") {
            Torch.noGrad { tracked.add_(1) }
            if momentum == nil { factor = 1 / tracked.item() }
        }
        let useBatchStats = training || !trackRunningStats
        return Functional.batchNorm(input, runningMean: buffer("running_mean"), runningVar: buffer("running_var"),
                                    weight: weight, bias: bias, training: useBatchStats, momentum: factor, eps: eps)
    }

    func checkInput(_ input: Tensor, file: StaticString = #fileID, line: UInt = #line) {
        if !expectedDims.contains(input.ndim) {
            let expected = expectedDims.count == 2 ? "2D or 3D" : "\(expectedDims[0])D"
            torchFail("expected \(expected) input (got \(input.ndim)D input)", file: file, line: line)
        }
    }

    public override func extraRepr() -> String {
        "\(numFeatures), eps=\(Module.pythonRepr(eps)), momentum=\(momentum.map { Module.pythonRepr($0) } ?? "None"), affine=\(Module.pythonRepr(affine)), bias=\(Module.pythonRepr(bias != nil)), track_running_stats=\(Module.pythonRepr(trackRunningStats))"
    }
}

/// PyTorch's `nn.BatchNorm1d`, for [N, C] or [N, C, L] input.
public final class BatchNorm1d: BatchNormModule {
    public init(_ numFeatures: Int, eps: Double = 1e-5, momentum: Double? = 0.1, affine: Bool = true,
                trackRunningStats: Bool = true, dtype: DType = .float32) {
        super.init(numFeatures, eps: eps, momentum: momentum, affine: affine, trackRunningStats: trackRunningStats,
                   expectedDims: [2, 3], dtype: dtype)
    }
}

/// PyTorch's `nn.BatchNorm2d`, for [N, C, H, W] input.
public final class BatchNorm2d: BatchNormModule {
    public init(_ numFeatures: Int, eps: Double = 1e-5, momentum: Double? = 0.1, affine: Bool = true,
                trackRunningStats: Bool = true, dtype: DType = .float32) {
        super.init(numFeatures, eps: eps, momentum: momentum, affine: affine, trackRunningStats: trackRunningStats,
                   expectedDims: [4], dtype: dtype)
    }
}

/// PyTorch's `nn.BatchNorm3d`, for [N, C, D, H, W] input.
public final class BatchNorm3d: BatchNormModule {
    public init(_ numFeatures: Int, eps: Double = 1e-5, momentum: Double? = 0.1, affine: Bool = true,
                trackRunningStats: Bool = true, dtype: DType = .float32) {
        super.init(numFeatures, eps: eps, momentum: momentum, affine: affine, trackRunningStats: trackRunningStats,
                   expectedDims: [5], dtype: dtype)
    }
}

/// Instance normalisation, PyTorch's `nn.InstanceNorm1d/2d/3d` (no affine and no running stats by default).
public class InstanceNormModule: BatchNormModule {
    public override func forward(_ input: Tensor) -> Tensor {
        Functional.instanceNorm(input, runningMean: buffer("running_mean"), runningVar: buffer("running_var"),
                                weight: weight, bias: bias, useInputStats: training || !trackRunningStats,
                                momentum: momentum ?? 0.1, eps: eps)
    }
}

/// PyTorch's `nn.InstanceNorm1d`.
public final class InstanceNorm1d: InstanceNormModule {
    public init(_ numFeatures: Int, eps: Double = 1e-5, momentum: Double = 0.1, affine: Bool = false,
                trackRunningStats: Bool = false, dtype: DType = .float32) {
        super.init(numFeatures, eps: eps, momentum: momentum, affine: affine, trackRunningStats: trackRunningStats,
                   expectedDims: [2, 3], dtype: dtype)
    }
}

/// PyTorch's `nn.InstanceNorm2d`.
public final class InstanceNorm2d: InstanceNormModule {
    public init(_ numFeatures: Int, eps: Double = 1e-5, momentum: Double = 0.1, affine: Bool = false,
                trackRunningStats: Bool = false, dtype: DType = .float32) {
        super.init(numFeatures, eps: eps, momentum: momentum, affine: affine, trackRunningStats: trackRunningStats,
                   expectedDims: [3, 4], dtype: dtype)
    }
}

/// PyTorch's `nn.InstanceNorm3d`.
public final class InstanceNorm3d: InstanceNormModule {
    public init(_ numFeatures: Int, eps: Double = 1e-5, momentum: Double = 0.1, affine: Bool = false,
                trackRunningStats: Bool = false, dtype: DType = .float32) {
        super.init(numFeatures, eps: eps, momentum: momentum, affine: affine, trackRunningStats: trackRunningStats,
                   expectedDims: [4, 5], dtype: dtype)
    }
}

/// Normalisation over the trailing dims, PyTorch's `nn.LayerNorm`.
public final class LayerNorm: Module {
    public let normalizedShape: [Int]
    public let eps: Double
    public let elementwiseAffine: Bool
    public let weight: Parameter?
    public let bias: Parameter?

    public init(_ normalizedShape: [Int], eps: Double = 1e-5, elementwiseAffine: Bool = true, bias: Bool = true,
                dtype: DType = .float32) {
        self.normalizedShape = normalizedShape
        self.eps = eps
        self.elementwiseAffine = elementwiseAffine
        weight = elementwiseAffine ? Parameter(Torch.ones(normalizedShape, dtype: dtype)) : nil
        self.bias = elementwiseAffine && bias ? Parameter(Torch.zeros(normalizedShape, dtype: dtype)) : nil
        super.init()
    }

    /// Normalises over the last dim of this size.
    public convenience init(_ size: Int, eps: Double = 1e-5, elementwiseAffine: Bool = true, bias: Bool = true) {
        self.init([size], eps: eps, elementwiseAffine: elementwiseAffine, bias: bias)
    }

    public override func forward(_ input: Tensor) -> Tensor {
        Functional.layerNorm(input, normalizedShape: normalizedShape, weight: weight, bias: bias, eps: eps)
    }

    public override func extraRepr() -> String {
        "\(pythonTuple(normalizedShape)), eps=\(Module.pythonRepr(eps)), elementwise_affine=\(Module.pythonRepr(elementwiseAffine)), bias=\(Module.pythonRepr(bias != nil))"
    }
}

/// Normalisation over groups of channels, PyTorch's `nn.GroupNorm`.
public final class GroupNorm: Module {
    public let numGroups: Int
    public let numChannels: Int
    public let eps: Double
    public let affine: Bool
    public let weight: Parameter?
    public let bias: Parameter?

    public init(_ numGroups: Int, _ numChannels: Int, eps: Double = 1e-5, affine: Bool = true, dtype: DType = .float32,
                file: StaticString = #fileID, line: UInt = #line) {
        torchCheck(numChannels % numGroups == 0, "num_channels must be divisible by num_groups", file: file, line: line)
        self.numGroups = numGroups
        self.numChannels = numChannels
        self.eps = eps
        self.affine = affine
        weight = affine ? Parameter(Torch.ones([numChannels], dtype: dtype)) : nil
        bias = affine ? Parameter(Torch.zeros([numChannels], dtype: dtype)) : nil
        super.init()
    }

    public override func forward(_ input: Tensor) -> Tensor {
        Functional.groupNorm(input, numGroups: numGroups, weight: weight, bias: bias, eps: eps)
    }

    public override func extraRepr() -> String {
        "\(numGroups), \(numChannels), eps=\(Module.pythonRepr(eps)), affine=\(Module.pythonRepr(affine)), bias=\(Module.pythonRepr(bias != nil))"
    }
}
