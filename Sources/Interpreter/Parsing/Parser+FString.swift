// f-strings, read as CPython 3.11 reads them: the tokenizer sees one STRING token, and the
// parser splits its body into literal text and replacement fields, parsing each field's
// expression with a parser of its own over the same source bytes.
extension Parser {
    /// Adds the pieces of one f-string literal to `parts`; `text` holds literal text not yet
    /// added (so adjacent literals merge).
    mutating func formattedString(_ literal: StringLiteral, text: inout String, parts: inout [FStringPart],
                                  childDepth: inout Int) throws(SyntaxErrorInfo) {
        var i = literal.body.lowerBound
        try formattedParts(&i, literal: literal, level: 0, text: &text, parts: &parts, childDepth: &childDepth)
    }

    /// fstring: literal text and `{…}` fields up to the end of the body, or, in a format spec
    /// (`level` 1), up to its closing `}`.
    mutating func formattedParts(_ i: inout Int, literal: StringLiteral, level: Int, text: inout String,
                                 parts: inout [FStringPart], childDepth: inout Int) throws(SyntaxErrorInfo) {
        let end = literal.body.upperBound
        var literalStart = i
        while i < end {
            let c = src[i]
            if c == UInt8(ascii: "{") {
                if level == 0 && i + 1 < end && src[i + 1] == UInt8(ascii: "{") {
                    text += try decode(literalStart..<(i + 1), raw: literal.raw, token: literal.token)
                    i += 2
                    literalStart = i
                    continue
                }
                text += try decode(literalStart..<i, raw: literal.raw, token: literal.token)
                i += 1
                try replacementField(&i, literal: literal, level: level, text: &text, parts: &parts, childDepth: &childDepth)
                literalStart = i
                continue
            }
            if c == UInt8(ascii: "}") {
                if level > 0 { break }
                if i + 1 < end && src[i + 1] == UInt8(ascii: "}") {
                    text += try decode(literalStart..<(i + 1), raw: literal.raw, token: literal.token)
                    i += 2
                    literalStart = i
                    continue
                }
                throw error("f-string: single '}' is not allowed", at: literal.token)
            }
            if c == UInt8(ascii: "\\") && !literal.raw && i + 1 < end
                && src[i + 1] != UInt8(ascii: "{") && src[i + 1] != UInt8(ascii: "}") {
                i += 2
                continue
            }
            i += 1
        }
        text += try decode(literalStart..<min(i, end), raw: literal.raw, token: literal.token)
    }

