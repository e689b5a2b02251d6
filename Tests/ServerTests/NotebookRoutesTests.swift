import Foundation
import Hummingbird
import HummingbirdTesting
import Kernel
import Testing
@testable import Server

@Suite struct NotebookRoutesTests {
    static let notebook = #"""
        {"cells": [
          {"cell_type": "markdown", "metadata": {}, "source": "# Title"},
          {"cell_type": "code", "execution_count": null, "metadata": {"tags": ["a"]}, "outputs": [], "source": ["print one\n", "result 1"]},
          {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], "source": "raise ValueError bad"},
          {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], "source": "print three"}
        ], "metadata": {"kernelspec": {"name": "tapelab"}}, "nbformat": 4, "nbformat_minor": 5}
        """#

    private func post(_ client: some TestClientProtocol, query: String = "", body text: String = notebook) async throws -> TestResponse {
        try await client.execute(uri: "/api/notebooks/execute" + query, method: .post, headers: jsonHeaders, body: body(text))
    }

    @Test func runsEveryCellByDefault() async throws {
        try await makeApplication().test(.router) { client in
            let response = try await post(client)
            #expect(response.status == .ok)
            let result = try decode(Notebook.self, response)
            #expect(result.cells.map(\.executionCount) == [nil, 1, 2, 3])
            #expect(result.cells[1].outputs == [CellOutput.stream(name: .stdout, text: "one\n").json, CellOutput.executeResult(executionCount: 1, text: "1").json])
            #expect(result.cells[1].fields["metadata"] == .object(["tags": .array(["a"])]))
            #expect(result.cells[2].outputs.first?["output_type"] == "error")
            #expect(result.cells[3].outputs == [CellOutput.stream(name: .stdout, text: "three\n").json])
            #expect(result.fields["metadata"]?["kernelspec"]?["name"] == "tapelab")
            let sessions = try await client.execute(uri: "/api/sessions", method: .get)
            #expect(String(buffer: sessions.body) == "[]")
        }
    }

    @Test func stopsAtTheFirstErrorWhenAsked() async throws {
        try await makeApplication().test(.router) { client in
            let response = try await post(client, query: "?allow_errors=false")
            #expect(response.status == .ok)
            let result = try decode(Notebook.self, response)
            #expect(result.cells.map(\.executionCount) == [nil, 1, 2, nil])
            #expect(result.cells[3].outputs.isEmpty)
            let bad = try await post(client, query: "?allow_errors=perhaps")
            #expect(try errorCode(bad, .badRequest) == "invalid_request")
        }
    }

    @Test func refusesWhatIsNotANotebook() async throws {
        try await makeApplication().test(.router) { client in
            for text in [#"{"cells": []}"#, #"{"nbformat": 3, "cells": []}"#, #"[1]"#, #"{"nbformat": 4, "cells": [{"source": "x"}]}"#] {
                let response = try await post(client, body: text)
            #expect(try errorCode(response, .badRequest) == "invalid_notebook", "\(text)")
            }
            let response = try await post(client, body: "{")
            #expect(try errorCode(response, .badRequest) == "malformed_json")
        }
    }
}
