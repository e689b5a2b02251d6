import Foundation
import Hummingbird
import HummingbirdTesting
import Kernel
import Testing
@testable import Server

@Suite struct BadInputTests {
    @Test func unknownRoutesAreJSON404() async throws {
        try await makeApplication().test(.router) { client in
            for uri in ["/nope", "/api/nope", "/api/sessions/x/y/z", "/"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(try errorCode(response, .notFound) == "not_found")
            }
        }
    }

    @Test func wrongMethodsOnKnownPathsAre405() async throws {
        try await makeApplication().test(.router) { client in
            let id = try await client.createSession().id
            let cases: [(String, HTTPRequest.Method, String)] = [
                ("/healthz", .post, "GET"),
                ("/metrics", .delete, "GET"),
                ("/api/sessions", .put, "POST, GET"),
                ("/api/sessions/\(id)", .post, "GET, DELETE"),
                ("/api/sessions/\(id)/execute", .get, "POST"),
                ("/api/sessions/\(id)/interrupt", .get, "POST"),
                ("/api/sessions/\(id)/restart", .delete, "POST"),
                ("/api/execute", .get, "POST"),
                ("/api/notebooks/execute", .patch, "POST"),
            ]
            for (uri, method, allowed) in cases {
                let response = try await client.execute(uri: uri, method: method)
                #expect(try errorCode(response, .methodNotAllowed) == "method_not_allowed", "\(method) \(uri)")
                #expect(response.headers[.allow] == allowed)
            }
        }
    }

    @Test func malformedJSONWrongTypesAndMissingCodeAre400() async throws {
        try await makeApplication().test(.router) { client in
            let id = try await client.createSession().id
            let cases: [(String, String)] = [
                ("{\"code\": ", "malformed_json"),
                ("not json at all", "malformed_json"),
                ("{\"code\": 12}", "invalid_request"),
                ("{\"code\": null}", "invalid_request"),
                ("{\"cod\": \"print x\"}", "invalid_request"),
                ("[\"print x\"]", "invalid_request"),
                ("\"print x\"", "invalid_request"),
            ]
            for (text, code) in cases {
                let response = try await client.execute(
                    uri: "/api/sessions/\(id)/execute", method: .post, headers: jsonHeaders, body: body(text)
                )
                #expect(try errorCode(response, .badRequest) == code, "\(text)")
            }
            let empty = try await client.execute(uri: "/api/sessions/\(id)/execute", method: .post, headers: jsonHeaders)
            #expect(try errorCode(empty, .badRequest) == "invalid_request")
            try await client.execute(uri: "/api/sessions/\(id)", method: .get) { (response: TestResponse) throws in
                #expect(try decode(SessionInfo.self, response).executionCount == 0)
            }
        }
    }

    @Test func nonUTF8BytesAre400() async throws {
        try await makeApplication().test(.router) { client in
            let id = try await client.createSession().id
            var bytes = Array(#"{"code": "print "#.utf8)
            bytes += [0xFF, 0xFE, 0xC3]
            bytes += Array(#""}"#.utf8)
            let response = try await client.execute(
                uri: "/api/sessions/\(id)/execute", method: .post, headers: jsonHeaders, body: ByteBuffer(bytes: bytes)
            )
            #expect(try errorCode(response, .badRequest) == "invalid_encoding")
        }
    }

    @Test func aBodyThatIsNotJSONIs415() async throws {
        try await makeApplication().test(.router) { client in
            let id = try await client.createSession().id
            for type in ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"] {
                let response = try await client.execute(
                    uri: "/api/sessions/\(id)/execute", method: .post, headers: [.contentType: type], body: try codeBody("print x")
                )
                #expect(try errorCode(response, .unsupportedMediaType) == "unsupported_media_type")
            }
            let suffixed = try await client.execute(
                uri: "/api/sessions/\(id)/execute", method: .post, headers: [.contentType: "application/vnd.api+json; charset=utf-8"],
                body: try codeBody("print x")
            )
            #expect(suffixed.status == .ok)
        }
    }

    @Test func anOversizedBodyIs413AndRunsNothing() async throws {
        try await makeApplication { $0.maxBodyBytes = 1000 }.test(.router) { client in
            let id = try await client.createSession().id
            let big = try codeBody("print " + String(repeating: "x", count: 2000))
            for uri in ["/api/sessions/\(id)/execute", "/api/execute", "/api/notebooks/execute", "/api/sessions"] {
                let response = try await client.execute(uri: uri, method: .post, headers: jsonHeaders, body: big)
                #expect(try errorCode(response, .contentTooLarge) == "body_too_large", "\(uri)")
            }
            try await client.execute(uri: "/api/sessions/\(id)", method: .get) { (response: TestResponse) throws in
                #expect(try decode(SessionInfo.self, response).executionCount == 0)
            }
            #expect(try await client.reply("print small", in: id).status == .ok)
        }
    }

    @Test func aCellOfRandomBytesIsASyntaxError() async throws {
        try await makeApplication().test(.router) { client in
            let id = try await client.createSession().id
            var generator = SystemRandomNumberGenerator()
            let scalars = (0..<4000).compactMap { _ in Unicode.Scalar(UInt32.random(in: 1...0xFFFF, using: &generator)) }
            var random = ""
            random.unicodeScalars.append(contentsOf: scalars)
            let reply = try await client.reply("xyz " + random, in: id)
            #expect(reply.status == .error)
            #expect(try await client.reply("print fine", in: id).status == .ok)
        }
    }
}