    /// replacement_field: '{' expression ['='] ['!' conversion] [':' format_spec] '}'
    /// (`i` is just past the `{`).
    mutating func replacementField(_ i: inout Int, literal: StringLiteral, level: Int, text: inout String,
                                   parts: inout [FStringPart], childDepth: inout Int) throws(SyntaxErrorInfo) {
        let token = literal.token
        let end = literal.body.upperBound
        if level >= 2 { throw error("f-string: expressions nested too deeply", at: token) }
        let expressionStart = i
        var brackets: [UInt8] = []
        var quote: UInt8 = 0
        var tripleQuoted = false
        scan: while i < end {
            let c = src[i]
            if c == UInt8(ascii: "\\") {
                throw error("f-string expression part cannot include a backslash", at: token)
            }
            if quote != 0 {
                if c == quote {
                    if !tripleQuoted {
                        quote = 0
                    } else if i + 2 < end && src[i + 1] == quote && src[i + 2] == quote {
                        quote = 0
                        i += 3
                        continue
                    }
                }
                i += 1
                continue
            }
            switch c {
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                if i + 2 < end && src[i + 1] == c && src[i + 2] == c {
                    tripleQuoted = true
                    i += 3
                } else {
                    tripleQuoted = false
                    i += 1
                }
                quote = c
                continue
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
                if brackets.count >= Tokenizer.maxBracketDepth {
                    throw error("f-string: too many nested parenthesis", at: token)
                }
                brackets.append(c)
            case UInt8(ascii: "#"):
                throw error("f-string expression part cannot include '#'", at: token)
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                if brackets.isEmpty {
                    if c == UInt8(ascii: "}") { break scan }
                    throw error("f-string: unmatched '\(Character(Unicode.Scalar(c)))'", at: token)
                }
                let open = brackets.removeLast()
                let expected: UInt8 = open == UInt8(ascii: "(") ? UInt8(ascii: ")") : open == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: "}")
                if c != expected {
                    throw error("f-string: closing parenthesis '\(Character(Unicode.Scalar(c)))' does not match opening parenthesis '\(Character(Unicode.Scalar(open)))'", at: token)
                }
            case UInt8(ascii: "!"), UInt8(ascii: ":"), UInt8(ascii: "="), UInt8(ascii: "<"), UInt8(ascii: ">"):
                if brackets.isEmpty {
                    let next = i + 1 < end ? src[i + 1] : 0
                    if next == UInt8(ascii: "=") && c != UInt8(ascii: ":") {
                        i += 2
                        continue
                    }
                    if c == UInt8(ascii: "<") || c == UInt8(ascii: ">") { break }
                    break scan
                }
            default:
                break
            }
            i += 1
        }
        if quote != 0 { throw error("f-string: unterminated string", at: token) }
        if let open = brackets.last {
            throw error("f-string: unmatched '\(Character(Unicode.Scalar(open)))'", at: token)
        }
        if i >= end { throw error("f-string: expecting '}'", at: token) }
        let expressionEnd = i
        if src[expressionStart..<expressionEnd].allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0C }) {
            throw error("f-string: empty expression not allowed", at: token)
        }
        let value = try fieldExpression(expressionStart..<expressionEnd, token: token)
        childDepth = max(childDepth, lastDepth)

        var selfDocumenting: String? = nil
        if src[i] == UInt8(ascii: "=") {
            i += 1
            while i < end && (src[i] == 0x20 || src[i] == 0x09 || src[i] == 0x0A || src[i] == 0x0C) { i += 1 }
            if i >= end { throw error("f-string: expecting '}'", at: token) }
            selfDocumenting = String(decoding: src[expressionStart..<i], as: UTF8.self)
        }
        var conversion: Character? = nil
        if src[i] == UInt8(ascii: "!") {
            i += 1
            if i >= end { throw error("f-string: expecting '}'", at: token) }
            let c = src[i]
            guard c == UInt8(ascii: "s") || c == UInt8(ascii: "r") || c == UInt8(ascii: "a") else {
                throw error("f-string: invalid conversion character: expected 's', 'r', or 'a'", at: token)
            }
            conversion = Character(Unicode.Scalar(c))
            i += 1
        }
        var spec: [FStringPart]? = nil
        if i < end && src[i] == UInt8(ascii: ":") {
            i += 1
            if i >= end { throw error("f-string: expecting '}'", at: token) }
            var specText = ""
            var specParts: [FStringPart] = []
            try formattedParts(&i, literal: literal, level: level + 1, text: &specText, parts: &specParts, childDepth: &childDepth)
            if !specText.isEmpty { specParts.append(.literal(specText)) }
            spec = specParts
        }
        if i >= end || src[i] != UInt8(ascii: "}") { throw error("f-string: expecting '}'", at: token) }
        i += 1
        // `f"{x=}"` shows `x=` then the repr, unless a conversion or a format spec says otherwise.
        if let selfDocumenting {
            text += selfDocumenting
            if conversion == nil && spec == nil { conversion = "r" }
        }
        if !text.isEmpty {
            parts.append(.literal(text))
            text = ""
        }
        parts.append(.field(value, conversion: conversion, spec: spec))
    }

    /// Parses a replacement field's expression, located where it sits in the cell.
    mutating func fieldExpression(_ range: Range<Int>, token: Token) throws(SyntaxErrorInfo) -> Expr {
        var line = token.line
        var start = lineStart(of: token.start)
        var k = token.start
        while k < range.lowerBound {
            if src[k] == UInt8(ascii: "\n") {
                line += 1
                start = k + 1
            }
            k += 1
        }
        var tokenizer = Tokenizer(src, range: range, line: line, lineStart: start)
        let fieldTokens = try tokenizer.run()
        var parser = Parser(src: src, tokens: fieldTokens, unclosedBracket: nil)
        parser.inFString = true
        parser.inFunction = inFunction
        parser.inLoop = inLoop
        parser.inLambda = inLambda
        parser.depth = depth
        try parser.enter()
        let value = parser.kind == .kwYield ? try parser.yieldExpression() : try parser.starExpressions()
        if parser.kind != .endMarker { throw parser.invalidSyntax() }
        try parser.checkNotStarred(value)
        sawYield = sawYield || parser.sawYield
        if deferredError == nil { deferredError = parser.deferredError }
        lastDepth = parser.lastDepth
        return value
    }
}
