import BigInt

extension Interpreter {
    /// `getattr(value, name)`.
    public func getAttribute(_ value: Value, _ name: String) throws -> Value {
        if let found = try lookupAttribute(value, name) { return found }
        throw attributeError(value, name)
    }

    func attributeError(_ value: Value, _ name: String) -> PyError {
        if case .object(let o) = value {
            if let t = o as? PyType { return .attribute("type object '\(t.name)' has no attribute '\(name)'") }
            if let m = o as? PyModule { return .attribute("module '\(m.name)' has no attribute '\(name)'") }
        }
        return .attribute("'\(value.typeName)' object has no attribute '\(name)'")
    }

    /// Binds a class attribute found through an instance: functions become bound methods,
    /// properties run their getter.
    @inline(__always)
    func bind(_ attribute: Value, to instance: Value, type: PyType) throws -> Value {
        guard case .object(let o) = attribute else { return attribute }
        if o is PyFunction || o is PyBuiltinFunction { return .object(PyBoundMethod(selfValue: instance, function: attribute)) }
        if let d = o as? PyDescriptor {
            switch d.kind {
            case .staticMethod: return d.function
            case .classMethod: return .object(PyBoundMethod(selfValue: .object(type), function: d.function))
            case .property: return try call(d.function, [instance])
            }
        }
        return attribute
    }

    /// The attribute, or nil when it does not exist (AttributeError raised inside getters propagates).
    public func lookupAttribute(_ value: Value, _ name: String) throws -> Value? {
        if case .object(let o) = value {
            if let instance = o as? PyInstance {
                let type = instance.cls
                let classAttribute = type.lookup(name)
                if case .object(let co)? = classAttribute, let d = co as? PyDescriptor, d.kind == .property {
                    return try call(d.function, [value])
                }
                if let own = instance.dict[name] { return own }
                if let e = instance as? PyException, let special = try exceptionAttribute(e, name) { return special }
                if let classAttribute { return try bind(classAttribute, to: value, type: type) }
                if name == "__class__" { return .object(type) }
                if name == "__dict__" {
                    let d = PyDict()
                    for (k, v) in instance.dict.sorted(by: { $0.key < $1.key }) { d[string: k] = v }
                    return .dict(d)
                }
                if let getattr = type.lookup("__getattr__") { return try call(getattr, [value, .string(name)]) }
                return nil
            }
            if let type = o as? PyType { return try typeAttribute(type, name) }
            if let s = o as? PySuper {
                var t = s.cls.base
                while let current = t {
                    if let found = current.dict[name] {
                        let receiverType: PyType
                        if case .object(let ro) = s.receiver, let rt = ro as? PyType { receiverType = rt } else { receiverType = s.receiver.type }
                        if case .object(let ro) = s.receiver, ro is PyType, case .object(let fo) = found, fo is PyFunction {
                            return found
                        }
                        return try bind(found, to: s.receiver, type: receiverType)
                    }
                    t = current.base
                }
                return nil
            }
            if let module = o as? PyModule {
                if let v = module.dict[name] { return v }
                if name == "__name__" { return .string(module.name) }
                return nil
            }
            if let f = o as? PyFunction {
                if let v = f.dict[name] { return v }
                switch name {
                case "__name__": return .string(f.name)
                case "__qualname__": return .string(f.qualname)
                case "__doc__": return f.doc ?? Value.none
                case "__defaults__": return f.defaults.isEmpty ? Value.none : .tuple(PyTuple(f.defaults))
                case "__module__": return .string("__main__")
                default: break
                }
            }
            if let f = o as? PyBuiltinFunction, name == "__name__" { return .string(f.name) }
            if let m = o as? PyBoundMethod {
                if name == "__self__" { return m.selfValue }
                if name == "__func__" { return m.function }
                return try lookupAttribute(m.function, name)
            }
            if let s = o as? PySlice {
                switch name {
                case "start": return s.start
                case "stop": return s.stop
                case "step": return s.step
                default: break
                }
            }
            if let r = o as? PyRange {
                switch name {
                case "start": return .int(r.start)
                case "stop": return .int(r.stop)
                case "step": return .int(r.step)
                default: break
                }
            }
            if let r = o as? PyBigRange {
                switch name {
                case "start": return .integer(r.start)
                case "stop": return .integer(r.stop)
                case "step": return .integer(r.step)
                default: break
                }
            }
            if let d = o as? PyDescriptor, name == "setter", d.kind == .property {
                return .object(PyBuiltinFunction(name: "setter") { _, args in
                    .object(PyDescriptor(kind: .property, function: d.function, setter: args[0]))
                })
            }
        }
        let type = value.type
        if let found = type.lookup(name) { return try bind(found, to: value, type: type) }
        switch name {
        case "__class__": return .object(type)
        case "real", "numerator":
            if value.bigIntValue != nil { return .integer(value.bigIntValue ?? 0) }
            if case .float = value, name == "real" { return value }
        case "imag":
            if value.bigIntValue != nil { return .int(0) }
            if case .float = value { return .float(0) }
        case "denominator":
            if value.bigIntValue != nil { return .int(1) }
        default: break
        }
        if case .object = value, let getattr = type.lookup("__getattr__") {
            return try call(getattr, [value, .string(name)])
        }
        return nil
    }

