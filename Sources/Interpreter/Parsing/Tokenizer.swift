/// Splits a cell's UTF-8 bytes into tokens, CPython's way: indentation becomes INDENT/DEDENT
/// from a stack of widths, blank and comment-only lines vanish, newlines inside brackets and
/// after a backslash join lines, and every logical line ends with NEWLINE.
struct Tokenizer {
    /// CPython's `MAXLEVEL`: brackets nested deeper are a syntax error.
    static let maxBracketDepth = 200
    /// CPython's `MAXINDENT`.
    static let maxIndentDepth = 100

    let src: [UInt8]
    var pos: Int
    let limit: Int
    var line: Int
    var lineStart: Int
    var tokens: [Token] = []
    var indents: [Int] = [0]
    /// Widths counting a tab as one column, to catch inconsistent tabs (CPython's `altindstack`).
    var altIndents: [Int] = [0]
    /// The opening brackets not closed yet.
    var brackets: [Token] = []
    var atLineStart = true
    /// Inside an f-string replacement field: a bracketed expression with no statements.
    let expressionOnly: Bool

    /// The innermost bracket still open at the end of input, for "'(' was never closed".
    var unclosedBracket: Token? = nil

    init(_ src: [UInt8]) {
        self.src = src
        self.pos = 0
        self.limit = src.count
        self.line = 1
        self.lineStart = 0
        self.expressionOnly = false
        tokens.reserveCapacity(src.count / 3 + 4)
    }

    /// Tokenizes `src[range]` as an f-string replacement field's expression that starts at
    /// `line`, on the line beginning at byte `lineStart`.
    init(_ src: [UInt8], range: Range<Int>, line: Int, lineStart: Int) {
        self.src = src
        self.pos = range.lowerBound
        self.limit = range.upperBound
        self.line = line
        self.lineStart = lineStart
        self.expressionOnly = true
        self.atLineStart = false
    }

    @inline(__always) func byte(_ index: Int) -> UInt8 {
        index < limit && index >= 0 ? src[index] : 0
    }

    @inline(__always) var atEnd: Bool { pos >= limit }

    // MARK: - Errors

    /// 1-based character offset of byte `index` within its line (CPython reports characters).
    func offset(ofByte index: Int, lineStart: Int) -> Int {
        var count = 0
        var i = lineStart
        let end = min(index, src.count)
        while i < end {
            if src[i] & 0xC0 != 0x80 { count += 1 }
            i += 1
        }
        return count + 1
    }

    func error(_ message: String, at index: Int, kind: SyntaxErrorInfo.Kind = .syntaxError) -> SyntaxErrorInfo {
        SyntaxErrorInfo(kind, message, line: line, offset: offset(ofByte: index, lineStart: lineStart))
    }

    func error(_ message: String, token: Token, lineStart tokenLineStart: Int) -> SyntaxErrorInfo {
        SyntaxErrorInfo(.syntaxError, message, line: token.line, offset: offset(ofByte: token.start, lineStart: tokenLineStart))
    }

    // MARK: - Main loop

    /// Tokenizes the whole input; the last token is always `.endMarker`.
    mutating func run() throws(SyntaxErrorInfo) -> [Token] {
        while true {
            if atLineStart && brackets.isEmpty && !expressionOnly {
                if try !lineIndentation() { break }
            }
            skipSpaces()
            if atEnd { break }
            let c = src[pos]
            switch c {
            case UInt8(ascii: "#"):
                skipComment()
            case UInt8(ascii: "\n"):
                if brackets.isEmpty && !expressionOnly {
                    emit(.newline, from: pos, to: pos + 1)
                    atLineStart = true
                }
                pos += 1
                newLine()
            case UInt8(ascii: "\\"):
                try continuation()
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                try number()
            case UInt8(ascii: "."):
                let next = byte(pos + 1)
                if next >= UInt8(ascii: "0") && next <= UInt8(ascii: "9") {
                    try number()
                } else if next == UInt8(ascii: ".") && byte(pos + 2) == UInt8(ascii: ".") {
                    emit(.ellipsis, from: pos, to: pos + 3)
                    pos += 3
                } else {
                    emit(.dot, from: pos, to: pos + 1)
                    pos += 1
                }
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                try string(start: pos)
            case 0:
                throw error("source code string cannot contain null bytes", at: pos)
            default:
                if isIdentifierStart(c) {
                    try name()
                } else {
                    try operatorToken(c)
                }
            }
        }
        try finish()
        return tokens
    }

