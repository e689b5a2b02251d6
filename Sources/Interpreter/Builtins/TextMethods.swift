import BigInt

// The methods of `str` built on the exact algorithms of `Text/` (code points, CPython's index
// adjustment, final sigma, full case folding, CPython's white space, MemoryError instead of
// huge allocations). `installTextMethods()` puts them on `str`, replacing earlier definitions.

extension Builtin {
    /// Installs `textStrMethods()` on `str`. Call it after `installStrMethods()`.
    static func installTextMethods() {
        for (name, body) in textStrMethods() { strType.define(name, body) }
    }

    /// The str methods, by name.
    static func textStrMethods() -> [(String, NativeFunction)] {
        var methods: [(String, NativeFunction)] = []
        func method(_ name: String, _ body: @escaping (Interpreter, String, Arguments) throws -> Value) {
            methods.append((name, { interp, args in
                try interp.textCall { try body(interp, try string(args, name), rest(args)) }
            }))
        }
        func noArguments(_ name: String, _ transform: @escaping (String) -> Value) {
            method(name) { _, s, args in
                try args.expect("str.\(name)", min: 0, max: 0)
                return transform(s)
            }
        }

        noArguments("upper") { .string(StrMethods.upper($0)) }
        noArguments("lower") { .string(StrMethods.lower($0)) }
        noArguments("casefold") { .string(StrMethods.casefold($0)) }
        noArguments("swapcase") { .string(StrMethods.swapcase($0)) }
        noArguments("capitalize") { .string(StrMethods.capitalize($0)) }
        noArguments("title") { .string(StrMethods.title($0)) }
        let predicates: [(String, (String) -> Bool)] = [
            ("isdigit", StrMethods.isDigit), ("isdecimal", StrMethods.isDecimal), ("isnumeric", StrMethods.isNumeric),
            ("isalpha", StrMethods.isAlpha), ("isalnum", StrMethods.isAlnum), ("isspace", StrMethods.isSpace),
            ("isupper", StrMethods.isUpper), ("islower", StrMethods.isLower), ("istitle", StrMethods.isTitle),
            ("isascii", StrMethods.isASCII), ("isprintable", StrMethods.isPrintable), ("isidentifier", StrMethods.isIdentifier),
        ]
        for (name, test) in predicates { noArguments(name) { .bool(test($0)) } }

        let strips: [(String, (String, String?) -> String)] = [
            ("strip", StrMethods.strip), ("lstrip", StrMethods.lstrip), ("rstrip", StrMethods.rstrip),
        ]
        for (name, strip) in strips {
            method(name) { _, s, args in
                try args.expect(name, min: 0, max: 1)
                guard let chars = args[0], !chars.isNone else { return .string(strip(s, nil)) }
                guard case .str(let set) = chars else { throw PyError.type("\(name) arg must be None or str") }
                return .string(strip(s, set.value))
            }
        }
        for (name, reverse) in [("split", false), ("rsplit", true)] {
            method(name) { interp, s, args in
                let bound = try args.bind(name, ["sep", "maxsplit"])
                var separator: String?
                if let value = bound[0], !value.isNone {
                    guard case .str(let text) = value else { throw PyError.type("must be str or None, not \(value.typeName)") }
                    separator = text.value
                }
                let maxSplit = try bound[1].map { try textSize(interp, $0) } ?? -1
                let parts = reverse
                    ? try StrMethods.rsplit(s, separator: separator, maxSplit: maxSplit)
                    : try StrMethods.split(s, separator: separator, maxSplit: maxSplit)
                return .list(PyList(parts.map { .string($0) }))
            }
        }
        method("splitlines") { interp, s, args in
            let bound = try args.bind("splitlines", ["keepends"])
            let keep = try bound[0].map { try interp.truthy($0) } ?? false
            return .list(PyList(StrMethods.splitLines(s, keepEnds: keep).map { .string($0) }))
        }
        for (name, reverse) in [("partition", false), ("rpartition", true)] {
            method(name) { _, s, args in
                try args.expect("str.\(name)", min: 1, max: 1)
                guard case .str(let separator) = args.positional[0] else {
                    throw PyError.type("must be str, not \(args.positional[0].typeName)")
                }
                let parts = reverse ? try StrMethods.rpartition(s, separator.value) : try StrMethods.partition(s, separator.value)
                return .tuple(PyTuple([.string(parts.0), .string(parts.1), .string(parts.2)]))
            }
        }
        for name in ["find", "rfind", "index", "rindex", "count"] {
            method(name) { interp, s, args in
                try args.noKeywords(name)
                guard (1...3).contains(args.positional.count) else {
                    if args.positional.isEmpty { throw PyError.type("\(name)() takes at least 1 argument (0 given)") }
                    throw PyError.type("\(name)() takes at most 3 arguments (\(args.positional.count) given)")
                }
                guard case .str(let sub) = args.positional[0] else {
                    throw PyError.type("must be str, not \(args.positional[0].typeName)")
                }
                let start = try textSliceIndex(interp, args[1])
                let end = try textSliceIndex(interp, args[2])
                switch name {
                case "find": return .int(StrMethods.find(s, sub.value, start: start, end: end))
                case "rfind": return .int(StrMethods.rfind(s, sub.value, start: start, end: end))
                case "index": return .int(try StrMethods.index(s, sub.value, start: start, end: end))
                case "rindex": return .int(try StrMethods.rindex(s, sub.value, start: start, end: end))
                default: return .int(StrMethods.count(s, sub.value, start: start, end: end))
                }
            }
        }
        method("replace") { interp, s, args in
            try args.noKeywords("replace")
            guard (2...3).contains(args.positional.count) else {
                if args.positional.count < 2 {
                    throw PyError.type("replace expected at least 2 arguments, got \(args.positional.count)")
                }
                throw PyError.type("replace expected at most 3 arguments, got \(args.positional.count)")
            }
            guard case .str(let old) = args.positional[0] else {
                throw PyError.type("replace() argument 1 must be str, not \(args.positional[0].typeName)")
            }
            guard case .str(let new) = args.positional[1] else {
                throw PyError.type("replace() argument 2 must be str, not \(args.positional[1].typeName)")
            }
            let count = try args[2].map { try textSize(interp, $0) } ?? -1
            return .string(StrMethods.replace(s, old.value, new.value, count: count))
        }
        for (name, atEnd) in [("startswith", false), ("endswith", true)] {
            method(name) { interp, s, args in
                try args.noKeywords(name)
                guard (1...3).contains(args.positional.count) else {
                    if args.positional.isEmpty { throw PyError.type("\(name)() takes at least 1 argument (0 given)") }
                    throw PyError.type("\(name)() takes at most 3 arguments (\(args.positional.count) given)")
                }
                let candidates: [String]
                switch args.positional[0] {
                case .str(let text):
                    candidates = [text.value]
                case .tuple(let tuple):
                    candidates = try tuple.items.map {
                        guard case .str(let text) = $0 else {
                            throw PyError.type("tuple for \(name) must only contain str, not \($0.typeName)")
                        }
                        return text.value
                    }
                default:
                    throw PyError.type("\(name) first arg must be str or a tuple of str, not \(args.positional[0].typeName)")
                }
                let start = try textSliceIndex(interp, args[1])
                let end = try textSliceIndex(interp, args[2])
                return .bool(candidates.contains {
                    atEnd ? StrMethods.endsWith(s, $0, start: start, end: end) : StrMethods.startsWith(s, $0, start: start, end: end)
                })
            }
        }
        for name in ["center", "ljust", "rjust"] {
            method(name) { interp, s, args in
                try args.noKeywords("str.\(name)")
                guard (1...2).contains(args.positional.count) else {
                    if args.positional.isEmpty { throw PyError.type("\(name) expected at least 1 argument, got 0") }
                    throw PyError.type("\(name) expected at most 2 arguments, got \(args.positional.count)")
                }
                let width = try textSize(interp, args.positional[0])
                var fill = " "
                if let given = args[1] {
                    guard case .str(let text) = given else {
                        throw PyError.type("The fill character must be a unicode character, not \(given.typeName)")
                    }
                    fill = text.value
                }
                switch name {
                case "center": return .string(try StrMethods.center(s, width, fill: fill))
                case "ljust": return .string(try StrMethods.ljust(s, width, fill: fill))
                default: return .string(try StrMethods.rjust(s, width, fill: fill))
                }
            }
        }
        method("zfill") { interp, s, args in
            try args.expect("str.zfill", min: 1, max: 1)
            return .string(try StrMethods.zfill(s, try textSize(interp, args.positional[0])))
        }
        method("expandtabs") { interp, s, args in
            let bound = try args.bind("expandtabs", ["tabsize"])
            let size = try bound[0].map { try textCInt(interp, $0) } ?? 8
            return .string(try StrMethods.expandTabs(s, tabSize: size))
        }
        for (name, remove) in [("removeprefix", StrMethods.removePrefix), ("removesuffix", StrMethods.removeSuffix)] {
            method(name) { _, s, args in
                try args.expect("str.\(name)", min: 1, max: 1)
                guard case .str(let affix) = args.positional[0] else {
                    throw PyError.type("\(name)() argument must be str, not \(args.positional[0].typeName)")
                }
                return .string(remove(s, affix.value))
            }
        }
        method("format") { interp, s, args in
            .string(try interp.formatTemplate(s, positional: args.positional, keywords: args.keywords))
        }
        method("format_map") { interp, s, args in
            try args.expect("str.format_map", min: 1, max: 1)
            return .string(try interp.formatTemplate(s, positional: [], keywords: [], mapping: args.positional[0]))
        }
        return methods
    }

