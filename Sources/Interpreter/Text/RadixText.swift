import BigInt

/// Binary, octal and hexadecimal text of big magnitudes in linear time: each digit is a
/// fixed group of bits, so no division is needed (BigInt's generic radix conversion is
/// quadratic, which a notebook could turn into a long stall with `1 << 10**7`).
enum RadixText {
    /// The digits of `magnitude` in base 2^bitsPerDigit (1, 3 or 4 bits), lower-case.
    static func string(_ magnitude: BigUInt, bitsPerDigit: Int) -> String {
        let words = Array(magnitude.words)
        let significantBits = magnitude.bitWidth
        let count = max(1, (significantBits + bitsPerDigit - 1) / bitsPerDigit)
        let mask = UInt(1 << bitsPerDigit) - 1
        let alphabet = Array("0123456789abcdef".utf8)
        var out = [UInt8](repeating: 0, count: count)
        for position in 0..<count {
            let offset = position * bitsPerDigit
            let wordIndex = offset / UInt.bitWidth
            let shift = offset % UInt.bitWidth
            var value: UInt = wordIndex < words.count ? words[wordIndex] >> UInt(shift) : 0
            if shift + bitsPerDigit > UInt.bitWidth, wordIndex + 1 < words.count {
                value |= words[wordIndex + 1] << UInt(UInt.bitWidth - shift)
            }
            out[count - 1 - position] = alphabet[Int(value & mask)]
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The magnitude whose base 2^bitsPerDigit digits (most significant first) are `digits`.
    static func magnitude(_ digits: [UInt8], bitsPerDigit: Int) -> BigUInt {
        let totalBits = digits.count * bitsPerDigit
        var words = [UInt](repeating: 0, count: totalBits / UInt.bitWidth + 1)
        for (position, digit) in digits.reversed().enumerated() {
            let offset = position * bitsPerDigit
            let wordIndex = offset / UInt.bitWidth
            let shift = offset % UInt.bitWidth
            words[wordIndex] |= UInt(digit) << UInt(shift)
            if shift + bitsPerDigit > UInt.bitWidth {
                words[wordIndex + 1] |= UInt(digit) >> UInt(UInt.bitWidth - shift)
            }
        }
        return BigUInt(words: words)
    }

    /// Bits per digit for the power-of-two bases, nil for the others.
    static func bitsPerDigit(base: Int) -> Int? {
        switch base {
        case 2: return 1
        case 4: return 2
        case 8: return 3
        case 16: return 4
        case 32: return 5
        default: return nil
        }
    }

    /// `String(value.magnitude, radix: base)`, linear for the power-of-two bases.
    static func digits<T: BinaryInteger>(_ value: T, base: Int) -> String {
        if let bits = bitsPerDigit(base: base), value.magnitude.bitWidth > 256 {
            return string(BigUInt(value.magnitude), bitsPerDigit: bits)
        }
        return String(value.magnitude, radix: base)
    }
}
