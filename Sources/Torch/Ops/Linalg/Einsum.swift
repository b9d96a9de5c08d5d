// Einstein summation, PyTorch's `torch.einsum`.
//
// Built from views, `sum` and `bmm` only, so autograd (and double backward)
// comes from those ops' rules.

/// A parsed einsum equation: one label list per operand and the output labels.
///
/// Labels are small integers: `A`-`Z` are 0-25, `a`-`z` 26-51 (so sorting them
/// gives PyTorch's implicit output order), and the dims covered by an ellipsis
/// are 52, 53, ... aligned from the right.
private struct EinsumEquation {
    static let ellipsisBase = 52
    /// Each operand's label per dim (ellipsis expanded).
    var operandLabels: [[Int]] = []
    var outputLabels: [Int] = []
    var labelCount: Int { EinsumEquation.ellipsisBase + ellipsisRank }
    var ellipsisRank = 0

    static func letterLabel(_ c: UInt8) -> Int? {
        switch c {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return Int(c - UInt8(ascii: "A"))
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return 26 + Int(c - UInt8(ascii: "a"))
        default: return nil
        }
    }

    static func letter(_ label: Int) -> Character {
        Character(Unicode.Scalar(label < 26 ? UInt8(ascii: "A") + UInt8(label) : UInt8(ascii: "a") + UInt8(label - 26)))
    }

    init(_ equation: String, _ operands: [Tensor], file: StaticString, line: UInt) {
        let chars = Array(equation.utf8)
        // -1 marks an ellipsis in a term.
        var terms: [[Int]] = [[]]
        var hasEllipsis = [false]
        var i = 0
        var arrow: Int? = nil
        while i < chars.count {
            let c = chars[i]
            let k = terms.count - 1
            if let l = EinsumEquation.letterLabel(c) {
                terms[k].append(l)
            } else if c == UInt8(ascii: ".") {
                torchCheck(!hasEllipsis[k], "einsum(): found '.' for operand \(k) for which an ellipsis was already found", file: file, line: line)
                torchCheck(i + 2 < chars.count && chars[i + 1] == c && chars[i + 2] == c, "einsum(): found '.' for operand \(k) that is not part of any ellipsis", file: file, line: line)
                terms[k].append(-1)
                hasEllipsis[k] = true
                i += 2
            } else if c == UInt8(ascii: ",") {
                terms.append([])
                hasEllipsis.append(false)
            } else if c == UInt8(ascii: "-") && i + 1 < chars.count && chars[i + 1] == UInt8(ascii: ">") {
                arrow = i + 2
                break
            } else if c != UInt8(ascii: " ") {
                torchFail("einsum(): invalid subscript given at index \(i) in the equation string, subscripts must be in [a-zA-Z]", file: file, line: line)
            }
            i += 1
        }
        torchCheck(terms.count <= operands.count, "einsum(): fewer operands were provided than specified in the equation", file: file, line: line)
        torchCheck(terms.count >= operands.count, "einsum(): more operands were provided than specified in the equation", file: file, line: line)

        // Ellipsis ranks, then each operand's labels with its ellipsis dims expanded.
        var ellipsisRanks: [Int] = []
        for (k, term) in terms.enumerated() {
            let named = term.filter { $0 >= 0 }.count
            let rank = operands[k].ndim
            if hasEllipsis[k] {
                torchCheck(named <= rank, "einsum(): the number of subscripts in the equation (\(named)) is more than the number of dimensions (\(rank)) for operand \(k)", file: file, line: line)
            } else {
                torchCheck(named == rank, "einsum(): the number of subscripts in the equation (\(named)) does not match the number of dimensions (\(rank)) for operand \(k) and no ellipsis was given", file: file, line: line)
            }
            ellipsisRanks.append(rank - named)
        }
        ellipsisRank = ellipsisRanks.max() ?? 0
        let base = EinsumEquation.ellipsisBase
        for (k, term) in terms.enumerated() {
            var labels: [Int] = []
            for l in term {
                if l >= 0 { labels.append(l) } else {
                    labels += (base + ellipsisRank - ellipsisRanks[k])..<(base + ellipsisRank)
                }
            }
            operandLabels.append(labels)
        }

        if let start = arrow {
            var seenEllipsis = false
            var seen = Set<Int>()
            var j = start
            while j < chars.count {
                let c = chars[j]
                if let l = EinsumEquation.letterLabel(c) {
                    torchCheck(!seen.contains(l), "einsum(): output subscript \(Character(Unicode.Scalar(c))) appears more than once in the output", file: file, line: line)
                    torchCheck(operandLabels.contains { $0.contains(l) }, "einsum(): output subscript \(Character(Unicode.Scalar(c))) does not appear in the equation for any input operand", file: file, line: line)
                    seen.insert(l)
                    outputLabels.append(l)
                } else if c == UInt8(ascii: ".") {
                    torchCheck(!seenEllipsis, "einsum(): found '.' for output but an ellipsis (...) was already found", file: file, line: line)
                    torchCheck(j + 2 < chars.count && chars[j + 1] == c && chars[j + 2] == c, "einsum(): found '.' for output that is not part of any ellipsis (...)", file: file, line: line)
                    seenEllipsis = true
                    outputLabels += base..<(base + ellipsisRank)
                    j += 2
                } else if c != UInt8(ascii: " ") {
                    torchFail("einsum(): invalid subscript given at index \(j) in the equation string, subscripts must be in [a-zA-Z]", file: file, line: line)
                }
                j += 1
            }
        } else {
            // Implicit output: the ellipsis dims, then the letters used exactly once, sorted.
            var counts = [Int](repeating: 0, count: base)
            for labels in operandLabels { for l in labels where l < base { counts[l] += 1 } }
            outputLabels = Array(base..<(base + ellipsisRank)) + (0..<base).filter { counts[$0] == 1 }
        }
    }
}

