import BigInt

extension Builtin {
    /// Installs methods and constructors on the builtin types once per process.
    static let installed: Void = {
        installConstructors()
        installObjectMethods()
        installListMethods()
        installTupleMethods()
        installRangeMethods()
        installDictMethods()
        installSetMethods()
        installStrMethods()
        installNumberMethods()
        installComplexMethods()
        installIteratorMethods()
    }()

    static func fn(_ name: String, _ body: @escaping NativeFunction) -> Value {
        .object(PyBuiltinFunction(name: name, body))
    }

    /// The builtins namespace every interpreter starts with. No entry reaches files, network,
    /// processes or the environment.
    static func namespace() -> [String: Value] {
        _ = installed
        var ns: [String: Value] = [:]
        for t in [objectType, typeType, intType, boolType, floatType, complexType, strType, listType, tupleType, dictType, setType,
                  frozensetType, rangeType, sliceType, staticMethodType, classMethodType, propertyType, superType] {
            ns[t.name] = .object(t)
        }
        for t in exceptionTypes { ns[t.name] = .object(t) }
        ns["EnvironmentError"] = .object(osError)
        ns["IOError"] = .object(osError)
        ns["None"] = Value.none
        ns["NotImplemented"] = .notImplemented
        ns["Ellipsis"] = .ellipsis
        ns["print"] = fn("print", builtinPrint)
        ns["len"] = fn("len") { interp, args in
            try args.expect("len", min: 1, max: 1)
            return .int(try interp.length(args.positional[0]))
        }
        ns["repr"] = fn("repr") { interp, args in
            try args.expect("repr", min: 1, max: 1)
            return .string(try interp.repr(args.positional[0]))
        }
        ns["ascii"] = fn("ascii") { interp, args in
            try args.expect("ascii", min: 1, max: 1)
            return .string(StringFormatting.ascii(try interp.repr(args.positional[0])))
        }
        ns["abs"] = fn("abs") { interp, args in
            try args.expect("abs", min: 1, max: 1)
            let v = args.positional[0]
            switch v {
            case .int(let i): return i == Int.min ? .integer(BigInt(i).magnitude.asBigInt) : .int(abs(i))
            case .bool(let b): return .int(b ? 1 : 0)
            case .float(let d): return .float(abs(d))
            default:
                if let b = v.bigIntValue { return .integer(BigInt(b.magnitude)) }
                if case .object(let o) = v, let m = o.pyType.lookup("__abs__") { return try interp.call(m, [v]) }
                throw PyError.type("bad operand type for abs(): '\(v.typeName)'")
            }
        }
        ns["min"] = fn("min") { interp, args in try minMax(interp, args, "min", .less) }
        ns["max"] = fn("max") { interp, args in try minMax(interp, args, "max", .greater) }
        ns["sum"] = fn("sum", builtinSum)
        ns["sorted"] = fn("sorted") { interp, args in
            guard args.positional.count == 1 else {
                throw PyError.type(args.positional.isEmpty ? "sorted expected 1 argument, got 0" : "sorted expected 1 argument, got \(args.positional.count)")
            }
            let list = PyList(try interp.collect(args.positional[0]))
            try sortList(interp, list, Arguments([], keywords: args.keywords), "sort")
            return .list(list)
        }
        ns["reversed"] = fn("reversed") { interp, args in
            try args.expect("reversed", min: 1, max: 1)
            let v = args.positional[0]
            switch v {
            case .list(let l):
                var i = l.items.count - 1
                return .object(PyIterator(type: listReverseIteratorType) {
                    guard i >= 0, i < l.items.count else { return nil }
                    defer { i -= 1 }
                    return l.items[i]
                })
            case .tuple, .str:
                let items = try interp.collect(v)
                var i = items.count - 1
                return .object(PyIterator(type: reversedType) {
                    guard i >= 0 else { return nil }
                    defer { i -= 1 }
                    return items[i]
                })
            case .dict(let d):
                var keys = d.table.keys.map(\.value)
                return .object(PyIterator(type: reversedType) { keys.popLast() })
            case .object(let o):
                if let r = o as? PyRange {
                    var i = r.count - 1
                    return .object(PyIterator(type: rangeIteratorType) {
                        guard i >= 0 else { return nil }
                        defer { i -= 1 }
                        return .int(r.element(i))
                    })
                }
                if let r = o as? PyBigRange { return interp.bigRangeIterator(r, reversed: true) }
                if let m = o.pyType.lookup("__reversed__") { return try interp.call(m, [v]) }
                if o.pyType.lookup("__len__") != nil, let getitem = o.pyType.lookup("__getitem__") {
                    var i = try interp.length(v) - 1
                    return .object(PyIterator(type: reversedType) {
                        guard i >= 0 else { return nil }
                        defer { i -= 1 }
                        return try interp.call(getitem, [v, .int(i)])
                    })
                }
            default: break
            }
            throw PyError.type("'\(v.typeName)' object is not reversible")
        }
        ns["enumerate"] = fn("enumerate") { interp, args in
            let a = try args.bind("enumerate", ["iterable", "start"], required: 1)
            let it = try interp.iterator(a[0] ?? .none)
            var n: BigInt = 0
            if let s = a[1] {
                guard let b = s.bigIntValue else { throw PyError.type("'\(s.typeName)' object cannot be interpreted as an integer") }
                n = b
            }
            return .object(PyIterator(type: enumerateType) {
                guard let v = try interp.next(it) else { return nil }
                defer { n += 1 }
                return .tuple(PyTuple([.integer(n), v]))
            })
        }
        ns["zip"] = fn("zip") { interp, args in
            let strict = try args.keyword("strict").map { try interp.truthy($0) } ?? false
            for k in args.keywords where k.name != "strict" {
                throw PyError.type("zip() got an unexpected keyword argument '\(k.name)'")
            }
            let its = try args.positional.enumerated().map { i, v -> Value in
                do { return try interp.iterator(v) } catch let e as PyError where e.type === typeError {
                    throw PyError.type("'\(v.typeName)' object is not iterable")
                }
            }
            if its.isEmpty { return .object(PyIterator(type: zipType) { nil }) }
            return .object(PyIterator(type: zipType) {
                var items: [Value] = []
                for (i, it) in its.enumerated() {
                    guard let v = try interp.next(it) else {
                        if strict {
                            if i > 0 { throw PyError.value("zip() argument \(i + 1) is shorter than argument\(i == 1 ? "" : "s") 1\(i == 1 ? "" : "-\(i)")") }
                            for (j, other) in its.enumerated().dropFirst() where try interp.next(other) != nil {
                                throw PyError.value("zip() argument \(j + 1) is longer than argument\(j == 1 ? "" : "s") 1\(j == 1 ? "" : "-\(j)")")
                            }
                        }
                        return nil
                    }
                    items.append(v)
                }
                return .tuple(PyTuple(items))
            })
        }
        ns["map"] = fn("map") { interp, args in
            try args.noKeywords("map")
            guard args.positional.count >= 2 else { throw PyError.type("map() must have at least two arguments.") }
            let function = args.positional[0]
            let its = try args.positional.dropFirst().map { try interp.iterator($0) }
            return .object(PyIterator(type: mapType) {
                var items: [Value] = []
                for it in its {
                    guard let v = try interp.next(it) else { return nil }
                    items.append(v)
                }
                return try interp.call(function, items)
            })
        }
        ns["filter"] = fn("filter") { interp, args in
            try args.expect("filter", min: 2, max: 2)
            let function = args.positional[0]
            let it = try interp.iterator(args.positional[1])
            return .object(PyIterator(type: filterType) {
                while let v = try interp.next(it) {
                    let keep = function.isNone ? try interp.truthy(v) : try interp.truthy(try interp.call(function, [v]))
                    if keep { return v }
                }
                return nil
            })
        }
        ns["any"] = fn("any") { interp, args in
            try args.expect("any", min: 1, max: 1)
            let it = try interp.iterator(args.positional[0])
            while let v = try interp.next(it) { if try interp.truthy(v) { return .bool(true) } }
            return .bool(false)
        }
        ns["all"] = fn("all") { interp, args in
            try args.expect("all", min: 1, max: 1)
            let it = try interp.iterator(args.positional[0])
            while let v = try interp.next(it) { if !(try interp.truthy(v)) { return .bool(false) } }
            return .bool(true)
        }
        ns["isinstance"] = fn("isinstance") { interp, args in
            try args.expect("isinstance", min: 2, max: 2)
            return .bool(try isInstance(args.positional[0], args.positional[1], "isinstance() arg 2 must be a type, a tuple of types, or a union"))
        }
        ns["issubclass"] = fn("issubclass") { interp, args in
            try args.expect("issubclass", min: 2, max: 2)
            guard case .object(let o) = args.positional[0], let t = o as? PyType else {
                throw PyError.type("issubclass() arg 1 must be a class")
            }
            return .bool(try classMatches(t, args.positional[1], "issubclass() arg 2 must be a class, a tuple of classes, or a union"))
        }
        ns["hasattr"] = fn("hasattr") { interp, args in
            try args.expect("hasattr", min: 2, max: 2)
            guard case .str(let name) = args.positional[1] else { throw PyError.type("attribute name must be string, not '\(args.positional[1].typeName)'") }
            do {
                return .bool(try interp.lookupAttribute(args.positional[0], name.value) != nil)
            } catch let e as PyError where e.type.isSubtype(of: attributeError) {
                return .bool(false)
            }
        }
        ns["getattr"] = fn("getattr") { interp, args in
            try args.expect("getattr", min: 2, max: 3)
            guard case .str(let name) = args.positional[1] else { throw PyError.type("attribute name must be string, not '\(args.positional[1].typeName)'") }
            if args.positional.count == 3 {
                do {
                    return try interp.lookupAttribute(args.positional[0], name.value) ?? args.positional[2]
                } catch let e as PyError where e.type.isSubtype(of: attributeError) {
                    return args.positional[2]
                }
            }
            return try interp.getAttribute(args.positional[0], name.value)
        }
        ns["setattr"] = fn("setattr") { interp, args in
            try args.expect("setattr", min: 3, max: 3)
            guard case .str(let name) = args.positional[1] else { throw PyError.type("attribute name must be string, not '\(args.positional[1].typeName)'") }
            try interp.setAttribute(args.positional[0], name.value, args.positional[2])
            return .none
        }
        ns["delattr"] = fn("delattr") { interp, args in
            try args.expect("delattr", min: 2, max: 2)
            guard case .str(let name) = args.positional[1] else { throw PyError.type("attribute name must be string, not '\(args.positional[1].typeName)'") }
            try interp.deleteAttribute(args.positional[0], name.value)
            return .none
        }
        ns["iter"] = fn("iter") { interp, args in
            try args.expect("iter", min: 1, max: 2)
            if args.positional.count == 2 {
                let function = args.positional[0], sentinel = args.positional[1]
                return .object(PyIterator {
                    let v = try interp.call(function, [])
                    return try interp.equals(v, sentinel) ? nil : v
                })
            }
            return try interp.iterator(args.positional[0])
        }
        ns["next"] = fn("next") { interp, args in
            try args.expect("next", min: 1, max: 2)
            let it = args.positional[0]
            if case .object(let o) = it, o is PyIterator || o is PyGenerator || o.pyType.lookup("__next__") != nil {
                if let v = try interp.next(it) { return v }
                if args.positional.count == 2 { return args.positional[1] }
                if case .object(let go) = it, let g = go as? PyGenerator, !g.returnValue.isNone {
                    throw PyError(stopIteration, args: [g.returnValue])
                }
                throw PyError.stopIteration
            }
            throw PyError.type("'\(it.typeName)' object is not an iterator")
        }
        ns["id"] = fn("id") { _, args in
            try args.expect("id", min: 1, max: 1)
            let v = args.positional[0]
            if let o = v.heapObject { return .int(Int(bitPattern: UInt(bitPattern: ObjectIdentifier(o).hashValue))) }
            switch v {
            case .int(let i): return .int(0x7f00_0000 &+ i &* 32)
            case .bool(let b): return .int(b ? 0x7e00_0020 : 0x7e00_0000)
            case .float(let d): return .int(Int(bitPattern: UInt(d.bitPattern >> 8)))
            default: return .int(0x7d00_0000)
            }
        }
        ns["hash"] = fn("hash") { interp, args in
            try args.expect("hash", min: 1, max: 1)
            return .int(try interp.hash(args.positional[0]))
        }
        ns["callable"] = fn("callable") { _, args in
            try args.expect("callable", min: 1, max: 1)
            guard case .object(let o) = args.positional[0] else { return .bool(false) }
            return .bool(o is PyFunction || o is PyBuiltinFunction || o is PyBoundMethod || o is PyType || o.pyType.lookup("__call__") != nil)
        }
        ns["format"] = fn("format") { interp, args in
            try args.expect("format", min: 1, max: 2)
            var spec = ""
            if args.positional.count == 2 {
                guard case .str(let s) = args.positional[1] else {
                    throw PyError.type("format() argument 2 must be str, not \(args.positional[1].typeName)")
                }
                spec = s.value
            }
            return .string(try interp.format(args.positional[0], spec))
        }
        ns["chr"] = fn("chr") { interp, args in
            try args.expect("chr", min: 1, max: 1)
            let i = try textCInt(interp, args.positional[0])
            guard i >= 0, i <= 0x10FFFF else { throw PyError.value("chr() arg not in range(0x110000)") }
            guard let scalar = Unicode.Scalar(UInt32(i)) else { return .string(String(ReplacementCharacter.replacement)) }
            return .string(String(scalar))
        }
        ns["ord"] = fn("ord") { _, args in
            try args.expect("ord", min: 1, max: 1)
            guard case .str(let s) = args.positional[0] else {
                throw PyError.type("ord() expected string of length 1, but \(args.positional[0].typeName) found")
            }
            let scalars = s.value.unicodeScalars
            guard scalars.count == 1, let first = scalars.first else {
                throw PyError.type("ord() expected a character, but string of length \(scalars.count) found")
            }
            return .int(Int(first.value))
        }
        ns["hex"] = fn("hex") { interp, args in try radix(interp, args, "hex", 16, "0x") }
        ns["oct"] = fn("oct") { interp, args in try radix(interp, args, "oct", 8, "0o") }
        ns["bin"] = fn("bin") { interp, args in try radix(interp, args, "bin", 2, "0b") }
        ns["divmod"] = fn("divmod") { interp, args in
            try args.expect("divmod", min: 2, max: 2)
            let a = args.positional[0], b = args.positional[1]
            if case .float = a, b.bigIntValue != nil || { if case .float = b { return true }; return false }() {
                return try floatDivmod(a, b)
            }
            if case .float = b, a.bigIntValue != nil { return try floatDivmod(a, b) }
            if a.bigIntValue != nil, b.bigIntValue != nil {
                return .tuple(PyTuple([try interp.binary(.floorDivide, a, b), try interp.binary(.modulo, a, b)]))
            }
            if Interpreter.hasUserDunders(a), let m = a.type.lookup("__divmod__") { return try interp.call(m, [a, b]) }
            if Interpreter.hasUserDunders(b), let m = b.type.lookup("__rdivmod__") { return try interp.call(m, [b, a]) }
            throw PyError.type("unsupported operand type(s) for divmod(): '\(a.typeName)' and '\(b.typeName)'")
        }
        ns["pow"] = fn("pow") { interp, args in
            let a = try args.bind("pow", ["base", "exp", "mod"], required: 2)
            let base = a[0] ?? .none, exp = a[1] ?? .none
            guard let mod = a[2], !mod.isNone else { return try interp.binary(.power, base, exp) }
            guard let b = base.bigIntValue, let e = exp.bigIntValue, let m = mod.bigIntValue else {
                if [base, exp, mod].contains(where: { if case .object(let o) = $0 { return o is PyComplex }; return false }) {
                    throw PyError.value("complex modulo")
                }
                throw PyError.type("pow() 3rd argument not allowed unless all arguments are integers")
            }
            if m == 0 { throw PyError.value("pow() 3rd argument cannot be 0") }
            // Work with a positive modulus and a base reduced into [0, |m|), then give the
            // result the modulus' sign as CPython does.
            let modulus = BigInt(m.magnitude)
            if modulus == 1 { return .int(0) }
            var reduced = b % modulus
            if reduced < 0 { reduced += modulus }
            var result: BigInt
            if e < 0 {
                guard reduced != 0, let inverse = reduced.inverse(modulus) else {
                    throw PyError.value("base is not invertible for the given modulus")
                }
                result = inverse.power(-e, modulus: modulus)
            } else {
                result = reduced.power(e, modulus: modulus)
            }
            if result < 0 { result += modulus }
            if m < 0 && result != 0 { result -= modulus }
            return .integer(result)
        }
        ns["round"] = fn("round", builtinRound)
        ns["vars"] = fn("vars") { interp, args in
            try args.expect("vars", min: 1, max: 1)
            guard let d = try interp.lookupAttribute(args.positional[0], "__dict__") else {
                throw PyError.type("vars() argument must have __dict__ attribute")
            }
            return d
        }
        ns["globals"] = fn("globals") { interp, _ in
            let d = PyDict()
            for name in interp.globalNames { d[string: name] = interp.global(name) }
            return .dict(d)
        }
        ns["open"] = nil
        return ns
    }

