import Testing
@testable import Interpreter

/// The tokens of `source` as `KIND text@line:column` (keywords count as NAME, as in CPython's
/// `tokenize`; DEDENT and ENDMARKER without a position), or the error.
func tokenDump(_ source: String) -> String {
    var bytes = Array(source.utf8)
    PythonParser.normaliseNewlines(&bytes)
    var tokenizer = Tokenizer(bytes)
    do {
        let tokens = try tokenizer.run()
        return tokens.map { token -> String in
            let text = String(decoding: bytes[token.start..<token.end], as: UTF8.self)
            let at = "@\(token.line):\(token.column)"
            switch token.kind {
            case .name: return "NAME \(text)" + at
            case .number: return "NUMBER \(text)" + at
            case .string: return "STRING \(text)" + at
            case .newline: return "NEWLINE" + at
            case .indent: return "INDENT" + at
            case .dedent: return "DEDENT"
            case .endMarker: return "ENDMARKER"
            case .errorToken: return "ERRORTOKEN \(text)" + at
            default: return (token.kind.isKeyword ? "NAME " : "OP ") + text + at
            }
        }.joined(separator: " | ")
    } catch {
        return "\(error.kind.rawValue): \(error.message) @\(error.line):\(error.offset)"
    }
}

/// A source and its tokens as CPython's `tokenize` module lists them (without NL and COMMENT).
struct TokenCase: Sendable, CustomTestStringConvertible {
    let source: String
    let expected: String

    init(_ source: String, _ expected: String) {
        self.source = source
        self.expected = expected
    }

    var testDescription: String { source.debugDescription }
}

