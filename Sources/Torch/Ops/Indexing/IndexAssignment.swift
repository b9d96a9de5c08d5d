extension Tensor {
    /// Writes through a subscript with `index_put_` semantics: basic indexes
    /// copy into the view, index tensors and masks scatter into it.
    func setIndex(_ items: [TensorIndex], to value: Tensor, file: StaticString, line: UInt) {
        let (view, indices) = applyBasicIndexing(items, file: file, line: line)
        checkNoPartialOverlap(view, value, file: file, line: line)
        let v = value.dtype == dtype ? value : value.to(dtype)
        if let indices {
            view.indexPut_(indices, v, file: file, line: line)
        } else {
            view.copy_(v, file: file, line: line)
        }
    }
}

/// Stops when `value` reads memory that writing `target` would change first
/// (`x[1...] = x[..<(-1)]`), as PyTorch does; identical views are allowed.
/// Like PyTorch, only dense layouts are compared: interleaved strided views
/// (`x[.all, 0] = x[.all, 1]`) are too hard to decide and pass.
func checkNoPartialOverlap(_ target: Tensor, _ value: Tensor, file: StaticString, line: UInt) {
    guard target.sharesStorage(with: value), target.layout != value.layout,
          target.numel() > 0, value.numel() > 0,
          target.layout.isNonOverlappingAndDense, value.layout.isNonOverlappingAndDense else { return }
    let a = target.layout, b = value.layout
    let disjoint = a.storageExtent <= b.offset || b.storageExtent <= a.offset
    torchCheck(disjoint, "unsupported operation: some elements of the input tensor and the written-to tensor refer to a single memory location. Please clone() the tensor before performing the operation.", file: file, line: line)
}
