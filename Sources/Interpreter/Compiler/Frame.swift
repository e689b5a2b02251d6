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
    /// Plain locals, resolved to positions at compile time; nil while unbound. A buffer the frame
    /// owns rather than an array, so reading and writing a local is one access with no
    /// uniqueness check; every index comes from the compiler and is below `slotCount`.
    let slots: UnsafeMutablePointer<Value?>
    let slotCount: Int
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
        self.slotCount = max(slotCount, 0)
        slots = UnsafeMutablePointer<Value?>.allocate(capacity: max(slotCount, 1))
        slots.initialize(repeating: nil, count: self.slotCount)
        self.cells = cells
    }

    deinit {
        slots.deinitialize(count: slotCount)
        slots.deallocate()
    }

    /// Runs `body` with the interpreter borrowed rather than retained: the interpreter outlives
    /// every frame, and a call site's `f.interp.method()` would otherwise retain it per call.
    @inline(__always)
    func withInterpreter<T>(_ body: (Interpreter) throws -> T) rethrows -> T {
        try Unmanaged.passUnretained(interp)._withUnsafeGuaranteedRef(body)
    }

    /// Unbinds every variable so the frame can serve another call.
    @inline(__always)
    func reset() {
        for i in 0..<slotCount { slots[i] = nil }
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
    /// The exception `throw()` or `close()` raises where the generator is suspended.
    var thrown: PyError?
    /// Values already computed in a statement whose expression is suspended at an inner `yield`,
    /// by statement and then by expression node, so resuming does not evaluate them again.
    var memo: [Int: [Int: Value]] = [:]
    /// How a `try` body ended while its `finally` block is suspended at a `yield`.
    var pendingFlows: [Int: Flow] = [:]
    var pendingErrors: [Int: PyError] = [:]

    init(count: Int) {
        positions = [Int](repeating: 0, count: count)
        iterators = [Value?](repeating: nil, count: count)
        handled = [PyException?](repeating: nil, count: count)
    }
}

/// The class a function was defined in, filled when its class body finishes.
final class ClassLink {
    weak var cls: PyType?
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
    /// Everything below is fixed once the body is compiled: constants let a call read them
    /// (and call the body) without reference counting them.
    let slotCount: Int
    let cellVarCount: Int
    /// For each free variable, the index of the cell in the defining frame.
    let freeSources: [Int]
    let body: StmtCode
    let isGenerator: Bool
    let generatorStateCount: Int
    /// Frames of finished calls, reused so a call allocates nothing in the common case: a stack
    /// the code owns, so taking and returning a frame moves the reference without reference
    /// counting or array uniqueness checks.
    @exclusivity(unchecked) private var pool: UnsafeMutablePointer<Frame>?
    @exclusivity(unchecked) private var pooled = 0
    @exclusivity(unchecked) private var poolCapacity = 0
    /// The most frames one function keeps for reuse (deeper recursion allocates the rest).
    static let poolLimit = 64
    /// The class whose body defined this function, for `super()`; shared with the body's
    /// `super()` calls, which are compiled before the code exists.
    let classLink: ClassLink
    let cellNumber: Int?
    /// Number of positional parameters when the function takes nothing else and keeps all in slots.
    let simpleArity: Int?

    /// What compiling the body found, besides the body itself.
    struct Layout {
        var slotCount: Int
        var cellVarCount: Int
        var freeSources: [Int]
        var isGenerator: Bool
        var generatorStateCount: Int
    }

    init(name: String, qualname: String, parameters: Parameters, locations: [Location], cellNumber: Int?,
         body: @escaping StmtCode, layout: Layout, classLink: ClassLink) {
        self.name = name
        self.qualname = qualname
        positional = parameters.positional.map(\.name)
        keywordOnly = parameters.keywordOnly.map(\.name)
        varArgs = parameters.varArgs
        varKeywords = parameters.varKeywords
        parameterLocations = locations
        self.cellNumber = cellNumber
        self.body = body
        slotCount = layout.slotCount
        cellVarCount = layout.cellVarCount
        freeSources = layout.freeSources
        isGenerator = layout.isGenerator
        generatorStateCount = layout.generatorStateCount
        self.classLink = classLink
        let allSlots = locations.allSatisfy { if case .slot = $0 { return true }; return false }
        simpleArity = parameters.varArgs == nil && parameters.varKeywords == nil && parameters.keywordOnly.isEmpty && allSlots
            ? parameters.positional.count : nil
    }

