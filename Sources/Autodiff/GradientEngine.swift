import Tensors

/// The backward walk over a tape's records.
///
/// Gradients are summed per tensor; a gradient whose shape is larger than its input's (the input
/// was broadcast) is summed back to that shape here, once for every op. A gradient that is smaller
/// but broadcast-compatible (the gradient of a sum, say) is kept small for the rules that accept it
/// and only materialised where a rule or the caller needs the full shape.
///
/// The walk's bookkeeping is indexed by record position rather than hashed by tensor id: a tape's
/// records are in increasing output-id order (`GradientTape.append`), so the record that made a
/// tensor is found by binary search, and one array of slots (a record's output, then each source)
/// holds every gradient a walk needs. Notebook tapes hold a handful of records, where this costs
/// two allocations per `gradient()` call instead of one per tensor.
struct GradientEngine {
    let context: TapeContext
    let records: [TapeRecord]

    /// - Parameter seeds: each target's id and upstream gradient; several seeds for one id add up.
    func gradients(seeds: [(id: Int, gradient: TrackedTensor)], sources: [GradientNode],
                   unconnectedAsZeros: Bool = false) throws -> [TrackedTensor?] {
        let count = records.count
        var slots = [TrackedTensor?](repeating: nil, count: count + sources.count)
        for seed in seeds {
            guard let slot = slot(of: seed.id, sources) else { continue }
            slots[slot] = try accumulate(slots[slot], seed.gradient)
        }
        // The marks live on the stack (the heap only for tapes of thousands of records).
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { marks in
            marks.initialize(repeating: 0)
            markRelevant(seeds: seeds, sources: sources, into: marks)
            try walkBackward(marks: marks, slots: &slots, sources: sources)
        }
        return try sources.map { source in
            guard source.dtype.isFloatingPoint, let slot = slot(of: source.id, sources), let gradient = slots[slot] else {
                return unconnectedAsZeros ? try context.zeros(source.valueShape, source.dtype) : nil
            }
            return gradient.shape == source.valueShape ? gradient : try context.broadcast(gradient, to: source.valueShape)
        }
    }

    /// Runs the rules of the relevant records, last recorded first, sending each output's gradient
    /// on to the inputs' slots.
    private func walkBackward(marks: UnsafeMutableBufferPointer<UInt8>, slots: inout [TrackedTensor?],
                              sources: [GradientNode]) throws {
        for index in stride(from: records.count - 1, through: 0, by: -1) where marks[index] == Mark.relevant {
            let record = records[index]
            guard var upstream = slots[index] else { continue }
            // A source's own gradient is kept for the answer; any other is consumed here.
            if !sources.contains(where: { $0.id == record.outputId }) { slots[index] = nil }
            if !record.acceptsBroadcastGradient && upstream.shape != record.outputShape {
                upstream = try context.broadcast(upstream, to: record.outputShape)
            }
            let keptSmall = upstream.shape != record.outputShape
            switch record.backward {
            case .passThrough:
                for position in 0..<record.inputs.count {
                    try send(upstream, to: position, of: record, keptSmall: keptSmall, into: &slots, sources)
                }
            case .binary(let a, let b, let rule):
                let (da, db) = try rule(context, upstream, a, b)
                if let da { try send(da, to: 0, of: record, keptSmall: keptSmall, into: &slots, sources) }
                if let db { try send(db, to: 1, of: record, keptSmall: keptSmall, into: &slots, sources) }
            case .general(let rule):
                for (position, gradient) in try rule(upstream).enumerated() {
                    guard let gradient else { continue }
                    try send(gradient, to: position, of: record, keptSmall: keptSmall, into: &slots, sources)
                }
            }
        }
    }

    /// Flags of `markRelevant`.
    private enum Mark {
        static let reachable: UInt8 = 1
        static let needed: UInt8 = 2
        static let relevant: UInt8 = 3
    }

    /// Sets each record's mark to `Mark.relevant` when it lies on some path from a source to a target.
    ///
    /// A forward pass marks the records that a source reaches, a backward pass those that reach a
    /// target; a record both reached and reaching is relevant.
    private func markRelevant(seeds: [(id: Int, gradient: TrackedTensor)], sources: [GradientNode],
                              into marks: UnsafeMutableBufferPointer<UInt8>) {
        for index in records.indices {
            let reached = records[index].inputs.contains { id in
                if sources.contains(where: { $0.id == id }) { return true }
                guard let producer = recordIndex(producing: id) else { return false }
                return marks[producer] & Mark.reachable != 0
            }
            if reached { marks[index] = Mark.reachable }
        }
        for seed in seeds {
            if let producer = recordIndex(producing: seed.id) { marks[producer] |= Mark.needed }
        }
        for index in stride(from: records.count - 1, through: 0, by: -1) where marks[index] == Mark.relevant {
            let inputs = records[index].inputs
            for position in 0..<inputs.count {
                guard let input = inputs[position], let producer = recordIndex(producing: input.id) else { continue }
                marks[producer] |= Mark.needed
            }
        }
    }

    /// Adds `gradient` (for the input at `position` of `record`) into that input's slot, summed back
    /// to the input's shape. A tensor no walk reads (a constant that is not a source) gets no slot,
    /// and its gradient is dropped unsummed.
    private func send(_ gradient: TrackedTensor, to position: Int, of record: TapeRecord, keptSmall: Bool,
                      into slots: inout [TrackedTensor?], _ sources: [GradientNode]) throws {
        guard let input = record.inputs[position], input.dtype.isFloatingPoint,
              let slot = slot(of: input.id, sources) else { return }
        let full = keptSmall ? try expandBroadcastAxes(gradient, input: input.shape, output: record.outputShape) : gradient
        let fitted = try fit(full, to: input.shape)
        slots[slot] = try accumulate(slots[slot], fitted)
    }

    /// Where the gradient of tensor `id` is summed: the slot of the record that made it, else of the
    /// first source it is, else none.
    @inline(__always)
    private func slot(of id: Int, _ sources: [GradientNode]) -> Int? {
        if let producer = recordIndex(producing: id) { return producer }
        guard let position = sources.firstIndex(where: { $0.id == id }) else { return nil }
        return records.count + position
    }

    /// The position of the record whose output is `id`, by binary search over increasing output ids.
    @inline(__always)
    private func recordIndex(producing id: Int) -> Int? {
        var low = 0
        var high = records.count
        while low < high {
            let middle = (low + high) / 2
            let outputId = records[middle].outputId
            if outputId == id { return middle }
            if outputId < id { low = middle + 1 } else { high = middle }
        }
        return nil
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
