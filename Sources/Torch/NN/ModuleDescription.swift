extension Module {
    /// PyTorch's module tree, e.g.
    /// `Sequential(\n  (0): Linear(in_features=2, out_features=1, bias=True)\n)`.
    public var description: String {
        let extra = extraRepr()
        let children = namedChildren()
        if children.isEmpty { return "\(typeName)(\(extra))" }
        var lines: [String] = extra.isEmpty ? [] : extra.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if self is ModuleList {
            lines += repeatedBlocks(children.map(\.module.description))
        } else {
            for (name, child) in children {
                lines.append("(\(name)): " + indented(child.description))
            }
        }
        return "\(typeName)(\n" + lines.map { "  " + $0 }.joined(separator: "\n") + "\n)"
    }
}

/// PyTorch's `ModuleList` repr: runs of identical children print once as
/// `(0-5): 6 x TransformerEncoderLayer(...)`.
private func repeatedBlocks(_ texts: [String]) -> [String] {
    var blocks: [(start: Int, end: Int, text: String)] = []
    for (i, text) in texts.enumerated() {
        if let last = blocks.last, last.text == text {
            blocks[blocks.count - 1].end = i
        } else {
            blocks.append((i, i, text))
        }
    }
    return blocks.map { b in
        b.start == b.end ? "(\(b.start)): " + indented(b.text)
                         : "(\(b.start)-\(b.end)): \(b.end - b.start + 1) x " + indented(b.text)
    }
}

/// Indents every line after the first by two spaces (PyTorch's `_addindent`).
private func indented(_ text: String) -> String {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard lines.count > 1 else { return text }
    return lines[0] + "\n" + lines.dropFirst().map { "  " + $0 }.joined(separator: "\n")
}
