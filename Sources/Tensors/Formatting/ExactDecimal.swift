/// Exact comparison of a binary float with a decimal digit string, for the rare rounding ties
/// where the shortest digits are not enough to decide.
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

    /// Every decimal digit of the finite `x` (a binary float is a terminating decimal).
    static func allDigits<T: NumpyFloatingPoint>(of x: T) -> DecimalDigits {
        let (mantissa, binaryExponent) = binaryParts(of: x)
        var decimal = DecimalDigits(negative: x.sign == .minus, digits: [], exponent: 0)
        guard mantissa != 0 else { return decimal }
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
        for (position, chunk) in chunks.reversed().enumerated() {
            var chunkDigits: [UInt8] = []
            var rest = chunk
            for _ in 0..<9 {
                chunkDigits.append(UInt8(truncatingIfNeeded: rest % 10))
                rest /= 10
            }
            var slice = chunkDigits.reversed()[...]
            if position == 0 {
                while let first = slice.first, first == 0 { slice.removeFirst() }
            }
            digits.append(contentsOf: slice)
        }
        decimal.exponent = digits.count - pointShift
        while let last = digits.last, last == 0 { digits.removeLast() }
        decimal.digits = digits
        return decimal
    }

    /// The sign of `|x| − |digits|`: -1, 0 or 1.
    static func compare<T: NumpyFloatingPoint>(magnitudeOf x: T, with decimal: DecimalDigits) -> Int {
        let (mantissa, binaryExponent) = binaryParts(of: x)

        var decimalInteger: UInt64 = 0
        for digit in decimal.digits {
            decimalInteger = decimalInteger &* 10 &+ UInt64(digit)
        }
        let decimalExponent = decimal.exponent - decimal.digits.count

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