@Suite struct TokenizerTests {
    /// Indentation (dedent to several levels, blank lines with odd indentation, comments at any
    /// indent, brackets spanning lines, backslash continuation, tabs, CRLF, no trailing newline,
    /// trailing white space) and every token form.
    static let cases: [TokenCase] = [
        TokenCase("x = 1",
                  "NAME x@1:0 | OP =@1:2 | NUMBER 1@1:4 | NEWLINE@1:5 | ENDMARKER"),
        TokenCase("x = 1\n",
                  "NAME x@1:0 | OP =@1:2 | NUMBER 1@1:4 | NEWLINE@1:5 | ENDMARKER"),
        TokenCase("if a:\n    b\n",
                  "NAME if@1:0 | NAME a@1:3 | OP :@1:4 | NEWLINE@1:5 | INDENT@2:0 | NAME b@2:4 | NEWLINE@2:5 | DEDENT | ENDMARKER"),
        TokenCase("if a:\n    if b:\n        if c:\n            d\ne\n",
                  "NAME if@1:0 | NAME a@1:3 | OP :@1:4 | NEWLINE@1:5 | INDENT@2:0 | NAME if@2:4 | NAME b@2:7 | OP :@2:8 | NEWLINE@2:9 | INDENT@3:0 | NAME if@3:8 | NAME c@3:11 | OP :@3:12 | NEWLINE@3:13 | INDENT@4:0 | NAME d@4:12 | NEWLINE@4:13 | DEDENT | DEDENT | DEDENT | NAME e@5:0 | NEWLINE@5:1 | ENDMARKER"),
        TokenCase("if a:\n    if b:\n        c\n    d\ne",
                  "NAME if@1:0 | NAME a@1:3 | OP :@1:4 | NEWLINE@1:5 | INDENT@2:0 | NAME if@2:4 | NAME b@2:7 | OP :@2:8 | NEWLINE@2:9 | INDENT@3:0 | NAME c@3:8 | NEWLINE@3:9 | DEDENT | NAME d@4:4 | NEWLINE@4:5 | DEDENT | NAME e@5:0 | NEWLINE@5:1 | ENDMARKER"),
        TokenCase("if a:\n  b\n\n      \n  c\n",
                  "NAME if@1:0 | NAME a@1:3 | OP :@1:4 | NEWLINE@1:5 | INDENT@2:0 | NAME b@2:2 | NEWLINE@2:3 | NAME c@5:2 | NEWLINE@5:3 | DEDENT | ENDMARKER"),
        TokenCase("if a:\n  b\n        # comment\n  c\n",
                  "NAME if@1:0 | NAME a@1:3 | OP :@1:4 | NEWLINE@1:5 | INDENT@2:0 | NAME b@2:2 | NEWLINE@2:3 | NAME c@4:2 | NEWLINE@4:3 | DEDENT | ENDMARKER"),
        TokenCase("# top\nif a:  # trailing\n    # inside\n    b  # end\n# bottom\n",
                  "NAME if@2:0 | NAME a@2:3 | OP :@2:4 | NEWLINE@2:17 | INDENT@4:0 | NAME b@4:4 | NEWLINE@4:12 | DEDENT | ENDMARKER"),
        TokenCase("x = (1,\n  2,\n      3)\n",
                  "NAME x@1:0 | OP =@1:2 | OP (@1:4 | NUMBER 1@1:5 | OP ,@1:6 | NUMBER 2@2:2 | OP ,@2:3 | NUMBER 3@3:6 | OP )@3:7 | NEWLINE@3:8 | ENDMARKER"),
        TokenCase("x = [\n1,\n    2]\ny = {\n  'a':\n1}\n",
                  "NAME x@1:0 | OP =@1:2 | OP [@1:4 | NUMBER 1@2:0 | OP ,@2:1 | NUMBER 2@3:4 | OP ]@3:5 | NEWLINE@3:6 | NAME y@4:0 | OP =@4:2 | OP {@4:4 | STRING 'a'@5:2 | OP :@5:5 | NUMBER 1@6:0 | OP }@6:1 | NEWLINE@6:2 | ENDMARKER"),
        TokenCase("def f(a,\n      b):\n    return a\n",
                  "NAME def@1:0 | NAME f@1:4 | OP (@1:5 | NAME a@1:6 | OP ,@1:7 | NAME b@2:6 | OP )@2:7 | OP :@2:8 | NEWLINE@2:9 | INDENT@3:0 | NAME return@3:4 | NAME a@3:11 | NEWLINE@3:12 | DEDENT | ENDMARKER"),
        TokenCase("x = 1 + \\\n    2\n",
                  "NAME x@1:0 | OP =@1:2 | NUMBER 1@1:4 | OP +@1:6 | NUMBER 2@2:4 | NEWLINE@2:5 | ENDMARKER"),
        TokenCase("if a and \\\n   b:\n    c\n",
                  "NAME if@1:0 | NAME a@1:3 | NAME and@1:5 | NAME b@2:3 | OP :@2:4 | NEWLINE@2:5 | INDENT@3:0 | NAME c@3:4 | NEWLINE@3:5 | DEDENT | ENDMARKER"),
        TokenCase("if a:\n\tb\n",
                  "NAME if@1:0 | NAME a@1:3 | OP :@1:4 | NEWLINE@1:5 | INDENT@2:0 | NAME b@2:1 | NEWLINE@2:2 | DEDENT | ENDMARKER"),
        TokenCase("if a:\n\tb\n\tc\n",
                  "NAME if@1:0 | NAME a@1:3 | OP :@1:4 | NEWLINE@1:5 | INDENT@2:0 | NAME b@2:1 | NEWLINE@2:2 | NAME c@3:1 | NEWLINE@3:2 | DEDENT | ENDMARKER"),
        TokenCase("x = 1\r\ny = 2\r\n",
                  "NAME x@1:0 | OP =@1:2 | NUMBER 1@1:4 | NEWLINE@1:5 | NAME y@2:0 | OP =@2:2 | NUMBER 2@2:4 | NEWLINE@2:5 | ENDMARKER"),
        TokenCase("if a:\r\n    b\r\n",
                  "NAME if@1:0 | NAME a@1:3 | OP :@1:4 | NEWLINE@1:5 | INDENT@2:0 | NAME b@2:4 | NEWLINE@2:5 | DEDENT | ENDMARKER"),
        TokenCase("x = 1",
                  "NAME x@1:0 | OP =@1:2 | NUMBER 1@1:4 | NEWLINE@1:5 | ENDMARKER"),
        TokenCase("if a:\n    b",
                  "NAME if@1:0 | NAME a@1:3 | OP :@1:4 | NEWLINE@1:5 | INDENT@2:0 | NAME b@2:4 | NEWLINE@2:5 | DEDENT | ENDMARKER"),
        TokenCase("x = 1   \n",
                  "NAME x@1:0 | OP =@1:2 | NUMBER 1@1:4 | NEWLINE@1:8 | ENDMARKER"),
        TokenCase("x = 1\t\n",
                  "NAME x@1:0 | OP =@1:2 | NUMBER 1@1:4 | NEWLINE@1:6 | ENDMARKER"),
        TokenCase("if a:\n    b   \n    c\n",
                  "NAME if@1:0 | NAME a@1:3 | OP :@1:4 | NEWLINE@1:5 | INDENT@2:0 | NAME b@2:4 | NEWLINE@2:8 | NAME c@3:4 | NEWLINE@3:5 | DEDENT | ENDMARKER"),
        TokenCase("\n\n\nx\n\n\n",
                  "NAME x@4:0 | NEWLINE@4:1 | ENDMARKER"),
        TokenCase("   \n\t\n",
                  "ENDMARKER"),
        TokenCase("",
                  "ENDMARKER"),
        TokenCase("#only\n",
                  "ENDMARKER"),
        TokenCase("x = '''a\nb\n  c'''\ny = 1\n",
                  "NAME x@1:0 | OP =@1:2 | STRING '''a\nb\n  c'''@1:4 | NEWLINE@3:6 | NAME y@4:0 | OP =@4:2 | NUMBER 1@4:4 | NEWLINE@4:5 | ENDMARKER"),
        TokenCase("x = 'a' 'b'\n",
                  "NAME x@1:0 | OP =@1:2 | STRING 'a'@1:4 | STRING 'b'@1:8 | NEWLINE@1:11 | ENDMARKER"),
        TokenCase("x = 0x1F + 0o17 + 0b101 + 1_000 + 1. + .5 + 1e-3 + 1_000.5 + 1E+10 + 0 + 00 + 0_0\n",
                  "NAME x@1:0 | OP =@1:2 | NUMBER 0x1F@1:4 | OP +@1:9 | NUMBER 0o17@1:11 | OP +@1:16 | NUMBER 0b101@1:18 | OP +@1:24 | NUMBER 1_000@1:26 | OP +@1:32 | NUMBER 1.@1:34 | OP +@1:37 | NUMBER .5@1:39 | OP +@1:42 | NUMBER 1e-3@1:44 | OP +@1:49 | NUMBER 1_000.5@1:51 | OP +@1:59 | NUMBER 1E+10@1:61 | OP +@1:67 | NUMBER 0@1:69 | OP +@1:71 | NUMBER 00@1:73 | OP +@1:76 | NUMBER 0_0@1:78 | NEWLINE@1:81 | ENDMARKER"),
        TokenCase("x = a.b[c](d)\n",
                  "NAME x@1:0 | OP =@1:2 | NAME a@1:4 | OP .@1:5 | NAME b@1:6 | OP [@1:7 | NAME c@1:8 | OP ]@1:9 | OP (@1:10 | NAME d@1:11 | OP )@1:12 | NEWLINE@1:13 | ENDMARKER"),
        TokenCase("x = a->b\n",
                  "NAME x@1:0 | OP =@1:2 | NAME a@1:4 | OP ->@1:5 | NAME b@1:7 | NEWLINE@1:8 | ENDMARKER"),
        TokenCase("a **= b //= c >>= d <<= e @= f != g := h ...\n",
                  "NAME a@1:0 | OP **=@1:2 | NAME b@1:6 | OP //=@1:8 | NAME c@1:12 | OP >>=@1:14 | NAME d@1:18 | OP <<=@1:20 | NAME e@1:24 | OP @=@1:26 | NAME f@1:29 | OP !=@1:31 | NAME g@1:34 | OP :=@1:36 | NAME h@1:39 | OP ...@1:41 | NEWLINE@1:44 | ENDMARKER"),
        TokenCase("x = y if z else w\n",
                  "NAME x@1:0 | OP =@1:2 | NAME y@1:4 | NAME if@1:6 | NAME z@1:9 | NAME else@1:11 | NAME w@1:16 | NEWLINE@1:17 | ENDMARKER"),
        TokenCase("x = 1if y else 2\n",
                  "NAME x@1:0 | OP =@1:2 | NUMBER 1@1:4 | NAME if@1:5 | NAME y@1:8 | NAME else@1:10 | NUMBER 2@1:15 | NEWLINE@1:16 | ENDMARKER"),
        TokenCase("print(1)  # comment\n",
                  "NAME print@1:0 | OP (@1:5 | NUMBER 1@1:6 | OP )@1:7 | NEWLINE@1:19 | ENDMARKER"),
        TokenCase("class C:\n    def f(self):\n        pass\n\n    def g(self):\n        pass\n",
                  "NAME class@1:0 | NAME C@1:6 | OP :@1:7 | NEWLINE@1:8 | INDENT@2:0 | NAME def@2:4 | NAME f@2:8 | OP (@2:9 | NAME self@2:10 | OP )@2:14 | OP :@2:15 | NEWLINE@2:16 | INDENT@3:0 | NAME pass@3:8 | NEWLINE@3:12 | DEDENT | NAME def@5:4 | NAME g@5:8 | OP (@5:9 | NAME self@5:10 | OP )@5:14 | OP :@5:15 | NEWLINE@5:16 | INDENT@6:0 | NAME pass@6:8 | NEWLINE@6:12 | DEDENT | DEDENT | ENDMARKER"),
        TokenCase("if a:\n    pass\nelif b:\n    pass\nelse:\n    pass\n",
                  "NAME if@1:0 | NAME a@1:3 | OP :@1:4 | NEWLINE@1:5 | INDENT@2:0 | NAME pass@2:4 | NEWLINE@2:8 | DEDENT | NAME elif@3:0 | NAME b@3:5 | OP :@3:6 | NEWLINE@3:7 | INDENT@4:0 | NAME pass@4:4 | NEWLINE@4:8 | DEDENT | NAME else@5:0 | OP :@5:4 | NEWLINE@5:5 | INDENT@6:0 | NAME pass@6:4 | NEWLINE@6:8 | DEDENT | ENDMARKER"),
        TokenCase("try:\n  x\nexcept E as e:\n  y\nfinally:\n  z\n",
                  "NAME try@1:0 | OP :@1:3 | NEWLINE@1:4 | INDENT@2:0 | NAME x@2:2 | NEWLINE@2:3 | DEDENT | NAME except@3:0 | NAME E@3:7 | NAME as@3:9 | NAME e@3:12 | OP :@3:13 | NEWLINE@3:14 | INDENT@4:0 | NAME y@4:2 | NEWLINE@4:3 | DEDENT | NAME finally@5:0 | OP :@5:7 | NEWLINE@5:8 | INDENT@6:0 | NAME z@6:2 | NEWLINE@6:3 | DEDENT | ENDMARKER"),
        TokenCase("x = [1, 2,\n# comment in brackets\n     3]\n",
                  "NAME x@1:0 | OP =@1:2 | OP [@1:4 | NUMBER 1@1:5 | OP ,@1:6 | NUMBER 2@1:8 | OP ,@1:9 | NUMBER 3@3:5 | OP ]@3:6 | NEWLINE@3:7 | ENDMARKER"),
        TokenCase("x = (\n)\n",
                  "NAME x@1:0 | OP =@1:2 | OP (@1:4 | OP )@2:0 | NEWLINE@2:1 | ENDMARKER"),
        TokenCase("f(a)(b)\n",
                  "NAME f@1:0 | OP (@1:1 | NAME a@1:2 | OP )@1:3 | OP (@1:4 | NAME b@1:5 | OP )@1:6 | NEWLINE@1:7 | ENDMARKER"),
        TokenCase("x = 'it''s'\n",
                  "NAME x@1:0 | OP =@1:2 | STRING 'it'@1:4 | STRING 's'@1:8 | NEWLINE@1:11 | ENDMARKER"),
        TokenCase("x = \"\"\"\n\"\"\"\n",
                  "NAME x@1:0 | OP =@1:2 | STRING \"\"\"\n\"\"\"@1:4 | NEWLINE@2:3 | ENDMARKER"),
        TokenCase("lambda: 0\n",
                  "NAME lambda@1:0 | OP :@1:6 | NUMBER 0@1:8 | NEWLINE@1:9 | ENDMARKER"),
        TokenCase("while True:\n    break\nelse:\n    pass\n",
                  "NAME while@1:0 | NAME True@1:6 | OP :@1:10 | NEWLINE@1:11 | INDENT@2:0 | NAME break@2:4 | NEWLINE@2:9 | DEDENT | NAME else@3:0 | OP :@3:4 | NEWLINE@3:5 | INDENT@4:0 | NAME pass@4:4 | NEWLINE@4:8 | DEDENT | ENDMARKER"),
    ]

