/// `print(tensor)` gives PyTorch's `repr(tensor)`, character for character.
///
/// ```swift
/// print(Tensor([[1, -1], [-1, 1]]))
/// // tensor([[ 1, -1],
/// //         [-1,  1]])
/// ```
extension Tensor: CustomStringConvertible, CustomDebugStringConvertible {
    /// PyTorch's `repr(tensor)` under the current print options.
    public var description: String {
        let text = description(options: getPrintOptions())
        return self is Parameter ? "Parameter containing:\n" + text : text
    }

    /// The same text as `description`, as PyTorch's `str` and `repr` agree.
    public var debugDescription: String { description }

    /// PyTorch's `repr(tensor)` under explicit print options.
    ///
    /// Only the elements that appear in the text are read, so describing a
    /// summarised tensor of any size costs about as much as a small one.
    public func description(options: PrintOptions) -> String {
        let prefix = "tensor("
        let indent = prefix.utf8.count
        // Another device's tensor prints from a host copy, with the device named first.
        var suffixes: [String] = device == .cpu || device == .meta ? [] : ["device='\(device)'"]
        let body: String
        if device.kind == .meta {
            // No values to show: the shape is always named, the dtype unless default.
            suffixes = ["device='meta'", "size=" + pythonTuple(shape)]
            if dtype != DType.defaultFloat { suffixes.append("dtype=\(dtype)") }
            body = "..."
        } else if numel() == 0 {
            // Nothing to infer the dtype from, so any non-default dtype is named
            // (int64 and bool included), and any shape other than (0,).
            if ndim != 1 { suffixes.append("size=" + pythonTuple(shape)) }
            if dtype != DType.defaultFloat { suffixes.append("dtype=\(dtype)") }
            body = "[]"
        } else {
            if options.edgeitems == 0 { suffixes.append("size=" + pythonTuple(shape)) }
            if !(dtype == DType.defaultFloat || dtype == .int64 || dtype == .bool) { suffixes.append("dtype=\(dtype)") }
            let values = device == .cpu ? self : noGrad { cpu() }
            body = TensorPrinter(values, options: options, indent: indent).render()
        }
        if let gradFn {
            suffixes.append("grad_fn=<\(gradFn)>")
        } else if requiresGrad {
            suffixes.append("requires_grad=True")
        }
        return appendSuffixes(prefix + body, suffixes, indent: indent, linewidth: options.linewidth)
    }
}

/// Python's `str(tuple(shape))`: `(2, 3)`, `(5,)`, `()`.
func pythonTuple(_ shape: [Int]) -> String {
    if shape.count == 1 { return "(\(shape[0]),)" }
    return "(" + shape.map(String.init).joined(separator: ", ") + ")"
}

/// Adds `, suffix` pieces after the body, moving a piece to its own line when
/// the line would pass `linewidth`.
private func appendSuffixes(_ text: String, _ suffixes: [String], indent: Int, linewidth: Int) -> String {
    var result = text
    // PyTorch measures the last line as two characters longer than it is (it
    // counts from the newline and adds one); kept so wrapping matches exactly.
    var lastLineLength: Int
    if let newline = text.utf8.lastIndex(of: UInt8(ascii: "\n")) {
        lastLineLength = text.utf8.distance(from: newline, to: text.utf8.endIndex) + 1
    } else {
        lastLineLength = text.utf8.count + 2
    }
    for suffix in suffixes {
        let length = suffix.utf8.count
        if lastLineLength + length + 2 > linewidth {
            result += ",\n" + String(repeating: " ", count: indent) + suffix
            lastLineLength = indent + length
        } else {
            result += ", " + suffix
            lastLineLength += length + 2
        }
    }
    return result + ")"
}
