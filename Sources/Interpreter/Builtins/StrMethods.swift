/// The methods of `str`. Each closure unpacks Python arguments and calls a plain Swift string
/// algorithm; the algorithms may live in `Text/` as pure functions over Swift strings.
extension Builtin {
    static func string(_ args: Arguments, _ method: String) throws -> String {
        try receiver(args, "str", method) { v -> String? in
            if case .str(let s) = v { return s.value }
            return nil
        }
    }

    static func strArgument(_ v: Value?, _ method: String, _ position: Int) throws -> String? {
        guard let v, !v.isNone else { return nil }
        guard case .str(let s) = v else { throw PyError.type("\(method)() argument \(position) must be str, not \(v.typeName)") }
        return s.value
    }

    static func intArgument(_ interp: Interpreter, _ v: Value?) throws -> Int? {
        guard let v else { return nil }
        guard let i = try interp.indexValue(v) else { throw PyError.type("'\(v.typeName)' object cannot be interpreted as an integer") }
        return i
    }

    static func defineStr(_ name: String, _ body: @escaping (Interpreter, String, Arguments) throws -> Value) {
        strType.define(name) { interp, args in try body(interp, try string(args, name), rest(args)) }
    }

    static func predicate(_ name: String, _ test: @escaping (String) -> Bool) {
        defineStr(name) { _, s, args in
            try args.expect("str.\(name)", min: 0, max: 0)
            return .bool(test(s))
        }
    }

    /// Resolves `start`/`end` arguments against the string's code points.
    static func window(_ interp: Interpreter, _ scalars: [Unicode.Scalar], _ a: Value?, _ b: Value?) throws -> (Int, Int) {
        let n = scalars.count
        func bound(_ v: Value?, _ d: Int) throws -> Int {
            guard let v, !v.isNone else { return d }
            guard var i = try interp.indexValue(v) else {
                throw PyError.type("slice indices must be integers or None or have an __index__ method")
            }
            if i < 0 { i = max(0, i + n) }
            return min(i, n)
        }
        return (try bound(a, 0), try bound(b, n))
    }

    static func find(_ haystack: ArraySlice<Unicode.Scalar>, _ needle: [Unicode.Scalar], reverse: Bool) -> Int? {
        let h = Array(haystack)
        if needle.isEmpty { return reverse ? h.count : 0 }
        if needle.count > h.count { return nil }
        let positions = reverse ? Array((0...(h.count - needle.count)).reversed()) : Array(0...(h.count - needle.count))
        for i in positions where h[i] == needle[0] {
            var match = true
            for j in 1..<needle.count where h[i + j] != needle[j] {
                match = false
                break
            }
            if match { return i }
        }
        return nil
    }

    static func stripSet(_ chars: String?) -> (Unicode.Scalar) -> Bool {
        if let chars {
            let set = Set(chars.unicodeScalars)
            return { set.contains($0) }
        }
        return { $0.properties.isWhitespace }
    }

