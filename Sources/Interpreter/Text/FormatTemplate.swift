/// A key in a `str.format` field's `[...]` part: digits make an index, anything else a str key.
public enum FormatFieldKey: Equatable, Sendable {
    case index(Int)
    case key(String)
}

/// The lookups `str.format` needs from the object model, over its value type.
public struct FormatFieldResolver<Value> {
    /// How many positional arguments were passed.
    public var positionalCount: Int
    /// The positional argument at an index below `positionalCount`.
    public var positional: (Int) throws -> Value
    /// The keyword argument called `name`; throws the caller's `KeyError` when absent.
    public var keyword: (String) throws -> Value
    /// `getattr(value, name)`.
    public var attribute: (Value, String) throws -> Value
    /// `value[key]`.
    public var item: (Value, FormatFieldKey) throws -> Value
    /// `!r`, `!s` or `!a` applied to a value.
    public var convert: (Value, Unicode.Scalar) throws -> Value
    /// `format(value, spec)`.
    public var format: (Value, String) throws -> String

    public init(positionalCount: Int, positional: @escaping (Int) throws -> Value,
                keyword: @escaping (String) throws -> Value,
                attribute: @escaping (Value, String) throws -> Value,
                item: @escaping (Value, FormatFieldKey) throws -> Value,
                convert: @escaping (Value, Unicode.Scalar) throws -> Value,
                format: @escaping (Value, String) throws -> String) {
        self.positionalCount = positionalCount
        self.positional = positional
        self.keyword = keyword
        self.attribute = attribute
        self.item = item
        self.convert = convert
        self.format = format
    }
}

/// `str.format` (and `str.format_map`), parsed as CPython 3.11's `unicode_format.h` does.
public enum FormatTemplate {
    /// Formats `template` with the values `resolver` looks up.
    /// - Throws: `TextError` with CPython's messages (`Single '}' encountered in format string`,
    ///   `cannot switch from automatic field numbering to manual field specification`,
    ///   `Replacement index 1 out of range for positional args tuple`, …), or the resolver's errors.
    public static func format<Value>(_ template: String, _ resolver: FormatFieldResolver<Value>) throws -> String {
        var numbering = Numbering()
        return try render(Array(template.unicodeScalars), resolver, &numbering, depth: 2)
    }

    private struct Numbering {
        /// nil until the first field decides; then true for automatic numbering.
        var automatic: Bool?
        var next = 0
    }

    private static func render<Value>(_ scalars: [Unicode.Scalar], _ resolver: FormatFieldResolver<Value>,
                                      _ numbering: inout Numbering, depth: Int) throws -> String {
        if depth <= 0 { throw TextError.value("Max string recursion exceeded") }
        var out = String.UnicodeScalarView()
        var position = 0
        while position < scalars.count {
            let scalar = scalars[position]
            position += 1
            if scalar != "{" && scalar != "}" {
                out.append(scalar)
                continue
            }
            let atEnd = position >= scalars.count
            if scalar == "}" {
                if atEnd || scalars[position] != "}" { throw TextError.value("Single '}' encountered in format string") }
                out.append("}")
                position += 1
                continue
            }
            if atEnd { throw TextError.value("Single '{' encountered in format string") }
            if scalars[position] == "{" {
                out.append("{")
                position += 1
                continue
            }
            let field = try parseField(scalars, &position)
            var value = try lookup(field.name, resolver, &numbering)
            if let conversion = field.conversion {
                guard conversion == "r" || conversion == "s" || conversion == "a" else {
                    let code = conversion.value
                    let shown = code > 32 && code < 127 ? String(Character(conversion)) : "\\x" + String(code, radix: 16)
                    throw TextError.value("Unknown conversion specifier \(shown)")
                }
                value = try resolver.convert(value, conversion)
            }
            var spec = StrMethods.string(field.spec)
            if field.specNeedsExpanding {
                spec = try render(field.spec, resolver, &numbering, depth: depth - 1)
            }
            out.append(contentsOf: try resolver.format(value, spec).unicodeScalars)
        }
        return String(out)
    }

    private struct Field {
        var name: ArraySlice<Unicode.Scalar>
        var conversion: Unicode.Scalar?
        var spec: [Unicode.Scalar] = []
        var specNeedsExpanding = false
    }

