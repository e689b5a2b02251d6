/// numpy broadcasting and the strided walks that kernels use to read broadcast, transposed
/// or sliced operands without materialising them.

extension Tensor {
    /// The shape numpy broadcasting gives operands of shapes `a` and `b`.
    /// - Throws: `Incompatible shapes: [2,3] vs. [3,2]` when a dimension pair is neither equal nor 1.
    public static func broadcastShape(_ a: [Int], _ b: [Int]) throws(TensorError) -> [Int] {
        if a == b { return a }
        let rank = max(a.count, b.count)
        var result = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let da = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let db = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            if da == db || db == 1 {
                result[i] = da
            } else if da == 1 {
                result[i] = db
            } else {
                throw .invalidArgument("Incompatible shapes: \(shapeText(a)) vs. \(shapeText(b))")
            }
        }
        return result
    }
}

/// A shape as TensorFlow writes it in messages: `[2,3]`.
func shapeText(_ shape: [Int]) -> String {
    "[" + shape.map(String.init).joined(separator: ",") + "]"
}

/// Row-major strides, in elements, of a contiguous tensor of `shape`.
func contiguousStrides(_ shape: [Int]) -> [Int] {
    var strides = [Int](repeating: 1, count: shape.count)
    var step = 1
    for i in stride(from: shape.count - 1, through: 0, by: -1) {
        strides[i] = step
        step = step &* shape[i]
    }
    return strides
}

/// Strides that read a contiguous tensor of `shape` as if broadcast to `outShape`
/// (right-aligned; 0 along broadcast dimensions). `outShape` must be a valid broadcast target.
func broadcastStrides(_ shape: [Int], to outShape: [Int]) -> [Int] {
    let own = contiguousStrides(shape)
    let lead = outShape.count - shape.count
    return (0..<outShape.count).map { i in
        i < lead || shape[i - lead] == 1 ? 0 : own[i - lead]
    }
}

/// An output shape with one stride list per operand, with dimensions of size 1 dropped and
/// neighbouring dimensions merged wherever every operand steps through them uniformly, so
/// the innermost loop runs as long as possible.
struct StridedLayout {
    private(set) var shape: [Int]
    private(set) var strides: [[Int]]

    init(shape: [Int], strides: [[Int]]) {
        var mergedShape: [Int] = []
        var merged: [[Int]] = strides.map { _ in [] }
        for d in 0..<shape.count where shape[d] != 1 {
            if let lastSize = mergedShape.last,
               strides.indices.allSatisfy({ merged[$0][merged[$0].count - 1] == strides[$0][d] &* shape[d] }) {
                mergedShape[mergedShape.count - 1] = lastSize &* shape[d]
                for k in strides.indices { merged[k][merged[k].count - 1] = strides[k][d] }
            } else {
                mergedShape.append(shape[d])
                for k in strides.indices { merged[k].append(strides[k][d]) }
            }
        }
        if mergedShape.isEmpty {
            mergedShape = [1]
            merged = strides.map { _ in [0] }
        }
        self.shape = mergedShape
        self.strides = merged
    }

    /// Elements in one innermost row.
    var rowLength: Int { shape[shape.count - 1] }
    /// Rows in the whole output (0 when it is empty).
    var rowCount: Int { shape.dropLast().reduce(1, &*) }
    /// Total elements.
    var count: Int { rowCount &* rowLength }
    /// Each operand's stride along the innermost row.
    func innerStride(_ operand: Int) -> Int { strides[operand][shape.count - 1] }

    /// Calls `body(outputStart, offsets)` for every row in `rows`, where `offsets[k]` is where
    /// operand `k`'s row starts.
    func forEachRow(in rows: Range<Int>, _ body: (Int, UnsafeMutableBufferPointer<Int>) -> Void) {
        let outer = shape.count - 1
        let operands = strides.count
        guard !rows.isEmpty else { return }
        withUnsafeTemporaryAllocation(of: Int.self, capacity: max(outer, 1)) { index in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: max(operands, 1)) { offsets in
                // Start the counter at the first row of the range.
                var rest = rows.lowerBound
                for d in stride(from: outer - 1, through: 0, by: -1) {
                    index[d] = rest % shape[d]
                    rest /= shape[d]
                }
                for k in 0..<operands {
                    var o = 0
                    for d in 0..<outer { o &+= index[d] &* strides[k][d] }
                    offsets[k] = o
                }
                let length = rowLength
                for row in rows {
                    body(row &* length, offsets)
                    // Advance the counter like an odometer.
                    var d = outer - 1
                    while d >= 0 {
                        index[d] &+= 1
                        for k in 0..<operands { offsets[k] &+= strides[k][d] }
                        if index[d] < shape[d] { break }
                        for k in 0..<operands { offsets[k] &-= strides[k][d] &* shape[d] }
                        index[d] = 0
                        d -= 1
                    }
                }
            }
        }
    }
}

/// Copies the elements of `source` found at `base + Σ index[d] * strides[d]` for every index
/// of `shape`, in row-major order. Transpose, broadcast, tile and slicing are all this.
func gather<T>(_ source: [T], base: Int = 0, shape: [Int], strides: [Int]) -> [T] {
    let layout = StridedLayout(shape: shape, strides: [strides])
    let count = shape.reduce(1, &*)
    guard count > 0 else { return [] }
    let length = layout.rowLength
    let step = layout.innerStride(0)
    return source.withUnsafeBufferPointer { src in
        makeArray(count: count) { (out: UnsafeMutableBufferPointer<T>) in
            guard let srcBase = src.baseAddress, let outBase = out.baseAddress else { return }
            let shared = UncheckedSendable((srcBase, outBase))
            Parallel.forEachChunk(count: layout.rowCount, costPerElement: length) { rows in
                let (s, o) = shared.value
                layout.forEachRow(in: rows) { start, offsets in
                    let from = s + (base &+ offsets[0])
                    let to = o + start
                    if step == 1 {
                        to.initialize(from: from, count: length)
                    } else if step == 0 {
                        to.initialize(repeating: from.pointee, count: length)
                    } else {
                        for i in 0..<length { (to + i).initialize(to: from[i &* step]) }
                    }
                }
            }
        }
    }
}
