import BigInt

/// `format(value, spec)` for the builtin value types, exactly as CPython 3.11's
/// `Python/formatter_unicode.c` renders them.
public enum TextFormat {
    /// `format(value, spec)` for an `int` (or a subclass named `typeName`).
    public static func int<T: BinaryInteger>(_ value: T, spec: String, typeName: String = "int") throws -> String {
        if spec.isEmpty { return String(value) }
        let parsed = try FormatSpec(parsing: spec, typeName: typeName, defaultType: "d", defaultAlign: ">")
        switch parsed.type {
        case "b", "c", "d", "o", "x", "X", "n":
            return try integer(value, parsed)
        case "e", "E", "f", "F", "g", "G", "%":
            guard let converted = Double(exactly: value) ?? Double(exactlyRounded: value) else {
                throw TextError.overflow("int too large to convert to float")
            }
            return try float(converted, parsed)
        default:
            throw FormatSpec.unknownCode(parsed.type, typeName)
        }
    }

    /// `format(value, spec)` for a `bool`: its name with an empty spec, else as the int 0 or 1.
    public static func bool(_ value: Bool, spec: String) throws -> String {
        if spec.isEmpty { return value ? "True" : "False" }
        return try int(value ? 1 : 0, spec: spec, typeName: "bool")
    }

    /// `format(value, spec)` for a `float`.
    public static func float(_ value: Double, spec: String, typeName: String = "float") throws -> String {
        if spec.isEmpty { return FloatRepr.repr(value) }
        let parsed = try FormatSpec(parsing: spec, typeName: typeName, defaultType: nil, defaultAlign: ">")
        switch parsed.type {
        case nil, "e", "E", "f", "F", "g", "G", "n", "%":
            return try float(value, parsed)
        default:
            throw FormatSpec.unknownCode(parsed.type, typeName)
        }
    }

    /// `format(value, spec)` for a `str`.
    public static func string(_ value: String, spec: String, typeName: String = "str") throws -> String {
        if spec.isEmpty { return value }
        let parsed = try FormatSpec(parsing: spec, typeName: typeName, defaultType: "s", defaultAlign: "<")
        guard parsed.type == "s" else { throw FormatSpec.unknownCode(parsed.type, typeName) }
        if let sign = parsed.sign {
            throw TextError.value(sign == " " ? "Space not allowed in string format specifier" : "Sign not allowed in string format specifier")
        }
        if parsed.noNegativeZero { throw TextError.value("Negative zero coercion (z) not allowed in string format specifier") }
        if parsed.alternate { throw TextError.value("Alternate form (#) not allowed in string format specifier") }
        if parsed.align == "=" { throw TextError.value("'=' alignment not allowed in string format specifier") }
        var scalars = Array(value.unicodeScalars)
        if let precision = parsed.precision, scalars.count > precision { scalars = Array(scalars[0..<precision]) }
        return pad(scalars, width: parsed.width, align: parsed.align, fill: parsed.fill)
    }

    // MARK: - Integers

    static func integer<T: BinaryInteger>(_ value: T, _ spec: FormatSpec) throws -> String {
        if spec.precision != nil { throw TextError.value("Precision not allowed in integer format specifier") }
        if spec.noNegativeZero { throw TextError.value("Negative zero coercion (z) not allowed in integer format specifier") }
        if spec.type == "c" {
            if spec.sign != nil { throw TextError.value("Sign not allowed with integer format specifier 'c'") }
            if spec.alternate { throw TextError.value("Alternate form (#) not allowed with integer format specifier 'c'") }
            guard Int64(exactly: value) != nil else { throw TextError.overflow("Python int too large to convert to C long") }
            guard value >= 0, value <= 0x10FFFF, let scalar = Unicode.Scalar(UInt32(value)) ?? surrogate(UInt32(value)) else {
                throw TextError.overflow("%c arg not in range(0x110000)")
            }
            return number(sign: nil, prefix: "", digits: "", remainder: String(Character(scalar)), spec: spec)
        }
        var base = 10
        var prefix = ""
        switch spec.type {
        case "b": base = 2; prefix = "0b"
        case "o": base = 8; prefix = "0o"
        case "x": base = 16; prefix = "0x"
        case "X": base = 16; prefix = "0X"
        default: break
        }
        var digits = String(value.magnitude, radix: base)
        if spec.type == "X" { digits = digits.uppercased() }
        return number(sign: value < 0 ? "-" : nil, prefix: spec.alternate ? prefix : "", digits: digits, remainder: "", spec: spec)
    }

    /// Lone surrogates are valid Python code points but not Swift scalars; show U+FFFD.
    private static func surrogate(_ value: UInt32) -> Unicode.Scalar? {
        (0xD800...0xDFFF).contains(value) ? "\u{FFFD}" : nil
    }

    // MARK: - Floats