    static func split(_ s: String, _ sep: String?, _ maxsplit: Int, reverse: Bool) throws -> [String] {
        let scalars = Array(s.unicodeScalars)
        var parts: [String] = []
        if let sep {
            let needle = Array(sep.unicodeScalars)
            if needle.isEmpty { throw PyError.value("empty separator") }
            if !reverse {
                var start = 0
                var i = 0
                while i + needle.count <= scalars.count, maxsplit < 0 || parts.count < maxsplit {
                    if Array(scalars[i..<(i + needle.count)]) == needle {
                        parts.append(String(scalars: scalars[start..<i]))
                        i += needle.count
                        start = i
                    } else {
                        i += 1
                    }
                }
                parts.append(String(scalars: scalars[start...]))
                return parts
            }
            var end = scalars.count
            var i = scalars.count - needle.count
            while i >= 0, maxsplit < 0 || parts.count < maxsplit {
                if Array(scalars[i..<(i + needle.count)]) == needle {
                    parts.append(String(scalars: scalars[(i + needle.count)..<end]))
                    end = i
                    i -= needle.count
                } else {
                    i -= 1
                }
            }
            parts.append(String(scalars: scalars[0..<end]))
            return parts.reversed()
        }
        // Whitespace splitting drops empty pieces.
        let ws: (Unicode.Scalar) -> Bool = { $0.properties.isWhitespace }
        if !reverse {
            var i = 0
            while i < scalars.count {
                while i < scalars.count, ws(scalars[i]) { i += 1 }
                if i >= scalars.count { break }
                if maxsplit >= 0 && parts.count == maxsplit {
                    var end = scalars.count
                    while end > i, ws(scalars[end - 1]) { end -= 1 }
                    parts.append(String(scalars: scalars[i..<end]))
                    break
                }
                let start = i
                while i < scalars.count, !ws(scalars[i]) { i += 1 }
                parts.append(String(scalars: scalars[start..<i]))
            }
            return parts
        }
        var i = scalars.count
        while i > 0 {
            while i > 0, ws(scalars[i - 1]) { i -= 1 }
            if i == 0 { break }
            if maxsplit >= 0 && parts.count == maxsplit {
                var start = 0
                while start < i, ws(scalars[start]) { start += 1 }
                parts.append(String(scalars: scalars[start..<i]))
                break
            }
            let end = i
            while i > 0, !ws(scalars[i - 1]) { i -= 1 }
            parts.append(String(scalars: scalars[i..<end]))
        }
        return parts.reversed()
    }

    static func pad(_ s: String, _ interp: Interpreter, _ args: Arguments, _ name: String, _ align: Character) throws -> Value {
        try args.noKeywords(name)
        guard args.positional.count == 1 || args.positional.count == 2 else {
            throw PyError.type("\(name) expected at least 1 argument, got \(args.positional.count)")
        }
        let width = try intArgument(interp, args[0]) ?? 0
        var fill: Unicode.Scalar = " "
        if let f = args[1] {
            guard case .str(let fs) = f else { throw PyError.type("\(name)() argument 2 must be str, not \(f.typeName)") }
            guard fs.value.unicodeScalars.count == 1, let c = fs.value.unicodeScalars.first else {
                throw PyError.type("The fill character must be exactly one character long")
            }
            fill = c
        }
        let n = s.unicodeScalars.count
        guard width > n else { return .string(s) }
        let total = width - n
        let fillString = String(fill)
        switch align {
        case "<": return .string(s + String(repeating: fillString, count: total))
        case ">": return .string(String(repeating: fillString, count: total) + s)
        default:
            let left = total / 2 + (total & width & 1)
            return .string(String(repeating: fillString, count: left) + s + String(repeating: fillString, count: total - left))
        }
    }

