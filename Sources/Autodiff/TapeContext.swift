import Tensors

/// The tapes of one session and the identities they use.
///
/// Every op goes through one dispatch here: the value is computed with `Tensors`, wrapped as a
/// new `TrackedTensor`, and recorded on each recording tape that watches one of its inputs.
/// A context belongs to one session and is used from one thread at a time.
public final class TapeContext {
    public let memory: MemoryAccount
    // Every op reads or writes these, and the context runs on one thread at a time and never
    // lends them out `inout` across a call, so the runtime exclusivity checks (a thread-local
    // access-set update per access) buy nothing here.
    @exclusivity(unchecked) private var lastId = 0
    /// Tapes between their `enter()` and `exit()`, outermost first.
    @exclusivity(unchecked) var activeTapes: [GradientTape] = []

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
        recordIfWatched(TapeRecord.Inputs(input), output: output, acceptsBroadcastGradient: false, backward: .passThrough)
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
        guard output.dtype.isFloatingPoint, let first = inputs.first else { return }
        let recordInputs = TapeRecord.Inputs(TapeRecord.Input(first),
                                             inputs.count > 1 ? TapeRecord.Input(inputs[1]) : nil,
                                             inputs.dropFirst(2).map(TapeRecord.Input.init))
        recordIfWatched(recordInputs, output: output, acceptsBroadcastGradient: acceptsBroadcastGradient,
                        backward: .general(rule))
    }

    /// `record` for a one-input op, without building an array of inputs.
    func record(_ x: TrackedTensor, _ output: TrackedTensor, acceptsBroadcastGradient: Bool = false,
                rule: @escaping GradientRule) {
        guard output.dtype.isFloatingPoint else { return }
        recordIfWatched(TapeRecord.Inputs(TapeRecord.Input(x)), output: output,
                        acceptsBroadcastGradient: acceptsBroadcastGradient, backward: .general(rule))
    }

    /// `record` for a two-input op, without building an array of inputs.
    func record(_ a: TrackedTensor, _ b: TrackedTensor, _ output: TrackedTensor, acceptsBroadcastGradient: Bool = false,
                rule: @escaping GradientRule) {
        record(a, b, output, acceptsBroadcastGradient: acceptsBroadcastGradient, backward: .general(rule))
    }

    /// `record` for a two-input op whose rule is given as a `Backward` (see there for why).
    func record(_ a: TrackedTensor, _ b: TrackedTensor, _ output: TrackedTensor, acceptsBroadcastGradient: Bool = false,
                backward: Backward) {
        guard output.dtype.isFloatingPoint else { return }
        recordIfWatched(TapeRecord.Inputs(TapeRecord.Input(a), TapeRecord.Input(b)), output: output,
                        acceptsBroadcastGradient: acceptsBroadcastGradient, backward: backward)
    }

    private func recordIfWatched(_ inputs: TapeRecord.Inputs, output: TrackedTensor,
                                 acceptsBroadcastGradient: Bool, backward: Backward) {
        var record: TapeRecord?
        for tape in activeTapes where tape.isRecording && inputs.contains(where: { tape.watches($0) }) {
            let shared = record ?? TapeRecord(inputs: inputs, output: output,
                                              acceptsBroadcastGradient: acceptsBroadcastGradient, backward: backward)
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

/// The gradients of a two-input op's inputs from its output's gradient and its inputs, with
/// recorded ops. Written as a closure that captures nothing, it needs no heap context, and its
/// pair of results no array, which matters for the scalar maths of notebook cells.
typealias BinaryGradientRule = (_ context: TapeContext, _ upstream: TrackedTensor, _ a: TrackedTensor,
                                _ b: TrackedTensor) throws -> (TrackedTensor?, TrackedTensor?)

/// How a record sends its output's gradient back to its inputs.
///
/// The common cases are data rather than closures so that recording them allocates nothing
/// beyond the record itself.
enum Backward {
    /// Every input receives the upstream gradient unchanged (a variable read, add).
    case passThrough
    /// A two-input rule over the op's inputs `a` and `b`, which the record keeps alive.
    case binary(TrackedTensor, TrackedTensor, BinaryGradientRule)
    /// Any other rule.
    case general(GradientRule)
}

/// One recorded op: which tensors went in, which came out, and how to send a gradient back.
///
/// A value, stored in the tapes' arrays: a record as an object would cost an allocation per
/// recorded op, more than the copy each further tape that records the op makes.
struct TapeRecord {
    struct Input {
        let id: Int
        let shape: [Int]
        let dtype: DType

        init(id: Int, shape: [Int], dtype: DType) {
            self.id = id
            self.shape = shape
            self.dtype = dtype
        }

        init(_ tensor: TrackedTensor) {
            self.init(id: tensor.id, shape: tensor.shape, dtype: tensor.dtype)
        }
    }

    /// An op's inputs, the first two held inline: almost every op has one or two, and an array
    /// would cost a heap allocation per recorded op.
    struct Inputs {
        let first: Input
        let second: Input?
        /// Inputs after the second, in order.
        let rest: [Input]

        init(_ first: Input, _ second: Input? = nil, _ rest: [Input] = []) {
            self.first = first
            self.second = second
            self.rest = second == nil ? [] : rest
        }

        var count: Int { second == nil ? 1 : 2 + rest.count }

        /// The input at `position`, nil past the last.
        subscript(position: Int) -> Input? {
            switch position {
            case 0: return first
            case 1: return second
            default: return position - 2 < rest.count ? rest[position - 2] : nil
            }
        }

        /// True when some input's id satisfies `predicate`.
        @inline(__always)
        func contains(where predicate: (Int) -> Bool) -> Bool {
            if predicate(first.id) { return true }
            guard let second else { return false }
            if predicate(second.id) { return true }
            return rest.contains { predicate($0.id) }
        }
    }

    let inputs: Inputs
    let outputId: Int
    let outputShape: [Int]
    let acceptsBroadcastGradient: Bool
    let backward: Backward

    init(inputs: Inputs, output: TrackedTensor, acceptsBroadcastGradient: Bool, backward: Backward) {
        self.inputs = inputs
        self.outputId = output.id
        self.outputShape = output.shape
        self.acceptsBroadcastGradient = acceptsBroadcastGradient
        self.backward = backward
    }
}
