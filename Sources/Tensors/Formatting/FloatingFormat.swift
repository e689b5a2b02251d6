/// numpy's `FloatingFormat` with its default options (`floatmode='maxprec'`, `precision=8`,
/// `suppress=False`, `sign='-'`): one layout shared by every element an array shows.
struct FloatingFormat<T: NumpyFloatingPoint> {
    /// numpy's default `precision` print option.
    static var maximumPrecision: Int { 8 }

    private(set) var scientific = false
    private(set) var padLeft = 0
    private(set) var padRight = 0
    /// Fraction digits of every element in scientific mode.
    private(set) var precision = 0
    /// Exponent digits in scientific mode.
    private(set) var exponentSize = 0

    /// Each finite value's digits, kept from choosing the layout for writing the elements.
    private var decimals: [DecimalDigits] = []

    /// Chooses the layout from the elements the array shows (the edges when summarised).
    init(_ values: [T]) {
        var hasFinite = false
        var hasNonFinite = false
        var hasNegativeInfinity = false
        var maxMagnitude: T = 0
        var minMagnitude: T = .infinity
        for value in values {
            guard value.isFinite else {
                hasNonFinite = true
                if value.isInfinite && value < 0 { hasNegativeInfinity = true }
                continue
            }
            hasFinite = true
            let magnitude = value.magnitude
            if magnitude != 0 {
                if magnitude > maxMagnitude { maxMagnitude = magnitude }
                if magnitude < minMagnitude { minMagnitude = magnitude }
            }
        }
        if maxMagnitude != 0 {
            // Compared in the element type, as numpy compares a float32 with Python floats.
            scientific = maxMagnitude >= T.scientificCutoff
                || minMagnitude < T(0.0001)
                || maxMagnitude / minMagnitude > 1000
        }
        if hasFinite {
            decimals.reserveCapacity(values.count)
            if scientific {
                var longestExponent = 0
                for value in values {
                    guard value.isFinite else {
                        decimals.append(.zero)
                        continue
                    }
                    let decimal = Self.scientificDigits(value, precision: Self.maximumPrecision)
                    decimals.append(decimal)
                    precision = max(precision, max(decimal.digits.count - 1, 0))
                    padLeft = max(padLeft, decimal.negative ? 2 : 1)
                    let power = decimal.isZero ? 0 : decimal.exponent - 1
                    longestExponent = max(longestExponent, max(FloatText.decimalDigitCount(power.magnitude), 2))
                }
                exponentSize = longestExponent
                padRight = exponentSize + 2 + precision
            } else {
                for value in values {
                    guard value.isFinite else {
                        decimals.append(.zero)
                        continue
                    }
                    let decimal = Self.positionalDigits(value)
                    decimals.append(decimal)
                    let integerDigits = max(decimal.exponent, 1)
                    padLeft = max(padLeft, integerDigits + (decimal.negative ? 1 : 0))
                    padRight = max(padRight, FloatText.positionalFractionCount(decimal))
                }
            }
        }
        if hasNonFinite {
            let offset = padRight + 1
            padLeft = max(padLeft, 3 - offset, 3 + (hasNegativeInfinity ? 1 : 0) - offset)
        }
    }

    /// The shortest digits cut at `precision` fraction digits of the mantissa.
    static func scientificDigits(_ value: T, precision: Int) -> DecimalDigits {
        var decimal = DecimalDigits(shortest: value)
        decimal.round(keeping: 1 + precision, of: value)
        return decimal
    }

    /// The digits of `value` correctly rounded to `1 + precision` significant digits — what
    /// Dragon4 gives with `min_digits = precision`: past its shortest digits it goes on with the
    /// exact value's digits. `shortest` is the value's shortest digits cut at
    /// `maximumPrecision`, when known.
    static func scientificDigits(_ value: T, exactlyRoundedTo precision: Int, shortest: DecimalDigits?) -> DecimalDigits {
        let wanted = 1 + precision
        var decimal = shortest ?? scientificDigits(value, precision: maximumPrecision)
        // Zero, or the shortest digits already have that length (the closest decimal of a
        // length is the correct rounding to that length).
        if decimal.isZero || decimal.digits.count == wanted { return decimal }
        if decimal.digits.count > wanted {
            decimal.round(keeping: wanted, of: value)
            return decimal
        }
        decimal = ExactDecimal.allDigits(of: value)
        decimal.round(keeping: wanted, of: value, exact: true)
        return decimal
    }

    /// The shortest digits cut at `maximumPrecision` digits past the point.
    static func positionalDigits(_ value: T) -> DecimalDigits {
        var decimal = DecimalDigits(shortest: value)
        if !decimal.isZero {
            decimal.round(keeping: decimal.exponent + maximumPrecision, of: value)
        }
        return decimal
    }

    /// Appends `values[index]` of the values the layout was chosen from, padded to the common
    /// width.
    func append(_ value: T, at index: Int, to out: inout [UInt8]) {
        guard value.isFinite else {
            let text = value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf")
            let width = padLeft + padRight + 1
            for _ in 0..<max(width - text.utf8.count, 0) { out.append(UInt8(ascii: " ")) }
            out.append(contentsOf: text.utf8)
            return
        }
        if scientific {
            let decimal = Self.scientificDigits(
                value, exactlyRoundedTo: precision, shortest: index < decimals.count ? decimals[index] : nil)
            for _ in 0..<max(padLeft - (decimal.negative ? 2 : 1), 0) { out.append(UInt8(ascii: " ")) }
            FloatText.appendScientific(
                decimal, keepPoint: true, fractionDigits: precision, exponentDigits: exponentSize, to: &out)
        } else {
            let decimal = index < decimals.count ? decimals[index] : Self.positionalDigits(value)
            let integerWidth = max(decimal.exponent, 1) + (decimal.negative ? 1 : 0)
            for _ in 0..<max(padLeft - integerWidth, 0) { out.append(UInt8(ascii: " ")) }
            FloatText.appendPositional(decimal, minimumFractionDigits: 0, to: &out)
            for _ in 0..<max(padRight - FloatText.positionalFractionCount(decimal), 0) {
                out.append(UInt8(ascii: " "))
            }
        }
    }
}
