import BigInt

extension Interpreter {
    /// `repr(value)`.
    public func repr(_ value: Value) throws -> String {
        switch value {
        case .none: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .int(let i): return String(i)
        case .float(let d): return FloatFormatting.repr(d)
        case .str(let s): return StringFormatting.repr(s.value)
        case .list(let l):
            if l.items.isEmpty { return "[]" }
            if reprGuard.contains(ObjectIdentifier(l)) { return "[...]" }
            return try withReprGuard(l) {
                // A `__repr__` may mutate the list: re-read it at every step, as CPython does.
                var parts: [String] = []
                var i = 0
                while i < l.items.count {
                    let v = l.items[i]
                    parts.append(try repr(v))
                    i += 1
                }
                return "[" + parts.joined(separator: ", ") + "]"
            }
        case .tuple(let t):
            if t.items.isEmpty { return "()" }
            return try withReprGuard(t) {
                if t.items.count == 1 { return "(" + (try repr(t.items[0])) + ",)" }
                return "(" + (try t.items.map { try repr($0) }.joined(separator: ", ")) + ")"
            }
        case .dict(let d):
            if d.count == 0 { return "{}" }
            if reprGuard.contains(ObjectIdentifier(d)) { return "{...}" }
            return try withReprGuard(d) {
                "{" + (try d.table.items.map { try repr($0.key.value) + ": " + repr($0.value) }.joined(separator: ", ")) + "}"
            }
        case .object(let o):
            return try reprObject(o, value)
        }
    }

    private func withReprGuard(_ object: AnyObject, _ body: () throws -> String) throws -> String {
        try enterNative()
        defer { leaveNative() }
        let id = ObjectIdentifier(object)
        reprGuard.insert(id)
        defer { reprGuard.remove(id) }
        return try body()
    }

    private func reprObject(_ o: PyObject, _ value: Value) throws -> String {
        switch o {
        case let b as PyBigInt: return try IntFormatting.decimal(b.value)
        case let s as PySet:
            let name = s.isFrozen ? "frozenset" : "set"
            if s.table.count == 0 { return "\(name)()" }
            if reprGuard.contains(ObjectIdentifier(s)) { return "\(name)(...)" }
            let body = try withReprGuard(s) { "{" + (try s.orderedElements.map { try repr($0) }.joined(separator: ", ")) + "}" }
            return s.isFrozen ? "frozenset(\(body))" : body
        case let r as PyRange:
            return r.step == 1 ? "range(\(r.start), \(r.stop))" : "range(\(r.start), \(r.stop), \(r.step))"
        case let r as PyBigRange:
            return r.step == 1 ? "range(\(r.start), \(r.stop))" : "range(\(r.start), \(r.stop), \(r.step))"
        case let s as PySlice:
            return "slice(\(try repr(s.start)), \(try repr(s.stop)), \(try repr(s.step)))"
        case let t as PyType:
            return "<class '\(t.qualifiedName)'>"
        case let f as PyFunction:
            return "<function \(f.qualname) at \(address(f))>"
        case let f as PyBuiltinFunction:
            if let owner = f.owner { return "<method '\(f.name)' of '\(owner)' objects>" }
            return "<built-in function \(f.name)>"
        case let m as PyBoundMethod:
            if case .object(let fo) = m.function, let bf = fo as? PyBuiltinFunction {
                return "<built-in method \(bf.name) of \(m.selfValue.typeName) object at \(address(m.selfValue.heapObject ?? m))>"
            }
            let name: String
            if case .object(let fo) = m.function, let f = fo as? PyFunction { name = f.qualname } else { name = "?" }
            return "<bound method \(name) of \(try repr(m.selfValue))>"
        case let m as PyModule:
            return m.name == "math" ? "<module 'math' (built-in)>" : "<module '\(m.name)'>"
        case let s as PySingleton:
            return s.name
        case let v as PyDictView:
            let items: [Value]
            switch v.kind {
            case .keys: items = v.dict.table.keys.map(\.value)
            case .values: items = v.dict.table.values
            case .items: items = v.dict.table.items.map { .tuple(PyTuple([$0.key.value, $0.value])) }
            }
            return try withReprGuard(v) { "\(v.pyType.name)(" + (try repr(.list(PyList(items)))) + ")" }
        default:
            break
        }
        if let method = o.pyType.lookup("__repr__") {
            return try reprResult(call(method, [value]), "__repr__")
        }
        if let e = o as? PyException {
            return try exceptionRepr(e)
        }
        return defaultRepr(o)
    }

    /// `<__main__.C object at 0x…>`.
    func defaultRepr(_ o: PyObject) -> String {
        "<\(o.pyType.qualifiedName) object at \(address(o))>"
    }

    func address(_ o: AnyObject) -> String {
        "0x" + String(UInt(bitPattern: ObjectIdentifier(o)), radix: 16).leftPadded(to: 12)
    }

    private func reprResult(_ v: Value, _ method: String) throws -> String {
        guard case .str(let s) = v else {
            throw PyError.type("\(method) returned non-string (type \(v.typeName))")
        }
        return s.value
    }

    func exceptionRepr(_ e: PyException) throws -> String {
        let name = e.cls.name
        if e.args.count == 1 { return "\(name)(\(try repr(e.args[0])))" }
        return "\(name)(" + (try e.args.map { try repr($0) }.joined(separator: ", ")) + ")"
    }

    /// `str(value)`.
    public func str(_ value: Value) throws -> String {
        switch value {
        case .str(let s): return s.value
        case .none, .bool, .int, .float, .list, .tuple, .dict: return try repr(value)
        case .object(let o):
            if o is PyBigInt || o is PySet || o is PyType || o is PyFunction || o is PyModule { return try repr(value) }
            if let method = o.pyType.lookup("__str__") {
                return try reprResult(call(method, [value]), "__str__")
            }
            if let e = o as? PyException { return try exceptionStr(e) }
            return try repr(value)
        }
    }

    func exceptionStr(_ e: PyException) throws -> String {
        if e.args.isEmpty { return "" }
        if e.args.count == 1 {
            if e.cls.isSubtype(of: Builtin.keyError) { return try repr(e.args[0]) }
            return try str(e.args[0])
        }
        return try repr(.tuple(PyTuple(e.args)))
    }

    /// `format(value, spec)`.
    public func format(_ value: Value, _ spec: String) throws -> String {
        if case .object(let o) = value, !(o is PyBigInt), let method = o.pyType.lookup("__format__") {
            return try reprResult(call(method, [value, .string(spec)]), "__format__")
        }
        if spec.isEmpty { return try str(value) }
        return try FormatSpecFormatting.format(value, spec, self)
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
