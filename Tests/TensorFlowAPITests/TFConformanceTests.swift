import ConformanceSupport
import Foundation
import Interpreter
import Testing
@testable import TensorFlowAPI

/// Runs every TF conformance notebook cell by cell through a fresh interpreter with the
/// `tensorflow` module per notebook.
enum TFConformance {
    static let notebooks: [ConformanceNotebook] = (try? ConformanceNotebook.suite("tf")) ?? []

    /// The outputs of every cell of `notebook`, compared with the reference; one message per mismatch.
    static func failures(_ notebook: ConformanceNotebook) -> [String] {
        let sink = OutputCollector()
        let interpreter = Interpreter(output: { sink.write($0) })
        TensorFlowSession().install(into: interpreter)
        var failures: [String] = []
        for (index, cell) in notebook.cells.enumerated() {
            sink.outputs = []
            let result = interpreter.execute(cell.source, cell: index + 1)
            var got = sink.outputs
            if let text = result.result { got.append(.result(text: text)) }
            if let error = result.error { got.append(.error(ename: error.ename, evalue: error.evalue)) }
            if let difference = Matching.difference(want: cell.expected, got: got, mode: notebook.match) {
                failures.append("\(notebook.name) cell \(index + 1): \(difference)\n\(cell.source)")
            }
        }
        return failures
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
