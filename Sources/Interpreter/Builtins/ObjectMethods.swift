extension Builtin {
    /// The receiver of a native method, checked like CPython's method descriptors.
    static func receiver<T>(_ args: Arguments, _ owner: String, _ method: String, _ extract: (Value) -> T?) throws -> T {
        guard let first = args.positional.first else {
            throw PyError.type("unbound method \(owner).\(method)() needs an argument")
        }
        guard let r = extract(first) else {
            throw PyError.type("descriptor '\(method)' for '\(owner)' objects doesn't apply to a '\(first.typeName)' object")
        }
        return r
    }

    /// The arguments after the receiver.
    static func rest(_ args: Arguments) -> Arguments {
        Arguments(Array(args.positional.dropFirst()), keywords: args.keywords)
    }

    static func installObjectMethods() {
        objectType.define("__init__") { _, args in
            if args.positional.count > 1 {
                throw PyError.type("object.__init__() takes exactly one argument (the instance to initialize)")
            }
            return .none
        }
        objectType.define("__repr__") { interp, args in
            guard let v = args.positional.first else { throw PyError.type("descriptor '__repr__' of 'object' object needs an argument") }
            if case .object(let o) = v { return .string(interp.defaultRepr(o)) }
            return .string(try interp.repr(v))
        }
        objectType.define("__str__") { interp, args in
            guard let v = args.positional.first else { throw PyError.type("descriptor '__str__' of 'object' object needs an argument") }
            return .string(try interp.repr(v))
        }
        objectType.define("__eq__") { _, args in
            guard args.positional.count == 2 else { throw PyError.type("expected 1 argument, got \(max(0, args.positional.count - 1))") }
            return args.positional[0].isIdentical(to: args.positional[1]) ? .bool(true) : .notImplemented
        }
        objectType.define("__ne__") { interp, args in
            guard args.positional.count == 2 else { throw PyError.type("expected 1 argument, got \(max(0, args.positional.count - 1))") }
            let a = args.positional[0]
            if let eq = a.type.lookup("__eq__") {
                let r = try interp.call(eq, [a, args.positional[1]])
                if r.isNotImplemented { return r }
                return .bool(!(try interp.truthy(r)))
            }
            return .notImplemented
        }
        baseException.define("__init__") { _, args in
            guard case .object(let o)? = args.positional.first, let e = o as? PyException else { return .none }
            if !args.keywords.isEmpty { throw PyError.type("\(e.cls.name)() takes no keyword arguments") }
            e.args = Array(args.positional.dropFirst())
            return .none
        }
        baseException.define("__str__") { interp, args in
            let e = try receiver(args, "BaseException", "__str__") { v -> PyException? in
                if case .object(let o) = v { return o as? PyException }
                return nil
            }
            return .string(try interp.exceptionStr(e))
        }
        baseException.define("__repr__") { interp, args in
            let e = try receiver(args, "BaseException", "__repr__") { v -> PyException? in
                if case .object(let o) = v { return o as? PyException }
                return nil
            }
            return .string(try interp.exceptionRepr(e))
        }
        baseException.define("with_traceback") { _, args in args.positional.first ?? .none }
        baseException.define("add_note") { _, args in
            guard case .object(let o)? = args.positional.first, let e = o as? PyException, args.positional.count == 2 else { return .none }
            var notes: [Value] = []
            if case .list(let l)? = e.dict["__notes__"] { notes = l.items }
            notes.append(args.positional[1])
            e.dict["__notes__"] = .list(PyList(notes))
            return .none
        }
        generatorType.define("__next__") { interp, args in
            let g = try receiver(args, "generator", "__next__") { v -> Value? in
                if case .object(let o) = v, o is PyGenerator || o is PyIterator { return v }
                return nil
            }
            if let v = try interp.next(g) { return v }
            if case .object(let o) = g, let gen = o as? PyGenerator, !gen.returnValue.isNone {
                throw PyError(stopIteration, args: [gen.returnValue])
            }
            throw PyError.stopIteration
        }
        generatorType.define("__iter__") { _, args in args.positional.first ?? .none }
        generatorType.define("send") { interp, args in
            let g = try receiver(args, "generator", "send") { v -> PyGenerator? in
                if case .object(let o) = v { return o as? PyGenerator }
                return nil
            }
            guard args.positional.count == 2 else { throw PyError.type("generator.send() takes exactly one argument (\(args.positional.count - 1) given)") }
            if let v = try g.resume(interp, sending: args.positional[1]) { return v }
            throw g.returnValue.isNone ? PyError.stopIteration : PyError(stopIteration, args: [g.returnValue])
        }
        generatorType.define("close") { interp, args in
            let g = try receiver(args, "generator", "close") { v -> PyGenerator? in
                if case .object(let o) = v { return o as? PyGenerator }
                return nil
            }
            try g.close(interp)
            return .none
        }
        generatorType.define("throw") { interp, args in
            let g = try receiver(args, "generator", "throw") { v -> PyGenerator? in
                if case .object(let o) = v { return o as? PyGenerator }
                return nil
            }
            guard args.positional.count >= 2 else { throw PyError.type("throw expected at least 1 argument, got 0") }
            let error = PyError(try interp.makeException(args.positional[1]))
            if g.finished || !g.started {
                g.finished = true
                throw error
            }
            if let v = try g.resume(interp, sending: .none, throwing: error) { return v }
            throw g.returnValue.isNone ? PyError.stopIteration : PyError(stopIteration, args: [g.returnValue])
        }
    }

    static func installIteratorMethods() {
        for t in [iteratorType, listIteratorType, tupleIteratorType, rangeIteratorType, longRangeIteratorType, strIteratorType, dictKeyIteratorType,
                  setIteratorType, zipType, mapType, filterType, enumerateType, reversedType, listReverseIteratorType] {
            t.define("__next__") { interp, args in
                guard let it = args.positional.first else { throw PyError.type("expected an iterator") }
                if let v = try interp.next(it) { return v }
                throw PyError.stopIteration
            }
            t.define("__iter__") { _, args in args.positional.first ?? .none }
        }
        for t in [dictKeysType, dictValuesType, dictItemsType] {
            t.define("__iter__") { interp, args in try interp.iterator(args.positional.first ?? .none) }
        }
    }
}
