import BigInt

/// `int(str, base)`, `float(str)` and the decimal conversion limit of CPython 3.11.
public enum NumberParsing {
    /// CPython's default `sys.get_int_max_str_digits()`.
    public static let maxStrDigits = 4300

    /// `int(text, base)`.
    /// - Throws: `TextError` (ValueError) with `invalid literal for int() with base N: '…'`,
    ///   the base range message, or the 4300-digit limit message.
    public static func int(_ text: String, base requestedBase: Int = 10) throws -> BigInt {
        guard requestedBase == 0 || (2...36).contains(requestedBase) else {
            throw TextError.value("int() base must be >= 2 and <= 36, or 0")
        }
        let invalid = TextError.value("invalid literal for int() with base \(requestedBase): \(truncated(StrRepr.repr(text), 200))")
        let bytes = asciiTransformed(text)
        var index = 0
        let end = bytes.count
        while index < end, isASCIISpace(bytes[index]) { index += 1 }
        var negative = false
        if index < end, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        func at(_ offset: Int) -> UInt8 { index + offset < end ? bytes[index + offset] | 0x20 : 0 }
        var base = requestedBase
        var errorIfNonzero = false
        if base == 0 {
            if at(0) != UInt8(ascii: "0") {
                base = 10
            } else if at(1) == UInt8(ascii: "x") {
                base = 16
            } else if at(1) == UInt8(ascii: "o") {
                base = 8
            } else if at(1) == UInt8(ascii: "b") {
                base = 2
            } else {
                errorIfNonzero = true
                base = 10
            }
        }
        if at(0) == UInt8(ascii: "0"),
           (base == 16 && at(1) == UInt8(ascii: "x")) || (base == 8 && at(1) == UInt8(ascii: "o")) || (base == 2 && at(1) == UInt8(ascii: "b")) {
            index += 2
            if index < end, bytes[index] == UInt8(ascii: "_") { index += 1 }
        }
        if index < end, bytes[index] == UInt8(ascii: "_") { throw invalid }
        var digits: [UInt8] = []
        var previousUnderscore = false
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "_") {
                if previousUnderscore { throw invalid }
                previousUnderscore = true
            } else if let value = digitValue(byte), value < base {
                digits.append(UInt8(value))
                previousUnderscore = false
            } else {
                break
            }
            index += 1
        }
        if previousUnderscore || digits.isEmpty { throw invalid }
        while index < end, isASCIISpace(bytes[index]) { index += 1 }
        if index != end { throw invalid }
        if errorIfNonzero && digits.contains(where: { $0 != 0 }) { throw invalid }
        if base & (base - 1) != 0 && digits.count > maxStrDigits {
            throw TextError.value("Exceeds the limit (\(maxStrDigits) digits) for integer string conversion: value has \(digits.count) digits; use sys.set_int_max_str_digits() to increase the limit")
        }
        let magnitude = accumulate(digits, base: base)
        return negative ? -BigInt(magnitude) : BigInt(magnitude)
    }

    /// `float(text)`.
    /// - Throws: `TextError` (ValueError) `could not convert string to float: '…'`.
    public static func float(_ text: String) throws -> Double {
        let invalid = TextError.value("could not convert string to float: \(StrRepr.repr(text))")
        let bytes = asciiTransformed(text)
        var start = 0
        var end = bytes.count
        while start < end, isASCIISpace(bytes[start]) { start += 1 }
        while end > start, isASCIISpace(bytes[end - 1]) { end -= 1 }
        var body = Array(bytes[start..<end])
        var sign = ""
        if let first = body.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            sign = first == UInt8(ascii: "-") ? "-" : ""
            body.removeFirst()
        }
        let lowered = String(decoding: body.map { $0 | 0x20 }, as: UTF8.self)
        if lowered == "inf" || lowered == "infinity" { return sign == "-" ? -.infinity : .infinity }
        if lowered == "nan" { return sign == "-" ? -.nan : .nan }
        guard let cleaned = decimalLiteral(body), let value = Double(sign + cleaned) else { throw invalid }
        return value
    }

    /// `str(value)` for an int, refusing more than 4300 digits as CPython 3.11 does.
    public static func decimalString(_ value: BigInt) throws -> String {
        // Below 14,000 bits a value has at most 4,215 digits: skip the count. Above 14,300 bits
        // it has at least 4,305: refuse without the (quadratic) conversion.
        let bits = value.magnitude.bitWidth
        if bits > 14_300 { throw digitLimitError }
        if bits > 14_000 {
            let text = String(value.magnitude)
            if text.utf8.count > maxStrDigits { throw digitLimitError }
            return value.sign == .minus ? "-" + text : text
        }
        return String(value)
    }

    private static var digitLimitError: TextError {
        TextError.value("Exceeds the limit (\(maxStrDigits) digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit")
    }

    // MARK: - Helpers

    /// CPython's `_PyUnicode_TransformDecimalAndSpaceToASCII`: Unicode decimal digits become
    /// ASCII digits, non-ASCII white space becomes a space, anything else non-ASCII a `?`.
    private static func asciiTransformed(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if scalar.value < 128 {
                out.append(UInt8(scalar.value))
            } else if StrMethods.isSpace(scalar) {
                out.append(UInt8(ascii: " "))
            } else if let digit = FormatSpec.decimalValue(scalar) {
                out.append(UInt8(48 + digit))
            } else {
                out.append(UInt8(ascii: "?"))
            }
        }
        return out
    }

    private static func isASCIISpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    private static func digitValue(_ byte: UInt8) -> Int? {
        switch byte {
        case 48...57: return Int(byte) - 48
        case 97...122: return Int(byte) - 87
        case 65...90: return Int(byte) - 55
        default: return nil
        }
    }

    /// Digits to a magnitude in chunks, so long decimal strings cost few big multiplications.
    private static func accumulate(_ digits: [UInt8], base: Int) -> BigUInt {
        if let bits = RadixText.bitsPerDigit(base: base) { return RadixText.magnitude(digits, bitsPerDigit: bits) }
        var chunkSize = 1
        var chunkScale = base
        while chunkScale <= Int(UInt32.max) / base {
            chunkScale *= base
            chunkSize += 1
        }
        var result = BigUInt(0)
        var index = 0
        while index < digits.count {
            let count = min(chunkSize, digits.count - index)
            var chunk = 0
            var scale = 1
            for offset in 0..<count {
                chunk = chunk * base + Int(digits[index + offset])
                scale *= base
            }
            result = result * BigUInt(scale) + BigUInt(chunk)
            index += count
        }
        return result
    }

    /// The text of a Python float literal (`1_0.5`, `.5`, `5.`, `1e-5`) with underscores
    /// removed, or nil when it is not one.
    private static func decimalLiteral(_ body: [UInt8]) -> String? {
        var out: [UInt8] = []
        var index = 0
        func digitRun() -> Bool {
            var sawDigit = false
            while index < body.count {
                let byte = body[index]
                if byte >= 48 && byte <= 57 {
                    out.append(byte)
                    sawDigit = true
                    index += 1
                } else if byte == UInt8(ascii: "_"), sawDigit, index + 1 < body.count, body[index + 1] >= 48, body[index + 1] <= 57 {
                    index += 1
                } else {
                    break
                }
            }
            return sawDigit
        }
        let integerPart = digitRun()
        var fractionPart = false
        if index < body.count, body[index] == UInt8(ascii: ".") {
            out.append(UInt8(ascii: "."))
            index += 1
            fractionPart = digitRun()
        }
        guard integerPart || fractionPart else { return nil }
        if index < body.count, body[index] | 0x20 == UInt8(ascii: "e") {
            out.append(UInt8(ascii: "e"))
            index += 1
            if index < body.count, body[index] == UInt8(ascii: "+") || body[index] == UInt8(ascii: "-") {
                out.append(body[index])
                index += 1
            }
            guard digitRun() else { return nil }
        }
        guard index == body.count else { return nil }
        return String(decoding: out, as: UTF8.self)
    }

    static func truncated(_ text: String, _ limit: Int) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.prefix(limit))
        return String(scalars)
    }
}
