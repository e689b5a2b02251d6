extension StrMethods {
    // MARK: - Case mapping

    /// `s.upper()` with full case mappings (`ß` → `SS`).
    public static func upper(_ text: String) -> String {
        if let ascii = asciiMapped(text, from: 0x61...0x7A, shift: -32) { return ascii }
        return mapped(text) { scalar, _, _ in Array(scalar.properties.uppercaseMapping.unicodeScalars) }
    }

    /// `s.lower()`, with the final-sigma rule CPython applies to U+03A3.
    public static func lower(_ text: String) -> String {
        if let ascii = asciiMapped(text, from: 0x41...0x5A, shift: 32) { return ascii }
        return mapped(text) { scalar, scalars, index in lowerMapping(scalar, scalars, index) }
    }

    /// `s.casefold()`.
    public static func casefold(_ text: String) -> String {
        mapped(text) { scalar, _, _ in
            if let folded = CaseFolding.exceptions[scalar.value] { return folded }
            return Array(scalar.properties.lowercaseMapping.unicodeScalars)
        }
    }

    /// `s.swapcase()`: upper-case code points lowered, lower-case ones raised.
    public static func swapcase(_ text: String) -> String {
        mapped(text) { scalar, scalars, index in
            if scalar.properties.isUppercase { return lowerMapping(scalar, scalars, index) }
            if scalar.properties.isLowercase { return Array(scalar.properties.uppercaseMapping.unicodeScalars) }
            return [scalar]
        }
    }

    /// `s.title()`: title-cases a code point after an uncased one, lowers it after a cased one.
    public static func title(_ text: String) -> String {
        var previousCased = false
        return mapped(text) { scalar, scalars, index in
            let result = previousCased ? lowerMapping(scalar, scalars, index) : Array(scalar.properties.titlecaseMapping.unicodeScalars)
            previousCased = scalar.properties.isCased
            return result
        }
    }

    /// `s.capitalize()`: the first code point title-cased, the rest lowered.
    public static func capitalize(_ text: String) -> String {
        mapped(text) { scalar, scalars, index in
            index == 0 ? Array(scalar.properties.titlecaseMapping.unicodeScalars) : lowerMapping(scalar, scalars, index)
        }
    }

    /// The byte-wise mapping of an all-ASCII text, or nil when it has other code points.
    private static func asciiMapped(_ text: String, from range: ClosedRange<UInt8>, shift: Int) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            guard byte < 0x80 else { return nil }
            bytes.append(range.contains(byte) ? UInt8(Int(byte) + shift) : byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func mapped(_ text: String, _ transform: (Unicode.Scalar, [Unicode.Scalar], Int) -> [Unicode.Scalar]) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            out.append(contentsOf: transform(scalar, scalars, index))
        }
        return String(out)
    }

    /// Lower-case mapping of `scalars[index]`, choosing final sigma by its neighbours.
    private static func lowerMapping(_ scalar: Unicode.Scalar, _ scalars: [Unicode.Scalar], _ index: Int) -> [Unicode.Scalar] {
        if scalar.value == 0x03A3 { return [finalSigma(scalars, index) ? "\u{03C2}" : "\u{03C3}"] }
        return Array(scalar.properties.lowercaseMapping.unicodeScalars)
    }

    /// CPython's `handle_capital_sigma`: final when a cased letter precedes (skipping
    /// case-ignorable ones) and none follows.
    private static func finalSigma(_ scalars: [Unicode.Scalar], _ index: Int) -> Bool {
        var before = index - 1
        while before >= 0 && scalars[before].properties.isCaseIgnorable { before -= 1 }
        let casedBefore = before >= 0 && scalars[before].properties.isCased
        var after = index + 1
        while after < scalars.count && scalars[after].properties.isCaseIgnorable { after += 1 }
        let casedAfter = after < scalars.count && scalars[after].properties.isCased
        return casedBefore && !casedAfter
    }

    // MARK: - Predicates

    /// `s.isupper()`: some cased code point and no lower- or title-case one.
    public static func isUpper(_ text: String) -> Bool {
        var cased = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isLowercase || scalar.properties.generalCategory == .titlecaseLetter { return false }
            if scalar.properties.isUppercase { cased = true }
        }
        return cased
    }

    /// `s.islower()`: some cased code point and no upper- or title-case one.
    public static func isLower(_ text: String) -> Bool {
        var cased = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isUppercase || scalar.properties.generalCategory == .titlecaseLetter { return false }
            if scalar.properties.isLowercase { cased = true }
        }
        return cased
    }

    /// `s.istitle()`: upper/title-case code points only after uncased ones, lower-case
    /// ones only after cased ones, and at least one cased code point.
    public static func isTitle(_ text: String) -> Bool {
        var cased = false
        var previousCased = false
        for scalar in text.unicodeScalars {
            let properties = scalar.properties
            if properties.isUppercase || properties.generalCategory == .titlecaseLetter {
                if previousCased { return false }
                previousCased = true
                cased = true
            } else if properties.isLowercase {
                if !previousCased { return false }
                previousCased = true
                cased = true
            } else {
                previousCased = false
            }
        }
        return cased
    }

    /// `s.isspace()`.
    public static func isSpace(_ text: String) -> Bool { all(text, isSpace) }

    /// `s.isalpha()`: every code point a letter (categories Lu, Ll, Lt, Lm, Lo).
    public static func isAlpha(_ text: String) -> Bool { all(text, isAlpha) }

    /// `s.isdecimal()`: every code point a decimal digit (Numeric_Type=Decimal).
    public static func isDecimal(_ text: String) -> Bool { all(text) { $0.properties.numericType == .decimal } }

    /// `s.isdigit()`: every code point has Numeric_Type Decimal or Digit.
    public static func isDigit(_ text: String) -> Bool {
        all(text) { $0.properties.numericType == .decimal || $0.properties.numericType == .digit }
    }

    /// `s.isnumeric()`: every code point has a Numeric_Type.
    public static func isNumeric(_ text: String) -> Bool { all(text) { $0.properties.numericType != nil } }

    /// `s.isalnum()`: every code point alphabetic or numeric.
    public static func isAlnum(_ text: String) -> Bool { all(text) { isAlpha($0) || $0.properties.numericType != nil } }

    /// `s.isascii()`: true for the empty string too.
    public static func isASCII(_ text: String) -> Bool { text.unicodeScalars.allSatisfy { $0.value < 0x80 } }

    /// `s.isprintable()`: true for the empty string too.
    public static func isPrintable(_ text: String) -> Bool { text.unicodeScalars.allSatisfy(StrRepr.isPrintable) }

    /// `s.isidentifier()`: XID_Start or `_`, then XID_Continue.
    public static func isIdentifier(_ text: String) -> Bool {
        var first = true
        for scalar in text.unicodeScalars {
            if first {
                guard scalar == "_" || scalar.properties.isXIDStart else { return false }
                first = false
            } else if !scalar.properties.isXIDContinue {
                return false
            }
        }
        return !first
    }

    static func isAlpha(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    private static func all(_ text: String, _ predicate: (Unicode.Scalar) -> Bool) -> Bool {
        var any = false
        for scalar in text.unicodeScalars {
            if !predicate(scalar) { return false }
            any = true
        }
        return any
    }
}
