/// Stops the program for a programmer error inside tensor math, with PyTorch's
/// message and the caller's file and line.
///
/// Every public op takes `file: StaticString = #fileID, line: UInt = #line`
/// and passes them down, so the report names the user's line, not ours.
@inline(never)
func torchFail(_ message: String, file: StaticString, line: UInt) -> Never {
    fatalError(message, file: file, line: line)
}

/// Checks a condition and stops with PyTorch's message when it does not hold.
@inline(__always)
func torchCheck(_ condition: Bool, _ message: @autoclosure () -> String, file: StaticString, line: UInt) {
    if !condition { torchFail(message(), file: file, line: line) }
}

/// Wraps a possibly negative dim into `0..<rank`, with PyTorch's message.
@inline(__always)
func wrapDim(_ dim: Int, rank: Int, file: StaticString, line: UInt) -> Int {
    let r = max(rank, 1)  // 0-d tensors accept dims -1 and 0, like PyTorch
    if dim < -r || dim >= r {
        torchFail("Dimension out of range (expected to be in range of [\(-r), \(r - 1)], but got \(dim))", file: file, line: line)
    }
    return dim < 0 ? dim + r : dim
}
