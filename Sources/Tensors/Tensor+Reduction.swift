/// Reductions over axes.
public enum ReductionOperation: Sendable, CaseIterable {
    case sum, mean, max, min, prod, any, all

    var kernelName: String {
        switch self {
        case .sum: return "Sum"
        case .mean: return "Mean"
        case .max: return "Max"
        case .min: return "Min"
        case .prod: return "Prod"
        case .any: return "Any"
        case .all: return "All"
        }
    }
}

extension Tensor {
    /// Reduces over `axes` (nil: all of them; negative axes count from the end).
    ///
    /// Empty reductions give the identity: 0 for sum, 1 for prod, the lowest value for max
    /// (`-inf`, or the integer minimum), NaN for a float mean and 0 for an integer mean. An
    /// integer mean truncates toward zero, as TensorFlow's does. NaN propagates through max and min.
    /// - Throws: `Invalid reduction dimension (2 for input with 2 dimension(s)`,
    ///   `Invalid reduction arguments: Axes contains duplicate dimension: 0`, or an op without a
    ///   kernel for the dtype.
    public func reduce(_ op: ReductionOperation, axes: [Int]?, keepDims: Bool) throws(TensorError) -> Tensor {
        let reduced = try reductionMask(axes)
        var outShape: [Int] = []
        for d in 0..<rank {
            if !reduced[d] { outShape.append(shape[d]) } else if keepDims { outShape.append(1) }
        }
        let storage: TensorStorage
        switch self.storage {
        case .bool(let a):
            switch op {
            case .any: storage = .bool(Self.reduceElements(a, shape, reduced, identity: false) { $0 || $1 })
            case .all: storage = .bool(Self.reduceElements(a, shape, reduced, identity: true) { $0 && $1 })
            case .max, .min: throw unsupportedType(.bool, allowed: AllowedTypes.max)
            case .sum, .mean, .prod: throw unsupportedType(.bool, allowed: AllowedTypes.sum)
            }
        case .int32(let a): storage = .int32(try Self.integerReduce(op, a, shape, reduced))
        case .int64(let a): storage = .int64(try Self.integerReduce(op, a, shape, reduced))
        case .float32(let a): storage = .float32(try Self.floatReduce(op, a, shape, reduced))
        case .float64(let a): storage = .float64(try Self.floatReduce(op, a, shape, reduced))
        }
        return Tensor(unchecked: outShape, storage)
    }

    /// Which dimensions `axes` names.
    private func reductionMask(_ axes: [Int]?) throws(TensorError) -> [Bool] {
        guard let axes else { return [Bool](repeating: true, count: rank) }
        var mask = [Bool](repeating: false, count: rank)
        for axis in axes {
            guard axis >= -rank, axis < rank else {
                throw .invalidArgument("Invalid reduction dimension (\(axis) for input with \(rank) dimension(s)")
            }
        }
        for axis in axes {
            let d = axis < 0 ? axis + rank : axis
            if mask[d] { throw .invalidArgument("Invalid reduction arguments: Axes contains duplicate dimension: \(d)") }
            mask[d] = true
        }
        return mask
    }

    private static func integerReduce<T: IntegerElement>(_ op: ReductionOperation, _ a: [T], _ shape: [Int], _ reduced: [Bool]) throws(TensorError) -> [T] {
        switch op {
        case .sum: return reduceElements(a, shape, reduced, identity: 0) { $0 &+ $1 }
        case .prod: return reduceElements(a, shape, reduced, identity: 1) { $0 &* $1 }
        case .max: return reduceElements(a, shape, reduced, identity: .min) { Swift.max($0, $1) }
        case .min: return reduceElements(a, shape, reduced, identity: .max) { Swift.min($0, $1) }
        case .mean:
            let n = T(truncatingIfNeeded: reducedCount(shape, reduced))
            let sums = reduceElements(a, shape, reduced, identity: 0) { $0 &+ $1 }
            return n == 0 ? sums : sums.map { $0.dividedReportingOverflow(by: n).partialValue }
        case .any, .all: throw expectedBool(op.kernelName, T.dtype)
        }
    }

    private static func floatReduce<T: FloatMath & SIMDScalar>(_ op: ReductionOperation, _ a: [T], _ shape: [Int], _ reduced: [Bool]) throws(TensorError) -> [T] {
        switch op {
        case .sum: return reduceElements(a, shape, reduced, identity: 0, contiguous: simdSum) { $0 + $1 }
        case .prod: return reduceElements(a, shape, reduced, identity: 1) { $0 * $1 }
        case .max: return reduceElements(a, shape, reduced, identity: -.infinity) { x, y in x.isNaN || x > y ? x : y }
        case .min: return reduceElements(a, shape, reduced, identity: .infinity) { x, y in x.isNaN || x < y ? x : y }
        case .mean:
            let n = T(reducedCount(shape, reduced))
            return reduceElements(a, shape, reduced, identity: 0, contiguous: simdSum) { $0 + $1 }.map { $0 / n }
        case .any, .all: throw expectedBool(op.kernelName, T.dtype)
        }
    }