    /// Reads the indentation of a new line. Returns false at the end of input.
    mutating func lineIndentation() throws(SyntaxErrorInfo) -> Bool {
        while true {
            var col = 0
            var alt = 0
            while pos < limit {
                let c = src[pos]
                if c == UInt8(ascii: " ") {
                    col += 1
                    alt += 1
                } else if c == UInt8(ascii: "\t") {
                    col = (col / 8 + 1) * 8
                    alt += 1
                } else if c == 0x0C {
                    col = 0
                    alt = 0
                } else {
                    break
                }
                pos += 1
            }
            if atEnd { return false }
            let c = src[pos]
            if c == UInt8(ascii: "#") {
                skipComment()
                if atEnd { return false }
            }
            if src[pos] == UInt8(ascii: "\n") {
                pos += 1
                newLine()
                continue
            }
            atLineStart = false
            try indent(col: col, alt: alt)
            return true
        }
    }

    mutating func indent(col: Int, alt: Int) throws(SyntaxErrorInfo) {
        let top = indents[indents.count - 1]
        let altTop = altIndents[altIndents.count - 1]
        if col == top {
            if alt != altTop {
                throw error("inconsistent use of tabs and spaces in indentation", at: lineStart, kind: .tabError)
            }
        } else if col > top {
            if indents.count >= Tokenizer.maxIndentDepth {
                throw error("too many levels of indentation", at: pos, kind: .indentationError)
            }
            if alt <= altTop {
                throw error("inconsistent use of tabs and spaces in indentation", at: lineStart, kind: .tabError)
            }
            indents.append(col)
            altIndents.append(alt)
            emit(.indent, from: lineStart, to: pos)
        } else {
            while indents.count > 1 && col < indents[indents.count - 1] {
                indents.removeLast()
                altIndents.removeLast()
                emit(.dedent, from: pos, to: pos)
            }
            if col != indents[indents.count - 1] {
                var end = pos
                while end < limit && src[end] != UInt8(ascii: "\n") { end += 1 }
                throw error("unindent does not match any outer indentation level", at: end, kind: .indentationError)
            }
            if alt != altIndents[altIndents.count - 1] {
                throw error("inconsistent use of tabs and spaces in indentation", at: lineStart, kind: .tabError)
            }
        }
    }

    mutating func finish() throws(SyntaxErrorInfo) {
        if let open = brackets.last {
            unclosedBracket = open
            emit(.endMarker, from: pos, to: pos)
            return
        }
        if !expressionOnly {
            if let last = tokens.last, last.kind != .newline, last.kind != .dedent {
                emit(.newline, from: pos, to: pos)
            }
            while indents.count > 1 {
                indents.removeLast()
                emit(.dedent, from: pos, to: pos)
            }
        }
        emit(.endMarker, from: pos, to: pos)
    }

    // MARK: - Helpers

    @inline(__always) mutating func emit(_ kind: TokenKind, from start: Int, to end: Int) {
        tokens.append(Token(kind: kind, start: start, end: end, line: line,
                            column: start - lineStart, level: brackets.count))
    }

    @inline(__always) mutating func newLine() {
        line += 1
        lineStart = pos
    }

    mutating func skipSpaces() {
        while pos < limit {
            let c = src[pos]
            if c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == 0x0C {
                pos += 1
            } else {
                return
            }
        }
    }

    mutating func skipComment() {
        while pos < limit && src[pos] != UInt8(ascii: "\n") { pos += 1 }
    }

    mutating func continuation() throws(SyntaxErrorInfo) {
        let next = byte(pos + 1)
        if pos + 1 >= limit {
            throw error("unexpected EOF while parsing", at: pos)
        }
        if next != UInt8(ascii: "\n") {
            throw error("unexpected character after line continuation character", at: pos + 1)
        }
        pos += 2
        newLine()
        if atEnd && !expressionOnly {
            throw error("unexpected EOF while parsing", at: pos)
        }
    }

