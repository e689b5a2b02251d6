import ConformanceSupport
import Foundation
import Testing
@testable import Interpreter

/// Runs every python conformance notebook cell by cell through one fresh interpreter per notebook.
enum PythonConformance {
    static let notebooks: [ConformanceNotebook] = (try? ConformanceNotebook.suite("python")) ?? []

    /// The outputs of one cell, as the matching rules compare them.
    static func run(_ interp: Interpreter, _ source: String, cell: Int, sink: OutputCollector) -> [ComparedOutput] {
        sink.outputs = []
        let result = interp.execute(source, cell: cell)
        var outputs = sink.outputs
        if let text = result.result { outputs.append(.result(text: text)) }
        if let error = result.error { outputs.append(.error(ename: error.ename, evalue: error.evalue)) }
        return outputs
    }
}

/// Runs `body` on a thread with a large stack, as the kernel runs cells, and waits for it.
func onLargeStack<T: Sendable>(_ body: @escaping @Sendable () -> T) -> T? {
    let box = ResultBox<T>()
    let thread = Thread {
        box.value = body()
        box.done.signal()
    }
    thread.stackSize = 512 << 20
    thread.start()
    box.done.wait()
    return box.value
}

final class ResultBox<T>: @unchecked Sendable {
    var value: T?
    let done = DispatchSemaphore(value: 0)
}

/// Collects `print` output as merged stdout stream outputs.
final class OutputCollector: @unchecked Sendable {
    var outputs: [ComparedOutput] = []
    func write(_ text: String) { outputs.appendMerging(.stream(name: "stdout", text: text)) }
}

@Test func pythonConformanceSuiteIsPresent() {
    #expect(PythonConformance.notebooks.count >= 90)
}

@Test(arguments: PythonConformance.notebooks.map(\.name))
func pythonConformance(_ name: String) throws {
    let notebook = try #require(PythonConformance.notebooks.first { $0.name == name })
    let failures = try #require(onLargeStack { () -> [String] in
        let sink = OutputCollector()
        let interp = Interpreter(output: { sink.write($0) })
        var failures: [String] = []
        for (index, cell) in notebook.cells.enumerated() {
            let got = PythonConformance.run(interp, cell.source, cell: index + 1, sink: sink)
            if let difference = Matching.difference(want: cell.expected, got: got, mode: notebook.match) {
                failures.append("\(name) cell \(index + 1): \(difference)\n\(cell.source)")
            }
        }
        return failures
    })
    #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
}
