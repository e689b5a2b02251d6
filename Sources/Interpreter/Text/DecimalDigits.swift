import BigInt

/// Decimal digits of a finite double, as David Gay's `dtoa` hands them to CPython:
/// the value is `0.d1d2…dn × 10^decimalPoint`, `digits` has no trailing zeros,
/// and an empty `digits` means the value rounded to zero.
struct DecimalDigits: Equatable, Sendable {
    var digits: [UInt8]
    var decimalPoint: Int
    var isNegative: Bool

    /// The shortest digits that read back as `value` (dtoa mode 0, what `repr` shows).
    ///
    /// Swift's `description` already produces the shortest round-trip digits, picking
    /// the candidate closest to the exact value exactly as dtoa does; only the layout differs.
    static func shortest(_ value: Double) -> DecimalDigits {
        let negative = value.sign == .minus
        if value == 0 { return DecimalDigits(digits: [0], decimalPoint: 1, isNegative: negative) }
        let text = value.magnitude.description
        var mantissa: [UInt8] = []
        var pointPosition: Int? = nil
        var exponent = 0
        var index = text.utf8.startIndex
        let utf8 = text.utf8
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: ".") {
                pointPosition = mantissa.count
            } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                exponent = Int(String(text[text.index(after: index)...])) ?? 0
                break
            } else if byte >= 48 && byte <= 57 {
                mantissa.append(byte - 48)
            }
            index = utf8.index(after: index)
        }
        var point = (pointPosition ?? mantissa.count) + exponent
        while let first = mantissa.first, first == 0, mantissa.count > 1 {
            mantissa.removeFirst()
            point -= 1
        }
        while let last = mantissa.last, last == 0, mantissa.count > 1 {
            mantissa.removeLast()
        }
        return DecimalDigits(digits: mantissa, decimalPoint: point, isNegative: negative)
    }

    /// `value` correctly rounded (half to even, on its exact binary value) to
    /// `count` significant digits (dtoa mode 2). `count` must be at least 1.
    static func significant(_ value: Double, count: Int) -> DecimalDigits {
        let negative = value.sign == .minus
        if value == 0 { return DecimalDigits(digits: [0], decimalPoint: 1, isNegative: negative) }
        let (numerator, denominator) = exactFraction(value.magnitude)
        // Decimal exponent k with 10^(k-1) <= |value| < 10^k, estimated then corrected.
        var k = Int((log10Estimate(value.magnitude)).rounded(.down)) + 1
        while compare(numerator, denominator, power: k) >= 0 { k += 1 }
        while compare(numerator, denominator, power: k - 1) < 0 { k -= 1 }
        let shift = count - k
        var rounded = roundedQuotient(numerator, denominator, decimalShift: shift)
        if rounded == BigUInt(10).power(count) {
            rounded = BigUInt(10).power(count - 1)
            k += 1
        }
        return DecimalDigits(digits: stripped(rounded), decimalPoint: k, isNegative: negative)
    }

    /// `value` correctly rounded (half to even) to `places` digits after the point
    /// (dtoa mode 3). `places` may be zero.
    static func fixed(_ value: Double, places: Int) -> DecimalDigits {
        let negative = value.sign == .minus
        if value == 0 { return DecimalDigits(digits: [0], decimalPoint: 1, isNegative: negative) }
        let (numerator, denominator) = exactFraction(value.magnitude)
        let rounded = roundedQuotient(numerator, denominator, decimalShift: places)
        if rounded.isZero { return DecimalDigits(digits: [], decimalPoint: -places, isNegative: negative) }
        let text = rounded.description
        return DecimalDigits(digits: stripped(rounded), decimalPoint: text.utf8.count - places, isNegative: negative)
    }

    /// The exact value of a finite positive double as numerator / denominator (a power of two).
    private static func exactFraction(_ magnitude: Double) -> (BigUInt, BigUInt) {
        let significand = BigUInt(magnitude.significandBitPattern) + (magnitude.isNormal ? BigUInt(1) << 52 : 0)
        let exponent = (magnitude.isNormal ? Int(magnitude.exponentBitPattern) : 1) - 1075
        if exponent >= 0 { return (significand << exponent, 1) }
        return (significand, BigUInt(1) << (-exponent))
    }

    /// An estimate of log10 within one unit, from the binary exponent alone; the
    /// callers' correction loops make it exact.
    private static func log10Estimate(_ magnitude: Double) -> Double {
        Double(Int(magnitude.exponent)) * 0.30102999566398120
    }

    /// Sign of numerator/denominator − 10^power.
    private static func compare(_ numerator: BigUInt, _ denominator: BigUInt, power: Int) -> Int {
        let left: BigUInt
        let right: BigUInt
        if power >= 0 {
            left = numerator
            right = denominator * BigUInt(10).power(power)
        } else {
            left = numerator * BigUInt(10).power(-power)
            right = denominator
        }
        return left < right ? -1 : (left == right ? 0 : 1)
    }

    /// round_half_even(numerator / denominator × 10^decimalShift).
    private static func roundedQuotient(_ numerator: BigUInt, _ denominator: BigUInt, decimalShift: Int) -> BigUInt {
        var top = numerator
        var bottom = denominator
        if decimalShift >= 0 { top *= BigUInt(10).power(decimalShift) } else { bottom *= BigUInt(10).power(-decimalShift) }
        let (quotient, remainder) = top.quotientAndRemainder(dividingBy: bottom)
        let twice = remainder << 1
        if twice > bottom || (twice == bottom && quotient[bitAt: 0]) { return quotient + 1 }
        return quotient
    }

    private static func stripped(_ number: BigUInt) -> [UInt8] {
        var digits = number.description.utf8.map { $0 - 48 }
        while let last = digits.last, last == 0, digits.count > 1 { digits.removeLast() }
        return digits
    }
}
