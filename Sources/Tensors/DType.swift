/// The element types a tensor can hold, named as TensorFlow and numpy name them.
public enum DType: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case bool, int32, int64, float32, float64

    public var description: String { rawValue }

    /// Bytes one element occupies.
    public var byteSize: Int {
        switch self {
        case .bool: return 1
        case .int32, .float32: return 4
        case .int64, .float64: return 8
        }
    }

    public var isFloatingPoint: Bool { self == .float32 || self == .float64 }
    public var isInteger: Bool { self == .int32 || self == .int64 }

    /// The name TensorFlow uses in its type-mismatch messages (`a float tensor`, `a int32 tensor`).
    public var kernelName: String {
        switch self {
        case .bool: return "bool"
        case .int32: return "int32"
        case .int64: return "int64"
        case .float32: return "float"
        case .float64: return "double"
        }
    }
}
