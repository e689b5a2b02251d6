/// The methods of Python's `str` as pure functions over code points.
///
/// Python indexes strings by code point, so every function here works on
/// `String.unicodeScalars`, never on grapheme clusters. Start/end arguments follow
/// CPython's `ADJUST_INDICES`: nil means the string's bound, negatives count from the end.
public enum StrMethods {
    typealias Scalars = [Unicode.Scalar]

    // MARK: - Character classes

    /// `str.isspace` for one code point: Unicode white space plus the ASCII separators
    /// U+001C–U+001F (bidirectional classes B and S).
    public static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x1C...0x20: return true
        case 0..<0x80: return false
        default: return scalar.properties.isWhitespace
        }
    }

    static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    // MARK: - Indices

    /// CPython's `ADJUST_INDICES`: clamps an optional start/end pair to `0...length`.
    public static func adjustIndices(start: Int?, end: Int?, length: Int) -> (start: Int, end: Int) {
        var lower = start ?? 0
        var upper = end ?? length
        if upper > length {
            upper = length
        } else if upper < 0 {
            upper = max(upper &+ length, 0)
        }
        if lower < 0 { lower = max(lower &+ length, 0) }
        return (lower, upper)
    }

    /// First index of `needle` in `haystack[from..<to]`, or nil.
    static func firstIndex(of needle: Scalars, in haystack: Scalars, from: Int, to: Int) -> Int? {
        if needle.isEmpty { return from <= to ? from : nil }
        let last = to - needle.count
        guard from <= last else { return nil }
        let first = needle[0]
        var index = from
        while index <= last {
            if haystack[index] == first {
                var offset = 1
                while offset < needle.count && haystack[index + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return index }
            }
            index += 1
        }
        return nil
    }

    /// Last index of `needle` in `haystack[from..<to]`, or nil.
    static func lastIndex(of needle: Scalars, in haystack: Scalars, from: Int, to: Int) -> Int? {
        if needle.isEmpty { return from <= to ? to : nil }
        var index = to - needle.count
        while index >= from {
            var offset = 0
            while offset < needle.count && haystack[index + offset] == needle[offset] { offset += 1 }
            if offset == needle.count { return index }
            index -= 1
        }
        return nil
    }

    // MARK: - Searching

    /// `s.find(sub, start, end)`: the code-point index of the first match, or -1.
    public static func find(_ text: String, _ sub: String, start: Int? = nil, end: Int? = nil) -> Int {
        let haystack = Array(text.unicodeScalars)
        let bounds = adjustIndices(start: start, end: end, length: haystack.count)
        return firstIndex(of: Array(sub.unicodeScalars), in: haystack, from: bounds.start, to: bounds.end) ?? -1
    }

    /// `s.rfind(sub, start, end)`: the code-point index of the last match, or -1.
    public static func rfind(_ text: String, _ sub: String, start: Int? = nil, end: Int? = nil) -> Int {
        let haystack = Array(text.unicodeScalars)
        let bounds = adjustIndices(start: start, end: end, length: haystack.count)
        return lastIndex(of: Array(sub.unicodeScalars), in: haystack, from: bounds.start, to: bounds.end) ?? -1
    }

    /// `s.index(sub, start, end)`.
    /// - Throws: `TextError` (ValueError) `substring not found`.
    public static func index(_ text: String, _ sub: String, start: Int? = nil, end: Int? = nil) throws -> Int {
        let found = find(text, sub, start: start, end: end)
        if found < 0 { throw TextError.value("substring not found") }
        return found
    }

    /// `s.rindex(sub, start, end)`.
    /// - Throws: `TextError` (ValueError) `substring not found`.
    public static func rindex(_ text: String, _ sub: String, start: Int? = nil, end: Int? = nil) throws -> Int {
        let found = rfind(text, sub, start: start, end: end)
        if found < 0 { throw TextError.value("substring not found") }
        return found
    }

    /// `s.count(sub, start, end)`: non-overlapping matches; an empty `sub` matches
    /// between every pair of code points and at both ends.
    public static func count(_ text: String, _ sub: String, start: Int? = nil, end: Int? = nil) -> Int {
        let haystack = Array(text.unicodeScalars)
        let needle = Array(sub.unicodeScalars)
        let bounds = adjustIndices(start: start, end: end, length: haystack.count)
        if bounds.end - bounds.start < needle.count || bounds.start > haystack.count { return 0 }
        if needle.isEmpty { return bounds.end - bounds.start + 1 }
        var total = 0
        var position = bounds.start
        while let found = firstIndex(of: needle, in: haystack, from: position, to: bounds.end) {
            total += 1
            position = found + needle.count
        }
        return total
    }

    /// `s.startswith(prefix, start, end)` for one prefix; a tuple of prefixes is any of them.
    public static func startsWith(_ text: String, _ prefix: String, start: Int? = nil, end: Int? = nil) -> Bool {
        tailMatch(text, prefix, start: start, end: end, atEnd: false)
    }

    /// `s.endswith(suffix, start, end)` for one suffix; a tuple of suffixes is any of them.
    public static func endsWith(_ text: String, _ suffix: String, start: Int? = nil, end: Int? = nil) -> Bool {
        tailMatch(text, suffix, start: start, end: end, atEnd: true)
    }

    private static func tailMatch(_ text: String, _ sub: String, start: Int?, end: Int?, atEnd: Bool) -> Bool {
        let haystack = Array(text.unicodeScalars)
        let needle = Array(sub.unicodeScalars)
        let bounds = adjustIndices(start: start, end: end, length: haystack.count)
        let last = bounds.end - needle.count
        if last < bounds.start { return false }
        if needle.isEmpty { return true }
        let offset = atEnd ? last : bounds.start
        return haystack[offset..<(offset + needle.count)].elementsEqual(needle)
    }

    // MARK: - Splitting and joining

    /// `s.split(sep, maxsplit)`. With no separator, runs of white space separate and
    /// leading/trailing white space yields no empty strings.
    /// - Throws: `TextError` (ValueError) `empty separator`.
    public static func split(_ text: String, separator: String? = nil, maxSplit: Int = -1) throws -> [String] {
        let scalars = Array(text.unicodeScalars)
        var remainingSplits = maxSplit < 0 ? Int.max : maxSplit
        var parts: [String] = []
        guard let separator else {
            var index = 0
            while true {
                while index < scalars.count && isSpace(scalars[index]) { index += 1 }
                if index == scalars.count { break }
                if remainingSplits == 0 {
                    // CPython keeps the remainder as it is, trailing white space included.
                    parts.append(string(scalars[index...]))
                    break
                }
                let start = index
                while index < scalars.count && !isSpace(scalars[index]) { index += 1 }
                parts.append(string(scalars[start..<index]))
                remainingSplits -= 1
            }
            return parts
        }
        let needle = Array(separator.unicodeScalars)
        if needle.isEmpty { throw TextError.value("empty separator") }
        var start = 0
        while remainingSplits > 0, let found = firstIndex(of: needle, in: scalars, from: start, to: scalars.count) {
            parts.append(string(scalars[start..<found]))
            start = found + needle.count
            remainingSplits -= 1
        }
        parts.append(string(scalars[start...]))
        return parts
    }

    /// `s.rsplit(sep, maxsplit)`: like `split`, counting splits from the right.
    /// - Throws: `TextError` (ValueError) `empty separator`.
    public static func rsplit(_ text: String, separator: String? = nil, maxSplit: Int = -1) throws -> [String] {
        let scalars = Array(text.unicodeScalars)
        var remainingSplits = maxSplit < 0 ? Int.max : maxSplit
        var parts: [String] = []
        guard let separator else {
            var index = scalars.count
            while true {
                while index > 0 && isSpace(scalars[index - 1]) { index -= 1 }
                if index == 0 { break }
                if remainingSplits == 0 {
                    parts.append(string(scalars[..<index]))
                    break
                }
                let end = index
                while index > 0 && !isSpace(scalars[index - 1]) { index -= 1 }
                parts.append(string(scalars[index..<end]))
                remainingSplits -= 1
            }
            return parts.reversed()
        }
        let needle = Array(separator.unicodeScalars)
        if needle.isEmpty { throw TextError.value("empty separator") }
        var end = scalars.count
        while remainingSplits > 0, let found = lastIndex(of: needle, in: scalars, from: 0, to: end) {
            parts.append(string(scalars[(found + needle.count)..<end]))
            end = found
            remainingSplits -= 1
        }
        parts.append(string(scalars[..<end]))
        return parts.reversed()
    }

    /// `sep.join(items)` once the caller has checked that every item is a str
    /// (`sequence item 0: expected str instance, int found` is the caller's message).
    public static func join(_ separator: String, _ items: [String]) -> String {
        items.joined(separator: separator)
    }

    /// `s.splitlines(keepends)`: splits at `\n`, `\r`, `\r\n`, `\v`, `\f`, `\x1c`–`\x1e`,
    /// `\x85`, U+2028 and U+2029.
    public static func splitLines(_ text: String, keepEnds: Bool = false) -> [String] {
        let scalars = Array(text.unicodeScalars)
        var lines: [String] = []
        var start = 0
        var index = 0
        while index < scalars.count {
            guard isLineBreak(scalars[index]) else {
                index += 1
                continue
            }
            var breakEnd = index + 1
            if scalars[index] == "\r" && breakEnd < scalars.count && scalars[breakEnd] == "\n" { breakEnd += 1 }
            lines.append(string(scalars[start..<(keepEnds ? breakEnd : index)]))
            start = breakEnd
            index = breakEnd
        }
        if start < scalars.count { lines.append(string(scalars[start...])) }
        return lines
    }

    /// `s.partition(sep)`: (head, sep, tail), or (s, '', '') when `sep` is absent.
    /// - Throws: `TextError` (ValueError) `empty separator`.
    public static func partition(_ text: String, _ separator: String) throws -> (String, String, String) {
        let scalars = Array(text.unicodeScalars)
        let needle = Array(separator.unicodeScalars)
        if needle.isEmpty { throw TextError.value("empty separator") }
        guard let found = firstIndex(of: needle, in: scalars, from: 0, to: scalars.count) else { return (text, "", "") }
        return (string(scalars[..<found]), separator, string(scalars[(found + needle.count)...]))
    }

    /// `s.rpartition(sep)`: (head, sep, tail), or ('', '', s) when `sep` is absent.
    /// - Throws: `TextError` (ValueError) `empty separator`.
    public static func rpartition(_ text: String, _ separator: String) throws -> (String, String, String) {
        let scalars = Array(text.unicodeScalars)
        let needle = Array(separator.unicodeScalars)
        if needle.isEmpty { throw TextError.value("empty separator") }
        guard let found = lastIndex(of: needle, in: scalars, from: 0, to: scalars.count) else { return ("", "", text) }
        return (string(scalars[..<found]), separator, string(scalars[(found + needle.count)...]))
    }

    // MARK: - Stripping and replacing

    /// `s.strip(chars)`; nil `chars` strips white space.
    public static func strip(_ text: String, _ chars: String? = nil) -> String {
        stripped(text, chars, leading: true, trailing: true)
    }

    /// `s.lstrip(chars)`.
    public static func lstrip(_ text: String, _ chars: String? = nil) -> String {
        stripped(text, chars, leading: true, trailing: false)
    }

    /// `s.rstrip(chars)`.
    public static func rstrip(_ text: String, _ chars: String? = nil) -> String {
        stripped(text, chars, leading: false, trailing: true)
    }

    private static func stripped(_ text: String, _ chars: String?, leading: Bool, trailing: Bool) -> String {
        let scalars = Array(text.unicodeScalars)
        let set = chars.map { Set($0.unicodeScalars) }
        func strippable(_ scalar: Unicode.Scalar) -> Bool { set.map { $0.contains(scalar) } ?? isSpace(scalar) }
        var start = 0
        var end = scalars.count
        if leading { while start < end && strippable(scalars[start]) { start += 1 } }
        if trailing { while end > start && strippable(scalars[end - 1]) { end -= 1 } }
        return string(scalars[start..<end])
    }

    /// `s.replace(old, new, count)`; an empty `old` inserts `new` around every code point.
    public static func replace(_ text: String, _ old: String, _ new: String, count maxCount: Int = -1) -> String {
        let scalars = Array(text.unicodeScalars)
        let needle = Array(old.unicodeScalars)
        let replacement = Array(new.unicodeScalars)
        var remaining = maxCount < 0 ? Int.max : maxCount
        var out = String.UnicodeScalarView()
        if needle.isEmpty {
            for scalar in scalars {
                if remaining > 0 {
                    out.append(contentsOf: replacement)
                    remaining -= 1
                }
                out.append(scalar)
            }
            if remaining > 0 { out.append(contentsOf: replacement) }
            return String(out)
        }
        var position = 0
        while remaining > 0, let found = firstIndex(of: needle, in: scalars, from: position, to: scalars.count) {
            out.append(contentsOf: scalars[position..<found])
            out.append(contentsOf: replacement)
            position = found + needle.count
            remaining -= 1
        }
        out.append(contentsOf: scalars[position...])
        return String(out)
    }

    /// `s.removeprefix(prefix)`.
    public static func removePrefix(_ text: String, _ prefix: String) -> String {
        let scalars = text.unicodeScalars
        let needle = prefix.unicodeScalars
        guard scalars.starts(with: needle) else { return text }
        return String(scalars.dropFirst(needle.count))
    }

    /// `s.removesuffix(suffix)`.
    public static func removeSuffix(_ text: String, _ suffix: String) -> String {
        let scalars = Array(text.unicodeScalars)
        let needle = Array(suffix.unicodeScalars)
        guard !needle.isEmpty, scalars.count >= needle.count, scalars[(scalars.count - needle.count)...].elementsEqual(needle) else { return text }
        return string(scalars[..<(scalars.count - needle.count)])
    }

    static func string<C: Collection>(_ scalars: C) -> String where C.Element == Unicode.Scalar {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }
}
