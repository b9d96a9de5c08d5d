/// The shared mechanism of in-place ops (`add_`, `mul_`, `copy_`, `x[mask] = 0`, ...).
///
/// Without autograd the op's kernel writes straight into the tensor. With
/// autograd the op is computed out of place (recording its node as usual), the
/// result is copied in, and the tensor's history is rebased onto the result.
/// When the tensor is a view, its base gets a `CopySlices` node that routes the
/// gradient of the overwritten region to the new values and the rest to the
/// base's old history, as in PyTorch.
extension Tensor {
    /// Runs an in-place op.
    ///
    /// - Parameters:
    ///   - others: the other tensor inputs of the op (they may require grad).
    ///   - direct: writes the result into `self` with no autograd involved.
    ///   - outOfPlace: computes the new value of `self` as a new tensor,
    ///     recording autograd. If its backward needs the old value of `self`,
    ///     it must read a `clone()` of it, since `self` is overwritten.
    @discardableResult
    func applyInPlace(
        others: [Tensor] = [], file: StaticString, line: UInt,
        direct: () -> Void, outOfPlace: () -> Tensor
    ) -> Tensor {
        let needsGraph = GradMode.isEnabled && (requiresGrad || others.contains { $0.requiresGrad })
        guard needsGraph else {
            direct()
            bumpVersion()
            return self
        }
        checkInPlaceAllowed(file: file, line: line)
        let result = outOfPlace()
        torchCheck(result.shape == shape, "output with shape \(shapeString(shape)) doesn't match the broadcast shape \(shapeString(result.shape))", file: file, line: line)
        Dispatch.copy(from: result, srcLayout: result.layout, to: self, dstLayout: layout)
        bumpVersion()
        rebaseHistory(onto: result)
        return self
    }

    /// PyTorch refuses in-place changes of leaves that require grad (and their views).
    func checkInPlaceAllowed(file: StaticString, line: UInt) {
        guard GradMode.isEnabled else { return }
        if let base = viewBase, base.isLeaf, base.requiresGrad {
            torchFail("a view of a leaf Variable that requires grad is being used in an in-place operation.", file: file, line: line)
        }
        if viewBase == nil, isLeaf, requiresGrad {
            torchFail("a leaf Variable that requires grad is being used in an in-place operation.", file: file, line: line)
        }
    }

    /// Makes `self` (just overwritten with `result`'s values) continue `result`'s history.
    private func rebaseHistory(onto result: Tensor) {
        guard result.requiresGrad else { return }
        guard let base = viewBase else {
            let meta = autogradMeta
            meta.gradFn = result.autograd?.gradFn
            meta.outputNr = result.autograd?.outputNr ?? 0
            return
        }
        // The region of the base this view covers; `BaseRegion` maps gradients
        // between the base's shape and the view's shape for any base strides.
        let region = BaseRegion(base: base.layout, view: layout)

        let copySlices = Node(name: "CopySlices", inputs: [base, result], outputs: [base]) { ctx in
            let (rest, slice) = region.split(ctx.grad)
            return [rest, slice]
        }
        let baseMeta = base.autogradMeta
        baseMeta.gradFn = copySlices
        baseMeta.outputNr = 0

        let viewNode = Node(name: "AsStridedBackward0", inputs: [base], outputs: [self]) { ctx in
            [region.scatter(ctx.grad)]
        }
        let meta = autogradMeta
        meta.gradFn = viewNode
        meta.outputNr = 0
    }

    /// Copies the values of `src` (broadcast to this shape, cast to this dtype)
    /// into this tensor, PyTorch's `copy_`.
    @discardableResult
    public func copy_(_ src: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let target = shape
        torchCheck(broadcastShapes(src.shape, target) == target, "The size of tensor a (\(target.last ?? 1)) must match the size of tensor b (\(src.shape.last ?? 1)) at non-singleton dimension \(Swift.max(target.count - 1, 0))", file: file, line: line)
        return applyInPlace(others: [src], file: file, line: line) {
            Dispatch.copy(from: src, srcLayout: src.layout.broadcast(to: target), to: self, dstLayout: layout)
        } outOfPlace: {
            // Recorded as one node with `self` as an input, so that the
            // overwritten values stop receiving gradient even when `src`
            // needs none (x[0] = 5 on a tensor that requires grad).
            let out = noGrad { src.to(dtype).expand(target).contiguousCopy() }
            recordNode("CopyBackwards", inputs: [self, src], output: out) { ctx in
                [ctx.needsInputGrad[0] ? Torch.zerosLike(ctx.grad) : nil, ctx.needsInputGrad[1] ? ctx.grad : nil]
            }
            return out
        }
    }

    /// Sets every element to `value`, PyTorch's `fill_`.
    @discardableResult
    public func fill_<S: TensorScalar>(_ value: S, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        applyInPlace(file: file, line: line) {
            Dispatch.fill(self, layout: layout, with: value.scalar)
        } outOfPlace: {
            let out = Torch.full(shape, value, device: device, dtype: dtype)
            recordNode("FillBackward0", inputs: [self], output: out) { ctx in [Torch.zerosLike(ctx.grad)] }
            return out
        }
    }

    /// Sets every element to zero, PyTorch's `zero_`.
    @discardableResult
    public func zero_(file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        fill_(0, file: file, line: line)
    }
}
