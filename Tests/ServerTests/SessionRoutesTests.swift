import Foundation
import Hummingbird
import HummingbirdTesting
import Kernel
import Testing
@testable import Server

@Suite struct SessionRoutesTests {
    @Test func healthz() async throws {
        try await makeApplication().test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { (response: TestResponse) throws in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == #"{"status":"ok","version":"\#(TapeLabVersion.string)"}"#)
            }
        }
    }

    @Test func createGetListAndDeleteASession() async throws {
        try await makeApplication().test(.router) { client in
            let session = try await client.createSession()
            #expect(session.id.count == 22)
            #expect(session.id.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
            #expect(session.executionCount == 0)
            #expect(session.state == .idle)
            #expect(session.memoryBytes == 0)
            #expect(abs(session.created.timeIntervalSinceNow) < 60)
            let withBody = try await client.execute(uri: "/api/sessions", method: .post, headers: jsonHeaders, body: body("{}"))
            #expect(withBody.status == .created)
            try await client.execute(uri: "/api/sessions/\(session.id)", method: .get) { (response: TestResponse) throws in
                #expect(response.status == .ok)
                let raw = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                #expect(Set(raw?.keys ?? [:].keys) == ["id", "execution_count", "state", "created", "last_activity", "memory_bytes"])
                #expect((raw?["created"] as? String)?.hasSuffix("Z") == true)
            }
            try await client.execute(uri: "/api/sessions", method: .get) { (response: TestResponse) throws in
                #expect(response.status == .ok)
                let list = try decode([SessionInfo].self, response)
                #expect(list.count == 2)
                #expect(list.first?.id == session.id)
            }
            try await client.execute(uri: "/api/sessions/\(session.id)", method: .delete) { (response: TestResponse) throws in
                #expect(response.status == .noContent)
            }
            for method in [HTTPRequest.Method.get, .delete] {
                let response = try await client.execute(uri: "/api/sessions/\(session.id)", method: method)
                #expect(try errorCode(response, .notFound) == "session_not_found")
            }
            let response = try await client.run("print x", in: session.id)
            #expect(try errorCode(response, .notFound) == "session_not_found")
            let interrupt = try await client.execute(uri: "/api/sessions/\(session.id)/interrupt", method: .post)
            #expect(try errorCode(interrupt, .notFound) == "session_not_found")
            let restart = try await client.execute(uri: "/api/sessions/\(session.id)/restart", method: .post)
            #expect(try errorCode(restart, .notFound) == "session_not_found")
        }
    }

    @Test func createRefusesABodyThatIsNotAnObject() async throws {
        try await makeApplication().test(.router) { client in
            let array = try await client.execute(uri: "/api/sessions", method: .post, headers: jsonHeaders, body: body("[]"))
            #expect(try errorCode(array, .badRequest) == "invalid_request")
            let broken = try await client.execute(uri: "/api/sessions", method: .post, headers: jsonHeaders, body: body("{"))
            #expect(try errorCode(broken, .badRequest) == "malformed_json")
        }
    }

    @Test func executeAnswersOutputsAndCountsCells() async throws {
        try await makeApplication().test(.router) { client in
            let id = try await client.createSession().id
            let first = try await client.reply("print a\nprint b\nresult 7", in: id)
            #expect(
                first
                    == ExecuteReply(
                        status: .ok, executionCount: 1,
                        outputs: [.stream(name: .stdout, text: "a\nb\n"), .executeResult(executionCount: 1, text: "7")]
                    )
            )
            let second = try await client.reply("eprint warn\nraise RuntimeError boom", in: id)
            #expect(second.status == .error)
            #expect(second.executionCount == 2)
            #expect(second.outputs.first == .stream(name: .stderr, text: "warn\n"))
            try await client.execute(uri: "/api/sessions/\(id)", method: .get) { (response: TestResponse) throws in
                let info = try decode(SessionInfo.self, response)
                #expect(info.executionCount == 2)
                #expect(info.state == .idle)
            }
        }
    }

    @Test func executeRawJSONHasTheDocumentedShape() async throws {
        try await makeApplication().test(.router) { client in
            let id = try await client.createSession().id
            let response = try await client.run("print hi\nresult 1", in: id)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            #expect(
                String(buffer: response.body)
                    == #"{"execution_count":1,"outputs":[{"name":"stdout","output_type":"stream","text":"hi\n"},"#
                    + #"{"data":{"text/plain":"1"},"execution_count":1,"metadata":{},"output_type":"execute_result"}],"status":"ok"}"#
            )
        }
    }

    @Test func acceptTextPlainAnswersWhatANotebookShows() async throws {
        try await makeApplication().test(.router) { client in
            let id = try await client.createSession().id
            var headers = jsonHeaders
            headers[.accept] = "text/plain"
            let response = try await client.run("print out\nresult 3\nraise ValueError no", in: id, headers: headers)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
            #expect(String(buffer: response.body) == "out\nTraceback (most recent call last):\n  Cell In[1], line 3\nValueError: no\n")
            let ok = try await client.run("print x\nresult 3", in: id, headers: headers)
            #expect(String(buffer: ok.body) == "x\n3\n")
        }
    }

    @Test func interruptStopsTheRunningCell() async throws {
        try await makeApplication().test(.router) { client in
            let id = try await client.createSession().id
            async let looping = client.reply("set kept 1\nloop", in: id)
            #expect(
                try await eventually {
                    try await client.execute(uri: "/api/sessions/\(id)", method: .get) { try decode(SessionInfo.self, $0).state == .busy }
                }
            )
            try await Task.sleep(for: .milliseconds(30))
            try await client.execute(uri: "/api/sessions/\(id)/interrupt", method: .post) { (response: TestResponse) throws in
                #expect(response.status == .noContent)
            }
            let reply = try await looping
            #expect(reply.status == .error)
            guard case .error(let error)? = reply.outputs.last else {
                Issue.record("no error output")
                return
            }
            #expect(error.ename == "KeyboardInterrupt")
            #expect(try await client.reply("get kept", in: id).outputs == [.executeResult(executionCount: 2, text: "1")])
        }
    }

    @Test func restartClearsTheSession() async throws {
        try await makeApplication().test(.router) { client in
            let id = try await client.createSession().id
            _ = try await client.reply("set v 1\nalloc 64", in: id)
            try await client.execute(uri: "/api/sessions/\(id)/restart", method: .post) { (response: TestResponse) throws in
                #expect(response.status == .ok)
                let info = try decode(SessionInfo.self, response)
                #expect(info.id == id)
                #expect(info.executionCount == 0)
                #expect(info.memoryBytes == 0)
            }
            let reply = try await client.reply("get v", in: id)
            #expect(reply.executionCount == 1)
            #expect(reply.status == .error)
        }
    }

    @Test func throwawayExecuteLeavesNoSession() async throws {
        try await makeApplication().test(.router) { client in
            for _ in 0..<3 {
                try await client.execute(uri: "/api/execute", method: .post, headers: jsonHeaders, body: try codeBody("print once\nresult 2")) { (response: TestResponse) throws in
                    #expect(response.status == .ok)
                    #expect(
                        try decode(ExecuteReply.self, response)
                            == ExecuteReply(
                                status: .ok, executionCount: 1,
                                outputs: [.stream(name: .stdout, text: "once\n"), .executeResult(executionCount: 1, text: "2")]
                            )
                    )
                }
            }
            try await client.execute(uri: "/api/sessions", method: .get) { (response: TestResponse) throws in
                #expect(String(buffer: response.body) == "[]")
            }
            let missing = try await client.execute(uri: "/api/execute", method: .post, headers: jsonHeaders, body: body("{}"))
            #expect(try errorCode(missing, .badRequest) == "invalid_request")
        }
    }

    @Test func memoryOverBudgetIsAnErrorOutputAndTheSessionSurvives() async throws {
        try await makeApplication { $0.kernel.memoryBudgetBytes = 1000 }.test(.router) { client in
            let id = try await client.createSession().id
            let reply = try await client.reply("set s 1\nalloc 5000", in: id)
            guard case .error(let error)? = reply.outputs.last else {
                Issue.record("no error output")
                return
            }
            #expect(error.ename == "ResourceExhaustedError")
            #expect(try await client.reply("get s", in: id).status == .ok)
            try await client.execute(uri: "/api/sessions/\(id)", method: .get) { (response: TestResponse) throws in
                #expect(try decode(SessionInfo.self, response).memoryBytes == 0)
            }
            _ = try await client.reply("alloc 700", in: id)
            try await client.execute(uri: "/api/sessions/\(id)", method: .get) { (response: TestResponse) throws in
                #expect(try decode(SessionInfo.self, response).memoryBytes == 700)
            }
        }
    }

    @Test func aCellPastItsDeadlineEndsWithTimeoutError() async throws {
        try await makeApplication { $0.kernel.cellTimeout = .milliseconds(100) }.test(.router) { client in
            let id = try await client.createSession().id
            let reply = try await client.reply("loop", in: id)
            guard case .error(let error)? = reply.outputs.last else {
                Issue.record("no error output")
                return
            }
            #expect(error.ename == "TimeoutError")
            #expect(try await client.reply("print alive", in: id).status == .ok)
        }
    }

    @Test func outputPastTheCapIsTruncated() async throws {
        try await makeApplication { $0.kernel.cellOutputBytes = 100 }.test(.router) { client in
            let id = try await client.createSession().id
            let reply = try await client.reply("repeat 50 print 0123456789", in: id)
            #expect(reply.outputs.count == 1)
            guard case .stream(_, let text)? = reply.outputs.first else {
                Issue.record("no stream output")
                return
            }
            #expect(text.hasPrefix("0123456789\n"))
            #expect(text.hasSuffix("\n[output truncated: this cell produced more than 100 bytes of output]\n"))
            #expect(text.utf8.count < 200)
        }
    }
}
