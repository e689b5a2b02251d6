#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The C math library's functions for each floating-point element type, so kernels can be
/// written once for float32 and float64 and still call `expf` for float32.
protocol FloatMath: BinaryFloatingPoint, TensorElement {
    static func mathExp(_ x: Self) -> Self
    static func mathLog(_ x: Self) -> Self
    static func mathSin(_ x: Self) -> Self
    static func mathCos(_ x: Self) -> Self
    static func mathTan(_ x: Self) -> Self
    static func mathTanh(_ x: Self) -> Self
    static func mathPow(_ x: Self, _ y: Self) -> Self
    static func mathFmod(_ x: Self, _ y: Self) -> Self
}

extension Float: FloatMath {
    static func mathExp(_ x: Float) -> Float { expf(x) }
    static func mathLog(_ x: Float) -> Float { logf(x) }
    static func mathSin(_ x: Float) -> Float { sinf(x) }
    static func mathCos(_ x: Float) -> Float { cosf(x) }
    static func mathTan(_ x: Float) -> Float { tanf(x) }
    static func mathTanh(_ x: Float) -> Float { tanhf(x) }
    static func mathPow(_ x: Float, _ y: Float) -> Float { powf(x, y) }
    static func mathFmod(_ x: Float, _ y: Float) -> Float { fmodf(x, y) }
}

extension Double: FloatMath {
    static func mathExp(_ x: Double) -> Double { exp(x) }
    static func mathLog(_ x: Double) -> Double { log(x) }
    static func mathSin(_ x: Double) -> Double { sin(x) }
    static func mathCos(_ x: Double) -> Double { cos(x) }
    static func mathTan(_ x: Double) -> Double { tan(x) }
    static func mathTanh(_ x: Double) -> Double { tanh(x) }
    static func mathPow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
    static func mathFmod(_ x: Double, _ y: Double) -> Double { fmod(x, y) }
}

/// Elements that are signed fixed-width integers (int32, int64).
protocol IntegerElement: FixedWidthInteger, SignedInteger, TensorElement {}
extension Int32: IntegerElement {}
extension Int64: IntegerElement {}

/// TensorFlow's error for a kernel that has no implementation for `dtype`; `allowed` lists the
/// types that have one, in TensorFlow's order.
func unsupportedType(_ dtype: DType, allowed: String) -> TensorError {
    .invalidArgument("Value for attr 'T' of \(dtype.kernelName) is not in the list of allowed values: \(allowed)")
}

/// TensorFlow's error for a kernel that takes only bool inputs.
func expectedBool(_ opName: String, _ dtype: DType, input: Int = 0) -> TensorError {
    .invalidArgument("cannot compute \(opName) as input #\(input)(zero-based) was expected to be a bool tensor but is a \(dtype.kernelName) tensor")
}

/// The allowed-type lists TensorFlow prints, by kernel family.
enum AllowedTypes {
    static let floats = "bfloat16, half, float, double, complex64, complex128"
    static let realFloats = "bfloat16, half, float, double"
    static let abs = "bfloat16, half, float, double, int8, int16, int32, int64"
    static let signed = "bfloat16, half, float, double, int8, int16, int32, int64, complex64, complex128"
    static let square = "bfloat16, half, float, double, int8, int16, int32, int64, uint8, uint16, uint32, uint64, complex64, complex128"
    static let relu = "float, double, int32, uint8, int16, int8, int64, bfloat16, uint16, half, uint32, uint64, qint8"
    static let add = "bfloat16, half, float, double, uint8, uint16, uint32, uint64, int8, int16, int32, int64, complex64, complex128"
    static let sub = "bfloat16, half, float, double, uint8, int8, uint16, int16, int32, int64, complex64, complex128, uint32, uint64"
    static let mul = "bfloat16, half, float, double, uint8, int8, uint16, int16, int32, uint32, uint64, int64, complex64, complex128"
    static let floorMod = "int8, int16, int32, int64, uint8, uint16, uint32, uint64, bfloat16, half, float, double"
    static let pow = "bfloat16, float, half, double, int8, int16, int32, int64, complex64, complex128"
    static let maximum = "bfloat16, half, float, double, int8, uint8, int16, uint16, int32, uint32, int64, uint64"
    static let compare = "float, double, int32, uint8, int16, int8, int64, bfloat16, uint16, half, uint32, uint64"
    static let sum = "float, double, int32, uint8, int16, int8, complex64, int64, qint8, quint8, qint32, bfloat16, qint16, quint16, uint16, complex128, half, uint32, uint64"
    static let max = "float, double, int32, uint8, int16, int8, int64, bfloat16, uint16, half, uint32, uint64, qint8, quint8, qint32, qint16, quint16"
    static let matmul = "bfloat16, half, float, double, int32, int64, uint8, uint16, uint32, uint64, complex64, complex128"
}
