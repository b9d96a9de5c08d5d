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
    public static func + (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.add(rhs) }
    public static func + <S: TensorScalar>(lhs: Tensor, rhs: S) -> Tensor { lhs.add(Tensor.wrapped(rhs.scalar)) }
    public static func + <S: TensorScalar>(lhs: S, rhs: Tensor) -> Tensor { Tensor.wrapped(lhs.scalar).add(rhs) }

    public static func - (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.sub(rhs) }
    public static func - <S: TensorScalar>(lhs: Tensor, rhs: S) -> Tensor { lhs.sub(Tensor.wrapped(rhs.scalar)) }
    public static func - <S: TensorScalar>(lhs: S, rhs: Tensor) -> Tensor { Tensor.wrapped(lhs.scalar).sub(rhs) }

    public static func * (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.mul(rhs) }
    public static func * <S: TensorScalar>(lhs: Tensor, rhs: S) -> Tensor { lhs.mul(Tensor.wrapped(rhs.scalar)) }
    public static func * <S: TensorScalar>(lhs: S, rhs: Tensor) -> Tensor { Tensor.wrapped(lhs.scalar).mul(rhs) }

    public static func / (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.div(rhs) }
    public static func / <S: TensorScalar>(lhs: Tensor, rhs: S) -> Tensor { lhs.div(Tensor.wrapped(rhs.scalar)) }
    public static func / <S: TensorScalar>(lhs: S, rhs: Tensor) -> Tensor { Tensor.wrapped(lhs.scalar).div(rhs) }

    public static prefix func - (operand: Tensor) -> Tensor { operand.neg() }

    public static func += (lhs: Tensor, rhs: Tensor) { lhs.add_(rhs) }
    public static func += <S: TensorScalar>(lhs: Tensor, rhs: S) { lhs.add_(rhs) }
    public static func -= (lhs: Tensor, rhs: Tensor) { lhs.sub_(rhs) }
    public static func -= <S: TensorScalar>(lhs: Tensor, rhs: S) { lhs.sub_(rhs) }
    public static func *= (lhs: Tensor, rhs: Tensor) { lhs.mul_(rhs) }
    public static func *= <S: TensorScalar>(lhs: Tensor, rhs: S) { lhs.mul_(rhs) }
    public static func /= (lhs: Tensor, rhs: Tensor) { lhs.div_(rhs) }
    public static func /= <S: TensorScalar>(lhs: Tensor, rhs: S) { lhs.div_(rhs) }

    public static func ** (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.pow(rhs) }
    public static func ** <S: TensorScalar>(lhs: Tensor, rhs: S) -> Tensor { lhs.pow(Tensor.wrapped(rhs.scalar)) }
    public static func ** <S: TensorScalar>(lhs: S, rhs: Tensor) -> Tensor { Tensor.wrapped(lhs.scalar).pow(rhs) }
    public static func **= (lhs: Tensor, rhs: Tensor) { lhs.pow_(rhs) }
    public static func **= <S: TensorScalar>(lhs: Tensor, rhs: S) { lhs.pow_(rhs) }

    public static func % (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.remainder(rhs) }
    public static func % <S: TensorScalar>(lhs: Tensor, rhs: S) -> Tensor { lhs.remainder(Tensor.wrapped(rhs.scalar)) }
    public static func % <S: TensorScalar>(lhs: S, rhs: Tensor) -> Tensor { Tensor.wrapped(lhs.scalar).remainder(rhs) }
    public static func %= (lhs: Tensor, rhs: Tensor) { lhs.remainder_(rhs) }
    public static func %= <S: TensorScalar>(lhs: Tensor, rhs: S) { lhs.remainder_(rhs) }
}

// Comparisons return bool tensors, as in PyTorch (`x > 0` is a mask). Tensor is
// not Equatable, so `==` and `!=` are free to mean the elementwise `eq` and `ne`.
extension Tensor {
    public static func == (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.eq(rhs) }
    public static func == <S: TensorScalar>(lhs: Tensor, rhs: S) -> Tensor { lhs.eq(Tensor.wrapped(rhs.scalar)) }
    public static func == <S: TensorScalar>(lhs: S, rhs: Tensor) -> Tensor { Tensor.wrapped(lhs.scalar).eq(rhs) }

    public static func != (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.ne(rhs) }
    public static func != <S: TensorScalar>(lhs: Tensor, rhs: S) -> Tensor { lhs.ne(Tensor.wrapped(rhs.scalar)) }
    public static func != <S: TensorScalar>(lhs: S, rhs: Tensor) -> Tensor { Tensor.wrapped(lhs.scalar).ne(rhs) }

    public static func < (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.lt(rhs) }
    public static func < <S: TensorScalar>(lhs: Tensor, rhs: S) -> Tensor { lhs.lt(Tensor.wrapped(rhs.scalar)) }
    public static func < <S: TensorScalar>(lhs: S, rhs: Tensor) -> Tensor { Tensor.wrapped(lhs.scalar).lt(rhs) }

    public static func <= (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.le(rhs) }
    public static func <= <S: TensorScalar>(lhs: Tensor, rhs: S) -> Tensor { lhs.le(Tensor.wrapped(rhs.scalar)) }
    public static func <= <S: TensorScalar>(lhs: S, rhs: Tensor) -> Tensor { Tensor.wrapped(lhs.scalar).le(rhs) }

    public static func > (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.gt(rhs) }
    public static func > <S: TensorScalar>(lhs: Tensor, rhs: S) -> Tensor { lhs.gt(Tensor.wrapped(rhs.scalar)) }
    public static func > <S: TensorScalar>(lhs: S, rhs: Tensor) -> Tensor { Tensor.wrapped(lhs.scalar).gt(rhs) }

    public static func >= (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.ge(rhs) }
    public static func >= <S: TensorScalar>(lhs: Tensor, rhs: S) -> Tensor { lhs.ge(Tensor.wrapped(rhs.scalar)) }
    public static func >= <S: TensorScalar>(lhs: S, rhs: Tensor) -> Tensor { Tensor.wrapped(lhs.scalar).ge(rhs) }
}

// Bitwise operators: logical on bool tensors (masks), bitwise on integers.
extension Tensor {
    public static func & (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.bitwiseAnd(rhs) }
    public static func & <S: TensorScalar>(lhs: Tensor, rhs: S) -> Tensor { lhs.bitwiseAnd(rhs) }
    public static func | (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.bitwiseOr(rhs) }
    public static func | <S: TensorScalar>(lhs: Tensor, rhs: S) -> Tensor { lhs.bitwiseOr(rhs) }
    public static func ^ (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.bitwiseXor(rhs) }
    public static func ^ <S: TensorScalar>(lhs: Tensor, rhs: S) -> Tensor { lhs.bitwiseXor(rhs) }
    public static prefix func ~ (operand: Tensor) -> Tensor { operand.bitwiseNot() }

    public static func &= (lhs: Tensor, rhs: Tensor) { lhs.bitwiseAnd_(rhs) }
    public static func |= (lhs: Tensor, rhs: Tensor) { lhs.bitwiseOr_(rhs) }
    public static func ^= (lhs: Tensor, rhs: Tensor) { lhs.bitwiseXor_(rhs) }
}
