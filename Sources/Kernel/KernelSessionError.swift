/// Why a session did not take a request.
public enum KernelSessionError: Error, Sendable, Equatable {
    /// `maxQueuedCells` cells already wait behind the running one.
    case queueFull(limit: Int)
    /// The session was closed (deleted, culled or shut down).
    case closed
    /// The system refused to start the session's thread.
    case threadUnavailable
}
