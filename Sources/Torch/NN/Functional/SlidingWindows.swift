// Differentiable im2col / col2im over 1 to 3 spatial dims: the two linear maps
// convolutions, transposed convolutions, `unfold` and `fold` are built from.
// Each is the other's adjoint, so their backward rules call each other and
// higher-order gradients come for free.

extension Tensor {
    /// `[batch, channels, *spatial]` into `[batch, channels * kernelCount, outputCount]`.
    func slidingWindowColumns(_ geometry: WindowGeometry) -> Tensor {
        let channels = shape[1]
        let work = dtype == .float32 || dtype == .float64 ? self : cast(.float32)
        let image = work.contiguous()
        let batch = shape[0]
        var cols = Tensor(uninitializedShape: [batch, channels * geometry.kernelCount, geometry.outputCount], dtype: image.dtype, device: device)
        Dispatch.im2col(image, batch: batch, channels: channels, geometry: geometry, into: cols,
                        order: .imageMajor(channels: channels, geometry))
        if work.dtype != dtype { cols = cols.cast(dtype) }
        if gradNeeded(self) {
            recordNode("Im2ColBackward0", inputs: [self], output: cols) { ctx in
                [ctx.grad.slidingWindowSum(geometry, channels: channels)]
            }
        }
        return cols
    }

    /// `[batch, channels * kernelCount, outputCount]` summed back into `[batch, channels, *image]`.
    func slidingWindowSum(_ geometry: WindowGeometry, channels: Int) -> Tensor {
        let work = dtype == .float32 || dtype == .float64 ? self : cast(.float32)
        let cols = work.contiguous()
        let batch = shape[0]
        var image = Tensor(uninitializedShape: [batch, channels] + geometry.imageShape, dtype: cols.dtype, device: device)
        Dispatch.col2im(cols, batch: batch, channels: channels, geometry: geometry, into: image,
                        order: .imageMajor(channels: channels, geometry))
        if work.dtype != dtype { image = image.cast(dtype) }
        if gradNeeded(self) {
            recordNode("Col2ImBackward0", inputs: [self], output: image) { ctx in
                [ctx.grad.slidingWindowColumns(geometry)]
            }
        }
        return image
    }
}
