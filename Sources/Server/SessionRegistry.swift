#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Kernel
import Logging
import ServiceLifecycle
import Synchronization

/// The live sessions: creation under the session limit, lookup, removal and idle culling.
///
/// As a `Service` it culls idle sessions while the server runs and closes
/// every session when the server stops.
public final class SessionRegistry: Service, Sendable {
    /// Makes the engine of a new session.
    public typealias EngineFactory = @Sendable () -> any CellEngine

    private struct State {
        var sessions: [String: KernelSession] = [:]
        /// Slots taken by sessions being created or by throwaway sessions.
        var transient = 0
        /// Throwaway sessions, so shutdown can interrupt them too.
        var throwaway: [String: KernelSession] = [:]
        var closed = false
    }

    private let state = Mutex(State())
    private let makeEngine: EngineFactory
    private let configuration: ServerConfiguration
    private let metrics: ServerMetrics
    private let logger: Logger

    public init(configuration: ServerConfiguration, metrics: ServerMetrics, logger: Logger, makeEngine: @escaping EngineFactory) {
        self.configuration = configuration
        self.metrics = metrics
        self.logger = logger
        self.makeEngine = makeEngine
    }

    /// Sessions alive now, listed and throwaway.
    public var count: Int {
        state.withLock { $0.sessions.count + $0.transient }
    }

    /// Every listed session, oldest first.
    public var sessions: [KernelSession] {
        state.withLock { Array($0.sessions.values) }.sorted { $0.created < $1.created }
    }

    /// Creates and lists a session.
    ///
    /// - Throws: `APIError` 503 when the session limit is reached.
    public func create() throws(APIError) -> KernelSession {
        try reserve()
        let session = newSession()
        state.withLock { state in
            state.transient -= 1
            state.sessions[session.id] = session
        }
        logger.info("session created", metadata: ["session": .string(session.id)])
        return session
    }

    /// Runs `body` in a session that counts against the limit but is not listed, then closes it.
    ///
    /// - Throws: `APIError` 503 when the session limit is reached, or what `body` throws.
    public func withThrowawaySession<T: Sendable>(_ body: (KernelSession) async throws -> T) async throws -> T {
        try reserve()
        let session = newSession()
        let admitted = state.withLock { state in
            if state.closed { return false }
            state.throwaway[session.id] = session
            return true
        }
        defer {
            session.close()
            state.withLock { state in
                state.transient -= 1
                state.throwaway.removeValue(forKey: session.id)
            }
        }
        guard admitted else { throw APIError.shuttingDown }
        return try await body(session)
    }

    /// The session with `id`.
    ///
    /// - Throws: `APIError` 404 when there is none.
    public func session(_ id: String) throws(APIError) -> KernelSession {
        guard let session = state.withLock({ $0.sessions[id] }) else { throw .sessionNotFound(id) }
        return session
    }

    /// Closes and unlists the session with `id`.
    ///
    /// - Throws: `APIError` 404 when there is none.
    public func remove(_ id: String) throws(APIError) {
        guard let session = state.withLock({ $0.sessions.removeValue(forKey: id) }) else { throw .sessionNotFound(id) }
        session.close()
        logger.info("session deleted", metadata: ["session": .string(id)])
    }

    /// Closes and unlists every session idle for longer than the idle lifetime.
    ///
    /// - Returns: how many sessions were removed.
    @discardableResult
    public func cull(now: Date = Date()) -> Int {
        let lifetime = Self.seconds(configuration.idleSessionLifetime)
        let expired: [KernelSession] = state.withLock { state in
            let expired = state.sessions.values.filter { session in
                session.isIdle && now.timeIntervalSince(session.lastActivity) > lifetime
            }
            for session in expired { state.sessions.removeValue(forKey: session.id) }
            return expired
        }
        for session in expired {
            session.close()
            logger.info("idle session removed", metadata: ["session": .string(session.id)])
        }
        return expired.count
    }

    /// Refuses new sessions and closes every listed one, interrupting running cells.
    public func closeAll() {
        let sessions = state.withLock { state in
            state.closed = true
            let sessions = Array(state.sessions.values) + Array(state.throwaway.values)
            state.sessions = [:]
            return sessions
        }
        for session in sessions { session.close() }
    }

    /// Culls idle sessions until the server shuts down, then closes the rest.
    public func run() async throws {
        let interval = min(max(configuration.idleSessionLifetime / 4, .milliseconds(10)), .seconds(30))
        await withTaskCancellationHandler {
            _ = try? await cancelWhenGracefulShutdown {
                while !Task.isCancelled {
                    try await Task.sleep(for: interval)
                    self.cull()
                }
            }
        } onCancel: {
            self.closeAll()
        }
        closeAll()
    }

    /// Takes a slot under the session limit (counted as a throwaway session until listed).
    private func reserve() throws(APIError) {
        let admitted = state.withLock { state in
            guard !state.closed, state.sessions.count + state.transient < configuration.maxSessions else { return false }
            state.transient += 1
            return true
        }
        guard admitted else { throw rejection() }
    }

    private func newSession() -> KernelSession {
        let metrics = metrics
        metrics.sessionCreated()
        return KernelSession(
            id: SessionID.make(),
            engine: makeEngine(),
            limits: configuration.kernel,
            observer: { metrics.cellFinished($0) }
        )
    }

    private func rejection() -> APIError {
        state.withLock { $0.closed } ? .shuttingDown : .sessionLimit(configuration.maxSessions)
    }

    private static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) * 1e-18
    }
}
