extension Tensor {
    /// The matrix product `a × b` (`tf.linalg.matmul`): of the last two dimensions, with the
    /// leading (batch) dimensions broadcast when either operand has rank above 2.
    /// Integer products wrap around like TensorFlow's.
    /// - Throws: `In[0] ndims must be >= 2`, `Matrix size-incompatible: In[0]: [2,3], In[1]: [2,2]`,
    ///   `In[0] and In[1] must have compatible batch dimensions: [2,2,3] vs. [3,3,2]`, or a dtype error.
    public static func matmul(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false) throws(TensorError) -> Tensor {
        guard a.rank >= 2 else { throw .invalidArgument("In[0] ndims must be >= 2") }
        guard b.rank >= 2 else { throw .invalidArgument("In[1] ndims must be >= 2") }
        guard a.dtype == b.dtype else {
            throw .invalidArgument("cannot compute MatMul as input #1(zero-based) was expected to be a \(a.dtype.kernelName) tensor but is a \(b.dtype.kernelName) tensor")
        }
        guard a.dtype != .bool else { throw unsupportedType(.bool, allowed: AllowedTypes.matmul) }
        let batched = a.rank > 2 || b.rank > 2
        let aBatch = Array(a.shape.dropLast(2)), bBatch = Array(b.shape.dropLast(2))
        let batchShape: [Int]
        do {
            batchShape = try broadcastShape(aBatch, bBatch)
        } catch {
            throw .invalidArgument("In[0] and In[1] must have compatible batch dimensions: \(shapeText(a.shape)) vs. \(shapeText(b.shape))")
        }
        let m = transposeA ? a.shape[a.rank - 1] : a.shape[a.rank - 2]
        let k = transposeA ? a.shape[a.rank - 2] : a.shape[a.rank - 1]
        let k2 = transposeB ? b.shape[b.rank - 1] : b.shape[b.rank - 2]
        let n = transposeB ? b.shape[b.rank - 2] : b.shape[b.rank - 1]
        guard k == k2 else {
            let suffix = batched ? " \(transposeA ? 1 : 0) \(transposeB ? 1 : 0)" : ""
            throw .invalidArgument("Matrix size-incompatible: In[0]: \(shapeText(a.shape)), In[1]: \(shapeText(b.shape))\(suffix)")
        }
        let outShape = batchShape + [m, n]
        _ = try TensorLimits.elementCount(of: outShape, dtype: a.dtype)
        let lhs = transposeA ? try a.transposed(permutation: swapLastTwo(a.rank)) : a
        let rhs = transposeB ? try b.transposed(permutation: swapLastTwo(b.rank)) : b
        let problem = MatMulProblem(m: m, n: n, k: k, batchShape: batchShape, aBatch: aBatch, bBatch: bBatch)
        let storage: TensorStorage
        switch (lhs.storage, rhs.storage) {
        case (.float32(let x), .float32(let y)): storage = .float32(problem.run(x, y, kernel: sgemm))
        case (.float64(let x), .float64(let y)): storage = .float64(problem.run(x, y) { gemm($0, $1, $2, $3, $4, $5, multiplyAdd: { $0 + $1 * $2 }) })
        case (.int32(let x), .int32(let y)): storage = .int32(problem.run(x, y) { gemm($0, $1, $2, $3, $4, $5, multiplyAdd: { $0 &+ $1 &* $2 }) })
        case (.int64(let x), .int64(let y)): storage = .int64(problem.run(x, y) { gemm($0, $1, $2, $3, $4, $5, multiplyAdd: { $0 &+ $1 &* $2 }) })
        default: throw unsupportedType(a.dtype, allowed: AllowedTypes.matmul)
        }
        return Tensor(unchecked: outShape, storage)
    }

    private static func swapLastTwo(_ rank: Int) -> [Int] {
        Array(0..<(rank - 2)) + [rank - 1, rank - 2]
    }
}

/// The sizes of one (batched) matrix product over contiguous row-major operands.
private struct MatMulProblem {
    let m: Int, n: Int, k: Int
    let batchShape: [Int], aBatch: [Int], bBatch: [Int]

    /// Runs `kernel(m, n, k, a, b, c)` for every batch entry into a zeroed result.
    func run<T: TensorElement>(_ a: [T], _ b: [T],
                               kernel: (Int, Int, Int, UnsafePointer<T>, UnsafePointer<T>, UnsafeMutablePointer<T>) -> Void) -> [T] {
        let batches = batchShape.reduce(1, &*)
        var c = [T](repeating: .zero, count: batches &* m &* n)
        guard m > 0, n > 0 else { return c }
        let aStrides = broadcastStrides(aBatch, to: batchShape)
        let bStrides = broadcastStrides(bBatch, to: batchShape)
        let outStrides = contiguousStrides(batchShape)
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    guard let ab = pa.baseAddress, let bb = pb.baseAddress, let cb = pc.baseAddress else { return }
                    for batch in 0..<batches {
                        var aOffset = 0, bOffset = 0
                        for d in 0..<batchShape.count {
                            let i = batch / outStrides[d] % batchShape[d]
                            aOffset &+= i &* aStrides[d]
                            bOffset &+= i &* bStrides[d]
                        }
                        kernel(m, n, k, ab + aOffset &* m &* k, bb + bOffset &* k &* n, cb + batch &* m &* n)
                    }
                }
            }
        }
        return c
    }
}

