/// Parses notebook cells: the Python 3.11 subset TapeLab runs, with CPython's syntax errors.
public enum PythonParser {
    /// How deep expressions and statements may nest before the cell is rejected. Bounds both the
    /// parser's own recursion and the depth of the trees it hands to the evaluator, so nothing
    /// downstream recurses deeper than this either.
    public static let maxNestingDepth = 1000

    /// Parses one cell.
    ///
    /// - Parameter source: the cell's text; lines are counted from its first line.
    /// - Returns: the cell's statements, every node located by 1-based line and 0-based UTF-8
    ///   byte column (as CPython's `ast` counts them).
    /// - Throws: the first syntax error CPython 3.11 would report, with its class, message,
    ///   line and 1-based character offset. Errors CPython raises while compiling (such as
    ///   `'return' outside function`) come only when the whole cell parsed.
    /// - Complexity: O(n) in the length of the source.
    public static func parse(_ source: String) throws(SyntaxErrorInfo) -> [Stmt] {
        var bytes = Array(source.utf8)
        normaliseNewlines(&bytes)
        var tokenizer = Tokenizer(bytes)
        let tokens = try tokenizer.run()
        var parser = Parser(src: bytes, tokens: tokens, unclosedBracket: tokenizer.unclosedBracket)
        return try parser.file()
    }

    /// Universal newlines, as CPython reads source: `\r\n` and a lone `\r` both end a line.
    static func normaliseNewlines(_ bytes: inout [UInt8]) {
        guard bytes.contains(UInt8(ascii: "\r")) else { return }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "\r") {
                out.append(UInt8(ascii: "\n"))
                if i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\n") { i += 1 }
            } else {
                out.append(c)
            }
            i += 1
        }
        bytes = out
    }
}