    static func installStrMethods() {
        defineStr("upper") { _, s, args in try args.expect("str.upper", min: 0, max: 0); return .string(s.uppercased()) }
        defineStr("lower") { _, s, args in try args.expect("str.lower", min: 0, max: 0); return .string(s.lowercased()) }
        defineStr("casefold") { _, s, _ in .string(s.lowercased()) }
        defineStr("swapcase") { _, s, _ in
            .string(String(s.map { c -> String in c.isUppercase ? c.lowercased() : c.isLowercase ? c.uppercased() : String(c) }.joined()))
        }
        defineStr("capitalize") { _, s, _ in
            guard let first = s.first else { return .string("") }
            return .string(first.uppercased() + s.dropFirst().lowercased())
        }
        defineStr("title") { _, s, _ in
            var out = ""
            var previousCased = false
            for c in s {
                out += previousCased ? c.lowercased() : c.uppercased()
                previousCased = c.isCased
            }
            return .string(out)
        }
        for (name, leading, trailing) in [("strip", true, true), ("lstrip", true, false), ("rstrip", false, true)] {
            defineStr(name) { _, s, args in
                try args.expect("\(name)", min: 0, max: 1)
                guard let first = args[0], !first.isNone else {
                    return .string(strip(s, stripSet(nil), leading, trailing))
                }
                guard case .str(let chars) = first else { throw PyError.type("\(name) arg must be None or str") }
                return .string(strip(s, stripSet(chars.value), leading, trailing))
            }
        }
        for (name, reverse) in [("split", false), ("rsplit", true)] {
            defineStr(name) { interp, s, args in
                let a = try args.bind(name, ["sep", "maxsplit"])
                let sep = try strArgument(a[0], name, 1)
                if let v = a[0], !v.isNone, sep == nil { throw PyError.type("must be str or None, not \(v.typeName)") }
                let maxsplit = try intArgument(interp, a[1]) ?? -1
                return .list(PyList(try split(s, sep, maxsplit, reverse: reverse).map { .string($0) }))
            }
        }
        defineStr("splitlines") { interp, s, args in
            let a = try args.bind("splitlines", ["keepends"])
            let keep = try a[0].map { try interp.truthy($0) } ?? false
            var lines: [Value] = []
            var current = String.UnicodeScalarView()
            let scalars = Array(s.unicodeScalars)
            var i = 0
            let breaks: Set<UInt32> = [0x0a, 0x0d, 0x0b, 0x0c, 0x1c, 0x1d, 0x1e, 0x85, 0x2028, 0x2029]
            while i < scalars.count {
                let c = scalars[i]
                if breaks.contains(c.value) {
                    var end = String.UnicodeScalarView()
                    end.append(c)
                    if c == "\r", i + 1 < scalars.count, scalars[i + 1] == "\n" {
                        end.append("\n")
                        i += 1
                    }
                    if keep { current.append(contentsOf: end) }
                    lines.append(.string(String(current)))
                    current = String.UnicodeScalarView()
                } else {
                    current.append(c)
                }
                i += 1
            }
            if !current.isEmpty { lines.append(.string(String(current))) }
            return .list(PyList(lines))
        }
        defineStr("join") { interp, s, args in
            try args.expect("str.join", min: 1, max: 1)
            var out = ""
            var i = 0
            try interp.forEach(args.positional[0]) { v in
                guard case .str(let part) = v else {
                    throw PyError.type("sequence item \(i): expected str instance, \(v.typeName) found")
                }
                if i > 0 { out += s }
                out += part.value
                i += 1
            }
            return .string(out)
        }
        defineStr("replace") { interp, s, args in
            try args.noKeywords("replace")
            guard args.positional.count >= 2, args.positional.count <= 3 else {
                throw PyError.type("replace expected at least 2 arguments, got \(args.positional.count)")
            }
            guard let old = try strArgument(args[0], "replace", 1), let new = try strArgument(args[1], "replace", 2) else {
                throw PyError.type("replace() argument 1 must be str, not NoneType")
            }
            var count = try intArgument(interp, args[2]) ?? -1
            if count < 0 { count = Int.max }
            let scalars = Array(s.unicodeScalars), needle = Array(old.unicodeScalars)
            var out = String.UnicodeScalarView()
            if needle.isEmpty {
                var n = 0
                for c in scalars {
                    if n < count { out.append(contentsOf: new.unicodeScalars); n += 1 }
                    out.append(c)
                }
                if n < count { out.append(contentsOf: new.unicodeScalars) }
                return .string(String(out))
            }
            var i = 0, n = 0
            while i < scalars.count {
                if n < count, i + needle.count <= scalars.count, Array(scalars[i..<(i + needle.count)]) == needle {
                    out.append(contentsOf: new.unicodeScalars)
                    i += needle.count
                    n += 1
                } else {
                    out.append(scalars[i])
                    i += 1
                }
            }
            return .string(String(out))
        }
        for (name, reverse, raises) in [("find", false, false), ("rfind", true, false), ("index", false, true), ("rindex", true, true)] {
            defineStr(name) { interp, s, args in
                try args.noKeywords(name)
                guard args.positional.count >= 1, args.positional.count <= 3 else {
                    throw PyError.type("\(name)() takes at least 1 argument (\(args.positional.count) given)")
                }
                guard case .str(let sub) = args.positional[0] else {
                    throw PyError.type("must be str, not \(args.positional[0].typeName)")
                }
                let scalars = Array(s.unicodeScalars)
                let (start, end) = try window(interp, scalars, args[1], args[2])
                if start <= end, let i = find(scalars[start..<end], Array(sub.value.unicodeScalars), reverse: reverse) {
                    return .int(start + i)
                }
                if raises { throw PyError.value("substring not found") }
                return .int(-1)
            }
        }
        defineStr("count") { interp, s, args in
            guard args.positional.count >= 1, args.positional.count <= 3 else {
                throw PyError.type("count() takes at least 1 argument (\(args.positional.count) given)")
            }
            guard case .str(let sub) = args.positional[0] else { throw PyError.type("must be str, not \(args.positional[0].typeName)") }
            let scalars = Array(s.unicodeScalars)
            let (start, end) = try window(interp, scalars, args[1], args[2])
            let needle = Array(sub.value.unicodeScalars)
            if start > end { return .int(0) }
            if needle.isEmpty { return .int(end - start + 1) }
            var i = start, n = 0
            while i + needle.count <= end {
                if Array(scalars[i..<(i + needle.count)]) == needle {
                    n += 1
                    i += needle.count
                } else {
                    i += 1
                }
            }
            return .int(n)
        }
        for (name, atStart) in [("startswith", true), ("endswith", false)] {
            defineStr(name) { interp, s, args in
                guard args.positional.count >= 1, args.positional.count <= 3 else {
                    throw PyError.type("\(name)() takes at least 1 argument (\(args.positional.count) given)")
                }
                let candidates: [String]
                switch args.positional[0] {
                case .str(let p): candidates = [p.value]
                case .tuple(let t):
                    candidates = try t.items.map {
                        guard case .str(let p) = $0 else {
                            throw PyError.type("tuple for \(name) must only contain str, not \($0.typeName)")
                        }
                        return p.value
                    }
                default:
                    throw PyError.type("\(name) first arg must be str or a tuple of str, not \(args.positional[0].typeName)")
                }
                let scalars = Array(s.unicodeScalars)
                let (start, end) = try window(interp, scalars, args[1], args[2])
                guard start <= end else { return .bool(false) }
                let part = Array(scalars[start..<end])
                for c in candidates {
                    let p = Array(c.unicodeScalars)
                    if p.count <= part.count && (atStart ? Array(part.prefix(p.count)) == p : Array(part.suffix(p.count)) == p) {
                        return .bool(true)
                    }
                }
                return .bool(false)
            }
        }
        predicate("isdigit") { !$0.isEmpty && $0.unicodeScalars.allSatisfy { $0.properties.numericType == .decimal || $0.properties.numericType == .digit } }
        predicate("isdecimal") { !$0.isEmpty && $0.unicodeScalars.allSatisfy { $0.properties.numericType == .decimal } }
        predicate("isnumeric") { !$0.isEmpty && $0.unicodeScalars.allSatisfy { $0.properties.numericType != nil } }
        predicate("isalpha") { !$0.isEmpty && $0.unicodeScalars.allSatisfy { $0.properties.isAlphabetic } }
        predicate("isalnum") { !$0.isEmpty && $0.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType != nil } }
        predicate("isspace") { !$0.isEmpty && $0.unicodeScalars.allSatisfy { $0.properties.isWhitespace } }
        predicate("isupper") { s in s.contains { $0.isCased } && !s.contains { $0.isLowercase } }
        predicate("islower") { s in s.contains { $0.isCased } && !s.contains { $0.isUppercase } }
        predicate("isascii") { $0.unicodeScalars.allSatisfy { $0.isASCII } }
        predicate("isprintable") { $0.unicodeScalars.allSatisfy(StringFormatting.isPrintable) }
        predicate("isidentifier") { s in
            guard let first = s.unicodeScalars.first, first == "_" || first.properties.isXIDStart else { return false }
            return s.unicodeScalars.dropFirst().allSatisfy { $0 == "_" || $0.properties.isXIDContinue }
        }
        predicate("istitle") { s in
            var previousCased = false, sawCased = false
            for c in s {
                if c.isUppercase {
                    if previousCased { return false }
                    previousCased = true
                    sawCased = true
                } else if c.isLowercase {
                    if !previousCased { return false }
                    previousCased = true
                    sawCased = true
                } else {
                    previousCased = false
                }
            }
            return sawCased
        }
        defineStr("center") { interp, s, args in try pad(s, interp, args, "center", "^") }
        defineStr("ljust") { interp, s, args in try pad(s, interp, args, "ljust", "<") }
        defineStr("rjust") { interp, s, args in try pad(s, interp, args, "rjust", ">") }
        defineStr("zfill") { interp, s, args in
            try args.expect("str.zfill", min: 1, max: 1)
            let width = try intArgument(interp, args[0]) ?? 0
            let n = s.unicodeScalars.count
            guard width > n else { return .string(s) }
            let zeros = String(repeating: "0", count: width - n)
            if let first = s.first, first == "+" || first == "-" { return .string(String(first) + zeros + s.dropFirst()) }
            return .string(zeros + s)
        }
        for (name, reverse) in [("partition", false), ("rpartition", true)] {
            defineStr(name) { _, s, args in
                try args.expect("str.\(name)", min: 1, max: 1)
                guard case .str(let sep) = args.positional[0] else { throw PyError.type("must be str, not \(args.positional[0].typeName)") }
                if sep.value.isEmpty { throw PyError.value("empty separator") }
                let scalars = Array(s.unicodeScalars), needle = Array(sep.value.unicodeScalars)
                guard let i = find(scalars[...], needle, reverse: reverse) else {
                    return reverse ? .tuple(PyTuple([.string(""), .string(""), .string(s)])) : .tuple(PyTuple([.string(s), .string(""), .string("")]))
                }
                return .tuple(PyTuple([.string(String(scalars: scalars[0..<i])), .string(sep.value),
                                       .string(String(scalars: scalars[(i + needle.count)...]))]))
            }
        }
        defineStr("removeprefix") { _, s, args in
            try args.expect("str.removeprefix", min: 1, max: 1)
            guard let p = try strArgument(args[0], "removeprefix", 1) else { return .string(s) }
            return .string(s.unicodeScalars.starts(with: p.unicodeScalars) ? String(scalars: s.unicodeScalars.dropFirst(p.unicodeScalars.count)) : s)
        }
        defineStr("removesuffix") { _, s, args in
            try args.expect("str.removesuffix", min: 1, max: 1)
            guard let p = try strArgument(args[0], "removesuffix", 1) else { return .string(s) }
            let a = Array(s.unicodeScalars), b = Array(p.unicodeScalars)
            return .string(!b.isEmpty && a.count >= b.count && Array(a.suffix(b.count)) == b ? String(scalars: a.dropLast(b.count)) : s)
        }
        defineStr("expandtabs") { interp, s, args in
            let size = try intArgument(interp, args[0]) ?? 8
            var out = "", column = 0
            for c in s.unicodeScalars {
                if c == "\t" {
                    let spaces = size > 0 ? size - column % size : 0
                    out += String(repeating: " ", count: spaces)
                    column += spaces
                } else {
                    out.unicodeScalars.append(c)
                    column = c == "\n" || c == "\r" ? 0 : column + 1
                }
            }
            return .string(out)
        }
        defineStr("format") { interp, s, args in .string(try StrFormat.format(interp, s, args.positional, args.keywords)) }
        defineStr("format_map") { interp, s, args in
            try args.expect("format_map", min: 1, max: 1)
            return .string(try StrFormat.format(interp, s, [], [], mapping: args.positional[0]))
        }
        strType.define("__len__") { _, args in .int(try string(args, "__len__").unicodeScalars.count) }
    }

    static func strip(_ s: String, _ test: (Unicode.Scalar) -> Bool, _ leading: Bool, _ trailing: Bool) -> String {
        var scalars = Substring(s).unicodeScalars[...]
        if leading { while let f = scalars.first, test(f) { scalars = scalars.dropFirst() } }
        if trailing { while let l = scalars.last, test(l) { scalars = scalars.dropLast() } }
        return String(String.UnicodeScalarView(scalars))
    }
}

