import Synchronization

/// Per-tensor autograd state, allocated only for tensors that take part in autograd.
final class AutogradMeta {
    /// Set on leaves by `requiresGrad`; non-leaves require grad through `gradFn`.
    var requiresGrad = false
    var grad: Tensor?
    var gradFn: Node?
    var outputNr = 0
    var retainsGrad = false
    /// Hooks on a leaf, run on its gradient before it is accumulated.
    var leafHooks: [(Tensor) -> Tensor?] = []
}

/// Where a gradient flows: into an output slot of another node, into a leaf's
/// `.grad`, or nowhere.
enum Edge {
    case none
    case node(Node, Int)
    case leaf(Tensor)
}

/// What a backward rule receives.
struct BackwardContext {
    /// The gradient of each output of the op (zeros for outputs that got none).
    let grads: [Tensor]
    /// The tensors the op saved, in the order it saved them.
    let saved: [Tensor]
    /// Which inputs need a gradient; rules may skip work for the others.
    let needsInputGrad: [Bool]

    var grad: Tensor { grads[0] }
}

/// A tensor kept for backward, with the version it had when saved.
struct SavedTensor {
    let tensor: Tensor
    let version: Int
    /// For an op's own output: the node to restore as its grad_fn on unpack.
    /// Weak, so an output and its grad_fn don't keep each other alive.
    weak var outputNode: Node?
    let isOutput: Bool
    let outputNr: Int
}

/// A recorded operation in the autograd graph: PyTorch's `grad_fn` objects
/// (`MulBackward0`, `SumBackward1`, ...).
final class Node {
    typealias Rule = (BackwardContext) -> [Tensor?]

    /// PyTorch's class name for the node, e.g. `MulBackward0`.
    let name: String
    /// One edge per input of the op.
    let edges: [Edge]
    /// Shape and dtype of each output, to make zero gradients for unused outputs.
    let outputShapes: [[Int]]
    let outputDTypes: [DType]
    /// Shape and dtype of each input: the engine sums broadcast gradients back
    /// to these shapes and casts them to these dtypes, so rules need not.
    let inputShapes: [[Int]]
    let inputDTypes: [DType]
    var saved: [SavedTensor]
    var rule: Rule?
    /// Hooks registered on non-leaf outputs (`registerHook`, `retainGrad`), per output.
    var outputHooks: [[(Tensor) -> Tensor?]]
    /// Creation order; the engine runs later nodes first, as PyTorch does.
    let sequenceNr: Int

    private static let nextSequenceNr = Atomic<Int>(0)

    init(name: String, inputs: [Tensor], outputs: [Tensor], rule: @escaping Rule) {
        self.name = name
        self.edges = inputs.map { $0.gradientEdge }
        self.inputShapes = inputs.map { $0.shape }
        self.inputDTypes = inputs.map { $0.dtype }
        self.outputShapes = outputs.map { $0.shape }
        self.outputDTypes = outputs.map { $0.dtype }
        self.saved = []
        self.rule = rule
        self.outputHooks = Array(repeating: [], count: outputs.count)
        self.sequenceNr = Node.nextSequenceNr.add(1, ordering: .relaxed).newValue
    }

    /// Frees what backward needed, after a pass without `retainGraph`.
    func release() {
        rule = nil
        saved = []
    }
}

extension Tensor {
    /// Autograd state, created on first use.
    var autogradMeta: AutogradMeta {
        if let m = autograd { return m }
        let m = AutogradMeta()
        autograd = m
        return m
    }

    /// The edge a gradient for this tensor flows into.
    var gradientEdge: Edge {
        guard let meta = autograd else { return .none }
        if let fn = meta.gradFn { return .node(fn, meta.outputNr) }
        return meta.requiresGrad ? .leaf(self) : .none
    }

    /// Saves this tensor (an input of the op) for backward.
    func savedAsInput() -> SavedTensor {
        SavedTensor(tensor: self, version: storage.version, outputNode: nil, isOutput: false, outputNr: 0)
    }
}

/// Whether an op on these inputs must record a node.
@inline(__always)
func gradNeeded(_ a: Tensor) -> Bool {
    GradMode.isEnabled && a.requiresGrad
}

@inline(__always)
func gradNeeded(_ a: Tensor, _ b: Tensor) -> Bool {
    GradMode.isEnabled && (a.requiresGrad || b.requiresGrad)
}

@inline(__always)
func gradNeeded(_ inputs: [Tensor]) -> Bool {
    GradMode.isEnabled && inputs.contains { $0.requiresGrad }
}

/// Records a node for an op: the outputs get it as their grad_fn.
///
/// - Parameters:
///   - name: PyTorch's node name (`AddBackward0`).
///   - inputs: the op's differentiable inputs; the rule returns one gradient per input.
///   - outputs: the op's outputs.
///   - saving: tensors (inputs or others) the rule needs, passed back as `ctx.saved`.
///   - savingOutputs: indices of outputs the rule needs, appended to `ctx.saved` after `saving`.
///   - rule: computes input gradients from output gradients, with differentiable ops
///     so that `createGraph` gives higher-order gradients.
func recordNode(
    _ name: String, inputs: [Tensor], outputs: [Tensor], saving: [Tensor] = [],
    savingOutputs: [Int] = [], rule: @escaping Node.Rule
) {
    guard gradNeeded(inputs) else { return }
    var saved = saving.map { $0.savedAsInput() }
    let node = Node(name: name, inputs: inputs, outputs: outputs, rule: rule)
    for (nr, out) in outputs.enumerated() {
        let meta = out.autogradMeta
        meta.gradFn = node
        meta.outputNr = nr
    }
    for i in savingOutputs {
        // Save an alias without grad_fn so the output does not keep its own node alive.
        let out = outputs[i]
        let alias = Tensor(storage: out.storage, layout: out.layout, dtype: out.dtype)
        saved.append(SavedTensor(tensor: alias, version: out.storage.version, outputNode: node, isOutput: true, outputNr: i))
    }
    node.saved = saved
}

/// Convenience for the common one-output case.
@inline(__always)
func recordNode(
    _ name: String, inputs: [Tensor], output: Tensor, saving: [Tensor] = [],
    savingOutput: Bool = false, rule: @escaping Node.Rule
) {
    recordNode(name, inputs: inputs, outputs: [output], saving: saving, savingOutputs: savingOutput ? [0] : [], rule: rule)
}
