import ConformanceSupport
import Testing
@testable import Interpreter

/// Every code cell of the conformance notebooks parses, except those whose expected output is
/// a syntax error, which must fail with that error's class.
@Suite struct ParserConformanceTests {
    static func cells() throws -> [(String, ConformanceNotebook.Cell)] {
        var result: [(String, ConformanceNotebook.Cell)] = []
        for suite in ["python", "tf"] {
            for notebook in try ConformanceNotebook.suite(suite) {
                for (index, cell) in notebook.cells.enumerated() {
                    result.append(("\(suite)/\(notebook.name) cell \(index + 1)", cell))
                }
            }
        }
        return result
    }

    static let syntaxClasses: Set<String> = ["SyntaxError", "IndentationError", "TabError"]

    @Test func everyCellParsesOrFailsAsTheReferenceDid() throws {
        let cells = try Self.cells()
        #expect(cells.count > 100)
        var checked = 0
        for (name, cell) in cells {
            let expectedError = cell.expected.compactMap { output -> String? in
                if case .error(let ename, _) = output, Self.syntaxClasses.contains(ename) { return ename }
                return nil
            }.first
            do {
                _ = try PythonParser.parse(cell.source)
                #expect(expectedError == nil, "\(name) parsed but the reference raised \(expectedError ?? "")")
            } catch {
                #expect(expectedError == error.kind.rawValue,
                        "\(name): \(error.kind.rawValue): \(error.message) (line \(error.line), offset \(error.offset))\n\(cell.source)")
            }
            checked += 1
        }
        #expect(checked == cells.count)
    }
}
