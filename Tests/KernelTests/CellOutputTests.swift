import Foundation
import Testing
@testable import Kernel

@Suite struct CellOutputTests {
    private func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test func repliesHaveNbformatShapes() throws {
        let reply = ExecuteReply(
            status: .error,
            executionCount: 3,
            outputs: [
                .stream(name: .stdout, text: "hi\n"),
                .executeResult(executionCount: 3, text: "42"),
                .error(CellError(ename: "RuntimeError", evalue: "boom")),
            ]
        )
        #expect(
            try encode(reply)
                == #"{"execution_count":3,"outputs":[{"name":"stdout","output_type":"stream","text":"hi\n"},"#
                + #"{"data":{"text\/plain":"42"},"execution_count":3,"metadata":{},"output_type":"execute_result"},"#
                + #"{"ename":"RuntimeError","evalue":"boom","output_type":"error","traceback":["Traceback (most recent call last):","RuntimeError: boom"]}],"status":"error"}"#
        )
        let decoded = try JSONDecoder().decode(ExecuteReply.self, from: Data(try encode(reply).utf8))
        #expect(decoded == reply)
    }

    @Test func plainTextIsStreamThenResultThenTraceback() {
        let reply = ExecuteReply(
            status: .error,
            executionCount: 1,
            outputs: [
                .stream(name: .stdout, text: "a\n"),
                .executeResult(executionCount: 1, text: "1"),
                .error(CellError(ename: "KeyboardInterrupt", evalue: "")),
            ]
        )
        #expect(reply.plainText == "a\n1\nTraceback (most recent call last):\nKeyboardInterrupt\n")
    }

    @Test func multilineTextKeepsItsForm() {
        let list = MultilineText(json: .array(["a\n", "b"]))
        #expect(list?.text == "a\nb")
        #expect(list?.json == .array(["a\n", "b"]))
        #expect(MultilineText(json: "x")?.json == "x")
        #expect(MultilineText(json: .int(1)) == nil)
    }

    @Test func timeoutMessageNamesTheLimit() {
        #expect(CellError.timeout(after: .seconds(30)).evalue == "cell exceeded the run time limit of 30 seconds")
        #expect(CellError.timeout(after: .milliseconds(250)).evalue == "cell exceeded the run time limit of 250 ms")
    }
}
