extension Tensor {
    /// Whether the tensor has rank 0.
    public var isScalar: Bool { shape.isEmpty }

    /// Every element converted to `Double` (bool: 0 or 1), in row-major order.
    public func scalarDoubles() -> [Double] {
        switch storage {
        case .bool(let a): return a.map { $0 ? 1 : 0 }
        case .int32(let a): return a.map { Double($0) }
        case .int64(let a): return a.map { Double($0) }
        case .float32(let a): return a.map { Double($0) }
        case .float64(let a): return a
        }
    }

    /// Every element converted to `Int64` by cast rules (floats truncate toward zero).
    public func scalarInt64s() -> [Int64] {
        switch storage {
        case .bool(let a): return a.map { $0 ? 1 : 0 }
        case .int32(let a): return a.map { Int64($0) }
        case .int64(let a): return a
        case .float32(let a): return a.map { castToInt64($0) }
        case .float64(let a): return a.map { castToInt64($0) }
        }
    }

    /// The element at `flatIndex` in row-major order, as `Double`; NaN when the index is outside
    /// the tensor.
    public func double(at flatIndex: Int) -> Double {
        guard flatIndex >= 0, flatIndex < count else { return .nan }
        switch storage {
        case .bool(let a): return a[flatIndex] ? 1 : 0
        case .int32(let a): return Double(a[flatIndex])
        case .int64(let a): return Double(a[flatIndex])
        case .float32(let a): return Double(a[flatIndex])
        case .float64(let a): return a[flatIndex]
        }
    }
}

extension TensorStorage {
    /// The elements at `base + Σ index[d] * strides[d]` for every index of `shape`.
    func gathered(base: Int = 0, shape: [Int], strides: [Int]) -> TensorStorage {
        switch self {
        case .bool(let a): return .bool(gather(a, base: base, shape: shape, strides: strides))
        case .int32(let a): return .int32(gather(a, base: base, shape: shape, strides: strides))
        case .int64(let a): return .int64(gather(a, base: base, shape: shape, strides: strides))
        case .float32(let a): return .float32(gather(a, base: base, shape: shape, strides: strides))
        case .float64(let a): return .float64(gather(a, base: base, shape: shape, strides: strides))
        }
    }
}