    private func exceptionAttribute(_ e: PyException, _ name: String) throws -> Value? {
        switch name {
        case "args": return .tuple(PyTuple(e.args))
        case "__cause__": return e.cause.map { .object($0) } ?? Value.none
        case "__context__": return e.context.map { .object($0) } ?? Value.none
        case "__suppress_context__": return .bool(e.suppressContext)
        case "__traceback__": return Value.none
        case "value" where e.cls.isSubtype(of: Builtin.stopIteration): return e.args.first ?? Value.none
        default: return nil
        }
    }

    private func typeAttribute(_ type: PyType, _ name: String) throws -> Value? {
        if let found = type.lookup(name) {
            if case .object(let o) = found, let d = o as? PyDescriptor {
                switch d.kind {
                case .staticMethod: return d.function
                case .classMethod: return .object(PyBoundMethod(selfValue: .object(type), function: d.function))
                case .property: return found
                }
            }
            return found
        }
        switch name {
        case "__name__", "__qualname__": return .string(type.name)
        case "__module__": return .string(type.module ?? "builtins")
        case "__bases__": return .tuple(PyTuple(type.base.map { [.object($0)] } ?? []))
        case "__base__": return type.base.map { .object($0) } ?? Value.none
        case "__mro__": return .tuple(PyTuple(type.mro.map { .object($0) }))
        case "__doc__": return Value.none
        case "__class__": return .object(Builtin.typeType)
        case "__dict__":
            let d = PyDict()
            for (k, v) in type.dict.sorted(by: { $0.key < $1.key }) { d[string: k] = v }
            return .dict(d)
        default: return nil
        }
    }

    /// `setattr(target, name, value)`.
    public func setAttribute(_ target: Value, _ name: String, _ value: Value) throws {
        if case .object(let o) = target {
            if let instance = o as? PyInstance {
                if let attribute = instance.cls.lookup(name), case .object(let ao) = attribute, let d = ao as? PyDescriptor,
                   d.kind == .property {
                    guard let setter = d.setter else {
                        throw PyError.attribute("property '\(name)' of '\(instance.cls.name)' object has no setter")
                    }
                    _ = try call(setter, [target, value])
                    return
                }
                if let e = instance as? PyException {
                    switch name {
                    case "__cause__":
                        e.cause = try exceptionOrNone(value, "exception cause must be None or derive from BaseException")
                        e.suppressContext = true
                        return
                    case "__context__":
                        e.context = try exceptionOrNone(value, "exception context must be None or derive from BaseException")
                        return
                    case "args":
                        e.args = try collect(value)
                        return
                    default: break
                    }
                }
                if let setattr = instance.cls.lookup("__setattr__") {
                    _ = try call(setattr, [target, .string(name), value])
                    return
                }
                instance.dict[name] = value
                return
            }
            if let type = o as? PyType {
                if type.isBuiltin {
                    throw PyError.type("cannot set '\(name)' attribute of immutable type '\(type.name)'")
                }
                type.dict[name] = value
                return
            }
            if let module = o as? PyModule {
                module.dict[name] = value
                return
            }
            if let f = o as? PyFunction {
                f.dict[name] = value
                return
            }
            if let attribute = o.pyType.lookup(name), case .object(let ao) = attribute, let d = ao as? PyDescriptor,
               d.kind == .property {
                guard let setter = d.setter else {
                    throw PyError.attribute("property '\(name)' of '\(o.pyType.name)' object has no setter")
                }
                _ = try call(setter, [target, value])
                return
            }
            if let setattr = o.pyType.lookup("__setattr__") {
                _ = try call(setattr, [target, .string(name), value])
                return
            }
        }
        if target.type.lookup(name) != nil {
            throw PyError.attribute("'\(target.typeName)' object attribute '\(name)' is read-only")
        }
        throw PyError.attribute("'\(target.typeName)' object has no attribute '\(name)'")
    }

    private func exceptionOrNone(_ value: Value, _ message: String) throws -> PyException? {
        if case .none = value { return nil }
        if case .object(let o) = value, let e = o as? PyException { return e }
        throw PyError.type(message)
    }

    /// `del target.name`.
    public func deleteAttribute(_ target: Value, _ name: String) throws {
        if case .object(let o) = target {
            if let instance = o as? PyInstance, instance.dict.removeValue(forKey: name) != nil { return }
            if let type = o as? PyType, !type.isBuiltin, type.dict.removeValue(forKey: name) != nil { return }
            if let module = o as? PyModule, module.dict.removeValue(forKey: name) != nil { return }
        }
        throw attributeError(target, name)
    }
}