    static func isInstance(_ v: Value, _ spec: Value, _ message: String) throws -> Bool {
        try classMatches(v.type, spec, message)
    }

    static func classMatches(_ t: PyType, _ spec: Value, _ message: String) throws -> Bool {
        switch spec {
        case .tuple(let items):
            for item in items.items where try classMatches(t, item, message) { return true }
            return false
        case .object(let o):
            if let c = o as? PyType { return t.isSubtype(of: c) }
        default: break
        }
        throw PyError.type(message)
    }

    static func radix(_ interp: Interpreter, _ args: Arguments, _ name: String, _ base: Int, _ prefix: String) throws -> Value {
        try args.expect(name, min: 1, max: 1)
        let v = args.positional[0]
        guard let i = try v.bigIntValue ?? interp.indexValue(v).map({ BigInt($0) }) else {
            throw PyError.type("'\(v.typeName)' object cannot be interpreted as an integer")
        }
        let digits = String(i.magnitude, radix: base)
        return .string((i.sign == .minus && i != 0 ? "-" : "") + prefix + digits)
    }

    static func floatDivmod(_ a: Value, _ b: Value) throws -> Value {
        func d(_ v: Value) throws -> Double {
            if case .float(let x) = v { return x }
            return try Interpreter.toDouble(v.bigIntValue ?? 0)
        }
        let x = try d(a), y = try d(b)
        if y == 0 { throw PyError.zeroDivision("float divmod()") }
        let (q, r) = Interpreter.floatDivMod(x, y)
        return .tuple(PyTuple([.float(q), .float(r)]))
    }

