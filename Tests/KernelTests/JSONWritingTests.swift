import Foundation
import Testing
@testable import Kernel

/// The direct JSON writer must say what `JSONEncoder` says, byte for byte, for every reply.
@Suite struct JSONWritingTests {
    static func encoded(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }

    static let awkwardTexts: [String] = [
        "", "plain", "quote \" and backslash \\ and slash /", "line\nbreak\r\ttab",
        "\u{0}\u{1}\u{8}\u{B}\u{C}\u{1F}\u{7F}", "é ü 中文 🙂 \u{2028}\u{2029}", "\u{1B}[31mred\u{1B}[0m",
    ]

    @Test func repliesMatchTheEncoder() throws {
        let error = CellError(ename: "ValueError", evalue: "bad \"x\"", traceback: ["\u{1B}[0;31mline 1\u{1B}[0m", "ValueError: bad"])
        for text in Self.awkwardTexts {
            let replies = [
                ExecuteReply(status: .ok, executionCount: 0, outputs: []),
                ExecuteReply(status: .ok, executionCount: 12, outputs: [
                    .stream(name: .stdout, text: text), .stream(name: .stderr, text: text + "!"),
                    .executeResult(executionCount: 12, text: text),
                ]),
                ExecuteReply(status: .error, executionCount: 3, outputs: [.stream(name: .stdout, text: text), .error(error)]),
            ]
            for reply in replies {
                #expect(reply.jsonBytes == (try Self.encoded(reply)), "\(text.debugDescription)")
            }
        }
    }

    @Test func randomStringsRoundTrip() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let scalars = (0..<Int.random(in: 0..<24, using: &generator)).compactMap { _ -> Character? in
                let pick = Int.random(in: 0..<4, using: &generator)
                let value: UInt32 = pick == 0 ? .random(in: 0..<0x20, using: &generator)
                    : pick == 1 ? .random(in: 0x20..<0x80, using: &generator)
                    : pick == 2 ? .random(in: 0x80..<0xD800, using: &generator) : .random(in: 0x10000..<0x10FFFF, using: &generator)
                return Unicode.Scalar(value).map(Character.init)
            }
            let value = JSONValue.object(["k\(scalars.count)": .string(String(scalars)), "n": .int(.random(in: .min ... .max, using: &generator))])
            let bytes = try #require(value.jsonBytes)
            #expect(bytes == (try Self.encoded(value)))
            #expect(try JSONDecoder().decode(JSONValue.self, from: Data(bytes)) == value)
        }
    }

    @Test func notebookValuesRoundTrip() throws {
        let value = JSONValue.object([
            "b": .array([.null, .bool(true), .bool(false), .int(-7), .double(2.5), .double(-0.125), .double(1e-7), .double(1e300), .double(123456.789)]),
            "a": .object(["z": .string("/path/"), "y": .array([])]),
        ])
        let bytes = try #require(value.jsonBytes)
        #expect(try JSONDecoder().decode(JSONValue.self, from: Data(bytes)) == value)
        // An integral double reads back as an int, from either writer.
        #expect(JSONValue.double(3).jsonBytes == (try Self.encoded(JSONValue.double(3))))
        #expect(JSONValue.double(.infinity).jsonBytes == nil)
        #expect(JSONValue.array([.double(.nan)]).jsonBytes == nil)
    }
}
