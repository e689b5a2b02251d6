import Tensors

// Reductions beside their gradient rules (TensorFlow's `math_grad.py`).

extension TapeContext {
    /// Reduces `x` over `axes` (all axes when nil).
    public func reduce(_ op: ReductionOperation, _ x: TrackedTensor, axes: [Int]?, keepDims: Bool = false) throws -> TrackedTensor {
        let y = try constant(x.value.reduce(op, axes: axes, keepDims: keepDims))
        guard isRecording(x) else { return y }
        let kept = try keptShape(x.shape, axes: axes)
        let rule: GradientRule
        switch op {
        case .sum:
            // Left small: the engine broadcasts it only where a full-shape gradient is needed.
            rule = { g in [try self.reshape(g, to: kept)] }
        case .mean:
            let count = Double(x.value.count / max(y.value.count, 1))
            rule = { g in [try self.divide(self.reshape(g, to: kept), self.scalar(count, x.dtype))] }
        case .max, .min:
            // Ties share the gradient evenly, as in TensorFlow.
            rule = { g in
                let chosen = try self.cast(self.binary(.equal, self.reshape(y, to: kept), x), to: x.dtype)
                let count = try self.reshape(self.reduce(.sum, chosen, axes: axes), to: kept)
                return [try self.multiply(self.divide(chosen, count), self.reshape(g, to: kept))]
            }
        case .prod:
            rule = { g in
                let others = try self.constant(x.value.productOfOthers(axes: axes))
                return [try self.multiply(self.reshape(g, to: kept), others)]
            }
        case .any, .all:
            rule = { _ in [nil] }
        }
        record(x, y, rule: rule)
        return y
    }

    /// `shape` with every reduced axis kept as 1.
    private func keptShape(_ shape: [Int], axes: [Int]?) throws -> [Int] {
        guard let axes else { return shape.map { _ in 1 } }
        var kept = shape
        for axis in axes {
            let index = axis < 0 ? axis + shape.count : axis
            guard kept.indices.contains(index) else { throw TensorError.invalidArgument("Invalid reduction axis \(axis)") }
            kept[index] = 1
        }
        return kept
    }
}

extension Tensor {
    /// For each element, the product of the other elements of its reduction group: the gradient of
    /// `prod`, correct where elements are zero (unlike `prod / x`).
    func productOfOthers(axes: [Int]?) throws(TensorError) -> Tensor {
        let rank = shape.count
        let reduced = Set((axes ?? Array(0..<rank)).map { $0 < 0 ? $0 + rank : $0 })
        let keptAxes = (0..<rank).filter { !reduced.contains($0) }
        let reducedAxes = (0..<rank).filter { reduced.contains($0) }
        let permutation = keptAxes + reducedAxes
        let groupSize = reducedAxes.reduce(1) { $0 * shape[$1] }
        let moved = try transposed(permutation: permutation)
        let values = moved.scalarDoubles()
        var result = [Double](repeating: 0, count: values.count)
        var start = 0
        while start + groupSize <= values.count && groupSize > 0 {
            // Prefix and suffix products, so no element divides.
            var prefix = 1.0
            for i in 0..<groupSize {
                result[start + i] = prefix
                prefix *= values[start + i]
            }
            var suffix = 1.0
            for i in stride(from: groupSize - 1, through: 0, by: -1) {
                result[start + i] *= suffix
                suffix *= values[start + i]
            }
            start += groupSize
        }
        var inverse = [Int](repeating: 0, count: rank)
        for (position, axis) in permutation.enumerated() { inverse[axis] = position }
        return try Tensor(shape: moved.shape, doubles: result, dtype: dtype).transposed(permutation: inverse)
    }
}
