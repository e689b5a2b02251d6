/// numpy's print options at their defaults.
enum PrintOptions {
    /// Arrays with more elements than this are summarised.
    static let threshold = 1000
    /// Items kept at each edge of a summarised axis.
    static let edgeItems = 3
    static let lineWidth = 75
}

/// numpy's `_formatArray` (legacy=False): nests pre-formatted elements in brackets, wrapping
/// rows at the line width and separating blocks of higher axes with blank lines.
struct ArrayLayout {
    let shape: [Int]
    let texts: ElementTexts
    /// `" "` for `str`, `", "` for `repr`.
    let separator: [UInt8]
    let summarise: Bool
    private var next = 0

    init(shape: [Int], texts: ElementTexts, separator: String, summarise: Bool) {
        self.shape = shape
        self.texts = texts
        self.separator = Array(separator.utf8)
        self.summarise = summarise
    }

    /// The flat indices of the elements shown, in display order: all of them, or when
    /// summarising only the first and last `edgeItems` along every longer axis.
    static func shownIndices(shape: [Int], summarise: Bool) -> [Int] {
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
            if summarise && length > 2 * edge {
                for i in 0..<edge { visit(axis: axis + 1, base: base &+ i &* strides[axis]) }
                for i in (length - edge)..<length { visit(axis: axis + 1, base: base &+ i &* strides[axis]) }
            } else {
                for i in 0..<length { visit(axis: axis + 1, base: base &+ i &* strides[axis]) }
            }
        }
        visit(axis: 0, base: 0)
        return indices
    }

    /// The bracketed text; continuation lines start with `indent` spaces.
    mutating func render(lineWidth: Int, indent: Int) -> [UInt8] {
        next = 0
        if shape.isEmpty {
            return texts.count > 0 ? Array(texts.bytes[texts.range(of: 0)]) : []
        }
        return recurse(axis: 0, hangingIndent: indent, width: lineWidth)
    }

    private mutating func recurse(axis: Int, hangingIndent: Int, width: Int) -> [UInt8] {
        let axesLeft = shape.count - axis
        let length = shape[axis]
        let edge = PrintOptions.edgeItems
        let showSummary = summarise && 2 * edge < length
        let leading = showSummary ? edge : 0
        let trailing = showSummary ? edge : length
        var s: [UInt8] = []

        if axesLeft == 1 {
            // The room up to the separator or the closing bracket.
            let elementWidth = width - max(trimmedSeparatorCount, 1)
            var line = [UInt8](repeating: UInt8(ascii: " "), count: hangingIndent)
            for _ in 0..<leading {
                extendLine(&s, &line, nextWord(), elementWidth, hangingIndent)
                line.append(contentsOf: separator)
            }
            if showSummary {
                extendLine(&s, &line, Array("...".utf8)[...], elementWidth, hangingIndent)
                line.append(contentsOf: separator)
            }
            if trailing > 1 {
                for _ in 1..<trailing {
                    extendLine(&s, &line, nextWord(), elementWidth, hangingIndent)
                    line.append(contentsOf: separator)
                }
            }
            extendLine(&s, &line, nextWord(), elementWidth, hangingIndent)
            s.append(contentsOf: line)
        } else {
            var lineSeparator = Array(separator.prefix(trimmedSeparatorCount))
            lineSeparator.append(contentsOf: repeatElement(UInt8(ascii: "\n"), count: axesLeft - 1))
            let nestedIndent = hangingIndent + 1
            let nestedWidth = width - 1
            for _ in 0..<leading {
                s.append(contentsOf: repeatElement(UInt8(ascii: " "), count: hangingIndent))
                s.append(contentsOf: recurse(axis: axis + 1, hangingIndent: nestedIndent, width: nestedWidth))
                s.append(contentsOf: lineSeparator)
            }
            if showSummary {
                s.append(contentsOf: repeatElement(UInt8(ascii: " "), count: hangingIndent))
                s.append(contentsOf: "...".utf8)
                s.append(contentsOf: lineSeparator)
            }
            if trailing > 1 {
                for _ in 1..<trailing {
                    s.append(contentsOf: repeatElement(UInt8(ascii: " "), count: hangingIndent))
                    s.append(contentsOf: recurse(axis: axis + 1, hangingIndent: nestedIndent, width: nestedWidth))
                    s.append(contentsOf: lineSeparator)
                }
            }
            s.append(contentsOf: repeatElement(UInt8(ascii: " "), count: hangingIndent))
            s.append(contentsOf: recurse(axis: axis + 1, hangingIndent: nestedIndent, width: nestedWidth))
        }

        var result: [UInt8] = []
        result.reserveCapacity(s.count - hangingIndent + 2)
        result.append(UInt8(ascii: "["))
        result.append(contentsOf: s.dropFirst(hangingIndent))
        result.append(UInt8(ascii: "]"))
        return result
    }

    private var trimmedSeparatorCount: Int {
        var count = separator.count
        while count > 0 && separator[count - 1] == UInt8(ascii: " ") { count -= 1 }
        return count
    }

    private mutating func nextWord() -> ArraySlice<UInt8> {
        guard next < texts.count else { return [] }
        let range = texts.range(of: next)
        next += 1
        return texts.bytes[range]
    }

    /// numpy's `_extendLine`: starts a new line when the word would pass `width`, unless the
    /// line holds nothing but its indent (wrapping would not help).
    private func extendLine(
        _ s: inout [UInt8], _ line: inout [UInt8], _ word: ArraySlice<UInt8>, _ width: Int, _ indent: Int
    ) {
        if line.count + word.count > width && line.count > indent {
            var end = line.count
            while end > 0 && line[end - 1] == UInt8(ascii: " ") { end -= 1 }
            s.append(contentsOf: line[..<end])
            s.append(UInt8(ascii: "\n"))
            line.removeAll(keepingCapacity: true)
            line.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent))
        }
        line.append(contentsOf: word)
    }
}
