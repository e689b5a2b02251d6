import ConformanceSupport
import Foundation
import Interpreter
import Testing
@testable import TensorFlowAPI

/// Runs one cell in a fresh interpreter with the tf module: printed text, then the trailing
/// result's repr, or `!! Ename: message` for an uncaught exception.
func runCell(_ code: String) -> String {
    onLargeStack { () -> String in
        let box = TextBox()
        let interpreter = Interpreter(output: { box.text += $0 })
        TensorFlowSession().install(into: interpreter)
        _ = interpreter.execute("import tensorflow as tf\nimport numpy as np", cell: 1)
        let result = interpreter.execute(code, cell: 2)
        var text = box.text
        if let value = result.result { text += value + "\n" }
        if let error = result.error { text += "!! \(error.ename): \(error.evalue)" }
        return text
    } ?? ""
}

final class TextBox: @unchecked Sendable {
    var text = ""
}

@Test(arguments: creationCases.map(\.code))
func creation(_ code: String) {
    let expected = creationCases.first { $0.code == code }?.expected
    #expect(runCell(code) == expected)
}

@Test(arguments: operatorCases.map(\.code))
func operators(_ code: String) {
    let expected = operatorCases.first { $0.code == code }?.expected
    #expect(runCell(code) == expected)
}

@Test(arguments: printingCases.map(\.code))
func printing(_ code: String) {
    let expected = printingCases.first { $0.code == code }?.expected
    #expect(runCell(code) == expected)
}

@Test(arguments: variableCases.map(\.code))
func variables(_ code: String) {
    let expected = variableCases.first { $0.code == code }?.expected
    #expect(runCell(code) == expected)
}

@Test(arguments: tapeCases.map(\.code))
func tapeAPI(_ code: String) {
    let expected = tapeCases.first { $0.code == code }?.expected
    #expect(runCell(code) == expected)
}

@Test(arguments: errorCases.map(\.code))
func errorTexts(_ code: String) {
    let expected = errorCases.first { $0.code == code }?.expected
    #expect(runCell(code) == expected)
}

@Test func errorClassesAreCatchableByTheirBase() {
    let code = """
    try:
        tf.constant([1]) + tf.constant([1.])
    except tf.errors.OpError as e:
        print(type(e).__name__, isinstance(e, tf.errors.InvalidArgumentError))
    """
    #expect(runCell(code) == "InvalidArgumentError True\n")
}

@Test func sessionsAreIndependent() {
    #expect(runCell("v = tf.Variable(1.)\nv.name") == "'Variable:0'\n")
    #expect(runCell("v") == "!! NameError: name 'v' is not defined")
}

@Test(arguments: numericTapeCases.map(\.code))
func tapeAPINumeric(_ code: String) {
    let expected = numericTapeCases.first { $0.code == code }?.expected ?? ""
    let difference = Matching.difference(want: [.result(text: expected)], got: [.result(text: runCell(code))], mode: "numeric")
    #expect(difference == nil)
}

@Test(arguments: mixedCases.map(\.code))
func mixed(_ code: String) {
    let expected = mixedCases.first { $0.code == code }?.expected
    #expect(runCell(code) == expected)
}

@Test(arguments: nestedTensorCases.map(\.code))
func nestedTensors(_ code: String) {
    let expected = nestedTensorCases.first { $0.code == code }?.expected
    #expect(runCell(code) == expected)
}

@Test(arguments: indexingCases.map(\.code))
func indexing(_ code: String) {
    let expected = indexingCases.first { $0.code == code }?.expected
    #expect(runCell(code) == expected)
}

@Test(arguments: stringTensorCases.map(\.code))
func stringTensors(_ code: String) {
    let expected = stringTensorCases.first { $0.code == code }?.expected
    #expect(runCell(code) == expected)
}
