import Foundation
import Testing
@testable import Kernel

@Suite struct NotebookTests {
    static let source = #"""
        {
          "cells": [
            {"cell_type": "markdown", "id": "m1", "metadata": {"tags": ["intro"]}, "source": ["# Title\n", "text"]},
            {"cell_type": "code", "execution_count": 7, "id": "c1", "metadata": {"collapsed": false},
             "outputs": [{"output_type": "stream", "name": "stdout", "text": "stale\n"}],
             "source": ["print one\n", "result 1"]},
            {"cell_type": "code", "execution_count": null, "id": "c2", "metadata": {}, "outputs": [],
             "source": "raise ValueError bad"},
            {"cell_type": "code", "execution_count": null, "id": "c3", "metadata": {}, "outputs": [],
             "source": "print three"}
          ],
          "metadata": {"kernelspec": {"name": "python3"}, "custom": [1, 2.5, true, null]},
          "nbformat": 4,
          "nbformat_minor": 5,
          "x-extra": "kept"
        }
        """#

    static func load() throws -> Notebook {
        try JSONDecoder().decode(Notebook.self, from: Data(source.utf8))
    }

    @Test func roundTripKeepsEveryField() throws {
        let notebook = try Self.load()
        let original = try JSONDecoder().decode(JSONValue.self, from: Data(Self.source.utf8))
        let again = try JSONDecoder().decode(JSONValue.self, from: try JSONEncoder().encode(notebook))
        #expect(again == original)
        #expect(notebook.cells.count == 4)
        #expect(notebook.cells[1].source.text == "print one\nresult 1")
    }

    @Test func runsCodeCellsInOrderAndFillsOutputs() async throws {
        let session = KernelSession(id: "nb", engine: CommandEngine())
        defer { session.close() }
        let run = try await session.run(try Self.load(), allowErrors: true)
        let cells = run.notebook.cells
        #expect(cells[0] == (try Self.load()).cells[0])
        #expect(cells[1].executionCount == 1)
        #expect(cells[1].outputs == [CellOutput.stream(name: .stdout, text: "one\n").json, CellOutput.executeResult(executionCount: 1, text: "1").json])
        #expect(cells[1].fields["metadata"] == .object(["collapsed": .bool(false)]))
        #expect(cells[2].executionCount == 2)
        #expect(cells[2].outputs.first?["ename"] == "ValueError")
        #expect(cells[3].executionCount == 3)
        #expect(cells[3].outputs == [CellOutput.stream(name: .stdout, text: "three\n").json])
        #expect(run.hadError)
        #expect(run.notebook.fields["x-extra"] == "kept")
    }

    @Test func stopsAtTheFirstErrorWhenErrorsAreNotAllowed() async throws {
        let session = KernelSession(id: "nb", engine: CommandEngine())
        defer { session.close() }
        let run = try await session.run(try Self.load(), allowErrors: false)
        #expect(run.replies.count == 2)
        #expect(run.notebook.cells[3].executionCount == nil)
        #expect(run.notebook.cells[3].outputs.isEmpty)
        #expect(run.notebook.cells[2].outputs.count == 1)
    }

    @Test func rejectsWhatIsNotAVersion4Notebook() {
        #expect(throws: Notebook.FormatError.self) { try Notebook(json: .array([])) }
        #expect(throws: Notebook.FormatError.self) { try Notebook(json: .object(["nbformat": .int(3), "cells": .array([])])) }
        #expect(throws: Notebook.FormatError.self) { try Notebook(json: .object(["nbformat": .int(4)])) }
        #expect(throws: Notebook.FormatError.self) {
            try Notebook(json: .object(["nbformat": .int(4), "cells": .array([.object(["cell_type": "code"])])]))
        }
    }
}
