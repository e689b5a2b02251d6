extension Tensor {
    /// `(a * scale) * b` elementwise with numpy broadcasting, each element rounded exactly as
    /// those two multiplications in that order round it.
    ///
    /// When `a` has `b`'s shape or is a single element, this is one pass over `b` with no
    /// tensor for `a * scale`: the gradient of `square` (`scale` 2) without a temporary the
    /// size of its input. Other shapes take the two multiplications.
    /// - Throws: what `binary(.multiply, …)` throws for these operands.
    public static func scaledProduct(_ a: Tensor, scale: Double, _ b: Tensor) throws(TensorError) -> Tensor {
        let fused = a.shape == b.shape || (a.count == 1 && a.rank <= b.rank)
        switch (a.storage, b.storage) {
        case (.float32(let x), .float32(let y)) where fused:
            return Tensor(unchecked: b.shape, .float32(scaledProduct(x, Float(scale), y)))
        case (.float64(let x), .float64(let y)) where fused:
            return Tensor(unchecked: b.shape, .float64(scaledProduct(x, scale, y)))
        default:
            let factor = try Tensor(shape: [], doubles: [scale], dtype: a.dtype)
            return try binary(.multiply, binary(.multiply, a, factor), b)
        }
    }

    /// `x` has `y`'s count or one element.
    private static func scaledProduct<T: FloatMath>(_ x: [T], _ scale: T, _ y: [T]) -> [T] {
        let count = y.count
        return x.withUnsafeBufferPointer { px in
            y.withUnsafeBufferPointer { py in
                makeArray(count: count) { (out: UnsafeMutableBufferPointer<T>) in
                    guard let a = px.baseAddress, let b = py.baseAddress, let o = out.baseAddress else { return }
                    let shared = UncheckedSendable((a, b, o))
                    if px.count == count {
                        Parallel.forEachChunk(count: count) { range in
                            let (a, b, o) = shared.value
                            for i in range { o[i] = FloatMultiply<T>.apply(FloatMultiply<T>.apply(a[i], scale), b[i]) }
                        }
                    } else {
                        let scaled = FloatMultiply<T>.apply(a[0], scale)
                        Parallel.forEachChunk(count: count) { range in
                            let (_, b, o) = shared.value
                            for i in range { o[i] = FloatMultiply<T>.apply(scaled, b[i]) }
                        }
                    }
                }
            }
        }
    }
}