    @inline(__always) func isIdentifierStart(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
            || c == UInt8(ascii: "_") || c >= 0x80
    }

    @inline(__always) func isIdentifierChar(_ c: UInt8) -> Bool {
        isIdentifierStart(c) || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
    }

    /// Decodes the Unicode scalar whose UTF-8 encoding starts at `index`.
    func scalar(at index: Int) -> (Unicode.Scalar, Int) {
        let b0 = UInt32(byte(index))
        var value: UInt32
        var length: Int
        if b0 < 0x80 { return (Unicode.Scalar(UInt8(b0)), 1) }
        if b0 >= 0xF0 {
            value = b0 & 0x07
            length = 4
        } else if b0 >= 0xE0 {
            value = b0 & 0x0F
            length = 3
        } else {
            value = b0 & 0x1F
            length = 2
        }
        for k in 1..<length {
            value = (value << 6) | (UInt32(byte(index + k)) & 0x3F)
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    func invalidCharacter(at index: Int) -> SyntaxErrorInfo {
        let (scalar, _) = scalar(at: index)
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        if isPrintable(scalar) {
            return error("invalid character '\(Character(scalar))' (U+\(code))", at: index)
        }
        return error("invalid non-printable character U+\(code)", at: index)
    }

    /// Python's `str.isprintable` for one character.
    func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == " " { return true }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned,
             .lineSeparator, .paragraphSeparator, .spaceSeparator:
            return false
        default:
            return true
        }
    }

    // MARK: - Names

    mutating func name() throws(SyntaxErrorInfo) {
        let start = pos
        var ascii = true
        while pos < limit {
            let c = src[pos]
            if c < 0x80 {
                if !isIdentifierChar(c) { break }
                pos += 1
            } else {
                let (scalar, length) = scalar(at: pos)
                let ok = pos == start ? (scalar.properties.isXIDStart) : scalar.properties.isXIDContinue
                if !ok {
                    if pos == start { throw invalidCharacter(at: pos) }
                    break
                }
                ascii = false
                pos += length
            }
        }
        let length = pos - start
        if length <= 2 && pos < limit && (src[pos] == UInt8(ascii: "\"") || src[pos] == UInt8(ascii: "'")) {
            if let isBytes = stringPrefix(start, pos) {
                if isBytes {
                    throw error("bytes literals are not supported", at: start)
                }
                try string(start: start)
                return
            }
        }
        if ascii, length >= 2, length <= 8 {
            let first = Int(src[start])
            for (word, kind) in keywordTable[first] where word.count == length {
                var same = true
                for k in 1..<length where word[k] != src[start + k] {
                    same = false
                    break
                }
                if same {
                    emit(kind, from: start, to: pos)
                    return
                }
            }
        }
        if !ascii {
            // A non-ASCII character that is neither XID_Start nor XID_Continue ends a name,
            // and starts no token.
            if pos < limit, src[pos] >= 0x80 {
                let (scalar, _) = scalar(at: pos)
                if !scalar.properties.isXIDContinue {
                    emit(.name, from: start, to: pos)
                    throw invalidCharacter(at: pos)
                }
            }
        }
        emit(.name, from: start, to: pos)
    }

    /// Whether `src[start..<end]` is a string prefix: nil if not, else whether it makes bytes.
    func stringPrefix(_ start: Int, _ end: Int) -> Bool? {
        var r = 0, b = 0, u = 0, f = 0
        for i in start..<end {
            switch src[i] | 0x20 {
            case UInt8(ascii: "r"): r += 1
            case UInt8(ascii: "b"): b += 1
            case UInt8(ascii: "u"): u += 1
            case UInt8(ascii: "f"): f += 1
            default: return nil
            }
        }
        if r > 1 || b > 1 || u > 1 || f > 1 { return nil }
        if u == 1 && end - start > 1 { return nil }
        if b == 1 && f == 1 { return nil }
        return b == 1
    }

    // MARK: - Operators

