/// `str % args`: printf-style formatting, mapped onto the format-spec algorithms.
enum PercentFormatting {
    static func format(_ template: String, _ args: Value, _ interp: Interpreter) throws -> String {
        var values: [Value]
        var mapping: PyDict?
        switch args {
        case .tuple(let t): values = t.items
        case .dict(let d):
            mapping = d
            values = [args]
        default: values = [args]
        }
        var next = 0
        var out = ""
        let scalars = Array(template.unicodeScalars)
        var i = 0
        func take() throws -> Value {
            guard next < values.count else { throw PyError.type("not enough arguments for format string") }
            defer { next += 1 }
            return values[next]
        }
        var usedMapping = false
        while i < scalars.count {
            let c = scalars[i]
            i += 1
            if c != "%" {
                out.unicodeScalars.append(c)
                continue
            }
            guard i < scalars.count else { throw PyError.value("incomplete format") }
            var key: String?
            if scalars[i] == "(" {
                var depth = 1
                var j = i + 1
                var name = ""
                while j < scalars.count, depth > 0 {
                    if scalars[j] == "(" { depth += 1 } else if scalars[j] == ")" { depth -= 1 }
                    if depth > 0 { name.unicodeScalars.append(scalars[j]) }
                    j += 1
                }
                if depth > 0 { throw PyError.value("incomplete format key") }
                key = name
                i = j
            }
            var flags = Set<Character>()
            while i < scalars.count, "-+ #0".unicodeScalars.contains(scalars[i]) {
                flags.insert(Character(scalars[i]))
                i += 1
            }
            var width: Int?
            if i < scalars.count, scalars[i] == "*" {
                width = try interp.indexValue(try take())
                i += 1
            } else {
                var w = ""
                while i < scalars.count, scalars[i].properties.numericType != nil, scalars[i].isASCII {
                    w.unicodeScalars.append(scalars[i])
                    i += 1
                }
                width = Int(w)
            }
            var precision: Int?
            if i < scalars.count, scalars[i] == "." {
                i += 1
                if i < scalars.count, scalars[i] == "*" {
                    precision = try interp.indexValue(try take())
                    i += 1
                } else {
                    var p = ""
                    while i < scalars.count, scalars[i].properties.numericType != nil, scalars[i].isASCII {
                        p.unicodeScalars.append(scalars[i])
                        i += 1
                    }
                    precision = Int(p) ?? 0
                }
            }
            while i < scalars.count, "hlL".unicodeScalars.contains(scalars[i]) { i += 1 }
            guard i < scalars.count else { throw PyError.value("incomplete format") }
            let type = scalars[i]
            i += 1
            if type == "%" {
                out += "%"
                continue
            }
            let arg: Value
            if let key {
                guard let mapping else { throw PyError.type("format requires a mapping") }
                usedMapping = true
                guard let v = mapping[string: key] else { throw PyError.key(.string(key)) }
                arg = v
            } else {
                arg = try take()
            }
            var body: String
            let left = flags.contains("-")
            var spec = ""
            if flags.contains("+") { spec += "+" } else if flags.contains(" ") { spec += " " }
            if flags.contains("#") { spec += "#" }
            switch type {
            case "s", "r", "a":
                body = type == "s" ? try interp.str(arg) : try interp.repr(arg)
                if type == "a" { body = StringFormatting.ascii(body) }
                if let precision { body = String(body.unicodeScalars.prefix(precision).map(Character.init)) }
                let pad = max(0, (width ?? 0) - body.unicodeScalars.count)
                out += left ? body + String(repeating: " ", count: pad) : String(repeating: " ", count: pad) + body
                continue
            case "d", "i", "u", "x", "X", "o":
                var number = arg
                if case .float(let d) = arg {
                    guard d.isFinite else { throw PyError.overflow("cannot convert float \(d.isNaN ? "NaN" : "infinity") to integer") }
                    number = .integer(BigInt(d.rounded(.towardZero)))
                }
                guard number.bigIntValue != nil else {
                    if type == "d" || type == "i" || type == "u" {
                        throw PyError.type("%\(type) format: a real number is required, not \(arg.typeName)")
                    }
                    throw PyError.type("%\(type) format: an integer is required, not \(arg.typeName)")
                }
                if flags.contains("0") && !left { spec += "0" }
                if let width { spec += String(width) }
                spec += type == "i" || type == "u" ? "d" : String(type)
                if let precision, let big = number.bigIntValue {
                    var digits = String(big.magnitude, radix: type == "o" ? 8 : type == "d" || type == "i" || type == "u" ? 10 : 16,
                                        uppercase: type == "X")
                    if digits.count < precision { digits = String(repeating: "0", count: precision - digits.count) + digits }
                    body = (big.sign == .minus ? "-" : flags.contains("+") ? "+" : "") + digits
                } else {
                    body = try interp.format(number, spec.isEmpty ? "d" : spec)
                }
            case "e", "E", "f", "F", "g", "G":
                let d: Double
                switch arg {
                case .float(let x): d = x
                case .int(let x): d = Double(x)
                case .bool(let b): d = b ? 1 : 0
                default:
                    if let b = arg.bigIntValue { d = try Interpreter.toDouble(b) } else {
                        throw PyError.type("must be real number, not \(arg.typeName)")
                    }
                }
                if flags.contains("0") && !left { spec += "0" }
                if let width { spec += String(width) }
                spec += "." + String(precision ?? 6) + String(type)
                body = try text { try TextFormat.float(d, spec: spec) }
            case "c":
                if case .str(let s) = arg, s.count == 1 { body = s.value } else if let n = try interp.indexValue(arg), let u = Unicode.Scalar(UInt32(clamping: max(0, n))) {
                    body = String(u)
                } else {
                    throw PyError.type("%c requires int or char")
                }
            default:
                throw PyError.value("unsupported format character '\(Character(type))' (0x\(String(type.value, radix: 16))) at index \(i - 1)")
            }
            let pad = max(0, (width ?? 0) - body.unicodeScalars.count)
            out += left ? body + String(repeating: " ", count: pad) : String(repeating: " ", count: pad) + body
        }
        if mapping == nil || !usedMapping, next < values.count, mapping == nil {
            throw PyError.type("not all arguments converted during string formatting")
        }
        return out
    }
}

import BigInt
