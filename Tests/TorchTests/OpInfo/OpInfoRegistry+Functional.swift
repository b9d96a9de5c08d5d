import Foundation
import Torch

extension OpInfoRegistry {
    // MARK: activations and softmax

    static func registerActivations(_ r: inout [String: Body]) {
        func noInplace(_ c: OpInfoCall) throws {
            if try c.bool("inplace", default: false) { throw OpInfoUnsupported("inplace=True") }
        }
        r["nn.functional.relu"] = { c in try noInplace(c); return [Functional.relu(try c.input)] }
        r["nn.functional.relu6"] = { c in try noInplace(c); return [Functional.relu6(try c.input)] }
        r["nn.functional.elu"] = { c in
            try noInplace(c); return [Functional.elu(try c.input, alpha: try c.double("alpha", default: 1))]
        }
        r["nn.functional.selu"] = { c in try noInplace(c); return [Functional.selu(try c.input)] }
        r["nn.functional.celu"] = { c in
            try noInplace(c); return [Functional.celu(try c.input, alpha: try c.double("alpha", default: 1))]
        }
        r["nn.functional.gelu"] = { c in
            [Functional.gelu(try c.input, approximate: try c.string("approximate") ?? "none")]
        }
        r["nn.functional.silu"] = { c in try noInplace(c); return [Functional.silu(try c.input)] }
        r["nn.functional.mish"] = { c in try noInplace(c); return [Functional.mish(try c.input)] }
        r["nn.functional.softplus"] = { c in
            [Functional.softplus(try c.input, beta: try c.double("beta", default: 1), threshold: try c.double("threshold", default: 20))]
        }
        r["nn.functional.softshrink"] = { c in [Functional.softshrink(try c.input, lambd: try c.double("lambd", default: 0.5))] }
        r["nn.functional.hardshrink"] = { c in [Functional.hardshrink(try c.input, lambd: try c.double("lambd", default: 0.5))] }
        r["nn.functional.hardtanh"] = { c in
            try noInplace(c)
            return [Functional.hardtanh(try c.input, minVal: try c.double("min_val", default: -1), maxVal: try c.double("max_val", default: 1))]
        }
        r["nn.functional.hardsigmoid"] = { c in try noInplace(c); return [Functional.hardsigmoid(try c.input)] }
        r["nn.functional.hardswish"] = { c in try noInplace(c); return [Functional.hardswish(try c.input)] }
        r["nn.functional.leaky_relu"] = { c in
            try noInplace(c)
            return [Functional.leakyRelu(try c.input, negativeSlope: try c.double("negative_slope", default: 0.01))]
        }
        r["nn.functional.logsigmoid"] = unary { Functional.logsigmoid($0) }
        r["nn.functional.softsign"] = unary { Functional.softsign($0) }
        r["nn.functional.tanhshrink"] = unary { Functional.tanhshrink($0) }
        r["nn.functional.threshold"] = { c in
            try noInplace(c)
            guard let t = try c.double("threshold"), let v = try c.double("value") else { throw OpInfoUnsupported("threshold/value") }
            return [Functional.threshold(try c.input, threshold: t, value: v)]
        }
        r["nn.functional.glu"] = { c in [Functional.glu(try c.input, dim: try c.int("dim", default: -1))] }
        r["nn.functional.prelu"] = { c in [Functional.prelu(try c.input, weight: try c.requiredTensor("weight"))] }
        let softmax: Body = { c in [try c.input.softmax(dim: try c.int("dim", default: -1), dtype: try c.dtypeArg("dtype"))] }
        r["softmax"] = softmax
        r["softmax.with_dtype"] = softmax
        let logSoftmax: Body = { c in [try c.input.logSoftmax(dim: try c.int("dim", default: -1), dtype: try c.dtypeArg("dtype"))] }
        r["log_softmax"] = logSoftmax
        r["log_softmax.with_dtype"] = logSoftmax
        let softmin: Body = { c in [Functional.softmin(try c.input, dim: try c.int("dim", default: -1), dtype: try c.dtypeArg("dtype"))] }
        r["nn.functional.softmin"] = softmin
        r["nn.functional.softmin.with_dtype"] = softmin
    }

    // MARK: layers as functions

