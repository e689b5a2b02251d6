/// One Python session: globals that persist between executions, the output sink, limits.
/// Not thread-safe: run one execution at a time (the cancellation token may be used from any thread).
public final class Interpreter {
    public init() {}
}
