import Foundation
import Hummingbird
import Kernel
import Logging
import Testing
@testable import Server

@Suite struct SessionRegistryTests {
    private func makeRegistry(_ configure: (inout ServerConfiguration) -> Void = { _ in }) -> SessionRegistry {
        var configuration = ServerConfiguration()
        configure(&configuration)
        var logger = Logger(label: "tapelab-test")
        logger.logLevel = .warning
        return SessionRegistry(configuration: configuration, metrics: ServerMetrics(), logger: logger) { CommandEngine() }
    }

    @Test func closingAllInterruptsListedAndThrowawayCellsAndRefusesNewSessions() async throws {
        let registry = makeRegistry()
        let listed = try registry.create()
        async let listedReply = listed.execute("loop")
        async let throwawayReply = registry.withThrowawaySession { session in
            try await session.execute("loop")
        }
        #expect(await eventually { listed.isRunningCell && registry.count == 2 })
        try await Task.sleep(for: .milliseconds(50))
        registry.closeAll()
        #expect(try await listedReply.status == .error)
        #expect(try await throwawayReply.status == .error)
        #expect(throws: APIError.shuttingDown) { try registry.create() }
        #expect(registry.count == 0)
    }

    @Test func cullingSparesBusyAndRecentSessions() async throws {
        let registry = makeRegistry { $0.idleSessionLifetime = .seconds(60) }
        let idle = try registry.create()
        let busy = try registry.create()
        async let running = busy.execute("loop")
        #expect(await eventually { busy.isRunningCell })
        #expect(registry.cull(now: Date()) == 0)
        #expect(registry.cull(now: Date().addingTimeInterval(120)) == 1)
        #expect(throws: APIError.sessionNotFound(idle.id)) { try registry.session(idle.id) }
        #expect(try registry.session(busy.id) === busy)
        busy.interrupt()
        #expect(try await running.status == .error)
        registry.closeAll()
    }
}