    static func float(_ value: Double, _ spec: FormatSpec) throws -> String {
        var flags = FloatRepr.Flags()
        flags.alternate = spec.alternate
        flags.noNegativeZero = spec.noNegativeZero
        var type = spec.type
        var defaultPrecision = 6
        if type == nil {
            flags.addDotZero = true
            type = "r"
            defaultPrecision = 0
        }
        if type == "n" { type = "g" }
        var number = value
        var percent = false
        if type == "%" {
            type = "f"
            number *= 100
            percent = true
        }
        var precision = defaultPrecision
        if let given = spec.precision {
            if given > Int(Int32.max) { throw TextError.value("precision too big") }
            precision = given
            if type == "r" { type = "g" }
        }
        let code: FloatRepr.Code
        switch type {
        case "e", "E": code = .exponent
        case "f", "F": code = .fixed
        case "g", "G": code = .general
        default: code = .shortest
        }
        flags.uppercase = type == "E" || type == "F" || type == "G"
        var text = FloatRepr.string(number, code: code, precision: precision, flags: flags)
        if percent { text += "%" }
        var sign: Character?
        if text.hasPrefix("-") {
            sign = "-"
            text.removeFirst()
        }
        let digitsEnd = text.firstIndex { !$0.isASCII || !$0.isWholeNumber } ?? text.endIndex
        return TextFormat.number(sign: sign, prefix: "", digits: String(text[..<digitsEnd]), remainder: String(text[digitsEnd...]), spec: spec)
    }

    // MARK: - Layout

    /// Lays out `<lpad><sign><prefix><spad><grouped digits><remainder><rpad>` as
    /// CPython's `calc_number_widths` and `fill_number` do.
    static func number(sign negative: Character?, prefix: String, digits: String, remainder: String, spec: FormatSpec) -> String {
        var sign = ""
        switch spec.sign {
        case "+": sign = negative == "-" ? "-" : "+"
        case " ": sign = negative == "-" ? "-" : " "
        default: sign = negative == "-" ? "-" : ""
        }
        let width = spec.width ?? -1
        let fixedCount = sign.count + prefix.count + remainder.unicodeScalars.count
        let minimumWidth = (spec.fill == "0" && spec.align == "=") ? width - fixedCount : 0
        var separator: Character? = nil
        var groupSize = 0
        if let grouping = spec.grouping, spec.type != "n" {
            separator = Character(grouping)
            groupSize = (spec.type == "b" || spec.type == "o" || spec.type == "x" || spec.type == "X") ? 4 : 3
        }
        let grouped = digits.isEmpty ? "" : group(Array(digits.utf8), minimumWidth: minimumWidth, separator: separator, size: groupSize)
        let padding = width - (fixedCount + grouped.utf8.count)
        var left = 0, inner = 0, right = 0
        if padding > 0 {
            switch spec.align {
            case "<": right = padding
            case "^": left = padding / 2; right = padding - left
            case "=": inner = padding
            default: left = padding
            }
        }
        let fill = String(Character(spec.fill))
        return String(repeating: fill, count: left) + sign + prefix + String(repeating: fill, count: inner)
            + grouped + remainder + String(repeating: fill, count: right)
    }

    /// `_PyUnicode_InsertThousandsGrouping`: groups `digits` from the right, padding with
    /// zeros (grouped too) until `minimumWidth` is reached.
    static func group(_ digits: [UInt8], minimumWidth: Int, separator: Character?, size: Int) -> String {
        var remaining = digits.count
        var minWidth = max(0, minimumWidth)
        var pieces: [String] = []
        var cursor = digits.count
        func take(_ length: Int) {
            let zeros = max(0, length - remaining)
            let chars = max(0, min(remaining, length))
            let slice = digits[(cursor - chars)..<cursor]
            cursor -= chars
            pieces.append(String(repeating: "0", count: zeros) + String(decoding: slice, as: UTF8.self))
            remaining -= chars
        }
        if let separator, size > 0 {
            while true {
                let length = min(size, max(remaining, minWidth, 1))
                take(length)
                minWidth -= length
                if remaining <= 0 && minWidth <= 0 { break }
                minWidth -= 1
            }
            return pieces.reversed().joined(separator: String(separator))
        }
        take(max(remaining, minWidth, 1))
        return pieces[0]
    }

    /// Pads code points to `width` as CPython's `calc_padding` does for strings.
    static func pad(_ scalars: [Unicode.Scalar], width: Int?, align: Unicode.Scalar, fill: Unicode.Scalar) -> String {
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars)
        guard let width, width > scalars.count else { return String(text) }
        let total = width - scalars.count
        let left: Int
        switch align {
        case ">": left = total
        case "^": left = total / 2
        default: left = 0
        }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: repeatElement(fill, count: left))
        out.append(contentsOf: scalars)
        out.append(contentsOf: repeatElement(fill, count: total - left))
        return String(out)
    }
}

extension Double {
    /// An integer converted to the nearest double (ties to even), nil when it overflows.
    init?<T: BinaryInteger>(exactlyRounded value: T) {
        let converted = Double(value)
        guard converted.isFinite else { return nil }
        self = converted
    }
}
