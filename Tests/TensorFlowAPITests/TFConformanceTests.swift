import ConformanceSupport
import Foundation
import Interpreter
import Testing
@testable import TensorFlowAPI

/// Runs every TF conformance notebook cell by cell through a fresh interpreter with the
/// `tensorflow` module per notebook.
enum TFConformance {
    static let notebooks: [ConformanceNotebook] = (try? ConformanceNotebook.suite("tf")) ?? []

    /// One message per cell of `notebook` whose outputs do not match.
    static func failures(_ notebook: ConformanceNotebook) -> [String] {
        let sink = StdoutCollector()
        let interpreter = Interpreter(output: { sink.write($0) })
        TensorFlowSession().install(into: interpreter)
        return InterpreterCells.failures(notebook, interpreter: interpreter, sink: sink)
    }
}

@Test func tfConformanceSuiteIsPresent() throws {
    #expect(TFConformance.notebooks.count >= 100)
    let lab = try #require(TFConformance.notebooks.first { $0.name == "lab_gradient_tape_basics" })
    #expect(lab.match == "exact")
}

@Test(arguments: TFConformance.notebooks.map(\.name))
func tfConformance(_ name: String) throws {
    let notebook = try #require(TFConformance.notebooks.first { $0.name == name })
    let failures = try #require(onLargeStack { TFConformance.failures(notebook) })
    #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
}
