/// The text Python and numpy give a single float scalar.
public enum FloatText {
    /// numpy's `str(np.float32(x))`: the shortest float32 digits that round-trip, laid out as
    /// Python lays out a float (`0.1`, `3.0`, `1e-05`, `inf`, `nan`, `-0.0`), except that
    /// numpy switches to scientific notation from 1e6 (`1e+06`) for float32.
    public static func shortest(_ x: Float) -> String { scalarText(x) }

    /// Python's `repr(x)` (also numpy's `str(np.float64(x))`).
    public static func shortest(_ x: Double) -> String { scalarText(x) }

    /// Positional when zero or `1e-4 <= |x| <` the type's cutoff (compared as doubles, so
    /// float32's `0.0001`, just below 1e-4, is scientific as in numpy); otherwise scientific
    /// with at least two exponent digits.
    static func scalarText<T: NumpyFloatingPoint>(_ x: T) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(24)
        appendScalarText(x, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func appendScalarText<T: NumpyFloatingPoint>(_ x: T, to out: inout [UInt8]) {
        if x.isNaN {
            out.append(contentsOf: "nan".utf8)
            return
        }
        if x.isInfinite {
            out.append(contentsOf: (x < 0 ? "-inf" : "inf").utf8)
            return
        }
        let decimal = DecimalDigits(shortest: x)
        let magnitude = x.magnitude.widened
        if magnitude == 0 || (magnitude >= 1e-4 && magnitude < T.scalarScientificCutoff) {
            appendPositional(decimal, minimumFractionDigits: 1, to: &out)
        } else {
            appendScientific(decimal, keepPoint: false, fractionDigits: 0, exponentDigits: 2, to: &out)
        }
    }

    /// `[-]int.frac`: the integer part is at least `0`; the fraction has the digits past the
    /// point, zero-padded to `minimumFractionDigits` (0 leaves a bare trailing point).
    static func appendPositional(_ decimal: DecimalDigits, minimumFractionDigits: Int, to out: inout [UInt8]) {
        if decimal.negative { out.append(UInt8(ascii: "-")) }
        let digits = decimal.digits
        let exponent = decimal.exponent
        if exponent <= 0 {
            out.append(UInt8(ascii: "0"))
        } else {
            for index in 0..<exponent {
                out.append(UInt8(ascii: "0") &+ (index < digits.count ? digits[index] : 0))
            }
        }
        out.append(UInt8(ascii: "."))
        var written = 0
        if digits.count > max(exponent, 0) {
            for _ in 0..<max(-exponent, 0) {
                out.append(UInt8(ascii: "0"))
                written += 1
            }
            for index in max(exponent, 0)..<digits.count {
                out.append(UInt8(ascii: "0") &+ digits[index])
                written += 1
            }
        }
        while written < minimumFractionDigits {
            out.append(UInt8(ascii: "0"))
            written += 1
        }
    }

    /// The count of fraction digits `appendPositional` writes before any padding.
    static func positionalFractionCount(_ decimal: DecimalDigits) -> Int {
        decimal.digits.count > max(decimal.exponent, 0) ? decimal.digits.count - decimal.exponent : 0
    }

    /// `[-]d[.ddd]e±XX`: the fraction is zero-padded to `fractionDigits`; the point is written
    /// when there is a fraction or `keepPoint` is set; the exponent has at least
    /// `exponentDigits` digits.
    static func appendScientific(
        _ decimal: DecimalDigits, keepPoint: Bool, fractionDigits: Int, exponentDigits: Int,
        to out: inout [UInt8]
    ) {
        if decimal.negative { out.append(UInt8(ascii: "-")) }
        let digits = decimal.digits
        out.append(UInt8(ascii: "0") &+ (digits.first ?? 0))
        let fraction = max(digits.count - 1, 0)
        if keepPoint || fraction > 0 || fractionDigits > 0 { out.append(UInt8(ascii: ".")) }
        var written = 0
        if fraction > 0 {
            for index in 1..<digits.count {
                out.append(UInt8(ascii: "0") &+ digits[index])
            }
            written = fraction
        }
        while written < fractionDigits {
            out.append(UInt8(ascii: "0"))
            written += 1
        }
        out.append(UInt8(ascii: "e"))
        let power = digits.isEmpty ? 0 : decimal.exponent - 1
        out.append(power < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
        appendDecimal(power.magnitude, minimumDigits: exponentDigits, to: &out)
    }

    /// The decimal digits of `value`, zero-padded on the left to `minimumDigits`.
    static func appendDecimal(_ value: UInt, minimumDigits: Int, to out: inout [UInt8]) {
        var scratch: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                      UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                      UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &scratch) { buffer in
            repeat {
                buffer[count] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
                count += 1
            } while rest > 0
            var padding = minimumDigits - count
            while padding > 0 {
                out.append(UInt8(ascii: "0"))
                padding -= 1
            }
            var index = count - 1
            while index >= 0 {
                out.append(buffer[index])
                index -= 1
            }
        }
    }

    /// The count of digits `appendDecimal` writes for `value` without padding.
    static func decimalDigitCount(_ value: UInt) -> Int {
        var count = 1
        var rest = value
        while rest >= 10 {
            rest /= 10
            count += 1
        }
        return count
    }
}
