import Testing
@testable import Kernel

@Suite struct OutputCollectorTests {
    @Test func consecutiveWritesToOneStreamMerge() {
        let collector = OutputCollector(limitBytes: 1 << 20)
        collector.write("a")
        collector.write("b\n")
        collector.write("oops\n", to: .stderr)
        collector.write("c\n")
        collector.addResult("42", executionCount: 3)
        collector.write("after\n")
        #expect(
            collector.outputs == [
                .stream(name: .stdout, text: "ab\n"),
                .stream(name: .stderr, text: "oops\n"),
                .stream(name: .stdout, text: "c\n"),
                .executeResult(executionCount: 3, text: "42"),
                .stream(name: .stdout, text: "after\n"),
            ]
        )
    }

    @Test func emptyWritesAddNothing() {
        let collector = OutputCollector(limitBytes: 10)
        collector.write("")
        #expect(collector.outputs.isEmpty)
    }

    @Test func textPastTheCapIsCutWithANotice() {
        let collector = OutputCollector(limitBytes: 8)
        collector.write("12345")
        collector.write("67890")
        collector.write("more")
        collector.addResult("dropped", executionCount: 1)
        #expect(collector.isTruncated)
        #expect(
            collector.outputs == [
                .stream(name: .stdout, text: "12345678\n[output truncated: this cell produced more than 8 bytes of output]\n")
            ]
        )
    }

    @Test func cutNeverSplitsACharacter() {
        let collector = OutputCollector(limitBytes: 5)
        collector.write("ééé")  // 6 bytes: only two characters fit
        guard case .stream(_, let text)? = collector.outputs.first else {
            Issue.record("no stream output")
            return
        }
        #expect(text.hasPrefix("éé\n[output truncated"))
    }

    @Test func capInMebibytesIsNamedSo() {
        let collector = OutputCollector(limitBytes: 1 << 20)
        collector.write(String(repeating: "x", count: (1 << 20) + 1))
        guard case .stream(_, let text)? = collector.outputs.first else {
            Issue.record("no stream output")
            return
        }
        #expect(text.hasSuffix("\n[output truncated: this cell produced more than 1 MiB of output]\n"))
        #expect(text.utf8.count < (1 << 20) + 100)
    }

    @Test func errorsFollowTheTextBeforeThem() {
        let collector = OutputCollector(limitBytes: 100)
        collector.write("x\n")
        collector.addError(CellError(ename: "ValueError", evalue: "bad"))
        #expect(
            collector.outputs == [
                .stream(name: .stdout, text: "x\n"),
                .error(CellError(ename: "ValueError", evalue: "bad", traceback: ["Traceback (most recent call last):", "ValueError: bad"])),
            ]
        )
    }
}
