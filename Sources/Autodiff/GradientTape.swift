import Tensors

/// Records the ops computed on watched tensors so their gradients can be computed later.
///
/// The tape keeps records only; the maths of a gradient is the rules' business (`Operations*`)
/// and the walk over records the engine's (`GradientEngine`). Terms: a *target* is what is
/// differentiated, a *source* what it is differentiated with respect to.
///
/// Recording scope is TensorFlow's: a tape records while it is active (between `enter()` and
/// `exit()`, a Python `with`) and not suspended by `stopRecording()`, and only ops with an input
/// it watches. Outputs of recorded ops become watched.
public final class GradientTape {
    public let persistent: Bool
    public let watchAccessedVariables: Bool
    let context: TapeContext

    // Read or written by every op under the tape; unchecked for the reason `TapeContext` gives.
    @exclusivity(unchecked) private var watchedIds = IdSet()
    private var variables: [Variable] = []
    @exclusivity(unchecked) private(set) var records: [TapeRecord] = []
    @exclusivity(unchecked) private(set) var isActive = false
    @exclusivity(unchecked) private var isSuspended = false
    /// Set once a non-persistent tape has computed its gradient.
    private var isSpent = false

    public init(context: TapeContext, persistent: Bool = false, watchAccessedVariables: Bool = true) {
        self.context = context
        self.persistent = persistent
        self.watchAccessedVariables = watchAccessedVariables
    }

    /// True while ops on watched tensors are being recorded.
    public var isRecording: Bool { isActive && !isSuspended }

    /// Starts recording (entering `with tape:`).
    public func enter() throws(AutodiffError) {
        guard !isActive else { throw .tapeAlreadyActive }
        isActive = true
        isSuspended = false
        context.push(self)
    }

    /// Stops recording (leaving `with tape:`). Leaving a tape that already stopped does nothing.
    public func exit() {
        guard isActive else { return }
        isActive = false
        context.pop(self)
    }

    /// Suspends recording until `resumeRecording()` (`with tape.stop_recording():`).
    /// - Returns: false when the tape was not recording.
    public func suspendRecording() -> Bool {
        guard isRecording else { return false }
        isSuspended = true
        return true
    }

    public func resumeRecording() {
        isSuspended = false
    }

    /// Forgets everything recorded and watched; an active tape goes on recording afresh.
    public func reset() {
        records.removeAll()
        watchedIds.removeAll()
        variables.removeAll()
    }

    public func watch(_ tensor: TrackedTensor) {
        watchedIds.insert(tensor.id)
    }

    public func watch(_ variable: Variable) {
        if watchedIds.insert(variable.id) {
            variables.append(variable)
        }
    }

    func watches(_ id: Int) -> Bool {
        watchedIds.contains(id)
    }

    /// Records are appended as their ops run, right after each output takes its id, so their
    /// output ids increase along `records`; the engine finds a record by output id with that.
    func append(_ record: TapeRecord) {
        // Room for a cell's worth of ops at once rather than growing 1, 2, 4, 8; kept under 1 KiB,
        // where a request would make glibc's malloc consolidate its fast bins first.
        if records.isEmpty { records.reserveCapacity(8) }
        records.append(record)
        watchedIds.insert(record.outputId)
    }

    /// The variables this tape watches, in creation order.
    public var watchedVariables: [Variable] {
        variables.sorted { $0.id < $1.id }
    }

    /// Gradients of the sum of `targets` with respect to each of `sources`.
    ///
    /// A non-persistent tape stops recording first and can answer only once; its records are
    /// released afterwards. A persistent tape asked inside its own `with` records the gradient
    /// computation too, so it can differentiate its own gradients.
    /// - Parameters:
    ///   - outputGradients: the upstream gradient for each target (ones where nil).
    ///   - unconnectedAsZeros: zeros instead of nil for sources the targets do not depend on.
    /// - Returns: one gradient per source, nil where there is none.
    public func gradient(targets: [GradientNode], sources: [GradientNode], outputGradients: [TrackedTensor?]? = nil,
                         unconnectedAsZeros: Bool = false) throws -> [TrackedTensor?] {
        try beginGradient()
        defer { endGradient() }
        var seeds: [(id: Int, gradient: TrackedTensor)] = []
        for (index, target) in targets.enumerated() {
            let given = outputGradients.flatMap { index < $0.count ? $0[index] : nil }
            seeds.append((target.id, try given ?? context.onesLike(target.valueShape, target.dtype)))
        }
        return try GradientEngine(context: context, records: records)
            .gradients(seeds: seeds, sources: sources, unconnectedAsZeros: unconnectedAsZeros)
    }

    /// The Jacobian of `target` with respect to `source`: shape `target.shape + source.shape`,
    /// one backward pass per target element. Nil when they are unconnected and zeros were not asked for.
    public func jacobian(target: GradientNode, source: GradientNode, unconnectedAsZeros: Bool = false) throws -> TrackedTensor? {
        try beginGradient()
        defer { endGradient() }
        let engine = GradientEngine(context: context, records: records)
        let count = target.valueShape.reduce(1, *)
        var rows: [TrackedTensor?] = []
        rows.reserveCapacity(count)
        for index in 0..<count {
            var oneHot = [Double](repeating: 0, count: count)
            oneHot[index] = 1
            let seed = try context.constant(Tensor(shape: target.valueShape, doubles: oneHot, dtype: target.dtype))
            rows.append(try engine.gradients(seeds: [(target.id, seed)], sources: [source]).first ?? nil)
        }
        if !unconnectedAsZeros && rows.allSatisfy({ $0 == nil }) { return nil }
        let zeros = try context.zeros(source.valueShape, source.dtype)
        let stacked = try context.stack(rows.map { $0 ?? zeros }, axis: 0)
        return try context.reshape(stacked, to: target.valueShape + source.valueShape)
    }

    private func beginGradient() throws(AutodiffError) {
        guard !isSpent else { throw .nonPersistentTapeUsed }
        if !persistent { exit() }
    }

    private func endGradient() {
        guard !persistent else { return }
        isSpent = true
        records.removeAll()
        watchedIds.removeAll()
    }
}

/// A target or source of a gradient: a tensor, or a variable (whose reads all lead back to it).
public enum GradientNode {
    case tensor(TrackedTensor)
    case variable(Variable)

    var id: Int {
        switch self {
        case .tensor(let t): return t.id
        case .variable(let v): return v.id
        }
    }

    var valueShape: [Int] {
        switch self {
        case .tensor(let t): return t.shape
        case .variable(let v): return v.shape
        }
    }

    var dtype: DType {
        switch self {
        case .tensor(let t): return t.dtype
        case .variable(let v): return v.dtype
        }
    }
}
