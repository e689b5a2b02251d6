/// Python's text forms of a float: `repr`/`str` and the conversions behind `format`
/// and `%`, laid out as CPython's `PyOS_double_to_string` lays out dtoa's digits.
public enum FloatRepr {
    /// The conversion codes `PyOS_double_to_string` knows.
    enum Code: Sendable {
        /// `e`: exponent form with `precision` digits after the point.
        case exponent
        /// `f`: fixed form with `precision` digits after the point.
        case fixed
        /// `g`: `precision` significant digits, exponent form for very large or small values.
        case general
        /// `r`: shortest round-trip digits (what `repr` shows).
        case shortest
    }

    /// Options that `format` and `%` pass through.
    struct Flags: Sendable {
        var alwaysSign = false
        var addDotZero = false
        var alternate = false
        var noNegativeZero = false
        var uppercase = false
    }

    /// `repr(x)` (and `str(x)`): `0.1`, `100.0`, `1e-05`, `1e+16`, `inf`, `nan`, `-0.0`.
    public static func repr(_ value: Double) -> String {
        var flags = Flags()
        flags.addDotZero = true
        return string(value, code: .shortest, precision: 0, flags: flags)
    }

    /// The text CPython's `PyOS_double_to_string(value, code, precision, flags)` returns.
    static func string(_ value: Double, code: Code, precision requested: Int, flags: Flags) -> String {
        if value.isNaN { return flags.uppercase ? "NAN" : "nan" }
        if value.isInfinite {
            let sign = value < 0 ? "-" : (flags.alwaysSign ? "+" : "")
            return sign + (flags.uppercase ? "INF" : "inf")
        }
        var precision = requested
        let decimal: DecimalDigits
        switch code {
        case .exponent:
            precision += 1
            decimal = DecimalDigits.significant(value, count: precision)
        case .fixed:
            decimal = DecimalDigits.fixed(value, places: precision)
        case .general:
            if precision == 0 { precision = 1 }
            decimal = DecimalDigits.significant(value, count: precision)
        case .shortest:
            decimal = DecimalDigits.shortest(value)
        }
        return layout(decimal, code: code, precision: precision, flags: flags)
    }

    private static func layout(_ decimal: DecimalDigits, code: Code, precision: Int, flags: Flags) -> String {
        let digits = decimal.digits
        let digitCount = digits.count
        var negative = decimal.isNegative
        if flags.noNegativeZero && negative && (digitCount == 0 || (digitCount == 1 && digits[0] == 0)) {
            negative = false
        }
        var decimalPoint = decimal.decimalPoint
        var useExponent = false
        var end = digitCount
        switch code {
        case .exponent:
            useExponent = true
            end = precision
        case .fixed:
            end = decimalPoint + precision
        case .general:
            if decimalPoint <= -4 || decimalPoint > (flags.addDotZero ? precision - 1 : precision) {
                useExponent = true
            }
            if flags.alternate { end = precision }
        case .shortest:
            if decimalPoint <= -4 || decimalPoint > 16 { useExponent = true }
        }
        var exponent = 0
        if useExponent {
            exponent = decimalPoint - 1
            decimalPoint = 1
        }
        let start = decimalPoint <= 0 ? decimalPoint - 1 : 0
        if !useExponent && flags.addDotZero {
            end = max(end, decimalPoint + 1)
        } else {
            end = max(end, decimalPoint)
        }

        var out: [UInt8] = []
        out.reserveCapacity(max(end - start, 0) + 8)
        if negative {
            out.append(UInt8(ascii: "-"))
        } else if flags.alwaysSign {
            out.append(UInt8(ascii: "+"))
        }
        let zero = UInt8(ascii: "0")
        let point = UInt8(ascii: ".")
        if decimalPoint <= 0 {
            out.append(contentsOf: repeatElement(zero, count: decimalPoint - start))
            out.append(point)
            out.append(contentsOf: repeatElement(zero, count: -decimalPoint))
        } else {
            out.append(contentsOf: repeatElement(zero, count: -start))
        }
        if decimalPoint > 0 && decimalPoint <= digitCount {
            out.append(contentsOf: digits[0..<decimalPoint].map { $0 + zero })
            out.append(point)
            out.append(contentsOf: digits[decimalPoint...].map { $0 + zero })
        } else {
            out.append(contentsOf: digits.map { $0 + zero })
        }
        if digitCount < decimalPoint {
            out.append(contentsOf: repeatElement(zero, count: decimalPoint - digitCount))
            out.append(point)
            out.append(contentsOf: repeatElement(zero, count: end - decimalPoint))
        } else {
            out.append(contentsOf: repeatElement(zero, count: max(end - digitCount, 0)))
        }
        if out.last == point && !flags.alternate { out.removeLast() }
        if useExponent {
            out.append(flags.uppercase ? UInt8(ascii: "E") : UInt8(ascii: "e"))
            out.append(exponent < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            let magnitude = exponent.magnitude
            if magnitude < 10 { out.append(zero) }
            out.append(contentsOf: String(magnitude).utf8)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
