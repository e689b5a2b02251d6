import Tensors

// Shape ops beside their gradient rules: each sends the gradient back to the input's layout.

extension TapeContext {
    public func reshape(_ x: TrackedTensor, to shape: [Int]) throws -> TrackedTensor {
        let out = try constant(x.value.reshaped(shape))
        guard isRecording(x) else { return out }
        record(x, out) { g in [try self.reshape(g, to: x.shape)] }
        return out
    }

    public func expandDims(_ x: TrackedTensor, axis: Int) throws -> TrackedTensor {
        let out = try constant(x.value.expandingDims(axis: axis))
        guard isRecording(x) else { return out }
        record(x, out) { g in [try self.reshape(g, to: x.shape)] }
        return out
    }

    public func squeeze(_ x: TrackedTensor, axes: [Int]?) throws -> TrackedTensor {
        let out = try constant(x.value.squeezed(axes: axes))
        guard isRecording(x) else { return out }
        record(x, out) { g in [try self.reshape(g, to: x.shape)] }
        return out
    }

    public func transpose(_ x: TrackedTensor, permutation: [Int]?) throws -> TrackedTensor {
        let out = try constant(x.value.transposed(permutation: permutation))
        guard isRecording(x) else { return out }
        let forward = permutation ?? Array((0..<x.shape.count).reversed())
        var inverse = [Int](repeating: 0, count: forward.count)
        for (position, axis) in forward.enumerated() where inverse.indices.contains(axis) { inverse[axis] = position }
        record(x, out) { g in [try self.transpose(g, permutation: inverse)] }
        return out
    }

    /// Broadcasts `x` to `shape`; the engine sums the gradient back to `x`'s shape.
    public func broadcast(_ x: TrackedTensor, to shape: [Int]) throws -> TrackedTensor {
        let out = try constant(x.value.broadcast(to: shape))
        guard isRecording(x) else { return out }
        record(x, out) { g in [g] }
        return out
    }

    public func tile(_ x: TrackedTensor, multiples: [Int]) throws -> TrackedTensor {
        let out = try constant(x.value.tiled(multiples))
        guard isRecording(x) else { return out }
        // TensorFlow's `_TileGrad`: view the gradient as [m0, d0, m1, d1, …] and sum the m axes.
        record(x, out) { g in
            let split = zip(multiples, x.shape).flatMap { [$0, $1] }
            let axes = Array(stride(from: 0, to: split.count, by: 2))
            return [try self.reduce(.sum, self.reshape(g, to: split), axes: axes)]
        }
        return out
    }

    public func concat(_ xs: [TrackedTensor], axis: Int) throws -> TrackedTensor {
        let out = try constant(Tensor.concat(xs.map(\.value), axis: axis))
        guard xs.contains(where: { isRecording($0) }) else { return out }
        let rank = out.shape.count
        let normalized = axis < 0 ? axis + rank : axis
        record(xs, out) { g in
            var offset = 0
            return try xs.map { x in
                let size = x.shape.indices.contains(normalized) ? x.shape[normalized] : 0
                var indices = [SliceIndex](repeating: .range(start: nil, stop: nil, step: nil), count: rank)
                indices[normalized] = .range(start: offset, stop: offset + size, step: 1)
                offset += size
                return try self.slice(g, indices)
            }
        }
        return out
    }

    public func stack(_ xs: [TrackedTensor], axis: Int) throws -> TrackedTensor {
        let out = try constant(Tensor.stack(xs.map(\.value), axis: axis))
        guard xs.contains(where: { isRecording($0) }) else { return out }
        let rank = out.shape.count
        let normalized = axis < 0 ? axis + rank : axis
        record(xs, out) { g in
            try xs.indices.map { index in
                var indices = [SliceIndex](repeating: .range(start: nil, stop: nil, step: nil), count: rank)
                indices[normalized] = .index(index)
                return try self.slice(g, indices)
            }
        }
        return out
    }

    /// numpy-style indexing: integers, ranges, `...` and new axes.
    public func slice(_ x: TrackedTensor, _ indices: [SliceIndex]) throws -> TrackedTensor {
        let out = try constant(x.value.sliced(indices))
        guard isRecording(x) else { return out }
        record(x, out) { g in [try self.sliceGradient(g, inputShape: x.shape, indices: indices)] }
        return out
    }

    /// The adjoint of `slice`: `g` placed into zeros of `inputShape`.
    func sliceGradient(_ g: TrackedTensor, inputShape: [Int], indices: [SliceIndex]) throws -> TrackedTensor {
        let out = try constant(Tensor.sliceGradient(g.value, inputShape: inputShape, indices: indices))
        guard isRecording(g) else { return out }
        record(g, out) { gg in [try self.slice(gg, indices)] }
        return out
    }
}
