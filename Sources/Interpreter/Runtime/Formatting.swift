import BigInt

extension PyError {
    /// The Python exception for an error of the text algorithms.
    init(_ error: TextError) {
        switch error.kind {
        case .valueError: self = .value(error.message)
        case .typeError: self = .type(error.message)
        case .overflowError: self = .overflow(error.message)
        case .indexError: self = .index(error.message)
        case .keyError: self = .key(.string(error.message))
        }
    }
}

/// Runs a text algorithm, turning its error into the Python exception it names.
func text<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let e as TextError {
        throw PyError(e)
    }
}

enum FloatFormatting {
    static func repr(_ d: Double) -> String { FloatRepr.repr(d) }
}

enum IntFormatting {
    /// CPython 3.11's limit on int/str conversions (`sys.get_int_max_str_digits()`).
    static let maxDigits = 4300

    static func decimal(_ b: BigInt) throws -> String {
        if b.magnitude.bitWidth > 14_300 {
            throw PyError.value("Exceeds the limit (\(maxDigits) digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit")
        }
        let s = String(b)
        if s.count - (b.sign == .minus ? 1 : 0) > maxDigits {
            throw PyError.value("Exceeds the limit (\(maxDigits) digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit")
        }
        return s
    }
}

enum StringFormatting {
    /// `repr(str)`: CPython's choice of quotes and escapes.
    static func repr(_ s: String) -> String {
        let quote: Character = s.contains("'") && !s.contains("\"") ? "\"" : "'"
        var out = String(quote)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if Character(scalar) == quote {
                    out += "\\" + String(quote)
                } else if isPrintable(scalar) {
                    out.unicodeScalars.append(scalar)
                } else {
                    out += escape(scalar)
                }
            }
        }
        out.append(quote)
        return out
    }

    static func escape(_ scalar: Unicode.Scalar) -> String {
        let v = scalar.value
        if v < 0x100 { return "\\x" + String(v, radix: 16).leftPadded(to: 2) }
        if v < 0x10000 { return "\\u" + String(v, radix: 16).leftPadded(to: 4) }
        return "\\U" + String(v, radix: 16).leftPadded(to: 8)
    }

    /// Python's `str.isprintable` for one code point.
    static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return scalar.value >= 0x20 && scalar.value != 0x7f }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator, .spaceSeparator:
            return false
        default:
            return true
        }
    }

    /// `ascii()`: the repr with every non-ASCII code point escaped.
    static func ascii(_ repr: String) -> String {
        var out = ""
        for scalar in repr.unicodeScalars {
            if scalar.value < 0x80 { out.unicodeScalars.append(scalar) } else { out += escape(scalar) }
        }
        return out
    }
}

enum FormatSpecFormatting {
    /// `format(value, spec)` for builtin values with a non-empty spec.
    static func format(_ value: Value, _ spec: String, _ interp: Interpreter) throws -> String {
        switch value {
        case .int(let i): return try text { try TextFormat.int(i, spec: spec) }
        case .bool(let b): return try text { try TextFormat.bool(b, spec: spec) }
        case .float(let d): return try text { try TextFormat.float(d, spec: spec) }
        case .str(let s): return try text { try TextFormat.string(s.value, spec: spec) }
        case .object(let o):
            if let b = o as? PyBigInt { return try text { try TextFormat.int(b.value, spec: spec) } }
        default: break
        }
        throw PyError.type("unsupported format string passed to \(value.typeName).__format__")
    }
}
