/// Exponentiation binds tighter than multiplication, as `**` does in Python.
precedencegroup ExponentiationPrecedence {
    associativity: right
    higherThan: MultiplicationPrecedence
}

/// `x ** y`: elementwise power, PyTorch's `pow`.
infix operator ** : ExponentiationPrecedence

/// `x **= y`: elementwise power in place, PyTorch's `pow_`.
infix operator **= : AssignmentPrecedence

// Swift operators can't take the caller's file and line; their errors point here.
extension Tensor {
    /// Elementwise sum, PyTorch's `add`.
    public static func + (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.add(rhs) }
    /// Elementwise sum, PyTorch's `add`.
    public static func + <S: TensorScalar>(lhs: Tensor, rhs: S) -> Tensor { lhs.add(Tensor.wrapped(rhs.scalar)) }
    /// Elementwise sum, PyTorch's `add`.
    public static func + <S: TensorScalar>(lhs: S, rhs: Tensor) -> Tensor { Tensor.wrapped(lhs.scalar).add(rhs) }

    /// Elementwise difference, PyTorch's `sub`.
    public static func - (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.sub(rhs) }
    /// Elementwise difference, PyTorch's `sub`.
    public static func - <S: TensorScalar>(lhs: Tensor, rhs: S) -> Tensor { lhs.sub(Tensor.wrapped(rhs.scalar)) }
    /// Elementwise difference, PyTorch's `sub`.
    public static func - <S: TensorScalar>(lhs: S, rhs: Tensor) -> Tensor { Tensor.wrapped(lhs.scalar).sub(rhs) }

    /// Elementwise product, PyTorch's `mul`.
    public static func * (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.mul(rhs) }
    /// Elementwise product, PyTorch's `mul`.
    public static func * <S: TensorScalar>(lhs: Tensor, rhs: S) -> Tensor { lhs.mul(Tensor.wrapped(rhs.scalar)) }
    /// Elementwise product, PyTorch's `mul`.
    public static func * <S: TensorScalar>(lhs: S, rhs: Tensor) -> Tensor { Tensor.wrapped(lhs.scalar).mul(rhs) }

    /// True division, PyTorch's `div`.
    public static func / (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.div(rhs) }
    /// True division, PyTorch's `div`.
    public static func / <S: TensorScalar>(lhs: Tensor, rhs: S) -> Tensor { lhs.div(Tensor.wrapped(rhs.scalar)) }
    /// True division, PyTorch's `div`.
    public static func / <S: TensorScalar>(lhs: S, rhs: Tensor) -> Tensor { Tensor.wrapped(lhs.scalar).div(rhs) }

    /// Elementwise negation, PyTorch's `neg`.
    public static prefix func - (operand: Tensor) -> Tensor { operand.neg() }

    /// In-place sum, PyTorch's `add_`.
    public static func += (lhs: inout Tensor, rhs: Tensor) { lhs.add_(rhs) }
    /// In-place sum, PyTorch's `add_`.
    public static func += <S: TensorScalar>(lhs: inout Tensor, rhs: S) { lhs.add_(rhs) }
    /// In-place difference, PyTorch's `sub_`.
    public static func -= (lhs: inout Tensor, rhs: Tensor) { lhs.sub_(rhs) }
    /// In-place difference, PyTorch's `sub_`.
    public static func -= <S: TensorScalar>(lhs: inout Tensor, rhs: S) { lhs.sub_(rhs) }
    /// In-place product, PyTorch's `mul_`.
    public static func *= (lhs: inout Tensor, rhs: Tensor) { lhs.mul_(rhs) }
    /// In-place product, PyTorch's `mul_`.
    public static func *= <S: TensorScalar>(lhs: inout Tensor, rhs: S) { lhs.mul_(rhs) }
    /// In-place division, PyTorch's `div_`.
    public static func /= (lhs: inout Tensor, rhs: Tensor) { lhs.div_(rhs) }
    /// In-place division, PyTorch's `div_`.
    public static func /= <S: TensorScalar>(lhs: inout Tensor, rhs: S) { lhs.div_(rhs) }

