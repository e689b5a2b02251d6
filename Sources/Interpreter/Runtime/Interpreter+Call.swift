extension Interpreter {
    @inline(__always)
    func enterCall() throws {
        depth += 1
        if depth > recursionLimit {
            depth -= 1
            throw PyError(Builtin.recursionError, "maximum recursion depth exceeded")
        }
        try tick()
    }

    func addTraceback(_ error: PyError, frame: Frame, code: FunctionCode?) {
        let e = error.exception
        let entry = TracebackEntry(cell: code?.cellNumber ?? currentCell, line: frame.line, function: code?.name)
        if e.traceback.last != entry || e.traceback.isEmpty { e.traceback.append(entry) }
    }

    /// Calls any callable with positional arguments.
    public func call(_ callee: Value, _ positional: [Value]) throws -> Value {
        if case .object(let o) = callee, let f = o as? PyFunction { return try invoke(f, positional, []) }
        return try call(callee, Arguments(positional))
    }

    /// Calls any callable: functions, bound methods, native functions, classes, objects with `__call__`.
    public func call(_ callee: Value, _ args: Arguments) throws -> Value {
        guard case .object(let o) = callee else {
            throw PyError.type("'\(callee.typeName)' object is not callable")
        }
        switch o {
        case let f as PyFunction:
            return try invoke(f, args.positional, args.keywords)
        case let f as PyBuiltinFunction:
            try tick()
            return try f.body(self, args)
        case let m as PyBoundMethod:
            var a = args
            a.positional.insert(m.selfValue, at: 0)
            return try call(m.function, a)
        case let t as PyType:
            return try instantiate(t, args)
        case let d as PyDescriptor where d.kind == .staticMethod:
            return try call(d.function, args)
        default:
            if let m = o.pyType.lookup("__call__") {
                var a = args
                a.positional.insert(callee, at: 0)
                return try call(m, a)
            }
            throw PyError.type("'\(callee.typeName)' object is not callable")
        }
    }

    /// Calls a class: builtin and host classes use their constructor; cell classes make an
    /// instance (an exception for BaseException subclasses) and run `__init__`.
    func instantiate(_ t: PyType, _ args: Arguments) throws -> Value {
        var native: PyType? = t
        while let n = native, n.constructor == nil, !n.isBuiltin || n.isException { native = n.base }
        if t.isException {
            let e = PyException(cls: t, args: args.positional)
            let value = Value.object(e)
            if let initializer = t.lookup("__init__") {
                let result = try call(initializer, Arguments([value] + args.positional, keywords: args.keywords))
                guard result.isNone else { throw PyError.type("__init__() should return None, not '\(result.typeName)'") }
            } else if !args.keywords.isEmpty {
                throw PyError.type("\(t.name)() takes no keyword arguments")
            }
            return value
        }
        if let n = native, n !== Builtin.objectType, let constructor = n.constructor {
            let made = try constructor(self, args)
            if !t.isBuiltin, t !== n, let initializer = t.lookup("__init__") {
                _ = try call(initializer, Arguments([made] + args.positional, keywords: args.keywords))
            }
            return made
        }
        let instance = Value.object(PyInstance(cls: t))
        if let initializer = t.lookup("__init__"), !Self.isObjectInit(initializer) || t.lookup("__new__") != nil {
            let result = try call(initializer, Arguments([instance] + args.positional, keywords: args.keywords))
            guard result.isNone else { throw PyError.type("__init__() should return None, not '\(result.typeName)'") }
        } else if !args.positional.isEmpty || !args.keywords.isEmpty {
            throw PyError.type("\(t.name)() takes no arguments")
        }
        return instance
    }

    static func isObjectInit(_ v: Value) -> Bool {
        guard case .object(let o) = v, case .object(let base)? = Builtin.objectType.dict["__init__"] else { return false }
        return o === base
    }

    /// Runs a Python function: binds arguments with CPython's messages, then runs the body
    /// (or makes a generator).
    func invoke(_ f: PyFunction, _ positional: [Value], _ keywords: [(name: String, value: Value)]) throws -> Value {
        let code = f.code
        let frame = acquireFrame(code, f.closure)
        if keywords.isEmpty, let arity = code.simpleArity, positional.count == arity {
            for i in 0..<arity { frame.slots[i] = positional[i] }
        } else {
            try bindArguments(f, frame, positional, keywords)
        }
        let result = try run(f, frame)
        recycle(consume frame, code)
        return result
    }

    /// A frame for a call of `code`: a recycled one when available.
    @inline(__always)
    func acquireFrame(_ fn: PyFunction, _ code: FunctionCode) -> Frame {
        if let frame = code.takeFrame() {
            if fn.needsCells { frame.cells = makeCells(code, fn.closure) }
            return frame
        }
        return Frame(interp: self, slotCount: code.slotCount, cells: fn.needsCells ? makeCells(code, fn.closure) : [])
    }

    /// A frame for a call of `code` with `closure`: a recycled one when available.
    @inline(__always)
    func acquireFrame(_ code: FunctionCode, _ closure: [PyCell]) -> Frame {
        if let frame = code.takeFrame() {
            if code.cellVarCount != 0 || !closure.isEmpty { frame.cells = makeCells(code, closure) }
            return frame
        }
        return Frame(interp: self, slotCount: code.slotCount, cells: makeCells(code, closure))
    }

    /// Returns a finished call's frame to its pool unless something (a generator, a generator
    /// expression) still holds it.
    @inline(__always)
    func recycle(_ frame: consuming Frame, _ code: FunctionCode) {
        if !code.isGenerator, code.poolHasRoom, isKnownUniquelyReferenced(&frame) {
            frame.reset()
            code.keepFrame(consume frame)
        }
    }

    /// Calls a function that takes exactly its positional parameters, all in slots, with one
    /// argument: the path of most calls in loops and recursion, kept free of argument arrays
    /// and of reference counting that the general path needs.
    @inline(__always)
    func callSimple(_ fn: PyFunction, _ v0: consuming Value) throws -> Value {
        let frame = acquireFrame(fn, fn.code)
        // A frame comes unbound: its slots hold nil, which owns nothing to release.
        frame.slots.initialize(to: consume v0)
        return try finishCall(fn, frame)
    }

    /// `callSimple` with two arguments.
    @inline(__always)
    func callSimple(_ fn: PyFunction, _ v0: consuming Value, _ v1: consuming Value) throws -> Value {
        let frame = acquireFrame(fn, fn.code)
        frame.slots.initialize(to: consume v0)
        (frame.slots + 1).initialize(to: consume v1)
        return try finishCall(fn, frame)
    }

    /// Runs the body of `fn` in `frame` (its arguments bound) and pools the frame afterwards.
    /// The caller keeps `fn`, and so its code, alive, and this call owns the frame: both are
    /// borrowed for the body without retaining them, which spares the reference counting of
    /// the hottest path.
    @inline(__always)
    func finishCall(_ fn: PyFunction, _ frame: consuming Frame) throws -> Value {
        let codeRef = Unmanaged.passUnretained(fn.code)
        let frameRef = Unmanaged.passUnretained(frame)
        let result = try codeRef._withUnsafeGuaranteedRef { code in
            try frameRef._withUnsafeGuaranteedRef { try runBody(code, $0) }
        }
        let finished = consume frame
        codeRef._withUnsafeGuaranteedRef { recycle(finished, $0) }
        return result
    }

    @inline(__always)
    func makeCells(_ code: FunctionCode, _ closure: [PyCell]) -> [PyCell] {
        if code.cellVarCount == 0 { return closure }
        var cells: [PyCell] = []
        cells.reserveCapacity(code.cellVarCount + closure.count)
        for _ in 0..<code.cellVarCount { cells.append(PyCell()) }
        cells.append(contentsOf: closure)
        return cells
    }

    @inline(__always)
    func run(_ f: PyFunction, _ frame: Frame) throws -> Value {
        try runBody(f.code, frame)
    }

    /// Runs a function body in a frame whose arguments are bound (or makes the generator).
    @inline(__always)
    func runBody(_ code: FunctionCode, _ frame: Frame) throws -> Value {
        if code.isGenerator {
            frame.generator = GeneratorState(count: code.generatorStateCount)
            return .object(PyGenerator(frame: frame, code: code))
        }
        try enterCall()
        defer { depth -= 1 }
        do {
            if case .returned(let v) = try code.body(frame) { return v }
            return .none
        } catch let error as PyError {
            addTraceback(error, frame: frame, code: code)
            throw error
        }
    }

    func bindArguments(_ f: PyFunction, _ frame: Frame, _ positional: [Value], _ keywords: [(name: String, value: Value)]) throws {
        let code = f.code
        let nPositional = code.positional.count
        var values = [Value?](repeating: nil, count: nPositional + code.keywordOnly.count)
        let name = code.qualname
        if positional.count > nPositional && code.varArgs == nil {
            let given = positional.count
            let required = nPositional - f.defaults.count
            let takes = f.defaults.isEmpty ? "\(nPositional)" : "from \(required) to \(nPositional)"
            let kwGiven = keywords.filter { code.keywordOnly.contains($0.name) }.count
            let plural = nPositional == 1 && f.defaults.isEmpty ? "" : "s"
            if kwGiven > 0 {
                throw PyError.type("\(name)() takes \(takes) positional argument\(plural) but \(given) positional argument\(given == 1 ? "" : "s") (and \(kwGiven) keyword-only argument\(kwGiven == 1 ? "" : "s")) were given")
            }
            throw PyError.type("\(name)() takes \(takes) positional argument\(plural) but \(given) \(given == 1 ? "was" : "were") given")
        }
        for i in 0..<min(positional.count, nPositional) { values[i] = positional[i] }
        let extra = positional.count > nPositional ? Array(positional[nPositional...]) : []
        var extraKeywords: PyDict?
        if code.varKeywords != nil { extraKeywords = PyDict() }
        for (key, value) in keywords {
            if let i = code.positional.firstIndex(of: key) {
                if values[i] != nil { throw PyError.type("\(name)() got multiple values for argument '\(key)'") }
                values[i] = value
            } else if let i = code.keywordOnly.firstIndex(of: key) {
                values[nPositional + i] = value
            } else if let extraKeywords {
                if extraKeywords[string: key] != nil { throw PyError.type("\(name)() got multiple values for keyword argument '\(key)'") }
                extraKeywords[string: key] = value
            } else {
                throw PyError.type("\(name)() got an unexpected keyword argument '\(key)'")
            }
        }
        let firstDefault = nPositional - f.defaults.count
        var missing: [String] = []
        for i in 0..<nPositional where values[i] == nil {
            if i >= firstDefault { values[i] = f.defaults[i - firstDefault] } else { missing.append(code.positional[i]) }
        }
        if !missing.isEmpty { throw PyError.type(Self.missingMessage(name, missing, "positional")) }
        for (i, key) in code.keywordOnly.enumerated() where values[nPositional + i] == nil {
            if let d = f.keywordDefaults[key] { values[nPositional + i] = d } else { missing.append(key) }
        }
        if !missing.isEmpty { throw PyError.type(Self.missingMessage(name, missing, "keyword-only")) }
        var all = values.map { $0 ?? .none }
        if code.varArgs != nil { all.append(.tuple(PyTuple(extra))) }
        if let extraKeywords { all.append(.dict(extraKeywords)) }
        for (location, value) in zip(code.parameterLocations, all) {
            switch location {
            case .slot(let i): frame.slots[i] = value
            case .cell(let i): frame.cells[i].value = value
            }
        }
    }

    static func missingMessage(_ name: String, _ missing: [String], _ kind: String) -> String {
        let quoted = missing.map { "'\($0)'" }
        let list: String
        switch quoted.count {
        case 1: list = quoted[0]
        case 2: list = "\(quoted[0]) and \(quoted[1])"
        default: list = quoted.dropLast().joined(separator: ", ") + ", and " + (quoted.last ?? "")
        }
        return "\(name)() missing \(missing.count) required \(kind) argument\(missing.count == 1 ? "" : "s"): \(list)"
    }
}
