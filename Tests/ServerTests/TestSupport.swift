import Foundation
import Hummingbird
import HummingbirdTesting
import Kernel
import Logging
import Testing
@testable import Server

/// A server on the command engine, quiet unless something goes wrong.
func makeApplication(_ configure: (inout ServerConfiguration) -> Void = { _ in }) -> some ApplicationProtocol {
    buildApplication(configuration: testConfiguration(configure), logger: quietLogger) { CommandEngine() }
}

private func testConfiguration(_ configure: (inout ServerConfiguration) -> Void) -> ServerConfiguration {
    var configuration = ServerConfiguration()
    configuration.port = 0
    configuration.webRoot = "/nonexistent-tapelab-web-root"
    configure(&configuration)
    return configuration
}

private let quietLogger: Logger = {
    var logger = Logger(label: "tapelab-test")
    logger.logLevel = .warning
    return logger
}()

/// A server (on the command engine unless told otherwise) and its session registry, for tests that must see inside sessions.
func makeServer(
    _ configure: (inout ServerConfiguration) -> Void = { _ in },
    engine: @escaping SessionRegistry.EngineFactory = { CommandEngine() }
) -> (application: Application<RouterResponder<TapeLabContext>>, registry: SessionRegistry) {
    let configuration = testConfiguration(configure)
    let metrics = ServerMetrics()
    let registry = SessionRegistry(configuration: configuration, metrics: metrics, logger: quietLogger, makeEngine: engine)
    let application = buildApplication(configuration: configuration, registry: registry, metrics: metrics, logger: quietLogger)
    return (application, registry)
}

/// Polls until the session's cell is running, not just queued.
func waitUntilRunning(_ id: String, in registry: SessionRegistry) async throws -> Bool {
    let session = try registry.session(id)
    return await eventually { session.isRunningCell }
}

let jsonHeaders: HTTPFields = [.contentType: "application/json"]

func body(_ text: String) -> ByteBuffer {
    ByteBuffer(string: text)
}

/// `{"code": code}` as a request body.
func codeBody(_ code: String) throws -> ByteBuffer {
    ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: ["code": code]))
}

func decode<T: Decodable>(_ type: T.Type, _ response: TestResponse) throws -> T {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    return try decoder.decode(type, from: Data(buffer: response.body))
}

struct ErrorBody: Decodable, Equatable {
    struct Detail: Decodable, Equatable {
        var code: String
        var message: String
    }
    var error: Detail
}

/// The error code of a JSON error answer, checking its status and content type on the way.
func errorCode(_ response: TestResponse, _ status: HTTPResponse.Status, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
    #expect(response.status == status, sourceLocation: sourceLocation)
    #expect(response.headers[.contentType] == "application/json; charset=utf-8", sourceLocation: sourceLocation)
    return try decode(ErrorBody.self, response).error.code
}

extension TestClientProtocol {
    func createSession(headers: HTTPFields = [:]) async throws -> SessionInfo {
        try await execute(uri: "/api/sessions", method: .post, headers: headers) { (response: TestResponse) throws in
            #expect(response.status == .created)
            return try decode(SessionInfo.self, response)
        }
    }

    func run(_ code: String, in id: String, headers: HTTPFields = jsonHeaders) async throws -> TestResponse {
        try await execute(uri: "/api/sessions/\(id)/execute", method: .post, headers: headers, body: try codeBody(code))
    }

    func reply(_ code: String, in id: String) async throws -> ExecuteReply {
        let response = try await run(code, in: id)
        #expect(response.status == .ok)
        return try decode(ExecuteReply.self, response)
    }
}

/// Polls `condition` until it holds or `timeout` passes.
func eventually(timeout: Duration = .seconds(5), _ condition: () async throws -> Bool) async rethrows -> Bool {
    let end = ContinuousClock.now.advanced(by: timeout)
    while ContinuousClock.now < end {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(5))
    }
    return try await condition()
}