    /// CPython's `parse_field`: `position` is just past the opening brace.
    private static func parseField(_ scalars: [Unicode.Scalar], _ position: inout Int) throws -> Field {
        let nameStart = position
        var terminator: Unicode.Scalar = " "
        var hitTerminator = false
        scan: while position < scalars.count {
            let scalar = scalars[position]
            position += 1
            switch scalar {
            case "{":
                throw TextError.value("unexpected '{' in field name")
            case "[":
                while position < scalars.count && scalars[position] != "]" { position += 1 }
            case "}", ":", "!":
                terminator = scalar
                hitTerminator = true
                break scan
            default:
                break
            }
        }
        guard hitTerminator else { throw TextError.value("expected '}' before end of string") }
        var field = Field(name: scalars[nameStart..<(position - 1)])
        if terminator == "}" { return field }
        if terminator == "!" {
            guard position < scalars.count else {
                throw TextError.value("end of string while looking for conversion specifier")
            }
            field.conversion = scalars[position]
            position += 1
            if position < scalars.count {
                let next = scalars[position]
                position += 1
                if next == "}" { return field }
                if next != ":" { throw TextError.value("expected ':' after conversion specifier") }
            }
        }
        let specStart = position
        var depth = 1
        while position < scalars.count {
            let scalar = scalars[position]
            position += 1
            if scalar == "{" {
                field.specNeedsExpanding = true
                depth += 1
            } else if scalar == "}" {
                depth -= 1
                if depth == 0 {
                    field.spec = Array(scalars[specStart..<(position - 1)])
                    return field
                }
            }
        }
        throw TextError.value("unmatched '{' in format spec")
    }

    /// Resolves `first(.attr|[key])*`.
    private static func lookup<Value>(_ name: ArraySlice<Unicode.Scalar>, _ resolver: FormatFieldResolver<Value>,
                                      _ numbering: inout Numbering) throws -> Value {
        var index = name.startIndex
        while index < name.endIndex && name[index] != "." && name[index] != "[" { index += 1 }
        let first = name[name.startIndex..<index]
        var value: Value
        if first.isEmpty {
            if numbering.automatic == false {
                throw TextError.value("cannot switch from manual field specification to automatic field numbering")
            }
            numbering.automatic = true
            let position = numbering.next
            numbering.next += 1
            value = try positional(position, resolver)
        } else if let position = try decimal(first) {
            if numbering.automatic == true {
                throw TextError.value("cannot switch from automatic field numbering to manual field specification")
            }
            numbering.automatic = false
            value = try positional(position, resolver)
        } else {
            value = try resolver.keyword(StrMethods.string(first))
        }
        while index < name.endIndex {
            let marker = name[index]
            index += 1
            if marker == "." {
                let start = index
                while index < name.endIndex && name[index] != "." && name[index] != "[" { index += 1 }
                if start == index { throw TextError.value("Empty attribute in format string") }
                value = try resolver.attribute(value, StrMethods.string(name[start..<index]))
            } else if marker == "[" {
                let start = index
                while index < name.endIndex && name[index] != "]" { index += 1 }
                if index >= name.endIndex { throw TextError.value("Missing ']' in format string") }
                let key = name[start..<index]
                index += 1
                if key.isEmpty { throw TextError.value("Empty attribute in format string") }
                if let number = try decimal(key) {
                    value = try resolver.item(value, .index(number))
                } else {
                    value = try resolver.item(value, .key(StrMethods.string(key)))
                }
                if index < name.endIndex && name[index] != "." && name[index] != "[" {
                    throw TextError.value("Only '.' or '[' may follow ']' in format field specifier")
                }
            } else {
                throw TextError.value("Only '.' or '[' may follow ']' in format field specifier")
            }
        }
        return value
    }

    private static func positional<Value>(_ position: Int, _ resolver: FormatFieldResolver<Value>) throws -> Value {
        guard position < resolver.positionalCount else {
            throw TextError(.indexError, "Replacement index \(position) out of range for positional args tuple")
        }
        return try resolver.positional(position)
    }

    /// The value of an all-digit name, nil when any character is not a decimal digit.
    private static func decimal(_ scalars: ArraySlice<Unicode.Scalar>) throws -> Int? {
        var value = 0
        for scalar in scalars {
            guard let digit = FormatSpec.decimalValue(scalar) else { return nil }
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.addingReportingOverflow(digit)
            if o1 || o2 { throw TextError.value("Too many decimal digits in format string") }
            value = sum
        }
        return value
    }
}
