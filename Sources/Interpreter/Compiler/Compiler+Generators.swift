/// Suspends a generator from inside an expression; the statement holding it turns it into
/// `.yielded`. It never leaves the thread that runs the generator.
struct YieldSuspension: Error, @unchecked Sendable {
    let value: Value
}

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
        case .expression(let e) where Compiler.isYield(e):
            return try yieldPoint(e, id, store: nil, location: s.location)
        case .assign(let targets, let value) where Compiler.isYield(value) && !targets.contains(where: containsYield):
            let stores = try targets.map(storeTarget)
            return try yieldPoint(value, id, store: { f, v in for st in stores { try st(f, v) } }, location: s.location)
        case .if(let testExpr, let body, let orElse):
            let test = try resumableCondition(testExpr)
            let b = try block(body), o = try block(orElse)
            return { f in
                guard let st = f.generator else { return .normal }
                let branch: Int
                if st.resuming, st.positions[id] != 3 { branch = st.positions[id] } else {
                    do {
                        branch = try test(f) ? 1 : 2
                    } catch let suspension as YieldSuspension {
                        st.positions[id] = 3
                        return .yielded(suspension.value)
                    }
                    st.positions[id] = branch
                }
                return try (branch == 1 ? b : o)(f)
            }
        case .while(let testExpr, let body, let orElse):
            let test = try resumableCondition(testExpr)
            loopDepth += 1
            let b = try block(body)
            loopDepth -= 1
            let o = try block(orElse)
            return { f in
                guard let st = f.generator else { return .normal }
                var resumeBody = false
                if st.resuming {
                    if st.positions[id] == 2 { return try o(f) }
                    resumeBody = st.positions[id] != 3
                }
                while true {
                    if !resumeBody {
                        let go: Bool
                        do {
                            go = try test(f)
                        } catch let suspension as YieldSuspension {
                            st.positions[id] = 3
                            return .yielded(suspension.value)
                        }
                        guard go else { break }
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
            let finId = scope.generatorStates
            scope.generatorStates += 1
            let b = try block(body)
            let hs = try compileHandlers(handlers)
            let o = try block(orElse)
            guard !finally.isEmpty else {
                return { f in
                    guard let st = f.generator else { return .normal }
                    return try Compiler.resumableTry(f, st, id, b, hs, o)
                }
            }
            let fin = try block(finally)
            return { f in
                guard let st = f.generator else { return .normal }
                if st.resuming, st.positions[finId] != 0 { return try Compiler.resumableFinally(f, st, finId, fin) }
                let flow: Flow
                do {
                    flow = try Compiler.resumableTry(f, st, id, b, hs, o)
                } catch let error as PyError {
                    st.positions[finId] = 2
                    st.pendingErrors[finId] = error
                    return try Compiler.resumableFinally(f, st, finId, fin)
                }
                if case .yielded = flow { return flow }
                st.positions[finId] = 1
                st.pendingFlows[finId] = flow
                return try Compiler.resumableFinally(f, st, finId, fin)
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
        case .return(let value?) where Compiler.isYield(value):
            var result: Value = .none
            let point = try yieldPoint(value, id, store: { _, v in result = v }, location: s.location)
            return { f in
                let flow = try point(f)
                if case .yielded = flow { return flow }
                return .returned(result)
            }
        default:
            return try memoStatement(s)
        }
    }

    static func isYield(_ e: Expr) -> Bool {
        switch e.kind {
        case .yield, .yieldFrom: return true
        default: return false
        }
    }

    func containsYield(_ e: Expr) -> Bool {
        Compiler.containsYield(Stmt(.expression(e), at: e.location))
    }

    /// A simple statement whose expression holds a `yield` below its top: evaluating it again on
    /// resumption reads every value computed before the suspension from the memo, as if the
    /// expression had never stopped.
    func memoStatement(_ s: Stmt) throws -> StmtCode {
        let memo = scope.generatorStates
        scope.generatorStates += 1
        let saved = (yieldMemo, genMode)
        yieldMemo = memo
        genMode = false
        defer { (yieldMemo, genMode) = saved }
        let code = try stmt(s)
        return { f in
            guard let st = f.generator else { return .normal }
            do {
                let flow = try code(f)
                st.memo[memo] = nil
                return flow
            } catch let suspension as YieldSuspension {
                return .yielded(suspension.value)
            } catch {
                st.memo[memo] = nil
                throw error
            }
        }
    }

    /// An `if` or `while` test; one holding a `yield` throws `YieldSuspension` to suspend and
    /// resumes through its memo.
    func resumableCondition(_ e: Expr) throws -> (Frame) throws -> Bool {
        guard containsYield(e) else { return try condition(e) }
        let memo = scope.generatorStates
        scope.generatorStates += 1
        let saved = yieldMemo
        yieldMemo = memo
        defer { yieldMemo = saved }
        let code = try expr(e)
        return { f in
            do {
                let v = try code(f)
                f.generator?.memo[memo] = nil
                return try f.interp.truthy(v)
            } catch let suspension as YieldSuspension {
                throw suspension
            } catch {
                f.generator?.memo[memo] = nil
                throw error
            }
        }
    }

    /// An expression node compiled so that, within one statement, it is evaluated at most once
    /// across suspensions; a `yield` node suspends by throwing `YieldSuspension`.
    func memoExpr(_ e: Expr, _ memo: Int) throws -> ExprCode {
        let node = memoNodes
        memoNodes += 1
        let inner: ExprCode
        switch e.kind {
        case .yield(let valueExpr):
            let value = try valueExpr.map(expr)
            return { f in
                guard let st = f.generator else { return .none }
                if let v = st.memo[memo]?[node] { return v }
                if st.resuming {
                    st.resuming = false
                    if let thrown = st.thrown {
                        st.thrown = nil
                        throw thrown
                    }
                    st.memo[memo, default: [:]][node] = st.sent
                    return st.sent
                }
                throw YieldSuspension(value: try value?(f) ?? .none)
            }
        case .lambda, .listComprehension, .setComprehension, .dictComprehension, .generator:
            // Their bodies run many times per evaluation and hold no `yield` of this generator.
            yieldMemo = nil
            defer { yieldMemo = memo }
            inner = try plainExpr(e)
        default:
            inner = try plainExpr(e)
        }
        return { f in
            guard let st = f.generator else { return try inner(f) }
            if let v = st.memo[memo]?[node] { return v }
            let v = try inner(f)
            st.memo[memo, default: [:]][node] = v
            return v
        }
    }

    /// Runs or resumes a `finally` block, then carries on with how its `try` ended.
    static func resumableFinally(_ f: Frame, _ st: GeneratorState, _ id: Int, _ fin: StmtCode) throws -> Flow {
        let interp = f.interp
        let pendingError = st.positions[id] == 2 ? st.pendingErrors[id] : nil
        func clear() {
            st.positions[id] = 0
            st.pendingErrors[id] = nil
            st.pendingFlows[id] = nil
        }
        if let pendingError { interp.handling.append(pendingError.exception) }
        let finFlow: Flow
        do {
            finFlow = try fin(f)
        } catch {
            if pendingError != nil { interp.handling.removeLast() }
            clear()
            throw error
        }
        if pendingError != nil { interp.handling.removeLast() }
        if case .yielded = finFlow { return finFlow }
        let pendingFlow = st.pendingFlows[id] ?? .normal
        clear()
        guard case .normal = finFlow else { return finFlow }
        if let pendingError { throw pendingError }
        return pendingFlow
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
                    if let thrown = st.thrown {
                        st.thrown = nil
                        throw thrown
                    }
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
                var thrown: PyError?
                if st.resuming, let saved = st.iterators[id] {
                    st.resuming = false
                    thrown = st.thrown
                    st.thrown = nil
                    it = saved
                    send = st.sent
                } else {
                    it = try interp.iterator(try source(f))
                    st.iterators[id] = it
                }
                let delegate: PyGenerator?
                if case .object(let o) = it { delegate = o as? PyGenerator } else { delegate = nil }
                if let thrown {
                    // A generator delegate gets the exception (or closes) first, as CPython's `yield from`.
                    guard let delegate, !thrown.type.isSubtype(of: Builtin.generatorExit) else {
                        st.iterators[id] = nil
                        try delegate?.close(interp)
                        throw thrown
                    }
                    do {
                        if let v = try delegate.resume(interp, sending: .none, throwing: thrown) { return .yielded(v) }
                    } catch {
                        st.iterators[id] = nil
                        throw error
                    }
                    st.iterators[id] = nil
                    try store?(f, delegate.returnValue)
                    return .normal
                }
                let v: Value?
                var result = Value.none
                if let g = delegate {
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
