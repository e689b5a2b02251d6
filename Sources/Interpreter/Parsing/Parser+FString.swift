// f-strings, read as CPython 3.11 reads them: the tokenizer sees one STRING token, and the
// parser splits its body into literal text and replacement fields, parsing each field's
// expression with a parser of its own over the same source bytes.
extension Parser {
    /// Adds the pieces of one f-string literal to `parts`; `text` holds literal text not yet
    /// added (so adjacent literals merge).
    @inline(never)
    mutating func formattedString(_ literal: StringLiteral, text: inout String, parts: inout [FStringPart],
                                  childDepth: inout Int) throws {
        var i = literal.body.lowerBound
        try formattedParts(&i, literal: literal, level: 0, text: &text, parts: &parts, childDepth: &childDepth)
    }

    /// fstring: literal text and `{…}` fields up to the end of the body, or, in a format spec
    /// (`level` 1), up to its closing `}`.
    mutating func formattedParts(_ i: inout Int, literal: StringLiteral, level: Int, text: inout String,
                                 parts: inout [FStringPart], childDepth: inout Int) throws {
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
                throw error("f-string: single '}' is not allowed", afterEndOf: literal.token)
            }
            if c == UInt8(ascii: "\\") && !literal.raw && i + 1 < end
                && src[i + 1] != UInt8(ascii: "{") && src[i + 1] != UInt8(ascii: "}") {
                // `\N{NAME}` is an escape, not a replacement field.
                if src[i + 1] == UInt8(ascii: "N") && i + 2 < end && src[i + 2] == UInt8(ascii: "{"),
                   let close = src[(i + 2)..<end].firstIndex(of: UInt8(ascii: "}")) {
                    i = close + 1
                    continue
                }
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
                                   parts: inout [FStringPart], childDepth: inout Int) throws {
        let token = literal.token
        let end = literal.body.upperBound
        if level >= 2 { throw error("f-string: expressions nested too deeply", afterEndOf: token) }
        let expressionStart = i
        var brackets: [UInt8] = []
        var quote: UInt8 = 0
        var tripleQuoted = false
        scan: while i < end {
            let c = src[i]
            if c == UInt8(ascii: "\\") {
                throw error("f-string expression part cannot include a backslash", afterEndOf: token)
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
                    throw error("f-string: too many nested parenthesis", afterEndOf: token)
                }
                brackets.append(c)
            case UInt8(ascii: "#"):
                throw error("f-string expression part cannot include '#'", afterEndOf: token)
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                if brackets.isEmpty {
                    if c == UInt8(ascii: "}") { break scan }
                    throw error("f-string: unmatched '\(Character(Unicode.Scalar(c)))'", afterEndOf: token)
                }
                let open = brackets.removeLast()
                let expected: UInt8 = open == UInt8(ascii: "(") ? UInt8(ascii: ")") : open == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: "}")
                if c != expected {
                    throw error("f-string: closing parenthesis '\(Character(Unicode.Scalar(c)))' does not match opening parenthesis '\(Character(Unicode.Scalar(open)))'", afterEndOf: token)
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
        if quote != 0 { throw error("f-string: unterminated string", afterEndOf: token) }
        if let open = brackets.last {
            throw error("f-string: unmatched '\(Character(Unicode.Scalar(open)))'", afterEndOf: token)
        }
        if i >= end { throw error("f-string: expecting '}'", afterEndOf: token) }
        let expressionEnd = i
        if src[expressionStart..<expressionEnd].allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0C }) {
            let stop = src[i]
            if stop == UInt8(ascii: "}") { throw error("f-string: empty expression not allowed", afterEndOf: token) }
            throw error("f-string: expression required before '\(Character(Unicode.Scalar(stop)))'", afterEndOf: token)
        }
        let value = try fieldExpression(expressionStart..<expressionEnd, token: token)
        childDepth = max(childDepth, lastDepth)

        var selfDocumenting: String? = nil
        if src[i] == UInt8(ascii: "=") {
            i += 1
            while i < end && (src[i] == 0x20 || src[i] == 0x09 || src[i] == 0x0A || src[i] == 0x0C) { i += 1 }
            if i >= end { throw error("f-string: expecting '}'", afterEndOf: token) }
            selfDocumenting = String(decoding: src[expressionStart..<i], as: UTF8.self)
        }
        var conversion: Character? = nil
        if src[i] == UInt8(ascii: "!") {
            i += 1
            if i >= end { throw error("f-string: expecting '}'", afterEndOf: token) }
            let c = src[i]
            guard c == UInt8(ascii: "s") || c == UInt8(ascii: "r") || c == UInt8(ascii: "a") else {
                throw error("f-string: invalid conversion character: expected 's', 'r', or 'a'", afterEndOf: token)
            }
            conversion = Character(Unicode.Scalar(c))
            i += 1
        }
        var spec: [FStringPart]? = nil
        if i < end && src[i] == UInt8(ascii: ":") {
            i += 1
            if i >= end { throw error("f-string: expecting '}'", afterEndOf: token) }
            var specText = ""
            var specParts: [FStringPart] = []
            try formattedParts(&i, literal: literal, level: level + 1, text: &specText, parts: &specParts, childDepth: &childDepth)
            if !specText.isEmpty { specParts.append(.literal(specText)) }
            spec = specParts
        }
        if i >= end || src[i] != UInt8(ascii: "}") { throw error("f-string: expecting '}'", afterEndOf: token) }
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
    mutating func fieldExpression(_ range: Range<Int>, token: Token) throws -> Expr {
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
        var value = parser.kind == .kwYield ? try parser.yieldExpression() : try parser.starExpressions()
        // CPython 3.11 parses the field as `(…)`, so a bare tuple starts at the brace.
        if case .tuple = value.kind, let first = fieldTokens.first, value.location == location(first) {
            value.location.column -= 1
        }
        if parser.kind != .endMarker {
            if case .tuple(let items) = value.kind, let last = items.last, value.location != location(fieldTokens[0]) {
                try parser.missingComma(after: last)
            } else {
                try parser.missingComma(after: value)
            }
            throw parser.invalidSyntax()
        }
        try parser.checkNotStarred(value)
        sawYield = sawYield || parser.sawYield
        if deferredError == nil { deferredError = parser.deferredError }
        if deferredScopeError == nil { deferredScopeError = parser.deferredScopeError }
        yieldLocations += parser.yieldLocations
        lastDepth = parser.lastDepth
        return value
    }
}