    static func builtinPrint(_ interp: Interpreter, _ args: Arguments) throws -> Value {
        var sep = " ", end = "\n"
        for (k, v) in args.keywords {
            switch k {
            case "sep":
                if case .str(let s) = v { sep = s.value } else if !v.isNone {
                    throw PyError.type("sep must be None or a string, not \(v.typeName)")
                }
            case "end":
                if case .str(let s) = v { end = s.value } else if !v.isNone {
                    throw PyError.type("end must be None or a string, not \(v.typeName)")
                }
            case "flush", "file": break
            default: throw PyError.type("'\(k)' is an invalid keyword argument for print()")
            }
        }
        var out = ""
        for (i, v) in args.positional.enumerated() {
            if i > 0 { out += sep }
            out += try interp.str(v)
        }
        out += end
        interp.output(out)
        return .none
    }

    static func builtinSum(_ interp: Interpreter, _ args: Arguments) throws -> Value {
        let a = try args.bind("sum", ["iterable", "start"], required: 1, positionalOnly: 1)
        var total = a[1] ?? .int(0)
        if case .str = total { throw PyError.type("sum() can't sum strings [use ''.join(seq) instead]") }
        let source = a[0] ?? .none
        var intTotal = 0
        var useInt = false
        if case .int(let i) = total {
            intTotal = i
            useInt = true
        }
        try interp.forEach(source) { v in
            if useInt {
                if case .int(let x) = v {
                    let (s, o) = intTotal.addingReportingOverflow(x)
                    if !o {
                        intTotal = s
                        return
                    }
                }
                total = .int(intTotal)
                useInt = false
            }
            total = try interp.binary(.add, total, v)
        }
        return useInt ? .int(intTotal) : total
    }

