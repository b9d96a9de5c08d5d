extension Functional {
    /// Local response normalization across channels, PyTorch's `F.local_response_norm`.
    ///
    /// `x / (k + alpha / size * sum(x²))^beta`, the sum over a window of `size`
    /// neighbouring channels (dim 1), zero-padded at the edges as PyTorch does
    /// (`size / 2` before, `(size - 1) / 2` after).
    public static func localResponseNorm(_ input: Tensor, size: Int, alpha: Double = 1e-4, beta: Double = 0.75, k: Double = 1,
                                         file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        torchCheck(input.ndim >= 3, "Expected 3D or higher dimensionality input (got \(input.ndim) dimensions)", file: file, line: line)
        let channels = input.shape[1]
        if input.numel() == 0 { return input }
        let squared = input * input
        var padShape = input.shape
        padShape[1] = size / 2
        let before = Torch.zeros(padShape, device: input.device, dtype: input.dtype)
        padShape[1] = (size - 1) / 2
        let after = Torch.zeros(padShape, device: input.device, dtype: input.dtype)
        let padded = Torch.cat([before, squared, after], dim: 1)
        var window = padded.narrow(1, 0, channels)
        for offset in 1..<Swift.max(size, 1) { window = window + padded.narrow(1, offset, channels) }
        let div = (window / Double(size) * alpha + k).pow(beta)
        return input / div
    }
}
