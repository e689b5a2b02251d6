import Foundation
import Testing
@testable import Interpreter

/// Carries a thread's result back to the thread waiting for it (after a semaphore).
final class ThreadResult: @unchecked Sendable {
    var value: String?
}

/// Runs `body` on a thread of its own with a stack of `bytes`, and waits for it.
func onThread(stackSize bytes: Int, _ body: @escaping @Sendable () -> String) -> String? {
    let box = ThreadResult()
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        box.value = body()
        done.signal()
    }
    thread.stackSize = bytes
    thread.start()
    done.wait()
    return box.value
}

/// The stack the parser must fit in. Optimised builds get the 512 KiB the evaluator's thread
/// is assumed to have; unoptimised frames are several times larger, so debug test runs get more.
#if DEBUG
let parserStack = 16 << 20
#else
let parserStack = 512 << 10
#endif

/// What parsing gives: the statement count, or the error's class and message.
func outcome(_ source: String) -> String {
    do {
        return "parsed \(try PythonParser.parse(source).count)"
    } catch {
        return "\(error.kind.rawValue): \(error.message)"
    }
}

func repeated(_ text: String, _ count: Int) -> String {
    String(repeating: text, count: count)
}

/// Hostile input ends in a result or a syntax error, never a crash or a stack overflow.
@Suite struct ParserRobustnessTests {
    @Test(arguments: [
        ("parentheses", repeated("(", 10_000) + repeated(")", 10_000)),
        ("brackets", repeated("[", 10_000) + repeated("]", 10_000)),
        ("braces", repeated("{", 10_000) + repeated("}", 10_000)),
        ("calls", "f" + repeated("(", 10_000) + repeated(")", 10_000)),
    ])
    func tenThousandBracketsAreTooMany(_ name: String, _ source: String) {
        #expect(outcome(source) == "SyntaxError: too many nested parentheses")
    }

    @Test(arguments: [
        ("parentheses", repeated("(", 200) + "1" + repeated(")", 200)),
        ("brackets", repeated("[", 200) + repeated("]", 200)),
        ("sets", repeated("{", 199) + "1" + repeated("}", 199)),
        ("calls", repeated("f(", 200) + repeated(")", 200)),
        ("subscripts", "x" + repeated("[a", 200) + repeated("]", 200)),
        ("sums", repeated("(1+", 200) + "1" + repeated(")", 200)),
        ("comprehensions", repeated("[x for x in ", 200) + "y" + repeated("]", 200)),
        ("f-string", "f'{" + repeated("(", 199) + "1" + repeated(")", 199) + "}'"),
        ("lambdas", repeated("lambda: ", 250) + "1"),
        ("conditionals", "x = " + repeated("1 if 2 else ", 250) + "1"),
        ("elif chain", "if x: pass\n" + repeated("elif x: pass\n", 250)),
        ("blocks", (0..<99).map { repeated(" ", $0) + "if x:\n" }.joined() + repeated(" ", 99) + "pass\n"),
        ("unary minus", repeated("-", 999) + "x"),
        ("not", repeated("not ", 999) + "x"),
        ("power", repeated("2**", 999) + "2"),
        ("sum", repeated("1+", 999) + "1"),
        ("attributes", "x" + repeated(".a", 999)),
    ])
    func deepButLegalNestingParsesOnASmallStack(_ name: String, _ source: String) {
        #expect(onThread(stackSize: parserStack) { outcome(source) } == "parsed 1")
    }

    @Test(arguments: [
        ("unary minus", repeated("- ", 100_000) + "x"),
        ("not", repeated("not ", 100_000) + "x"),
        ("sum", repeated("1+", 100_000) + "1"),
        ("power", repeated("2**", 100_000) + "2"),
        ("attributes", "x" + repeated(".a", 100_000)),
        ("subscripts", "x" + repeated("[0]", 100_000)),
        ("calls", "f" + repeated("()", 100_000)),
        ("comparisons", repeated("(a<", 150) + "b" + repeated(")", 150) + repeated("+1", 2000)),
    ])
    func unboundedChainsAreTooComplexToCompile(_ name: String, _ source: String) {
        let result = onThread(stackSize: parserStack) { outcome(source) }
        #expect(result == "SyntaxError: maximum recursion depth exceeded during compilation")
    }

    @Test(arguments: [
        ("lambdas", repeated("lambda: ", 10_000) + "1"),
        ("conditionals", "x = " + repeated("1 if 2 else ", 10_000) + "1"),
        ("elif chain", "if x: pass\n" + repeated("elif x: pass\n", 10_000)),
        ("nested f-strings", "f'{f\"{f'''{f\"\"\"{" + repeated("(", 150) + "1" + repeated(")", 150) + "}\"\"\"}'''}\"}'"),
    ])
    func deepRecursionIsRefused(_ name: String, _ source: String) {
        let result = onThread(stackSize: parserStack) { outcome(source) }
        #expect(result?.hasPrefix("SyntaxError: ") == true)
    }

    @Test func hugeLiterals() throws {
        #expect(outcome("x = 1" + repeated("0", 100_000)) == "SyntaxError: Exceeds the limit (4300 digits) for integer string conversion: value has 100001 digits; use sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for huge integer literals to avoid decimal conversion limits.")
        let statements = try PythonParser.parse("x = " + repeated("7", 4300))
        guard case .assign(_, let value) = statements.first?.kind, case .bigInt(let big) = value.kind else {
            Issue.record("expected a big integer")
            return
        }
        #expect(big.description == repeated("7", 4300))
        #expect(outcome("x = 0x" + repeated("f", 20_000)) == "parsed 1")
        #expect(outcome("x = 1." + repeated("5", 100_000)) == "parsed 1")
        #expect(outcome("x = '" + repeated("a", 1_000_000) + "'") == "parsed 1")
        #expect(outcome(repeated("x = 1\n", 100_000)) == "parsed 100000")
    }

    @Test(arguments: [
        "\u{0}", "x = 1\u{0}", "'\u{0}'", "\r", "\r\r\r", "x\r", "\u{FEFF}x = 1", "x = 1\u{2028}y = 2", "x\u{200B} = 1",
        "\u{10FFFF}", "'\u{10FFFF}'", "\u{1F600} = 1", "\u{7F}", "\u{85}", "\t", "\u{0B}", "\u{0C}", "\\", "\\\n", "'\\",
        "f'{", "f'{x!", "f'{x:", "f'{x:{", "f'{x:{y", "f'{{", "f'}}", "f'\\N{", "'\\N{", "'\\x", "'\\u00", "'\\U0011FFFF'",
        "0x", "0b", "0o", "1e", "1e+", "1_", "0_", ".", "...", "....", "@", "@@", ":=", "->", "!", "!=", "<>", "**", "//=",
    ])
    func oddInputEndsCleanly(_ source: String) {
        // Each must either parse or raise a syntax error (the outcome itself is checked elsewhere).
        let result = outcome(source)
        #expect(result.hasPrefix("parsed") || result.hasPrefix("SyntaxError") || result.hasPrefix("IndentationError")
            || result.hasPrefix("TabError"))
    }
}
