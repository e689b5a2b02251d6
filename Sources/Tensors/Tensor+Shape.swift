extension Tensor {
    /// The tensor with its dimensions permuted: result dimension `i` is input dimension
    /// `permutation[i]` (negative entries count from the end; nil reverses the dimensions).
    /// - Throws: `transpose expects a vector of size 2. But input(1) is a vector of size 1`,
    ///   `2 is out of range [0 .. 2)`, `1 is missing from {0,0}.`
    public func transposed(permutation: [Int]?) throws(TensorError) -> Tensor {
        let perm = permutation ?? Array((0..<rank).reversed())
        guard perm.count == rank else {
            throw .invalidArgument("transpose expects a vector of size \(rank). But input(1) is a vector of size \(perm.count)")
        }
        var seen = [Bool](repeating: false, count: rank)
        var axes: [Int] = []
        for p in perm {
            let d = p < 0 ? p + rank : p
            guard d >= 0, d < rank else { throw .invalidArgument("\(p) is out of range [0 .. \(rank))") }
            seen[d] = true
            axes.append(d)
        }
        if let missing = seen.firstIndex(of: false) {
            throw .invalidArgument("\(missing) is missing from {\(perm.map(String.init).joined(separator: ","))}.")
        }
        if axes == Array(0..<rank) { return self }
        let strides = contiguousStrides(shape)
        let newShape = axes.map { shape[$0] }
        return Tensor(unchecked: newShape, storage.gathered(shape: newShape, strides: axes.map { strides[$0] }))
    }

    /// The same elements laid out as `newShape`; one dimension may be -1, inferred.
    /// - Throws: `Input to reshape is a tensor with 6 values, but the requested shape has 4`,
    ///   `… requires a multiple of 4`, `Only one input size may be -1, not both 0 and 1`,
    ///   `Size 0 must be non-negative, not -2`.
    public func reshaped(_ newShape: [Int]) throws(TensorError) -> Tensor {
        var unknown: Int?
        var product = 1
        var hasZero = false
        for (d, size) in newShape.enumerated() {
            if size == -1 {
                if let first = unknown { throw .invalidArgument("Only one input size may be -1, not both \(first) and \(d)") }
                unknown = d
            } else if size < 0 {
                throw .invalidArgument("Size \(d) must be non-negative, not \(size)")
            } else if size == 0 {
                // TensorFlow leaves zero sizes out of the product so the -1 can still be inferred.
                hasZero = true
            } else {
                let (p, overflow) = product.multipliedReportingOverflow(by: size)
                guard !overflow else { throw TensorError(.resourceExhausted, TensorLimits.oomMessage(shape: newShape, dtype: dtype)) }
                product = p
            }
        }
        var resolved = newShape
        if let unknown {
            var known = 1
            var inputHasZero = false
            for size in shape {
                if size > 0 || !hasZero { known &*= size } else { inputHasZero = true }
            }
            let missing = known / product
            if !inputHasZero && missing &* product != known {
                throw .invalidArgument("Input to reshape is a tensor with \(count) values, but the requested shape requires a multiple of \(product)")
            }
            resolved[unknown] = missing
        }
        let total = try TensorLimits.elementCount(of: resolved, dtype: dtype)
        guard total == count else {
            throw .invalidArgument("Input to reshape is a tensor with \(count) values, but the requested shape has \(total)")
        }
        return Tensor(unchecked: resolved, storage)
    }

    /// The tensor with a dimension of size 1 inserted at `axis` (from `-rank-1` to `rank`).
    /// - Throws: `Tried to expand dim index 3 for tensor with 2 dimensions.`
    public func expandingDims(axis: Int) throws(TensorError) -> Tensor {
        guard axis >= -rank - 1, axis <= rank else {
            throw .invalidArgument("Tried to expand dim index \(axis) for tensor with \(rank) dimensions.")
        }
        var newShape = shape
        newShape.insert(1, at: axis < 0 ? axis + rank + 1 : axis)
        return Tensor(unchecked: newShape, storage)
    }

    /// The tensor without the size-1 dimensions in `axes` (nil: all of them).
    /// - Throws: `Tried to squeeze dim index 3 for tensor with 3 dimensions.`,
    ///   `Can not squeeze dim[1], expected a dimension of 1, got 2`.
    public func squeezed(axes: [Int]?) throws(TensorError) -> Tensor {
        guard let axes else { return Tensor(unchecked: shape.filter { $0 != 1 }, storage) }
        var drop = [Bool](repeating: false, count: rank)
        for axis in axes {
            guard axis >= -rank, axis < rank else {
                throw .invalidArgument("Tried to squeeze dim index \(axis) for tensor with \(rank) dimensions.")
            }
            let d = axis < 0 ? axis + rank : axis
            guard shape[d] == 1 else {
                throw .invalidArgument("Can not squeeze dim[\(d)], expected a dimension of 1, got \(shape[d])")
            }
            drop[d] = true
        }
        return Tensor(unchecked: shape.indices.filter { !drop[$0] }.map { shape[$0] }, storage)
    }

    /// The tensor repeated `multiples[d]` times along each dimension `d` (`tf.tile`).
    /// - Throws: `Expected multiples argument to be a vector of length 2 but got length 1`,
    ///   `Expected multiples[1] >= 0, but got -1`, or an OOM error.
    public func tiled(_ multiples: [Int]) throws(TensorError) -> Tensor {
        guard multiples.count == rank else {
            throw .invalidArgument("Expected multiples argument to be a vector of length \(rank) but got length \(multiples.count)")
        }
        for (d, m) in multiples.enumerated() where m < 0 {
            throw .invalidArgument("Expected multiples[\(d)] >= 0, but got \(m)")
        }
        var outShape: [Int] = []
        for d in 0..<rank {
            let (size, overflow) = shape[d].multipliedReportingOverflow(by: multiples[d])
            guard !overflow else {
                throw TensorError(.resourceExhausted, TensorLimits.oomMessage(shape: zip(shape, multiples).map { $0 &* $1 }, dtype: dtype))
            }
            outShape.append(size)
        }
        _ = try TensorLimits.elementCount(of: outShape, dtype: dtype)
        // Tiling reads the input as [m0, d0, m1, d1, …] with stride 0 along each repeat.
        let strides = contiguousStrides(shape)
        let walkShape = (0..<rank).flatMap { [multiples[$0], shape[$0]] }
        let walkStrides = (0..<rank).flatMap { [0, strides[$0]] }
        return Tensor(unchecked: outShape, storage.gathered(shape: walkShape, strides: walkStrides))
    }

    /// The tensor broadcast to `target` by numpy rules (`tf.broadcast_to`).
    /// - Throws: `Incompatible shapes: [2,3] vs. [3,3]`,
    ///   `Rank of input (2) must be no greater than rank of output shape (1).`, or an OOM error.
    public func broadcast(to target: [Int]) throws(TensorError) -> Tensor {
        if target == shape { return self }
        guard rank <= target.count else {
            throw .invalidArgument("Rank of input (\(rank)) must be no greater than rank of output shape (\(target.count)).")
        }
        guard target.allSatisfy({ $0 >= 0 }), (try? Self.broadcastShape(shape, target)) == target else {
            throw .invalidArgument("Incompatible shapes: \(shapeText(shape)) vs. \(shapeText(target))")
        }
        _ = try TensorLimits.elementCount(of: target, dtype: dtype)
        return Tensor(unchecked: target, storage.gathered(shape: target, strides: broadcastStrides(shape, to: target)))
    }

    /// The tensors joined along `axis` (`tf.concat`).
    /// - Throws: `ConcatOp : Dimension 1 in both shapes must be equal: shape[0] = [2,3] vs. shape[1] = [3,2]`,
    ///   `ConcatOp : Ranks of all input tensors should match: …`,
    ///   `ConcatOp : Expected concatenating dimensions in the range [-2, 2), but got 2`,
    ///   `ConcatOp : Can't concatenate scalars (use tf.stack instead)`.
    public static func concat(_ tensors: [Tensor], axis: Int) throws(TensorError) -> Tensor {
        guard let first = tensors.first else {
            throw .invalidArgument("OpKernel 'ConcatV2' has constraint on attr 'T' not in NodeDef '[N=0, Tidx=DT_INT32]', KernelDef: 'op: \"ConcatV2\" device_type: \"CPU\" constraint { name: \"T\" allowed_values { list { type: DT_QINT32 } } } host_memory_arg: \"axis\"'")
        }
        let rank = first.rank
        guard rank > 0 else { throw .invalidArgument("ConcatOp : Can't concatenate scalars (use tf.stack instead)") }
        guard axis >= -rank, axis < rank else {
            throw .invalidArgument("ConcatOp : Expected concatenating dimensions in the range [\(-rank), \(rank)), but got \(axis)")
        }
        let d = axis < 0 ? axis + rank : axis
        var total = 0
        for (i, t) in tensors.enumerated() {
            guard t.dtype == first.dtype else {
                throw .invalidArgument("cannot compute ConcatV2 as input #\(i)(zero-based) was expected to be a \(first.dtype.kernelName) tensor but is a \(t.dtype.kernelName) tensor")
            }
            guard t.rank == rank else {
                throw .invalidArgument("ConcatOp : Ranks of all input tensors should match: shape[0] = \(shapeText(first.shape)) vs. shape[\(i)] = \(shapeText(t.shape))")
            }
            for j in 0..<rank where j != d && t.shape[j] != first.shape[j] {
                throw .invalidArgument("ConcatOp : Dimension \(j) in both shapes must be equal: shape[0] = \(shapeText(first.shape)) vs. shape[\(i)] = \(shapeText(t.shape))")
            }
            total &+= t.shape[d]
        }
        if tensors.count == 1 { return first }
        var outShape = first.shape
        outShape[d] = total
        _ = try TensorLimits.elementCount(of: outShape, dtype: first.dtype)
        let outer = first.shape[..<d].reduce(1, &*)
        let inner = first.shape[(d + 1)...].reduce(1, &*)
        let chunks = tensors.map { $0.shape[d] &* inner }
        let storage: TensorStorage
        switch first.storage {
        case .bool: storage = .bool(joinChunks(tensors.compactMap { $0.storage.elements(Bool.self) }, chunks, outer))
        case .int32: storage = .int32(joinChunks(tensors.compactMap { $0.storage.elements(Int32.self) }, chunks, outer))
        case .int64: storage = .int64(joinChunks(tensors.compactMap { $0.storage.elements(Int64.self) }, chunks, outer))
        case .float32: storage = .float32(joinChunks(tensors.compactMap { $0.storage.elements(Float.self) }, chunks, outer))
        case .float64: storage = .float64(joinChunks(tensors.compactMap { $0.storage.elements(Double.self) }, chunks, outer))
        }
        return Tensor(unchecked: outShape, storage)
    }

    /// For each of `outer` rows, chunk `i` of every array in turn.
    private static func joinChunks<T>(_ arrays: [[T]], _ chunks: [Int], _ outer: Int) -> [T] {
        var result: [T] = []
        result.reserveCapacity(outer &* chunks.reduce(0, &+))
        for o in 0..<outer {
            for (array, chunk) in zip(arrays, chunks) where chunk > 0 {
                result.append(contentsOf: array[(o &* chunk)..<(o &* chunk &+ chunk)])
            }
        }
        return result
    }

    /// The tensors, all of one shape, stacked along a new dimension `axis` (`tf.stack`).
    /// An empty list gives an empty float32 vector, as `tf.stack([])` does.
    /// - Throws: `cannot compute Pack as input #1(zero-based) was expected to be a float tensor but is a int32 tensor`,
    ///   `Shapes of all inputs must match: values[0].shape = [2] != values[1].shape = [3]`,
    ///   `axis = 2 not in [-2, 2)`.
    public static func stack(_ tensors: [Tensor], axis: Int) throws(TensorError) -> Tensor {
        guard let first = tensors.first else { return Tensor(unchecked: [0], .float32([])) }
        let rank = first.rank + 1
        guard axis >= -rank, axis < rank else { throw .invalidArgument("axis = \(axis) not in [\(-rank), \(rank))") }
        for (i, t) in tensors.enumerated() where t.dtype != first.dtype {
            throw .invalidArgument("cannot compute Pack as input #\(i)(zero-based) was expected to be a \(first.dtype.kernelName) tensor but is a \(t.dtype.kernelName) tensor")
        }
        for (i, t) in tensors.enumerated() where t.shape != first.shape {
            throw .invalidArgument("Shapes of all inputs must match: values[0].shape = \(shapeText(first.shape)) != values[\(i)].shape = \(shapeText(t.shape))")
        }
        let d = axis < 0 ? axis + rank : axis
        var expanded: [Tensor] = []
        for t in tensors { expanded.append(try t.expandingDims(axis: d)) }
        return try concat(expanded, axis: d)
    }

    /// The slices along `axis`, each without that dimension (`tf.unstack`).
    /// - Throws: `axis = 2 not in [-2, 2)`.
    public func unstacked(axis: Int) throws(TensorError) -> [Tensor] {
        guard axis >= -rank, axis < rank else { throw .invalidArgument("axis = \(axis) not in [\(-rank), \(rank))") }
        let d = axis < 0 ? axis + rank : axis
        let strides = contiguousStrides(shape)
        var partShape = shape
        partShape.remove(at: d)
        var partStrides = strides
        partStrides.remove(at: d)
        return (0..<shape[d]).map { i in
            Tensor(unchecked: partShape, storage.gathered(base: i &* strides[d], shape: partShape, strides: partStrides))
        }
    }

    /// `count` equal parts along `axis` (`tf.split` with a number of splits).
    /// - Throws: `Number of ways to split should evenly divide the split dimension, but got split_dim 0 (size = 3) and num_split 2`.
    public func split(count parts: Int, axis: Int) throws(TensorError) -> [Tensor] {
        guard axis >= -rank, axis < rank else {
            throw .invalidArgument("-\(rank) <= split_dim < \(rank) is required, but got \(axis)")
        }
        let d = axis < 0 ? axis + rank : axis
        guard parts > 0, shape[d] % parts == 0 else {
            throw .invalidArgument("Number of ways to split should evenly divide the split dimension, but got split_dim \(d) (size = \(shape[d])) and num_split \(parts)")
        }
        let size = shape[d] / parts
        let strides = contiguousStrides(shape)
        var partShape = shape
        partShape[d] = size
        return (0..<parts).map { i in
            Tensor(unchecked: partShape, storage.gathered(base: i &* size &* strides[d], shape: partShape, strides: strides))
        }
    }

    /// `tf.where(condition, x, y)`: elements of `x` where `condition` is true and of `y`
    /// elsewhere, all three broadcast together.
    /// - Throws: `condition [2], then [3], and else [3] must be broadcastable`, or a dtype error.
    public static func select(condition: Tensor, _ x: Tensor, _ y: Tensor) throws(TensorError) -> Tensor {
        guard condition.dtype == .bool else { throw expectedBool("SelectV2", condition.dtype) }
        guard x.dtype == y.dtype else {
            throw .invalidArgument("cannot compute SelectV2 as input #2(zero-based) was expected to be a \(x.dtype.kernelName) tensor but is a \(y.dtype.kernelName) tensor")
        }
        let outShape: [Int]
        do {
            outShape = try broadcastShape(broadcastShape(condition.shape, x.shape), y.shape)
        } catch {
            throw .invalidArgument("condition \(shapeText(condition.shape)), then \(shapeText(x.shape)), and else \(shapeText(y.shape)) must be broadcastable")
        }
        let picks = try condition.broadcast(to: outShape)
        let xs = try x.broadcast(to: outShape)
        let ys = try y.broadcast(to: outShape)
        guard case .bool(let mask) = picks.storage else { return Tensor(unchecked: outShape, x.storage) }
        let storage: TensorStorage
        switch (xs.storage, ys.storage) {
        case (.bool(let a), .bool(let b)): storage = .bool(pick(mask, a, b))
        case (.int32(let a), .int32(let b)): storage = .int32(pick(mask, a, b))
        case (.int64(let a), .int64(let b)): storage = .int64(pick(mask, a, b))
        case (.float32(let a), .float32(let b)): storage = .float32(pick(mask, a, b))
        case (.float64(let a), .float64(let b)): storage = .float64(pick(mask, a, b))
        default: storage = xs.storage
        }
        return Tensor(unchecked: outShape, storage)
    }

    private static func pick<T>(_ mask: [Bool], _ a: [T], _ b: [T]) -> [T] {
        (0..<mask.count).map { mask[$0] ? a[$0] : b[$0] }
    }

    /// `tf.where(condition)`: the indices of the non-zero (true) elements, as an int64 tensor
    /// of shape `[n, rank]` in row-major order. NaN counts as non-zero.
    public func nonZeroIndices() -> Tensor {
        let flags: [Bool]
        switch storage {
        case .bool(let a): flags = a
        case .int32(let a): flags = a.map { $0 != 0 }
        case .int64(let a): flags = a.map { $0 != 0 }
        case .float32(let a): flags = a.map { $0 != 0 }
        case .float64(let a): flags = a.map { $0 != 0 }
        }
        let strides = contiguousStrides(shape)
        var result: [Int64] = []
        for (flat, flag) in flags.enumerated() where flag {
            for d in 0..<rank { result.append(Int64(flat / strides[d] % shape[d])) }
        }
        let n = rank == 0 ? flags.filter { $0 }.count : result.count / rank
        return Tensor(unchecked: [n, rank], .int64(result))
    }
}
