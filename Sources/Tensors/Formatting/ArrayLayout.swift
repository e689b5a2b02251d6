/// numpy's print options at their defaults.
enum PrintOptions {
    /// Arrays with more elements than this are summarised.
    static let threshold = 1000
    /// Items kept at each edge of a summarised axis.
    static let edgeItems = 3
    static let lineWidth = 75

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
    private var word: [UInt8] = []

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
                nextWord()
                extendLine(&out, elementWidth, hangingIndent)
                out.append(contentsOf: separator)
            }
            if showSummary {
                word.removeAll(keepingCapacity: true)
                word.append(contentsOf: "...".utf8)
                extendLine(&out, elementWidth, hangingIndent)
                out.append(contentsOf: separator)
            }
            for index in 0..<trailing {
                nextWord()
                extendLine(&out, elementWidth, hangingIndent)
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

    private mutating func nextWord() {
        word.removeAll(keepingCapacity: true)
        writer.write(next, to: &word)
        next += 1
    }

    /// numpy's `_extendLine`: starts a new line when the word would pass `width`, unless the
    /// line holds nothing but its indent (wrapping would not help).
    private mutating func extendLine(_ out: inout [UInt8], _ width: Int, _ indent: Int) {
        let column = out.count - lineStart
        if column + word.count > width && column > indent {
            while let last = out.last, last == UInt8(ascii: " ") { out.removeLast() }
            out.append(UInt8(ascii: "\n"))
            lineStart = out.count
            out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent))
        }
        out.append(contentsOf: word)
    }
}
