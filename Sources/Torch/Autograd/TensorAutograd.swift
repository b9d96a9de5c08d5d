extension Tensor {
    /// Whether gradients are computed for this tensor, PyTorch's `requires_grad`.
    ///
    /// Setting it is only allowed on leaves of floating dtype.
    public var requiresGrad: Bool {
        get {
            guard let meta = autograd else { return false }
            return meta.requiresGrad || meta.gradFn != nil
        }
        set { setRequiresGrad(newValue, file: #fileID, line: #line) }
    }

    private func setRequiresGrad(_ value: Bool, file: StaticString, line: UInt) {
        if !isLeaf {
            torchFail("you can only change requires_grad flags of leaf variables." + (value ? "" : " If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach()."), file: file, line: line)
        }
        if value && !dtype.isFloatingPoint {
            torchFail("only Tensors of floating point and complex dtype can require gradients", file: file, line: line)
        }
        if value || autograd != nil { autogradMeta.requiresGrad = value }
    }

    /// Sets `requiresGrad` in place and returns this tensor, PyTorch's `requires_grad_()`.
    @discardableResult
    public func requiresGrad_(_ value: Bool = true, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        setRequiresGrad(value, file: file, line: line)
        return self
    }

    /// The accumulated gradient, PyTorch's `.grad`; nil until a backward pass reaches this leaf.
    public var grad: Tensor? {
        get { autograd?.grad }
        set { autogradMeta.grad = newValue }
    }

    /// Whether this tensor is a leaf of the graph: made by the user, not by an op that recorded a node.
    public var isLeaf: Bool { autograd?.gradFn == nil }

    /// PyTorch's `grad_fn` name (`MulBackward0`), or nil for leaves.
    public var gradFn: String? { autograd?.gradFn?.name }

    /// Keeps `.grad` for this non-leaf tensor after backward, PyTorch's `retain_grad()`.
    public func retainGrad(file: StaticString = #fileID, line: UInt = #line) {
        torchCheck(requiresGrad, "can't retain_grad on Tensor that has requires_grad=False", file: file, line: line)
        guard let meta = autograd, let fn = meta.gradFn, !meta.retainsGrad else { return }
        meta.retainsGrad = true
        fn.outputHooks[meta.outputNr].append { [weak self] g in
            guard let self else { return nil }
            let m = self.autogradMeta
            m.grad = m.grad.map { $0 + g } ?? noGrad { g.detach().clone() }
            return nil
        }
    }

    /// Whether `.grad` is kept for this non-leaf tensor.
    public var retainsGrad: Bool { autograd?.retainsGrad ?? false }

    /// Registers a hook that sees (and may replace) this tensor's gradient,
    /// PyTorch's `register_hook`. Return nil to leave the gradient unchanged.
    public func registerHook(file: StaticString = #fileID, line: UInt = #line, _ hook: @escaping (Tensor) -> Tensor?) {
        torchCheck(requiresGrad, "cannot register a hook on a tensor that doesn't require gradient", file: file, line: line)
        let meta = autogradMeta
        if let fn = meta.gradFn {
            fn.outputHooks[meta.outputNr].append(hook)
        } else {
            meta.leafHooks.append(hook)
        }
    }

    /// Computes the gradient of this scalar with respect to the graph's leaves
    /// and accumulates it into their `.grad`, PyTorch's `backward()`.
    ///
    /// For a non-scalar tensor pass `gradient:` (the vector in the vector-Jacobian product).
    public func backward(
        gradient: Tensor? = nil, retainGraph: Bool? = nil, createGraph: Bool = false,
        file: StaticString = #fileID, line: UInt = #line
    ) {
        let seed = Autograd.makeSeed(self, gradient, file: file, line: line)
        Engine.run(roots: [self], grads: [seed], retainGraph: retainGraph ?? createGraph,
                   createGraph: createGraph, mode: .accumulate, file: file, line: line)
    }

    /// A tensor sharing this one's storage but cut from the graph, PyTorch's `detach()`.
    public func detach() -> Tensor {
        let t = Tensor(storage: storage, layout: layout, dtype: dtype)
        t.viewBase = viewBase
        return t
    }

    /// Cuts this tensor from the graph in place, PyTorch's `detach_()`.
    @discardableResult
    public func detach_() -> Tensor {
        if let meta = autograd {
            meta.gradFn = nil
            meta.requiresGrad = false
        }
        return self
    }
}

/// Functional autograd, PyTorch's `torch.autograd`.
public enum Autograd {
    /// The gradients of `outputs` with respect to `inputs`, without touching `.grad`,
    /// PyTorch's `torch.autograd.grad`.
    ///
    /// ```swift
    /// let (dx) = Torch.autograd.grad([y], [x], createGraph: true)[0]
    /// ```
    public static func grad(
        _ outputs: [Tensor], _ inputs: [Tensor], gradOutputs: [Tensor?]? = nil,
        retainGraph: Bool? = nil, createGraph: Bool = false, allowUnused: Bool = false,
        file: StaticString = #fileID, line: UInt = #line
    ) -> [Tensor?] {
        for t in inputs {
            torchCheck(t.requiresGrad, "One of the differentiated Tensors does not require grad", file: file, line: line)
        }
        let seeds = outputs.enumerated().map { i, out in
            makeSeed(out, gradOutputs?[i] ?? nil, file: file, line: line)
        }
        let result = Engine.run(roots: outputs, grads: seeds, retainGraph: retainGraph ?? createGraph,
                                createGraph: createGraph, mode: .capture(inputs: inputs), file: file, line: line)
        if !allowUnused && result.contains(where: { $0 == nil }) {
            torchFail("One of the differentiated Tensors appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior.", file: file, line: line)
        }
        return result
    }

    static func makeSeed(_ root: Tensor, _ gradient: Tensor?, file: StaticString, line: UInt) -> Tensor {
        torchCheck(root.requiresGrad, "element 0 of tensors does not require grad and does not have a grad_fn", file: file, line: line)
        if let gradient {
            torchCheck(gradient.shape == root.shape, "Mismatch in shape: grad_output[0] has a shape of \(shapeString(gradient.shape)) and output[0] has a shape of \(shapeString(root.shape)).", file: file, line: line)
            return gradient
        }
        torchCheck(root.numel() == 1, "grad can be implicitly created only for scalar outputs", file: file, line: line)
        return Torch.onesLike(root)
    }
}

/// Namespace value so `Torch.autograd.grad(...)` reads as in PyTorch.
public let autograd = Autograd.self
