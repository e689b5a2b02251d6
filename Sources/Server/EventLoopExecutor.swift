import NIOCore
import NIOPosix

/// Runs the server's request handling on its NIO event loops instead of Swift's cooperative pool.
///
/// A request otherwise crosses threads four times: event loop → cooperative pool (the handler),
/// → session thread (the cell), → cooperative pool (the reply), → event loop (the write). Each
/// crossing is a thread wake-up, and on a small machine those wake-ups, not the cell, were most
/// of a short cell's round trip. With this executor preferred, a handler continues on the event
/// loop that read the request, and the cell's reply wakes an event loop directly. Cells still run
/// on their sessions' own threads; handlers only parse, route and encode.
public final class EventLoopExecutor: TaskExecutor {
    private let group: any EventLoopGroup

    /// - Parameter group: the loops that also serve the application's connections.
    public init(group: any EventLoopGroup) {
        self.group = group
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        // A job made ready on an event loop (a request read, a write finished) stays on that loop.
        let loop = MultiThreadedEventLoopGroup.currentEventLoop ?? group.next()
        loop.execute {
            job.runSynchronously(on: self.asUnownedTaskExecutor())
        }
    }
}

extension EventLoopExecutor {
    /// Runs `body` on Swift's cooperative pool, for handler work that can take milliseconds
    /// (reading and writing a whole notebook) and must not hold up the loops' other connections.
    static func offEventLoops<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        try await withTaskExecutorPreference(globalConcurrentExecutor) { try await body() }
    }
}
