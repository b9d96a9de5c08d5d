import Torch

/// Models, layers and losses run on a device: each case builds its module and
/// inputs on the given device and returns what a training step produces (the
/// output, the loss's gradients of every input and parameter), so the meta run
/// can be compared with the CPU run of the same code.
enum MetaDeviceCases {
    typealias Case = @Sendable (Device) -> [Tensor]

    /// Runs `module` on `inputs`, sums the output into a loss and returns the
    /// output, then the gradient of each input and each parameter.
    static func step(_ module: Module, _ inputs: [Tensor], on device: Device,
                     forward: ((Module, [Tensor]) -> Tensor)? = nil) -> [Tensor] {
        module.to(device)
        let xs = inputs.map { $0.to(device).detach().requiresGrad_($0.dtype.isFloatingPoint) }
        let out = forward.map { $0(module, xs) } ?? module(xs[0])
        out.sum().backward()
        return [out] + xs.compactMap(\.grad) + module.parameters().compactMap(\.grad)
    }

    /// `body` of inputs moved to `device`, summed and differentiated: the output and each input's gradient.
    static func op(_ inputs: [Tensor], on device: Device, _ body: ([Tensor]) -> Tensor) -> [Tensor] {
        let xs = inputs.map { $0.to(device).detach().requiresGrad_($0.dtype.isFloatingPoint) }
        let out = body(xs)
        if out.dtype.isFloatingPoint && out.requiresGrad { out.sum().backward() }
        return [out] + xs.compactMap(\.grad)
    }

    static func x(_ shape: [Int]) -> Tensor { Torch.randn(shape) }

