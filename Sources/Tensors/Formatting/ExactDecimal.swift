/// Exact decimal arithmetic on binary floats, for what the shortest digits cannot answer: the
/// digits past them (numpy's scientific layout pads every element to the longest one's digit
/// count with the value's true digits, so float32 `0.1` beside `1.2345678e-05` is
/// `1.0000000e-01`), and rounding ties at a cutoff.
enum ExactDecimal {
    /// `|x| = mantissa · 2^exponent` for a finite `x`.
    static func binaryParts<T: NumpyFloatingPoint>(of x: T) -> (mantissa: UInt64, exponent: Int) {
        let significandBits = UInt64(truncatingIfNeeded: x.significandBitPattern)
        let exponentBits = Int(truncatingIfNeeded: x.exponentBitPattern)
        let fractionBits = T.significandBitCount
        let bias = (1 << (T.exponentBitCount - 1)) - 1
        let mantissa = exponentBits == 0 ? significandBits : significandBits | (1 << UInt64(fractionBits))
        return (mantissa, (exponentBits == 0 ? 1 : exponentBits) - bias - fractionBits)
    }

    /// Every decimal digit of the finite `|x|` (a binary float is a terminating decimal), as
    /// digit values without leading or trailing zeros, and the exponent that puts the point
    /// before the first digit (`0.d₁d₂… × 10^exponent`).
    static func allDigits<T: NumpyFloatingPoint>(of x: T) -> (digits: [UInt8], exponent: Int) {
        let (mantissa, binaryExponent) = binaryParts(of: x)
        guard mantissa != 0 else { return ([], 0) }
        // x = mantissa·2^b, or mantissa·5^-b / 10^-b when b < 0.
        var integer = LimbInteger(mantissa)
        var pointShift = 0
        if binaryExponent >= 0 {
            integer.shiftLeft(binaryExponent)
        } else {
            integer.multiplyByPowerOfFive(-binaryExponent)
            pointShift = -binaryExponent
        }
        var chunks: [UInt32] = []
        while !integer.limbs.isEmpty {
            chunks.append(integer.divide(by: 1_000_000_000))
        }
        var digits: [UInt8] = []
        digits.reserveCapacity(chunks.count * 9)
        for chunk in chunks.reversed() {
            var divisor: UInt32 = 100_000_000
            while divisor > 0 {
                let digit = UInt8(truncatingIfNeeded: (chunk / divisor) % 10)
                if !(digits.isEmpty && digit == 0) { digits.append(digit) }
                divisor /= 10
            }
        }
        let exponent = digits.count - pointShift
        while let last = digits.last, last == 0 { digits.removeLast() }
        return (digits, exponent)
    }

    /// `x` correctly rounded to `significantDigits` digits (at most 19), ties to even.
    static func rounded<T: NumpyFloatingPoint>(_ x: T, significantDigits: Int) -> DecimalDigits {
        let (digits, exponent) = allDigits(of: x)
        let keep = min(significantDigits, digits.count)
        var integer: UInt64 = 0
        for index in 0..<keep {
            integer = integer &* 10 &+ UInt64(digits[index])
        }
        if keep < digits.count {
            let first = digits[keep]
            // The digits carry no trailing zeros, so any digit after a 5 puts it past half.
            let roundUp = first > 5 || (first == 5 && (keep + 1 < digits.count || integer & 1 == 1))
            if roundUp { integer &+= 1 }
        }
        return DecimalDigits(negative: x.sign == .minus, integer: integer, timesPowerOfTen: exponent - keep)
    }

    /// The sign of `|x| − |digits|`: -1, 0 or 1.
    static func compare<T: NumpyFloatingPoint>(magnitudeOf x: T, with decimal: DecimalDigits) -> Int {
        let (mantissa, binaryExponent) = binaryParts(of: x)

        let decimalInteger = decimal.significand
        let decimalExponent = decimal.exponent - decimal.count

        // Compare mantissa·2^b with integer·10^d = integer·5^d·2^d, clearing the powers of 5
        // onto one side and the powers of 2 onto one side.
        var left = LimbInteger(mantissa)
        var right = LimbInteger(decimalInteger)
        if decimalExponent >= 0 {
            right.multiplyByPowerOfFive(decimalExponent)
        } else {
            left.multiplyByPowerOfFive(-decimalExponent)
        }
        let twos = binaryExponent - decimalExponent
        if twos >= 0 {
            left.shiftLeft(twos)
        } else {
            right.shiftLeft(-twos)
        }
        return LimbInteger.compare(left, right)
    }
}

/// A small unsigned big integer (little-endian 32-bit limbs), just enough for `ExactDecimal`.
struct LimbInteger {
    var limbs: [UInt32]

    init(_ value: UInt64) {
        limbs = [UInt32(truncatingIfNeeded: value), UInt32(truncatingIfNeeded: value >> 32)]
        normalize()
    }

    mutating func normalize() {
        while let last = limbs.last, last == 0 { limbs.removeLast() }
    }

    mutating func multiply(by factor: UInt32) {
        var carry: UInt64 = 0
        for index in limbs.indices {
            let product = UInt64(limbs[index]) &* UInt64(factor) &+ carry
            limbs[index] = UInt32(truncatingIfNeeded: product)
            carry = product >> 32
        }
        if carry != 0 { limbs.append(UInt32(truncatingIfNeeded: carry)) }
    }

    /// Divides in place and returns the remainder.
    mutating func divide(by divisor: UInt32) -> UInt32 {
        var remainder: UInt64 = 0
        var index = limbs.count - 1
        while index >= 0 {
            let current = (remainder << 32) | UInt64(limbs[index])
            limbs[index] = UInt32(truncatingIfNeeded: current / UInt64(divisor))
            remainder = current % UInt64(divisor)
            index -= 1
        }
        normalize()
        return UInt32(truncatingIfNeeded: remainder)
    }

    mutating func multiplyByPowerOfFive(_ power: Int) {
        var remaining = power
        // 5^13 is the largest power of five that fits in 32 bits.
        while remaining >= 13 {
            multiply(by: 1_220_703_125)
            remaining -= 13
        }
        var factor: UInt32 = 1
        while remaining > 0 {
            factor &*= 5
            remaining -= 1
        }
        if factor != 1 { multiply(by: factor) }
    }

    mutating func shiftLeft(_ bits: Int) {
        guard bits > 0, !limbs.isEmpty else { return }
        let whole = bits / 32
        let part = UInt32(bits % 32)
        if part != 0 {
            var carry: UInt32 = 0
            for index in limbs.indices {
                let limb = limbs[index]
                limbs[index] = (limb << part) | carry
                carry = limb >> (32 - part)
            }
            if carry != 0 { limbs.append(carry) }
        }
        if whole > 0 {
            limbs.insert(contentsOf: repeatElement(0, count: whole), at: 0)
        }
    }

    static func compare(_ a: LimbInteger, _ b: LimbInteger) -> Int {
        if a.limbs.count != b.limbs.count { return a.limbs.count < b.limbs.count ? -1 : 1 }
        var index = a.limbs.count - 1
        while index >= 0 {
            if a.limbs[index] != b.limbs[index] { return a.limbs[index] < b.limbs[index] ? -1 : 1 }
            index -= 1
        }
        return 0
    }
}
