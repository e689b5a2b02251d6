/// What a statement hands back to its enclosing block: control flow travels as a value.
enum Flow {
    case normal
    case breakLoop
    case continueLoop
    case returned(Value)
    /// Only inside generator bodies: suspend with this value.
    case yielded(Value)
}

typealias ExprCode = (Frame) throws -> Value
typealias StmtCode = (Frame) throws -> Flow
typealias StoreCode = (Frame, Value) throws -> Void

/// The variables of one running piece of code: a cell, a function call, a class body.
final class Frame {
    /// Plain locals, resolved to positions at compile time; nil while unbound.
    @exclusivity(unchecked) var slots: [Value?]
    /// Variables shared with closures: own cell variables first, then free variables.
    @exclusivity(unchecked) var cells: [PyCell]
    unowned(unsafe) let interp: Interpreter
    /// The namespace a class body fills.
    var namespace: [String: Value]?
    /// The line being executed, for tracebacks.
    @exclusivity(unchecked) var line = 0
    /// Resumption state when this frame runs a generator body.
    var generator: GeneratorState?

    init(interp: Interpreter, slotCount: Int, cells: [PyCell]) {
        self.interp = interp
        self.slots = [Value?](repeating: nil, count: slotCount)
        self.cells = cells
    }

    /// Unbinds every variable so the frame can serve another call.
    @inline(__always)
    func reset() {
        slots.withUnsafeMutableBufferPointer { buffer in
            for i in buffer.indices { buffer[i] = nil }
        }
        if !cells.isEmpty { cells = [] }
        line = 0
    }
}

/// Where a generator body stopped: per compound statement, its position and iterator.
final class GeneratorState {
    var resuming = false
    var sent: Value = .none
    var positions: [Int]
    var iterators: [Value?]
    /// The exception a suspended `except` block is handling.
    var handled: [PyException?]

    init(count: Int) {
        positions = [Int](repeating: 0, count: count)
        iterators = [Value?](repeating: nil, count: count)
        handled = [PyException?](repeating: nil, count: count)
    }
}

/// A compiled function body and what binding arguments needs to know.
final class FunctionCode {
    enum Location {
        case slot(Int)
        case cell(Int)
    }

    let name: String
    let qualname: String
    let positional: [String]
    let keywordOnly: [String]
    let varArgs: String?
    let varKeywords: String?
    /// Where each parameter is stored: positional, keyword-only, `*args`, `**kwargs`, in that order.
    let parameterLocations: [Location]
    @exclusivity(unchecked) var slotCount = 0
    @exclusivity(unchecked) var cellVarCount = 0
    /// For each free variable, the index of the cell in the defining frame.
    var freeSources: [Int] = []
    @exclusivity(unchecked) var body: StmtCode = { _ in .normal }
    @exclusivity(unchecked) var isGenerator = false
    /// Frames of finished calls, reused so a call allocates nothing in the common case.
    @exclusivity(unchecked) var framePool: [Frame] = []
    /// The class whose body defined this function, for `super()`.
    weak var definingClass: PyType?
    var generatorStateCount = 0
    let cellNumber: Int?
    /// Number of positional parameters when the function takes nothing else and keeps all in slots.
    let simpleArity: Int?

    init(name: String, qualname: String, parameters: Parameters, locations: [Location], cellNumber: Int?) {
        self.name = name
        self.qualname = qualname
        positional = parameters.positional.map(\.name)
        keywordOnly = parameters.keywordOnly.map(\.name)
        varArgs = parameters.varArgs
        varKeywords = parameters.varKeywords
        parameterLocations = locations
        self.cellNumber = cellNumber
        let allSlots = locations.allSatisfy { if case .slot = $0 { return true }; return false }
        simpleArity = parameters.varArgs == nil && parameters.varKeywords == nil && parameters.keywordOnly.isEmpty && allSlots
            ? parameters.positional.count : nil
    }
}

/// A function defined by `def` or `lambda`.
public final class PyFunction: PyObject {
    let code: FunctionCode
    public var defaults: [Value]
    public var keywordDefaults: [String: Value]
    let closure: [PyCell]
    public var name: String
    public var qualname: String
    public var dict: [String: Value] = [:]
    public var doc: Value?

    init(code: FunctionCode, defaults: [Value], keywordDefaults: [String: Value], closure: [PyCell]) {
        self.code = code
        self.defaults = defaults
        self.keywordDefaults = keywordDefaults
        self.closure = closure
        self.name = code.name
        self.qualname = code.qualname
    }

    public override var pyType: PyType { Builtin.functionType }
}

/// A generator object: a suspended function frame resumed by `next()` and `send()`.
public final class PyGenerator: PyObject {
    let frame: Frame
    let code: FunctionCode
    var started = false
    var finished = false
    var running = false
    /// The value the body returned (`StopIteration.value`).
    var returnValue: Value = .none

    init(frame: Frame, code: FunctionCode) {
        self.frame = frame
        self.code = code
    }

    public override var pyType: PyType { Builtin.generatorType }

    /// Runs the body to its next `yield`; nil when it finished.
    func resume(_ interp: Interpreter, sending value: Value) throws -> Value? {
        if finished { return nil }
        if running { throw PyError.value("generator already executing") }
        guard let state = frame.generator else { return nil }
        if !started, !value.isNone {
            throw PyError.type("can't send non-None value to a just-started generator")
        }
        state.resuming = started
        state.sent = value
        running = true
        defer { running = false }
        try interp.enterCall()
        defer { interp.depth -= 1 }
        let flow: Flow
        do {
            flow = try code.body(frame)
        } catch let error as PyError {
            finished = true
            interp.addTraceback(error, frame: frame, code: code)
            if error.type.isSubtype(of: Builtin.stopIteration) {
                let wrapped = PyError(Builtin.runtimeError, "generator raised StopIteration")
                wrapped.exception.cause = error.exception
                throw wrapped
            }
            throw error
        }
        switch flow {
        case .yielded(let v):
            started = true
            return v
        case .returned(let v):
            finished = true
            returnValue = v
            return nil
        default:
            finished = true
            return nil
        }
    }
}

/// `super()`: attribute lookup that starts after `cls` in the receiver's class chain.
public final class PySuper: PyObject {
    let cls: PyType
    let receiver: Value

    init(cls: PyType, receiver: Value) {
        self.cls = cls
        self.receiver = receiver
    }

    public override var pyType: PyType { Builtin.superType }
}
