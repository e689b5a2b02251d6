import Foundation
import Interpreter

/// Runs `body` on a thread with a large stack, as the kernel runs cells, and waits for it.
public func onLargeStack<T: Sendable>(stackSize: Int = 512 << 20, _ body: @escaping @Sendable () -> T) -> T? {
    let box = ResultBox<T>()
    let thread = Thread {
        box.value = body()
        box.done.signal()
    }
    thread.stackSize = stackSize
    thread.start()
    box.done.wait()
    return box.value
}

private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
    let done = DispatchSemaphore(value: 0)
}

/// Collects `print` output as merged stdout stream outputs.
public final class StdoutCollector: @unchecked Sendable {
    public var outputs: [ComparedOutput] = []

    public init() {}

    public func write(_ text: String) { outputs.appendMerging(.stream(name: "stdout", text: text)) }
}

/// Runs conformance notebooks cell by cell straight on an `Interpreter`, below the kernel.
public enum InterpreterCells {
    /// Runs every cell of `notebook` on `interpreter`, whose `print` writes to `sink`.
    /// - Returns: one message per cell whose outputs do not match the notebook's.
    public static func failures(_ notebook: ConformanceNotebook, interpreter: Interpreter,
                                sink: StdoutCollector) -> [String] {
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
