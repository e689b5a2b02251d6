/// numpy 2's text for arrays of `dtype=object` whose elements print as given words (such as the
/// `b'…'` of the bytes a string tensor holds): no padding, wrapped and summarised as numeric
/// arrays are.
public enum ObjectArrayText {
    /// `str(array)`: `[b'a' b'bc']`; the word itself for a 0-d array.
    public static func str(words: [String], shape: [Int]) -> String {
        if shape.isEmpty { return words.first ?? "" }
        if words.isEmpty { return "[]" }
        var out: [UInt8] = []
        append(words: words, shape: shape, to: &out, separator: " ", prefixWidth: 0, lineWidth: PrintOptions.lineWidth)
        return String(decoding: out, as: UTF8.self)
    }

    /// `repr(array)`: `array([b'a', b'bc'], dtype=object)`, with `shape=` added for summarised
    /// arrays and the extras moved to their own line when they would pass the line width.
    public static func repr(words: [String], shape: [Int]) -> String {
        let prefix = "array("
        var out: [UInt8] = Array(prefix.utf8)
        if words.isEmpty {
            out.append(contentsOf: "[]".utf8)
        } else {
            // The closing parenthesis counts against the line width.
            append(words: words, shape: shape, to: &out, separator: ", ", prefixWidth: prefix.utf8.count, lineWidth: PrintOptions.lineWidth - 1)
        }
        var extras: [String] = []
        if (words.isEmpty && shape != [0]) || words.count > PrintOptions.threshold {
            extras.append("shape=" + Tensor.pythonTuple(shape))
        }
        extras.append("dtype=object")
        PrintOptions.appendReprExtras(extras, prefixWidth: prefix.utf8.count, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func append(words: [String], shape: [Int], to out: inout [UInt8], separator: String, prefixWidth: Int, lineWidth: Int) {
        let summarise = words.count > PrintOptions.threshold
        let shown = PrintOptions.shownIndices(shape: shape, summarise: summarise)
        let writer = WordWriter(words: shown.map { $0.map { words.indices.contains($0) ? words[$0] : "" } } ?? words)
        var layout = ArrayLayout(shape: shape, writer: writer, separator: separator, summarise: summarise)
        layout.render(into: &out, lineWidth: lineWidth, indent: 1 + prefixWidth)
    }
}

/// Writes each shown element's word as it is.
private struct WordWriter: ElementWriter {
    let words: [String]

    func write(_ position: Int, to out: inout [UInt8]) {
        if words.indices.contains(position) { out.append(contentsOf: words[position].utf8) }
    }
}
