import BigInt

extension Builtin {
    nonisolated(unsafe) public static let listReverseIteratorType: PyType = PyType(name: "list_reverseiterator", base: objectType)

    static func installConstructors() {
        intType.constructor = { interp, args in
            let a = try args.bind("int", ["x", "base"], positionalOnly: 1)
            guard let x = a[0] else {
                if a[1] != nil { throw PyError.type("int() missing string argument") }
                return .int(0)
            }
            if let baseValue = a[1] {
                if let big = baseValue.bigIntValue, Int(exactly: big) == nil {
                    throw PyError.value("int() base must be >= 2 and <= 36, or 0")
                }
                guard let base = try interp.indexValue(baseValue) else {
                    throw PyError.type("'\(baseValue.typeName)' object cannot be interpreted as an integer")
                }
                guard case .str(let s) = x else { throw PyError.type("int() can't convert non-string with explicit base") }
                return try parseInt(s.value, base: base)
            }
            return try toInt(interp, x)
        }
        boolType.constructor = { interp, args in
            try args.expect("bool", min: 0, max: 1)
            return .bool(try args.positional.first.map { try interp.truthy($0) } ?? false)
        }
        floatType.constructor = { interp, args in
            try args.expect("float", min: 0, max: 1)
            guard let x = args.positional.first else { return .float(0) }
            return .float(try toFloat(interp, x))
        }
        strType.constructor = { interp, args in
            for k in args.keywords where !["object", "encoding", "errors"].contains(k.name) {
                throw PyError.type("'\(k.name)' is an invalid keyword argument for str()")
            }
            let a = try args.bind("str", ["object", "encoding", "errors"])
            guard let x = a[0] else { return .string("") }
            return .string(try interp.str(x))
        }
        listType.constructor = { interp, args in
            try args.expect("list", min: 0, max: 1)
            return .list(PyList(try args.positional.first.map { try interp.collect($0) } ?? []))
        }
        tupleType.constructor = { interp, args in
            try args.expect("tuple", min: 0, max: 1)
            if let first = args.positional.first, case .tuple = first { return first }
            return .tuple(PyTuple(try args.positional.first.map { try interp.collect($0) } ?? []))
        }
        dictType.constructor = { interp, args in
            guard args.positional.count <= 1 else { throw PyError.type("dict expected at most 1 argument, got \(args.positional.count)") }
            let d = PyDict()
            if let source = args.positional.first { try dictUpdate(interp, d, source) }
            for (k, v) in args.keywords { d[string: k] = v }
            return .dict(d)
        }
        setType.constructor = { interp, args in
            try args.expect("set", min: 0, max: 1)
            let s = PySet()
            if let source = args.positional.first { for v in try interp.collect(source) { try interp.tableSet(s, interp.dictKey(v), .none) } }
            return .object(s)
        }
        frozensetType.constructor = { interp, args in
            try args.expect("frozenset", min: 0, max: 1)
            let s = PySet(frozen: true)
            if let source = args.positional.first { for v in try interp.collect(source) { try interp.tableSet(s, interp.dictKey(v), .none) } }
            return .object(s)
        }
        rangeType.constructor = { interp, args in
            try args.noKeywords("range")
            // Machine-word arguments, the common case in loops, never go through `BigInt`.
            if let small = smallRange(args.positional) { return .object(small) }
            func integer(_ v: Value) throws -> BigInt {
                guard let i = try interp.bigIndexValue(v) else {
                    throw PyError.type("'\(v.typeName)' object cannot be interpreted as an integer")
                }
                return i
            }
            switch args.positional.count {
            case 1: return .object(makeRange(start: 0, stop: try integer(args.positional[0]), step: 1))
            case 2: return .object(makeRange(start: try integer(args.positional[0]), stop: try integer(args.positional[1]), step: 1))
            case 3:
                let start = try integer(args.positional[0]), stop = try integer(args.positional[1])
                let step = try integer(args.positional[2])
                if step.isZero { throw PyError.value("range() arg 3 must not be zero") }
                return .object(makeRange(start: start, stop: stop, step: step))
            case 0: throw PyError.type("range expected at least 1 argument, got 0")
            default: throw PyError.type("range expected at most 3 arguments, got \(args.positional.count)")
            }
        }
        sliceType.constructor = { _, args in
            try args.expect("slice", min: 1, max: 3)
            let p = args.positional
            if p.count == 1 { return .object(PySlice(start: .none, stop: p[0], step: .none)) }
            return .object(PySlice(start: p[0], stop: p[1], step: p.count == 3 ? p[2] : .none))
        }
        typeType.constructor = { _, args in
            guard args.positional.count == 1 else { throw PyError.type("type() takes 1 or 3 arguments") }
            return .object(args.positional[0].type)
        }
        staticMethodType.constructor = { _, args in
            try args.expect("staticmethod", min: 1, max: 1)
            return .object(PyDescriptor(kind: .staticMethod, function: args.positional[0]))
        }
        classMethodType.constructor = { _, args in
            try args.expect("classmethod", min: 1, max: 1)
            return .object(PyDescriptor(kind: .classMethod, function: args.positional[0]))
        }
        propertyType.constructor = { _, args in
            let a = try args.bind("property", ["fget", "fset", "fdel", "doc"])
            return .object(PyDescriptor(kind: .property, function: a[0] ?? .none, setter: a[1].flatMap { $0.isNone ? nil : $0 }))
        }
        superType.constructor = { interp, args in
            guard args.positional.count == 2, case .object(let o) = args.positional[0], let t = o as? PyType else {
                throw PyError.runtime("super(): no arguments")
            }
            return .object(PySuper(cls: t, receiver: args.positional[1]))
        }
    }

