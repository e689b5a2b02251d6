/// The decimal digits of a finite float: `±0.d₁d₂…dₙ × 10^exponent`, with `d₁ ≠ 0` and no
/// trailing zero digit. Zero has no digits.
///
/// numpy lays every float out from such a digit string (its Dragon4 generates the shortest
/// digits that round-trip in the value's own type, optionally cut at a precision). Swift's
/// `description` produces the same shortest digits, so they are taken from it and re-laid out.
struct DecimalDigits: Sendable {
    var negative: Bool
    /// Digit values 0…9 (not ASCII).
    var digits: [UInt8]
    var exponent: Int

    var isZero: Bool { digits.isEmpty }

    /// A positive zero, standing in for values that have no digits (nan, inf).
    static var zero: DecimalDigits { DecimalDigits(negative: false, digits: [], exponent: 0) }

    init(negative: Bool, digits: [UInt8], exponent: Int) {
        self.negative = negative
        self.digits = digits
        self.exponent = exponent
    }

    /// The shortest round-trip digits of `x` in its own type; `x` must be finite.
    init<T: NumpyFloatingPoint>(shortest x: T) {
        negative = x.sign == .minus
        digits = []
        exponent = 0
        guard x != 0 else { return }
        digits.reserveCapacity(17)
        var pointSeen = false
        var digitsBeforePoint = 0
        var explicitExponent = 0
        var exponentNegative = false
        var inExponent = false
        for byte in x.magnitude.description.utf8 {
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
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let digit = byte &- UInt8(ascii: "0")
                if digits.isEmpty && digit == 0 {
                    // A leading zero only moves the point when it follows it.
                    if pointSeen { digitsBeforePoint &-= 1 }
                } else {
                    digits.append(digit)
                    if !pointSeen { digitsBeforePoint &+= 1 }
                }
            case UInt8(ascii: "."): pointSeen = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"): inExponent = true
            default: break
            }
        }
        while let last = digits.last, last == 0 { digits.removeLast() }
        exponent = digitsBeforePoint &+ (exponentNegative ? -explicitExponent : explicitExponent)
    }

    /// Keeps the first `keep` digits, rounding on the exact binary value `x` the digits stand
    /// for, ties to an even last digit — what Dragon4 does when it reaches its cutoff before
    /// the digits are unique.
    ///
    /// Rounding the shortest digits gives the same answer as rounding the exact value unless
    /// the dropped tail is exactly one half (a rounding midpoint strictly between the value and
    /// its shortest digits would itself be a shorter or closer round-trip string); only that
    /// case needs the exact comparison.
    ///
    /// When `digits` already hold every digit of the value (`exact`), a lone tail `5` is a true
    /// tie and needs no comparison.
    mutating func round<T: NumpyFloatingPoint>(keeping keep: Int, of x: T, exact: Bool = false) {
        guard keep < digits.count else { return }
        guard keep >= 0 else {
            digits.removeAll()
            return
        }
        let first = digits[keep]
        var roundUp: Bool
        if first != 5 {
            roundUp = first > 5
        } else if keep &+ 1 < digits.count {
            roundUp = true
        } else {
            let order = exact ? 0 : ExactDecimal.compare(magnitudeOf: x, with: self)
            if order == 0 {
                let previous = keep > 0 ? digits[keep &- 1] : 0
                roundUp = previous & 1 == 1
            } else {
                roundUp = order > 0
            }
        }
        digits.removeSubrange(keep...)
        if roundUp {
            var index = keep &- 1
            while index >= 0 && digits[index] == 9 {
                digits[index] = 0
                index &-= 1
            }
            if index >= 0 {
                digits[index] &+= 1
            } else {
                digits.insert(1, at: 0)
                exponent &+= 1
            }
        }
        while let last = digits.last, last == 0 { digits.removeLast() }
    }
}
