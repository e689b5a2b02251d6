import Foundation
import Hummingbird
import HummingbirdTesting
import Kernel
import Testing
@testable import Server

@Suite struct MetricsAndFilesTests {
    @Test func metricsCountSessionsCellsAndErrors() async throws {
        try await makeApplication().test(.router) { client in
            let id = try await client.createSession().id
            _ = try await client.reply("print a", in: id)
            _ = try await client.reply("raise E", in: id)
            _ = try await client.execute(uri: "/nope", method: .get)
            try await client.execute(uri: "/metrics", method: .get) { (response: TestResponse) throws in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
                let lines = Set(String(buffer: response.body).split(separator: "\n").map(String.init))
                for expected in [
                    "tapelab_sessions 1", "tapelab_sessions_created_total 1", #"tapelab_cells_total{status="ok"} 1"#,
                    #"tapelab_cells_total{status="error"} 1"#, "tapelab_cell_errors_total 1",
                    #"tapelab_cell_duration_seconds_bucket{le="+Inf"} 2"#, "tapelab_cell_duration_seconds_count 2",
                    #"tapelab_http_errors_total{status="404"} 1"#, "# TYPE tapelab_cell_duration_seconds histogram",
                ] {
                    #expect(lines.contains(expected), "\(expected)")
                }
            }
        }
    }

    @Test func theWebFolderIsServedAtTheRoot() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tapelab-web-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("<!doctype html><title>TapeLab</title>".utf8).write(to: folder.appendingPathComponent("index.html"))
        try Data("body {}".utf8).write(to: folder.appendingPathComponent("style.css"))
        try await makeApplication { $0.webRoot = folder.path }.test(.router) { client in
            try await client.execute(uri: "/", method: .get) { (response: TestResponse) throws in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "<!doctype html><title>TapeLab</title>")
            }
            try await client.execute(uri: "/style.css", method: .get) { (response: TestResponse) throws in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/css") == true)
            }
            let missing = try await client.execute(uri: "/missing.js", method: .get)
            #expect(try errorCode(missing, .notFound) == "not_found")
            let escaping = try await client.execute(uri: "/../../etc/passwd", method: .get)
            #expect(try errorCode(escaping, .badRequest) == "invalid_request")
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
        }
    }
}
