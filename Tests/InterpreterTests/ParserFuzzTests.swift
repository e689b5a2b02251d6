import ConformanceSupport
import Foundation
import Testing
@testable import Interpreter

/// SplitMix64: a small deterministic generator, so a failing input can be reproduced from the seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Feeds the parser random bytes and mutated conformance cells for a bounded time. Every input
/// must come back as statements or a `SyntaxErrorInfo` whose position lies in the input.
@Suite struct ParserFuzzTests {
    /// Characters and fragments that steer mutations into the tokenizer's and parser's corners.
    static let fragments: [String] = [
        "(", ")", "[", "]", "{", "}", ":", ",", ";", ".", "...", "=", "==", ":=", "+", "-", "*", "**", "/", "//",
        "%", "@", "|", "&", "^", "~", "<", ">", "<<", ">>", "!", "!=", "->", "\\", "\n", "\r\n", "\r", "\t", " ",
        "    ", "#", "'", "\"", "'''", "\"\"\"", "f'", "f\"", "rf'", "b'", "{x}", "{x!r}", "{x:{w}}", "{{", "}}",
        "0", "1", "0x", "0o7", "0b1", "1_", "1e", "1.", ".5", "1j", "9" + String(repeating: "9", count: 30),
        "if", "elif", "else", "for", "in", "while", "try", "except", "finally", "with", "as", "def", "class",
        "lambda", "return", "yield", "from", "import", "global", "nonlocal", "del", "pass", "break", "continue",
        "not", "and", "or", "is", "None", "True", "False", "await", "async", "raise", "assert",
        "x", "é", "€", "\u{0}", "\u{FEFF}", "\u{2028}", "\u{1F600}", "\\N{DIGIT ONE}", "\\x4", "\\u00e9",
    ]

    static func codeCells() throws -> [String] {
        try ["python", "tf"].flatMap { suite in
            try ConformanceNotebook.suite(suite).flatMap { notebook in notebook.cells.map(\.source) }
        }
    }

    /// Splits a cell into rough tokens (runs of letters and digits, runs of spaces, single others).
    static func roughTokens(_ source: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var currentIsWord = false
        for character in source {
            let isWord = character.isLetter || character.isNumber || character == "_"
            if isWord && currentIsWord {
                current.append(character)
            } else {
                if !current.isEmpty { tokens.append(current) }
                current = String(character)
                currentIsWord = isWord
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    static func mutate(_ source: String, _ random: inout SplitMix64) -> String {
        let rounds = Int.random(in: 1...4, using: &random)
        var pieces = Bool.random(using: &random) ? roughTokens(source) : source.map(String.init)
        for _ in 0..<rounds {
            let count = pieces.count
            let index = count == 0 ? 0 : Int.random(in: 0..<count, using: &random)
            switch Int.random(in: 0..<5, using: &random) {
            case 0:
                pieces.insert(fragments.randomElement(using: &random) ?? "", at: index)
            case 1:
                if count > 0 { pieces.remove(at: index) }
            case 2:
                if count > 1 {
                    let other = Int.random(in: 0..<count, using: &random)
                    pieces.swapAt(index, other)
                }
            case 3:
                if count > 0 {
                    let end = min(count, index + Int.random(in: 1...8, using: &random))
                    pieces.insert(contentsOf: pieces[index..<end], at: end)
                }
            default:
                if count > 0, let source = pieces.randomElement(using: &random) { pieces[index] = source }
            }
        }
        return pieces.joined()
    }

    static func randomBytes(_ random: inout SplitMix64) -> String {
        let length = Int.random(in: 0...64, using: &random)
        var bytes: [UInt8] = []
        for _ in 0..<length {
            if Bool.random(using: &random) {
                bytes.append(UInt8.random(in: 0...255, using: &random))
            } else {
                bytes.append(contentsOf: (fragments.randomElement(using: &random) ?? "").utf8)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Parses `source` and checks the outcome is well formed; returns whether it parsed.
    static func check(_ source: String) -> Bool {
        let lines = source.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }.count
        do {
            let statements = try PythonParser.parse(source)
            for statement in statements {
                #expect(statement.location.line >= 1 && statement.location.line <= lines, "\(source.debugDescription)")
            }
            return true
        } catch {
            #expect(error.line >= 1 && error.line <= lines + 1, "\(source.debugDescription): \(error)")
            #expect(error.offset >= 1, "\(source.debugDescription): \(error)")
            #expect(!error.message.isEmpty)
            return false
        }
    }

    @Test func mutatedCellsAndRandomBytesNeverCrash() throws {
        let cells = try Self.codeCells()
        #expect(cells.count > 100)
        // PARSER_FUZZ_SECONDS and PARSER_FUZZ_SEED run a longer or different campaign by hand.
        let environment = ProcessInfo.processInfo.environment
        let seed = environment["PARSER_FUZZ_SEED"].flatMap { UInt64($0) } ?? 0x7A9E_1AB5
        let seconds = environment["PARSER_FUZZ_SECONDS"].flatMap { Int($0) } ?? 3
        var random = SplitMix64(state: seed)
        let budget: Duration = .seconds(seconds)
        let clock = ContinuousClock()
        let start = clock.now
        var inputs = 0
        var parsed = 0
        while clock.now - start < budget {
            for _ in 0..<50 {
                let source: String
                if inputs % 5 == 4 {
                    source = Self.randomBytes(&random)
                } else {
                    let cell = cells[Int.random(in: 0..<cells.count, using: &random)]
                    source = Self.mutate(cell, &random)
                }
                if Self.check(source) { parsed += 1 }
                inputs += 1
            }
        }
        print("ParserFuzzTests: seed \(seed), \(inputs) inputs, \(parsed) parsed, \(inputs - parsed) syntax errors")
        #expect(inputs >= 1000)
        // Mutations keep a fair share of cells valid, so the fuzzing reaches past the first error.
        #expect(parsed > inputs / 20)
    }
}
