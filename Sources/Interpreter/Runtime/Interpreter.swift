import Synchronization

/// A module-level variable: compiled code holds the slot itself, so reading a global is one load.
final class GlobalSlot {
    let name: String
    @exclusivity(unchecked) var value: Value? {
        didSet { function = Self.function(in: value) }
    }
    /// `value` when it is a Python function, unretained: it lives exactly as long as `value`
    /// holds it, because every store updates both. Call sites retain it for the call instead of
    /// copying the value out.
    @exclusivity(unchecked) private(set) var function: Unmanaged<PyFunction>?

    init(name: String, value: Value? = nil) {
        self.name = name
        self.value = value
        function = Self.function(in: value)
    }

    private static func function(in value: Value?) -> Unmanaged<PyFunction>? {
        guard case .object(let o)? = value, o.isFunction else { return nil }
        return Unmanaged.passUnretained(unsafeDowncast(o, to: PyFunction.self))
    }
}

/// Lets another thread stop a running cell: `interrupt()` makes it raise `KeyboardInterrupt`,
/// a passed deadline makes it raise `TimeoutError`. Checked at every loop iteration and call.
public final class CancellationToken: Sendable {
    private let interrupted = Atomic<Bool>(false)
    private let deadline = Atomic<UInt64>(0)
    private let linkedInterrupt = Mutex<(@Sendable () -> Bool)?>(nil)

    public init() {}

    /// Asks the running (or next) execution to stop with `KeyboardInterrupt`.
    public func interrupt() { interrupted.store(true, ordering: .relaxed) }

    /// Stops executions that run past `uptimeNanoseconds` (`DispatchTime`/`ContinuousClock`
    /// uptime); 0 clears the deadline.
    public func setDeadline(uptimeNanoseconds: UInt64) { deadline.store(uptimeNanoseconds, ordering: .relaxed) }

    /// Sets the deadline `seconds` from now.
    public func setDeadline(secondsFromNow seconds: Double) {
        let now = Self.now()
        setDeadline(uptimeNanoseconds: now &+ UInt64(max(0, seconds) * 1e9))
    }

    /// Clears a pending interrupt and the deadline (done when an execution starts).
    public func reset() {
        interrupted.store(false, ordering: .relaxed)
        deadline.store(0, ordering: .relaxed)
    }

    /// Also stops with `KeyboardInterrupt` while `check` answers true: a host's own interrupt
    /// flag, read at the same points as this token's. Nil unlinks.
    public func linkInterrupt(_ check: (@Sendable () -> Bool)?) { linkedInterrupt.withLock { $0 = check } }

    func clearInterrupt() { interrupted.store(false, ordering: .relaxed) }

    var isInterrupted: Bool {
        if interrupted.load(ordering: .relaxed) { return true }
        return linkedInterrupt.withLock { $0 }?() ?? false
    }

    var isPastDeadline: Bool {
        let d = deadline.load(ordering: .relaxed)
        return d != 0 && Self.now() >= d
    }

    static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One Python session: globals that persist between executions, the `print` sink, the modules a
/// host registered, and the limits (cancellation, recursion depth).
///
/// Not thread-safe: run one execution at a time. Only `cancellation` may be used from other threads.
/// Native stack: each Python call nests about 2–6 KiB of Swift frames (more for deep expressions),
/// so run executions on a thread with at least 64 MiB of stack for the default recursion limit of 1000.
public final class Interpreter {
    /// Receives every piece of text `print` writes, in order.
    public var output: (String) -> Void
    /// Stops a running execution from another thread.
    public let cancellation: CancellationToken
    /// Maximum depth of nested Python calls before `RecursionError` (CPython's default 1000).
    @exclusivity(unchecked) public var recursionLimit = 1000