/// `c += a × b` for row-major `a` (m×k), `b` (k×n), `c` (m×n), row by row so the inner loop
/// runs along contiguous rows of `b` and `c` and vectorises.
private func gemm<T>(_ m: Int, _ n: Int, _ k: Int, _ a: UnsafePointer<T>, _ b: UnsafePointer<T>, _ c: UnsafeMutablePointer<T>,
                     multiplyAdd: (T, T, T) -> T) {
    let shared = UncheckedSendable((a, b, c))
    Parallel.forEachChunk(count: m, costPerElement: n &* k) { rows in
        let (a, b, c) = shared.value
        for i in rows {
            let row = c + i &* n
            for p in 0..<k {
                let x = a[i &* k &+ p]
                let bRow = b + p &* n
                for j in 0..<n { row[j] = multiplyAdd(row[j], x, bRow[j]) }
            }
        }
    }
}

/// float32 `c += a × b`, register-tiled: `b` is packed into panels of 8 columns, and each
/// 6 × 8 block of `c` is accumulated in registers over the whole of `k`, so every element
/// sums its products in order of `k`, as the plain loop would.
private func sgemm(_ m: Int, _ n: Int, _ k: Int, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>) {
    typealias V = SIMD8<Float>
    let width = V.scalarCount
    let rowsPerBlock = 6
    // Small products are faster without packing.
    guard m &* n &* k >= 32 * 32 * 32, k > 0 else {
        gemm(m, n, k, a, b, c) { $0 + $1 * $2 }
        return
    }
    let panels = (n + width - 1) / width
    var packed = [Float](repeating: 0, count: panels &* k &* width)
    packed.withUnsafeMutableBufferPointer { buffer in
        guard let pb = buffer.baseAddress else { return }
        for p in 0..<panels {
            let columns = min(width, n - p &* width)
            for q in 0..<k {
                let from = b + (q &* n &+ p &* width)
                let to = pb + (p &* k &+ q) &* width
                for j in 0..<columns { to[j] = from[j] }
            }
        }
        let shared = UncheckedSendable((a, UnsafePointer(pb), c))
        let blocks = (m + rowsPerBlock - 1) / rowsPerBlock
        // Groups of row blocks whose rows of `a` stay in cache while each panel is reused.
        let blocksPerGroup = 8
        let groups = (blocks + blocksPerGroup - 1) / blocksPerGroup
        Parallel.forEachChunk(count: groups, costPerElement: blocksPerGroup &* rowsPerBlock &* n &* k) { groupRange in
            let (a, pb, c) = shared.value
            for group in groupRange {
                let firstBlock = group &* blocksPerGroup
                let lastBlock = min(blocks, firstBlock &+ blocksPerGroup)
                for p in 0..<panels {
                    let panel = pb + p &* k &* width
                    let column = p &* width
                    let columns = min(width, n - column)
                    for block in firstBlock..<lastBlock {
                        let row = block &* rowsPerBlock
                        let rows = min(rowsPerBlock, m - row)
                        if rows == rowsPerBlock {
                            kernel6x8(k, a + row &* k, k, panel, c + (row &* n &+ column), n, columns)
                        } else {
                            for r in 0..<rows {
                                kernel1x8(k, a + (row &+ r) &* k, panel, c + ((row &+ r) &* n &+ column), columns)
                            }
                        }
                    }
                }
            }
        }
    }
}

@inline(__always)
private func kernel6x8(_ k: Int, _ a: UnsafePointer<Float>, _ lda: Int, _ panel: UnsafePointer<Float>,
                       _ c: UnsafeMutablePointer<Float>, _ ldc: Int, _ columns: Int) {
    typealias V = SIMD8<Float>
    var c0 = V(), c1 = V(), c2 = V(), c3 = V(), c4 = V(), c5 = V()
    let a0 = a, a1 = a + lda, a2 = a + 2 &* lda, a3 = a + 3 &* lda, a4 = a + 4 &* lda, a5 = a + 5 &* lda
    let raw = UnsafeRawPointer(panel)
    for p in 0..<k {
        let bv = raw.loadUnaligned(fromByteOffset: p &* 32, as: V.self)
        c0 += V(repeating: a0[p]) * bv
        c1 += V(repeating: a1[p]) * bv
        c2 += V(repeating: a2[p]) * bv
        c3 += V(repeating: a3[p]) * bv
        c4 += V(repeating: a4[p]) * bv
        c5 += V(repeating: a5[p]) * bv
    }
    store(c0, c, columns)
    store(c1, c + ldc, columns)
    store(c2, c + 2 &* ldc, columns)
    store(c3, c + 3 &* ldc, columns)
    store(c4, c + 4 &* ldc, columns)
    store(c5, c + 5 &* ldc, columns)
}

@inline(__always)
private func kernel1x8(_ k: Int, _ a: UnsafePointer<Float>, _ panel: UnsafePointer<Float>,
                       _ c: UnsafeMutablePointer<Float>, _ columns: Int) {
    typealias V = SIMD8<Float>
    var acc = V()
    let raw = UnsafeRawPointer(panel)
    for p in 0..<k {
        acc += V(repeating: a[p]) * raw.loadUnaligned(fromByteOffset: p &* 32, as: V.self)
    }
    store(acc, c, columns)
}

/// Adds the first `columns` lanes of `v` into `c`.
@inline(__always)
private func store(_ v: SIMD8<Float>, _ c: UnsafeMutablePointer<Float>, _ columns: Int) {
    if columns == 8 {
        let raw = UnsafeMutableRawPointer(c)
        raw.storeBytes(of: raw.loadUnaligned(as: SIMD8<Float>.self) + v, as: SIMD8<Float>.self)
    } else {
        for j in 0..<columns { c[j] += v[j] }
    }
}