    static func minMax(_ interp: Interpreter, _ args: Arguments, _ name: String, _ op: CompareOperator) throws -> Value {
        var key: Value?
        var defaultValue: Value?
        for (k, v) in args.keywords {
            switch k {
            case "key": key = v.isNone ? nil : v
            case "default": defaultValue = v
            default: throw PyError.type("'\(k)' is an invalid keyword argument for \(name)()")
            }
        }
        var best: (item: Value, key: Value)?
        func consider(_ item: Value) throws {
            let k = try key.map { try interp.call($0, [item]) } ?? item
            guard let current = best else {
                best = (item, k)
                return
            }
            if try interp.truthy(try interp.compare(op, k, current.key)) { best = (item, k) }
        }
        if args.positional.isEmpty {
            throw PyError.type("\(name) expected at least 1 argument, got 0")
        } else if args.positional.count == 1 {
            // Through the iterator, as CPython does: a key function that mutates the list
            // changes what is seen next instead of working on a stale copy.
            let it = try interp.iterator(args.positional[0])
            while let item = try interp.next(it) {
                try consider(item)
                try interp.tick()
            }
            guard let best else {
                if let defaultValue { return defaultValue }
                throw PyError.value("\(name)() arg is an empty sequence")
            }
            return best.item
        } else {
            if defaultValue != nil {
                throw PyError.type("Cannot specify a default for \(name)() with multiple positional arguments")
            }
            for item in args.positional { try consider(item) }
        }
        return best?.item ?? .none
    }

