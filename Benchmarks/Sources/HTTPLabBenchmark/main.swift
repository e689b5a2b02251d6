// The whole seed lab over HTTP, sequentially on one session, against the release binary on
// loopback: one figure per run is the wall time of all 14 `POST /api/sessions/{id}/execute`
// round trips; the median of the runs is the figure DESIGN.md §6 targets (≤ 2 ms). Then the
// gradient of reduce_sum(square(x)) for a 16M-element float32 x as one cell over HTTP (fresh
// 64 MiB results each run). Server settings can be given as
//   TAPELAB_SET="max_sessions=8 cell_timeout_seconds=5"
import Foundation
import HTTPBenchmarkSupport

let runs = Int(ProcessInfo.processInfo.environment["RUNS"] ?? "") ?? 500
let warmUpRuns = 20

do {
    let cells = try Lab.cells()
    let settings = (ProcessInfo.processInfo.environment["TAPELAB_SET"] ?? "").split(separator: " ").map(String.init)
    let server = try ServerProcess(settings: settings)
    defer { server.stop() }
    let connection = try HTTPConnection(port: server.port)
    guard let id = JSON.sessionID(try connection.request("POST", "/api/sessions")) else {
        print("could not create a session")
        exit(1)
    }
    let bodies = cells.map { JSON.code($0.source) }
    let path = "/api/sessions/\(id)/execute"

    // The first run checks every cell against TensorFlow's outputs.
    for (index, cell) in cells.enumerated() {
        let response = try connection.request("POST", path, body: bodies[index])
        let got = JSON.streamText(response)
        if response.status != 200 || got != cell.expected {
            print("cell \(index + 1) differs: status \(response.status), got \(got.debugDescription)")
            exit(1)
        }
    }

    var totals: [UInt64] = []
    var perCell = [[UInt64]](repeating: [], count: cells.count)
    for run in 0..<(warmUpRuns + runs) {
        let start = DispatchTime.now().uptimeNanoseconds
        for index in cells.indices {
            let cellStart = DispatchTime.now().uptimeNanoseconds
            let response = try connection.request("POST", path, body: bodies[index])
            if response.status != 200 { print("cell \(index + 1): status \(response.status)") }
            if run >= warmUpRuns { perCell[index].append(DispatchTime.now().uptimeNanoseconds - cellStart) }
        }
        if run >= warmUpRuns { totals.append(DispatchTime.now().uptimeNanoseconds - start) }
    }

    // The floor under every cell: a round trip that reaches no session (`GET /healthz`), and one
    // that runs an empty cell on the session's thread.
    var healthTimes: [UInt64] = []
    var emptyCellTimes: [UInt64] = []
    let emptyCell = JSON.code("pass")
    for run in 0..<(warmUpRuns + runs * 4) {
        let start = DispatchTime.now().uptimeNanoseconds
        _ = try connection.request("GET", "/healthz")
        let middle = DispatchTime.now().uptimeNanoseconds
        _ = try connection.request("POST", path, body: emptyCell)
        if run >= warmUpRuns {
            healthTimes.append(middle - start)
            emptyCellTimes.append(DispatchTime.now().uptimeNanoseconds - middle)
        }
    }

    // The same 14 cells with a fresh session each run (create, run, delete), as a notebook opened anew.
    var freshTotals: [UInt64] = []
    for _ in 0..<min(runs, 200) {
        let start = DispatchTime.now().uptimeNanoseconds
        guard let fresh = JSON.sessionID(try connection.request("POST", "/api/sessions")) else { break }
        for body in bodies { _ = try connection.request("POST", "/api/sessions/\(fresh)/execute", body: body) }
        _ = try connection.request("DELETE", "/api/sessions/\(fresh)")
        freshTotals.append(DispatchTime.now().uptimeNanoseconds - start)
    }

    // A 64 MiB input, then its gradient: each run makes fresh 64 MiB results (square, gradient).
    guard let big = JSON.sessionID(try connection.request("POST", "/api/sessions")) else { exit(1) }
    _ = try connection.request("POST", "/api/sessions/\(big)/execute", body: JSON.code("import tensorflow as tf\nx = tf.ones((4096, 4096))"))
    let gradientCell = JSON.code("""
        with tf.GradientTape() as t:
            t.watch(x)
            y = tf.reduce_sum(tf.square(x))
        g = t.gradient(y, x)
        """)
    var gradientTimes: [UInt64] = []
    for run in 0..<25 {
        let start = DispatchTime.now().uptimeNanoseconds
        let response = try connection.request("POST", "/api/sessions/\(big)/execute", body: gradientCell)
        if response.status != 200 || JSON.object(response)["status"] as? String != "ok" {
            print("gradient cell failed: \(response.text)")
            exit(1)
        }
        if run >= 5 { gradientTimes.append(DispatchTime.now().uptimeNanoseconds - start) }
    }

    let sortedTotals = totals.sorted()
    print("HTTPLabBenchmark: server settings [\(settings.joined(separator: " "))], load average \(loadAverage())")
    print("  the 14 lab cells over HTTP on one warm session, \(runs) runs")
    print(String(format: "  whole lab: median %.3f ms, p10 %.3f ms, p90 %.3f ms   (target <= 2 ms)",
                 medianMicroseconds(totals) / 1000,
                 Double(sortedTotals[sortedTotals.count / 10]) / 1e6,
                 Double(sortedTotals[sortedTotals.count * 9 / 10]) / 1e6))
    print("  per cell (median µs): " + perCell.map { String(format: "%.0f", medianMicroseconds($0)) }.joined(separator: " "))
    print(String(format: "  round trip floor (median µs): GET /healthz %.0f, execute `pass` %.0f",
                 medianMicroseconds(healthTimes), medianMicroseconds(emptyCellTimes)))
    print(String(format: "  fresh session + whole lab + delete: median %.3f ms over %d runs",
                 medianMicroseconds(freshTotals) / 1000, freshTotals.count))
    print(String(format: "  gradient of reduce_sum(square(x)), x 16M float32, one cell over HTTP: median %.2f ms of %d",
                 medianMicroseconds(gradientTimes) / 1000, gradientTimes.count))
} catch {
    print("HTTPLabBenchmark failed: \(error)")
    exit(1)
}
