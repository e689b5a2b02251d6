/// Generator bodies: statements that contain `yield` compile to resumable code. Each such
/// statement owns an entry of the frame's `GeneratorState` where it records how far it got; when
/// the generator resumes, every statement on the path to the suspended `yield` jumps straight back
/// to where it stopped instead of starting over.
extension Compiler {
    static func containsYield(_ s: Stmt) -> Bool {
        var info = ScopeInfo()
        info.visit(s)
        return info.containsYield
    }

    func generatorStmt(_ s: Stmt) throws -> StmtCode {
        let id = scope.generatorStates
        scope.generatorStates += 1
        switch s.kind {
        case .expression(let e):
            return try yieldPoint(e, id, store: nil, location: s.location)
        case .assign(let targets, let value):
            let stores = try targets.map(storeTarget)
            return try yieldPoint(value, id, store: { f, v in for st in stores { try st(f, v) } }, location: s.location)
        case .if(let testExpr, let body, let orElse):
            let test = try condition(testExpr)
            let b = try block(body), o = try block(orElse)
            return { f in
                guard let st = f.generator else { return .normal }
                let branch: Int
                if st.resuming { branch = st.positions[id] } else {
                    branch = try test(f) ? 1 : 2
                    st.positions[id] = branch
                }
                return try (branch == 1 ? b : o)(f)
            }
        case .while(let testExpr, let body, let orElse):
            let test = try condition(testExpr)
            loopDepth += 1
            let b = try block(body)
            loopDepth -= 1
            let o = try block(orElse)
            return { f in
                guard let st = f.generator else { return .normal }
                var resumeBody = false
                if st.resuming {
                    if st.positions[id] == 2 { return try o(f) }
                    resumeBody = true
                }
                while true {
                    if !resumeBody {
                        guard try test(f) else { break }
                        try f.interp.tick()
                    }
                    resumeBody = false
                    st.positions[id] = 1
                    switch try b(f) {
                    case .normal, .continueLoop: continue
                    case .breakLoop: return .normal
                    case let other: return other
                    }
                }
                st.positions[id] = 2
                return try o(f)
            }
        case .for(let target, let iterableExpr, let body, let orElse):
            let iterable = try expr(iterableExpr)
            let store = try storeTarget(target)
            loopDepth += 1
            let b = try block(body)
            loopDepth -= 1
            let o = try block(orElse)
            return { f in
                guard let st = f.generator else { return .normal }
                let interp = f.interp
                var it: Value
                var resumeBody = false
                if st.resuming {
                    if st.positions[id] == 2 { return try o(f) }
                    it = st.iterators[id] ?? .none
                    resumeBody = true
                } else {
                    it = try interp.iterator(try iterable(f))
                    st.iterators[id] = it
                }
                while true {
                    if !resumeBody {
                        guard let v = try interp.next(it) else { break }
                        try interp.tick()
                        try store(f, v)
                    }
                    resumeBody = false
                    st.positions[id] = 1
                    let flow = try b(f)
                    switch flow {
                    case .normal, .continueLoop: continue
                    case .yielded: return flow
                    case .breakLoop:
                        st.iterators[id] = nil
                        return .normal
                    default:
                        st.iterators[id] = nil
                        return flow
                    }
                }
                st.iterators[id] = nil
                st.positions[id] = 2
                return try o(f)
            }
        case .try(let body, let handlers, let orElse, let finally):
            for f in finally where Compiler.containsYield(f) {
                throw syntaxError("'yield' inside 'finally' is not supported", f.location)
            }
            let b = try block(body)
            let hs = try compileHandlers(handlers)
            let o = try block(orElse)
            let fin = finally.isEmpty ? nil : try block(finally)
            return { f in
                guard let st = f.generator else { return .normal }
                let interp = f.interp
                var flow: Flow
                do {
                    flow = try Compiler.resumableTry(f, st, id, b, hs, o)
                } catch let error as PyError {
                    guard let fin else { throw error }
                    interp.handling.append(error.exception)
                    let finFlow: Flow
                    do { finFlow = try fin(f) } catch {
                        interp.handling.removeLast()
                        throw error
                    }
                    interp.handling.removeLast()
                    if case .normal = finFlow { throw error }
                    return finFlow
                }
                if case .yielded = flow { return flow }
                if let fin {
                    let finFlow = try fin(f)
                    if case .normal = finFlow {} else { flow = finFlow }
                }
                return flow
            }
        case .with(let items, let body):
            guard items.count == 1, let item = items.first else {
                let nested = Stmt(.with(Array(items.prefix(1)), body: [Stmt(.with(Array(items.dropFirst()), body: body), at: s.location)]), at: s.location)
                scope.generatorStates -= 1
                return try generatorStmt(nested)
            }
            let context = try expr(item.context)
            let target = try item.target.map(storeTarget)
            let b = try block(body)
            return { f in
                guard let st = f.generator else { return .normal }
                let interp = f.interp
                let manager: Value, exit: Value
                if st.resuming, case .tuple(let saved)? = st.iterators[id], saved.items.count == 2 {
                    manager = saved.items[0]
                    exit = saved.items[1]
                } else {
                    manager = try context(f)
                    let (enter, ex) = try interp.contextMethods(manager)
                    exit = ex
                    let entered = try interp.call(enter, [manager])
                    try target?(f, entered)
                    st.iterators[id] = .tuple(PyTuple([manager, exit]))
                }
                let flow: Flow
                do {
                    flow = try b(f)
                } catch let error as PyError {
                    st.iterators[id] = nil
                    let e = error.exception
                    if try interp.truthy(try interp.call(exit, [manager, .object(e.cls), .object(e), .none])) { return .normal }
                    throw error
                }
                if case .yielded = flow { return flow }
                st.iterators[id] = nil
                _ = try interp.call(exit, [manager, .none, .none, .none])
                return flow
            }
        case .return(let value?):
            if case .yield = value.kind {} else if case .yieldFrom = value.kind {} else {
                throw syntaxError("'yield' inside an expression is not supported", s.location)
            }
            var result: Value = .none
            let point = try yieldPoint(value, id, store: { _, v in result = v }, location: s.location)
            return { f in
                let flow = try point(f)
                if case .yielded = flow { return flow }
                return .returned(result)
            }
        default:
            throw syntaxError("'yield' inside an expression is not supported", s.location)
        }
    }

