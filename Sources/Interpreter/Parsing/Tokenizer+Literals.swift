// Number and string literals: the tokenizer only checks their shape and finds where they
// end; the parser reads their values.
extension Tokenizer {
    @inline(__always) func isDigit(_ c: UInt8) -> Bool {
        c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")
    }

    func isHexDigit(_ c: UInt8) -> Bool {
        isDigit(c) || (c | 0x20 >= UInt8(ascii: "a") && c | 0x20 <= UInt8(ascii: "f"))
    }

    /// CPython's `tok_decimal_tail`: digits, single underscores only between digits.
    mutating func decimalTail() throws(SyntaxErrorInfo) {
        while true {
            while pos < limit && isDigit(src[pos]) { pos += 1 }
            if byte(pos) != UInt8(ascii: "_") { return }
            pos += 1
            if !isDigit(byte(pos)) {
                throw error("invalid decimal literal", at: pos - 1)
            }
        }
    }

    /// CPython's `verify_end_of_number`: a number may touch only the keywords that can follow
    /// it in valid code (`1if x else y`); any other letter makes the literal invalid.
    func verifyEndOfNumber(_ kind: String) throws(SyntaxErrorInfo) {
        let c = byte(pos)
        func follows(_ rest: String) -> Bool {
            var i = pos + 1
            for b in rest.utf8 {
                if byte(i) != b { return false }
                i += 1
            }
            return true
        }
        var allowed = false
        switch c {
        case UInt8(ascii: "a"): allowed = follows("nd")
        case UInt8(ascii: "e"): allowed = follows("lse")
        case UInt8(ascii: "f"): allowed = follows("or")
        case UInt8(ascii: "i"):
            let n = byte(pos + 1)
            allowed = n == UInt8(ascii: "f") || n == UInt8(ascii: "n") || n == UInt8(ascii: "s")
        case UInt8(ascii: "n"): allowed = follows("ot")
        case UInt8(ascii: "o"): allowed = follows("r")
        default: break
        }
        if allowed { return }
        if c < 0x80 && isIdentifierChar(c) {
            throw error("invalid \(kind) literal", at: pos)
        }
    }

    /// Digits of a prefixed integer (`0x`, `0o`, `0b`), underscores allowed before each digit.
    mutating func radixDigits(_ kind: String, radix: Int) throws(SyntaxErrorInfo) {
        var any = false
        while true {
            if byte(pos) == UInt8(ascii: "_") { pos += 1 }
            let c = byte(pos)
            let ok: Bool
            switch radix {
            case 16: ok = isHexDigit(c)
            case 8: ok = c >= UInt8(ascii: "0") && c <= UInt8(ascii: "7")
            default: ok = c == UInt8(ascii: "0") || c == UInt8(ascii: "1")
            }
            if !ok {
                if isDigit(c) {
                    throw error("invalid digit '\(Character(Unicode.Scalar(c)))' in \(kind) literal", at: pos)
                }
                if !any || byte(pos - 1) == UInt8(ascii: "_") {
                    throw error("invalid \(kind) literal", at: pos - 1)
                }
                try verifyEndOfNumber(kind)
                return
            }
            any = true
            pos += 1
        }
    }

    mutating func number() throws(SyntaxErrorInfo) {
        let start = pos
        if src[pos] == UInt8(ascii: "0") {
            switch byte(pos + 1) | 0x20 {
            case UInt8(ascii: "x"):
                pos += 2
                try radixDigits("hexadecimal", radix: 16)
            case UInt8(ascii: "o"):
                pos += 2
                try radixDigits("octal", radix: 8)
            case UInt8(ascii: "b"):
                pos += 2
                try radixDigits("binary", radix: 2)
            default:
                pos += 1
                var nonZero = false
                while true {
                    if byte(pos) == UInt8(ascii: "_") {
                        pos += 1
                        if !isDigit(byte(pos)) { throw error("invalid decimal literal", at: pos - 1) }
                    }
                    if byte(pos) != UInt8(ascii: "0") { break }
                    pos += 1
                }
                if isDigit(byte(pos)) {
                    nonZero = true
                    try decimalTail()
                }
                let c = byte(pos)
                if c == UInt8(ascii: ".") || c | 0x20 == UInt8(ascii: "e") || c | 0x20 == UInt8(ascii: "j") {
                    try fractionAndExponent()
                } else if nonZero {
                    throw error("leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", at: start)
                } else {
                    try verifyEndOfNumber("decimal")
                }
            }
        } else if src[pos] == UInt8(ascii: ".") {
            try fractionAndExponent()
        } else {
            try decimalTail()
            try fractionAndExponent()
        }
        emit(.number, from: start, to: pos)
    }

    /// The optional `.digits`, exponent and `j` suffix of a decimal number.
    mutating func fractionAndExponent() throws(SyntaxErrorInfo) {
        if byte(pos) == UInt8(ascii: ".") {
            pos += 1
            if isDigit(byte(pos)) { try decimalTail() }
        }
        if byte(pos) | 0x20 == UInt8(ascii: "e") {
            let mark = pos
            pos += 1
            if byte(pos) == UInt8(ascii: "+") || byte(pos) == UInt8(ascii: "-") {
                pos += 1
                if !isDigit(byte(pos)) { throw error("invalid decimal literal", at: mark) }
            } else if !isDigit(byte(pos)) {
                throw error("invalid decimal literal", at: mark)
            }
            try decimalTail()
        }
        if byte(pos) | 0x20 == UInt8(ascii: "j") {
            pos += 1
            try verifyEndOfNumber("imaginary")
            return
        }
        try verifyEndOfNumber("decimal")
    }

    /// Finds the end of a string literal whose prefix (possibly empty) starts at `start`.
    mutating func string(start: Int) throws(SyntaxErrorInfo) {
        let quote = src[pos]
        let startLine = line
        let startLineStart = lineStart
        var triple = false
        if byte(pos + 1) == quote && byte(pos + 2) == quote {
            triple = true
            pos += 3
        } else {
            pos += 1
        }
        while true {
            if pos >= limit {
                let message = triple
                    ? "unterminated triple-quoted string literal (detected at line \(line))"
                    : "unterminated string literal (detected at line \(line))"
                throw SyntaxErrorInfo(.syntaxError, message, line: startLine,
                                      offset: offset(ofByte: start, lineStart: startLineStart))
            }
            let c = src[pos]
            if c == quote {
                if !triple {
                    pos += 1
                    break
                }
                if byte(pos + 1) == quote && byte(pos + 2) == quote {
                    pos += 3
                    break
                }
                pos += 1
            } else if c == UInt8(ascii: "\\") {
                pos += 1
                if pos < limit {
                    if src[pos] == UInt8(ascii: "\n") {
                        pos += 1
                        newLine()
                    } else {
                        pos += 1
                    }
                }
            } else if c == UInt8(ascii: "\n") {
                if !triple {
                    throw SyntaxErrorInfo(.syntaxError, "unterminated string literal (detected at line \(line))",
                                          line: startLine, offset: offset(ofByte: start, lineStart: startLineStart))
                }
                pos += 1
                newLine()
            } else if c == 0 {
                throw error("source code string cannot contain null bytes", at: pos)
            } else {
                pos += 1
            }
        }
        // The token keeps the line and column where the literal starts.
        tokens.append(Token(kind: .string, start: start, end: pos, line: startLine,
                            column: start - startLineStart, level: brackets.count))
    }
}
