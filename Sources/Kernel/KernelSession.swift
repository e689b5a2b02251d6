#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// One kernel: an engine with its state, an execution counter and a queue of cells.
///
/// Cells run one at a time, in arrival order, on the session's own thread
/// (started at the first cell), so a long cell blocks neither the caller's
/// executor nor other sessions. A failed, interrupted or timed-out cell leaves
/// the engine's state usable. Call `close()` when the session is done with:
/// its thread holds it alive until then.
public final class KernelSession: Sendable {
    /// The session's id.
    public let id: String
    /// When the session was created.
    public let created: Date
    /// The limits every cell runs under.
    public let limits: KernelLimits

    private let engine: EngineBox
    private let state: Mutex<State>
    private let wakeup = DispatchSemaphore(value: 0)
    private let observer: (@Sendable (CellReport) -> Void)?

    private struct State {
        var queue: [Job] = []
        var queuedCells = 0
        var activeJobs = 0
        var running: CellControl?
        var executionCount = 0
        var lastActivity: Date
        var memoryBytes = 0
        var closed = false
        var threadStarted = false
    }

    private enum Job: Sendable {
        case cell(String, CheckedContinuation<ExecuteReply, any Error>)
        case restart(CheckedContinuation<SessionInfo, any Error>)

        func fail(_ error: KernelSessionError) {
            switch self {
            case .cell(_, let continuation): continuation.resume(throwing: error)
            case .restart(let continuation): continuation.resume(throwing: error)
            }
        }
    }

    /// Creates a session around `engine`, which it then owns: nothing else may touch the engine.
    ///
    /// - Parameters:
    ///   - id: the session's id.
    ///   - engine: the engine cells run in.
    ///   - limits: the limits every cell runs under.
    ///   - observer: told about every finished cell, on the session's thread.
    public init(
        id: String,
        engine: any CellEngine,
        limits: KernelLimits = .defaults,
        observer: (@Sendable (CellReport) -> Void)? = nil
    ) {
        self.id = id
        let now = Date()
        self.created = now
        self.limits = limits
        self.engine = EngineBox(engine)
        self.state = Mutex(State(lastActivity: now))
        self.observer = observer
    }

    /// The session as the API shows it.
    public var info: SessionInfo {
        state.withLock { state in
            SessionInfo(
                id: id,
                executionCount: state.executionCount,
                state: state.activeJobs > 0 ? .busy : .idle,
                created: created,
                lastActivity: state.lastActivity,
                memoryBytes: state.memoryBytes
            )
        }
    }

    /// When the session was last asked to do something or last finished something.
    public var lastActivity: Date {
        state.withLock { $0.lastActivity }
    }

    /// Whether no cell is running or waiting.
    public var isIdle: Bool {
        state.withLock { $0.activeJobs == 0 }
    }

    /// Cells waiting behind the running one.
    public var queuedCells: Int {
        state.withLock { $0.queuedCells }
    }

    /// Whether a cell is running now (not just waiting).
    public var isRunningCell: Bool {
        state.withLock { $0.running != nil }
    }

    /// Whether `close()` was called.
    public var isClosed: Bool {
        state.withLock { $0.closed }
    }

    /// Runs `code` as the next cell once every cell queued before it has run.
    ///
    /// - Throws: `KernelSessionError.queueFull` when `limits.maxQueuedCells`
    ///   cells already wait, `.closed` when the session was closed before the
    ///   cell ran.
    public func execute(_ code: String) async throws -> ExecuteReply {
        try await withCheckedThrowingContinuation { continuation in
            enqueue(.cell(code, continuation))
        }
    }

    /// Ends the running cell with `KeyboardInterrupt`; queued cells still run.
    public func interrupt() {
        state.withLock { state in
            state.running?.interrupt()
            state.lastActivity = Date()
        }
    }

    /// Interrupts the running cell, then, after the cells already queued,
    /// clears the engine's state and resets the execution count to 0.
    ///
    /// - Throws: `KernelSessionError.closed` when the session was closed first.
    public func restart() async throws -> SessionInfo {
        try await withCheckedThrowingContinuation { continuation in
            state.withLock { $0.running?.interrupt() }
            enqueue(.restart(continuation))
        }
    }

    /// Stops taking cells, interrupts the running one and fails the queued
    /// ones with `KernelSessionError.closed`; the thread ends after the running cell.
    public func close() {
        let dropped: [Job] = state.withLock { state in
            state.closed = true
            state.running?.interrupt()
            let dropped = state.queue
            state.queue = []
            state.queuedCells = 0
            state.activeJobs -= dropped.count
            return dropped
        }
        for job in dropped { job.fail(.closed) }
        wakeup.signal()
    }