/// `str.format`: replacement fields with indexes, names, attributes, items, conversions and specs.
enum StrFormat {
    static func format(_ interp: Interpreter, _ template: String, _ positional: [Value], _ keywords: [(name: String, value: Value)],
                       mapping: Value? = nil, depth: Int = 0) throws -> String {
        if depth > 2 { throw PyError.value("Max string recursion exceeded") }
        var out = ""
        let chars = Array(template)
        var i = 0
        var autoIndex = 0
        var manual = false, automatic = false
        while i < chars.count {
            let c = chars[i]
            if c == "}" {
                if i + 1 < chars.count, chars[i + 1] == "}" { out.append("}"); i += 2; continue }
                throw PyError.value("Single '}' encountered in format string")
            }
            if c != "{" { out.append(c); i += 1; continue }
            if i + 1 < chars.count, chars[i + 1] == "{" { out.append("{"); i += 2; continue }
            // Find the matching close brace, allowing nested braces in the spec.
            var j = i + 1, nesting = 1
            while j < chars.count {
                if chars[j] == "{" { nesting += 1 } else if chars[j] == "}" {
                    nesting -= 1
                    if nesting == 0 { break }
                }
                j += 1
            }
            if j >= chars.count { throw PyError.value(nesting > 1 ? "unexpected '{' in field name" : "Single '{' encountered in format string") }
            let field = String(chars[(i + 1)..<j])
            i = j + 1
            var name = field, conversion: Character?, spec = ""
            if let colon = indexOutsideBrackets(field, ":") {
                name = String(field[..<colon])
                spec = String(field[field.index(after: colon)...])
            }
            if let bang = name.firstIndex(of: "!") {
                let conv = name[name.index(after: bang)...]
                guard conv.count == 1, let cc = conv.first, "rsa".contains(cc) else {
                    if conv.isEmpty { throw PyError.value("end of string while looking for conversion specifier") }
                    throw PyError.value("Unknown conversion specifier \(conv)")
                }
                conversion = cc
                name = String(name[..<bang])
            }
            // First part of the name: index or keyword; then .attr and [key] accessors.
            var head = name
            var accessors = ""
            if let k = name.firstIndex(where: { $0 == "." || $0 == "[" }) {
                head = String(name[..<k])
                accessors = String(name[k...])
            }
            var value: Value
            if head.isEmpty {
                if manual { throw PyError.value("cannot switch from manual field specification to automatic field numbering") }
                automatic = true
                guard autoIndex < positional.count else {
                    throw PyError.index("Replacement index \(autoIndex) out of range for positional args tuple")
                }
                value = positional[autoIndex]
                autoIndex += 1
            } else if let n = Int(head), head.allSatisfy(\.isNumber) {
                if automatic { throw PyError.value("cannot switch from automatic field numbering to manual field specification") }
                manual = true
                guard n < positional.count else {
                    throw PyError.index("Replacement index \(n) out of range for positional args tuple")
                }
                value = positional[n]
            } else if let mapping {
                value = try interp.getItem(mapping, .string(head))
            } else {
                guard let v = keywords.first(where: { $0.name == head })?.value else { throw PyError.key(.string(head)) }
                value = v
            }
            var rest = Substring(accessors)
            while let first = rest.first {
                if first == "." {
                    rest = rest.dropFirst()
                    let end = rest.firstIndex { $0 == "." || $0 == "[" } ?? rest.endIndex
                    value = try interp.getAttribute(value, String(rest[..<end]))
                    rest = rest[end...]
                } else {
                    rest = rest.dropFirst()
                    guard let close = rest.firstIndex(of: "]") else { throw PyError.value("Missing ']' in format string") }
                    let key = String(rest[..<close])
                    value = try interp.getItem(value, Int(key).map { .int($0) } ?? .string(key))
                    rest = rest[rest.index(after: close)...]
                }
            }
            switch conversion {
            case "r": value = .string(try interp.repr(value))
            case "s": value = .string(try interp.str(value))
            case "a": value = .string(StringFormatting.ascii(try interp.repr(value)))
            default: break
            }
            if spec.contains("{") {
                spec = try format(interp, spec, positional, keywords, mapping: mapping, depth: depth + 1)
            }
            out += try interp.format(value, spec)
        }
        return out
    }

    static func indexOutsideBrackets(_ s: String, _ target: Character) -> String.Index? {
        var inBracket = false
        for i in s.indices {
            let c = s[i]
            if c == "[" { inBracket = true } else if c == "]" { inBracket = false } else if c == target && !inBracket { return i }
        }
        return nil
    }
}
