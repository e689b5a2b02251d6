import Foundation
import Testing
@testable import Interpreter

/// What CPython 3.11 produced for one case: the text, or the exception class and message.
enum TextResult: Equatable, CustomStringConvertible {
    case ok(String)
    case error(TextError.Kind, String)

    init(_ body: () throws -> String) {
        do {
            self = .ok(try body())
        } catch let error as TextError {
            self = .error(error.kind, error.message)
        } catch {
            self = .error(.valueError, "unexpected \(error)")
        }
    }

    /// Reads `["ok", text]` or `["ValueError", message]` from a table row's last two cells.
    init(row: [String]) {
        let tag = row[row.count - 2]
        let text = row[row.count - 1]
        if tag == "ok" {
            self = .ok(text)
        } else {
            self = .error(TextError.Kind(rawValue: tag) ?? .valueError, text)
        }
    }

    var description: String {
        switch self {
        case .ok(let text): return "ok(\(text.debugDescription))"
        case .error(let kind, let message): return "\(kind.rawValue)(\(message.debugDescription))"
        }
    }
}

/// A table of cases recorded from python3, kept as JSON text so that thousands of rows
/// cost the compiler nothing.
struct TextTable: Sendable {
    let rows: [[String]]

    init(_ json: String) {
        let parsed = try? JSONSerialization.jsonObject(with: Data(json.utf8))
        rows = (parsed as? [[Any]])?.map { $0.map { "\($0)" } } ?? []
    }
}

/// A double from its IEEE bit pattern written in hex.
func double(bits: String) -> Double {
    Double(bitPattern: UInt64(bits, radix: 16) ?? 0)
}

@Test func textTablesDecode() {
    let table = TextTable(#"[["a", "ok", "x\"y"]]"#)
    #expect(table.rows == [["a", "ok", "x\"y"]])
    #expect(TextResult(row: table.rows[0]) == .ok("x\"y"))
}
