/// numpy's print options at their defaults.
enum PrintOptions {
    /// Arrays with more elements than this are summarised.
    static let threshold = 1000
    /// Items kept at each edge of a summarised axis.
    static let edgeItems = 3
    static let lineWidth = 75

    /// Closes a repr whose array text is in `out` with `, shape=…, dtype=…)`: on the same line when
    /// it fits the line width, else on a new line indented under the array.
    static func appendReprExtras(_ extras: [String], prefixWidth: Int, to out: inout [UInt8]) {
        out.append(UInt8(ascii: ","))
        let extraText = extras.joined(separator: ", ") + ")"
        let lastLineStart = (out.lastIndex(of: UInt8(ascii: "\n")) ?? -1) + 1
        if out.count - lastLineStart + extraText.utf8.count + 1 > lineWidth {
            out.append(UInt8(ascii: "\n"))
            out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: prefixWidth))
        } else {
            out.append(UInt8(ascii: " "))
        }
        out.append(contentsOf: extraText.utf8)
    }

    /// The flat indices of the elements shown when summarising: the first and last
    /// `edgeItems` along every longer axis, in display order; nil when all show.
    static func shownIndices(shape: [Int], summarise: Bool) -> ShownIndices {
        guard summarise else { return nil }
        var strides = [Int](repeating: 1, count: shape.count)
        var stride = 1
        for axis in shape.indices.reversed() {
            strides[axis] = stride
            stride = stride &* shape[axis]
        }
        var indices: [Int] = []
        func visit(axis: Int, base: Int) {
            if axis == shape.count {
                indices.append(base)
                return
            }
            let length = shape[axis]
            let edge = PrintOptions.edgeItems
            if length > 2 * edge {
                for i in 0..<edge { visit(axis: axis + 1, base: base &+ i &* strides[axis]) }
                for i in (length - edge)..<length { visit(axis: axis + 1, base: base &+ i &* strides[axis]) }
            } else {
                for i in 0..<length { visit(axis: axis + 1, base: base &+ i &* strides[axis]) }
            }
        }
        visit(axis: 0, base: 0)
        return indices
    }
}

/// numpy's `_formatArray` (legacy=False): nests the elements in brackets, wrapping rows at the
/// line width and separating blocks of higher axes with blank lines.
///
/// numpy builds each level's text with a hanging indent and then swaps the indent of its first
/// line for `[`; the brackets already written stand exactly where that indent was, so a line's
/// length in numpy's terms is its column in the output, and the text is written straight into
/// one buffer.
struct ArrayLayout<Writer: ElementWriter> {
    let shape: [Int]
    let writer: Writer
    /// `" "` for `str`, `", "` for `repr`.
    let separator: [UInt8]
    let summarise: Bool
    private var trimmedSeparator: ArraySlice<UInt8>
    private var next = 0
    private var lineStart = 0

    init(shape: [Int], writer: Writer, separator: String, summarise: Bool) {
        self.shape = shape
        self.writer = writer
        self.separator = Array(separator.utf8)
        self.summarise = summarise
        var end = self.separator.count
        while end > 0 && self.separator[end - 1] == UInt8(ascii: " ") { end -= 1 }
        trimmedSeparator = self.separator[..<end]
    }

    /// Appends the bracketed text to `out`, whose current line is taken to be as long as the
    /// continuation indent (`[` plus any `array(` prefix already written).
    mutating func render(into out: inout [UInt8], lineWidth: Int, indent: Int) {
        next = 0
        lineStart = out.count + 1 - indent
        if shape.isEmpty {
            writer.write(0, to: &out)
            return
        }
        recurse(axis: 0, hangingIndent: indent, width: lineWidth, into: &out)
    }

    private mutating func recurse(axis: Int, hangingIndent: Int, width: Int, into out: inout [UInt8]) {
        let axesLeft = shape.count - axis
        let length = shape[axis]
        let edge = PrintOptions.edgeItems
        let showSummary = summarise && 2 * edge < length
        let leading = showSummary ? edge : 0
        let trailing = showSummary ? edge : length
        out.append(UInt8(ascii: "["))

        if axesLeft == 1 {
            // The room up to the separator or the closing bracket.
            let elementWidth = width - max(trimmedSeparator.count, 1)
            for _ in 0..<leading {
                let start = out.count
                writer.write(next, to: &out)
                next += 1
                wrapWord(startingAt: start, in: &out, elementWidth, hangingIndent)
                out.append(contentsOf: separator)
            }
            if showSummary {
                let start = out.count
                out.append(contentsOf: "...".utf8)
                wrapWord(startingAt: start, in: &out, elementWidth, hangingIndent)
                out.append(contentsOf: separator)
            }
            for index in 0..<trailing {
                let start = out.count
                writer.write(next, to: &out)
                next += 1
                wrapWord(startingAt: start, in: &out, elementWidth, hangingIndent)
                if index < trailing - 1 { out.append(contentsOf: separator) }
            }
        } else {
            let nestedIndent = hangingIndent + 1
            let nestedWidth = width - 1
            for index in 0..<leading {
                if index > 0 { startRow(&out, hangingIndent: hangingIndent, blankLines: axesLeft - 2) }
                recurse(axis: axis + 1, hangingIndent: nestedIndent, width: nestedWidth, into: &out)
            }
            if showSummary {
                startRow(&out, hangingIndent: hangingIndent, blankLines: axesLeft - 2)
                out.append(contentsOf: "...".utf8)
            }
            for index in 0..<trailing {
                if index > 0 || leading > 0 { startRow(&out, hangingIndent: hangingIndent, blankLines: axesLeft - 2) }
                recurse(axis: axis + 1, hangingIndent: nestedIndent, width: nestedWidth, into: &out)
            }
        }
        out.append(UInt8(ascii: "]"))
    }

    /// Ends the previous item of a higher axis with the separator and a line break (plus a
    /// blank line per further axis) and indents the next.
    private mutating func startRow(_ out: inout [UInt8], hangingIndent: Int, blankLines: Int) {
        out.append(contentsOf: trimmedSeparator)
        out.append(UInt8(ascii: "\n"))
        for _ in 0..<blankLines { out.append(UInt8(ascii: "\n")) }
        lineStart = out.count
        for _ in 0..<hangingIndent { out.append(UInt8(ascii: " ")) }
    }

    /// numpy's `_extendLine` for the word just written at `start`: moves it to a new line when
    /// it passes `width`, unless the line held nothing but its indent before it (wrapping would
    /// not help).
    private mutating func wrapWord(startingAt start: Int, in out: inout [UInt8], _ width: Int, _ indent: Int) {
        let column = start - lineStart
        guard column + (out.count - start) > width && column > indent else { return }
        var end = start
        while end > lineStart && out[end - 1] == UInt8(ascii: " ") { end -= 1 }
        var breakText: [UInt8] = [UInt8(ascii: "\n")]
        breakText.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent))
        out.replaceSubrange(end..<start, with: breakText)
        lineStart = end + 1
    }
}
