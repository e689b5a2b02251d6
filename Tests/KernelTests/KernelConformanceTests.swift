import ConformanceSupport
import Foundation
import Testing
@testable import Kernel

/// Every conformance notebook, run the way the server runs cells: a fresh `KernelSession` on the
/// default engine (`PythonEngine`) per notebook, one `execute` per code cell.
enum KernelConformance {
    static let notebooks: [ConformanceNotebook] =
        ((try? ConformanceNotebook.suite("python")) ?? []) + ((try? ConformanceNotebook.suite("tf")) ?? [])

    /// The outputs of one cell as the matching rules compare them.
    static func compared(_ outputs: [CellOutput]) -> [ComparedOutput] {
        var result: [ComparedOutput] = []
        for output in outputs {
            switch output {
            case .stream(let name, let text): result.appendMerging(.stream(name: name.rawValue, text: text))
            case .executeResult(_, let text): result.append(.result(text: text))
            case .error(let error): result.append(.error(ename: error.ename, evalue: error.evalue))
            }
        }
        return result
    }

    /// One message per cell whose outputs differ from the reference.
    static func failures(_ notebook: ConformanceNotebook) async throws -> [String] {
        let session = KernelSession(id: notebook.name, engine: PythonEngine())
        defer { session.close() }
        var failures: [String] = []
        for (index, cell) in notebook.cells.enumerated() {
            let reply = try await session.execute(cell.source)
            if reply.executionCount != index + 1 {
                failures.append("\(notebook.name) cell \(index + 1): execution count \(reply.executionCount)")
            }
            if let difference = Matching.difference(want: cell.expected, got: compared(reply.outputs), mode: notebook.match) {
                failures.append("\(notebook.name) cell \(index + 1): \(difference)\n\(cell.source)")
            }
        }
        return failures
    }
}

@Test func bothConformanceSuitesAreFound() {
    let names = Set(KernelConformance.notebooks.map(\.name))
    #expect(KernelConformance.notebooks.count >= 190)
    #expect(names.contains("lab_gradient_tape_basics"))
}

// One notebook at a time: 200 session threads at once would starve the timing-sensitive
// session tests that run beside these on two cores.
@Test(.serialized, arguments: KernelConformance.notebooks.map(\.name))
func conformanceThroughTheKernel(_ name: String) async throws {
    let notebook = try #require(KernelConformance.notebooks.first { $0.name == name })
    let failures = try await KernelConformance.failures(notebook)
    #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
}
