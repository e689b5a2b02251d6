/// Arithmetic on 0-d float tensors without the broadcasting and kernel set-up arrays need.
///
/// Notebook cells do much of their maths on scalars (a loss, `x * x` on a `tf.constant(3.0)`,
/// every step of a second derivative), where that set-up costs many times the one operation.
extension Tensor {
    /// `binary(op, a, b)` when `a` and `b` are 0-d tensors of one floating-point dtype and `op` is
    /// `+`, `-`, `*` or `/`; nil otherwise. The result is the kernel's, bit for bit: the same
    /// element functions compute it.
    public static func scalarArithmetic(_ op: BinaryOperation, _ a: Tensor, _ b: Tensor) -> Tensor? {
        guard a.shape.isEmpty, b.shape.isEmpty else { return nil }
        switch (a.storage, b.storage) {
        case (.float32(let x), .float32(let y)):
            guard x.count == 1, y.count == 1, let value = arithmetic(op, x[0], y[0]) else { return nil }
            return Tensor(unchecked: [], .float32([value]))
        case (.float64(let x), .float64(let y)):
            guard x.count == 1, y.count == 1, let value = arithmetic(op, x[0], y[0]) else { return nil }
            return Tensor(unchecked: [], .float64([value]))
        default:
            return nil
        }
    }

    @inline(__always)
    private static func arithmetic<T: FloatMath>(_ op: BinaryOperation, _ x: T, _ y: T) -> T? {
        switch op {
        case .add: return FloatAdd<T>.apply(x, y)
        case .subtract: return FloatSubtract<T>.apply(x, y)
        case .multiply: return FloatMultiply<T>.apply(x, y)
        case .divide: return FloatDivide<T>.apply(x, y)
        default: return nil
        }
    }

    /// A 0-d one of float `dtype` whose storage all callers share (gradients are seeded with it);
    /// nil for other dtypes.
    public static func sharedScalarOne(_ dtype: DType) -> Tensor? {
        switch dtype {
        case .float32: return float32One
        case .float64: return float64One
        default: return nil
        }
    }

    private static let float32One = Tensor(Float(1))
    private static let float64One = Tensor(Double(1))
}
