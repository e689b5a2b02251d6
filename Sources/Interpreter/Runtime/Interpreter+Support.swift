extension Interpreter {
    /// Finds the first `except` clause matching `error`; binds `as` names. Nil when none matches.
    func matchHandler(_ handlers: [Compiler.Handler], _ error: PyError, _ f: Frame) throws -> (Int, PyException)? {
        let e = error.exception
        for (i, h) in handlers.enumerated() {
            if let typeCode = h.type {
                let spec = try typeCode(f)
                guard try exceptionMatches(e, spec) else { continue }
            }
            if let store = h.store { try store(f, .object(e)) }
            return (i, e)
        }
        return nil
    }

    func exceptionMatches(_ e: PyException, _ spec: Value) throws -> Bool {
        switch spec {
        case .tuple(let t):
            for item in t.items where try exceptionMatches(e, item) { return true }
            return false
        case .object(let o):
            if let t = o as? PyType, t.isException { return e.cls.isSubtype(of: t) }
        default: break
        }
        throw PyError.type("catching classes that do not inherit from BaseException is not allowed")
    }

    func runHandler(_ handler: Compiler.Handler, _ exception: PyException, _ f: Frame) throws -> Flow {
        handling.append(exception)
        defer { handling.removeLast() }
        let flow: Flow
        do {
            flow = try handler.body(f)
        } catch let inner as PyError {
            if inner.exception.context == nil, inner.exception !== exception { inner.exception.context = exception }
            if let unbind = handler.unbind { try unbind(f) }
            throw inner
        }
        if let unbind = handler.unbind { try unbind(f) }
        return flow
    }

    /// The exception `raise value` raises: an instance, or a class called with no arguments.
    func makeException(_ value: Value) throws -> PyException {
        if case .object(let o) = value {
            if let e = o as? PyException {
                if e.context == nil, let current = handling.last, current !== e { e.context = current }
                return e
            }
            if let t = o as? PyType, t.isException {
                let made = try call(value, [])
                if case .object(let mo) = made, let e = mo as? PyException {
                    if let current = handling.last { e.context = current }
                    return e
                }
            }
        }
        throw PyError.type("exceptions must derive from BaseException")
    }

    /// `__enter__` and `__exit__` of a context manager.
    func contextMethods(_ manager: Value) throws -> (Value, Value) {
        let type = manager.type
        guard let enter = type.lookup("__enter__") else {
            throw PyError.type("'\(manager.typeName)' object does not support the context manager protocol")
        }
        guard let exit = type.lookup("__exit__") else {
            throw PyError.type("'\(manager.typeName)' object does not support the context manager protocol (missed __exit__ method)")
        }
        return (enter, exit)
    }

    /// `obj.method(args)` without building a bound method object when it can be avoided.
    @inline(__always)
    func callMethod(_ receiver: Value, _ name: String, _ arguments: () throws -> [Value]) throws -> Value {
        switch receiver {
        case .list, .str, .dict, .tuple:
            if let m = receiver.type.dict[name], case .object(let o) = m, let bf = o as? PyBuiltinFunction {
                var args = [receiver]
                args.append(contentsOf: try arguments())
                return try bf.body(self, Arguments(args))
            }
        case .object(let o):
            if let instance = o as? PyInstance, instance.dict[name] == nil, !(instance is PyException),
               let m = instance.cls.lookup(name), case .object(let mo) = m, let fn = mo as? PyFunction {
                var args = [receiver]
                args.append(contentsOf: try arguments())
                return try invoke(fn, args, [])
            }
        default: break
        }
        let callee = try getAttribute(receiver, name)
        return try call(callee, Arguments(try arguments()))
    }

    /// Adds every key and value of a mapping (`{**m}`, `dict.update`).
    func mergeMapping(into d: PyDict, _ m: Value) throws {
        if case .dict(let source) = m {
            for (k, v) in source.table.items { try tableSet(d, k, v) }
            return
        }
        guard let keysMethod = try lookupAttribute(m, "keys") else {
            throw PyError.type("'\(m.typeName)' object is not a mapping")
        }
        for k in try collect(try call(keysMethod, [])) {
            try tableSet(d, dictKey(k), getItem(m, k))
        }
    }

    /// The values of an unpacking assignment, with CPython's messages.
    func unpackValues(_ v: Value, expected: Int? = nil) throws -> [Value] {
        if !Self.isBuiltinIterable(v) && v.type.lookup("__iter__") == nil && v.type.lookup("__getitem__") == nil {
            throw PyError.type("cannot unpack non-iterable \(v.typeName) object")
        }
        let values = try collect(v)
        if let expected {
            if values.count > expected { throw PyError.value("too many values to unpack (expected \(expected))") }
            if values.count < expected {
                throw PyError.value("not enough values to unpack (expected \(expected), got \(values.count))")
            }
        }
        return values
    }

    /// How CPython names a callable in argument errors (`f()`, `C.m()`).
    func callableName(_ c: Value) throws -> String {
        if case .object(let o) = c {
            if let f = o as? PyFunction { return "__main__." + f.qualname + "()" }
            if let f = o as? PyBuiltinFunction { return f.name + "()" }
            if let m = o as? PyBoundMethod { return try callableName(m.function) }
            if let t = o as? PyType { return t.name + "()" }
        }
        return "\(c.typeName) object"
    }

    /// Imports a module registered by the host (or `math`); dotted names are attributes of the
    /// top-level module.
    public func importModule(_ name: String) throws -> Value {
        if let m = loadedModules[name] { return .object(m) }
        let parts = name.split(separator: ".").map(String.init)
        guard let head = parts.first else { throw PyError(Builtin.moduleNotFoundError, "No module named '\(name)'") }
        let top: PyModule
        if let m = loadedModules[head] {
            top = m
        } else if let factory = moduleFactories[head] {
            top = try factory(self)
            loadedModules[head] = top
        } else {
            throw PyError(Builtin.moduleNotFoundError, "No module named '\(head)'")
        }
        var current = Value.object(top)
        for part in parts.dropFirst() {
            guard let next = try lookupAttribute(current, part), case .object(let o) = next, o is PyModule else {
                throw PyError(Builtin.moduleNotFoundError, "No module named '\(name)'")
            }
            current = next
        }
        return current
    }
}
