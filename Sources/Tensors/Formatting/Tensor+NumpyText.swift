extension Tensor {
    /// numpy 2's `str(array)` (what `print` shows) with the default print options:
    /// `[[8. 8.]\n [8. 8.]]`, `[]` for any empty array, and the scalar's text (`108.0`) for a
    /// 0-d array.
    public func numpyStr() -> String {
        if shape.isEmpty { return numpyScalarStr() }
        if count == 0 { return "[]" }
        return String(decoding: arrayText(separator: " ", prefixWidth: 0, lineWidth: PrintOptions.lineWidth), as: UTF8.self)
    }

    /// numpy 2's `repr(array)`: `array([1, 2, 3], dtype=int32)`, with `dtype=` left out for
    /// int64, float64 and bool, `shape=` added for empty and summarised arrays, and the extras
    /// moved to their own line when they would pass the line width.
    public func numpyRepr() -> String {
        let prefix = "array("
        var out = Array(prefix.utf8)
        if count == 0 {
            out.append(contentsOf: "[]".utf8)
        } else {
            // The closing parenthesis counts against the line width.
            out.append(contentsOf: arrayText(separator: ", ", prefixWidth: prefix.utf8.count, lineWidth: PrintOptions.lineWidth - 1))
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
        out.append(UInt8(ascii: ","))
        let extraText = extras.joined(separator: ", ") + ")"
        let lastLineStart = (out.lastIndex(of: UInt8(ascii: "\n")) ?? -1) + 1
        if out.count - lastLineStart + extraText.utf8.count + 1 > PrintOptions.lineWidth {
            out.append(UInt8(ascii: "\n"))
            out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: prefix.utf8.count))
        } else {
            out.append(UInt8(ascii: " "))
        }
        out.append(contentsOf: extraText.utf8)
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

    /// The bracketed elements of a non-empty array (or the one element of a 0-d array).
    private func arrayText(separator: String, prefixWidth: Int, lineWidth: Int) -> [UInt8] {
        let summarise = count > PrintOptions.threshold
        let indices = ArrayLayout.shownIndices(shape: shape, summarise: summarise)
        let texts: ElementTexts
        switch storage {
        case .bool(let values): texts = .bools(values, at: indices, scalar: shape.isEmpty)
        case .int32(let values): texts = .integers(values, at: indices)
        case .int64(let values): texts = .integers(values, at: indices)
        case .float32(let values): texts = .floats(values, at: indices)
        case .float64(let values): texts = .floats(values, at: indices)
        }
        var layout = ArrayLayout(shape: shape, texts: texts, separator: separator, summarise: summarise)
        // Continuation lines line up after `[` and the `array(` prefix.
        return layout.render(lineWidth: lineWidth, indent: 1 + prefixWidth)
    }

    /// Python's tuple text: `(2000,)`, `(2, 0)`.
    static func pythonTuple(_ values: [Int]) -> String {
        if values.count == 1 { return "(\(values[0]),)" }
        return "(" + values.map(String.init).joined(separator: ", ") + ")"
    }
}
