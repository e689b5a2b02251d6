import BigInt

/// The right operand of `format % args`.
public enum PercentArguments {
    /// A tuple: one item per conversion.
    case tuple([FormatArgument])
    /// Any other object. `mapping` looks keys up when the object is a mapping (has
    /// `__getitem__` and is neither a tuple nor a str), for `%(name)s`.
    case single(FormatArgument, mapping: ((String) throws -> FormatArgument)?)
}

/// printf-style formatting, `str % args`, as CPython 3.11's `PyUnicode_Format`.
public enum PercentFormat {
    /// Formats `format` with `arguments`.
    /// - Throws: `TextError` with CPython's messages (`not enough arguments for format string`,
    ///   `not all arguments converted during string formatting`, `%d format: a real number is
    ///   required, not str`, …), or whatever the arguments' closures throw.
    public static func format(_ format: String, _ arguments: PercentArguments) throws -> String {
        var state = State(arguments)
        let scalars = Array(format.unicodeScalars)
        var out = String.UnicodeScalarView()
        var position = 0
        while position < scalars.count {
            let scalar = scalars[position]
            if scalar != "%" {
                var end = position + 1
                while end < scalars.count && scalars[end] != "%" { end += 1 }
                out.append(contentsOf: scalars[position..<end])
                position = end
                continue
            }
            position += 1
            if position < scalars.count && scalars[position] == "%" {
                out.append("%")
                position += 1
                continue
            }
            try conversion(scalars, &position, &state, &out)
        }
        if state.index < state.count && state.mapping == nil {
            throw TextError.type("not all arguments converted during string formatting")
        }
        return String(out)
    }

    /// Which argument comes next, mirroring CPython's `argidx`/`arglen` (-2/-1 for a single object).
    struct State {
        var items: [FormatArgument]
        var single: FormatArgument?
        var index: Int
        var count: Int
        let mapping: ((String) throws -> FormatArgument)?

        init(_ arguments: PercentArguments) {
            switch arguments {
            case .tuple(let values):
                items = values
                single = nil
                index = 0
                count = values.count
                mapping = nil
            case .single(let value, let lookup):
                items = []
                single = value
                index = -2
                count = -1
                mapping = lookup
            }
        }

        mutating func next() throws -> FormatArgument {
            guard index < count else { throw TextError.type("not enough arguments for format string") }
            defer { index += 1 }
            if count < 0, let single { return single }
            return items[index]
        }

        mutating func useKeyed(_ value: FormatArgument) {
            items = []
            single = value
            index = -2
            count = -1
        }
    }

    private struct Conversion {
        var leftJustify = false
        var sign = false
        var blank = false
        var alternate = false
        var zero = false
        var width = -1
        var precision = -1
        var type: Unicode.Scalar = " "
    }

