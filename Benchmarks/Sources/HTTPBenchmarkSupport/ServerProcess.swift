import Foundation

/// The release `tapelab` binary serving on a loopback port, for benchmarks that measure it from outside.
public final class ServerProcess {
    /// The repository's root folder, found from this file's path.
    public static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Why the server could not be started.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }

    public let port: UInt16
    private let process: Process

    /// The binary: `TAPELAB_BINARY`, else the repository's `.build/release/tapelab`
    /// (built by `scripts/build-release.sh`).
    public static var binary: URL? {
        if let path = ProcessInfo.processInfo.environment["TAPELAB_BINARY"] { return URL(fileURLWithPath: path) }
        let built = repositoryRoot.appendingPathComponent(".build/release/tapelab")
        return FileManager.default.isExecutableFile(atPath: built.path) ? built : nil
    }

    /// Starts `tapelab serve` on a free-looking loopback port with extra `--set key=value` settings
    /// and waits until it answers `/healthz`.
    public init(settings: [String] = []) throws {
        guard let binary = Self.binary else {
            throw Failure("no release binary: run scripts/build-release.sh or set TAPELAB_BINARY")
        }
        port = UInt16.random(in: 20_000...60_000)
        process = Process()
        process.executableURL = binary
        process.arguments = ["serve", "--host", "127.0.0.1", "--port", "\(port)", "--log-level", "error"]
            + settings.flatMap { ["--set", $0] }
        try process.run()
        for _ in 0..<200 {
            if let connection = try? HTTPConnection(port: port), (try? connection.request("GET", "/healthz"))?.status == 200 {
                return
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        process.terminate()
        throw Failure("the server did not answer /healthz on port \(port) within 10 s")
    }

    deinit { stop() }

    /// The server's resident set size in bytes (`VmRSS` of `/proc/<pid>/status`).
    public var residentBytes: Int {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            let kilobytes = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
            return kilobytes * 1024
        }
        return 0
    }

    /// Sends SIGTERM and waits for the process to end.
    public func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }
}

/// JSON request bodies and answers.
public enum JSON {
    public static func code(_ source: String) -> [UInt8] {
        Array((try? JSONSerialization.data(withJSONObject: ["code": source])) ?? Data())
    }

    public static func object(_ response: HTTPConnection.Response) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
    }

    /// The `id` of a `POST /api/sessions` answer.
    public static func sessionID(_ response: HTTPConnection.Response) -> String? {
        object(response)["id"] as? String
    }

    /// The concatenated stream text of an ExecuteReply.
    public static func streamText(_ response: HTTPConnection.Response) -> String {
        let outputs = object(response)["outputs"] as? [[String: Any]] ?? []
        return outputs.compactMap { $0["output_type"] as? String == "stream" ? $0["text"] as? String : nil }.joined()
    }
}

/// The seed lab's code cells and the stream text TensorFlow printed for each.
public enum Lab {
    public static func cells() throws -> [(source: String, expected: String)] {
        let url = ServerProcess.repositoryRoot.appendingPathComponent("Tests/Conformance/tf/lab_gradient_tape_basics.ipynb")
        let notebook = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
        let cells = notebook["cells"] as? [[String: Any]] ?? []
        return cells.filter { $0["cell_type"] as? String == "code" }.map { cell in
            let outputs = cell["outputs"] as? [[String: Any]] ?? []
            return (joined(cell["source"]), outputs.map { joined($0["text"]) }.joined())
        }
    }

    private static func joined(_ value: Any?) -> String {
        (value as? [String])?.joined() ?? value as? String ?? ""
    }
}

/// Median of a list of durations in nanoseconds, in microseconds.
public func medianMicroseconds(_ samples: [UInt64]) -> Double {
    let sorted = samples.sorted()
    guard !sorted.isEmpty else { return .nan }
    return Double(sorted[sorted.count / 2]) / 1000
}

/// The one-minute load average, to print beside every figure on a shared machine.
public func loadAverage() -> String {
    (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
}
