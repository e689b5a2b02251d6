import ConformanceSupport
import Foundation
import Testing
@testable import Interpreter

/// Every python conformance notebook, each run cell by cell through one fresh interpreter.
enum PythonConformance {
    static let notebooks: [ConformanceNotebook] = (try? ConformanceNotebook.suite("python")) ?? []
}

@Test func pythonConformanceSuiteIsPresent() {
    #expect(PythonConformance.notebooks.count >= 90)
}

@Test(arguments: PythonConformance.notebooks.map(\.name))
func pythonConformance(_ name: String) throws {
    let notebook = try #require(PythonConformance.notebooks.first { $0.name == name })
    let failures = try #require(onLargeStack { () -> [String] in
        let sink = StdoutCollector()
        return InterpreterCells.failures(notebook, interpreter: Interpreter(output: { sink.write($0) }), sink: sink)
    })
    #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
}