/// Sums products of the operands' elements over the labels that the equation
/// leaves out of the output, PyTorch's `torch.einsum`.
///
/// Supports implicit (`"ij,jk"`) and explicit (`"ij,jk->ik"`) output, repeated
/// labels within an operand (diagonals), broadcasting with `...`, and any number
/// of operands (contracted pairwise, left to right).
///
/// ```swift
/// let scores = Torch.einsum("nqhd,nkhd->nhqk", q, k)
/// ```
public func einsum(_ equation: String, _ operands: [Tensor], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    torchCheck(!operands.isEmpty, "einsum(): must specify the equation string and at least one operand, or at least one operand and its subscripts list", file: file, line: line)
    let eq = EinsumEquation(equation, operands, file: file, line: line)
    for op in operands.dropFirst() {
        torchCheck(op.dtype == operands[0].dtype, "expected scalar type \(operands[0].dtype.scalarTypeName) but found \(op.dtype.scalarTypeName)", file: file, line: line)
    }
    let base = EinsumEquation.ellipsisBase

    // Sizes per label, checking that operands agree up to broadcasting.
    var sizes = [Int?](repeating: nil, count: eq.labelCount)
    for (k, labels) in eq.operandLabels.enumerated() {
        var ownSize: [Int: Int] = [:]
        for (d, l) in labels.enumerated() {
            let s = operands[k].shape[d]
            if let own = ownSize[l] {
                torchCheck(own == s, "einsum(): subscript \(EinsumEquation.letter(l)) is repeated for operand \(k) but the sizes don't match, \(s) != \(own)", file: file, line: line)
                continue
            }
            ownSize[l] = s
            if let previous = sizes[l], previous != 1, s != 1, previous != s {
                if l < base {
                    torchFail("einsum(): subscript \(EinsumEquation.letter(l)) has size \(s) for operand \(k) which does not broadcast with previously seen size \(previous)", file: file, line: line)
                }
                let firstEllipsisDim = labels.firstIndex { $0 >= base } ?? d
                torchFail("einsum(): dimension \(d - firstEllipsisDim) covered by ellipsis in operand \(k)has size \(s) which does not broadcast with previously seen ellipsis with size \(previous) for the respective dimension", file: file, line: line)
            }
            if sizes[l] == nil || sizes[l] == 1 { sizes[l] = s }
        }
    }

    // Every operand is brought to one common dim order: output labels first,
    // then the summed labels in order of appearance; absent labels are size-1 dims.
    var order = eq.outputLabels
    for labels in eq.operandLabels { for l in labels where !order.contains(l) { order.append(l) } }
    var position = [Int](repeating: -1, count: eq.labelCount)
    for (i, l) in order.enumerated() { position[l] = i }
    var lastUse = [Int](repeating: -1, count: eq.labelCount)
    for (k, labels) in eq.operandLabels.enumerated() { for l in labels { lastUse[l] = k } }
    let isOutput = order.indices.map { $0 < eq.outputLabels.count }

    let aligned = operands.indices.map { k in
        alignOperand(operands[k], labels: eq.operandLabels[k], position: position, rank: order.count)
    }
    var result = aligned[0]
    for k in 1..<max(aligned.count, 1) {
        let summed = order.indices.map { !isOutput[$0] && lastUse[order[$0]] <= k }
        result = contractPair(result, aligned[k], summed: summed)
    }
    let leftover = order.indices.filter { !isOutput[$0] && result.shape[$0] != 1 }
    if !leftover.isEmpty { result = result.sum(dims: leftover, keepdim: true) }
    let outShape = Array(result.shape.prefix(eq.outputLabels.count))
    return result.shape == outShape ? result : result.reshape(outShape)
}

