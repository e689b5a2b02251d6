import Foundation
import Hummingbird
import HummingbirdTesting
import Kernel
import Testing

/// The `tapelab` binary itself, as built beside the test bundle.
@Suite struct CommandLineTests {
    private static var binary: URL? {
        var folder = URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("tapelab")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        return nil
    }

    private struct Outcome {
        var status: Int32
        var output: String
        var errors: String
    }

    private static func start(_ arguments: [String], environment: [String: String]? = nil) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        guard let binary else { throw CocoaError(.fileNoSuchFile) }
        process.executableURL = binary
        process.arguments = arguments
        if let environment { process.environment = environment }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        return (process, output, errors)
    }

    private static func run(_ arguments: [String]) throws -> Outcome {
        let (process, output, errors) = try start(arguments)
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus,
            output: String(decoding: out, as: UTF8.self),
            errors: String(decoding: err, as: UTF8.self)
        )
    }

    private func temporaryFile(_ name: String, _ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tapelab-\(UUID().uuidString)-\(name)")
        try Data(text.utf8).write(to: url)
        return url
    }

    @Test func theBinaryIsBuiltBesideTheTests() {
        #expect(Self.binary != nil)
    }

    /// The binary's sessions run Python (`PythonEngine`), so its notebook is written in Python.
    static let pythonNotebook = #"""
        {"cells": [
          {"cell_type": "markdown", "metadata": {}, "source": "# Title"},
          {"cell_type": "code", "execution_count": null, "metadata": {"tags": ["a"]}, "outputs": [], "source": ["print(\"one\")\n", "1"]},
          {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], "source": "raise ValueError(\"bad\")"},
          {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], "source": "print(\"three\")"}
        ], "metadata": {"kernelspec": {"name": "tapelab"}}, "nbformat": 4, "nbformat_minor": 5}
        """#

    @Test func runPrintsOutputsAndFailsOnAnError() throws {
        let notebook = try temporaryFile("nb.ipynb", Self.pythonNotebook)
        let executed = FileManager.default.temporaryDirectory.appendingPathComponent("tapelab-\(UUID().uuidString)-out.ipynb")
        defer {
            try? FileManager.default.removeItem(at: notebook)
            try? FileManager.default.removeItem(at: executed)
        }
        let stopped = try Self.run(["run", notebook.path, "-o", executed.path])
        #expect(stopped.status == 1)
        #expect(stopped.output.hasPrefix("one\n1\n"))
        #expect(stopped.output.contains("Cell In[2], line 1\n----> 1 raise ValueError(\"bad\")\n"))
        #expect(stopped.output.hasSuffix("ValueError: bad\n"))
        let written = try JSONSerialization.jsonObject(with: Data(contentsOf: executed)) as? [String: Any]
        let counts = (written?["cells"] as? [[String: Any]])?.map { $0["execution_count"] as? Int }
        #expect(counts == [nil, 1, 2, nil])

        let all = try Self.run(["run", notebook.path, "--allow-errors"])
        #expect(all.status == 0)
        #expect(all.output.hasSuffix("ValueError: bad\nthree\n"))

        let missing = try Self.run(["run", "/nonexistent/notebook.ipynb"])
        #expect(missing.status != 0)
        #expect(missing.errors.contains("no notebook at /nonexistent/notebook.ipynb"))
    }

    @Test func runPrintsTheLabsOutputs() throws {
        let expected = try Lab.expectedCells().flatMap(\.outputs).map(\.plainText).joined()
        #expect(expected.hasPrefix("tf.Tensor(\n[[8. 8.]\n [8. 8.]], shape=(2, 2), dtype=float32)\n"))
        let outcome = try Self.run(["run", repositoryRoot.appendingPathComponent(Lab.example).path])
        #expect(outcome.status == 0, "\(outcome.errors)")
        #expect(outcome.output == expected)
    }

    @Test func serveRefusesAnExposedAddressWithoutAToken() throws {
        let refused = try Self.run(["serve", "--host", "0.0.0.0", "--port", "0", "--config", "/dev/null/none.json"])
        #expect(refused.status != 0)
        let refusedByDefault = try Self.run(["--host", "0.0.0.0", "--port", "0"])
        #expect(refusedByDefault.status != 0)
        #expect(refusedByDefault.errors.contains("refusing to listen on 0.0.0.0 without a token"))
    }

    @Test func helpIsEverywhere() throws {
        for arguments in [["--help"], ["serve", "--help"], ["run", "--help"], ["healthcheck", "--help"], ["help", "run"]] {
            let outcome = try Self.run(arguments)
            #expect(outcome.status == 0, "\(arguments)")
            #expect(outcome.output.contains("USAGE: tapelab"), "\(arguments)")
        }
    }

    /// The server runs with glibc's thread cache tuned (it executes itself again, same process id),
    /// unless the environment already chose a count.
    @Test(arguments: [nil, "glibc.malloc.tcache_count=7"])
    func serverRunsWithTheTunedAllocator(preset: String?) async throws {
        let port = Int.random(in: 20_000...60_000)
        var environment = ProcessInfo.processInfo.environment
        environment["GLIBC_TUNABLES"] = preset
        let (server, _, _) = try Self.start(["serve", "--port", "\(port)", "--log-level", "error"], environment: environment)
        defer { if server.isRunning { server.terminate() } }
        #expect(await eventually(timeout: .seconds(10)) { (try? Self.run(["healthcheck", "--port", "\(port)"]).status) == 0 })
        let environ = try Data(contentsOf: URL(fileURLWithPath: "/proc/\(server.processIdentifier)/environ"))
        let variables = String(decoding: environ, as: UTF8.self).split(separator: "\0")
        #expect(variables.contains("GLIBC_TUNABLES=\(preset ?? AllocatorTuning.setting)"))
    }

    @Test func sigtermLetsTheRunningCellFinish() async throws {
        let port = Int.random(in: 20_000...60_000)
        let (server, _, _) = try Self.start(["serve", "--port", "\(port)", "--log-level", "error", "--set", "shutdown_grace_seconds=120"])
        defer { if server.isRunning { server.terminate() } }
        let healthy = await eventually(timeout: .seconds(10)) {
            (try? Self.run(["healthcheck", "--port", "\(port)"]).status) == 0
        }
        #expect(healthy)
        let control = TestClient(host: "127.0.0.1", port: port)
        control.connect()
        let created = try await control.post("/api/sessions", body: ByteBuffer())
        let id = try JSONDecoder().decode(JSONValue.self, from: Data(buffer: created.body ?? ByteBuffer()))["id"]?.stringValue ?? ""
        // The cell runs for seconds; on a loaded machine, many more than the client's default 15 s.
        let runner = TestClient(host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(120)))
        runner.connect()
        async let reply = runner.post(
            "/api/sessions/\(id)/execute", headers: [.contentType: "application/json"], body: try codeBody("n = 0\nwhile n < 4000000:\n    n += 1\nprint(\"finished\")")
        )
        // Stop only once the cell is in the server's hands; the loop runs for seconds in a debug build, so
        // a loaded machine still sees it busy, and the grace period is far longer than it needs.
        let busy = await eventually {
            let info = try? await control.get("/api/sessions/\(id)")
            return info.map { String(buffer: $0.body ?? ByteBuffer()).contains("\"busy\"") } ?? false
        }
        #expect(busy)
        kill(server.processIdentifier, SIGTERM)
        let response = try await reply
        #expect(response.status == .ok)
        #expect(String(buffer: response.body ?? ByteBuffer()).contains("finished"))
        try? await runner.shutdown()
        try? await control.shutdown()
        #expect(await eventually(timeout: .seconds(5)) { !server.isRunning })
        server.waitUntilExit()
        #expect(server.terminationStatus == 0)
    }
}
