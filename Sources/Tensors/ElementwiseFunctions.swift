/// Elementwise functions as types. Kernels are generic over these, so each specialised loop
/// calls its function directly and vectorises; a closure captured by the multi-core loop
/// would be called indirectly for every element.

protocol BinaryFunction {
    associatedtype Input
    associatedtype Output
    static func apply(_ x: Input, _ y: Input) -> Output
}

protocol UnaryFunction {
    associatedtype Input
    associatedtype Output
    static func apply(_ x: Input) -> Output
}

// Floating point arithmetic.
enum FloatAdd<T: FloatMath>: BinaryFunction { static func apply(_ x: T, _ y: T) -> T { x + y } }
enum FloatSubtract<T: FloatMath>: BinaryFunction { static func apply(_ x: T, _ y: T) -> T { x - y } }
enum FloatMultiply<T: FloatMath>: BinaryFunction { static func apply(_ x: T, _ y: T) -> T { x * y } }
enum FloatDivide<T: FloatMath>: BinaryFunction { static func apply(_ x: T, _ y: T) -> T { x / y } }
enum FloatFloorDivide<T: FloatMath>: BinaryFunction { static func apply(_ x: T, _ y: T) -> T { (x / y).rounded(.down) } }
/// The remainder with the divisor's sign, from `fmod` as TensorFlow computes it.
enum FloatModulo<T: FloatMath>: BinaryFunction {
    static func apply(_ x: T, _ y: T) -> T {
        let r = T.mathFmod(x, y)
        return r != 0 && (y < 0) != (r < 0) ? r + y : r
    }
}
enum FloatPower<T: FloatMath>: BinaryFunction { static func apply(_ x: T, _ y: T) -> T { T.mathPow(x, y) } }
/// NaN in either operand gives NaN, as TensorFlow's Maximum does.
enum FloatMaximum<T: FloatMath>: BinaryFunction {
    static func apply(_ x: T, _ y: T) -> T { x.isNaN ? x : (y.isNaN ? y : (x > y ? x : y)) }
}
enum FloatMinimum<T: FloatMath>: BinaryFunction {
    static func apply(_ x: T, _ y: T) -> T { x.isNaN ? x : (y.isNaN ? y : (x < y ? x : y)) }
}

// Integer arithmetic wraps around, as TensorFlow's does. Divisors are checked for zero first.
enum IntAdd<T: IntegerElement>: BinaryFunction { static func apply(_ x: T, _ y: T) -> T { x &+ y } }
enum IntSubtract<T: IntegerElement>: BinaryFunction { static func apply(_ x: T, _ y: T) -> T { x &- y } }
enum IntMultiply<T: IntegerElement>: BinaryFunction { static func apply(_ x: T, _ y: T) -> T { x &* y } }
enum IntDivide<T: IntegerElement>: BinaryFunction {
    static func apply(_ x: T, _ y: T) -> T { x.dividedReportingOverflow(by: y).partialValue }
}
enum IntFloorDivide<T: IntegerElement>: BinaryFunction { static func apply(_ x: T, _ y: T) -> T { floorDivide(x, y) } }
enum IntModulo<T: IntegerElement>: BinaryFunction { static func apply(_ x: T, _ y: T) -> T { floorModulo(x, y) } }
enum IntPower<T: IntegerElement>: BinaryFunction { static func apply(_ x: T, _ y: T) -> T { wrappingPower(x, y) } }
enum IntMaximum<T: IntegerElement>: BinaryFunction { static func apply(_ x: T, _ y: T) -> T { Swift.max(x, y) } }
enum IntMinimum<T: IntegerElement>: BinaryFunction { static func apply(_ x: T, _ y: T) -> T { Swift.min(x, y) } }

// Comparisons, for every dtype that has them.
enum Equal<T: Equatable>: BinaryFunction { static func apply(_ x: T, _ y: T) -> Bool { x == y } }
enum NotEqual<T: Equatable>: BinaryFunction { static func apply(_ x: T, _ y: T) -> Bool { x != y } }
enum Less<T: Comparable>: BinaryFunction { static func apply(_ x: T, _ y: T) -> Bool { x < y } }
enum LessEqual<T: Comparable>: BinaryFunction { static func apply(_ x: T, _ y: T) -> Bool { x <= y } }
enum Greater<T: Comparable>: BinaryFunction { static func apply(_ x: T, _ y: T) -> Bool { x > y } }
enum GreaterEqual<T: Comparable>: BinaryFunction { static func apply(_ x: T, _ y: T) -> Bool { x >= y } }
enum LogicalAnd: BinaryFunction { static func apply(_ x: Bool, _ y: Bool) -> Bool { x && y } }
enum LogicalOr: BinaryFunction { static func apply(_ x: Bool, _ y: Bool) -> Bool { x || y } }

