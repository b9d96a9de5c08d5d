/// A size argument that PyTorch accepts as one int or a tuple of ints, one per
/// spatial dim (`kernel_size`, `stride`, `padding`, `dilation`, ...).
///
/// Write `stride: 2` or `stride: [2, 1]`; from variables, `IntOrTuple(s)`.
public struct IntOrTuple: Equatable, Sendable, ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral {
    /// The values as given: one value, or one per dim.
    public var values: [Int]

    /// One value for every spatial dim.
    public init(_ value: Int) { values = [value] }
    /// One value per spatial dim.
    public init(_ values: [Int]) { self.values = values }
    /// `stride: 2`.
    public init(integerLiteral value: Int) { values = [value] }
    /// `stride: [2, 1]`.
    public init(arrayLiteral elements: Int...) { values = elements }

    /// The values expanded to `count` dims, or nil when the count does not fit.
    func expanded(to count: Int) -> [Int]? {
        if values.count == 1 { return [Int](repeating: values[0], count: count) }
        return values.count == count ? values : nil
    }

    /// The values expanded to `count` dims, stopping with PyTorch's convolution message otherwise.
    func expanded(to count: Int, argument: String, file: StaticString, line: UInt) -> [Int] {
        guard let v = expanded(to: count) else {
            torchFail("expected \(argument) to be a single integer value or a list of \(count) values to match the convolution dimensions, but got \(argument)=\(values)",
                      file: file, line: line)
        }
        return v
    }
}

/// The `padding` argument of a convolution: explicit sizes, or `"same"` / `"valid"`.
///
/// Write `padding: 1`, `padding: [4, 2]`, `padding: "same"` or `padding: .same`.
public enum ConvPadding: Equatable, Sendable, ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral, ExpressibleByStringLiteral {
    /// Zeros added on both sides of each spatial dim (one value, or one per dim).
    case explicit(IntOrTuple)
    /// Output size equals input size (stride 1 only); PyTorch's `padding="same"`.
    case same
    /// No padding; PyTorch's `padding="valid"`.
    case valid
    /// A string other than "same" or "valid"; the op reports it.
    case invalid(String)

    /// `padding: 1`.
    public init(integerLiteral value: Int) { self = .explicit(IntOrTuple(value)) }
    /// `padding: [4, 2]`.
    public init(arrayLiteral elements: Int...) { self = .explicit(IntOrTuple(elements)) }
    /// `padding: "same"`.
    public init(stringLiteral value: String) { self.init(value) }

    /// Padding from PyTorch's string form.
    public init(_ string: String) {
        switch string {
        case "same": self = .same
        case "valid": self = .valid
        default: self = .invalid(string)
        }
    }
}
