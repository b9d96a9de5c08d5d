// Pixel shuffle and its inverse: pure reshapes and one permute; each op's
// backward is the other op.

extension Functional {
    /// `[*, C * r * r, H, W]` to `[*, C, H * r, W * r]`, PyTorch's `F.pixel_shuffle`.
    public static func pixelShuffle(_ input: Tensor, upscaleFactor r: Int, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(input.ndim >= 3,
                   "pixel_shuffle expects input to have at least 3 dimensions, but got input with \(input.ndim) dimension(s)",
                   file: file, line: line)
        torchCheck(r > 0, "pixel_shuffle expects a positive upscale_factor, but got \(r)", file: file, line: line)
        let c = input.shape[input.ndim - 3], h = input.shape[input.ndim - 2], w = input.shape[input.ndim - 1]
        torchCheck(c % (r * r) == 0,
                   "pixel_shuffle expects its input's 'channel' dimension to be divisible by the square of upscale_factor, but input.size(-3)=\(c) is not divisible by \(r * r)",
                   file: file, line: line)
        let lead = Array(input.shape.dropLast(3)), k = lead.count
        let out = noGrad {
            input.reshape(lead + [c / (r * r), r, r, h, w])
                .permute(Array(0..<k) + [k, k + 3, k + 1, k + 4, k + 2])
                .reshape(lead + [c / (r * r), h * r, w * r])
        }
        if gradNeeded(input) {
            recordNode("PixelShuffleBackward0", inputs: [input], output: out) { ctx in
                [Functional.pixelUnshuffle(ctx.grad, downscaleFactor: r)]
            }
        }
        return out
    }

    /// `[*, C, H * r, W * r]` to `[*, C * r * r, H, W]`, PyTorch's `F.pixel_unshuffle`.
    public static func pixelUnshuffle(_ input: Tensor, downscaleFactor r: Int, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(input.ndim >= 3,
                   "pixel_unshuffle expects input to have at least 3 dimensions, but got input with \(input.ndim) dimension(s)",
                   file: file, line: line)
        torchCheck(r > 0, "pixel_unshuffle expects a positive downscale_factor, but got \(r)", file: file, line: line)
        let c = input.shape[input.ndim - 3], h = input.shape[input.ndim - 2], w = input.shape[input.ndim - 1]
        torchCheck(h % r == 0, "pixel_unshuffle expects height to be divisible by downscale_factor, but input.size(-2)=\(h) is not divisible by \(r)",
                   file: file, line: line)
        torchCheck(w % r == 0, "pixel_unshuffle expects width to be divisible by downscale_factor, but input.size(-1)=\(w) is not divisible by \(r)",
                   file: file, line: line)
        let lead = Array(input.shape.dropLast(3)), k = lead.count
        let out = noGrad {
            input.reshape(lead + [c, h / r, r, w / r, r])
                .permute(Array(0..<k) + [k, k + 2, k + 4, k + 1, k + 3])
                .reshape(lead + [c * r * r, h / r, w / r])
        }
        if gradNeeded(input) {
            recordNode("PixelUnshuffleBackward0", inputs: [input], output: out) { ctx in
                [Functional.pixelShuffle(ctx.grad, upscaleFactor: r)]
            }
        }
        return out
    }
}
