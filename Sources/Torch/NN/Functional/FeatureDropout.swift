extension Functional {
    /// Zeroes whole channels (dim 1 of `[N, C, L]`, or dim 0 of `[C, L]`), PyTorch's `F.dropout1d`.
    ///
    /// The mask is `bernoulli_(1 - p)` on a `[N, C, 1]` tensor, divided by `1 - p`, as PyTorch draws it.
    public static func dropout1d(_ input: Tensor, p: Double = 0.5, training: Bool = true, inplace: Bool = false,
                                 generator: Generator? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(input.ndim == 2 || input.ndim == 3, "dropout1d: Expected 2D or 3D input, but received a \(input.ndim)D input. Note that dropout1d exists to provide channel-wise dropout on inputs with 1 spatial dimension, a channel dimension, and an optional batch dimension (i.e. 2D or 3D inputs).", file: file, line: line)
        return featureDropout(input, p: p, training: training, inplace: inplace, alpha: false, unbatched: input.ndim == 2,
                              generator: generator, file: file, line: line)
    }

    /// Zeroes whole channels of `[N, C, H, W]`, PyTorch's `F.dropout2d`.
    ///
    /// Other ranks are treated as PyTorch does (with its warning): dim 1 is the channel dim.
    public static func dropout2d(_ input: Tensor, p: Double = 0.5, training: Bool = true, inplace: Bool = false,
                                 generator: Generator? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        featureDropout(input, p: p, training: training, inplace: inplace, alpha: false, unbatched: false,
                       generator: generator, file: file, line: line)
    }

    /// Zeroes whole channels of `[N, C, D, H, W]` (or `[C, D, H, W]`), PyTorch's `F.dropout3d`.
    public static func dropout3d(_ input: Tensor, p: Double = 0.5, training: Bool = true, inplace: Bool = false,
                                 generator: Generator? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        featureDropout(input, p: p, training: training, inplace: inplace, alpha: false, unbatched: input.ndim != 5,
                       generator: generator, file: file, line: line)
    }

    /// Dropout that keeps the mean and variance of SELU activations, PyTorch's `F.alpha_dropout`.
    ///
    /// Dropped elements become `-alpha'`, then an affine map restores the
    /// statistics: `out = x * a * mask + b` with PyTorch's constants.
    public static func alphaDropout(_ input: Tensor, p: Double = 0.5, training: Bool = false, inplace: Bool = false,
                                    generator: Generator? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(p >= 0 && p <= 1, "dropout probability has to be between 0 and 1, but got \(p)", file: file, line: line)
        if p == 0 || !training || input.numel() == 0 { return input }
        let noise = noGrad { Torch.empty(input.shape, device: input.device, dtype: input.dtype) }
        return alphaDropoutApply(input, noise: noise, p: p, inplace: inplace, generator: generator, file: file, line: line)
    }

    /// Alpha dropout of whole channels, PyTorch's `F.feature_alpha_dropout`.
    public static func featureAlphaDropout(_ input: Tensor, p: Double = 0.5, training: Bool = false, inplace: Bool = false,
                                           generator: Generator? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        featureDropout(input, p: p, training: training, inplace: inplace, alpha: true, unbatched: false,
                       generator: generator, file: file, line: line)
    }

    private static func featureDropout(_ input: Tensor, p: Double, training: Bool, inplace: Bool, alpha: Bool, unbatched: Bool,
                                       generator: Generator?, file: StaticString, line: UInt) -> Tensor {
        torchCheck(p >= 0 && p <= 1, "dropout probability has to be between 0 and 1, but got \(p)", file: file, line: line)
        if p == 0 || !training || input.numel() == 0 { return input }
        let x = unbatched ? input.unsqueeze(0) : input
        torchCheck(x.ndim >= 2, "Feature dropout requires at least 2 dimensions in the input", file: file, line: line)
        let maskShape = [x.shape[0], x.shape[1]] + [Int](repeating: 1, count: x.ndim - 2)
        let noise = noGrad { Torch.empty(maskShape, device: x.device, dtype: x.dtype) }
        var out: Tensor
        if alpha {
            out = alphaDropoutApply(x, noise: noise, p: p, inplace: false, generator: generator, file: file, line: line)
        } else if p == 1 {
            out = x.mul(Torch.zeros([], dtype: x.dtype), file: file, line: line)
        } else {
            noGrad {
                noise.bernoulli_(p: 1 - p, generator: generator, file: file, line: line)
                noise.div_(1 - p, file: file, line: line)
            }
            out = x.mul(noise, file: file, line: line)
        }
        if unbatched { out = out.squeeze(0) }
        return inplace ? input.copy_(out, file: file, line: line) : out
    }

    /// `x * (a * mask) + b`, where `mask` is `bernoulli_(1 - p)` drawn into `noise`.
    private static func alphaDropoutApply(_ input: Tensor, noise: Tensor, p: Double, inplace: Bool, generator: Generator?,
                                          file: StaticString, line: UInt) -> Tensor {
        if p == 1 { return input.mul(Torch.zeros([], dtype: input.dtype), file: file, line: line) }
        let alpha = 1.758_099_340_847_376_6
        let a = 1 / ((alpha * alpha * p + 1) * (1 - p)).squareRoot()
        let shift = noGrad { () -> Tensor in
            noise.bernoulli_(p: 1 - p, generator: generator, file: file, line: line)
            let b = (noise - 1) * (alpha * a) + alpha * a * p
            noise.mul_(a, file: file, line: line)
            return b
        }
        let out = input.mul(noise, file: file, line: line).add(shift, file: file, line: line)
        return inplace ? input.copy_(out, file: file, line: line) : out
    }
}