    static func registerLayers(_ r: inout [String: Body]) {
        r["nn.functional.linear"] = { c in
            [Functional.linear(try c.input, weight: try c.requiredTensor("weight"), bias: try c.tensor("bias"))]
        }
        r["nn.functional.bilinear"] = { c in
            [Functional.bilinear(try c.input, try c.requiredTensor("input2"), weight: try c.requiredTensor("weight"),
                                 bias: try c.tensor("bias"))]
        }
        typealias Conv = (Tensor, Tensor, Tensor?, IntOrTuple, ConvPadding, IntOrTuple, Int) -> Tensor
        func conv(_ f: @escaping Conv) -> Body {
            { c in
                let padding: ConvPadding
                switch c.arg("padding") {
                case .string(let s)?: padding = ConvPadding(s)
                case let a?: padding = .explicit(IntOrTuple(try OpInfoCall.ints(a, "padding")))
                case nil: padding = 0
                }
                return [f(try c.input, try c.requiredTensor("weight"), try c.tensor("bias"),
                          try intOrTuple(c, "stride") ?? 1, padding, try intOrTuple(c, "dilation") ?? 1,
                          try c.int("groups", default: 1))]
            }
        }
        r["nn.functional.conv1d"] = conv { Functional.conv1d($0, $1, bias: $2, stride: $3, padding: $4, dilation: $5, groups: $6) }
        r["nn.functional.conv2d"] = conv { Functional.conv2d($0, $1, bias: $2, stride: $3, padding: $4, dilation: $5, groups: $6) }
        r["nn.functional.conv3d"] = conv { Functional.conv3d($0, $1, bias: $2, stride: $3, padding: $4, dilation: $5, groups: $6) }
        typealias ConvT = (Tensor, Tensor, Tensor?, IntOrTuple, IntOrTuple, IntOrTuple, Int, IntOrTuple) -> Tensor
        func convTranspose(_ f: @escaping ConvT) -> Body {
            { c in
                [f(try c.input, try c.requiredTensor("weight"), try c.tensor("bias"), try intOrTuple(c, "stride") ?? 1,
                   try intOrTuple(c, "padding") ?? 0, try intOrTuple(c, "output_padding") ?? 0, try c.int("groups", default: 1),
                   try intOrTuple(c, "dilation") ?? 1)]
            }
        }
        r["nn.functional.conv_transpose1d"] = convTranspose {
            Functional.convTranspose1d($0, $1, bias: $2, stride: $3, padding: $4, outputPadding: $5, groups: $6, dilation: $7)
        }
        r["nn.functional.conv_transpose2d"] = convTranspose {
            Functional.convTranspose2d($0, $1, bias: $2, stride: $3, padding: $4, outputPadding: $5, groups: $6, dilation: $7)
        }
        r["nn.functional.conv_transpose3d"] = convTranspose {
            Functional.convTranspose3d($0, $1, bias: $2, stride: $3, padding: $4, outputPadding: $5, groups: $6, dilation: $7)
        }

        // Pooling. An empty stride tuple means "the kernel size", as None does.
        func stride(_ c: OpInfoCall) throws -> IntOrTuple? {
            guard let s = try c.ints("stride"), !s.isEmpty else { return nil }
            return IntOrTuple(s)
        }
        r["nn.functional.avg_pool1d"] = { c in
            if c.has("divisor_override") { throw OpInfoUnsupported("avg_pool1d has no divisor_override") }
            return [Functional.avgPool1d(try c.input, kernelSize: try intOrTuple(c, "kernel_size") ?? 1, stride: try stride(c),
                                         padding: try intOrTuple(c, "padding") ?? 0, ceilMode: try c.bool("ceil_mode", default: false),
                                         countIncludePad: try c.bool("count_include_pad", default: true))]
        }
        r["nn.functional.avg_pool2d"] = { c in
            [Functional.avgPool2d(try c.input, kernelSize: try intOrTuple(c, "kernel_size") ?? 1, stride: try stride(c),
                                  padding: try intOrTuple(c, "padding") ?? 0, ceilMode: try c.bool("ceil_mode", default: false),
                                  countIncludePad: try c.bool("count_include_pad", default: true),
                                  divisorOverride: try c.int("divisor_override"))]
        }
        r["nn.functional.avg_pool3d"] = { c in
            [Functional.avgPool3d(try c.input, kernelSize: try intOrTuple(c, "kernel_size") ?? 1, stride: try stride(c),
                                  padding: try intOrTuple(c, "padding") ?? 0, ceilMode: try c.bool("ceil_mode", default: false),
                                  countIncludePad: try c.bool("count_include_pad", default: true),
                                  divisorOverride: try c.int("divisor_override"))]
        }
        typealias MaxPool = (Tensor, IntOrTuple, IntOrTuple?, IntOrTuple, IntOrTuple, Bool, Bool) -> [Tensor]
        func maxPool(_ f: @escaping MaxPool) -> Body {
            { c in
                [Tensor](f(try c.input, try intOrTuple(c, "kernel_size") ?? 1, try stride(c), try intOrTuple(c, "padding") ?? 0,
                           try intOrTuple(c, "dilation") ?? 1, try c.bool("ceil_mode", default: false),
                           try c.bool("return_indices", default: false)))
            }
        }
        r["nn.functional.max_pool1d"] = maxPool { x, k, s, p, d, ceil, indices in
            if indices {
                let (v, i) = Functional.maxPool1dWithIndices(x, kernelSize: k, stride: s, padding: p, dilation: d, ceilMode: ceil)
                return [v, i]
            }
            return [Functional.maxPool1d(x, kernelSize: k, stride: s, padding: p, dilation: d, ceilMode: ceil)]
        }
        r["nn.functional.max_pool2d"] = maxPool { x, k, s, p, d, ceil, indices in
            if indices {
                let (v, i) = Functional.maxPool2dWithIndices(x, kernelSize: k, stride: s, padding: p, dilation: d, ceilMode: ceil)
                return [v, i]
            }
            return [Functional.maxPool2d(x, kernelSize: k, stride: s, padding: p, dilation: d, ceilMode: ceil)]
        }
        r["nn.functional.max_pool3d"] = maxPool { x, k, s, p, d, ceil, indices in
            if indices {
                let (v, i) = Functional.maxPool3dWithIndices(x, kernelSize: k, stride: s, padding: p, dilation: d, ceilMode: ceil)
                return [v, i]
            }
            return [Functional.maxPool3d(x, kernelSize: k, stride: s, padding: p, dilation: d, ceilMode: ceil)]
        }
        /// PyTorch's None entries keep the input's size; Swift takes the sizes themselves.
        func outputSize(_ c: OpInfoCall) throws -> IntOrTuple {
            guard let a = c.arg("output_size") else { throw OpInfoUnsupported("output_size None") }
            guard case .list(let items) = a else { return IntOrTuple(try OpInfoCall.ints(a, "output_size")) }
            let spatial = Array(try c.input.shape.suffix(items.count))
            return IntOrTuple(try items.enumerated().map { d, item in
                if case .none = item { return spatial[d] }
                return try OpInfoCall.ints(item, "output_size")[0]
            })
        }
        r["nn.functional.adaptive_avg_pool1d"] = { c in [Functional.adaptiveAvgPool1d(try c.input, outputSize: try outputSize(c))] }
        r["nn.functional.adaptive_avg_pool2d"] = { c in [Functional.adaptiveAvgPool2d(try c.input, outputSize: try outputSize(c))] }
        r["nn.functional.adaptive_avg_pool3d"] = { c in [Functional.adaptiveAvgPool3d(try c.input, outputSize: try outputSize(c))] }
        r["nn.functional.adaptive_max_pool1d"] = { c in
            let x = try c.input, size = try outputSize(c)
            if try c.bool("return_indices", default: false) {
                let (v, i) = Functional.adaptiveMaxPool1dWithIndices(x, outputSize: size)
                return [v, i]
            }
            return [Functional.adaptiveMaxPool1d(x, outputSize: size)]
        }
        r["nn.functional.adaptive_max_pool2d"] = { c in
            let x = try c.input, size = try outputSize(c)
            if try c.bool("return_indices", default: false) {
                let (v, i) = Functional.adaptiveMaxPool2dWithIndices(x, outputSize: size)
                return [v, i]
            }
            return [Functional.adaptiveMaxPool2d(x, outputSize: size)]
        }
        r["nn.functional.adaptive_max_pool3d"] = { c in
            let x = try c.input, size = try outputSize(c)
            if try c.bool("return_indices", default: false) {
                let (v, i) = Functional.adaptiveMaxPool3dWithIndices(x, outputSize: size)
                return [v, i]
            }
            return [Functional.adaptiveMaxPool3d(x, outputSize: size)]
        }
        typealias Unpool = (Tensor, Tensor, IntOrTuple, IntOrTuple?, IntOrTuple, [Int]?) -> Tensor
        func unpool(_ f: @escaping Unpool) -> Body {
            { c in
                [f(try c.input, try c.requiredTensor("indices"), try intOrTuple(c, "kernel_size") ?? 1, try stride(c),
                   try intOrTuple(c, "padding") ?? 0, try c.ints("output_size"))]
            }
        }
        r["nn.functional.max_unpool1d"] = unpool {
            Functional.maxUnpool1d($0, $1, kernelSize: $2, stride: $3, padding: $4, outputSize: $5)
        }
        r["nn.functional.max_unpool2d"] = unpool {
            Functional.maxUnpool2d($0, $1, kernelSize: $2, stride: $3, padding: $4, outputSize: $5)
        }
        r["nn.functional.max_unpool3d"] = unpool {
            Functional.maxUnpool3d($0, $1, kernelSize: $2, stride: $3, padding: $4, outputSize: $5)
        }

        // Normalisation.
        r["nn.functional.batch_norm"] = { c in
            [Functional.batchNorm(try c.input, runningMean: try c.tensor("running_mean"), runningVar: try c.tensor("running_var"),
                                  weight: try c.tensor("weight"), bias: try c.tensor("bias"),
                                  training: try c.bool("training", default: false), momentum: try c.double("momentum", default: 0.1),
                                  eps: try c.double("eps", default: 1e-5))]
        }
        r["nn.functional.layer_norm"] = { c in
            [Functional.layerNorm(try c.input, normalizedShape: try c.ints("normalized_shape") ?? [], weight: try c.tensor("weight"),
                                  bias: try c.tensor("bias"), eps: try c.double("eps", default: 1e-5))]
        }
        r["nn.functional.group_norm"] = { c in
            [Functional.groupNorm(try c.input, numGroups: try c.int("num_groups", default: 1), weight: try c.tensor("weight"),
                                  bias: try c.tensor("bias"), eps: try c.double("eps", default: 1e-5))]
        }
        r["nn.functional.instance_norm"] = { c in
            [Functional.instanceNorm(try c.input, runningMean: try c.tensor("running_mean"), runningVar: try c.tensor("running_var"),
                                     weight: try c.tensor("weight"), bias: try c.tensor("bias"),
                                     useInputStats: try c.bool("use_input_stats", default: true),
                                     momentum: try c.double("momentum", default: 0.1), eps: try c.double("eps", default: 1e-5))]
        }
        r["nn.functional.local_response_norm"] = { c in
            [Functional.localResponseNorm(try c.input, size: try c.int("size", default: 1), alpha: try c.double("alpha", default: 1e-4),
                                          beta: try c.double("beta", default: 0.75), k: try c.double("k", default: 1))]
        }
        r["nn.functional.normalize"] = { c in
            [Functional.normalize(try c.input, p: try c.double("p", default: 2), dim: try c.int("dim", default: 1),
                                  eps: try c.double("eps", default: 1e-12))]
        }
        r["nn.functional.cosine_similarity"] = { c in
            [Functional.cosineSimilarity(try c.input, try c.requiredTensor("x2"), dim: try c.int("dim", default: 1),
                                         eps: try c.double("eps", default: 1e-8))]
        }
        r["nn.functional.pairwise_distance"] = { c in
            [Functional.pairwiseDistance(try c.input, try c.requiredTensor("x2"), p: try c.double("p", default: 2),
                                         eps: try c.double("eps", default: 1e-6), keepdim: try c.bool("keepdim", default: false))]
        }
        r["nn.functional.embedding"] = { c in
            // OpInfo's embedding takes the weight as the input and the indices as the first argument.
            if c.has("max_norm") || c.has("scale_grad_by_freq") || c.has("sparse") {
                throw OpInfoUnsupported("embedding's max_norm / scale_grad_by_freq / sparse")
            }
            return [Functional.embedding(try c.requiredTensor("indices"), weight: try c.input, paddingIdx: try c.int("padding_idx"))]
        }
        r["nn.functional.one_hot"] = { c in [Functional.oneHot(try c.input, numClasses: try c.int("num_classes", default: -1))] }
        let pad: Body = { c in
            [Functional.pad(try c.input, try c.ints("pad") ?? [], mode: try c.string("mode") ?? "constant", value: try c.double("value"))]
        }
        r["nn.functional.pad.constant"] = pad
        r["nn.functional.pad.reflect"] = pad
        r["nn.functional.pad.replicate"] = pad
        r["nn.functional.pad.circular"] = pad
        let interpolate: Body = { c in
            if try c.bool("antialias", default: false) { throw OpInfoUnsupported("antialias=True") }
            return [Functional.interpolate(try c.input, size: try intOrTuple(c, "size"), scaleFactor: try c.doubles("scale_factor"),
                                           mode: try c.string("mode") ?? "nearest", alignCorners: try c.bool("align_corners"),
                                           recomputeScaleFactor: try c.bool("recompute_scale_factor"))]
        }
        for mode in ["nearest", "linear", "bilinear", "bicubic", "trilinear", "area"] {
            r["nn.functional.interpolate.\(mode)"] = interpolate
        }
        r["nn.functional.unfold"] = { c in
            [Functional.unfold(try c.input, kernelSize: try intOrTuple(c, "kernel_size") ?? 1, dilation: try intOrTuple(c, "dilation") ?? 1,
                               padding: try intOrTuple(c, "padding") ?? 0, stride: try intOrTuple(c, "stride") ?? 1)]
        }
        r["nn.functional.pixel_shuffle"] = { c in
            [Functional.pixelShuffle(try c.input, upscaleFactor: try c.int("upscale_factor", default: 1))]
        }
        r["nn.functional.pixel_unshuffle"] = { c in
            [Functional.pixelUnshuffle(try c.input, downscaleFactor: try c.int("downscale_factor", default: 1))]
        }
    }