/// `einsum` with the operands as separate arguments: `Torch.einsum("ij,jk->ik", a, b)`.
public func einsum(_ equation: String, _ operands: Tensor..., file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    einsum(equation, operands, file: file, line: line)
}

/// One operand with repeated labels reduced to their diagonal, its dims
/// permuted into the common order and size-1 dims for the labels it lacks.
private func alignOperand(_ x: Tensor, labels: [Int], position: [Int], rank: Int) -> Tensor {
    var t = x
    var unique: [Int] = []
    if Set(labels).count != labels.count {
        // A repeated label is a diagonal: one dim whose stride is the sum of the strides.
        t = t.contiguous()
        var layout = Layout(shape: [], strides: [], offset: t.layout.offset)
        for (d, l) in labels.enumerated() {
            if let first = unique.firstIndex(of: l) {
                layout.strides[first] += t.layout.strides[d]
            } else {
                unique.append(l)
                layout.shape.append(t.shape[d])
                layout.strides.append(t.layout.strides[d])
            }
        }
        t = t.viewOp("DiagonalBackward0", layout)
    } else {
        unique = labels
    }
    let perm = unique.indices.sorted { position[unique[$0]] < position[unique[$1]] }
    if perm != Array(unique.indices) { t = t.permute(perm) }
    let present = Set(unique.map { position[$0] })
    for p in 0..<rank where !present.contains(p) { t = t.unsqueeze(p) }
    return t
}

/// The product of two aligned operands summed over the `summed` dims, as one
/// `bmm`: dims both operands have become the batch, dims of one side the
/// rows or columns, summed dims the inner dimension. Result in the same dim order.
private func contractPair(_ a0: Tensor, _ b0: Tensor, summed: [Bool]) -> Tensor {
    var a = a0, b = b0
    let rank = summed.count
    // A summed dim that only one side has is summed on that side first.
    let sumA = (0..<rank).filter { summed[$0] && a.shape[$0] != 1 && b.shape[$0] == 1 }
    let sumB = (0..<rank).filter { summed[$0] && b.shape[$0] != 1 && a.shape[$0] == 1 }
    if !sumA.isEmpty { a = a.sum(dims: sumA, keepdim: true) }
    if !sumB.isEmpty { b = b.sum(dims: sumB, keepdim: true) }
    // A sum lifts an integer operand to int64; the pair then meets in the promoted type, as PyTorch's product does.
    if a.dtype != b.dtype {
        let common = promoteTypes(a.dtype, b.dtype)
        a = a.to(common)
        b = b.to(common)
    }
    var batch: [Int] = [], left: [Int] = [], right: [Int] = [], inner: [Int] = [], ones: [Int] = []
    for d in 0..<rank {
        let (sa, sb) = (a.shape[d], b.shape[d])
        if summed[d] {
            if sa != 1 { inner.append(d) } else { ones.append(d) }
        } else if sa != 1 && sb != 1 {
            batch.append(d)
        } else if sa != 1 {
            left.append(d)
        } else if sb != 1 {
            right.append(d)
        } else {
            ones.append(d)
        }
    }
    func size(_ d: Int) -> Int { a.shape[d] != 1 ? a.shape[d] : b.shape[d] }
    func product(_ dims: [Int]) -> Int { dims.reduce(1) { $0 * size($1) } }
    let (nb, nl, ni, nr) = (product(batch), product(left), product(inner), product(right))
    let a3 = a.permute(batch + left + inner + right + ones).reshape([nb, nl, ni])
    let b3 = b.permute(batch + inner + right + left + ones).reshape([nb, ni, nr])
    let resultOrder = batch + left + right + inner + ones
    let c = a3.bmm(b3).reshape(resultOrder.map { (batch + left + right).contains($0) ? size($0) : 1 })
    var inverse = [Int](repeating: 0, count: rank)
    for (i, d) in resultOrder.enumerated() { inverse[d] = i }
    return inverse == Array(0..<rank) ? c : c.permute(inverse)
}