    /// Elementwise power, PyTorch's `pow`.
    public static func ** (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.pow(rhs) }
    /// Elementwise power, PyTorch's `pow`.
    public static func ** <S: TensorScalar>(lhs: Tensor, rhs: S) -> Tensor { lhs.pow(Tensor.wrapped(rhs.scalar)) }
    /// Elementwise power, PyTorch's `pow`.
    public static func ** <S: TensorScalar>(lhs: S, rhs: Tensor) -> Tensor { Tensor.wrapped(lhs.scalar).pow(rhs) }
    /// In-place power, PyTorch's `pow_`.
    public static func **= (lhs: inout Tensor, rhs: Tensor) { lhs.pow_(rhs) }
    /// In-place power, PyTorch's `pow_`.
    public static func **= <S: TensorScalar>(lhs: inout Tensor, rhs: S) { lhs.pow_(rhs) }

    /// Python-style remainder, PyTorch's `remainder`.
    public static func % (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.remainder(rhs) }
    /// Python-style remainder, PyTorch's `remainder`.
    public static func % <S: TensorScalar>(lhs: Tensor, rhs: S) -> Tensor { lhs.remainder(Tensor.wrapped(rhs.scalar)) }
    /// Python-style remainder, PyTorch's `remainder`.
    public static func % <S: TensorScalar>(lhs: S, rhs: Tensor) -> Tensor { Tensor.wrapped(lhs.scalar).remainder(rhs) }
    /// In-place remainder, PyTorch's `remainder_`.
    public static func %= (lhs: inout Tensor, rhs: Tensor) { lhs.remainder_(rhs) }
    /// In-place remainder, PyTorch's `remainder_`.
    public static func %= <S: TensorScalar>(lhs: inout Tensor, rhs: S) { lhs.remainder_(rhs) }
}

// Comparisons return bool tensors, as in PyTorch (`x > 0` is a mask). Tensor is
// not Equatable, so `==` and `!=` are free to mean the elementwise `eq` and `ne`.
extension Tensor {
    /// Elementwise equality as a bool tensor, PyTorch's `eq` (use `equal(_:)` for one Bool).
    public static func == (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.eq(rhs) }
    /// Elementwise equality as a bool tensor, PyTorch's `eq` (use `equal(_:)` for one Bool).
    public static func == <S: TensorScalar>(lhs: Tensor, rhs: S) -> Tensor { lhs.eq(Tensor.wrapped(rhs.scalar)) }
    /// Elementwise equality as a bool tensor, PyTorch's `eq` (use `equal(_:)` for one Bool).
    public static func == <S: TensorScalar>(lhs: S, rhs: Tensor) -> Tensor { Tensor.wrapped(lhs.scalar).eq(rhs) }

    /// Elementwise inequality as a bool tensor, PyTorch's `ne`.
    public static func != (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.ne(rhs) }
    /// Elementwise inequality as a bool tensor, PyTorch's `ne`.
    public static func != <S: TensorScalar>(lhs: Tensor, rhs: S) -> Tensor { lhs.ne(Tensor.wrapped(rhs.scalar)) }
    /// Elementwise inequality as a bool tensor, PyTorch's `ne`.
    public static func != <S: TensorScalar>(lhs: S, rhs: Tensor) -> Tensor { Tensor.wrapped(lhs.scalar).ne(rhs) }

    /// Elementwise `<` as a bool tensor, PyTorch's `lt`.
    public static func < (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.lt(rhs) }
    /// Elementwise `<` as a bool tensor, PyTorch's `lt`.
    public static func < <S: TensorScalar>(lhs: Tensor, rhs: S) -> Tensor { lhs.lt(Tensor.wrapped(rhs.scalar)) }
    /// Elementwise `<` as a bool tensor, PyTorch's `lt`.
    public static func < <S: TensorScalar>(lhs: S, rhs: Tensor) -> Tensor { Tensor.wrapped(lhs.scalar).lt(rhs) }

