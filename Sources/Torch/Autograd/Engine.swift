/// Runs backward passes over the recorded graph.
///
/// The graph is walked from the roots in dependency order: a node runs once
/// every node that feeds it a gradient has run, and among ready nodes the one
/// created last runs first, as in PyTorch. Gradients reaching the same slot are
/// summed.
enum Engine {
    /// Where leaf gradients go: accumulated into `.grad`, or captured for
    /// `Torch.autograd.grad`.
    enum Mode {
        case accumulate
        case capture(inputs: [Tensor])
    }

    /// Runs backward from `roots` with their initial gradients. In capture mode
    /// returns the gradient of each input (nil where none reached it).
    @discardableResult
    static func run(
        roots: [Tensor], grads: [Tensor], retainGraph: Bool, createGraph: Bool, mode: Mode,
        file: StaticString, line: UInt
    ) -> [Tensor?] {
        let previousGradMode = GradMode.isEnabled
        GradMode.isEnabled = createGraph
        defer { GradMode.isEnabled = previousGradMode }

        // Inputs captured by `autograd.grad`: leaves by identity, non-leaves by (node, slot).
        var capturedLeaves: [ObjectIdentifier: Int] = [:]
        var capturedSlots: [ObjectIdentifier: [(slot: Int, index: Int)]] = [:]
        var captured: [Tensor?] = []
        if case .capture(let inputs) = mode {
            captured = Array(repeating: nil, count: inputs.count)
            for (i, t) in inputs.enumerated() {
                if let fn = t.autograd?.gradFn {
                    capturedSlots[ObjectIdentifier(fn), default: []].append((t.autograd!.outputNr, i))
                } else {
                    capturedLeaves[ObjectIdentifier(t)] = i
                }
            }
        }

        // Count, for every reachable node, how many edges lead into it.
        var dependencies: [ObjectIdentifier: Int] = [:]
        var stack: [Node] = []
        var seen: Set<ObjectIdentifier> = []
        for r in roots {
            if let fn = r.autograd?.gradFn, seen.insert(ObjectIdentifier(fn)).inserted { stack.append(fn) }
        }
        while let node = stack.popLast() {
            for edge in node.edges {
                if case .node(let next, _) = edge {
                    let id = ObjectIdentifier(next)
                    dependencies[id, default: 0] += 1
                    if seen.insert(id).inserted { stack.append(next) }
                }
            }
        }

        var buffers: [ObjectIdentifier: [Tensor?]] = [:]
        var ready: [Node] = []

        func deliver(_ grad: Tensor, to edge: Edge) {
            switch edge {
            case .none:
                break
            case .leaf(let leaf):
                if case .capture = mode {
                    if let i = capturedLeaves[ObjectIdentifier(leaf)] {
                        captured[i] = captured[i].map { $0 + grad } ?? grad
                    }
                } else {
                    accumulate(grad, into: leaf, createGraph: createGraph)
                }
            case .node(let node, let slot):
                let id = ObjectIdentifier(node)
                var buffer = buffers[id] ?? Array(repeating: nil, count: node.outputShapes.count)
                buffer[slot] = buffer[slot].map { $0 + grad } ?? grad
                buffers[id] = buffer
            }
        }

        for (root, grad) in zip(roots, grads) {
            deliver(grad, to: root.gradientEdge)
        }
        for r in roots {
            if let fn = r.autograd?.gradFn, dependencies[ObjectIdentifier(fn)] == nil, !ready.contains(where: { $0 === fn }) {
                ready.append(fn)
            }
        }

        while !ready.isEmpty {
            // The most recently created ready node runs first.
            var best = 0
            for i in 1..<ready.count where ready[i].sequenceNr > ready[best].sequenceNr { best = i }
            let node = ready.remove(at: best)
            let id = ObjectIdentifier(node)
            var outputGrads = buffers.removeValue(forKey: id) ?? Array(repeating: nil, count: node.outputShapes.count)

            for slot in 0..<outputGrads.count {
                guard var g = outputGrads[slot] else { continue }
                for hook in node.outputHooks[slot] { if let replaced = hook(g) { g = replaced } }
                outputGrads[slot] = g
                if let entries = capturedSlots[id] {
                    for e in entries where e.slot == slot { captured[e.index] = g }
                }
            }

            guard let rule = node.rule else {
                torchFail("Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.", file: file, line: line)
            }
            let saved = node.saved.map { unpack($0, node: node, file: file, line: line) }
            let grads = outputGrads.enumerated().map { slot, g in
                // A missing output gradient is zeros on the device of the ones that arrived.
                g ?? Torch.zeros(node.outputShapes[slot], device: outputGrads.lazy.compactMap { $0 }.first?.device ?? .cpu,
                                 dtype: node.outputDTypes[slot])
            }
            let needs = node.edges.map { edge -> Bool in
                if case .none = edge { return false } else { return true }
            }
            let inputGrads = rule(BackwardContext(grads: grads, saved: saved, needsInputGrad: needs))
            if !retainGraph { node.release() }

            for (i, edge) in node.edges.enumerated() {
                if let g = i < inputGrads.count ? inputGrads[i] : nil {
                    deliver(conform(g, to: node, input: i, file: file, line: line), to: edge)
                }
                if case .node(let next, _) = edge {
                    let nid = ObjectIdentifier(next)
                    let left = dependencies[nid]! - 1
                    dependencies[nid] = left
                    if left == 0 { ready.append(next) }
                }
            }
        }
        return captured
    }

