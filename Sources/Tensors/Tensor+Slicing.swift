/// One entry of a numpy/TensorFlow subscript such as `t[1, ::-1, ..., None]`.
public enum SliceIndex: Sendable, Equatable {
    /// One position, removing its dimension; negative counts from the end.
    case index(Int)
    /// `start:stop:step`, each optional as in Python.
    case range(start: Int?, stop: Int?, step: Int?)
    /// `...`: as many full ranges as the dimensions not otherwise indexed.
    case ellipsis
    /// `None` / `tf.newaxis`: a new dimension of size 1.
    case newAxis
}

/// Where a subscript reads from: a start offset and, per result dimension, a size and stride.
private struct StridedView {
    var base = 0
    var shape: [Int] = []
    var strides: [Int] = []
}

extension Tensor {
    /// The elements `indices` select, with numpy's basic-indexing semantics (TensorFlow's
    /// `StridedSlice`): out-of-range range bounds clamp, integer indices must be in range.
    /// - Throws: `slice index 3 of dimension 0 out of bounds.`, `strides[0] must be non-zero`,
    ///   `Multiple ellipses in slice spec not allowed`,
    ///   `Index out of range using input dim 1; input has only 1 dims`.
    public func sliced(_ indices: [SliceIndex]) throws(TensorError) -> Tensor {
        let view = try Self.resolve(indices, shape: shape)
        return Tensor(unchecked: view.shape, storage.gathered(base: view.base, shape: view.shape, strides: view.strides))
    }

    /// The gradient of `sliced(indices)` with respect to its input: `grad` placed at the
    /// positions the slice read, in zeros of `inputShape`.
    /// - Throws: the slicing errors, or when `grad` does not have the slice's element count.
    public static func sliceGradient(_ grad: Tensor, inputShape: [Int], indices: [SliceIndex]) throws(TensorError) -> Tensor {
        let view = try resolve(indices, shape: inputShape)
        let sliceCount = view.shape.reduce(1, &*)
        guard grad.count == sliceCount else {
            throw .invalidArgument("Input to reshape is a tensor with \(grad.count) values, but the requested shape has \(sliceCount)")
        }
        let zeros = try Tensor.zeros(shape: inputShape, dtype: grad.dtype)
        let storage: TensorStorage
        switch (zeros.storage, grad.storage) {
        case (.bool(var z), .bool(let g)): scatter(g, into: &z, view); storage = .bool(z)
        case (.int32(var z), .int32(let g)): scatter(g, into: &z, view); storage = .int32(z)
        case (.int64(var z), .int64(let g)): scatter(g, into: &z, view); storage = .int64(z)
        case (.float32(var z), .float32(let g)): scatter(g, into: &z, view); storage = .float32(z)
        case (.float64(var z), .float64(let g)): scatter(g, into: &z, view); storage = .float64(z)
        default: storage = zeros.storage
        }
        return Tensor(unchecked: inputShape, storage)
    }

    private static func scatter<T>(_ source: [T], into target: inout [T], _ view: StridedView) {
        guard !source.isEmpty else { return }
        let layout = StridedLayout(shape: view.shape, strides: [view.strides])
        let length = layout.rowLength
        let step = layout.innerStride(0)
        target.withUnsafeMutableBufferPointer { out in
            source.withUnsafeBufferPointer { src in
                guard let o = out.baseAddress, let s = src.baseAddress else { return }
                layout.forEachRow(in: 0..<layout.rowCount) { start, offsets in
                    let to = o + (view.base &+ offsets[0])
                    for i in 0..<length { to[i &* step] = s[start &+ i] }
                }
            }
        }
    }

    private static func resolve(_ indices: [SliceIndex], shape: [Int]) throws(TensorError) -> StridedView {
        let rank = shape.count
        var ellipses = 0
        var real = 0
        for index in indices {
            switch index {
            case .ellipsis: ellipses += 1
            case .index, .range: real += 1
            case .newAxis: break
            }
        }
        guard ellipses <= 1 else { throw .invalidArgument("Multiple ellipses in slice spec not allowed") }
        guard real <= rank else {
            throw .invalidArgument("Index out of range using input dim \(rank); input has only \(rank) dims")
        }
        var spec = indices
        if ellipses == 0 { spec.append(.ellipsis) }
        let strides = contiguousStrides(shape)
        var view = StridedView()
        var d = 0
        for (position, index) in spec.enumerated() {
            switch index {
            case .newAxis:
                view.shape.append(1)
                view.strides.append(0)
            case .ellipsis:
                for _ in 0..<(rank - real) {
                    view.shape.append(shape[d])
                    view.strides.append(strides[d])
                    d += 1
                }
            case .index(let i):
                let n = shape[d]
                let at = i < 0 ? i &+ n : i
                guard at >= 0, at < n else { throw .invalidArgument("slice index \(at) of dimension \(d) out of bounds.") }
                view.base &+= at &* strides[d]
                d += 1
            case .range(let start, let stop, let step):
                let s = step ?? 1
                guard s != 0 else { throw .invalidArgument("strides[\(position)] must be non-zero") }
                let n = shape[d]
                let (first, length) = rangeBounds(start: start, stop: stop, step: s, size: n)
                view.base &+= first &* strides[d]
                view.shape.append(length)
                view.strides.append(length > 1 ? s &* strides[d] : 0)
                d += 1
            }
        }
        return view
    }

    /// The first position and length of `start:stop:step` over a dimension of `size`,
    /// clamping bounds the way Python slices do.
    private static func rangeBounds(start: Int?, stop: Int?, step: Int, size n: Int) -> (Int, Int) {
        func wrap(_ v: Int) -> Int { v < 0 ? v &+ n : v }
        let magnitude = UInt(step.magnitude)
        if step > 0 {
            let lo = min(max(start.map(wrap) ?? 0, 0), n)
            let hi = min(max(stop.map(wrap) ?? n, 0), n)
            guard hi > lo else { return (0, 0) }
            let distance = UInt(hi - lo)
            return (lo, Int((distance + magnitude - 1) / magnitude))
        } else {
            let hi = min(max(start.map(wrap) ?? n - 1, -1), n - 1)
            let lo = min(max(stop.map(wrap) ?? -1, -1), n - 1)
            guard hi > lo else { return (0, 0) }
            let distance = UInt(hi - lo)
            return (hi, Int(distance / magnitude + (distance % magnitude == 0 ? 0 : 1)))
        }
    }
}
