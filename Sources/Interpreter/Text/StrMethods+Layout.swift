extension StrMethods {
    /// `s.center(width, fillchar)`, splitting odd padding as CPython does.
    /// - Throws: `TextError` (TypeError) when `fill` is not exactly one character.
    public static func center(_ text: String, _ width: Int, fill: String = " ") throws -> String {
        let fillScalar = try fillCharacter(fill)
        try TextError.checkLength(width)
        let scalars = Array(text.unicodeScalars)
        guard width > scalars.count else { return text }
        let margin = width - scalars.count
        let left = margin / 2 + (margin & width & 1)
        return padded(scalars, left: left, right: margin - left, fill: fillScalar)
    }

    /// `s.ljust(width, fillchar)`.
    /// - Throws: `TextError` (TypeError) when `fill` is not exactly one character.
    public static func ljust(_ text: String, _ width: Int, fill: String = " ") throws -> String {
        let fillScalar = try fillCharacter(fill)
        try TextError.checkLength(width)
        let scalars = Array(text.unicodeScalars)
        guard width > scalars.count else { return text }
        return padded(scalars, left: 0, right: width - scalars.count, fill: fillScalar)
    }

    /// `s.rjust(width, fillchar)`.
    /// - Throws: `TextError` (TypeError) when `fill` is not exactly one character.
    public static func rjust(_ text: String, _ width: Int, fill: String = " ") throws -> String {
        let fillScalar = try fillCharacter(fill)
        try TextError.checkLength(width)
        let scalars = Array(text.unicodeScalars)
        guard width > scalars.count else { return text }
        return padded(scalars, left: width - scalars.count, right: 0, fill: fillScalar)
    }

    /// `s.zfill(width)`: zeros after a leading sign.
    /// - Throws: `TextError` (MemoryError) for a width beyond `TextError.maxResultLength`.
    public static func zfill(_ text: String, _ width: Int) throws -> String {
        try TextError.checkLength(width)
        var scalars = Array(text.unicodeScalars)
        guard width > scalars.count else { return text }
        let fill = width - scalars.count
        var result = Array(repeating: Unicode.Scalar("0"), count: fill) + scalars
        if let first = scalars.first, first == "+" || first == "-" {
            result[0] = first
            result[fill] = "0"
        }
        scalars = result
        return string(scalars)
    }

    /// `s.expandtabs(tabsize)`: the column restarts after `\n` and `\r`.
    /// - Throws: `TextError` (MemoryError) when the result would exceed `TextError.maxResultLength`.
    public static func expandTabs(_ text: String, tabSize: Int = 8) throws -> String {
        var out = String.UnicodeScalarView()
        var column = 0
        var total = 0
        for scalar in text.unicodeScalars {
            if scalar == "\t" {
                if tabSize > 0 {
                    let spaces = tabSize - column % tabSize
                    total += spaces
                    try TextError.checkLength(total)
                    out.append(contentsOf: repeatElement(Unicode.Scalar(" "), count: spaces))
                    column += spaces
                }
            } else {
                out.append(scalar)
                column += 1
                total += 1
                if scalar == "\n" || scalar == "\r" { column = 0 }
            }
        }
        return String(out)
    }

    private static func fillCharacter(_ fill: String) throws -> Unicode.Scalar {
        var iterator = fill.unicodeScalars.makeIterator()
        guard let first = iterator.next(), iterator.next() == nil else {
            throw TextError.type("The fill character must be exactly one character long")
        }
        return first
    }

    private static func padded(_ scalars: [Unicode.Scalar], left: Int, right: Int, fill: Unicode.Scalar) -> String {
        var out = String.UnicodeScalarView()
        out.append(contentsOf: repeatElement(fill, count: left))
        out.append(contentsOf: scalars)
        out.append(contentsOf: repeatElement(fill, count: right))
        return String(out)
    }
}

/// Python slice arithmetic (`PySlice_AdjustIndices`) and slicing of code-point arrays.
public enum SliceIndices {
    /// Resolves optional start/stop and a step against `length` into concrete bounds
    /// and the number of selected items.
    /// - Throws: `TextError` (ValueError) `slice step cannot be zero`.
    public static func indices(start: Int?, stop: Int?, step: Int?, length: Int) throws -> (start: Int, stop: Int, step: Int, count: Int) {
        let step = step ?? 1
        if step == 0 { throw TextError.value("slice step cannot be zero") }
        // Clamp so that arithmetic below cannot overflow (CPython clamps to ±PY_SSIZE_T_MAX).
        let step2 = max(step, -Int.max)
        func adjust(_ value: Int?, defaultValue: Int, lowest: Int, highest: Int) -> Int {
            guard var value else { return defaultValue }
            if value < 0 {
                value = value &+ length
                if value < 0 { value = lowest }
            } else if value >= length {
                value = highest
            }
            return value
        }
        let lower = step2 < 0 ? -1 : 0
        let upper = step2 < 0 ? length - 1 : length
        let first = adjust(start, defaultValue: step2 < 0 ? upper : lower, lowest: lower, highest: upper)
        let last = adjust(stop, defaultValue: step2 < 0 ? lower : upper, lowest: lower, highest: upper)
        var count = 0
        if step2 < 0 {
            if last < first { count = (first - last - 1) / (-step2) + 1 }
        } else if first < last {
            count = (last - first - 1) / step2 + 1
        }
        return (first, last, step2, count)
    }

    /// `items[start:stop:step]`.
    /// - Throws: `TextError` (ValueError) `slice step cannot be zero`.
    public static func slice<T>(_ items: [T], start: Int?, stop: Int?, step: Int?) throws -> [T] {
        let bounds = try indices(start: start, stop: stop, step: step, length: items.count)
        if bounds.step == 1 { return bounds.count > 0 ? Array(items[bounds.start..<(bounds.start + bounds.count)]) : [] }
        var result: [T] = []
        result.reserveCapacity(bounds.count)
        var index = bounds.start
        for _ in 0..<bounds.count {
            result.append(items[index])
            index &+= bounds.step  // wraps only after the last item is taken
        }
        return result
    }

    /// `text[start:stop:step]`, counting code points.
    /// - Throws: `TextError` (ValueError) `slice step cannot be zero`.
    public static func slice(_ text: String, start: Int?, stop: Int?, step: Int?) throws -> String {
        StrMethods.string(try slice(Array(text.unicodeScalars), start: start, stop: stop, step: step))
    }
}
