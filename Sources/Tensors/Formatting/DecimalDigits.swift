/// The decimal digits of a finite float: `±significand × 10^(exponent − count)`, where
/// `significand` has `count` digits and no trailing zero, so `exponent` is the position of the
/// point after the first digit counts (`0.d₁d₂…dₙ × 10^exponent`). Zero has no digits.
///
/// numpy lays every float out from such a digit string (its Dragon4 generates the shortest
/// digits that round-trip in the value's own type, optionally cut at a precision). Swift's
/// `description` produces the same shortest digits, so they are taken from it and re-laid out.
/// The digits live in one integer (at most 17 of them), so formatting an element allocates
/// nothing.
struct DecimalDigits: Sendable, Equatable {
    var negative: Bool
    var significand: UInt64
    var count: Int
    var exponent: Int

    var isZero: Bool { count == 0 }

    /// A positive zero, standing in for values that have no digits (nan, inf).
    static var zero: DecimalDigits { DecimalDigits(negative: false, integer: 0, timesPowerOfTen: 0) }

    /// `±integer × 10^power`.
    init(negative: Bool, integer: UInt64, timesPowerOfTen power: Int) {
        self.negative = negative
        var significand = integer
        var count = 0
        var rest = integer
        while rest > 0 {
            rest /= 10
            count += 1
        }
        exponent = integer == 0 ? 0 : count &+ power
        while significand != 0 && significand % 10 == 0 {
            significand /= 10
            count -= 1
        }
        self.significand = significand
        self.count = count
    }

    /// The shortest round-trip digits of `x` in its own type; `x` must be finite.
    init<T: NumpyFloatingPoint>(shortest x: T) {
        negative = x.sign == .minus
        significand = 0
        count = 0
        exponent = 0
        guard x != 0 else { return }
        var text = x.magnitude.description
        (significand, count, exponent) = text.withUTF8(Self.parse)
    }

    /// Reads Swift's float text (`0.001`, `123.45`, `1.5e-05`, `1e+16`) of a positive value.
    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, Int, Int) {
        var significand: UInt64 = 0
        var count = 0
        var seenNonZero = false
        var pendingZeros = 0
        var pointSeen = false
        var digitsBeforePoint = 0
        var explicitExponent = 0
        var exponentNegative = false
        var inExponent = false
        for byte in bytes {
            if inExponent {
                switch byte {
                case UInt8(ascii: "-"): exponentNegative = true
                case UInt8(ascii: "0")...UInt8(ascii: "9"):
                    explicitExponent = explicitExponent &* 10 &+ Int(byte &- UInt8(ascii: "0"))
                default: break
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "0"):
                if seenNonZero {
                    // Held back so trailing zeros never enter the significand.
                    pendingZeros &+= 1
                    if !pointSeen { digitsBeforePoint &+= 1 }
                } else if pointSeen {
                    // A leading zero only moves the point when it follows it.
                    digitsBeforePoint &-= 1
                }
            case UInt8(ascii: "1")...UInt8(ascii: "9"):
                for _ in 0..<pendingZeros {
                    significand = significand &* 10
                    count &+= 1
                }
                pendingZeros = 0
                significand = significand &* 10 &+ UInt64(byte &- UInt8(ascii: "0"))
                count &+= 1
                seenNonZero = true
                if !pointSeen { digitsBeforePoint &+= 1 }
            case UInt8(ascii: "."): pointSeen = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"): inExponent = true
            default: break
            }
        }
        return (significand, count, digitsBeforePoint &+ (exponentNegative ? -explicitExponent : explicitExponent))
    }

    /// The digit at `index` counted from the most significant; 0 outside the digits.
    func digit(at index: Int) -> UInt8 {
        guard index >= 0 && index < count else { return 0 }
        return UInt8(truncatingIfNeeded: (significand / Self.powerOfTen(count - 1 - index)) % 10)
    }

    /// `10^power` for `0 <= power <= 19`.
    static func powerOfTen(_ power: Int) -> UInt64 {
        var result: UInt64 = 1
        for _ in 0..<max(power, 0) { result = result &* 10 }
        return result
    }

    /// Keeps the first `keep` digits, rounding on the exact binary value `x` the digits stand
    /// for, ties to an even last digit — what Dragon4 does when it reaches its cutoff before
    /// the digits are unique.
    ///
    /// Rounding the shortest digits gives the same answer as rounding the exact value unless
    /// the dropped tail is exactly one half (a rounding midpoint strictly between the value and
    /// its shortest digits would itself be a shorter or closer round-trip string); only that
    /// case needs the exact comparison.
    mutating func round<T: NumpyFloatingPoint>(keeping keep: Int, of x: T) {
        guard keep < count else { return }
        guard keep >= 0 else {
            self = DecimalDigits(negative: negative, integer: 0, timesPowerOfTen: 0)
            return
        }
        let divisor = Self.powerOfTen(count - keep)
        var kept = significand / divisor
        let dropped = significand % divisor
        let half = divisor / 2
        var roundUp = dropped > half
        if dropped == half {
            let order = ExactDecimal.compare(magnitudeOf: x, with: self)
            roundUp = order == 0 ? kept & 1 == 1 : order > 0
        }
        if roundUp { kept &+= 1 }
        self = DecimalDigits(negative: negative, integer: kept, timesPowerOfTen: exponent - keep)
    }
}