    var globals: [String: GlobalSlot] = [:]
    @exclusivity(unchecked) var builtins: [String: Value] = [:]
    var moduleFactories: [String: (Interpreter) throws -> PyModule] = [:]
    var loadedModules: [String: PyModule] = [:]
    /// The exceptions being handled by enclosing `except` blocks, innermost last.
    var handling: [PyException] = []
    /// Current depth of Python calls.
    @exclusivity(unchecked) var depth = 0
    /// Native recursion depth of repr / comparison / hashing of nested containers.
    var nativeDepth = 0
    @exclusivity(unchecked) var ticks = 0
    /// Bounds on Python heap growth (see `MemoryLimits`); the kernel sets them per session.
    public var memoryLimits = MemoryLimits()
    /// Resident bytes at the current execution's first heap sample; -1 before it.
    var heapBaseline = 0
    /// Cancellation checks left before the next heap sample.
    var sampleCountdown = 256
    /// Bytes of noted allocations left before the next heap sample.
    var noteCredit = 64 << 20
    /// Source of executed cells, for tracebacks; split into lines only when a traceback quotes one.
    var cellSources: [Int: String] = [:]
    var currentCell: Int?
    /// Containers whose repr is being built, so self-containing ones print `[...]`.
    var reprGuard: Set<ObjectIdentifier> = []
    /// Classes whose bodies are running.
    var classBeingDefined: [PyType] = []

    /// Makes an interpreter with empty globals and the builtins, `math` importable.
    /// - Parameter output: receives the text `print` writes.
    public init(output: @escaping (String) -> Void = { _ in }, cancellation: CancellationToken = CancellationToken()) {
        self.output = output
        self.cancellation = cancellation
        builtins = Builtin.namespace()
        moduleFactories["math"] = { _ in MathModule.make() }
        globals["__name__"] = GlobalSlot(name: "__name__", value: .string("__main__"))
    }

    /// Ends the session: unbinds every global and drops cached modules, so the session's objects
    /// (which may reference each other) are freed. The interpreter stays usable with empty globals.
    public func close() {
        for slot in globals.values { slot.value = nil }
        globals.removeAll()
        loadedModules.removeAll()
        cellSources.removeAll()
        handling.removeAll()
        globals["__name__"] = GlobalSlot(name: "__name__", value: .string("__main__"))
    }

    func globalSlot(_ name: String) -> GlobalSlot {
        if let slot = globals[name] { return slot }
        let slot = GlobalSlot(name: name)
        globals[name] = slot
        return slot
    }

    /// The value of a global variable, or nil.
    public func global(_ name: String) -> Value? { globals[name]?.value }

    /// Sets (or with nil, deletes) a global variable.
    public func setGlobal(_ name: String, _ value: Value?) { globalSlot(name).value = value }

    /// Names of the bound globals, sorted.
    public var globalNames: [String] { globals.filter { $0.value.value != nil }.map(\.key).sorted() }

    /// Called at every loop iteration and call: cheap until every 256th tick, then checks the
    /// token's interrupt flag and deadline.
    @inline(__always)
    func tick() throws {
        ticks &+= 1
        if ticks & 255 == 0 { try checkCancellation() }
    }

    func checkCancellation() throws {
        try countHeapSample()
        if cancellation.isInterrupted {
            cancellation.clearInterrupt()
            throw PyError(Builtin.keyboardInterrupt, args: [])
        }
        if cancellation.isPastDeadline {
            cancellation.setDeadline(uptimeNanoseconds: 0)
            throw PyError(Builtin.timeoutError, "cell execution exceeded its time limit")
        }
    }

    /// Guards native recursion (repr, equality, hashing of nested containers).
    @inline(__always)
    func enterNative(_ what: String = "while getting the repr of an object") throws {
        nativeDepth += 1
        if nativeDepth > 800 || depth + nativeDepth / 4 > recursionLimit + 50 {
            nativeDepth -= 1
            throw PyError(Builtin.recursionError, "maximum recursion depth exceeded \(what)")
        }
    }

    @inline(__always) func leaveNative() { nativeDepth -= 1 }
}