    static func builtinRound(_ interp: Interpreter, _ args: Arguments) throws -> Value {
        let a = try args.bind("round", ["number", "ndigits"], required: 1)
        let number = a[0] ?? .none
        let ndigits = a[1].flatMap { $0.isNone ? nil : $0 }
        switch number {
        case .float(let d):
            guard let nd = ndigits else {
                if d.isNaN { throw PyError.value("cannot convert float NaN to integer") }
                if d.isInfinite { throw PyError.overflow("cannot convert float infinity to integer") }
                return .integer(BigInt(d.rounded(.toNearestOrEven)))
            }
            // CPython reads ndigits with `PyNumber_AsSsize_t(o, NULL)`, which clamps a huge int.
            let n = try bigIndex(interp, nd)
            return .float(roundFloat(d, Int(exactly: n) ?? (n.sign == .minus ? Int.min : Int.max)))
        case .int, .bool, .object(is PyBigInt):
            guard let b = number.bigIntValue else { break }
            guard let nd = ndigits else { return .integer(b) }
            let digits = try bigIndex(interp, nd)
            if digits.sign != .minus { return .integer(b) }
            // 10**k > 2 * |b| once k exceeds b's bit width: the result is 0 without building 10**k.
            guard let k = Int(exactly: -digits), k <= b.magnitude.bitWidth else { return .int(0) }
            let p = BigInt(10).power(k)
            var (q, r) = Interpreter.floorDivMod(b, p)
            let twice = r * 2
            if twice > p || (twice == p && q.isMultiple(of: 2) == false) { q += 1 }
            _ = r
            r = 0
            return .integer(q * p)
        default: break
        }
        if case .object(let o) = number, let m = o.pyType.lookup("__round__") {
            return try interp.call(m, ndigits.map { [number, $0] } ?? [number])
        }
        throw PyError.type("type \(number.typeName) doesn't define __round__ method")
    }

