extension Module {
    /// PyTorch's module tree, e.g.
    /// `Sequential(\n  (0): Linear(in_features=2, out_features=1, bias=True)\n)`.
    public var description: String {
        if self is ModuleList { return repeatedBlocksDescription() }
        let extra = extraRepr()
        let children = namedChildren()
        if children.isEmpty { return "\(typeName)(\(extra))" }
        var lines: [String] = extra.isEmpty ? [] : extra.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (name, child) in children {
            lines.append("(\(name)): " + indented(child.description))
        }
        return "\(typeName)(\n" + lines.map { "  " + $0 }.joined(separator: "\n") + "\n)"
    }
}

extension Module {
    /// PyTorch's `ModuleList` form: a run of consecutive children that print alike
    /// collapses to one entry, `(0-1): 2 x TransformerEncoderLayer(...)`.
    fileprivate func repeatedBlocksDescription() -> String {
        var blocks: [(start: Int, end: Int, text: String)] = []
        for (i, child) in children().enumerated() {
            let text = child.description
            if let last = blocks.last, last.text == text {
                blocks[blocks.count - 1].end = i
            } else {
                blocks.append((i, i, text))
            }
        }
        if blocks.isEmpty { return "\(typeName)()" }
        let lines = blocks.map { block in
            indented(block.start == block.end ? "(\(block.start)): \(block.text)"
                                              : "(\(block.start)-\(block.end)): \(block.end - block.start + 1) x \(block.text)")
        }
        return "\(typeName)(\n  " + lines.joined(separator: "\n  ") + "\n)"
    }
}

/// Indents every line after the first by two spaces (PyTorch's `_addindent`).
private func indented(_ text: String) -> String {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard lines.count > 1 else { return text }
    return lines[0] + "\n" + lines.dropFirst().map { "  " + $0 }.joined(separator: "\n")
}
