import BigInt
import Testing
@testable import Interpreter

/// A small deterministic generator (SplitMix64), so a failing input can be replayed.
private struct TextFuzzGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

private let alphabet: [Character] = Array("{}[]().!:%*#+- _,0123456789<>=^sdxXobcefgGnrazE\u{e9}\u{661}\u{0}")

private func randomText(_ generator: inout TextFuzzGenerator, maxLength: Int) -> String {
    let length = Int.random(in: 0...maxLength, using: &generator)
    return String((0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
}

/// Random specs, templates and literals either format or throw a `TextError`; nothing traps.
@Test func randomInputsNeverTrap() {
    var generator = TextFuzzGenerator(state: 20_261_127)
    let resolver = FormatFieldResolver<FormatArgument>(
        positionalCount: 3,
        positional: { [FormatArgument.int(42), .float(-2.5), .string("ab")][$0] },
        keyword: { _ in .bool(true) },
        attribute: { value, _ in value },
        item: { value, _ in value },
        convert: { value, _ in .string(try value.repr()) },
        format: { value, spec in
            switch value.number {
            case .int(let i)?: return try TextFormat.int(i, spec: spec)
            case .float(let d)?: return try TextFormat.float(d, spec: spec)
            case nil: return try TextFormat.string(value.string ?? "", spec: spec)
            }
        })
    var outcomes = [0, 0]
    for _ in 0..<5_000 {
        let spec = randomText(&generator, maxLength: 8)
        let template = randomText(&generator, maxLength: 12)
        let checks: [() throws -> String] = [
            { try TextFormat.int(BigInt(-1234567), spec: spec) },
            { try TextFormat.float(-0.0, spec: spec) },
            { try TextFormat.float(1e300, spec: spec) },
            { try TextFormat.string("x\u{e9}", spec: spec) },
            { try PercentFormat.format(template, .tuple([.int(7), .float(0.5), .string("s")])) },
            { try PercentFormat.format(template, .single(.string("k"), mapping: { _ in .int(1) })) },
            { try FormatTemplate.format(template, resolver) },
            { String(try NumberParsing.int(template, base: 0)) },
            { FloatRepr.repr(try NumberParsing.float(spec)) },
        ]
        for check in checks {
            do {
                _ = try check()
                outcomes[0] += 1
            } catch is TextError {
                outcomes[1] += 1
            } catch {
                Issue.record("unexpected error \(error) for spec \(spec.debugDescription), template \(template.debugDescription)")
            }
        }
    }
    #expect(outcomes[0] > 1000 && outcomes[1] > 1000, "formatted \(outcomes[0]), refused \(outcomes[1])")
}
