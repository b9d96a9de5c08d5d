// Gradient clipping and parameter flattening, PyTorch's torch.nn.utils helpers.

/// Scales the gradients of `params` so their combined norm is at most `maxNorm`,
/// PyTorch's `torch.nn.utils.clip_grad_norm_`; returns the total norm before clipping.
///
/// The total norm is the `normType`-norm of the per-gradient norms (the largest
/// magnitude for `.infinity`); gradients are multiplied by
/// `min(1, maxNorm / (total + 1e-6))`. Parameters without a gradient are skipped.
///
/// ```swift
/// loss.backward()
/// let norm = clipGradNorm_(model.parameters(), maxNorm: 1.0)
/// optimizer.step()
/// ```
@discardableResult
public func clipGradNorm_(
    _ params: [Tensor], maxNorm: Double, normType: Double = 2, errorIfNonfinite: Bool = false,
    file: StaticString = #fileID, line: UInt = #line
) -> Tensor {
    let grads = params.compactMap(\.grad)
    if grads.isEmpty { return Torch.zeros([]) }
    return noGrad {
        let norms = grads.map { $0.detach().norm(p: normType, file: file, line: line) }
        let total = Torch.stack(norms).norm(p: normType, file: file, line: line)
        if errorIfNonfinite {
            let value = total.item()
            torchCheck(value.isFinite,
                       "The total norm of order \(optimFloatRepr(normType)) for gradients from `parameters` is non-finite, so it cannot be clipped. To disable this error and scale the gradients by the non-finite norm anyway, set `error_if_nonfinite=False`",
                       file: file, line: line)
        }
        let coefficient = (maxNorm / (total + 1e-6)).clamp(max: 1.0)
        for g in grads { _ = g.mul_(coefficient.to(g.dtype)) }
        return total
    }
}

/// Clamps every gradient of `params` into `[-clipValue, clipValue]` in place,
/// PyTorch's `torch.nn.utils.clip_grad_value_`.
public func clipGradValue_(_ params: [Tensor], clipValue: Double,
                           file: StaticString = #fileID, line: UInt = #line) {
    noGrad {
        for p in params {
            guard let g = p.grad else { continue }
            _ = g.clamp_(min: -clipValue, max: clipValue, file: file, line: line)
        }
    }
}

/// The parameters flattened and joined into one vector, PyTorch's
/// `torch.nn.utils.parameters_to_vector`.
public func parametersToVector(_ params: [Tensor], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Torch.cat(params.map { $0.reshape([-1], file: file, line: line) }, file: file, line: line)
}

/// Copies consecutive slices of `vector` into the parameters, PyTorch's
/// `torch.nn.utils.vector_to_parameters`.
///
/// PyTorch rebinds each parameter's `.data`; here the values are copied into the
/// parameters' own storage, so views and optimizers holding them see the change.
public func vectorToParameters(_ vector: Tensor, _ params: [Tensor],
                               file: StaticString = #fileID, line: UInt = #line) {
    let total = params.reduce(0) { $0 + $1.numel() }
    torchCheck(vector.ndim == 1 && vector.numel() == total,
               "shape '[\(total)]' is invalid for input of size \(vector.numel())", file: file, line: line)
    noGrad {
        var offset = 0
        for p in params {
            let n = p.numel()
            _ = p.copy_(vector.detach().narrow(0, offset, n).view(p.shape), file: file, line: line)
            offset += n
        }
    }
}
