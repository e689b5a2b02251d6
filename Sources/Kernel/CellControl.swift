import Synchronization

/// What a running cell must honour: an interrupt flag, a deadline and the session's limits.
///
/// Engines poll `stopReason` in loops and calls (it costs one atomic load and
/// one monotonic clock read) and end the cell with `stop.error` when it is set.
public final class CellControl: Sendable {
    private let interrupted = Atomic<Bool>(false)
    /// When the cell must have ended.
    public let deadline: ContinuousClock.Instant
    /// The run time limit the deadline came from, for the `TimeoutError` message.
    public let timeLimit: Duration
    /// The most bytes live tensors of the session may hold.
    public let memoryBudgetBytes: Int
    /// The most elements one tensor may have.
    public let maxTensorElements: Int
    /// The deepest call nesting before `RecursionError`.
    public let recursionLimit: Int

    /// Creates a control for a cell starting now under `limits`.
    public init(limits: KernelLimits, now: ContinuousClock.Instant = .now) {
        self.timeLimit = limits.cellTimeout
        self.deadline = now.advanced(by: limits.cellTimeout)
        self.memoryBudgetBytes = limits.memoryBudgetBytes
        self.maxTensorElements = limits.maxTensorElements
        self.recursionLimit = limits.recursionLimit
    }

    /// Asks the running cell to stop with `KeyboardInterrupt`. Safe from any thread.
    public func interrupt() {
        interrupted.store(true, ordering: .relaxed)
    }

    /// Whether `interrupt()` was called.
    public var isInterrupted: Bool {
        interrupted.load(ordering: .relaxed)
    }

    /// Why the cell must stop now, or `nil` to carry on.
    public var stopReason: CellStop? {
        if interrupted.load(ordering: .relaxed) { return .interrupted }
        if ContinuousClock.now >= deadline { return .timedOut(timeLimit) }
        return nil
    }
}

/// Why a cell was stopped from outside.
public enum CellStop: Sendable, Equatable {
    case interrupted
    case timedOut(Duration)

    /// The error output the stopped cell ends with.
    public func error(frames: [String] = []) -> CellError {
        switch self {
        case .interrupted: return .keyboardInterrupt(frames: frames)
        case .timedOut(let limit): return .timeout(after: limit, frames: frames)
        }
    }
}