    /// The class whose body defined this function, for `super()`.
    var definingClass: PyType? {
        get { classLink.cls }
        set { classLink.cls = newValue }
    }

    deinit {
        if let pool {
            pool.deinitialize(count: pooled)
            pool.deallocate()
        }
    }

    /// A frame of an earlier call, unbound and ready for reuse, or nil.
    @inline(__always)
    func takeFrame() -> Frame? {
        guard pooled > 0, let pool else { return nil }
        pooled &-= 1
        return (pool + pooled).move()
    }

    /// True when the pool can keep one more frame.
    @inline(__always)
    var poolHasRoom: Bool { pooled < Self.poolLimit }

    /// Keeps a finished call's frame (already reset) for a later call; the caller checked
    /// `poolHasRoom`.
    @inline(__always)
    func keepFrame(_ frame: consuming Frame) {
        if pooled == poolCapacity { growPool() }
        guard let pool, pooled < poolCapacity else { return }
        (pool + pooled).initialize(to: frame)
        pooled &+= 1
    }

    private func growPool() {
        let capacity = min(max(poolCapacity * 2, 4), Self.poolLimit)
        guard capacity > poolCapacity else { return }
        let grown = UnsafeMutablePointer<Frame>.allocate(capacity: capacity)
        if let pool {
            grown.moveInitialize(from: pool, count: pooled)
            pool.deallocate()
        }
        pool = grown
        poolCapacity = capacity
    }
}

/// A function defined by `def` or `lambda`.
public final class PyFunction: PyObject {
    let code: FunctionCode
    public var defaults: [Value]
    public var keywordDefaults: [String: Value]
    let closure: [PyCell]
    /// Whether a call needs a cells array (cell variables or a closure), decided once.
    let needsCells: Bool
    public var name: String
    public var qualname: String
    public var dict: [String: Value] = [:]
    public var doc: Value?

    init(code: FunctionCode, defaults: [Value], keywordDefaults: [String: Value], closure: [PyCell]) {
        self.code = code
        self.defaults = defaults
        self.keywordDefaults = keywordDefaults
        self.closure = closure
        needsCells = code.cellVarCount != 0 || !closure.isEmpty
        self.name = code.name
        self.qualname = code.qualname
    }

    public override var pyType: PyType { Builtin.functionType }
}

extension PyObject {
    /// `self is PyFunction` for call sites: `PyFunction` is final, so comparing the class is
    /// exact, and cheaper than a dynamic cast that walks the class chain.
    @inline(__always)
    var isFunction: Bool { ObjectIdentifier(type(of: self)) == ObjectIdentifier(PyFunction.self) }
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

    /// `close()`: raises `GeneratorExit` where the generator is suspended, so its `finally`
    /// blocks and context managers run.
    /// - Throws: `RuntimeError` when the body yields again, or what its cleanup raises.
    func close(_ interp: Interpreter) throws {
        if finished || !started {
            finished = true
            return
        }
        do {
            if try resume(interp, sending: .none, throwing: PyError(Builtin.generatorExit, args: [])) != nil {
                throw PyError.runtime("generator ignored GeneratorExit")
            }
        } catch let e as PyError where e.type.isSubtype(of: Builtin.generatorExit) || e.type.isSubtype(of: Builtin.stopIteration) {}
    }

    /// Runs the body to its next `yield`; nil when it finished.
    func resume(_ interp: Interpreter, sending value: Value, throwing thrown: PyError? = nil) throws -> Value? {
        if finished { return nil }
        if running { throw PyError.value("generator already executing") }
        guard let state = frame.generator else { return nil }
        if !started, !value.isNone {
            throw PyError.type("can't send non-None value to a just-started generator")
        }
        state.resuming = started
        state.sent = value
        state.thrown = thrown
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