    private func enqueue(_ job: Job) {
        enum Decision { case refuse(KernelSessionError), wake, startThread }
        let decision: Decision = state.withLock { state in
            if state.closed { return .refuse(.closed) }
            if case .cell = job {
                if state.queuedCells >= limits.maxQueuedCells { return .refuse(.queueFull(limit: limits.maxQueuedCells)) }
                state.queuedCells += 1
            }
            state.queue.append(job)
            state.activeJobs += 1
            state.lastActivity = Date()
            if state.threadStarted { return .wake }
            state.threadStarted = true
            return .startThread
        }
        switch decision {
        case .refuse(let error):
            job.fail(error)
        case .wake:
            wakeup.signal()
        case .startThread:
            wakeup.signal()
            let started = DedicatedThread.start(stackBytes: limits.threadStackBytes) { [self] in runLoop() }
            if !started { failEverything() }
        }
    }

    private func failEverything() {
        let dropped: [Job] = state.withLock { state in
            state.threadStarted = false
            let dropped = state.queue
            state.queue = []
            state.queuedCells = 0
            state.activeJobs -= dropped.count
            return dropped
        }
        for job in dropped { job.fail(.threadUnavailable) }
    }

    /// The session thread: takes jobs in order until the session is closed and drained.
    private func runLoop() {
        while true {
            awaitNextJob()
            enum Next { case job(Job, CellControl?, Int), idle, exit }
            let next: Next = state.withLock { state in
                guard !state.queue.isEmpty else { return state.closed ? .exit : .idle }
                let job = state.queue.removeFirst()
                guard case .cell = job else { return .job(job, nil, 0) }
                state.queuedCells -= 1
                state.executionCount += 1
                let control = CellControl(limits: limits)
                state.running = control
                return .job(job, control, state.executionCount)
            }
            switch next {
            case .exit:
                return
            case .idle:
                continue
            case .job(.cell(let code, let continuation), let control?, let count):
                continuation.resume(returning: runCell(code, count: count, control: control))
            case .job(.restart(let continuation), _, _):
                engine.engine.reset()
                let memory = engine.engine.memoryBytes
                state.withLock { state in
                    state.executionCount = 0
                    state.memoryBytes = memory
                    state.activeJobs -= 1
                    state.lastActivity = Date()
                }
                continuation.resume(returning: info)
            case .job(.cell(_, let continuation), nil, _):
                continuation.resume(throwing: KernelSessionError.closed)
            }
        }
    }

    /// Waits for the next job, first yielding the processor in a loop for a short while: a
    /// notebook's next cell usually follows within a round trip, and picking it up on a thread
    /// that never slept spares the wake-up of an idle core, which on a quiet machine costs more
    /// than a short cell. `sched_yield` gives the processor to any other runnable thread, so the
    /// wait only ever takes time nothing else wanted.
    private func awaitNextJob() {
        let deadline = ContinuousClock.now.advanced(by: Self.spinBeforeSleeping)
        while state.withLock({ $0.queue.isEmpty && !$0.closed }), ContinuousClock.now < deadline {
            sched_yield()
        }
        wakeup.wait()
    }

    /// How long a session thread stays awake after a job before it sleeps.
    static let spinBeforeSleeping = Duration.microseconds(500)

    private func runCell(_ code: String, count: Int, control: CellControl) -> ExecuteReply {
        let collector = OutputCollector(limitBytes: limits.cellOutputBytes)
        let start = ContinuousClock.now
        let outcome = engine.engine.run(code, executionCount: count, output: collector, control: control)
        let duration = ContinuousClock.now - start
        let status: ExecuteReply.Status
        switch outcome {
        case .ok(let result?):
            collector.addResult(result, executionCount: count)
            status = .ok
        case .ok(nil):
            status = .ok
        case .error(let error):
            collector.addError(error)
            status = .error
        }
        let memory = engine.engine.memoryBytes
        state.withLock { state in
            state.running = nil
            state.memoryBytes = memory
            state.activeJobs -= 1
            state.lastActivity = Date()
        }
        let reply = ExecuteReply(status: status, executionCount: count, outputs: collector.outputs)
        observer?(CellReport(duration: duration, status: status, outcome: outcome))
        return reply
    }
}

/// What a session tells its observer about a finished cell.
public struct CellReport: Sendable {
    /// Time spent in the engine.
    public var duration: Duration
    /// The reply's status.
    public var status: ExecuteReply.Status
    /// How the engine said the cell ended.
    public var outcome: CellOutcome
}

/// Carries the engine to the session's thread, the only thread that ever touches it.
private final class EngineBox: @unchecked Sendable {
    let engine: any CellEngine
    init(_ engine: any CellEngine) { self.engine = engine }
}
