/// A parsed format specification, `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`,
/// as CPython's `parse_internal_render_format_spec` reads it.
public struct FormatSpec: Sendable, Equatable {
    public var fill: Unicode.Scalar = " "
    public var align: Unicode.Scalar
    /// `+`, `-`, ` `, or nil when absent.
    public var sign: Unicode.Scalar?
    /// The `z` flag: negative zero is shown without its sign.
    public var noNegativeZero = false
    /// The `#` flag.
    public var alternate = false
    public var width: Int?
    /// `,` or `_`, or nil.
    public var grouping: Unicode.Scalar?
    public var precision: Int?
    /// The presentation type, or nil when absent (and the type has no default).
    public var type: Unicode.Scalar?

    /// Parses `spec` for an object of `typeName`, with the type and alignment that
    /// type uses when the spec omits them.
    /// - Throws: `TextError` (ValueError) with CPython's message for a malformed spec.
    public init(parsing spec: String, typeName: String, defaultType: Unicode.Scalar?, defaultAlign: Unicode.Scalar) throws {
        align = defaultAlign
        type = defaultType
        let scalars = Array(spec.unicodeScalars)
        var position = 0
        var fillSpecified = false
        var alignSpecified = false
        func isAlign(_ scalar: Unicode.Scalar) -> Bool { scalar == "<" || scalar == ">" || scalar == "=" || scalar == "^" }

        if scalars.count >= 2 && isAlign(scalars[1]) {
            align = scalars[1]
            fill = scalars[0]
            fillSpecified = true
            alignSpecified = true
            position = 2
        } else if let first = scalars.first, isAlign(first) {
            align = first
            alignSpecified = true
            position = 1
        }
        if position < scalars.count, scalars[position] == "+" || scalars[position] == "-" || scalars[position] == " " {
            sign = scalars[position]
            position += 1
        }
        if position < scalars.count, scalars[position] == "z" {
            noNegativeZero = true
            position += 1
        }
        if position < scalars.count, scalars[position] == "#" {
            alternate = true
            position += 1
        }
        if !fillSpecified, position < scalars.count, scalars[position] == "0" {
            fill = "0"
            if !alignSpecified && defaultAlign == ">" { align = "=" }
            position += 1
        }
        width = try FormatSpec.integer(scalars, &position)
        if position < scalars.count, scalars[position] == "," {
            grouping = ","
            position += 1
        }
        if position < scalars.count, scalars[position] == "_" {
            if grouping != nil { throw TextError.value("Cannot specify both ',' and '_'.") }
            grouping = "_"
            position += 1
        }
        if position < scalars.count, scalars[position] == ",", grouping == "_" {
            throw TextError.value("Cannot specify both ',' and '_'.")
        }
        if position < scalars.count, scalars[position] == "." {
            position += 1
            guard let parsed = try FormatSpec.integer(scalars, &position) else {
                throw TextError.value("Format specifier missing precision")
            }
            precision = parsed
        }
        if scalars.count - position > 1 {
            throw TextError.value("Invalid format specifier '\(spec)' for object of type '\(typeName)'")
        }
        if position < scalars.count { type = scalars[position] }

        if let separator = grouping {
            switch type {
            case "d", "e", "f", "g", "E", "G", "%", "F", nil:
                break
            case "b", "o", "x", "X":
                if separator != "_" { fallthrough }
            default:
                throw TextError.value("Cannot specify '\(separator)' with \(FormatSpec.quoted(type)).")
            }
        }
    }

    /// Reads decimal digits (any Unicode decimal digit, as CPython does); nil when there are none.
    private static func integer(_ scalars: [Unicode.Scalar], _ position: inout Int) throws -> Int? {
        var value: Int?
        while position < scalars.count, let digit = decimalValue(scalars[position]) {
            let (times, overflow1) = (value ?? 0).multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(digit)
            if overflow1 || overflow2 { throw TextError.value("Too many decimal digits in format string") }
            value = sum
            position += 1
        }
        return value
    }

    static func decimalValue(_ scalar: Unicode.Scalar) -> Int? {
        if scalar.value >= 48 && scalar.value <= 57 { return Int(scalar.value) - 48 }
        if scalar.value < 128 { return nil }
        guard scalar.properties.numericType == .decimal, let number = scalar.properties.numericValue else { return nil }
        return Int(number)
    }

    /// `'x'` for a printable ASCII code, `'\x1'` otherwise, as CPython's messages show a type code.
    static func quoted(_ type: Unicode.Scalar?) -> String {
        guard let type else { return "'\\x0'" }
        if type.value > 32 && type.value < 128 { return "'\(Character(type))'" }
        return "'\\x\(String(type.value, radix: 16))'"
    }

    static func unknownCode(_ type: Unicode.Scalar?, _ typeName: String) -> TextError {
        TextError.value("Unknown format code \(quoted(type)) for object of type '\(typeName)'")
    }
}
