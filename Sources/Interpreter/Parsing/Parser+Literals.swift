import BigInt

// Number and string literal values.
extension Parser {
    /// The value of a NUMBER token (already checked by the tokenizer).
    @inline(never)
    mutating func numberValue(_ token: Token) throws -> ExprKind {
        var digits: [UInt8] = []
        digits.reserveCapacity(token.end - token.start)
        var isFloat = false
        var radix = 10
        var i = token.start
        if token.end - token.start > 2 && src[i] == UInt8(ascii: "0") {
            switch src[i + 1] | 0x20 {
            case UInt8(ascii: "x"): radix = 16
            case UInt8(ascii: "o"): radix = 8
            case UInt8(ascii: "b"): radix = 2
            default: break
            }
            if radix != 10 { i += 2 }
        }
        while i < token.end {
            let c = src[i]
            if c == UInt8(ascii: "j") || c == UInt8(ascii: "J") {
                // The tokenizer lets `j` end only a decimal number.
                return .imaginary(Double(String(decoding: digits, as: UTF8.self)) ?? .infinity)
            }
            if radix == 10 && (c == UInt8(ascii: ".") || c | 0x20 == UInt8(ascii: "e")) { isFloat = true }
            if c != UInt8(ascii: "_") { digits.append(c) }
            i += 1
        }
        let text = String(decoding: digits, as: UTF8.self)
        if isFloat {
            return .float(Double(text) ?? .infinity)
        }
        var value = 0
        var overflow = false
        for c in digits {
            let digit: Int
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = Int(c - UInt8(ascii: "0"))
            default: digit = Int((c | 0x20) - UInt8(ascii: "a")) + 10
            }
            let (shifted, o1) = value.multipliedReportingOverflow(by: radix)
            let (sum, o2) = shifted.addingReportingOverflow(digit)
            if o1 || o2 {
                overflow = true
                break
            }
            value = sum
        }
        if !overflow { return .int(value) }
        if radix == 10 && digits.count > Parser.maxDecimalDigits {
            throw error("Exceeds the limit (\(Parser.maxDecimalDigits) digits) for integer string conversion: value has \(digits.count) digits; use sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for huge integer literals to avoid decimal conversion limits.", at: token)
        }
        guard let big = BigInt(text, radix: radix) else { throw error("invalid syntax", at: token) }
        return .bigInt(big)
    }

    /// CPython's `sys.get_int_max_str_digits()` default: longer decimal literals are refused.
    static let maxDecimalDigits = 4300

    /// A string literal token taken apart: prefix flags and the byte range between the quotes.
    struct StringLiteral {
        var raw: Bool
        var formatted: Bool
        var body: Range<Int>
        var token: Token
    }

    mutating func stringLiteral(_ token: Token) -> StringLiteral {
        var raw = false
        var formatted = false
        var i = token.start
        while i < token.end {
            let c = src[i]
            if c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") { break }
            switch c | 0x20 {
            case UInt8(ascii: "r"): raw = true
            case UInt8(ascii: "f"): formatted = true
            default: break
            }
            i += 1
        }
        let quote = src[i]
        var quoteLength = 1
        if token.end - i >= 6 && src[i + 1] == quote && src[i + 2] == quote { quoteLength = 3 }
        let lower = i + quoteLength
        let upper = max(lower, token.end - quoteLength)
        return StringLiteral(raw: raw, formatted: formatted, body: lower..<upper, token: token)
    }

    /// strings: STRING+ — adjacent literals concatenated; any f-string makes the whole an f-string.
    @inline(never)
    mutating func strings() throws -> Expr {
        let first = current
        var text = ""
        var parts: [FStringPart] = []
        var formatted = false
        var childDepth = 0
        while kind == .string {
            let literal = stringLiteral(current)
            advance()
            if literal.formatted {
                formatted = true
                try formattedString(literal, text: &text, parts: &parts, childDepth: &childDepth)
            } else {
                text += try decode(literal.body, raw: literal.raw, token: literal.token)
            }
        }
        if !formatted { return leaf(.string(text), location(first)) }
        if !text.isEmpty { parts.append(.literal(text)) }
        return try node(.formattedString(parts), location(first), childDepth)
    }

    /// Decodes the escapes of a non-raw literal's bytes.
    mutating func decode(_ range: Range<Int>, raw: Bool, token: Token) throws -> String {
        if raw || !src[range].contains(UInt8(ascii: "\\")) {
            return String(decoding: src[range], as: UTF8.self)
        }
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var i = range.lowerBound
        let end = range.upperBound
        func append(_ value: UInt32) {
            let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
            out.append(contentsOf: Array(String(Character(scalar)).utf8))
        }
        func unicodeError(_ start: Int, _ stop: Int, _ reason: String) -> SyntaxErrorInfo {
            let from = start - range.lowerBound
            let to = max(from, stop - range.lowerBound - 1)
            return error("(unicode error) 'unicodeescape' codec can't decode bytes in position \(from)-\(to): \(reason)", afterEndOf: token)
        }
        while i < end {
            let c = src[i]
            if c != UInt8(ascii: "\\") || i + 1 >= end {
                out.append(c)
                i += 1
                continue
            }
            let escape = src[i + 1]
            let start = i
            i += 2
            switch escape {
            case UInt8(ascii: "\n"): break
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "'"): out.append(UInt8(ascii: "'"))
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
            case UInt8(ascii: "a"): out.append(0x07)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "v"): out.append(0x0B)
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var value = UInt32(escape - UInt8(ascii: "0"))
                var count = 1
                while count < 3 && i < end && src[i] >= UInt8(ascii: "0") && src[i] <= UInt8(ascii: "7") {
                    value = value * 8 + UInt32(src[i] - UInt8(ascii: "0"))
                    i += 1
                    count += 1
                }
                append(value)
            case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
                let width = escape == UInt8(ascii: "x") ? 2 : escape == UInt8(ascii: "u") ? 4 : 8
                var value: UInt32 = 0
                for _ in 0..<width {
                    guard i < end, let digit = hexValue(src[i]) else {
                        let name = escape == UInt8(ascii: "x") ? "\\xXX" : escape == UInt8(ascii: "u") ? "\\uXXXX" : "\\UXXXXXXXX"
                        throw unicodeError(start, i, "truncated \(name) escape")
                    }
                    value = value * 16 + digit
                    i += 1
                }
                if value > 0x10FFFF { throw unicodeError(start, i, "illegal Unicode character") }
                append(value)
            case UInt8(ascii: "N"):
                guard i < end, src[i] == UInt8(ascii: "{"),
                      let close = src[i..<end].firstIndex(of: UInt8(ascii: "}")), close > i + 1 else {
                    let stop = i < end && src[i] == UInt8(ascii: "{") ? i + 1 : i
                    throw unicodeError(start, stop, "malformed \\N character escape")
                }
                let name = String(decoding: src[(i + 1)..<close], as: UTF8.self)
                guard let character = characterNamed(name) else {
                    throw unicodeError(start, close + 1, "unknown Unicode character name")
                }
                out.append(contentsOf: Array(character.utf8))
                i = close + 1
            default:
                out.append(UInt8(ascii: "\\"))
                out.append(escape)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    mutating func hexValue(_ c: UInt8) -> UInt32? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(c - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(c - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(c - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }
}
