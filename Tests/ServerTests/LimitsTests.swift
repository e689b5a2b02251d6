import Foundation
import Hummingbird
import HummingbirdTesting
import Kernel
import Testing
@testable import Server

@Suite struct LimitsTests {
    @Test func aFullQueueIs429() async throws {
        try await makeApplication { $0.kernel.maxQueuedCells = 1 }.test(.router) { client in
            let id = try await client.createSession().id
            async let running = client.reply("loop", in: id)
            #expect(
                try await eventually {
                    try await client.execute(uri: "/api/sessions/\(id)", method: .get) { try decode(SessionInfo.self, $0).state == .busy }
                }
            )
            try await Task.sleep(for: .milliseconds(30))
            async let queued = client.reply("print queued", in: id)
            try await Task.sleep(for: .milliseconds(50))
            let refused = try await client.run("print refused", in: id)
            #expect(try errorCode(refused, .tooManyRequests) == "queue_full")
            _ = try await client.execute(uri: "/api/sessions/\(id)/interrupt", method: .post)
            #expect(try await running.status == .error)
            #expect(try await queued.outputs == [.stream(name: .stdout, text: "queued\n")])
        }
    }

    @Test func theSessionLimitIs503() async throws {
        try await makeApplication { $0.maxSessions = 2 }.test(.router) { client in
            let first = try await client.createSession()
            _ = try await client.createSession()
            let refused = try await client.execute(uri: "/api/sessions", method: .post)
            #expect(try errorCode(refused, .serviceUnavailable) == "session_limit")
            let throwaway = try await client.execute(uri: "/api/execute", method: .post, headers: jsonHeaders, body: try codeBody("print x"))
            #expect(try errorCode(throwaway, .serviceUnavailable) == "session_limit")
            _ = try await client.execute(uri: "/api/sessions/\(first.id)", method: .delete)
            _ = try await client.createSession()
        }
    }

    @Test func aThousandRapidCreationsMeetTheLimitAndTheServerCarriesOn() async throws {
        try await makeApplication().test(.router) { client in
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<1000 {
                    group.addTask { try await client.execute(uri: "/api/sessions", method: .post).status }
                }
                var statuses: [HTTPResponse.Status] = []
                for try await status in group { statuses.append(status) }
                return statuses
            }
            #expect(statuses.filter { $0 == .created }.count == 64)
            #expect(statuses.filter { $0 == .serviceUnavailable }.count == 936)
            let sessions = try await client.execute(uri: "/api/sessions", method: .get) { try decode([SessionInfo].self, $0) }
            #expect(sessions.count == 64)
            #expect(Set(sessions.map(\.id)).count == 64)
            if let id = sessions.last?.id {
                #expect(try await client.reply("print still here", in: id).status == .ok)
            }
        }
    }

    @Test func idleSessionsAreCulled() async throws {
        try await makeApplication { $0.idleSessionLifetime = .milliseconds(100) }.test(.router) { client in
            let id = try await client.createSession().id
            #expect(try await client.reply("print x", in: id).status == .ok)
            #expect(
                try await eventually {
                    try await client.execute(uri: "/api/sessions/\(id)", method: .get).status == .notFound
                }
            )
            let response = try await client.run("print y", in: id)
            #expect(try errorCode(response, .notFound) == "session_not_found")
        }
    }

    @Test func busySessionsAreNotCulled() async throws {
        try await makeApplication { $0.idleSessionLifetime = .milliseconds(150) }.test(.router) { client in
            let id = try await client.createSession().id
            let reply = try await client.reply("sleep 0.5\nprint survived", in: id)
            #expect(reply.outputs == [.stream(name: .stdout, text: "survived\n")])
        }
    }
}
