/// An n-dimensional array with an element type, PyTorch's `torch.Tensor`.
///
/// A tensor is a view over a `Storage`: shape, strides and offset say where its
/// elements are. It is a class, as in PyTorch: views, in-place ops, `.grad` and
/// parameters shared between a module and its optimizer all rely on reference
/// semantics.
///
/// ```swift
/// let x = Tensor([[1.0, 2.0], [3.0, 4.0]], requiresGrad: true)
/// let y = (x * x).sum()
/// y.backward()
/// print(x.grad!)   // tensor([[2., 4.],\n        [6., 8.]])
/// ```
///
/// The class is not `final` only so that `Parameter` (PyTorch's `nn.Parameter`)
/// can be a tensor; it is not `open`, so the module sees every subclass and
/// keeps calls static.
public class Tensor: @unchecked Sendable {
    // Set at init and changed only by `rebind(to:)` (PyTorch's `p.data = t`, which
    // `Module.to` uses so that parameters keep their identity). The accesses are
    // never overlapping, so they carry no dynamic exclusivity check.
    @exclusivity(unchecked) private(set) var storage: Storage
    @exclusivity(unchecked) private(set) var layout: Layout
    /// The element type, PyTorch's `dtype`.
    @exclusivity(unchecked) public private(set) var dtype: DType
    /// Autograd state; nil for tensors that never took part in autograd.
    var autograd: AutogradMeta?
    /// The tensor this one is a view of (always a non-view), as PyTorch's `_base`.
    var viewBase: Tensor?
    /// Marks a 0-d tensor made from a Swift number operand: it takes part in
    /// type promotion the way a Python number does in PyTorch.
    var isWrappedNumber = false

    init(storage: Storage, layout: Layout, dtype: DType) {
        self.storage = storage
        self.layout = layout
        self.dtype = dtype
    }

    /// A new contiguous tensor with uninitialised memory on `device`.
    convenience init(uninitializedShape shape: [Int], dtype: DType, device: Device = .cpu) {
        let layout = Layout(contiguous: shape)
        self.init(storage: Storage(byteCount: layout.numel * dtype.itemSize, device: device), layout: layout, dtype: dtype)
    }

    /// Makes this tensor view `other`'s storage, layout and dtype, keeping its
    /// identity and autograd state: PyTorch's `tensor.data = other`.
    func rebind(to other: Tensor) {
        storage = other.storage
        layout = other.layout
        dtype = other.dtype
    }

    /// The device of the storage, PyTorch's `x.device`.
    public var device: Device { storage.device }

    /// A view sharing this tensor's storage with another layout.
    func makeView(_ layout: Layout) -> Tensor {
        let v = Tensor(storage: storage, layout: layout, dtype: dtype)
        v.viewBase = viewBase ?? self
        return v
    }

    // MARK: - Shape

    /// The sizes of the dimensions, PyTorch's `shape` / `size()`.
    public var shape: [Int] { layout.shape }

    /// The size of one dimension; negative dims count from the end.
    public func size(_ dim: Int, file: StaticString = #fileID, line: UInt = #line) -> Int {
        layout.shape[wrapDim(dim, rank: layout.rank, file: file, line: line)]
    }

    /// The strides of the dimensions, in elements.
    public func stride() -> [Int] { layout.strides }

    /// The offset of the first element in the storage, in elements.
    public var storageOffset: Int { layout.offset }

    /// The number of dimensions, PyTorch's `dim()` / `ndim`.
    public func dim() -> Int { layout.rank }

    /// The number of dimensions.
    public var ndim: Int { layout.rank }

    /// The number of elements.
    public func numel() -> Int { layout.numel }

    /// Whether the elements are laid out row-major without gaps.
    public var isContiguous: Bool { layout.isContiguous }

    /// Bytes per element.
    public func elementSize() -> Int { dtype.itemSize }

    /// Whether this tensor shares storage with another, as a view does.
    public var isView: Bool { viewBase != nil }

    /// Whether two tensors view the same storage.
    func sharesStorage(with other: Tensor) -> Bool { storage === other.storage }

    /// A typed pointer to the first element (at the storage offset). Host
    /// memory only: a kernel of another device never gets one.
    @inline(__always)
    func pointer<T: TensorElement>(as _: T.Type) -> UnsafeMutablePointer<T> {
        if storage.device.kind != .cpu { hostMemoryRequired() }
        return (storage.data + layout.offset * dtype.itemSize).assumingMemoryBound(to: T.self)
    }

    /// A typed pointer to the start of the storage (host memory only).
    @inline(__always)
    func basePointer<T: TensorElement>(as _: T.Type) -> UnsafeMutablePointer<T> {
        if storage.device.kind != .cpu { hostMemoryRequired() }
        return storage.data.assumingMemoryBound(to: T.self)
    }

    @inline(never)
    private func hostMemoryRequired() -> Never {
        if storage.device.kind == .meta {
            fatalError("Cannot access the data of a meta tensor: this op has no meta implementation yet (its kernel reads elements)")
        }
        fatalError("Cannot access the memory of a \(storage.device) tensor from the host; copy it with .cpu() first")
    }

    /// Marks the storage as written in place (for autograd's version checks).
    @inline(__always)
    func bumpVersion() { storage.version &+= 1 }

    /// PyTorch's `_version`.
    public var version: Int { storage.version }
}