    mutating func operatorToken(_ c: UInt8) throws(SyntaxErrorInfo) {
        let start = pos
        let n1 = byte(pos + 1)
        let n2 = byte(pos + 2)
        let eq = UInt8(ascii: "=")
        var kind: TokenKind
        var length = 1
        switch c {
        case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
            if brackets.count >= Tokenizer.maxBracketDepth {
                throw error("too many nested parentheses", at: pos)
            }
            kind = c == UInt8(ascii: "(") ? .leftParen : c == UInt8(ascii: "[") ? .leftBracket : .leftBrace
            emit(kind, from: start, to: start + 1)
            brackets.append(tokens[tokens.count - 1])
            pos += 1
            return
        case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
            kind = c == UInt8(ascii: ")") ? .rightParen : c == UInt8(ascii: "]") ? .rightBracket : .rightBrace
            let closing = Character(Unicode.Scalar(c))
            guard let open = brackets.last else {
                throw error(expressionOnly ? "f-string: unmatched '\(closing)'" : "unmatched '\(closing)'", at: pos)
            }
            let expected: TokenKind = open.kind == .leftParen ? .rightParen : open.kind == .leftBracket ? .rightBracket : .rightBrace
            if expected != kind {
                let opening = Character(Unicode.Scalar(src[open.start]))
                var message = "closing parenthesis '\(closing)' does not match opening parenthesis '\(opening)'"
                if open.line != line { message += " on line \(open.line)" }
                if expressionOnly { message = "f-string: " + message }
                throw error(message, at: pos)
            }
            brackets.removeLast()
            emit(kind, from: start, to: start + 1)
            pos += 1
            return
        case UInt8(ascii: ":"):
            kind = n1 == eq ? .colonEqual : .colon
        case UInt8(ascii: ","): kind = .comma
        case UInt8(ascii: ";"): kind = .semicolon
        case UInt8(ascii: "~"): kind = .tilde
        case UInt8(ascii: "+"): kind = n1 == eq ? .plusEqual : .plus
        case UInt8(ascii: "-"):
            kind = n1 == eq ? .minusEqual : n1 == UInt8(ascii: ">") ? .arrow : .minus
        case UInt8(ascii: "*"):
            if n1 == UInt8(ascii: "*") {
                kind = n2 == eq ? .doubleStarEqual : .doubleStar
            } else {
                kind = n1 == eq ? .starEqual : .star
            }
        case UInt8(ascii: "/"):
            if n1 == UInt8(ascii: "/") {
                kind = n2 == eq ? .doubleSlashEqual : .doubleSlash
            } else {
                kind = n1 == eq ? .slashEqual : .slash
            }
        case UInt8(ascii: "%"): kind = n1 == eq ? .percentEqual : .percent
        case UInt8(ascii: "&"): kind = n1 == eq ? .amperEqual : .amper
        case UInt8(ascii: "|"): kind = n1 == eq ? .vbarEqual : .vbar
        case UInt8(ascii: "^"): kind = n1 == eq ? .circumflexEqual : .circumflex
        case UInt8(ascii: "@"): kind = n1 == eq ? .atEqual : .at
        case UInt8(ascii: "="): kind = n1 == eq ? .equalEqual : .equal
        case UInt8(ascii: "!"): kind = n1 == eq ? .notEqual : .errorToken
        case UInt8(ascii: "<"):
            if n1 == UInt8(ascii: "<") {
                kind = n2 == eq ? .leftShiftEqual : .leftShift
            } else {
                kind = n1 == eq ? .lessEqual : .less
            }
        case UInt8(ascii: ">"):
            if n1 == UInt8(ascii: ">") {
                kind = n2 == eq ? .rightShiftEqual : .rightShift
            } else {
                kind = n1 == eq ? .greaterEqual : .greater
            }
        case UInt8(ascii: "$"), UInt8(ascii: "?"), UInt8(ascii: "`"):
            kind = .errorToken
        default:
            throw invalidCharacter(at: pos)
        }
        switch kind {
        case .doubleStarEqual, .doubleSlashEqual, .leftShiftEqual, .rightShiftEqual: length = 3
        case .colon, .comma, .semicolon, .tilde, .plus, .minus, .star, .slash, .percent, .amper,
             .vbar, .circumflex, .at, .equal, .less, .greater, .errorToken: length = 1
        default: length = 2
        }
        emit(kind, from: start, to: start + length)
        pos += length
    }
}