    /// An integer argument of any size (`__index__` is honoured), else CPython's TypeError.
    static func bigIndex(_ interp: Interpreter, _ v: Value) throws -> BigInt {
        if let b = v.bigIntValue { return b }
        if case .object(let o) = v, Interpreter.hasUserDunders(v), let m = o.pyType.lookup("__index__") {
            let r = try interp.call(m, [v])
            guard let b = r.bigIntValue else {
                throw PyError.type("__index__ returned non-int (type \(r.typeName))")
            }
            return b
        }
        throw PyError.type("'\(v.typeName)' object cannot be interpreted as an integer")
    }

    /// `round(x, n)` for floats: correctly rounded through the shortest decimal text, like CPython.
    static func roundFloat(_ d: Double, _ n: Int) -> Double {
        if !d.isFinite || d == 0 { return d }
        if n > 323 { return d }
        if n < -308 { return d < 0 ? -0.0 : 0.0 }
        // Format with enough digits to be exact, then round half-even on the decimal string.
        let text = exactDecimal(d)
        guard let rounded = roundDecimalString(text, n), let r = Double(rounded) else { return d }
        if r == 0 { return d < 0 ? -0.0 : 0.0 }
        return r
    }

    /// The exact decimal expansion of a double (every double is a finite binary fraction).
    static func exactDecimal(_ d: Double) -> String {
        let negative = d < 0
        let m = abs(d)
        let exponent = m.exponent
        let significand = BigInt(m.significandBitPattern) | (m.isNormal ? BigInt(1) << 52 : 0)
        let shift = Int(exponent) - 52 + (m.isNormal ? 0 : 1)
        var integerPart: BigInt
        var fraction = ""
        if shift >= 0 {
            integerPart = significand << shift
        } else {
            let s = -shift
            integerPart = significand >> s
            var rem = significand - (integerPart << s)
            // rem / 2^s in decimal: multiply by 10 repeatedly.
            while rem != 0 {
                rem *= 10
                let digit = rem >> s
                fraction += String(digit)
                rem -= digit << s
            }
        }
        return (negative ? "-" : "") + String(integerPart) + (fraction.isEmpty ? "" : "." + fraction)
    }

