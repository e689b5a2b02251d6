import Tensors

/// The backward walk over a tape's records.
///
/// Gradients are summed per tensor id; a gradient whose shape is larger than its input's (the input
/// was broadcast) is summed back to that shape here, once for every op. A gradient that is smaller
/// but broadcast-compatible (the gradient of a sum, say) is kept small for the rules that accept it
/// and only materialised where a rule or the caller needs the full shape.
struct GradientEngine {
    let context: TapeContext
    let records: [TapeRecord]

    /// - Parameter seeds: each target's id and upstream gradient; several seeds for one id add up.
    func gradients(seeds: [(id: Int, gradient: TrackedTensor)], sources: [GradientNode],
                   unconnectedAsZeros: Bool = false) throws -> [TrackedTensor?] {
        var gradients = GradientTable()
        for seed in seeds {
            gradients[seed.id] = try accumulate(gradients[seed.id], seed.gradient)
        }
        let sourceIds = IdSet(sources.lazy.map(\.id))
        for index in relevantRecordsBackward(from: IdSet(seeds.lazy.map(\.id)), to: sourceIds) {
            let record = records[index]
            guard var upstream = sourceIds.contains(record.outputId)
                    ? gradients[record.outputId] : gradients.removeValue(forKey: record.outputId) else { continue }
            if !record.acceptsBroadcastGradient && upstream.shape != record.outputShape {
                upstream = try context.broadcast(upstream, to: record.outputShape)
            }
            let keptSmall = upstream.shape != record.outputShape
            let inputGradients = try record.rule(upstream)
            for (input, gradient) in zip(record.inputs, inputGradients) {
                guard let gradient, input.dtype.isFloatingPoint else { continue }
                let full = keptSmall ? try expandBroadcastAxes(gradient, input: input.shape, output: record.outputShape) : gradient
                let fitted = try fit(full, to: input.shape)
                gradients[input.id] = try accumulate(gradients[input.id], fitted)
            }
        }
        return try sources.map { source in
            guard source.dtype.isFloatingPoint, let gradient = gradients[source.id] else {
                return unconnectedAsZeros ? try context.zeros(source.valueShape, source.dtype) : nil
            }
            return gradient.shape == source.valueShape ? gradient : try context.broadcast(gradient, to: source.valueShape)
        }
    }

    /// Positions in `records` of the records on some path from a source to a target, last recorded first
    /// (the order of the backward walk).
    private func relevantRecordsBackward(from targets: IdSet, to sources: IdSet) -> [Int] {
        var reachable = sources
        var forward: [Int] = []
        for (index, record) in records.enumerated() where record.inputs.contains(where: { reachable.contains($0.id) }) {
            reachable.insert(record.outputId)
            forward.append(index)
        }
        var needed = targets
        var relevant: [Int] = []
        for index in forward.reversed() where needed.contains(records[index].outputId) {
            relevant.append(index)
            for input in records[index].inputs { needed.insert(input.id) }
        }
        return relevant
    }

    private func accumulate(_ existing: TrackedTensor?, _ gradient: TrackedTensor) throws -> TrackedTensor {
        guard let existing else { return gradient }
        return try context.add(existing, gradient)
    }

    /// A small (broadcast) upstream gradient passed through to an input that the op broadcast along an axis
    /// the gradient is also broadcast along stands for one copy per output position there, so it is
    /// materialised to the output's shape before `fit` sums those copies.
    private func expandBroadcastAxes(_ gradient: TrackedTensor, input: [Int], output: [Int]) throws -> TrackedTensor {
        let dims = gradient.shape
        guard dims != output, input != output else { return gradient }
        for axis in 0..<output.count where output[axis] != 1 {
            let fromEnd = output.count - axis
            let inputDim = fromEnd <= input.count ? input[input.count - fromEnd] : 1
            let gradientDim = fromEnd <= dims.count ? dims[dims.count - fromEnd] : 1
            if inputDim == 1 && gradientDim == 1 {
                return try context.broadcast(gradient, to: output)
            }
        }
        return gradient
    }

    /// Sums away the axes along which `gradient` is larger than `shape` (the input was broadcast);
    /// leaves axes along which it is smaller (it will broadcast).
    private func fit(_ gradient: TrackedTensor, to shape: [Int]) throws -> TrackedTensor {
        let dims = gradient.shape
        guard dims != shape else { return gradient }
        let extra = dims.count - shape.count
        var axes: [Int] = Array(0..<max(extra, 0))
        for axis in max(extra, 0)..<dims.count where dims[axis] != 1 && shape[axis - extra] == 1 {
            axes.append(axis)
        }
        guard !axes.isEmpty else { return gradient }
        let summed = try context.reduce(.sum, gradient, axes: axes, keepDims: true)
        guard extra > 0 else { return summed }
        return try context.reshape(summed, to: Array(summed.shape.dropFirst(extra)))
    }
}