// One-operand float functions.
enum FloatNegate<T: FloatMath>: UnaryFunction { static func apply(_ x: T) -> T { -x } }
enum FloatAbs<T: FloatMath>: UnaryFunction { static func apply(_ x: T) -> T { Swift.abs(x) } }
/// The sign of ±0 is +0 and of NaN is NaN.
enum FloatSign<T: FloatMath>: UnaryFunction { static func apply(_ x: T) -> T { x > 0 ? 1 : (x < 0 ? -1 : (x.isNaN ? x : 0)) } }
enum FloatSquare<T: FloatMath>: UnaryFunction { static func apply(_ x: T) -> T { x * x } }
enum FloatSqrt<T: FloatMath>: UnaryFunction { static func apply(_ x: T) -> T { x.squareRoot() } }
enum FloatRsqrt<T: FloatMath>: UnaryFunction { static func apply(_ x: T) -> T { 1 / x.squareRoot() } }
enum FloatReciprocal<T: FloatMath>: UnaryFunction { static func apply(_ x: T) -> T { 1 / x } }
enum FloatExp<T: FloatMath>: UnaryFunction { static func apply(_ x: T) -> T { T.mathExp(x) } }
enum FloatLog<T: FloatMath>: UnaryFunction { static func apply(_ x: T) -> T { T.mathLog(x) } }
enum FloatSin<T: FloatMath>: UnaryFunction { static func apply(_ x: T) -> T { T.mathSin(x) } }
enum FloatCos<T: FloatMath>: UnaryFunction { static func apply(_ x: T) -> T { T.mathCos(x) } }
enum FloatTan<T: FloatMath>: UnaryFunction { static func apply(_ x: T) -> T { T.mathTan(x) } }
enum FloatTanh<T: FloatMath>: UnaryFunction { static func apply(_ x: T) -> T { T.mathTanh(x) } }
enum FloatSigmoid<T: FloatMath>: UnaryFunction { static func apply(_ x: T) -> T { 1 / (1 + T.mathExp(-x)) } }
/// NaN passes through relu, as in TensorFlow.
enum FloatRelu<T: FloatMath>: UnaryFunction { static func apply(_ x: T) -> T { x < 0 ? 0 : x } }
enum FloatFloor<T: FloatMath>: UnaryFunction { static func apply(_ x: T) -> T { x.rounded(.down) } }
enum FloatCeil<T: FloatMath>: UnaryFunction { static func apply(_ x: T) -> T { x.rounded(.up) } }
enum FloatRound<T: FloatMath>: UnaryFunction { static func apply(_ x: T) -> T { x.rounded(.toNearestOrEven) } }

// One-operand integer functions, wrapping: -(-2^31) is -2^31 in int32.
enum IntNegate<T: IntegerElement>: UnaryFunction { static func apply(_ x: T) -> T { 0 &- x } }
enum IntAbs<T: IntegerElement>: UnaryFunction { static func apply(_ x: T) -> T { x < 0 ? 0 &- x : x } }
enum IntSign<T: IntegerElement>: UnaryFunction { static func apply(_ x: T) -> T { x > 0 ? 1 : (x < 0 ? -1 : 0) } }
enum IntSquare<T: IntegerElement>: UnaryFunction { static func apply(_ x: T) -> T { x &* x } }
enum IntRelu<T: IntegerElement>: UnaryFunction { static func apply(_ x: T) -> T { Swift.max(x, 0) } }
enum LogicalNot: UnaryFunction { static func apply(_ x: Bool) -> Bool { !x } }

/// `F` applied to every element, split over cores for large arrays.
func mapElements<F: UnaryFunction>(_ source: [F.Input], _: F.Type, costPerElement: Int = 1) -> [F.Output] {
    let count = source.count
    return source.withUnsafeBufferPointer { src in
        makeArray(count: count) { (out: UnsafeMutableBufferPointer<F.Output>) in
            guard let s = src.baseAddress, let o = out.baseAddress else { return }
            let shared = UncheckedSendable((s, o))
            Parallel.forEachChunk(count: count, costPerElement: costPerElement) { range in
                let (s, o) = shared.value
                for i in range { o[i] = F.apply(s[i]) }
            }
        }
    }
}
