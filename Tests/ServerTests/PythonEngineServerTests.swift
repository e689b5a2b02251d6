import Foundation
import Hummingbird
import HummingbirdTesting
import Kernel
import Testing
@testable import Server

/// The repository's root folder, found from this file's path so the tests need no bundle resources.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A server whose sessions run the real engine (`PythonEngine`), as the `tapelab` binary's do.
func makePythonServer(
    _ configure: (inout ServerConfiguration) -> Void = { _ in }
) -> (application: Application<RouterResponder<TapeLabContext>>, registry: SessionRegistry) {
    makeServer(configure, engine: { PythonEngine() })
}

/// The seed lab with the outputs TensorFlow printed, and the same lab as `examples/` ships it (no outputs).
enum Lab {
    static func load(_ path: String) throws -> Notebook {
        try JSONDecoder().decode(Notebook.self, from: Data(contentsOf: repositoryRoot.appendingPathComponent(path)))
    }

    static let executed = "Tests/Conformance/tf/lab_gradient_tape_basics.ipynb"
    static let example = "examples/gradient_tape_basics.ipynb"

    /// Each code cell's source and the output objects the reference printed.
    static func expectedCells() throws -> [(source: String, outputs: [CellOutput])] {
        try load(executed).cells.filter(\.isCode).map { cell in
            (cell.source.text, cell.outputs.compactMap(CellOutput.init(json:)))
        }
    }
}

@Suite struct PythonEngineServerTests {
    @Test func theLabRunsByteExactOverTheLiveServer() async throws {
        let cells = try Lab.expectedCells()
        #expect(cells.count == 14)
        try await makePythonServer().application.test(.live) { client in
            let id = try await client.createSession().id
            for (index, cell) in cells.enumerated() {
                let response = try await client.run(cell.source, in: id)
                #expect(response.status == .ok)
                let reply = try decode(ExecuteReply.self, response)
                #expect(reply.status == .ok, "cell \(index + 1)")
                #expect(reply.executionCount == index + 1)
                #expect(reply.outputs == cell.outputs, "cell \(index + 1)")
                // Byte-exact on the wire too: the texts decode to the very bytes the reference printed.
                let wire = String(buffer: response.body)
                for case .stream(_, let text) in cell.outputs {
                    let encoded = try #require(String(data: try JSONEncoder().encode(text), encoding: .utf8))
                    #expect(wire.contains(encoded.replacingOccurrences(of: "\\/", with: "/")), "cell \(index + 1)")
                }
            }
            var plain = jsonHeaders
            plain[.accept] = "text/plain"
            let text = try await client.run("print(dz_dx)", in: id, headers: plain)
            #expect(String(buffer: text.body) == "tf.Tensor(108.0, shape=(), dtype=float32)\n")
        }
    }

    @Test func theLabNotebookRunsThroughTheNotebookRoute() async throws {
        let cells = try Lab.expectedCells()
        let example = try Data(contentsOf: repositoryRoot.appendingPathComponent(Lab.example))
        try await makePythonServer().application.test(.router) { client in
            let response = try await client.execute(
                uri: "/api/notebooks/execute", method: .post, headers: jsonHeaders, body: ByteBuffer(bytes: example)
            )
            #expect(response.status == .ok)
            let result = try decode(Notebook.self, response).cells.filter(\.isCode)
            #expect(result.map(\.executionCount) == Array(1...14).map(Optional.some))
            #expect(result.map { $0.outputs.compactMap(CellOutput.init(json:)) } == cells.map(\.outputs))
        }
    }

