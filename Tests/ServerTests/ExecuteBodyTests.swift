import Foundation
import Testing
@testable import Server

/// The one-pass reader of `{"code": ...}` must agree with `JSONDecoder` wherever it answers.
@Suite struct ExecuteBodyTests {
    struct Body: Decodable { var code: String }

    static func decoded(_ bytes: [UInt8]) -> String? {
        (try? JSONDecoder().decode(Body.self, from: Data(bytes)))?.code
    }

    @Test func readsTheCommonBodies() {
        let cases: [(String, String?)] = [
            (#"{"code":"x = 1"}"#, "x = 1"),
            (" {\n\t\"code\" : \"print('hi')\\nx\" } \n", "print('hi')\nx"),
            (#"{"code":"\u00e9\ud83d\ude42 \" \\ \/ \b\f\r\t"}"#, "é🙂 \" \\ / \u{8}\u{C}\r\t"),
            (#"{"code":"é 中"}"#, "é 中"),
            (#"{"code":""}"#, ""),
            // Left to the full decoder: other members, duplicates, lone surrogates, bad escapes.
            (#"{"code":"a","silent":true}"#, nil),
            (#"{"code":"a","code":"b"}"#, nil),
            (#"{"code":"\ud800"}"#, nil),
            (#"{"code":"\x"}"#, nil),
            (#"{"code":"a"} x"#, nil),
            (#"{"code":1}"#, nil),
            ("{\"code\":\"a\u{1}\"}", nil),
            (#"{"code":"unterminated}"#, nil),
            ("", nil),
        ]
        for (text, expected) in cases {
            #expect(ExecuteBody.code(Array(text.utf8)) == expected, "\(text.debugDescription)")
        }
    }

    /// Mutated bodies: whenever the reader answers, the decoder gives the same string.
    @Test func agreesWithTheDecoderOnMutatedBodies() {
        let seeds = [#"{"code":"x = \"a\\n\" + '\u00e9'\n"}"#, #"{ "code" : "\ud83d\ude42\t\/" }"#, #"{"code":"print(1)"}"#]
        let alphabet = Array(#"{}":,\"u0dD8eE9aF /nrtbf é"#.utf8) + [0x00, 0x1F, 0x7F, 0xC3, 0xFF]
        var generator = SystemRandomNumberGenerator()
        var answered = 0
        for _ in 0..<20_000 {
            var bytes = Array((seeds.randomElement(using: &generator) ?? "").utf8)
            for _ in 0..<Int.random(in: 1...3, using: &generator) where !bytes.isEmpty {
                let at = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: bytes[at] = alphabet.randomElement(using: &generator) ?? 0
                case 1: bytes.remove(at: at)
                default: bytes.insert(alphabet.randomElement(using: &generator) ?? 0, at: at)
                }
            }
            guard let code = ExecuteBody.code(bytes) else { continue }
            answered += 1
            #expect(code == Self.decoded(bytes), "\(bytes)")
        }
        #expect(answered > 1000)
    }
}