    // MARK: losses

    static func registerLosses(_ r: inout [String: Body]) {
        func red(_ c: OpInfoCall) throws -> Reduction { try reduction(try c.string("reduction") ?? "mean") }
        r["nn.functional.mse_loss"] = { c in [Functional.mseLoss(try c.input, try c.requiredTensor("target"), reduction: try red(c))] }
        r["nn.functional.l1_loss"] = { c in [Functional.l1Loss(try c.input, try c.requiredTensor("target"), reduction: try red(c))] }
        r["nn.functional.smooth_l1_loss"] = { c in
            [Functional.smoothL1Loss(try c.input, try c.requiredTensor("target"), reduction: try red(c), beta: try c.double("beta", default: 1))]
        }
        r["nn.functional.huber_loss"] = { c in
            [Functional.huberLoss(try c.input, try c.requiredTensor("target"), reduction: try red(c), delta: try c.double("delta", default: 1))]
        }
        r["nn.functional.nll_loss"] = { c in
            [Functional.nllLoss(try c.input, try c.requiredTensor("target"), weight: try c.tensor("weight"),
                                ignoreIndex: try c.int("ignore_index", default: -100), reduction: try red(c))]
        }
        r["nn.functional.cross_entropy"] = { c in
            [Functional.crossEntropy(try c.input, try c.requiredTensor("target"), weight: try c.tensor("weight"),
                                     ignoreIndex: try c.int("ignore_index", default: -100), reduction: try red(c),
                                     labelSmoothing: try c.double("label_smoothing", default: 0))]
        }
        r["nn.functional.binary_cross_entropy"] = { c in
            [Functional.binaryCrossEntropy(try c.input, try c.requiredTensor("target"), weight: try c.tensor("weight"), reduction: try red(c))]
        }
        r["nn.functional.binary_cross_entropy_with_logits"] = { c in
            [Functional.binaryCrossEntropyWithLogits(try c.input, try c.requiredTensor("target"), weight: try c.tensor("weight"),
                                                     posWeight: try c.tensor("pos_weight"), reduction: try red(c))]
        }
        r["nn.functional.kl_div"] = { c in
            [Functional.klDiv(try c.input, try c.requiredTensor("target"), reduction: try c.string("reduction") ?? "mean",
                              logTarget: try c.bool("log_target", default: false))]
        }
        r["nn.functional.margin_ranking_loss"] = { c in
            [Functional.marginRankingLoss(try c.input, try c.requiredTensor("input2"), try c.requiredTensor("target"),
                                          margin: try c.double("margin", default: 0), reduction: try red(c))]
        }
        r["nn.functional.cosine_embedding_loss"] = { c in
            [Functional.cosineEmbeddingLoss(try c.input, try c.requiredTensor("input2"), try c.requiredTensor("target"),
                                            margin: try c.double("margin", default: 0), reduction: try red(c))]
        }
        r["nn.functional.triplet_margin_loss"] = { c in
            [Functional.tripletMarginLoss(try c.input, try c.requiredTensor("positive"), try c.requiredTensor("negative"),
                                          margin: try c.double("margin", default: 1), p: try c.double("p", default: 2),
                                          eps: try c.double("eps", default: 1e-6), swap: try c.bool("swap", default: false),
                                          reduction: try red(c))]
        }
    }
}
