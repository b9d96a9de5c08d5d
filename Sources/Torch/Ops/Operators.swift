/// Exponentiation binds tighter than multiplication, as `**` does in Python.
precedencegroup ExponentiationPrecedence {
    associativity: right
    higherThan: MultiplicationPrecedence
}

/// `x ** y`: elementwise power, PyTorch's `pow`.
infix operator ** : ExponentiationPrecedence

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
}
