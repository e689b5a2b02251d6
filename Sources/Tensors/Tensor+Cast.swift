/// TensorFlow's cast rules on x86: float to integer truncates toward zero, and NaN or a value
/// out of the target's range gives the target's minimum (what `cvttss2si` produces).

@inline(__always)
func castToInt32<F: BinaryFloatingPoint>(_ value: F) -> Int32 {
    // Comparing against the exact powers of two keeps the boundaries right for float32 too.
    guard value.isFinite, value > -0x1p31 - 1, value < 0x1p31 else { return .min }
    return Int32(value.rounded(.towardZero))
}

@inline(__always)
func castToInt64<F: BinaryFloatingPoint>(_ value: F) -> Int64 {
    guard value.isFinite, value >= -0x1p63, value < 0x1p63 else { return .min }
    return Int64(value.rounded(.towardZero))
}

@inline(__always)
func castToBool<F: BinaryFloatingPoint>(_ value: F) -> Bool { value != 0 }

extension TensorStorage {
    /// `doubles` converted to `dtype` by cast rules (float32 rounds to nearest).
    static func converting(_ doubles: [Double], to dtype: DType) -> TensorStorage {
        switch dtype {
        case .bool: return .bool(doubles.map { castToBool($0) })
        case .int32: return .int32(doubles.map { castToInt32($0) })
        case .int64: return .int64(doubles.map { castToInt64($0) })
        case .float32: return .float32(doubles.map { Float($0) })
        case .float64: return .float64(doubles)
        }
    }
}

extension Tensor {
    /// The elements converted to `dtype` (`tf.cast`). Integers narrow by wrapping; floats to
    /// integers truncate toward zero, with NaN and out-of-range values becoming the minimum;
    /// numbers to bool test for non-zero (NaN is true); bool to numbers gives 0 or 1.
    public func cast(to dtype: DType) -> Tensor {
        if dtype == self.dtype { return self }
        return Tensor(unchecked: shape, castStorage(to: dtype))
    }

    private func castStorage(to dtype: DType) -> TensorStorage {
        switch storage {
        case .bool(let a):
            switch dtype {
            case .bool: return storage
            case .int32: return .int32(mapElements(a) { $0 ? 1 : 0 })
            case .int64: return .int64(mapElements(a) { $0 ? 1 : 0 })
            case .float32: return .float32(mapElements(a) { $0 ? 1 : 0 })
            case .float64: return .float64(mapElements(a) { $0 ? 1 : 0 })
            }
        case .int32(let a):
            switch dtype {
            case .bool: return .bool(mapElements(a) { $0 != 0 })
            case .int32: return storage
            case .int64: return .int64(mapElements(a) { Int64($0) })
            case .float32: return .float32(mapElements(a) { Float($0) })
            case .float64: return .float64(mapElements(a) { Double($0) })
            }
        case .int64(let a):
            switch dtype {
            case .bool: return .bool(mapElements(a) { $0 != 0 })
            case .int32: return .int32(mapElements(a) { Int32(truncatingIfNeeded: $0) })
            case .int64: return storage
            case .float32: return .float32(mapElements(a) { Float($0) })
            case .float64: return .float64(mapElements(a) { Double($0) })
            }
        case .float32(let a):
            switch dtype {
            case .bool: return .bool(mapElements(a) { castToBool($0) })
            case .int32: return .int32(mapElements(a) { castToInt32($0) })
            case .int64: return .int64(mapElements(a) { castToInt64($0) })
            case .float32: return storage
            case .float64: return .float64(mapElements(a) { Double($0) })
            }
        case .float64(let a):
            switch dtype {
            case .bool: return .bool(mapElements(a) { castToBool($0) })
            case .int32: return .int32(mapElements(a) { castToInt32($0) })
            case .int64: return .int64(mapElements(a) { castToInt64($0) })
            case .float32: return .float32(mapElements(a) { Float($0) })
            case .float64: return storage
            }
        }
    }
}

/// `transform` applied to every element, split over cores for large arrays.
@inline(__always)
func mapElements<T, R>(_ source: [T], costPerElement: Int = 1, _ transform: (T) -> R) -> [R] {
    let count = source.count
    return source.withUnsafeBufferPointer { src in
        makeArray(count: count) { (out: UnsafeMutableBufferPointer<R>) in
            guard let s = src.baseAddress, let o = out.baseAddress else { return }
            let shared = UncheckedSendable((s, o))
            Parallel.forEachChunk(count: count, costPerElement: costPerElement) { range in
                let (s, o) = shared.value
                for i in range { (o + i).initialize(to: transform(s[i])) }
            }
        }
    }
}
