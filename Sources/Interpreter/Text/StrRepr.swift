/// `repr(str)` and `ascii(str)` as CPython 3.11 writes them.
public enum StrRepr {
    /// `repr(text)`: single quotes unless the text has a single quote and no double quote;
    /// backslash escapes for the quote, `\\`, `\t`, `\n`, `\r` and non-printable code points;
    /// printable non-ASCII code points kept as they are.
    public static func repr(_ text: String) -> String {
        render(text, asciiOnly: false)
    }

    /// `ascii(text)`: like `repr`, with every non-ASCII code point escaped.
    public static func ascii(_ text: String) -> String {
        render(text, asciiOnly: true)
    }

    /// Whether CPython's `str.isprintable` holds for one code point: everything except
    /// the categories Cc, Cf, Cs, Co, Cn, Zl, Zp and Zs (but the space itself is printable).
    public static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 128 { return scalar.value >= 0x20 && scalar.value < 0x7F }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator, .spaceSeparator:
            return false
        default:
            return true
        }
    }

    private static func render(_ text: String, asciiOnly: Bool) -> String {
        var hasSingle = false
        var hasDouble = false
        for scalar in text.unicodeScalars {
            if scalar == "'" { hasSingle = true } else if scalar == "\"" { hasDouble = true }
        }
        let quote: Unicode.Scalar = hasSingle && !hasDouble ? "\"" : "'"
        var out = String.UnicodeScalarView()
        out.append(quote)
        for scalar in text.unicodeScalars {
            switch scalar {
            case quote, "\\":
                out.append("\\")
                out.append(scalar)
            case "\t": out.append(contentsOf: "\\t".unicodeScalars)
            case "\n": out.append(contentsOf: "\\n".unicodeScalars)
            case "\r": out.append(contentsOf: "\\r".unicodeScalars)
            default:
                if scalar.value >= 0x20 && scalar.value < 0x7F {
                    out.append(scalar)
                } else if scalar.value >= 0x80 && !asciiOnly && isPrintable(scalar) {
                    out.append(scalar)
                } else {
                    out.append(contentsOf: escape(scalar.value).unicodeScalars)
                }
            }
        }
        out.append(quote)
        return String(out)
    }

    /// `\xHH`, `\uHHHH` or `\UHHHHHHHH`, the shortest form that holds the code point.
    static func escape(_ value: UInt32) -> String {
        let hex = String(value, radix: 16)
        if value < 0x100 { return "\\x" + String(repeating: "0", count: 2 - hex.count) + hex }
        if value < 0x10000 { return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex }
        return "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
    }
}
