extension Tensor {
    /// numpy 2's `str(array)` (what `print` shows) with the default print options:
    /// `[[8. 8.]\n [8. 8.]]`, `[]` for any empty array, and the scalar's text (`108.0`) for a
    /// 0-d array.
    public func numpyStr() -> String {
        if shape.isEmpty { return numpyScalarStr() }
        if count == 0 { return "[]" }
        var out: [UInt8] = []
        out.reserveCapacity(16 &* Swift.min(count, 64))
        appendArrayText(to: &out, separator: " ", prefixWidth: 0, lineWidth: PrintOptions.lineWidth)
        return String(decoding: out, as: UTF8.self)
    }

    /// numpy 2's `repr(array)`: `array([1, 2, 3], dtype=int32)`, with `dtype=` left out for
    /// int64, float64 and bool, `shape=` added for empty and summarised arrays, and the extras
    /// moved to their own line when they would pass the line width.
    public func numpyRepr() -> String {
        let prefix = "array("
        var out: [UInt8] = []
        out.reserveCapacity(32 &+ 16 &* Swift.min(count, 64))
        out.append(contentsOf: prefix.utf8)
        if count == 0 {
            out.append(contentsOf: "[]".utf8)
        } else {
            // The closing parenthesis counts against the line width.
            appendArrayText(to: &out, separator: ", ", prefixWidth: prefix.utf8.count, lineWidth: PrintOptions.lineWidth - 1)
        }
        var extras: [String] = []
        if (count == 0 && shape != [0]) || count > PrintOptions.threshold {
            extras.append("shape=" + Self.pythonTuple(shape))
        }
        if dtype == .float32 || dtype == .int32 || count == 0 {
            extras.append("dtype=\(dtype.rawValue)")
        }
        if extras.isEmpty {
            out.append(UInt8(ascii: ")"))
            return String(decoding: out, as: UTF8.self)
        }
        PrintOptions.appendReprExtras(extras, prefixWidth: prefix.utf8.count, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// numpy 2's `str` of the scalar a 0-d array holds (`3.0`, `5`, `True`); for other ranks the
    /// same as `numpyStr()`.
    public func numpyScalarStr() -> String {
        guard shape.isEmpty else { return numpyStr() }
        switch storage {
        case .bool(let values): return values.first.map { $0 ? "True" : "False" } ?? ""
        case .int32(let values): return values.first.map { String($0) } ?? ""
        case .int64(let values): return values.first.map { String($0) } ?? ""
        case .float32(let values): return values.first.map { FloatText.shortest($0) } ?? ""
        case .float64(let values): return values.first.map { FloatText.shortest($0) } ?? ""
        }
    }

    /// numpy 2's `repr` of the scalar a 0-d array holds (`np.float32(3.0)`, `np.int64(5)`,
    /// `np.True_`); for other ranks the same as `numpyRepr()`.
    public func numpyScalarRepr() -> String {
        guard shape.isEmpty else { return numpyRepr() }
        if case .bool(let values) = storage {
            return (values.first ?? false) ? "np.True_" : "np.False_"
        }
        return "np.\(dtype.rawValue)(\(numpyScalarStr()))"
    }

    /// Appends the bracketed elements of a non-empty array (or the one element of a 0-d
    /// array) to `out`, which holds only the `prefixWidth` characters of the prefix.
    private func appendArrayText(to out: inout [UInt8], separator: String, prefixWidth: Int, lineWidth: Int) {
        let summarise = count > PrintOptions.threshold
        let shown = PrintOptions.shownIndices(shape: shape, summarise: summarise)
        // Continuation lines line up after `[` and the prefix.
        let indent = 1 + prefixWidth
        func render<W: ElementWriter>(_ writer: W) {
            var layout = ArrayLayout(shape: shape, writer: writer, separator: separator, summarise: summarise)
            layout.render(into: &out, lineWidth: lineWidth, indent: indent)
        }
        switch storage {
        case .bool(let values): render(BoolWriter(values: values, shown: shown, scalar: shape.isEmpty))
        case .int32(let values): render(IntegerWriter(values, shown: shown))
        case .int64(let values): render(IntegerWriter(values, shown: shown))
        case .float32(let values): render(FloatWriter(values, shown: shown))
        case .float64(let values): render(FloatWriter(values, shown: shown))
        }
    }

    /// Python's tuple text: `(2000,)`, `(2, 0)`.
    static func pythonTuple(_ values: [Int]) -> String {
        if values.count == 1 { return "(\(values[0]),)" }
        return "(" + values.map(String.init).joined(separator: ", ") + ")"
    }
}