    private static func conversion(_ scalars: [Unicode.Scalar], _ position: inout Int, _ state: inout State,
                                   _ out: inout String.UnicodeScalarView) throws {
        var spec = Conversion()
        let incomplete = TextError.value("incomplete format")
        func read() throws -> Unicode.Scalar {
            guard position < scalars.count else { throw incomplete }
            defer { position += 1 }
            return scalars[position]
        }
        if position < scalars.count && scalars[position] == "(" {
            guard let lookup = state.mapping else { throw TextError.type("format requires a mapping") }
            position += 1
            let keyStart = position
            var depth = 1
            while depth > 0 && position < scalars.count {
                if scalars[position] == ")" { depth -= 1 } else if scalars[position] == "(" { depth += 1 }
                position += 1
            }
            if depth > 0 { throw TextError.value("incomplete format key") }
            let key = StrMethods.string(scalars[keyStart..<(position - 1)])
            state.useKeyed(try lookup(key))
        }
        var scalar = try read()
        flags: while true {
            switch scalar {
            case "-": spec.leftJustify = true
            case "+": spec.sign = true
            case " ": spec.blank = true
            case "#": spec.alternate = true
            case "0": spec.zero = true
            default: break flags
            }
            scalar = try read()
        }
        if scalar == "*" {
            let value = try state.next()
            guard case .int(let big)? = value.number, value.string == nil, value.typeName == "int" || value.typeName == "bool" else {
                throw TextError.type("* wants int")
            }
            guard let width = Int(exactly: big) else { throw TextError.overflow("Python int too large to convert to C ssize_t") }
            spec.width = width
            if width < 0 {
                spec.leftJustify = true
                spec.width = width == Int.min ? Int.max : -width
            }
            scalar = try read()
        } else if let digit = digitValue(scalar) {
            var width = digit
            scalar = try read()
            while let next = digitValue(scalar) {
                let (times, o1) = width.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times.addingReportingOverflow(next)
                if o1 || o2 { throw TextError.value("width too big") }
                width = sum
                scalar = try read()
            }
            spec.width = width
        }
        if scalar == "." {
            spec.precision = 0
            scalar = try read()
            if scalar == "*" {
                let value = try state.next()
                guard case .int(let big)? = value.number, value.typeName == "int" || value.typeName == "bool" else {
                    throw TextError.type("* wants int")
                }
                guard let precision = Int32(exactly: big) else { throw TextError.overflow("Python int too large to convert to C int") }
                spec.precision = max(Int(precision), 0)
                scalar = try read()
            } else if let digit = digitValue(scalar) {
                var precision = digit
                scalar = try read()
                while let next = digitValue(scalar) {
                    precision = precision * 10 + next
                    if precision > Int(Int32.max) { throw TextError.value("precision too big") }
                    scalar = try read()
                }
                spec.precision = precision
            }
        }
        if scalar == "h" || scalar == "l" || scalar == "L" { scalar = try read() }
        spec.type = scalar
        try TextError.checkLength(max(spec.width, spec.precision))
        let typeIndex = position - 1
        let argument = try state.next()
        try render(argument, spec, typeIndex: typeIndex, into: &out)
    }

    private static func digitValue(_ scalar: Unicode.Scalar) -> Int? {
        scalar.value >= 48 && scalar.value <= 57 ? Int(scalar.value) - 48 : nil
    }

    private static func render(_ argument: FormatArgument, _ spec: Conversion, typeIndex: Int,
                               into out: inout String.UnicodeScalarView) throws {
        var text: String
        var numeric = false
        switch spec.type {
        case "s":
            text = try argument.string ?? argument.str()
        case "r":
            text = try argument.repr()
        case "a":
            text = try argument.ascii()
        case "d", "i", "u", "o", "x", "X":
            numeric = true
            text = try integerText(argument, spec)
        case "e", "E", "f", "F", "g", "G":
            numeric = true
            text = try floatText(argument, spec)
        case "c":
            text = try characterText(argument)
        default:
            let code = spec.type.value
            let shown = (31...126).contains(code) ? String(Character(spec.type)) : "?"
            throw TextError.value("unsupported format character '\(shown)' (0x\(String(code, radix: 16))) at index \(typeIndex)")
        }
        var scalars = Array(text.unicodeScalars)
        if spec.type == "s" || spec.type == "r" || spec.type == "a", spec.precision >= 0, scalars.count > spec.precision {
            scalars = Array(scalars[0..<spec.precision])
        }
        output(scalars, spec, numeric: numeric, into: &out)
    }

    private static func integerValue(_ argument: FormatArgument, _ type: Unicode.Scalar) throws -> BigInt {
        let name = String(Character(type))
        switch argument.number {
        case .int(let value)?:
            return value
        case .float(let value)? where type != "o" && type != "x" && type != "X":
            if value.isNaN { throw TextError.value("cannot convert float NaN to integer") }
            if value.isInfinite { throw TextError.overflow("cannot convert float infinity to integer") }
            return BigInt(value.rounded(.towardZero))
        default:
            if type == "o" || type == "x" || type == "X" {
                throw TextError.type("%\(name) format: an integer is required, not \(argument.typeName)")
            }
            throw TextError.type("%\(name) format: a real number is required, not \(argument.typeName)")
        }
    }

