/// The elements of a tensor, in row-major order, in their own Swift type.
///
/// Swift arrays give the copy-on-write value semantics tensors need.
public enum TensorStorage: Sendable {
    case bool([Bool])
    case int32([Int32])
    case int64([Int64])
    case float32([Float])
    case float64([Double])

    public var dtype: DType {
        switch self {
        case .bool: return .bool
        case .int32: return .int32
        case .int64: return .int64
        case .float32: return .float32
        case .float64: return .float64
        }
    }

    public var count: Int {
        switch self {
        case .bool(let a): return a.count
        case .int32(let a): return a.count
        case .int64(let a): return a.count
        case .float32(let a): return a.count
        case .float64(let a): return a.count
        }
    }
}

/// A dense n-dimensional array: a shape and row-major elements of one dtype.
public struct Tensor: Sendable {
    public let shape: [Int]
    public let storage: TensorStorage

    /// Makes a tensor from `storage` laid out as `shape`.
    /// - Throws: when the shape's element count is not the storage's, overflows, or passes
    ///   `TensorLimits.maxElements`.
    public init(shape: [Int], storage: TensorStorage) throws(TensorError) {
        let count = try TensorLimits.elementCount(of: shape, dtype: storage.dtype)
        guard count == storage.count else {
            throw .invalidArgument("Input to reshape is a tensor with \(storage.count) values, but the requested shape has \(count)")
        }
        self.shape = shape
        self.storage = storage
    }

    /// Makes a tensor whose shape is known to match the storage's count (kernels' own results).
    init(unchecked shape: [Int], _ storage: TensorStorage) {
        self.shape = shape
        self.storage = storage
    }

    public var dtype: DType { storage.dtype }
    public var rank: Int { shape.count }
    public var count: Int { storage.count }
    /// Bytes the elements occupy.
    public var byteCount: Int { count * dtype.byteSize }
}
