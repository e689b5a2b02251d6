import Tensors

/// The tapes of one session and the identities they use.
///
/// Every op goes through one dispatch here: the value is computed with `Tensors`, wrapped as a
/// new `TrackedTensor`, and recorded on each recording tape that watches one of its inputs.
/// A context belongs to one session and is used from one thread at a time.
public final class TapeContext {
    public let memory: MemoryAccount
    private var lastId = 0
    /// Tapes between their `enter()` and `exit()`, outermost first.
    var activeTapes: [GradientTape] = []

    public init(memory: MemoryAccount = MemoryAccount()) {
        self.memory = memory
    }

    func nextId() -> Int {
        lastId &+= 1
        return lastId
    }

    /// Wraps `value` as a tensor no tape has seen (a constant).
    public func constant(_ value: Tensor) throws(TensorError) -> TrackedTensor {
        try TrackedTensor(value, id: nextId(), account: memory)
    }

    /// Makes a variable holding `value`.
    public func makeVariable(_ value: Tensor, name: String, trainable: Bool = true) throws(TensorError) -> Variable {
        Variable(id: nextId(), name: name, trainable: trainable, value: try constant(value))
    }

    /// Reads `variable` as a fresh tensor, recorded as a read on the tapes that watch it.
    ///
    /// A recording tape with `watchAccessedVariables` starts watching a trainable variable
    /// when the variable is read.
    public func read(_ variable: Variable) throws(TensorError) -> TrackedTensor {
        // The snapshot shares the variable's storage, so it is not charged a second time.
        let output = TrackedTensor(sharing: variable.value, id: nextId())
        guard !activeTapes.isEmpty else { return output }
        for tape in activeTapes where tape.isRecording && tape.watchAccessedVariables && variable.trainable {
            tape.watch(variable)
        }
        let input = TapeRecord.Input(id: variable.id, shape: variable.shape, dtype: variable.dtype)
        recordIfWatched(inputs: [input], output: output) { g in [g] }
        return output
    }

    /// True when some recording tape watches `x` (the check before any record is built).
    ///
    /// Fixed-arity overloads rather than a variadic one: a variadic call builds an array on the heap
    /// for every op run under a tape.
    @inline(__always)
    func isRecording(_ x: TrackedTensor) -> Bool {
        guard !activeTapes.isEmpty else { return false }
        for tape in activeTapes where tape.isRecording && tape.watches(x.id) { return true }
        return false
    }

    /// True when some recording tape watches `a` or `b`.
    @inline(__always)
    func isRecording(_ a: TrackedTensor, _ b: TrackedTensor) -> Bool {
        guard !activeTapes.isEmpty else { return false }
        for tape in activeTapes where tape.isRecording && (tape.watches(a.id) || tape.watches(b.id)) { return true }
        return false
    }

    /// Records `output = op(inputs)` with its gradient rule on each recording tape that watches an
    /// input. Callers check `isRecording` first so that no rule is built when nothing records.
    ///
    /// Outputs that are not floating point are never recorded: no gradient flows through them.
    /// - Parameter acceptsBroadcastGradient: the rule works (by broadcasting) on an upstream gradient
    ///   of a smaller, broadcast-compatible shape, so the engine need not materialise it.
    func record(_ inputs: [TrackedTensor], _ output: TrackedTensor, acceptsBroadcastGradient: Bool = false,
                rule: @escaping GradientRule) {
        guard output.dtype.isFloatingPoint else { return }
        let recordInputs = inputs.map { TapeRecord.Input(id: $0.id, shape: $0.shape, dtype: $0.dtype) }
        recordIfWatched(inputs: recordInputs, output: output, acceptsBroadcastGradient: acceptsBroadcastGradient,
                        rule: rule)
    }

    /// `record` for a one-input op, without building an intermediate array of inputs.
    func record(_ x: TrackedTensor, _ output: TrackedTensor, acceptsBroadcastGradient: Bool = false,
                rule: @escaping GradientRule) {
        guard output.dtype.isFloatingPoint else { return }
        recordIfWatched(inputs: [TapeRecord.Input(id: x.id, shape: x.shape, dtype: x.dtype)], output: output,
                        acceptsBroadcastGradient: acceptsBroadcastGradient, rule: rule)
    }

    /// `record` for a two-input op, without building an intermediate array of inputs.
    func record(_ a: TrackedTensor, _ b: TrackedTensor, _ output: TrackedTensor, acceptsBroadcastGradient: Bool = false,
                rule: @escaping GradientRule) {
        guard output.dtype.isFloatingPoint else { return }
        recordIfWatched(inputs: [TapeRecord.Input(id: a.id, shape: a.shape, dtype: a.dtype),
                                 TapeRecord.Input(id: b.id, shape: b.shape, dtype: b.dtype)],
                        output: output, acceptsBroadcastGradient: acceptsBroadcastGradient, rule: rule)
    }

    private func recordIfWatched(inputs: [TapeRecord.Input], output: TrackedTensor,
                                 acceptsBroadcastGradient: Bool = false, rule: @escaping GradientRule) {
        var record: TapeRecord?
        for tape in activeTapes where tape.isRecording && inputs.contains(where: { tape.watches($0.id) }) {
            let shared = record ?? TapeRecord(inputs: inputs, output: output,
                                              acceptsBroadcastGradient: acceptsBroadcastGradient, rule: rule)
            record = shared
            tape.append(shared)
        }
    }

    /// Makes `tape` the innermost active tape.
    func push(_ tape: GradientTape) {
        activeTapes.append(tape)
    }

    func pop(_ tape: GradientTape) {
        activeTapes.removeAll { $0 === tape }
    }
}

/// Computes the gradients of an op's inputs from the gradient of its output, with recorded ops;
/// nil for an input that gets no gradient.
typealias GradientRule = (_ upstream: TrackedTensor) throws -> [TrackedTensor?]

/// One recorded op: which tensors went in, which came out, and how to send a gradient back.
final class TapeRecord {
    struct Input {
        let id: Int
        let shape: [Int]
        let dtype: DType
    }

    let inputs: [Input]
    let outputId: Int
    let outputShape: [Int]
    let acceptsBroadcastGradient: Bool
    let rule: GradientRule

    init(inputs: [Input], output: TrackedTensor, acceptsBroadcastGradient: Bool, rule: @escaping GradientRule) {
        self.inputs = inputs
        self.outputId = output.id
        self.outputShape = output.shape
        self.acceptsBroadcastGradient = acceptsBroadcastGradient
        self.rule = rule
    }
}
