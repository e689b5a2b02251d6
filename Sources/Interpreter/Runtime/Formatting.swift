import BigInt

extension PyError {
    /// The Python exception for an error of the text algorithms.
    init(_ error: TextError) {
        // A width past the text layer's bound is a MemoryError in CPython, not the OverflowError
        // the error's kind names.
        if error.isMemoryError {
            self.init(Builtin.memoryError, args: [])
            return
        }
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
    /// `str(int)`, refusing more than 4300 digits as CPython 3.11 does.
    static func decimal(_ b: BigInt) throws -> String {
        try Interpreter.Text.call { try NumberParsing.decimalString(b) }
    }
}

extension Interpreter {
    /// Runs text algorithms, turning their errors into Python exceptions.
    enum Text {
        static func call<T>(_ body: () throws -> T) throws -> T { try text(body) }
    }
}

enum StringFormatting {
    /// `repr(str)`: CPython's choice of quotes and escapes.
    static func repr(_ s: String) -> String { StrRepr.repr(s) }

    static func escape(_ scalar: Unicode.Scalar) -> String {
        let v = scalar.value
        if v < 0x100 { return "\\x" + String(v, radix: 16).leftPadded(to: 2) }
        if v < 0x10000 { return "\\u" + String(v, radix: 16).leftPadded(to: 4) }
        return "\\U" + String(v, radix: 16).leftPadded(to: 8)
    }

    /// Python's `str.isprintable` for one code point.
    static func isPrintable(_ scalar: Unicode.Scalar) -> Bool { StrRepr.isPrintable(scalar) }

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