    @Test func badCellsEachGetTheirErrorAndEverySessionCarriesOn() async throws {
        let server = makePythonServer { $0.kernel.cellTimeout = .milliseconds(300) }
        try await server.application.test(.router) { client in
            let bystander = try await client.createSession().id
            #expect(try await client.reply("import tensorflow as tf\nkept = tf.constant([41.0])", in: bystander).status == .ok)
            let id = try await client.createSession().id
            #expect(try await client.reply("import tensorflow as tf\nx = tf.constant(3.0)\nn = 7", in: id).status == .ok)

            func bystanderIsUnaffected() async throws {
                let reply = try await client.reply("print(kept + 1)", in: bystander)
                #expect(reply.outputs == [.stream(name: .stdout, text: "tf.Tensor([42.], shape=(1,), dtype=float32)\n")])
            }
            func stateIsKept() async throws {
                let reply = try await client.reply("print(x * x, n)", in: id)
                #expect(reply.outputs == [.stream(name: .stdout, text: "tf.Tensor(9.0, shape=(), dtype=float32) 7\n")])
            }

            var generator = SystemRandomNumberGenerator()
            let scalars = (0..<4000).compactMap { _ in Unicode.Scalar(UInt32.random(in: 1...0xFFFF, using: &generator)) }
            var random = "x = 1 "
            random.unicodeScalars.append(contentsOf: scalars)
            let garbage = try await client.reply(random, in: id)
            #expect(garbage.status == .error)
            guard case .error(let syntax)? = garbage.outputs.last else {
                Issue.record("no error output for random bytes")
                return
            }
            #expect(["SyntaxError", "IndentationError", "TabError"].contains(syntax.ename))
            try await stateIsKept()
            try await bystanderIsUnaffected()

            let start = ContinuousClock.now
            let loop = try await client.reply("n = 8\nwhile True:\n    pass", in: id)
            #expect(ContinuousClock.now - start < .seconds(10))
            guard case .error(let timeout)? = loop.outputs.last else {
                Issue.record("no error output for the endless loop")
                return
            }
            #expect(timeout.ename == "TimeoutError")
            #expect(try await client.reply("n = 7", in: id).status == .ok)
            try await stateIsKept()
            try await bystanderIsUnaffected()

            let huge = try await client.reply("big = tf.ones((100000, 100000))", in: id)
            #expect(huge.status == .error)
            guard case .error(let oom)? = huge.outputs.last else {
                Issue.record("no error output for the huge tensor")
                return
            }
            #expect(oom.ename == "ResourceExhaustedError")
            #expect(oom.evalue.hasPrefix("OOM when allocating tensor with shape[100000,100000] and type float"))
            let missing = try await client.reply("big", in: id)
            guard case .error(let name)? = missing.outputs.last else {
                Issue.record("the huge tensor was bound")
                return
            }
            #expect(name.ename == "NameError")
            try await stateIsKept()
            try await bystanderIsUnaffected()
            #expect(try server.registry.session(id).info.memoryBytes < 1 << 20)
        }
    }

    @Test func aThousandRapidCreationsWithTheRealEngine() async throws {
        try await makePythonServer().application.test(.router) { client in
            let bystander = try await client.createSession().id
            #expect(try await client.reply("kept = [1, 2, 3]", in: bystander).status == .ok)
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<1000 {
                    group.addTask { try await client.execute(uri: "/api/sessions", method: .post).status }
                }
                var statuses: [HTTPResponse.Status] = []
                for try await status in group { statuses.append(status) }
                return statuses
            }
            #expect(statuses.filter { $0 == .created }.count == 63)
            #expect(statuses.filter { $0 == .serviceUnavailable }.count == 937)
            let sessions = try await client.execute(uri: "/api/sessions", method: .get) { try decode([SessionInfo].self, $0) }
            #expect(sessions.count == 64)
            for session in sessions where session.id != bystander {
                #expect(try await client.execute(uri: "/api/sessions/\(session.id)", method: .delete).status == .noContent)
            }
            // Freed slots are usable again, and the first session kept its state through it all.
            let fresh = try await client.createSession().id
            #expect(try await client.reply("print(sum(range(4)))", in: fresh).outputs == [.stream(name: .stdout, text: "6\n")])
            #expect(try await client.reply("kept", in: bystander).outputs == [.executeResult(executionCount: 2, text: "[1, 2, 3]")])
        }
    }
}
