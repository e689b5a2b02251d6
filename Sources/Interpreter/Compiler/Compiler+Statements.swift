extension Compiler {
    /// Compiles a statement list into one closure that records the line of each statement.
    func block(_ stmts: [Stmt]) throws -> StmtCode {
        let lines = stmts.map(\.location.line)
        let resumable = genMode && stmts.contains(where: Compiler.containsYield)
        // Closures taken out of an array are called through reabstraction thunks; short blocks
        // keep their statements in separate captures instead.
        if !resumable && stmts.count == 1 {
            let a = try stmt(stmts[0]), la = lines[0]
            return { f in
                f.line = la
                return try a(f)
            }
        }
        if !resumable && stmts.count == 2 {
            let a = try stmt(stmts[0]), b = try stmt(stmts[1]), la = lines[0], lb = lines[1]
            return { f in
                f.line = la
                let r = try a(f)
                if case .normal = r {} else { return r }
                f.line = lb
                return try b(f)
            }
        }
        if !resumable && stmts.count == 3 {
            let a = try stmt(stmts[0]), b = try stmt(stmts[1]), c = try stmt(stmts[2])
            let la = lines[0], lb = lines[1], lc = lines[2]
            return { f in
                f.line = la
                let r = try a(f)
                if case .normal = r {} else { return r }
                f.line = lb
                let s = try b(f)
                if case .normal = s {} else { return s }
                f.line = lc
                return try c(f)
            }
        }
        let codes = try stmts.map(stmt)
        if resumable {
            let id = scope.generatorStates
            scope.generatorStates += 1
            return { f in
                guard let st = f.generator else { return .normal }
                let start = st.resuming ? st.positions[id] : 0
                var i = start
                while i < codes.count {
                    st.positions[id] = i
                    f.line = lines[i]
                    let r = try codes[i](f)
                    i += 1
                    if case .normal = r { continue }
                    return r
                }
                return .normal
            }
        }
        switch codes.count {
        case 0: return { _ in .normal }
        case 1:
            let a = codes[0], la = lines[0]
            return { f in
                f.line = la
                return try a(f)
            }
        case 2:
            let a = codes[0], b = codes[1], la = lines[0], lb = lines[1]
            return { f in
                f.line = la
                let r = try a(f)
                if case .normal = r {} else { return r }
                f.line = lb
                return try b(f)
            }
        default:
            return { f in
                for i in 0..<codes.count {
                    f.line = lines[i]
                    let r = try codes[i](f)
                    if case .normal = r { continue }
                    return r
                }
                return .normal
            }
        }
    }

    func stmt(_ s: Stmt) throws -> StmtCode {
        if genMode, Compiler.containsYield(s) { return try generatorStmt(s) }
        switch s.kind {
        case .expression(let e):
            let code = try expr(e)
            return { f in
                _ = try code(f)
                return .normal
            }
        case .assign(let targets, let valueExpr):
            let value = try expr(valueExpr)
            let stores = try targets.map(storeTarget)
            if stores.count == 1 {
                let st = stores[0]
                return { f in
                    try st(f, try value(f))
                    return .normal
                }
            }
            return { f in
                let v = try value(f)
                for st in stores { try st(f, v) }
                return .normal
            }
        case .augmentedAssign(let target, let op, let valueExpr):
            return try augmentedAssign(target, op, valueExpr)
        case .annotatedAssign(let target, _, let valueExpr):
            guard let valueExpr else { return { _ in .normal } }
            let value = try expr(valueExpr)
            let st = try storeTarget(target)
            return { f in
                try st(f, try value(f))
                return .normal
            }
        case .delete(let targets):
            let deletes = try targets.map(deleteTarget)
            return { f in
                for d in deletes { try d(f) }
                return .normal
            }
        case .pass:
            return { _ in .normal }
        case .break:
            if loopDepth == 0 { throw syntaxError("'break' outside loop", s.location) }
            return { _ in .breakLoop }
        case .continue:
            if loopDepth == 0 { throw syntaxError("'continue' not properly in loop", s.location) }
            return { _ in .continueLoop }
        case .return(let valueExpr):
            if scope.kind != .function { throw syntaxError("'return' outside function", s.location) }
            guard let valueExpr else { return { _ in .returned(.none) } }
            if let (i, name) = localSlot(valueExpr) {
                return { f in
                    guard let v = f.slots[i] else { throw Compiler.unboundLocal(name) }
                    return .returned(v)
                }
            }
            let value = try expr(valueExpr)
            return { f in .returned(try value(f)) }
        case .if(let testExpr, let body, let orElse):
            // The test compiles before the body, so the first compile error in source order wins.
            let test = try condition(testExpr)
            if orElse.isEmpty, body.count == 1 {
                // `if n < 2: return n`: the one statement runs here, without a block in between.
                let a = try stmt(body[0]), la = body[0].location.line
                if case .compare(let first, let rest) = testExpr.kind, rest.count == 1, let (op, rhs) = rest.first,
                   op == .less, case .int(let k) = rhs.kind, let (i, name) = localSlot(first) {
                    // `if n < 2:` with `n` a local: the test is read in place too.
                    return { f in
                        let taken: Bool
                        if case .int(let p)? = f.slots[i] { taken = p < k } else { taken = try Compiler.lessThan(f, i, name, k) }
                        if taken {
                            f.line = la
                            return try a(f)
                        }
                        return .normal
                    }
                }
                return { f in
                    if try test(f) {
                        f.line = la
                        return try a(f)
                    }
                    return .normal
                }
            }
            let b = try block(body), o = try block(orElse)
            return { f in try test(f) ? try b(f) : try o(f) }
        case .while(let testExpr, let body, let orElse):
            let test = try condition(testExpr)
            loopDepth += 1
            let b = try block(body)
            loopDepth -= 1
            let o = try block(orElse)
            return { f in
                let interp = f.interp
                while try test(f) {
                    try interp.tick()
                    switch try b(f) {
                    case .normal, .continueLoop: continue
                    case .breakLoop: return .normal
                    case let other: return other
                    }
                }
                return try o(f)
            }
        case .for(let target, let iterableExpr, let body, let orElse):
            return try forLoop(target, iterableExpr, body, orElse)
        case .try(let body, let handlers, let orElse, let finally):
            return try tryStatement(body, handlers, orElse, finally)
        case .raise(let exceptionExpr, let causeExpr):
            let exception = try exceptionExpr.map(expr)
            let cause = try causeExpr.map(expr)
            return { f in
                let interp = f.interp
                guard let exception else {
                    guard let current = interp.handling.last else { throw PyError.runtime("No active exception to reraise") }
                    throw PyError(current)
                }
                let e = try interp.makeException(try exception(f))
                if let cause {
                    let c = try cause(f)
                    if case .none = c {
                        e.cause = nil
                    } else {
                        e.cause = try interp.makeException(c)
                    }
                    e.suppressContext = true
                }
                throw PyError(e)
            }
        case .with(let items, let body):
            return try withStatement(items, body)
        case .functionDef(let def):
            let info = ScopeInfo.function(def.parameters, def.body)
            let make = try makeFunction(name: def.name, parameters: def.parameters, body: def.body, info: info,
                                        isGenerator: def.isGenerator || info.containsYield, location: s.location)
            let decorators = try def.decorators.map(expr)
            let st = store(def.name)
            let doc = Compiler.docstring(def.body)
            return { f in
                var v = try make(f)
                if let doc, case .object(let o) = v, let fn = o as? PyFunction { fn.doc = .string(doc) }
                for d in decorators.reversed() { v = try f.interp.call(try d(f), [v]) }
                try st(f, v)
                return .normal
            }
        case .classDef(let def):
            return try classDefinition(def, s.location)
        case .global:
            return { _ in .normal }
        case .nonlocal(let names):
            if scope.kind == .module { throw syntaxError("nonlocal declaration not allowed at module level", s.location) }
            for n in names where scope.capture(n) == nil {
                throw syntaxError("no binding for nonlocal '\(n)' found", s.location)
            }
            return { _ in .normal }
        case .assert(let testExpr, let messageExpr):
            let test = try condition(testExpr)
            let message = try messageExpr.map(expr)
            return { f in
                if try test(f) { return .normal }
                if let message { throw PyError(Builtin.assertionError, args: [try message(f)]) }
                throw PyError(Builtin.assertionError, args: [])
            }
        case .import(let names):
            let imports = names.map { n -> (String, StoreCode, Bool) in
                let bindName = n.asName ?? String(n.name.split(separator: ".").first ?? "")
                return (n.name, store(bindName), n.asName != nil)
            }
            return { f in
                for (module, st, aliased) in imports {
                    let m = try f.interp.importModule(module)
                    if aliased || !module.contains(".") {
                        try st(f, m)
                    } else {
                        try st(f, try f.interp.importModule(String(module.split(separator: ".").first ?? "")))
                    }
                }
                return .normal
            }
        case .importFrom(let module, let names):
            let imports = names.map { n in (n.name, n.name == "*" ? nil : store(n.asName ?? n.name)) }
            return { f in
                let interp = f.interp
                let m = try f.interp.importModule(module)
                for (name, st) in imports {
                    guard let st else {
                        if case .object(let o) = m, let mod = o as? PyModule {
                            for (k, v) in mod.dict where !k.hasPrefix("_") { interp.globalSlot(k).value = v }
                        }
                        continue
                    }
                    guard let v = try f.interp.lookupAttribute(m, name) else {
                        throw PyError(Builtin.importError, "cannot import name '\(name)' from '\(module)' (unknown location)")
                    }
                    try st(f, v)
                }
                return .normal
            }
        }
    }

    static func docstring(_ body: [Stmt]) -> String? {
        if let first = body.first, case .expression(let e) = first.kind, case .string(let s) = e.kind { return s }
        return nil
    }

    /// `slot < k` for a local that is not a small int (or is unbound).
    static func lessThan(_ f: Frame, _ i: Int, _ name: String, _ k: Int) throws -> Bool {
        guard let x = f.slots[i] else { throw unboundLocal(name) }
        return try f.interp.truthy(try f.interp.compare(.less, x, .int(k)))
    }

    /// A test expression compiled to a Swift `Bool`, with fast paths for int comparisons.
    func condition(_ e: Expr) throws -> (Frame) throws -> Bool {
        if case .compare(let first, let rest) = e.kind, rest.count == 1, let (op, rhs) = rest.first,
           [.less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual].contains(op) {
            let l = try expr(first)
            // An int literal on the right (`if n < 2:`) is read at compile time.
            if case .int(let k) = rhs.kind {
                let constant = Value.int(k)
                if op == .less, let (i, name) = localSlot(first) {
                    return { f in
                        if case .int(let p)? = f.slots[i] { return p < k }
                        guard let x = f.slots[i] else { throw Compiler.unboundLocal(name) }
                        return try f.interp.truthy(try f.interp.compare(.less, x, constant))
                    }
                }
                if op == .less {
                    return { f in
                        let x = try l(f)
                        if case .int(let p) = x { return p < k }
                        return try f.interp.truthy(try f.interp.compare(.less, x, constant))
                    }
                }
                return { f in
                    let x = try l(f)
                    if case .int(let p) = x {
                        switch op {
                        case .lessEqual: return p <= k
                        case .greater: return p > k
                        case .greaterEqual: return p >= k
                        case .equal: return p == k
                        default: return p != k
                        }
                    }
                    return try f.interp.truthy(try f.interp.compare(op, x, constant))
                }
            }
            let r = try expr(rhs)
            return { f in
                let x = try l(f), y = try r(f)
                if case .int(let p) = x, case .int(let q) = y {
                    switch op {
                    case .less: return p < q
                    case .lessEqual: return p <= q
                    case .greater: return p > q
                    case .greaterEqual: return p >= q
                    case .equal: return p == q
                    default: return p != q
                    }
                }
                return try f.interp.truthy(try f.interp.compare(op, x, y))
            }
        }
        let code = try expr(e)
        return { f in try f.interp.truthy(try code(f)) }
    }

    func augmentedAssign(_ target: Expr, _ op: BinaryOperator, _ valueExpr: Expr) throws -> StmtCode {
        let value = try expr(valueExpr)
        switch target.kind {
        case .name(let n):
            let ld = load(n), st = store(n)
            return { f in
                let current = try ld(f)
                let v = try value(f)
                if case .int(let p) = current, case .int(let q) = v {
                    switch op {
                    case .add:
                        let (s, o) = p.addingReportingOverflow(q)
                        if !o { try st(f, .int(s)); return .normal }
                    case .subtract:
                        let (s, o) = p.subtractingReportingOverflow(q)
                        if !o { try st(f, .int(s)); return .normal }
                    default: break
                    }
                }
                try st(f, try f.interp.inplace(op, current, v))
                return .normal
            }
        case .attribute(let objectExpr, let name):
            let object = try expr(objectExpr)
            return { f in
                let o = try object(f)
                let current = try f.interp.getAttribute(o, name)
                try f.interp.setAttribute(o, name, try f.interp.inplace(op, current, try value(f)))
                return .normal
            }
        case .subscript(let containerExpr, let indexExpr):
            let container = try expr(containerExpr), index = try expr(indexExpr)
            return { f in
                let c = try container(f), i = try index(f)
                let current = try f.interp.getItem(c, i)
                try f.interp.setItem(c, i, try f.interp.inplace(op, current, try value(f)))
                return .normal
            }
        default:
            throw syntaxError("'\(Compiler.describe(target))' is an illegal expression for augmented assignment", target.location)
        }
    }

    static func describe(_ e: Expr) -> String {
        switch e.kind {
        case .tuple: return "tuple"
        case .list: return "list"
        case .call: return "function call"
        default: return "expression"
        }
    }

    func deleteTarget(_ target: Expr) throws -> (Frame) throws -> Void {
        switch target.kind {
        case .name(let n): return delete(n)
        case .attribute(let objectExpr, let name):
            let object = try expr(objectExpr)
            return { f in try f.interp.deleteAttribute(try object(f), name) }
        case .subscript(let containerExpr, let indexExpr):
            let container = try expr(containerExpr), index = try expr(indexExpr)
            return { f in try f.interp.deleteItem(try container(f), try index(f)) }
        case .tuple(let items), .list(let items):
            let codes = try items.map(deleteTarget)
            return { f in for c in codes { try c(f) } }
        default:
            throw syntaxError("cannot delete expression", target.location)
        }
    }

    func forLoop(_ target: Expr, _ iterableExpr: Expr, _ body: [Stmt], _ orElse: [Stmt]) throws -> StmtCode {
        let iterable = try expr(iterableExpr)
        let st = try storeTarget(target)
        loopDepth += 1
        let b = try block(body)
        loopDepth -= 1
        let o = try block(orElse)
        var slotIndex: Int?
        if case .name(let n) = target.kind, case .slot(let i, _) = scope.resolve(n, interp: interp) { slotIndex = i }
        return { f in
            let interp = f.interp
            let source = try iterable(f)
            if case .object(let obj) = source, let r = obj as? PyRange {
                let n = r.count
                var i = 0
                while i < n {
                    try interp.tick()
                    let v = Value.int(r.element(i))
                    if let slotIndex { f.slots[slotIndex] = v } else { try st(f, v) }
                    i += 1
                    switch try b(f) {
                    case .normal, .continueLoop: continue
                    case .breakLoop: return .normal
                    case let other: return other
                    }
                }
                return try o(f)
            }
            if case .list(let l) = source {
                var i = 0
                while i < l.items.count {
                    try interp.tick()
                    try st(f, l.items[i])
                    i += 1
                    switch try b(f) {
                    case .normal, .continueLoop: continue
                    case .breakLoop: return .normal
                    case let other: return other
                    }
                }
                return try o(f)
            }
            let it = try interp.iterator(source)
            while let v = try interp.next(it) {
                try interp.tick()
                try st(f, v)
                switch try b(f) {
                case .normal, .continueLoop: continue
                case .breakLoop: return .normal
                case let other: return other
                }
            }
            return try o(f)
        }
    }

    typealias Handler = (type: ExprCode?, store: StoreCode?, unbind: ((Frame) throws -> Void)?, body: StmtCode)

    func compileHandlers(_ handlers: [ExceptHandler]) throws -> [Handler] {
        try handlers.map { h in
            (try h.type.map(expr), h.name.map(store), h.name.map { n in
                let d = delete(n)
                return { f in try? d(f) }
            }, try block(h.body))
        }
    }

    func tryStatement(_ body: [Stmt], _ handlers: [ExceptHandler], _ orElse: [Stmt], _ finally: [Stmt]) throws -> StmtCode {
        let b = try block(body)
        let hs = try compileHandlers(handlers)
        let o = try block(orElse)
        let fin = finally.isEmpty ? nil : try block(finally)
        let handled: StmtCode = { f in
            let interp = f.interp
            let flow: Flow
            do {
                flow = try b(f)
            } catch let error as PyError {
                guard let (index, exception) = try interp.matchHandler(hs, error, f) else { throw error }
                return try interp.runHandler(hs[index], exception, f)
            }
            if case .normal = flow { return try o(f) }
            return flow
        }
        guard let fin else { return handled }
        return { f in
            let flow: Flow
            do {
                flow = try handled(f)
            } catch let error as PyError {
                let interp = f.interp
                interp.handling.append(error.exception)
                let finFlow: Flow
                do {
                    finFlow = try fin(f)
                } catch let inner as PyError {
                    interp.handling.removeLast()
                    if inner.exception.context == nil, inner.exception !== error.exception { inner.exception.context = error.exception }
                    throw inner
                }
                interp.handling.removeLast()
                if case .normal = finFlow { throw error }
                return finFlow
            }
            let finFlow = try fin(f)
            if case .normal = finFlow { return flow }
            return finFlow
        }
    }

    func withStatement(_ items: [WithItem], _ body: [Stmt]) throws -> StmtCode {
        guard let first = items.first else { return try block(body) }
        let context = try expr(first.context)
        let st = try first.target.map(storeTarget)
        let inner = items.count > 1 ? try withStatement(Array(items.dropFirst()), body) : try block(body)
        return { f in
            let interp = f.interp
            let manager = try context(f)
            let (enter, exit) = try interp.contextMethods(manager)
            let entered = try interp.call(enter, [manager])
            if let st { try st(f, entered) }
            let flow: Flow
            do {
                flow = try inner(f)
            } catch let error as PyError {
                let e = error.exception
                interp.handling.append(e)
                let suppress: Bool
                do {
                    suppress = try interp.truthy(try interp.call(exit, [manager, .object(e.cls), .object(e), .none]))
                } catch let inner as PyError {
                    interp.handling.removeLast()
                    if inner.exception.context == nil, inner.exception !== e { inner.exception.context = e }
                    throw inner
                }
                interp.handling.removeLast()
                if suppress { return .normal }
                throw error
            }
            _ = try interp.call(exit, [manager, .none, .none, .none])
            return flow
        }
    }

    /// Compiles a `def` or `lambda`: the body in a new function scope, and code that evaluates
    /// the defaults and captures the closure cells when the definition runs.
    func makeFunction(name: String, parameters: Parameters, body: [Stmt], info: ScopeInfo, isGenerator: Bool,
                      location: SourceLocation) throws -> ExprCode {
        let inner = CompileScope(kind: .function, parent: scope, info: info, name: name)
        var locations: [FunctionCode.Location] = []
        var names = parameters.positional.map(\.name) + parameters.keywordOnly.map(\.name)
        if let v = parameters.varArgs { names.append(v) }
        if let v = parameters.varKeywords { names.append(v) }
        var seen = Set<String>()
        for n in names {
            if !seen.insert(n).inserted { throw syntaxError("duplicate argument '\(n)' in function definition", location) }
        }
        // Parameters take the first slots, in order, so simple calls can fill them directly.
        var reordered: [String: Int] = [:]
        var next = 0
        for n in names where inner.cells[n] == nil {
            reordered[n] = next
            next += 1
        }
        for n in inner.slots.keys.sorted() where reordered[n] == nil {
            reordered[n] = next
            next += 1
        }
        inner.slots = reordered
        inner.slotCount = next
        for n in names {
            if let c = inner.cells[n] { locations.append(.cell(c)) } else { locations.append(.slot(reordered[n] ?? 0)) }
        }
        let qualname = scope.qualnamePrefix + name
        let classLink = ClassLink()
        let receiver = parameters.positional.isEmpty && parameters.varArgs == nil ? nil : locations.first
        let saved = (scope, loopDepth, genMode, currentFunction)
        scope = inner
        loopDepth = 0
        genMode = isGenerator
        currentFunction = (classLink, receiver)
        defer { (scope, loopDepth, genMode, currentFunction) = saved }
        let compiledBody = try block(body)
        let layout = FunctionCode.Layout(slotCount: inner.slotCount, cellVarCount: inner.cellVarCount,
                                         freeSources: inner.freeSources, isGenerator: isGenerator,
                                         generatorStateCount: inner.generatorStates)
        let code = FunctionCode(name: name, qualname: qualname, parameters: parameters, locations: locations, cellNumber: cellNumber,
                                body: compiledBody, layout: layout, classLink: classLink)
        scope = saved.0
        let defaults = try parameters.positional.compactMap { try $0.defaultValue.map(expr) }
        let keywordDefaults = try parameters.keywordOnly.compactMap { p in try p.defaultValue.map { (p.name, try expr($0)) } }
        let sources = inner.freeSources
        return { f in
            let d = try defaults.map { try $0(f) }
            var kd: [String: Value] = [:]
            for (k, c) in keywordDefaults { kd[k] = try c(f) }
            let closure = sources.map { f.cells[$0] }
            return .object(PyFunction(code: code, defaults: d, keywordDefaults: kd, closure: closure))
        }
    }

    func classDefinition(_ def: ClassDef, _ location: SourceLocation) throws -> StmtCode {
        let bases = try def.bases.map(expr)
        let decorators = try def.decorators.map(expr)
        let info = ScopeInfo.classBody(def.body)
        let inner = CompileScope(kind: .classBody, parent: scope, info: info, name: def.name)
        let saved = (scope, loopDepth, genMode)
        scope = inner
        loopDepth = 0
        genMode = false
        let body = try block(def.body)
        (scope, loopDepth, genMode) = saved
        let st = store(def.name)
        let name = def.name
        let qualname = scope.qualnamePrefix + def.name
        let sources = inner.freeSources
        return { f in
            let interp = f.interp
            let baseValues = try bases.map { try $0(f) }
            var base = Builtin.objectType
            if baseValues.count > 1 { throw PyError.type("multiple inheritance is not supported") }
            if let b = baseValues.first {
                guard case .object(let o) = b, let t = o as? PyType else {
                    throw PyError.type("bases must be types")
                }
                if t === Builtin.boolType { throw PyError.type("type 'bool' is not an acceptable base type") }
                base = t
            }
            let frame = Frame(interp: interp, slotCount: inner.slotCount, cells: sources.map { f.cells[$0] })
            frame.namespace = ["__module__": .string("__main__"), "__qualname__": .string(qualname)]
            if let doc = Compiler.docstring(def.body) { frame.namespace?["__doc__"] = .string(doc) }
            let cls = PyType(name: name, base: base, isBuiltin: false, module: "__main__")
            frame.namespace?["__class__"] = .object(cls)
            interp.classBeingDefined.append(cls)
            defer { interp.classBeingDefined.removeLast() }
            do {
                _ = try body(frame)
            } catch let error as PyError {
                interp.addTraceback(error, frame: frame, code: nil)
                throw error
            }
            var namespace = frame.namespace ?? [:]
            namespace.removeValue(forKey: "__class__")
            if namespace["__eq__"] != nil && namespace["__hash__"] == nil { namespace["__hash__"] = Value.none }
            cls.dict = namespace
            for (_, v) in namespace {
                if case .object(let o) = v, let fn = o as? PyFunction { fn.code.definingClass = cls }
                if case .object(let o) = v, let d = o as? PyDescriptor, case .object(let fo) = d.function, let fn = fo as? PyFunction {
                    fn.code.definingClass = cls
                }
            }
            var v = Value.object(cls)
            for d in decorators.reversed() { v = try interp.call(try d(f), [v]) }
            try st(f, v)
            return .normal
        }
    }
}
