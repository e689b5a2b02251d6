import Foundation
import Hummingbird
import HummingbirdTesting
import Kernel
import Testing
@testable import Server

@Suite struct SecurityTests {
    @Test func aConfiguredTokenIsRequiredOnTheAPI() async throws {
        try await makeApplication { $0.token = "s3cret" }.test(.router) { client in
            let missing = try await client.execute(uri: "/api/sessions", method: .post)
            #expect(try errorCode(missing, .unauthorized) == "unauthorized")
            #expect(missing.headers[.wwwAuthenticate] == "Bearer")
            for value in ["Bearer wrong", "Bearer s3cret2", "Bearer s3cre", "Basic s3cret", "s3cret"] {
                let response = try await client.execute(uri: "/api/sessions", method: .get, headers: [.authorization: value])
                #expect(try errorCode(response, .unauthorized) == "unauthorized", "\(value)")
            }
            let session = try await client.createSession(headers: [.authorization: "Bearer s3cret"])
            let unauthorizedRun = try await client.run("print x", in: session.id)
            #expect(unauthorizedRun.status == .unauthorized)
            var headers = jsonHeaders
            headers[.authorization] = "Bearer s3cret"
            #expect(try await client.run("print x", in: session.id, headers: headers).status == .ok)
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
        }
    }

    @Test func crossOriginBrowserRequestsAreRefused() async throws {
        try await makeApplication().test(.router) { client in
            for origin in ["http://evil.example", "http://localhost:9999", "null", "https://localhost.evil.example"] {
                let response = try await client.execute(uri: "/api/sessions", method: .post, headers: [.origin: origin])
                #expect(try errorCode(response, .forbidden) == "forbidden_origin", "\(origin)")
            }
            // The router test client addresses the server as "localhost".
            let own = try await client.execute(uri: "/api/sessions", method: .post, headers: [.origin: "http://localhost"])
            #expect(own.status == .created)
            let list = try await client.execute(uri: "/api/sessions", method: .get)
            #expect(try decode([SessionInfo].self, list).count == 1)
        }
    }

    @Test func tokenComparisonIsExact() {
        #expect(APIGuardMiddleware<TapeLabContext>.constantTimeEqual(Array("abc".utf8), Array("abc".utf8)))
        #expect(!APIGuardMiddleware<TapeLabContext>.constantTimeEqual(Array("abc".utf8), Array("abd".utf8)))
        #expect(!APIGuardMiddleware<TapeLabContext>.constantTimeEqual(Array("abc".utf8), Array("abcd".utf8)))
        #expect(!APIGuardMiddleware<TapeLabContext>.constantTimeEqual([], Array("a".utf8)))
    }

    @Test func sessionIdsAre128RandomURLSafeBits() {
        let ids = (0..<2000).map { _ in SessionID.make() }
        #expect(Set(ids).count == ids.count)
        for id in ids {
            #expect(id.count == 22)
            #expect(id.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2D || $0 == 0x5F })
        }
        // The last character carries 2 bits, so only 4 of the 64 characters can end an id.
        #expect(Set(ids.compactMap(\.last)).isSubset(of: ["A", "Q", "g", "w"]))
    }
}