    private static func reducedCount(_ shape: [Int], _ reduced: [Bool]) -> Int {
        zip(shape, reduced).reduce(1) { $1.1 ? $0 &* $1.0 : $0 }
    }

    /// Reduces the dimensions flagged in `reduced` with `combine`, starting from `identity`.
    /// `contiguous`, when given, reduces one contiguous run faster than folding `combine`.
    private static func reduceElements<T>(_ a: [T], _ shape: [Int], _ reduced: [Bool], identity: T,
                                          contiguous: ((UnsafePointer<T>, Int) -> T)? = nil,
                                          _ combine: (T, T) -> T) -> [T] {
        // Merge neighbouring dimensions of the same kind and drop those of size 1.
        var sizes: [Int] = []
        var kinds: [Bool] = []
        for d in 0..<shape.count where shape[d] != 1 {
            if let last = kinds.last, last == reduced[d] {
                sizes[sizes.count - 1] &*= shape[d]
            } else {
                sizes.append(shape[d])
                kinds.append(reduced[d])
            }
        }
        // The result as [outer, reduce, inner] over a buffer laid out that way.
        var source = a
        var outer = 1, middle = 1, inner = 1
        switch kinds {
        case []: break
        case [true]: middle = sizes[0]
        case [false]: outer = sizes[0]
        case [false, true]: outer = sizes[0]; middle = sizes[1]
        case [true, false]: middle = sizes[0]; inner = sizes[1]
        case [false, true, false]: outer = sizes[0]; middle = sizes[1]; inner = sizes[2]
        default:
            // Interleaved kept and reduced dimensions: move the reduced ones last first.
            let strides = contiguousStrides(sizes)
            let order = kinds.indices.filter { !kinds[$0] } + kinds.indices.filter { kinds[$0] }
            source = gather(a, shape: order.map { sizes[$0] }, strides: order.map { strides[$0] })
            outer = kinds.indices.filter { !kinds[$0] }.reduce(1) { $0 &* sizes[$1] }
            middle = kinds.indices.filter { kinds[$0] }.reduce(1) { $0 &* sizes[$1] }
        }
        let outCount = outer &* inner
        return source.withUnsafeBufferPointer { src in
            makeArray(count: outCount) { (out: UnsafeMutableBufferPointer<T>) in
                guard let o = out.baseAddress else { return }
                guard let s = src.baseAddress, middle > 0 else {
                    o.initialize(repeating: identity, count: outCount)
                    return
                }
                let shared = UncheckedSendable((s, o))
                if inner == 1 && outer == 1 {
                    // One long run: partial results per core, then combined in order.
                    let chunks = middle >= Parallel.threshold ? Parallel.cores : 1
                    var partials = [T](repeating: identity, count: chunks)
                    partials.withUnsafeMutableBufferPointer { p in
                        guard let pb = p.baseAddress else { return }
                        let sharedPartials = UncheckedSendable(pb)
                        Parallel.forEachChunk(count: chunks, costPerElement: Parallel.threshold) { range in
                            let (s, _) = shared.value
                            for c in range {
                                let lower = middle / chunks * c
                                let upper = c == chunks - 1 ? middle : middle / chunks * (c + 1)
                                sharedPartials.value[c] = fold(s + lower, upper - lower, identity, contiguous, combine)
                            }
                        }
                    }
                    o.initialize(to: partials.dropFirst().reduce(partials[0], combine))
                } else if inner == 1 {
                    Parallel.forEachChunk(count: outer, costPerElement: middle) { range in
                        let (s, o) = shared.value
                        for i in range { o[i] = fold(s + i &* middle, middle, identity, contiguous, combine) }
                    }
                } else {
                    Parallel.forEachChunk(count: outer, costPerElement: middle &* inner) { range in
                        let (s, o) = shared.value
                        for i in range {
                            let acc = o + i &* inner
                            let base = s + i &* middle &* inner
                            for j in 0..<inner { acc[j] = base[j] }
                            for r in 1..<middle {
                                let row = base + r &* inner
                                for j in 0..<inner { acc[j] = combine(acc[j], row[j]) }
                            }
                        }
                    }
                }
            }
        }
    }

    @inline(__always)
    private static func fold<T>(_ p: UnsafePointer<T>, _ n: Int, _ identity: T,
                                _ contiguous: ((UnsafePointer<T>, Int) -> T)?, _ combine: (T, T) -> T) -> T {
        if let contiguous { return contiguous(p, n) }
        var acc = identity
        for i in 0..<n { acc = combine(acc, p[i]) }
        return acc
    }