    /// A start/end argument: None is nil; ints beyond `Int` clamp as CPython's `_PyEval_SliceIndex` does.
    static func textSliceIndex(_ interp: Interpreter, _ value: Value?) throws -> Int? {
        guard let value, !value.isNone else { return nil }
        if let big = value.bigIntValue, Int(exactly: big) == nil { return big.sign == .minus ? Int.min : Int.max }
        guard let index = try interp.indexValue(value) else {
            throw PyError.type("slice indices must be integers or None or have an __index__ method")
        }
        return index
    }

    /// An argument CPython reads as a C `int` (`chr`, `tabsize`).
    static func textCInt(_ interp: Interpreter, _ value: Value) throws -> Int {
        if let big = value.bigIntValue, Int32(exactly: big) == nil {
            throw PyError.overflow("Python int too large to convert to C int")
        }
        guard let size = try interp.indexValue(value) else {
            throw PyError.type("'\(value.typeName)' object cannot be interpreted as an integer")
        }
        guard Int32(exactly: size) != nil else { throw PyError.overflow("Python int too large to convert to C int") }
        return size
    }

    /// A size argument (`width`, `maxsplit`, `count`, `tabsize`), CPython's `PyNumber_AsSsize_t`.
    static func textSize(_ interp: Interpreter, _ value: Value) throws -> Int {
        if let big = value.bigIntValue, Int(exactly: big) == nil {
            throw PyError.overflow("Python int too large to convert to C ssize_t")
        }
        guard let size = try interp.indexValue(value) else {
            throw PyError.type("'\(value.typeName)' object cannot be interpreted as an integer")
        }
        return size
    }
}
