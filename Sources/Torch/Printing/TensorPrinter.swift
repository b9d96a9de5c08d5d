/// Lays out the formatted elements of a non-empty tensor in nested brackets.
///
/// A dimension longer than `2 * edgeitems` of a tensor with more than
/// `threshold` elements keeps only its first and last `edgeitems` entries,
/// with `...` between them; only those elements are read and they alone set
/// the column width.
struct TensorPrinter {
    let shape: [Int]
    let options: PrintOptions
    let indent: Int
    /// The indices printed along each dim.
    let kept: [[Int]]
    /// Whether each dim is cut in the middle.
    let summarised: [Bool]
    let summarise: Bool
    let tensor: Tensor

    init(_ tensor: Tensor, options: PrintOptions, indent: Int) {
        self.tensor = tensor
        self.shape = tensor.shape
        self.options = options
        self.indent = indent
        summarise = tensor.numel() > options.threshold
        let edge = Swift.max(options.edgeitems, 0)
        var kept: [[Int]] = []
        var summarised: [Bool] = []
        for n in shape {
            if summarise && n > 2 * edge {
                kept.append(Array(0..<edge) + Array((n - edge)..<n))
                summarised.append(true)
            } else {
                kept.append(Array(0..<n))
                summarised.append(false)
            }
        }
        self.kept = kept
        self.summarised = summarised
    }

    func render() -> String {
        // With no edge items kept, PyTorch shows a summarised tensor as `[...]`
        // (and names its size in a suffix).
        if summarise && options.edgeitems <= 0 { return "[...]" }
        let elements = readElements()
        let formatter = TensorFormatter(elements: elements, options: options)
        let strings = formatter.format(elements)
        if shape.isEmpty { return strings[0] }
        var cursor = 0
        return renderDim(0, indent: indent, strings: strings, width: formatter.width, cursor: &cursor)
    }

    /// Reads the printed elements (the product of `kept` over all dims), row-major.
    private func readElements() -> PrintedElements {
        let layout = tensor.layout
        var count = 1
        for k in kept { count *= k.count }
        var offsets: [Int] = []
        offsets.reserveCapacity(count)
        var position = [Int](repeating: 0, count: shape.count)
        for _ in 0..<count {
            var offset = layout.offset
            for d in 0..<shape.count { offset += kept[d][position[d]] * layout.strides[d] }
            offsets.append(offset)
            var d = shape.count - 1
            while d >= 0 {
                position[d] += 1
                if position[d] < kept[d].count { break }
                position[d] = 0
                d -= 1
            }
        }
        return tensor.dtype.dispatch(ElementReader(tensor: tensor, offsets: offsets))
    }

    private func renderDim(_ d: Int, indent: Int, strings: [String], width: Int, cursor: inout Int) -> String {
        let count = kept[d].count
        let edge = options.edgeitems
        if d == shape.count - 1 {
            var items = Array(strings[cursor..<(cursor + count)])
            cursor += count
            if summarised[d] { items.insert(" ...", at: edge) }
            // Each element takes its width plus ", ".
            let perLine = Swift.max(1, floorDivide(options.linewidth - indent, width + 2))
            var lines: [String] = []
            var start = 0
            while start < items.count {
                let end = Swift.min(start + perLine, items.count)
                lines.append(items[start..<end].joined(separator: ", "))
                start = end
            }
            return "[" + lines.joined(separator: ",\n" + String(repeating: " ", count: indent + 1)) + "]"
        }
        var slices: [String] = []
        for i in 0..<count {
            if summarised[d] && i == edge { slices.append("...") }
            slices.append(renderDim(d + 1, indent: indent + 1, strings: strings, width: width, cursor: &cursor))
        }
        // Blank lines between blocks grow with the depth of the blocks.
        let separator = "," + String(repeating: "\n", count: shape.count - d - 1) + String(repeating: " ", count: indent + 1)
        return "[" + slices.joined(separator: separator) + "]"
    }
}

private func floorDivide(_ a: Int, _ b: Int) -> Int {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}

/// Reads elements at storage offsets into the kind the formatter works with.
private struct ElementReader: ElementVisitor {
    let tensor: Tensor
    let offsets: [Int]

    func visit<T: TensorElement>(_ type: T.Type) -> PrintedElements {
        let base = tensor.basePointer(as: T.self)
        if T.dtype == .bool { return .bools(offsets.map { base[$0].int64Value != 0 }) }
        if T.dtype.isFloatingPoint { return .floats(offsets.map { base[$0].doubleValue }) }
        return .integers(offsets.map { base[$0].int64Value })
    }
}