    /// CPython's `_PyUnicode_FormatLong`: sign, `0x`/`0o` prefix when alternate, and at
    /// least `precision` digits.
    private static func integerText(_ argument: FormatArgument, _ spec: Conversion) throws -> String {
        let value = try integerValue(argument, spec.type)
        var digits: String
        var prefix = ""
        switch spec.type {
        case "o":
            digits = RadixText.digits(value, base: 8)
            if spec.alternate { prefix = "0o" }
        case "x":
            digits = RadixText.digits(value, base: 16)
            if spec.alternate { prefix = "0x" }
        case "X":
            digits = RadixText.digits(value, base: 16).uppercased()
            if spec.alternate { prefix = "0X" }
        default:
            digits = try NumberParsing.decimalString(BigInt(value.magnitude))
        }
        if spec.precision > digits.utf8.count {
            digits = String(repeating: "0", count: spec.precision - digits.utf8.count) + digits
        }
        return (value.sign == .minus && !value.isZero ? "-" : "") + prefix + digits
    }

    private static func floatText(_ argument: FormatArgument, _ spec: Conversion) throws -> String {
        let value: Double
        switch argument.number {
        case .float(let number)?:
            value = number
        case .int(let number)?:
            let converted = Double(number)
            guard converted.isFinite else { throw TextError.overflow("int too large to convert to float") }
            value = converted
        case nil:
            throw TextError.type("must be real number, not \(argument.typeName)")
        }
        var flags = FloatRepr.Flags()
        flags.alternate = spec.alternate
        flags.uppercase = spec.type == "E" || spec.type == "F" || spec.type == "G"
        let code: FloatRepr.Code
        switch spec.type {
        case "e", "E": code = .exponent
        case "f", "F": code = .fixed
        default: code = .general
        }
        return FloatRepr.string(value, code: code, precision: spec.precision < 0 ? 6 : spec.precision, flags: flags)
    }

    private static func characterText(_ argument: FormatArgument) throws -> String {
        if let string = argument.string {
            var iterator = string.unicodeScalars.makeIterator()
            guard iterator.next() != nil, iterator.next() == nil else { throw TextError.type("%c requires int or char") }
            return string
        }
        guard case .int(let value)? = argument.number else { throw TextError.type("%c requires int or char") }
        guard value >= 0, value <= 0x10FFFF, let code = UInt32(exactly: value) else {
            throw TextError.overflow("%c arg not in range(0x110000)")
        }
        return String(Character(Unicode.Scalar(code) ?? "\u{FFFD}"))
    }

    /// CPython's `unicode_format_arg_output`: sign and `0x` prefix go before zero padding
    /// and after space padding; left justification always pads with spaces.
    private static func output(_ scalars: [Unicode.Scalar], _ spec: Conversion, numeric: Bool,
                               into out: inout String.UnicodeScalarView) {
        var body = scalars[...]
        var width = spec.width
        var length = body.count
        if (width == -1 || width <= length) && !(numeric && (spec.sign || spec.blank)) {
            out.append(contentsOf: body)
            return
        }
        let fill: Unicode.Scalar = numeric && spec.zero ? "0" : " "
        var signCharacter: Unicode.Scalar?
        if numeric {
            if let first = body.first, first == "-" || first == "+" {
                signCharacter = first
                body = body.dropFirst()
                length -= 1
            } else if spec.sign {
                signCharacter = "+"
            } else if spec.blank {
                signCharacter = " "
            }
        }
        if width < length { width = length }
        if let signCharacter {
            if fill != " " { out.append(signCharacter) }
            if width > length { width -= 1 }
        }
        let hasPrefix = spec.alternate && (spec.type == "x" || spec.type == "X" || spec.type == "o")
        var prefix: ArraySlice<Unicode.Scalar> = []
        if hasPrefix {
            prefix = body.prefix(2)
            body = body.dropFirst(2)
            if fill != " " { out.append(contentsOf: prefix) }
            width = max(width - 2, 0)
            length -= 2
        }
        if width > length && !spec.leftJustify {
            out.append(contentsOf: repeatElement(fill, count: width - length))
            width = length
        }
        if fill == " " {
            if let signCharacter { out.append(signCharacter) }
            if hasPrefix { out.append(contentsOf: prefix) }
        }
        out.append(contentsOf: body)
        if width > length { out.append(contentsOf: repeatElement(Unicode.Scalar(" "), count: width - length)) }
    }
}