    static func roundDecimalString(_ text: String, _ n: Int) -> String? {
        var s = Substring(text)
        let negative = s.hasPrefix("-")
        if negative { s = s.dropFirst() }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        let intPart = String(parts[0])
        let fracPart = parts.count > 1 ? String(parts[1]) : ""
        var digits = Array((intPart + fracPart).utf8).map { Int($0) - 48 }
        let pointPosition = intPart.count
        let keep = pointPosition + n
        if keep < 0 { return negative ? "-0" : "0" }
        if keep >= digits.count { return text }
        let rest = digits[keep...]
        var roundUp = false
        if let first = rest.first {
            if first > 5 { roundUp = true } else if first == 5 {
                if rest.dropFirst().contains(where: { $0 != 0 }) { roundUp = true } else {
                    let previous = keep > 0 ? digits[keep - 1] : 0
                    roundUp = previous % 2 == 1
                }
            }
        }
        digits = Array(digits[0..<keep])
        if roundUp {
            var i = digits.count - 1
            var carry = true
            while carry && i >= 0 {
                digits[i] += 1
                if digits[i] == 10 { digits[i] = 0; i -= 1 } else { carry = false }
            }
            if carry { digits.insert(1, at: 0) }
        }
        let extra = digits.count - keep
        var mantissa = digits.map(String.init).joined()
        if mantissa.isEmpty { mantissa = "0" }
        // Value = mantissa * 10^(-n) (adjusting for a carry that added a digit).
        _ = extra
        return (negative ? "-" : "") + mantissa + "e" + String(-n)
    }
}

enum ReplacementCharacter {
    static let replacement = Unicode.Scalar(0xFFFD) ?? "?"
}

extension BigUInt {
    var asBigInt: BigInt { BigInt(self) }
}
