/// Python's text forms of a complex number: `repr`/`str`, `format(z, spec)` and
/// `complex(str)`, as CPython 3.11's `complexobject.c` and `formatter_unicode.c` make them.
public enum ComplexText {
    /// `repr(z)`: `2j`, `(1+2j)`, `(-0-1j)`, `(1.5+0j)`, `(inf+nanj)`. Parts use the shortest
    /// round-trip digits without a trailing `.0`; a real part of +0 is left out.
    public static func repr(real: Double, imag: Double) -> String {
        if real == 0 && real.sign == .plus { return part(imag, signed: false) + "j" }
        return "(" + part(real, signed: false) + part(imag, signed: true) + "j)"
    }

    private static func part(_ value: Double, signed: Bool) -> String {
        var flags = FloatRepr.Flags()
        flags.alwaysSign = signed
        let text = FloatRepr.string(value, code: .shortest, precision: 0, flags: flags)
        // CPython's Py_DTSF_SIGN gives NaN a plus sign too.
        if signed && value.isNaN { return "+" + text }
        return text
    }

    /// `format(z, spec)`.
    /// - Throws: `TextError` (ValueError) with CPython's message for a spec complex refuses.
    public static func format(real: Double, imag: Double, spec: String) throws -> String {
        if spec.isEmpty { return repr(real: real, imag: imag) }
        let parsed = try FormatSpec(parsing: spec, typeName: "complex", defaultType: nil, defaultAlign: ">")
        switch parsed.type {
        case nil, "e", "E", "f", "F", "g", "G", "n": break
        default: throw FormatSpec.unknownCode(parsed.type, "complex")
        }
        if parsed.fill == "0" { throw TextError.value("Zero padding is not allowed in complex format specifier") }
        if parsed.align == "=" { throw TextError.value("'=' alignment flag is not allowed in complex format specifier") }
        var partSpec = parsed
        partSpec.width = nil
        partSpec.fill = " "
        partSpec.align = "<"
        var skipReal = false, parentheses = false
        if parsed.type == nil {
            // Like str(z) unless a precision is given, which makes it 'g'.
            partSpec.type = parsed.precision == nil ? "r" : "g"
            if real == 0 && real.sign == .plus { skipReal = true } else { parentheses = true }
        }
        var body = ""
        if !skipReal {
            body = try TextFormat.float(real, partSpec)
            partSpec.sign = "+"
        }
        body += try TextFormat.float(imag, partSpec) + "j"
        if parentheses { body = "(" + body + ")" }
        try TextError.checkLength(parsed.width ?? 0)
        return TextFormat.pad(Array(body.unicodeScalars), width: parsed.width, align: parsed.align, fill: parsed.fill)
    }

    /// The text without its underscores, or nil when one is not between two digits
    /// (CPython's `_Py_string_to_number_with_underscores`).
    public static func removingUnderscores(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        guard bytes.contains(UInt8(ascii: "_")) else { return text }
        var kept: [UInt8] = []
        for (i, b) in bytes.enumerated() {
            if b == UInt8(ascii: "_") {
                guard i > 0, i + 1 < bytes.count, isDigit(bytes[i - 1]), isDigit(bytes[i + 1]) else { return nil }
            } else {
                kept.append(b)
            }
        }
        return String(decoding: kept, as: UTF8.self)
    }

    /// `complex(text)` once underscores are removed: `1+2j`, `-1.5e3-2J`, `(j)`, `inf-nanj`, with surrounding whitespace.
    /// Nil when the text is malformed.
    public static func parse(_ text: String) -> (real: Double, imag: Double)? {
        let bytes = Array(text.utf8)
        var i = 0
        func skipSpace() { while i < bytes.count && isSpace(bytes[i]) { i += 1 } }
        func at(_ c: Character) -> Bool { i < bytes.count && bytes[i] == c.asciiValue }
        func atJ() -> Bool { at("j") || at("J") }
        skipSpace()
        let bracket = at("(")
        if bracket {
            i += 1
            skipSpace()
        }
        var real = 0.0, imag = 0.0
        if let first = floatPrefix(bytes, &i) {
            if at("+") || at("-") {
                real = first
                if let second = floatPrefix(bytes, &i) {
                    imag = second
                } else {
                    imag = at("+") ? 1 : -1
                    i += 1
                }
                guard atJ() else { return nil }
                i += 1
            } else if atJ() {
                imag = first
                i += 1
            } else {
                real = first
            }
        } else {
            if at("+") || at("-") {
                imag = at("+") ? 1 : -1
                i += 1
            } else {
                imag = 1
            }
            guard atJ() else { return nil }
            i += 1
        }
        skipSpace()
        if bracket {
            guard at(")") else { return nil }
            i += 1
            skipSpace()
        }
        return i == bytes.count ? (real, imag) : nil
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }

    /// The longest float at `i` (`PyOS_string_to_double` with an end pointer), moving `i` past it.
    private static func floatPrefix(_ bytes: [UInt8], _ i: inout Int) -> Double? {
        var j = i
        if j < bytes.count && (bytes[j] == UInt8(ascii: "+") || bytes[j] == UInt8(ascii: "-")) { j += 1 }
        for word in ["infinity", "inf", "nan"] {
            let w = Array(word.utf8)
            if j + w.count <= bytes.count && zip(bytes[j..<j + w.count], w).allSatisfy({ $0 | 0x20 == $1 }) {
                j += w.count
                return finish(bytes, &i, j)
            }
        }
        var digits = 0
        while j < bytes.count && isDigit(bytes[j]) { j += 1; digits += 1 }
        if j < bytes.count && bytes[j] == UInt8(ascii: ".") {
            j += 1
            while j < bytes.count && isDigit(bytes[j]) { j += 1; digits += 1 }
        }
        guard digits > 0 else { return nil }
        if j < bytes.count && bytes[j] | 0x20 == UInt8(ascii: "e") {
            var k = j + 1
            if k < bytes.count && (bytes[k] == UInt8(ascii: "+") || bytes[k] == UInt8(ascii: "-")) { k += 1 }
            if k < bytes.count && isDigit(bytes[k]) {
                while k < bytes.count && isDigit(bytes[k]) { k += 1 }
                j = k
            }
        }
        return finish(bytes, &i, j)
    }

    private static func finish(_ bytes: [UInt8], _ i: inout Int, _ end: Int) -> Double? {
        guard let value = Double(String(decoding: bytes[i..<end], as: UTF8.self)) else { return nil }
        i = end
        return value
    }
}