    /// The sum of `n` elements from `p`, in 4 × 16 lanes (sums of few elements add in order).
    private static func simdSum<T: FloatMath & SIMDScalar>(_ p: UnsafePointer<T>, _ n: Int) -> T {
        typealias V = SIMD16<T>
        let width = V.scalarCount
        var i = 0
        var total: T = 0
        if n >= 4 * width {
            var a0 = V(), a1 = V(), a2 = V(), a3 = V()
            let raw = UnsafeRawPointer(p)
            let stride = MemoryLayout<T>.stride
            while i + 4 * width <= n {
                a0 += raw.loadUnaligned(fromByteOffset: i &* stride, as: V.self)
                a1 += raw.loadUnaligned(fromByteOffset: (i &+ width) &* stride, as: V.self)
                a2 += raw.loadUnaligned(fromByteOffset: (i &+ 2 &* width) &* stride, as: V.self)
                a3 += raw.loadUnaligned(fromByteOffset: (i &+ 3 &* width) &* stride, as: V.self)
                i &+= 4 &* width
            }
            total = ((a0 + a1) + (a2 + a3)).sum()
        }
        while i < n {
            total += p[i]
            i &+= 1
        }
        return total
    }
}

extension Tensor {
    /// The index of the largest element along `axis`, as int64 (the first one on ties; NaN is
    /// passed over, as TensorFlow's kernel does).
    /// - Throws: `Expected dimension in the range [-2, 2), but got 2`,
    ///   `Reduction axis 0 is empty in shape [0,3]`.
    public func argMax(axis: Int) throws(TensorError) -> Tensor {
        try argReduce(axis: axis, largest: true)
    }

    /// The index of the smallest element along `axis`, as int64 (see `argMax`).
    public func argMin(axis: Int) throws(TensorError) -> Tensor {
        try argReduce(axis: axis, largest: false)
    }

    private func argReduce(axis: Int, largest: Bool) throws(TensorError) -> Tensor {
        guard axis >= -rank, axis < rank else {
            throw .invalidArgument("Expected dimension in the range [\(-rank), \(rank)), but got \(axis)")
        }
        let d = axis < 0 ? axis + rank : axis
        let n = shape[d]
        guard n > 0 else { throw .invalidArgument("Reduction axis \(d) is empty in shape \(shapeText(shape))") }
        let outer = shape[..<d].reduce(1, &*)
        let inner = shape[(d + 1)...].reduce(1, &*)
        var outShape = shape
        outShape.remove(at: d)
        let result: [Int64]
        switch storage {
        case .bool(let a): result = Self.argIndices(a.map { $0 ? UInt8(1) : 0 }, outer, n, inner, largest)
        case .int32(let a): result = Self.argIndices(a, outer, n, inner, largest)
        case .int64(let a): result = Self.argIndices(a, outer, n, inner, largest)
        case .float32(let a): result = Self.argIndices(a, outer, n, inner, largest)
        case .float64(let a): result = Self.argIndices(a, outer, n, inner, largest)
        }
        return Tensor(unchecked: outShape, .int64(result))
    }

    private static func argIndices<T: Comparable>(_ a: [T], _ outer: Int, _ n: Int, _ inner: Int, _ largest: Bool) -> [Int64] {
        var result = [Int64](repeating: 0, count: outer &* inner)
        for o in 0..<outer {
            for j in 0..<inner {
                let base = o &* n &* inner &+ j
                var best = -1
                for k in 0..<n {
                    let v = a[base &+ k &* inner]
                    guard v == v else { continue } // NaN never wins
                    if best < 0 { best = k; continue }
                    let current = a[base &+ best &* inner]
                    if largest ? v > current : v < current { best = k }
                }
                result[o &* inner &+ j] = Int64(max(best, 0))
            }
        }
        return result
    }

    /// Sums a broadcast result back to `shape`, the shape of an operand that was broadcast to
    /// produce it: over leading extra dimensions and over dimensions where `shape` has 1.
    /// - Throws: `Incompatible shapes: …` when this tensor's shape is not a broadcast of `shape`.
    public func sum(toShape target: [Int]) throws(TensorError) -> Tensor {
        if target == shape { return self }
        let lead = rank - target.count
        guard lead >= 0 else { throw .invalidArgument("Incompatible shapes: \(shapeText(shape)) vs. \(shapeText(target))") }
        var axes = Array(0..<lead)
        for (i, size) in target.enumerated() where size != shape[i + lead] {
            guard size == 1 else { throw .invalidArgument("Incompatible shapes: \(shapeText(shape)) vs. \(shapeText(target))") }
            axes.append(i + lead)
        }
        return try reduce(.sum, axes: axes, keepDims: false).reshaped(target)
    }
}
