// Kernel: sessions, cell semantics, outputs, limits, notebooks.

/// The thing that runs a cell's code: an interpreter with its globals.
///
/// A `KernelSession` owns one engine and calls it only from the session's own
/// thread, one cell at a time, so an engine needs no locking of its own.
/// An engine writes stream text to the `OutputCollector` as it goes, polls the
/// `CellControl` often enough to honour an interrupt or the deadline within a
/// few milliseconds, and checks tensor allocations against the control's
/// memory budget.
public protocol CellEngine: AnyObject {
    /// Runs one cell's source.
    ///
    /// - Parameters:
    ///   - source: the cell's code.
    ///   - executionCount: the number IPython shows as `In [n]` for this cell.
    ///   - output: where stdout and stderr text goes while the cell runs.
    ///   - control: the interrupt flag, deadline and limits to honour.
    /// - Returns: `.ok` with the trailing expression's `repr` text (or `nil`
    ///   when there is none, or it is `None`), or `.error` for an uncaught
    ///   exception, an interrupt or a timeout.
    func run(_ source: String, executionCount: Int, output: OutputCollector, control: CellControl) -> CellOutcome

    /// Bytes held by live tensors, for the Session JSON and the memory budget.
    var memoryBytes: Int { get }

    /// Forgets every variable, tape and tensor, as after a kernel restart.
    func reset()
}

/// How a cell ended.
public enum CellOutcome: Sendable, Equatable {
    /// The cell ran to its end; `result` is the `text/plain` of its trailing expression, if any.
    case ok(result: String?)
    /// The cell raised; earlier outputs and state changes stay.
    case error(CellError)
}

/// An uncaught exception as nbformat's `error` output shows it.
public struct CellError: Error, Sendable, Equatable {
    /// The exception's class name, e.g. `ValueError`.
    public var ename: String
    /// The exception's message (`str(exc)`).
    public var evalue: String
    /// IPython-style traceback lines, ending with the `ename: evalue` line.
    public var traceback: [String]

    public init(ename: String, evalue: String, traceback: [String]) {
        self.ename = ename
        self.evalue = evalue
        self.traceback = traceback
    }

    /// An error whose traceback lists `frames` between the header and the final line.
    public init(ename: String, evalue: String, frames: [String] = []) {
        self.ename = ename
        self.evalue = evalue
        let last = evalue.isEmpty ? ename : "\(ename): \(evalue)"
        self.traceback = ["Traceback (most recent call last):"] + frames + [last]
    }

    /// `KeyboardInterrupt`, as a cell stopped by an interrupt shows it.
    public static func keyboardInterrupt(frames: [String] = []) -> CellError {
        CellError(ename: "KeyboardInterrupt", evalue: "", frames: frames)
    }

    /// `TimeoutError`, as a cell stopped at its deadline shows it.
    public static func timeout(after limit: Duration, frames: [String] = []) -> CellError {
        CellError(
            ename: "TimeoutError",
            evalue: "cell exceeded the run time limit of \(describe(limit))",
            frames: frames
        )
    }

    /// `ResourceExhaustedError` (TensorFlow's out-of-memory error) with the given message.
    public static func resourceExhausted(_ message: String, frames: [String] = []) -> CellError {
        CellError(ename: "ResourceExhaustedError", evalue: message, frames: frames)
    }

    private static func describe(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        if attoseconds == 0 { return seconds == 1 ? "1 second" : "\(seconds) seconds" }
        let milliseconds = seconds &* 1000 &+ attoseconds / 1_000_000_000_000_000
        return "\(milliseconds) ms"
    }
}
