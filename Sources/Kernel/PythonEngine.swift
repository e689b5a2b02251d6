import Interpreter
import TensorFlowAPI
import Tensors

/// The engine sessions run cells in: the Python-subset interpreter with the `tensorflow` and
/// `numpy` modules of one `TensorFlowSession`.
///
/// Stream text goes to the cell's collector as it is printed; the control's interrupt flag and
/// deadline stop the interpreter at its next check; tensors are charged to the session's
/// memory account, whose budget is the control's.
public final class PythonEngine: CellEngine {
    private var interpreter: Interpreter
    private var session: TensorFlowSession
    /// Where `print` writes during the current cell.
    private var collector: OutputCollector?

    public init() {
        (interpreter, session) = (Interpreter(), TensorFlowSession())
        configure()
    }

    /// Live tensor bytes of the session.
    public var memoryBytes: Int { session.memoryBytes }

    public func reset() {
        (interpreter, session) = (Interpreter(), TensorFlowSession())
        configure()
    }

    /// The interpreter's Python heap bounds for a session whose tensors may hold `budget` bytes:
    /// one container or str at most a sixteenth / a quarter of it, a cell's growth at most twice
    /// it (its tensors plus as much again of Python objects), and the whole process at most
    /// three quarters of physical memory, so one session can't starve the others.
    static func memoryLimits(budget: Int) -> MemoryLimits {
        let physical = physicalMemory
        let budget = max(budget, 64 << 20)
        return MemoryLimits(
            maxContainerElements: budget / 16,
            maxStringBytes: budget / 4,
            heapGrowthBytes: budget.multipliedReportingOverflow(by: 2).overflow ? Int.max : budget * 2,
            processHeapBytes: physical / 4 * 3
        )
    }

    /// Read once: glibc asks the kernel on every call, and the limits are set for every cell.
    private static let physicalMemory = MemoryLimits.physicalMemoryBytes()

    private func configure() {
        session.install(into: interpreter)
        interpreter.output = { [weak self] text in self?.collector?.write(text) }
    }

    public func run(_ source: String, executionCount: Int, output: OutputCollector, control: CellControl) -> CellOutcome {
        collector = output
        defer { collector = nil }
        session.context.memory.budget = control.memoryBudgetBytes
        TensorLimits.maxElements = control.maxTensorElements
        interpreter.recursionLimit = control.recursionLimit
        interpreter.memoryLimits = Self.memoryLimits(budget: control.memoryBudgetBytes)
        let token = interpreter.cancellation
        token.reset()
        token.linkInterrupt { control.isInterrupted }
        defer { token.linkInterrupt(nil) }
        let remaining = ContinuousClock.now.duration(to: control.deadline)
        let (seconds, attoseconds) = remaining.components
        token.setDeadline(secondsFromNow: max(0, Double(seconds) + Double(attoseconds) / 1e18))

        let result = interpreter.execute(source, cell: executionCount)
        guard let error = result.error else { return .ok(result: result.result) }
        // Stops from outside carry the kernel's own wording.
        if let stop = control.stopReason, error.ename == "KeyboardInterrupt" || error.ename == "TimeoutError" {
            let kernelError = stop.error()
            let traceback = Array(error.traceback.dropLast()) + kernelError.traceback.suffix(1)
            return .error(CellError(ename: kernelError.ename, evalue: kernelError.evalue, traceback: traceback))
        }
        return .error(CellError(ename: error.ename, evalue: error.evalue, traceback: error.traceback))
    }
}
