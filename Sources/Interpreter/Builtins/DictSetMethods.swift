extension Builtin {
    static func dict(_ args: Arguments, _ method: String) throws -> PyDict {
        try receiver(args, "dict", method) { v -> PyDict? in
            if case .dict(let d) = v { return d }
            return nil
        }
    }

    static func installDictMethods() {
        let t = dictType
        t.define("get") { interp, args in
            let d = try dict(args, "get")
            guard args.positional.count == 2 || args.positional.count == 3 else {
                throw PyError.type("get expected at least 1 argument, got \(args.positional.count - 1)")
            }
            return try interp.tableGet(d, interp.dictKey(args.positional[1])) ?? (args.positional.count == 3 ? args.positional[2] : .none)
        }
        t.define("keys") { _, args in .object(PyDictView(.keys, try dict(args, "keys"))) }
        t.define("values") { _, args in .object(PyDictView(.values, try dict(args, "values"))) }
        t.define("items") { _, args in .object(PyDictView(.items, try dict(args, "items"))) }
        t.define("pop") { interp, args in
            let d = try dict(args, "pop")
            guard args.positional.count == 2 || args.positional.count == 3 else {
                throw PyError.type("pop expected at least 1 argument, got \(args.positional.count - 1)")
            }
            if let v = try interp.tableRemove(d, interp.dictKey(args.positional[1])) { return v }
            if args.positional.count == 3 { return args.positional[2] }
            throw PyError.key(args.positional[1])
        }
        t.define("popitem") { _, args in
            let d = try dict(args, "popitem")
            guard let (k, v) = d.table.popLast() else { throw PyError.key(.string("popitem(): dictionary is empty")) }
            return .tuple(PyTuple([k.value, v]))
        }
        t.define("setdefault") { interp, args in
            let d = try dict(args, "setdefault")
            guard args.positional.count == 2 || args.positional.count == 3 else {
                throw PyError.type("setdefault expected at least 1 argument, got \(args.positional.count - 1)")
            }
            let key = try interp.dictKey(args.positional[1])
            if let v = try interp.tableGet(d, key) { return v }
            let v = args.positional.count == 3 ? args.positional[2] : .none
            try interp.tableSet(d, key, v)
            return v
        }
        t.define("update") { interp, args in
            let d = try dict(args, "update")
            guard args.positional.count <= 2 else { throw PyError.type("update expected at most 1 argument, got \(args.positional.count - 1)") }
            if args.positional.count == 2 { try dictUpdate(interp, d, args.positional[1]) }
            for (k, v) in args.keywords { d[string: k] = v }
            return .none
        }
        t.define("copy") { _, args in
            let d = try dict(args, "copy")
            let r = PyDict()
            r.table = d.table
            return .dict(r)
        }
        t.define("clear") { _, args in
            try dict(args, "clear").table.removeAll()
            return .none
        }
        t.dict["fromkeys"] = .object(PyDescriptor(kind: .classMethod, function: fn("fromkeys") { interp, args in
            guard args.positional.count == 2 || args.positional.count == 3 else {
                throw PyError.type("fromkeys expected at least 1 argument, got \(max(0, args.positional.count - 1))")
            }
            let d = PyDict()
            let value = args.positional.count == 3 ? args.positional[2] : .none
            for k in try interp.collect(args.positional[1]) { try interp.tableSet(d, interp.dictKey(k), value) }
            return .dict(d)
        }))
    }

    static func set(_ args: Arguments, _ method: String, mutating: Bool = false) throws -> PySet {
        try receiver(args, mutating ? "set" : "set", method) { v -> PySet? in
            if case .object(let o) = v, let s = o as? PySet, !(mutating && s.isFrozen) { return s }
            return nil
        }
    }

    static func otherSet(_ interp: Interpreter, _ v: Value) throws -> PySet {
        if case .object(let o) = v, let s = o as? PySet { return s }
        let s = PySet()
        for item in try interp.collect(v) { try interp.tableSet(s, interp.dictKey(item), .none) }
        return s
    }

    static func installSetMethods() {
        for t in [setType, frozensetType] {
            let frozen = t === frozensetType
            func binaryMethod(_ name: String, _ op: BinaryOperator) {
                t.define(name) { interp, args in
                    let s = try set(args, name)
                    var result = PySet(frozen: frozen)
                    result.table = s.table
                    for other in args.positional.dropFirst() {
                        guard case .object(let r)? = try interp.setBinary(op, result, try otherSet(interp, other)), let rs = r as? PySet else { break }
                        result = rs
                    }
                    return .object(result)
                }
            }
            binaryMethod("union", .bitOr)
            binaryMethod("intersection", .bitAnd)
            binaryMethod("difference", .subtract)
            binaryMethod("symmetric_difference", .bitXor)
            t.define("issubset") { interp, args in
                let s = try set(args, "issubset")
                guard args.positional.count == 2 else { throw PyError.type("issubset() takes exactly one argument") }
                let o = try otherSet(interp, args.positional[1])
                return .bool(try interp.tableKeysAll(of: s, in: o))
            }
            t.define("issuperset") { interp, args in
                let s = try set(args, "issuperset")
                guard args.positional.count == 2 else { throw PyError.type("issuperset() takes exactly one argument") }
                let o = try otherSet(interp, args.positional[1])
                return .bool(try interp.tableKeysAll(of: o, in: s))
            }
            t.define("isdisjoint") { interp, args in
                let s = try set(args, "isdisjoint")
                guard args.positional.count == 2 else { throw PyError.type("isdisjoint() takes exactly one argument") }
                let o = try otherSet(interp, args.positional[1])
                return .bool(try !s.table.keys.contains { try interp.tableContains(o, $0) })
            }
            t.define("copy") { _, args in
                let s = try set(args, "copy")
                let r = PySet(frozen: frozen)
                r.table = s.table
                return .object(r)
            }
        }
        let t = setType
        t.define("add") { interp, args in
            let s = try set(args, "add", mutating: true)
            guard args.positional.count == 2 else { throw PyError.type("set.add() takes exactly one argument (\(args.positional.count - 1) given)") }
            try interp.tableSet(s, interp.dictKey(args.positional[1]), .none)
            return .none
        }
        t.define("remove") { interp, args in
            let s = try set(args, "remove", mutating: true)
            guard args.positional.count == 2 else { throw PyError.type("set.remove() takes exactly one argument (\(args.positional.count - 1) given)") }
            if try interp.tableRemove(s, interp.dictKey(args.positional[1])) == nil { throw PyError.key(args.positional[1]) }
            return .none
        }
        t.define("discard") { interp, args in
            let s = try set(args, "discard", mutating: true)
            guard args.positional.count == 2 else { throw PyError.type("set.discard() takes exactly one argument (\(args.positional.count - 1) given)") }
            try interp.tableRemove(s, interp.dictKey(args.positional[1]))
            return .none
        }
        t.define("pop") { _, args in
            let s = try set(args, "pop", mutating: true)
            guard let first = s.orderedElements.first, let key = s.table.keys.first(where: { DictKey.keysEqual($0.value, first) }) else {
                throw PyError.key(.string("pop from an empty set"))
            }
            s.table.remove(key)
            return key.value
        }
        t.define("clear") { _, args in
            try set(args, "clear", mutating: true).table.removeAll()
            return .none
        }
        for (name, op) in [("update", BinaryOperator.bitOr), ("intersection_update", .bitAnd), ("difference_update", .subtract),
                           ("symmetric_difference_update", .bitXor)] {
            t.define(name) { interp, args in
                let s = try set(args, name, mutating: true)
                for other in args.positional.dropFirst() {
                    if case .object(let r)? = try interp.setBinary(op, s, try otherSet(interp, other)), let rs = r as? PySet { s.table = rs.table }
                }
                return .none
            }
        }
    }
}
