extension Module {
    /// PyTorch's module tree, e.g.
    /// `Sequential(\n  (0): Linear(in_features=2, out_features=1, bias=True)\n)`.
    public var description: String {
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

/// Indents every line after the first by two spaces (PyTorch's `_addindent`).
private func indented(_ text: String) -> String {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard lines.count > 1 else { return text }
    return lines[0] + "\n" + lines.dropFirst().map { "  " + $0 }.joined(separator: "\n")
}