    @Test(arguments: cases)
    func tokensMatchCPython(_ tokens: TokenCase) {
        #expect(tokenDump(tokens.source) == tokens.expected)
    }

    /// Columns count UTF-8 bytes, as CPython's `ast` does (its `tokenize` module counts characters).
    @Test func columnsCountBytes() {
        #expect(tokenDump("é = 1\n") == "NAME é@1:0 | OP =@1:3 | NUMBER 1@1:5 | NEWLINE@1:6 | ENDMARKER")
    }

    @Test func tabsAdvanceToTheNextMultipleOfEight() {
        // A tab then spaces up to column 8 is the same width as eight spaces, but CPython still
        // calls the mix inconsistent because the widths differ when a tab counts as one column.
        #expect(tokenDump("if a:\n        b\n\tc\n")
            == "TabError: inconsistent use of tabs and spaces in indentation @3:1")
        #expect(tokenDump("if a:\n\tb\n\tc\n")
            == "NAME if@1:0 | NAME a@1:3 | OP :@1:4 | NEWLINE@1:5 | INDENT@2:0 | NAME b@2:1 | NEWLINE@2:2 | NAME c@3:1 | NEWLINE@3:2 | DEDENT | ENDMARKER")
        #expect(tokenDump("if a:\n\tif b:\n\t\tc\n\td\n").hasSuffix("NAME d@4:1 | NEWLINE@4:2 | DEDENT | ENDMARKER"))
        #expect(tokenDump("if a:\n  \tb\n\tc\n").hasPrefix("TabError"))
    }

    @Test func bracketsNestUpToCPythonsLimit() {
        let deepest = String(repeating: "(", count: 200) + String(repeating: ")", count: 200)
        #expect(!tokenDump(deepest).contains("Error"))
        let tooDeep = String(repeating: "[", count: 201)
        #expect(tokenDump(tooDeep) == "SyntaxError: too many nested parentheses @1:201")
        #expect(tokenDump("x = (1]") == "SyntaxError: closing parenthesis ']' does not match opening parenthesis '(' @1:7")
        #expect(tokenDump("x = {\n1)") == "SyntaxError: closing parenthesis ')' does not match opening parenthesis '{' on line 1 @2:2")
        #expect(tokenDump("}") == "SyntaxError: unmatched '}' @1:1")
    }

    @Test func indentationNestsUpToCPythonsLimit() {
        func nested(_ levels: Int) -> String {
            (0..<levels).map { String(repeating: " ", count: $0) + "if x:\n" }.joined()
                + String(repeating: " ", count: levels) + "pass\n"
        }
        #expect(!tokenDump(nested(99)).contains("Error"))
        #expect(tokenDump(nested(100)) == "IndentationError: too many levels of indentation @101:1")
    }

    @Test func lineEndingsAreUniversal() {
        let unix = tokenDump("if a:\n    b\nc\n")
        #expect(tokenDump("if a:\r\n    b\r\nc\r\n") == unix)
        #expect(tokenDump("if a:\r    b\rc\r") == unix)
    }

    @Test func formFeedResetsTheIndentationCount() {
        #expect(tokenDump("if a:\n    b\n\u{0C}c\n").hasSuffix("NEWLINE@2:5 | DEDENT | NAME c@3:1 | NEWLINE@3:2 | ENDMARKER"))
    }

    @Test func oddCharactersGiveCPythonsErrors() {
        #expect(tokenDump("x = \u{0}") == "SyntaxError: source code string cannot contain null bytes @1:5")
        #expect(tokenDump("x = \u{1}") == "SyntaxError: invalid non-printable character U+0001 @1:5")
        #expect(tokenDump("x = \u{A0}1") == "SyntaxError: invalid non-printable character U+00A0 @1:5")
        #expect(tokenDump("x = 1 € 2") == "SyntaxError: invalid character '€' (U+20AC) @1:7")
        #expect(tokenDump("a $ b") == "NAME a@1:0 | ERRORTOKEN $@1:2 | NAME b@1:4 | NEWLINE@1:5 | ENDMARKER")
        #expect(tokenDump("x = r'\\'") == "SyntaxError: unterminated string literal (detected at line 1) @1:5")
        #expect(tokenDump("x = 1 \\ 2") == "SyntaxError: unexpected character after line continuation character @1:8")
        #expect(tokenDump("x = 1 \\") == "SyntaxError: unexpected EOF while parsing @1:8")
    }

    @Test func numbersStopAtKeywordsThatMayFollowThem() {
        #expect(tokenDump("1if x else 2").hasPrefix("NUMBER 1@1:0 | NAME if@1:1"))
        #expect(tokenDump("0x1for") == "NUMBER 0x1f@1:0 | NAME or@1:4 | NEWLINE@1:6 | ENDMARKER")
        #expect(tokenDump("1_000j").hasPrefix("NUMBER 1_000j@1:0"))
        #expect(tokenDump("1abc") == "SyntaxError: invalid decimal literal @1:1")
        #expect(tokenDump("0b12") == "SyntaxError: invalid digit '2' in binary literal @1:4")
        #expect(tokenDump("0o18") == "SyntaxError: invalid digit '8' in octal literal @1:4")
        #expect(tokenDump("0xfg") == "SyntaxError: invalid hexadecimal literal @1:3")
        #expect(tokenDump("x = 1else 2").hasPrefix("NAME x@1:0 | OP =@1:2 | NUMBER 1@1:4 | NAME else@1:5"))
    }
}