    static let all: [String: Case] = [
        "Linear": { step(Linear(4, 3), [x([2, 4])], on: $0) },
        "Bilinear": { step(Bilinear(3, 4, 2), [x([5, 3]), x([5, 4])], on: $0) { m, xs in (m as! Bilinear)(xs[0], xs[1]) } },
        "Conv1d": { step(Conv1d(2, 3, kernelSize: 3), [x([1, 2, 8])], on: $0) },
        "Conv2d": { step(Conv2d(3, 4, kernelSize: 3, stride: 2, padding: 1), [x([2, 3, 8, 8])], on: $0) },
        "Conv3d": { step(Conv3d(1, 2, kernelSize: 2), [x([1, 1, 4, 4, 4])], on: $0) },
        "ConvTranspose2d": { step(ConvTranspose2d(3, 2, kernelSize: 3, stride: 2), [x([1, 3, 4, 4])], on: $0) },
        "BatchNorm1d": { step(BatchNorm1d(4), [x([6, 4])], on: $0) },
        "BatchNorm2d": { step(BatchNorm2d(3), [x([2, 3, 4, 4])], on: $0) },
        "LayerNorm": { step(LayerNorm([4]), [x([2, 3, 4])], on: $0) },
        "GroupNorm": { step(GroupNorm(2, 4), [x([2, 4, 3])], on: $0) },
        "InstanceNorm2d": { step(InstanceNorm2d(3), [x([2, 3, 4, 4])], on: $0) },
        "MaxPool2d": { step(MaxPool2d(2), [x([1, 2, 6, 6])], on: $0) },
        "AvgPool2d": { step(AvgPool2d(2), [x([1, 2, 6, 6])], on: $0) },
        "AdaptiveAvgPool2d": { step(AdaptiveAvgPool2d([1, 1]), [x([1, 2, 5, 5])], on: $0) },
        "AdaptiveMaxPool2d": { step(AdaptiveMaxPool2d([2, 2]), [x([1, 2, 5, 5])], on: $0) },
        "ReLU": { step(ReLU(), [x([3, 4])], on: $0) },
        "Sigmoid": { step(Sigmoid(), [x([3, 4])], on: $0) },
        "Tanh": { step(Tanh(), [x([3, 4])], on: $0) },
        "GELU": { step(GELU(), [x([3, 4])], on: $0) },
        "LeakyReLU": { step(LeakyReLU(), [x([3, 4])], on: $0) },
        "Softmax": { step(Softmax(dim: 1), [x([3, 4])], on: $0) },
        "LogSoftmax": { step(LogSoftmax(dim: 1), [x([3, 4])], on: $0) },
        "Dropout (eval)": { step(Dropout(0.5).eval(), [x([3, 4])], on: $0) },
        "Flatten": { step(Flatten(), [x([2, 3, 4])], on: $0) },
        "Embedding": { step(Embedding(10, 3), [Torch.randint(0, 10, [2, 5])], on: $0) },
        "RNN": { step(RNN(3, 4), [x([5, 2, 3])], on: $0) { m, xs in (m as! RNN)(xs[0]).output } },
        "LSTM": { step(LSTM(3, 4), [x([5, 2, 3])], on: $0) { m, xs in (m as! LSTM)(xs[0]).output } },
        "GRU": { step(GRU(3, 4), [x([5, 2, 3])], on: $0) { m, xs in (m as! GRU)(xs[0]).output } },
        "MultiheadAttention": {
            step(MultiheadAttention(4, 2), [x([3, 2, 4])], on: $0) { m, xs in
                (m as! MultiheadAttention)(xs[0], xs[0], xs[0]).output
            }
        },
        "TransformerEncoderLayer": { step(TransformerEncoderLayer(8, 2, dimFeedforward: 16, dropout: 0), [x([3, 2, 8])], on: $0) },
        "MSELoss": { step(MSELoss(), [x([4, 3]), x([4, 3])], on: $0) { m, xs in (m as! MSELoss)(xs[0], xs[1]) } },
        "CrossEntropyLoss": {
            step(CrossEntropyLoss(), [x([4, 5]), Torch.randint(0, 5, [4])], on: $0) { m, xs in (m as! CrossEntropyLoss)(xs[0], xs[1]) }
        },
        "NLLLoss": {
            step(NLLLoss(), [x([4, 5]).logSoftmax(dim: 1), Torch.randint(0, 5, [4])], on: $0) { m, xs in (m as! NLLLoss)(xs[0], xs[1]) }
        },
        "BCEWithLogitsLoss": {
            step(BCEWithLogitsLoss(), [x([4]), Torch.rand([4])], on: $0) { m, xs in (m as! BCEWithLogitsLoss)(xs[0], xs[1]) }
        },
        "L1Loss": { step(L1Loss(), [x([4, 3]), x([4, 3])], on: $0) { m, xs in (m as! L1Loss)(xs[0], xs[1]) } },
        "max/min/argmax": { op([x([3, 4])], on: $0) { $0[0].max(dim: 1).values + $0[0].min(dim: 1).values + $0[0].argmax(dim: 1).to($0[0].dtype) } },
        "amax": { op([x([3, 4])], on: $0) { $0[0].amax(dims: [0]) } },
        "sort/topk": { op([x([3, 5])], on: $0) { $0[0].sort(dim: 1).values.sum(dim: 1) + $0[0].topk(2).values.sum(dim: 1) } },
        "cumsum/cumprod": { op([x([3, 4])], on: $0) { $0[0].cumsum(dim: 1) + $0[0].cumprod(dim: 1) } },
        "prod": { op([x([3, 4])], on: $0) { $0[0].prod(dim: 1) } },
        "var/std": { op([x([3, 4])], on: $0) { $0[0].var(dims: [1]) + $0[0].std(dims: [1]) } },
        "norm": { op([x([3, 4])], on: $0) { $0[0].norm(p: 3, dims: [1]) } },
        "logsumexp": { op([x([3, 4])], on: $0) { $0[0].logsumexp(dims: [1]) } },
        "all/any": { op([x([3, 4])], on: $0) { $0[0].gt(0).all(dim: 1).logicalOr($0[0].gt(0).any(dim: 1)) } },
        "cat/stack/flip": { op([x([2, 3]), x([2, 3])], on: $0) { Torch.cat([$0[0], $0[1]], dim: 0).flip([0]) + Torch.stack([$0[0], $0[1]]).reshape([4, 3]) } },
        "indexing": { op([x([4, 5])], on: $0) { $0[0][Tensor([0, 2], device: $0[0].device)].t().matmul($0[0].narrow(0, 1, 2)) } },
        "gather/scatter": {
            op([x([3, 4])], on: $0) { xs in
                let idx = Tensor([[0, 1], [2, 3], [1, 1]], device: xs[0].device)
                return xs[0].gather(1, idx).sum(dim: 1) + Torch.zerosLike(xs[0]).scatter(1, idx, xs[0].narrow(1, 0, 2)).sum(dim: 1)
            }
        },
        "interpolate/pad": {
            op([x([1, 2, 4, 4])], on: $0) { xs in
                Functional.interpolate(xs[0], scaleFactor: [2, 2], mode: "bilinear").sum(dims: [2, 3])
                    + Functional.pad(xs[0], [1, 1, 2, 2], mode: "reflect").sum(dims: [2, 3])
            }
        },
        "linalg inv/det/solve": {
            op([x([2, 3, 3]) + Torch.eye(3) * 4, x([2, 3, 2])], on: $0) { xs in
                Torch.linalg.inv(xs[0]).matmul(xs[1]) + Torch.linalg.solve(xs[0], xs[1])
                    + Torch.linalg.det(xs[0]).reshape([2, 1, 1])
            }
        },
        "one_hot": {
            op([Torch.randint(0, 4, [2, 3])], on: $0) { Functional.oneHot($0[0], numClasses: 4).to(.float32) }
        },
        "BCELoss": { step(BCELoss(), [Torch.rand([4]), Torch.rand([4])], on: $0) { m, xs in (m as! BCELoss)(xs[0].sigmoid(), xs[1]) } },
        "MaxUnpool2d": {
            op([x([1, 2, 4, 4])], on: $0) { xs in
                let (pooled, indices) = Functional.maxPool2dWithIndices(xs[0], kernelSize: 2)
                return Functional.maxUnpool2d(pooled, indices, kernelSize: 2)
            }
        },
        "SmoothL1Loss": { step(SmoothL1Loss(), [x([4, 3]), x([4, 3])], on: $0) { m, xs in (m as! SmoothL1Loss)(xs[0], xs[1]) } },
    ]
}
