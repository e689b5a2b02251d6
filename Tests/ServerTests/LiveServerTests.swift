import Foundation
import Hummingbird
import HummingbirdTesting
import Kernel
import NIOPosix
import Testing
@testable import Server

/// Behaviours that need real sockets and connections served in parallel.
@Suite struct LiveServerTests {
    /// Also with handlers on the event loops (as `serve` runs them): a cell must never hold a loop.
    @Test(arguments: [false, true])
    func aLongCellInOneSessionDoesNotDelayAnother(onEventLoops: Bool) async throws {
        let server = makeServer()
        try await onEventLoopsIf(onEventLoops, of: server.application) {
        try await server.application.test(.ahc(.http)) { client in
            let busy = try await client.createSession().id
            let other = try await client.createSession().id
            async let longRunning = client.reply("sleep 10\nprint never", in: busy)
            #expect(try await waitUntilRunning(busy, in: server.registry))
            let start = ContinuousClock.now
            for _ in 0..<20 {
                #expect(try await client.reply("print quick", in: other).outputs == [.stream(name: .stdout, text: "quick\n")])
                #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
            }
            // Well under the busy cell's 10 s, with room for a loaded CI machine.
            #expect(ContinuousClock.now - start < .seconds(8))
            _ = try await client.execute(uri: "/api/sessions/\(busy)/interrupt", method: .post)
            let stopped = try await longRunning
            guard case .error(let error)? = stopped.outputs.last else {
                Issue.record("no error output")
                return
            }
            #expect(error.ename == "KeyboardInterrupt")
        }
        }
    }

    @Test func handlersRunOnTheEventLoopsWhenServed() async throws {
        let router = Router()
        router.get("loop") { _, _ in MultiThreadedEventLoopGroup.currentEventLoop == nil ? "pool" : "loop" }
        // Heavy handler work leaves the loops even when handlers run on them.
        router.get("off") { _, _ in
            try await EventLoopExecutor.offEventLoops { MultiThreadedEventLoopGroup.currentEventLoop == nil ? "pool" : "loop" }
        }
        let application = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        // The control: without the preference handlers run on Swift's cooperative pool.
        try await application.test(.live) { client in
            let response = try await client.execute(uri: "/loop", method: .get)
            #expect(String(buffer: response.body) == "pool")
        }
        try await onEventLoopsIf(true, of: application) {
            try await application.test(.live) { client in
                #expect(String(buffer: try await client.execute(uri: "/off", method: .get).body) == "pool")
                for _ in 0..<20 {
                    let response = try await client.execute(uri: "/loop", method: .get)
                    #expect(String(buffer: response.body) == "loop")
                }
            }
        }
    }

    @Test func liveRoundTripWithPlainText() async throws {
        try await makeApplication().test(.live) { client in
            let id = try await client.createSession().id
            var headers = jsonHeaders
            headers[.accept] = "text/plain"
            let response = try await client.run("print over the wire\nresult 5", in: id, headers: headers)
            #expect(String(buffer: response.body) == "over the wire\n5\n")
            let big = try await client.execute(
                uri: "/api/execute", method: .post, headers: jsonHeaders,
                body: try codeBody("print " + String(repeating: "y", count: 2 << 20))
            )
            #expect(try errorCode(big, .contentTooLarge) == "body_too_large")
        }
    }
}

/// Runs `body` with `EventLoopExecutor` preferred when `enabled`, as `serve` runs the server.
private func onEventLoopsIf(_ enabled: Bool, of application: some ApplicationProtocol, _ body: () async throws -> Void) async throws {
    guard enabled else { return try await body() }
    try await withTaskExecutorPreference(EventLoopExecutor(group: application.eventLoopGroup)) { try await body() }
}
