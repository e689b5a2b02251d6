import Synchronization

/// Process-wide limits on tensor sizes, set once from the configuration at start-up.
public enum TensorLimits {
    private static let maxElementsStorage = Atomic<Int>(1 << 26)

    /// The most elements one tensor may hold (default 2^26).
    public static var maxElements: Int {
        get { maxElementsStorage.load(ordering: .relaxed) }
        set { maxElementsStorage.store(newValue, ordering: .relaxed) }
    }

    /// The element count of `shape`, or an error when a dimension is negative, the count
    /// overflows, or it passes `maxElements`.
    public static func elementCount(of shape: [Int], dtype: DType) throws(TensorError) -> Int {
        var count = 1
        for dim in shape {
            guard dim >= 0 else {
                throw .invalidArgument("Dimension \(dim) must be >= 0")
            }
            let (product, overflow) = count.multipliedReportingOverflow(by: dim)
            guard !overflow else {
                throw TensorError(.resourceExhausted, oomMessage(shape: shape, dtype: dtype))
            }
            count = product
        }
        guard count <= maxElements else {
            throw TensorError(.resourceExhausted, oomMessage(shape: shape, dtype: dtype))
        }
        return count
    }

    /// TensorFlow's wording for an allocation that cannot be made.
    public static func oomMessage(shape: [Int], dtype: DType) -> String {
        let dims = shape.map(String.init).joined(separator: ",")
        return "OOM when allocating tensor with shape[\(dims)] and type \(dtype.kernelName) on /job:localhost/replica:0/task:0/device:CPU:0 by allocator mklcpu"
    }
}