    /// Elementwise `<=` as a bool tensor, PyTorch's `le`.
    public static func <= (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.le(rhs) }
    /// Elementwise `<=` as a bool tensor, PyTorch's `le`.
    public static func <= <S: TensorScalar>(lhs: Tensor, rhs: S) -> Tensor { lhs.le(Tensor.wrapped(rhs.scalar)) }
    /// Elementwise `<=` as a bool tensor, PyTorch's `le`.
    public static func <= <S: TensorScalar>(lhs: S, rhs: Tensor) -> Tensor { Tensor.wrapped(lhs.scalar).le(rhs) }

    /// Elementwise `>` as a bool tensor, PyTorch's `gt`.
    public static func > (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.gt(rhs) }
    /// Elementwise `>` as a bool tensor, PyTorch's `gt`.
    public static func > <S: TensorScalar>(lhs: Tensor, rhs: S) -> Tensor { lhs.gt(Tensor.wrapped(rhs.scalar)) }
    /// Elementwise `>` as a bool tensor, PyTorch's `gt`.
    public static func > <S: TensorScalar>(lhs: S, rhs: Tensor) -> Tensor { Tensor.wrapped(lhs.scalar).gt(rhs) }

    /// Elementwise `>=` as a bool tensor, PyTorch's `ge`.
    public static func >= (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.ge(rhs) }
    /// Elementwise `>=` as a bool tensor, PyTorch's `ge`.
    public static func >= <S: TensorScalar>(lhs: Tensor, rhs: S) -> Tensor { lhs.ge(Tensor.wrapped(rhs.scalar)) }
    /// Elementwise `>=` as a bool tensor, PyTorch's `ge`.
    public static func >= <S: TensorScalar>(lhs: S, rhs: Tensor) -> Tensor { Tensor.wrapped(lhs.scalar).ge(rhs) }
}

// Bitwise operators: logical on bool tensors (masks), bitwise on integers.
extension Tensor {
    /// Bitwise AND (logical on bool masks), PyTorch's `bitwise_and`.
    public static func & (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.bitwiseAnd(rhs) }
    /// Bitwise AND (logical on bool masks), PyTorch's `bitwise_and`.
    public static func & <S: TensorScalar>(lhs: Tensor, rhs: S) -> Tensor { lhs.bitwiseAnd(rhs) }
    /// Bitwise OR (logical on bool masks), PyTorch's `bitwise_or`.
    public static func | (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.bitwiseOr(rhs) }
    /// Bitwise OR (logical on bool masks), PyTorch's `bitwise_or`.
    public static func | <S: TensorScalar>(lhs: Tensor, rhs: S) -> Tensor { lhs.bitwiseOr(rhs) }
    /// Bitwise XOR (logical on bool masks), PyTorch's `bitwise_xor`.
    public static func ^ (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.bitwiseXor(rhs) }
    /// Bitwise XOR (logical on bool masks), PyTorch's `bitwise_xor`.
    public static func ^ <S: TensorScalar>(lhs: Tensor, rhs: S) -> Tensor { lhs.bitwiseXor(rhs) }
    /// A number first, as Python's `3 & x` (the operation commutes).
    public static func & <S: TensorScalar>(lhs: S, rhs: Tensor) -> Tensor { rhs.bitwiseAnd(lhs) }
    /// A number first, as Python's `3 | x`.
    public static func | <S: TensorScalar>(lhs: S, rhs: Tensor) -> Tensor { rhs.bitwiseOr(lhs) }
    /// A number first, as Python's `3 ^ x`.
    public static func ^ <S: TensorScalar>(lhs: S, rhs: Tensor) -> Tensor { rhs.bitwiseXor(lhs) }
    /// Bitwise NOT (logical on bool masks), PyTorch's `bitwise_not`.
    public static prefix func ~ (operand: Tensor) -> Tensor { operand.bitwiseNot() }

    /// In-place bitwise AND, PyTorch's `bitwise_and_`.
    public static func &= (lhs: inout Tensor, rhs: Tensor) { lhs.bitwiseAnd_(rhs) }
    /// In-place bitwise OR, PyTorch's `bitwise_or_`.
    public static func |= (lhs: inout Tensor, rhs: Tensor) { lhs.bitwiseOr_(rhs) }
    /// In-place bitwise XOR, PyTorch's `bitwise_xor_`.
    public static func ^= (lhs: inout Tensor, rhs: Tensor) { lhs.bitwiseXor_(rhs) }
}
