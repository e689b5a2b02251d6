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