    /// Body, handlers and else of a `try` inside a generator, resumable in any of them.
    static func resumableTry(_ f: Frame, _ st: GeneratorState, _ id: Int, _ body: StmtCode, _ handlers: [Handler], _ orElse: StmtCode) throws -> Flow {
        let interp = f.interp
        if st.resuming {
            let phase = st.positions[id]
            if phase >= 3, let e = st.handled[id] {
                interp.handling.append(e)
                defer { interp.handling.removeLast() }
                let flow = try handlers[phase - 3].body(f)
                if case .yielded = flow { return flow }
                st.handled[id] = nil
                if let unbind = handlers[phase - 3].unbind { try unbind(f) }
                return flow
            }
            if phase == 2 { return try orElse(f) }
        }
        st.positions[id] = 1
        let flow: Flow
        do {
            flow = try body(f)
        } catch let error as PyError {
            guard let (index, exception) = try interp.matchHandler(handlers, error, f) else { throw error }
            st.positions[id] = 3 + index
            st.handled[id] = exception
            interp.handling.append(exception)
            defer { interp.handling.removeLast() }
            let hflow: Flow
            do {
                hflow = try handlers[index].body(f)
            } catch let inner as PyError {
                if inner.exception.context == nil, inner.exception !== exception { inner.exception.context = exception }
                throw inner
            }
            if case .yielded = hflow { return hflow }
            st.handled[id] = nil
            if let unbind = handlers[index].unbind { try unbind(f) }
            return hflow
        }
        if case .normal = flow {
            st.positions[id] = 2
            return try orElse(f)
        }
        return flow
    }

    /// `yield x`, `target = yield x`, `yield from it` and `target = yield from it` as statements.
    func yieldPoint(_ e: Expr, _ id: Int, store: StoreCode?, location: SourceLocation) throws -> StmtCode {
        switch e.kind {
        case .yield(let valueExpr):
            let value = try valueExpr.map(expr)
            return { f in
                guard let st = f.generator else { return .normal }
                if st.resuming {
                    st.resuming = false
                    try store?(f, st.sent)
                    return .normal
                }
                return .yielded(try value?(f) ?? .none)
            }
        case .yieldFrom(let sourceExpr):
            let source = try expr(sourceExpr)
            return { f in
                guard let st = f.generator else { return .normal }
                let interp = f.interp
                var it: Value
                var send = Value.none
                if st.resuming, let saved = st.iterators[id] {
                    st.resuming = false
                    it = saved
                    send = st.sent
                } else {
                    it = try interp.iterator(try source(f))
                    st.iterators[id] = it
                }
                let v: Value?
                var result = Value.none
                if case .object(let o) = it, let g = o as? PyGenerator {
                    v = try g.resume(interp, sending: send)
                    result = g.returnValue
                } else {
                    v = try interp.next(it)
                }
                if let v { return .yielded(v) }
                st.iterators[id] = nil
                try store?(f, result)
                return .normal
            }
        default:
            throw syntaxError("'yield' inside an expression is not supported", location)
        }
    }
}
