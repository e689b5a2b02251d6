import ConformanceSupport
import Foundation
import Testing
@testable import Interpreter

/// A small deterministic generator so fuzz failures reproduce.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

enum Fuzz {
    static let fragments = ["(", ")", "[", "]", "{", "}", ":", ",", ".", "=", "+", "-", "*", "**", "/", "//", "%", "<", ">",
                            "==", " ", "\n", "    ", "\t", "'", "\"", "\"\"\"", "\\", "#", "@", "lambda", "yield", "def",
                            "class", "for", "in", "if", "else", "while", "try", "except", "finally", "return", "None",
                            "True", "0", "1", "9" + String(repeating: "9", count: 40), "1e308", "x", "f", "_", "*args",
                            "**k", "not", "and", "or", "is", "import", "from", "with", "as", "del", "global", "nonlocal",
                            "assert", "raise", "pass", "break", "continue", "f'{", "}'", "[::-1]", "range(10**6)"]

    /// A random mutation of `source`: delete, duplicate, insert fragments or swap lines.
    static func mutate(_ source: String, _ rng: inout SplitMix) -> String {
        var chars = Array(source)
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            switch Int.random(in: 0..<5, using: &rng) {
            case 0 where !chars.isEmpty:
                let i = Int.random(in: 0..<chars.count, using: &rng)
                chars.removeSubrange(i..<min(chars.count, i + Int.random(in: 1...5, using: &rng)))
            case 1 where !chars.isEmpty:
                let i = Int.random(in: 0..<chars.count, using: &rng)
                let j = min(chars.count, i + Int.random(in: 1...20, using: &rng))
                chars.insert(contentsOf: chars[i..<j], at: i)
            case 2:
                let i = Int.random(in: 0...chars.count, using: &rng)
                chars.insert(contentsOf: fragments.randomElement(using: &rng) ?? "", at: i)
            case 3:
                var lines = String(chars).split(separator: "\n", omittingEmptySubsequences: false)
                if lines.count > 1 {
                    lines.swapAt(Int.random(in: 0..<lines.count, using: &rng), Int.random(in: 0..<lines.count, using: &rng))
                }
                chars = Array(lines.joined(separator: "\n"))
            default:
                let i = Int.random(in: 0...chars.count, using: &rng)
                chars.insert(Character(Unicode.Scalar(UInt8.random(in: 0...127, using: &rng))), at: i)
            }
        }
        return String(chars)
    }

    static func random(_ rng: inout SplitMix) -> String {
        (0..<Int.random(in: 1...30, using: &rng)).map { _ in fragments.randomElement(using: &rng) ?? "" }.joined()
    }
}

/// Random and mutated conformance cells run with a short deadline; none may crash the process.
@Test func fuzzEvaluatorWithMutatedCells() throws {
    let cells = ((try? ConformanceNotebook.suite("python")) ?? []).flatMap { $0.cells.map(\.source) }
    try #require(!cells.isEmpty)
    let count = try #require(onLargeStack { () -> Int in
        let environment = ProcessInfo.processInfo.environment
        var rng = SplitMix(state: UInt64(environment["TAPELAB_FUZZ_SEED"] ?? "") ?? 0x5EED)
        let budget = Date().addingTimeInterval(Double(environment["TAPELAB_FUZZ_SECONDS"] ?? "") ?? 4)
        var ran = 0
        var interp = Interpreter()
        while Date() < budget {
            let source = ran % 4 == 3 ? Fuzz.random(&rng) : Fuzz.mutate(cells[Int.random(in: 0..<cells.count, using: &rng)], &rng)
            if ran % 50 == 0 { interp = Interpreter() }
            if environment["TAPELAB_FUZZ_TRACE"] != nil { print("FUZZ>", source.debugDescription) }
            interp.cancellation.reset()
            interp.cancellation.setDeadline(secondsFromNow: 0.05)
            _ = interp.execute(source, cell: ran)
            ran += 1
        }
        return ran
    })
    print("fuzz: \(count) inputs ran without a crash")
    #expect(count > 100)
}
