@testable import Tensors

/// A tensor from literal values, converted to `dtype`.
func tensor(_ shape: [Int], _ values: [Double], _ dtype: DType = .float32) throws(TensorError) -> Tensor {
    try Tensor(shape: shape, doubles: values, dtype: dtype)
}

/// Elements as doubles with NaN made comparable: NaN becomes a marker string.
func values(_ t: Tensor) -> [String] {
    t.scalarDoubles().map { $0.isNaN ? "nan" : ($0 == 0 && $0.sign == .minus ? "-0" : "\($0)") }
}

func expected(_ doubles: [Double]) -> [String] {
    doubles.map { $0.isNaN ? "nan" : ($0 == 0 && $0.sign == .minus ? "-0" : "\($0)") }
}

/// The float32 elements themselves, for exact float32 comparisons.
func floats(_ t: Tensor) -> [Float] {
    if case .float32(let a) = t.storage { return a }
    return []
}

/// The `TensorError` that `body` throws, or nil when it succeeds or throws something else.
func error(_ body: () throws -> Void) -> TensorError? {
    do { try body() } catch let error as TensorError { return error } catch { return nil }
    return nil
}

func invalid(_ message: String) -> TensorError { .invalidArgument(message) }
