// Idle session memory (DESIGN.md §6 targets ≤ 64 KiB): the release server's resident set grows
// by how much when 1000 sessions are created, and again when each has run one cell
// (`import tensorflow as tf`) and gone idle. Sessions are spread over 4 connections.
import Foundation
import HTTPBenchmarkSupport

let sessions = Int(ProcessInfo.processInfo.environment["SESSIONS"] ?? "") ?? 1000

/// Lets the session threads finish and the allocator settle before reading the resident set.
func settle() {
    Thread.sleep(forTimeInterval: 1)
}

do {
    let server = try ServerProcess(settings: ["max_sessions=\(sessions + 8)"])
    defer { server.stop() }
    let connection = try HTTPConnection(port: server.port)
    // Warm the process (one session through a cell and gone) so one-off costs stay out of the deltas.
    if let warm = JSON.sessionID(try connection.request("POST", "/api/sessions")) {
        _ = try connection.request("POST", "/api/sessions/\(warm)/execute", body: JSON.code("import tensorflow as tf\nprint(tf.ones((2,2)))"))
        _ = try connection.request("DELETE", "/api/sessions/\(warm)")
    }
    settle()
    let baseline = server.residentBytes

    var ids: [String] = []
    for _ in 0..<sessions {
        guard let id = JSON.sessionID(try connection.request("POST", "/api/sessions")) else { break }
        ids.append(id)
    }
    settle()
    let created = server.residentBytes

    let importCell = JSON.code("import tensorflow as tf")
    for id in ids { _ = try connection.request("POST", "/api/sessions/\(id)/execute", body: importCell) }
    settle()
    let imported = server.residentBytes

    let perCreated = Double(created - baseline) / Double(ids.count) / 1024
    let perImported = Double(imported - baseline) / Double(ids.count) / 1024
    print("SessionMemoryBenchmark: \(ids.count) sessions on the release server (load average \(loadAverage()))")
    print(String(format: "  resident before: %.1f MiB", Double(baseline) / 1048576))
    print(String(format: "  created, no cell run: %.1f MiB, %.1f KiB per session", Double(created) / 1048576, perCreated))
    print(String(format: "  after `import tensorflow as tf` in each, idle: %.1f MiB, %.1f KiB per session   (target <= 64 KiB)",
                 Double(imported) / 1048576, perImported))
} catch {
    print("SessionMemoryBenchmark failed: \(error)")
    exit(1)
}
