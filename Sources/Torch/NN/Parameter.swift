/// A tensor that is a learnable parameter of a module, PyTorch's `nn.Parameter`.
///
/// A module finds its parameters among its stored properties: every property
/// holding a `Parameter` (or an optional one) is registered under the
/// property's name in snake_case. A parameter shares storage with the tensor it
/// was made from and requires grad by default.
///
/// ```swift
/// final class Scale: Module {
///     let weight = Parameter(Torch.ones([3]))
///     override func forward(_ x: Tensor) -> Tensor { x * weight }
/// }
/// ```
public final class Parameter: Tensor, @unchecked Sendable {
    /// Wraps `tensor`'s storage as a leaf parameter.
    public init(_ tensor: Tensor, requiresGrad: Bool = true, file: StaticString = #fileID, line: UInt = #line) {
        super.init(storage: tensor.storage, layout: tensor.layout, dtype: tensor.dtype)
        if requiresGrad { requiresGrad_(true, file: file, line: line) }
    }
}

extension Tensor {
    /// This tensor's data without autograd history, PyTorch's `.data`: it shares
    /// storage, so `p.data.normal_(0, 0.01)` changes `p` without recording.
    public var data: Tensor { detach() }
}
