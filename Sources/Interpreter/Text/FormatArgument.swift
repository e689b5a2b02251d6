import BigInt

/// What the text formatters need to know about one Python object, supplied by the
/// evaluator: its numeric value if it is a real number, its text if it is a str, and
/// closures for `str()` and `repr()` (which may run Python code and throw).
public struct FormatArgument {
    /// The value of an int (or bool, or object with `__index__`) or a float.
    public enum Number {
        case int(BigInt)
        case float(Double)
    }

    /// The class name error messages quote (`not str`).
    public var typeName: String
    public var number: Number?
    /// The text when the object is a str.
    public var string: String?
    public var str: () throws -> String
    public var repr: () throws -> String

    public init(typeName: String, number: Number? = nil, string: String? = nil,
                str: @escaping () throws -> String, repr: @escaping () throws -> String) {
        self.typeName = typeName
        self.number = number
        self.string = string
        self.str = str
        self.repr = repr
    }

    /// An int argument.
    public static func int(_ value: BigInt) -> FormatArgument {
        FormatArgument(typeName: "int", number: .int(value), str: { try NumberParsing.decimalString(value) },
                       repr: { try NumberParsing.decimalString(value) })
    }

    /// A float argument.
    public static func float(_ value: Double) -> FormatArgument {
        FormatArgument(typeName: "float", number: .float(value), str: { FloatRepr.repr(value) }, repr: { FloatRepr.repr(value) })
    }

    /// A str argument.
    public static func string(_ value: String) -> FormatArgument {
        FormatArgument(typeName: "str", string: value, str: { value }, repr: { StrRepr.repr(value) })
    }

    /// A bool argument (an int that prints as `True`/`False`).
    public static func bool(_ value: Bool) -> FormatArgument {
        FormatArgument(typeName: "bool", number: .int(value ? 1 : 0), str: { value ? "True" : "False" },
                       repr: { value ? "True" : "False" })
    }

    /// `ascii(obj)`: the repr with every non-ASCII code point escaped.
    public func ascii() throws -> String {
        var out = ""
        for scalar in try repr().unicodeScalars {
            if scalar.value < 0x80 {
                out.unicodeScalars.append(scalar)
            } else {
                out += StrRepr.escape(scalar.value)
            }
        }
        return out
    }
}