    static func dictUpdate(_ interp: Interpreter, _ d: PyDict, _ source: Value) throws {
        if case .dict = source {
            try interp.mergeMapping(into: d, source)
            return
        }
        if case .object(let o) = source, o.pyType.lookup("keys") != nil, !(o is PyDictView) {
            try interp.mergeMapping(into: d, source)
            return
        }
        var index = 0
        let it: Value
        do {
            it = try interp.iterator(source)
        } catch let e as PyError where e.type === typeError {
            throw PyError.type("'\(source.typeName)' object is not iterable")
        }
        while let item = try interp.next(it) {
            let pair: [Value]
            do {
                pair = try interp.collect(item)
            } catch let e as PyError where e.type === typeError {
                throw PyError.type("cannot convert dictionary update sequence element #\(index) to a sequence")
            }
            guard pair.count == 2 else {
                throw PyError.value("dictionary update sequence element #\(index) has length \(pair.count); 2 is required")
            }
            try interp.tableSet(d, interp.dictKey(pair[0]), pair[1])
            index += 1
        }
    }

    /// `int(x)` for one argument.
    static func toInt(_ interp: Interpreter, _ x: Value) throws -> Value {
        switch x {
        case .int: return x
        case .bool(let b): return .int(b ? 1 : 0)
        case .float(let d):
            if d.isNaN { throw PyError.value("cannot convert float NaN to integer") }
            if d.isInfinite { throw PyError.overflow("cannot convert float infinity to integer") }
            return .integer(BigInt(d.rounded(.towardZero)))
        case .str(let s): return try parseInt(s.value, base: 10)
        case .object(let o):
            if o is PyBigInt { return x }
            for name in ["__int__", "__index__", "__trunc__"] {
                if let m = o.pyType.lookup(name) {
                    let r = try interp.call(m, [x])
                    guard r.bigIntValue != nil else { throw PyError.type("\(name) returned non-int (type \(r.typeName))") }
                    return r
                }
            }
        default: break
        }
        throw PyError.type("int() argument must be a string, a bytes-like object or a real number, not '\(x.typeName)'")
    }

    /// Parses an int literal the way `int(s, base)` does.
    static func parseInt(_ text: String, base: Int) throws -> Value {
        .integer(try Interpreter.Text.call { try NumberParsing.int(text, base: base) })
    }

    /// `float(x)` for one argument.
    static func toFloat(_ interp: Interpreter, _ x: Value) throws -> Double {
        switch x {
        case .float(let d): return d
        case .int(let i): return Double(i)
        case .bool(let b): return b ? 1 : 0
        case .str(let s):
            return try Interpreter.Text.call { try NumberParsing.float(s.value) }
        case .object(let o):
            if let b = o as? PyBigInt { return try Interpreter.toDouble(b.value) }
            if let m = o.pyType.lookup("__float__") {
                let r = try interp.call(m, [x])
                guard case .float(let d) = r else { throw PyError.type("\(o.pyType.name).__float__ returned non-float (type \(r.typeName))") }
                return d
            }
            if let m = o.pyType.lookup("__index__") {
                let r = try interp.call(m, [x])
                if let b = r.bigIntValue { return try Interpreter.toDouble(b) }
            }
        default: break
        }
        throw PyError.type("float() argument must be a string or a real number, not '\(x.typeName)'")
    }
}