    /// Sums a broadcast gradient back to the input's shape and casts it to the
    /// input's dtype (PyTorch's validate_outputs).
    private static func conform(_ g: Tensor, to node: Node, input i: Int, file: StaticString, line: UInt) -> Tensor {
        var g = g
        let shape = node.inputShapes[i]
        if g.shape != shape {
            guard broadcastShapes(shape, g.shape) == g.shape else {
                torchFail("Function \(node.name) returned an invalid gradient at index \(i) - got \(shapeString(g.shape)) but expected shape compatible with \(shapeString(shape))", file: file, line: line)
            }
            g = g.sumToSize(shape)
        }
        if g.dtype != node.inputDTypes[i] { g = g.to(node.inputDTypes[i]) }
        return g
    }

    private static func unpack(_ s: SavedTensor, node: Node, file: StaticString, line: UInt) -> Tensor {
        if s.tensor.storage.version != s.version {
            let t = s.tensor
            var what = "[\(t.dtype.legacyTypeName) \(shapeString(t.shape))]"
            if s.isOutput {
                what += ", which is output \(s.outputNr) of \(node.name),"
            } else if let fn = t.autograd?.gradFn {
                what += ", which is output \(t.autograd!.outputNr) of \(fn.name),"
            }
            torchFail("one of the variables needed for gradient computation has been modified by an inplace operation: \(what) is at version \(t.storage.version); expected version \(s.version) instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True).", file: file, line: line)
        }
        guard s.isOutput, let fn = s.outputNode else { return s.tensor }
        // Restore the output's grad_fn so higher-order gradients flow through it.
        let t = Tensor(storage: s.tensor.storage, layout: s.tensor.layout, dtype: s.tensor.dtype)
        let meta = t.autogradMeta
        meta.gradFn = fn
        meta.outputNr = s.outputNr
        return t
    }

    /// Adds a gradient into a leaf's `.grad`, running the leaf's hooks first.
    static func accumulate(_ incoming: Tensor, into leaf: Tensor, createGraph: Bool) {
        let meta = leaf.autogradMeta
        var g = incoming
        for hook in meta.leafHooks { if let replaced = hook(g) { g = replaced } }
        if let existing = meta.grad {
            if createGraph || existing.requiresGrad {
                meta.grad = existing + g
            } else {
                noGrad { _ = existing.add_(g) }
            }
        } else {
            // A fresh, contiguous buffer owned by `.grad` alone: the incoming
            // gradient may be shared with other leaves (add's rule passes the
            // same tensor to both inputs).
            meta.grad = createGraph ? g.clone() : noGrad { g.detach().clone(memoryFormat: .contiguous) }
        }
    }
}
