import ConformanceSupport
import Foundation
@testable import Interpreter

/// An interpreter whose printed text is collected, for tests.
final class Session: @unchecked Sendable {
    let interp: Interpreter
    private(set) var printed = ""
    private var cell = 0

    init() {
        let box = TextBox()
        interp = Interpreter(output: { box.text += $0 })
        self.box = box
    }

    private let box: TextBox

    /// Runs a cell and returns what it printed, then its result or `ename: evalue`.
    /// Cells run on a thread with a large stack, as the kernel runs them (test threads have small ones).
    @discardableResult
    func run(_ source: String) -> String {
        cell += 1
        box.text = ""
        let number = cell
        let result = onLargeStack { self.interp.execute(source, cell: number) } ?? ExecutionResult()
        var out = box.text
        if let r = result.result { out += r }
        if let e = result.error { out += "\(e.ename): \(e.evalue)" }
        return out
    }

    /// The trailing expression's repr, or the error.
    func eval(_ source: String) -> String { run(source) }
}

final class TextBox: @unchecked Sendable {
    var text = ""
}
