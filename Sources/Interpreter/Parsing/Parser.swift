/// A recursive-descent parser over the token array, one function per rule of CPython's
/// `Grammar/python.gram` (the operator-precedence rules share one loop to keep the stack
/// shallow). Errors that CPython's compiler rather than its parser reports are kept aside
/// and thrown only once the whole cell has parsed.
struct Parser {
    let src: [UInt8]
    let tokens: [Token]
    var pos = 0
    let unclosedBracket: Token?

    /// Inside a function body (not a class body nested in it).
    var inFunction = false
    /// Inside a loop body of the current function or module.
    var inLoop = false
    /// Inside a lambda body, where `yield` is not supported.
    var inLambda = false
    /// Whether the current function's own body holds `yield`.
    var sawYield = false
    /// The first error CPython's compiler would raise, thrown after a successful parse.
    var deferredError: SyntaxErrorInfo? = nil
    /// Current recursion depth of nested expressions and blocks.
    var depth = 0
    /// Depth of the tree the last expression function returned.
    var lastDepth = 0
    /// Set when parsing an f-string's expression, whose errors CPython prefixes with "f-string: ".
    var inFString = false

    init(src: [UInt8], tokens: [Token], unclosedBracket: Token?) {
        self.src = src
        self.tokens = tokens
        self.unclosedBracket = unclosedBracket
    }

    // MARK: - Tokens

    @inline(__always) var current: Token { tokens[pos] }
    @inline(__always) var kind: TokenKind { tokens[pos].kind }

    @inline(__always) func peekKind(_ offset: Int) -> TokenKind {
        let index = pos + offset
        return index < tokens.count ? tokens[index].kind : .endMarker
    }

    @inline(__always) mutating func advance() {
        if pos < tokens.count - 1 { pos += 1 }
    }

    @inline(__always) mutating func accept(_ expected: TokenKind) -> Bool {
        if tokens[pos].kind == expected {
            advance()
            return true
        }
        return false
    }

    mutating func expect(_ expected: TokenKind) throws(SyntaxErrorInfo) {
        if !accept(expected) { throw invalidSyntax() }
    }

    @inline(__always) func location(_ token: Token) -> SourceLocation {
        SourceLocation(line: token.line, column: token.column)
    }

    /// The text of a token (a name's spelling).
    func text(_ token: Token) -> String {
        String(decoding: src[token.start..<token.end], as: UTF8.self)
    }

    /// A name token's identifier, NFKC-normalised as CPython does for non-ASCII names.
    func identifier(_ token: Token) -> String {
        let name = text(token)
        if name.utf8.allSatisfy({ $0 < 0x80 }) { return name }
        return normaliseIdentifier(name)
    }

    mutating func expectName() throws(SyntaxErrorInfo) -> String {
        guard kind == .name else { throw invalidSyntax() }
        let name = identifier(current)
        advance()
        return name
    }

    // MARK: - Errors

    /// Byte offset where the line holding byte `index` starts.
    func lineStart(of index: Int) -> Int {
        var i = min(index, src.count)
        while i > 0 && src[i - 1] != UInt8(ascii: "\n") { i -= 1 }
        return i
    }

    /// 1-based character offset of byte `index` in its line.
    func characterOffset(ofByte index: Int) -> Int {
        var count = 0
        var i = lineStart(of: index)
        let end = min(index, src.count)
        while i < end {
            if src[i] & 0xC0 != 0x80 { count += 1 }
            i += 1
        }
        return count + 1
    }

    /// A syntax error at `token`, replaced by "'(' was never closed" when CPython would report
    /// the unclosed bracket instead.
    func error(_ message: String, at token: Token, kind errorKind: SyntaxErrorInfo.Kind = .syntaxError) -> SyntaxErrorInfo {
        if let open = unclosedBracket, token.line > open.line || token.kind == .endMarker {
            let bracket = Character(Unicode.Scalar(src[open.start]))
            return SyntaxErrorInfo(.syntaxError, "'\(bracket)' was never closed",
                                   line: open.line, offset: characterOffset(ofByte: open.start))
        }
        let text = inFString && !message.hasPrefix("f-string") ? "f-string: " + message : message
        return SyntaxErrorInfo(errorKind, text, line: token.line, offset: characterOffset(ofByte: token.start))
    }

    /// An error located at the start of an expression.
    func error(_ message: String, at location: SourceLocation) -> SyntaxErrorInfo {
        let token = Token(kind: .name, start: byteIndex(of: location), end: 0,
                          line: location.line, column: location.column, level: 0)
        return error(message, at: token)
    }

    func byteIndex(of location: SourceLocation) -> Int {
        // Columns are byte offsets in their line; find the line's start by counting lines.
        var line = 1
        var i = 0
        while line < location.line && i < src.count {
            if src[i] == UInt8(ascii: "\n") { line += 1 }
            i += 1
        }
        return min(i + location.column, src.count)
    }

    /// CPython's generic error at the token the parser stopped on.
    func invalidSyntax() -> SyntaxErrorInfo {
        let token = current
        if token.kind == .indent {
            return error("unexpected indent", at: token, kind: .indentationError)
        }
        if token.kind == .dedent {
            return error("unexpected unindent", at: token, kind: .indentationError)
        }
        return error("invalid syntax", at: token)
    }

    /// Keeps the first compile-time error to throw once parsing succeeds.
    mutating func postpone(_ error: SyntaxErrorInfo) {
        if deferredError == nil { deferredError = error }
    }

    // MARK: - Depth

    /// Enters one level of recursion, refusing input nested deeper than the stack allows.
    @inline(__always) mutating func enter() throws(SyntaxErrorInfo) {
        depth += 1
        if depth > Parser.maxRecursion {
            throw error("too many nested parentheses", at: current)
        }
    }

    @inline(__always) mutating func leave() {
        depth -= 1
    }

    /// Parser recursion allowed: enough for CPython's 200 nested brackets and then some.
    static let maxRecursion = 300

    /// Builds an expression node whose deepest child has depth `childDepth`.
    @inline(__always) mutating func node(_ kind: ExprKind, _ location: SourceLocation, _ childDepth: Int) throws(SyntaxErrorInfo) -> Expr {
        let nodeDepth = childDepth + 1
        if nodeDepth > PythonParser.maxNestingDepth {
            throw error("too complex: expressions nested more than \(PythonParser.maxNestingDepth) levels deep", at: location)
        }
        lastDepth = nodeDepth
        return Expr(kind, at: location)
    }

    /// A leaf node (a name or a literal).
    @inline(__always) mutating func leaf(_ kind: ExprKind, _ location: SourceLocation) -> Expr {
        lastDepth = 1
        return Expr(kind, at: location)
    }
}
