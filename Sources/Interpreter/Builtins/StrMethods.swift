/// The methods of `str` that belong to the object model (`join` walks any iterable); the text
/// methods come from `TextMethods.swift`, which installs the exact algorithms of `Text/`.
extension Builtin {
    static func string(_ args: Arguments, _ method: String) throws -> String {
        try receiver(args, "str", method) { v -> String? in
            if case .str(let s) = v { return s.value }
            return nil
        }
    }

    static func installStrMethods() {
        strType.define("join") { interp, args in
            let s = try string(args, "join")
            try rest(args).expect("str.join", min: 1, max: 1)
            var out = ""
            var i = 0
            try interp.forEach(args.positional[1]) { v in
                guard case .str(let part) = v else {
                    throw PyError.type("sequence item \(i): expected str instance, \(v.typeName) found")
                }
                if i > 0 { out += s }
                out += part.value
                i += 1
            }
            return .string(out)
        }
        strType.define("__len__") { _, args in .int(try string(args, "__len__").unicodeScalars.count) }
        installTextMethods()
    }
}
