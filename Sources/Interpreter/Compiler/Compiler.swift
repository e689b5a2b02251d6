import BigInt

/// The builtin method last called at one call site, keyed by the receiver's type.
final class MethodCache {
    unowned(unsafe) var type: PyType?
    var function: PyBuiltinFunction?
}

/// Compiles the AST of one cell into Swift closures, resolving every name to a slot, a cell,
/// a global slot or a class namespace once, so running code never looks names up by string
/// except in class bodies.
final class Compiler {
    let interp: Interpreter
    let cellNumber: Int?
    var scope: CompileScope
    /// Loop nesting, to reject `break` outside a loop.
    var loopDepth = 0
    /// True while compiling a generator function's body (statements with `yield` resume).
    var genMode = false
    /// The statement whose expression may suspend at an inner `yield` (its `GeneratorState.memo`
    /// key), while compiling it; nil elsewhere.
    var yieldMemo: Int?
    /// Numbers the expression nodes compiled while `yieldMemo` is set.
    var memoNodes = 0
    /// The function whose body is being compiled (for `super()`): its class link, and where its
    /// first parameter lives when it has one.
    var currentFunction: (classLink: ClassLink, receiver: FunctionCode.Location?)?

    init(interp: Interpreter, cellNumber: Int?, scope: CompileScope) {
        self.interp = interp
        self.cellNumber = cellNumber
        self.scope = scope
    }

    func syntaxError(_ message: String, _ location: SourceLocation) -> SyntaxErrorInfo {
        SyntaxErrorInfo(.syntaxError, message, line: location.line, offset: location.column + 1)
    }

    // MARK: Names

    func load(_ name: String) -> ExprCode {
        switch scope.resolve(name, interp: interp) {
        case .slot(let i, let n):
            return { f in
                if let v = f.slots[i] { return v }
                throw Compiler.unboundLocal(n)
            }
        case .cell(let i, let n, let isFree):
            return { f in
                if let v = f.cells[i].value { return v }
                if isFree {
                    throw PyError(Builtin.nameError, "cannot access free variable '\(n)' where it is not associated with a value in enclosing scope")
                }
                throw PyError(Builtin.unboundLocalError, "cannot access local variable '\(n)' where it is not associated with a value")
            }
        case .global(let slot):
            let builtin = interp.builtins[name]
            if let builtin {
                return { _ in slot.value ?? builtin }
            }
            return { f in
                if let v = slot.value { return v }
                if let b = f.interp.builtins[slot.name] { return b }
                throw PyError.name(slot.name)
            }
        case .namespace(let n, let fallback, let cell):
            return { f in
                if let v = f.namespace?[n] { return v }
                if let cell, let v = f.cells[cell].value { return v }
                if let v = fallback?.value { return v }
                if let b = f.interp.builtins[n] { return b }
                throw PyError.name(n)
            }
        }
    }

    /// The slot of the plain local variable `e` names, for operand fast paths; nil for anything else.
    func localSlot(_ e: Expr) -> (index: Int, name: String)? {
        guard case .name(let n) = e.kind, case .slot(let i, let name) = scope.resolve(n, interp: interp) else { return nil }
        return (i, name)
    }

    /// The global slot of the module-level variable `e` names; nil for anything else.
    func globalSlot(_ e: Expr) -> GlobalSlot? {
        guard case .name(let n) = e.kind, case .global(let slot) = scope.resolve(n, interp: interp) else { return nil }
        return slot
    }

    static func unboundLocal(_ name: String) -> PyError {
        PyError(Builtin.unboundLocalError, "cannot access local variable '\(name)' where it is not associated with a value")
    }

    func store(_ name: String) -> StoreCode {
        switch scope.resolve(name, interp: interp) {
        case .slot(let i, _): return { f, v in f.slots[i] = v }
        case .cell(let i, _, _): return { f, v in f.cells[i].value = v }
        case .global(let slot): return { _, v in slot.value = v }
        case .namespace(let n, _, _): return { f, v in f.namespace?[n] = v }
        }
    }

    func delete(_ name: String) -> (Frame) throws -> Void {
        switch scope.resolve(name, interp: interp) {
        case .slot(let i, let n):
            return { f in
                if f.slots[i] == nil {
                    throw PyError(Builtin.unboundLocalError, "cannot access local variable '\(n)' where it is not associated with a value")
                }
                f.slots[i] = nil
            }
        case .cell(let i, let n, _):
            return { f in
                if f.cells[i].value == nil { throw PyError.name(n) }
                f.cells[i].value = nil
            }
        case .global(let slot):
            return { _ in
                if slot.value == nil { throw PyError.name(slot.name) }
                slot.value = nil
            }
        case .namespace(let n, _, _):
            return { f in
                if f.namespace?.removeValue(forKey: n) == nil { throw PyError.name(n) }
            }
        }
    }

    // MARK: Expressions

    func expr(_ e: Expr) throws -> ExprCode {
        if let memo = yieldMemo { return try memoExpr(e, memo) }
        return try plainExpr(e)
    }

    func plainExpr(_ e: Expr) throws -> ExprCode {
        switch e.kind {
        case .int(let i):
            let v = Value.int(i)
            return { _ in v }
        case .bigInt(let b):
            let v = Value.integer(b)
            return { _ in v }
        case .float(let d):
            let v = Value.float(d)
            return { _ in v }
        case .imaginary(let d):
            let v = Value.object(PyComplex(0, d))
            return { _ in v }
        case .string(let s):
            let v = Value.string(s)
            return { _ in v }
        case .bool(let b):
            let v = Value.bool(b)
            return { _ in v }
        case .none:
            return { _ in .none }
        case .ellipsis:
            return { _ in .ellipsis }
        case .formattedString(let parts):
            return try fstring(parts)
        case .name(let n):
            return load(n)
        case .attribute(let objectExpr, let name):
            let object = try expr(objectExpr)
            return { f in try f.interp.getAttribute(try object(f), name) }
        case .subscript(let containerExpr, let indexExpr):
            let container = try expr(containerExpr)
            let index = try expr(indexExpr)
            return { f in
                let c = try container(f)
                let i = try index(f)
                if case .list(let l) = c, case .int(let n) = i, n >= 0, n < l.items.count { return l.items[n] }
                return try f.interp.getItem(c, i)
            }
        case .slice(let lower, let upper, let step):
            let l = try lower.map(expr), u = try upper.map(expr), s = try step.map(expr)
            return { f in
                .object(PySlice(start: try l?(f) ?? .none, stop: try u?(f) ?? .none, step: try s?(f) ?? .none))
            }
        case .call(let callee, let args):
            return try call(callee, args)
        case .binary(let op, let a, let b):
            return try binary(op, a, b)
        case .unary(let op, let operandExpr):
            let operand = try expr(operandExpr)
            if op == .not { return { f in .bool(!(try f.interp.truthy(try operand(f)))) } }
            if op == .negate {
                return { f in
                    let v = try operand(f)
                    if case .int(let i) = v, i != Int.min { return .int(-i) }
                    if case .float(let d) = v { return .float(-d) }
                    return try f.interp.unary(.negate, v)
                }
            }
            return { f in try f.interp.unary(op, try operand(f)) }
        case .and(let items):
            let codes = try items.map(expr)
            return { f in
                var v = Value.none
                for c in codes {
                    v = try c(f)
                    if !(try f.interp.truthy(v)) { return v }
                }
                return v
            }
        case .or(let items):
            let codes = try items.map(expr)
            return { f in
                var v = Value.none
                for c in codes {
                    v = try c(f)
                    if try f.interp.truthy(v) { return v }
                }
                return v
            }
        case .compare(let first, let rest):
            return try compare(first, rest)
        case .conditional(let test, let body, let orElse):
            let t = try expr(test), b = try expr(body), o = try expr(orElse)
            return { f in try f.interp.truthy(try t(f)) ? try b(f) : try o(f) }
        case .lambda(let parameters, let body):
            let ret = Stmt(.return(body), at: body.location)
            return try makeFunction(name: "<lambda>", parameters: parameters, body: [ret],
                                    info: ScopeInfo.lambda(parameters, body), isGenerator: false, location: e.location)
        case .tuple(let items):
            if items.contains(where: { if case .starred = $0.kind { return true }; return false }) {
                let build = try sequenceBuilder(items)
                return { f in .tuple(PyTuple(try build(f))) }
            }
            if items.count == 2 {
                let a = try expr(items[0]), b = try expr(items[1])
                return { f in
                    let x = try a(f)
                    return .tuple(PyTuple([x, try b(f)]))
                }
            }
            let codes = try items.map(expr)
            return { f in .tuple(PyTuple(try codes.map { try $0(f) })) }
        case .list(let items):
            let build = try sequenceBuilder(items)
            return { f in .list(PyList(try build(f))) }
        case .set(let items):
            let build = try sequenceBuilder(items)
            return { f in
                let s = PySet()
                for v in try build(f) { try f.interp.tableSet(s, f.interp.dictKey(v), .none) }
                return .object(s)
            }
        case .dict(let items):
            var parts: [(ExprCode, ExprCode?)] = []
            for item in items {
                switch item {
                case .pair(let k, let v): parts.append((try expr(k), try expr(v)))
                case .unpack(let m): parts.append((try expr(m), nil))
                }
            }
            return { f in
                let d = PyDict()
                for (k, v) in parts {
                    if let v {
                        let key = try k(f)
                        try f.interp.tableSet(d, f.interp.dictKey(key), v(f))
                    } else {
                        try f.interp.mergeMapping(into: d, try k(f))
                    }
                }
                return .dict(d)
            }
        case .starred:
            throw syntaxError("can't use starred expression here", e.location)
        case .listComprehension(let element, let generators):
            let (first, loop) = try withComprehension(generators) {
                try comprehensionLoop(generators, try expr(element)) { _, v, out in out.append(v) }
            }
            return { f in
                var out: [Value] = []
                try loop(f, try first(f), &out)
                return .list(PyList(out))
            }
        case .setComprehension(let element, let generators):
            let (first, loop) = try withComprehension(generators) {
                try comprehensionLoop(generators, try expr(element)) { _, v, out in out.append(v) }
            }
            return { f in
                var out: [Value] = []
                try loop(f, try first(f), &out)
                let s = PySet()
                for v in out { try f.interp.tableSet(s, f.interp.dictKey(v), .none) }
                return .object(s)
            }
        case .dictComprehension(let key, let value, let generators):
            let (first, loop) = try withComprehension(generators) { () throws -> (Frame, Value, inout [Value]) throws -> Void in
                let k = try expr(key), v = try expr(value)
                let pair: ExprCode = { f in
                    let kv = try k(f)
                    return .tuple(PyTuple([kv, try v(f)]))
                }
                return try comprehensionLoop(generators, pair) { _, v, out in out.append(v) }
            }
            return { f in
                var out: [Value] = []
                try loop(f, try first(f), &out)
                let d = PyDict()
                for item in out {
                    if case .tuple(let t) = item, t.items.count == 2 { try f.interp.tableSet(d, f.interp.dictKey(t.items[0]), t.items[1]) }
                }
                return .dict(d)
            }
        case .generator(let element, let generators):
            return try generatorExpression(element, generators)
        case .yield, .yieldFrom:
            throw syntaxError(scope.kind == .function ? "'yield' inside an expression is not supported" : "'yield' outside function", e.location)
        case .namedExpr(let name, let valueExpr):
            let value = try expr(valueExpr)
            let st = storeOutsideComprehension(name)
            return { f in
                let v = try value(f)
                try st(f, v)
                return v
            }
        }
    }

    /// A walrus inside a comprehension binds in the enclosing scope, not the comprehension.
    func storeOutsideComprehension(_ name: String) -> StoreCode {
        let saved = scope.overlays
        scope.overlays = []
        defer { scope.overlays = saved }
        return store(name)
    }

    /// Evaluates display items, expanding `*iterable`.
    func sequenceBuilder(_ items: [Expr]) throws -> (Frame) throws -> [Value] {
        var parts: [(ExprCode, Bool)] = []
        for item in items {
            if case .starred(let inner) = item.kind { parts.append((try expr(inner), true)) } else { parts.append((try expr(item), false)) }
        }
        if !parts.contains(where: { $0.1 }) {
            let codes = parts.map(\.0)
            return { f in
                var out: [Value] = []
                out.reserveCapacity(codes.count)
                for c in codes { out.append(try c(f)) }
                return out
            }
        }
        return { f in
            var out: [Value] = []
            for (code, starred) in parts {
                let v = try code(f)
                if starred {
                    let extra = try f.interp.collect(v)
                    // `[*a, *a]` doubles without a loop: bound it like any other bulk allocation.
                    if extra.count >= 1 << 12 { try f.interp.checkElements(out.count &+ extra.count) }
                    out.append(contentsOf: extra)
                } else {
                    out.append(v)
                }
            }
            return out
        }
    }

    func binary(_ op: BinaryOperator, _ a: Expr, _ b: Expr) throws -> ExprCode {
        let l = try expr(a)
        // An int literal on the right (`n - 1`, `i + 1`) is read at compile time: no closure
        // call for the constant, and the int path stays inline.
        if case .int(let k) = b.kind, op == .add || op == .subtract {
            let constant = Value.int(k)
            if let (i, name) = localSlot(a) {
                // `n - 1` with `n` a local: the slot is read in place, no closure call for it.
                let subtract = op == .subtract
                return { f in
                    if case .int(let p)? = f.slots[i] {
                        let (s, o) = subtract ? p.subtractingReportingOverflow(k) : p.addingReportingOverflow(k)
                        if !o { return .int(s) }
                    }
                    guard let x = f.slots[i] else { throw Compiler.unboundLocal(name) }
                    return try f.interp.binary(subtract ? .subtract : .add, x, constant)
                }
            }
            if op == .add {
                return { f in
                    let x = try l(f)
                    if case .int(let p) = x {
                        let (s, o) = p.addingReportingOverflow(k)
                        if !o { return .int(s) }
                    }
                    return try f.interp.binary(.add, x, constant)
                }
            }
            return { f in
                let x = try l(f)
                if case .int(let p) = x {
                    let (s, o) = p.subtractingReportingOverflow(k)
                    if !o { return .int(s) }
                }
                return try f.interp.binary(.subtract, x, constant)
            }
        }
        let r = try expr(b)
        switch op {
        case .add:
            return { f in
                let x = try l(f), y = try r(f)
                if case .int(let p) = x, case .int(let q) = y {
                    let (s, o) = p.addingReportingOverflow(q)
                    if !o { return .int(s) }
                }
                return try f.interp.binary(.add, x, y)
            }
        case .subtract:
            return { f in
                let x = try l(f), y = try r(f)
                if case .int(let p) = x, case .int(let q) = y {
                    let (s, o) = p.subtractingReportingOverflow(q)
                    if !o { return .int(s) }
                }
                return try f.interp.binary(.subtract, x, y)
            }
        case .multiply:
            return { f in
                let x = try l(f), y = try r(f)
                if case .int(let p) = x, case .int(let q) = y {
                    let (s, o) = p.multipliedReportingOverflow(by: q)
                    if !o { return .int(s) }
                }
                return try f.interp.binary(.multiply, x, y)
            }
        default:
            return { f in
                let x = try l(f), y = try r(f)
                return try f.interp.binary(op, x, y)
            }
        }
    }

    func compare(_ first: Expr, _ rest: [(CompareOperator, Expr)]) throws -> ExprCode {
        let head = try expr(first)
        if rest.count == 1, let (op, rightExpr) = rest.first {
            // `n < 2`, `n == 0`: an int literal on the right is read at compile time.
            if case .int(let k) = rightExpr.kind, op == .less || op == .equal {
                let constant = Value.int(k)
                if op == .less {
                    return { f in
                        let x = try head(f)
                        if case .int(let p) = x { return .bool(p < k) }
                        return try f.interp.compare(.less, x, constant)
                    }
                }
                return { f in
                    let x = try head(f)
                    if case .int(let p) = x { return .bool(p == k) }
                    return try f.interp.compare(.equal, x, constant)
                }
            }
            let rightCode = try expr(rightExpr)
            switch op {
            case .less:
                return { f in
                    let x = try head(f), y = try rightCode(f)
                    if case .int(let p) = x, case .int(let q) = y { return .bool(p < q) }
                    return try f.interp.compare(.less, x, y)
                }
            case .equal:
                return { f in
                    let x = try head(f), y = try rightCode(f)
                    if case .int(let p) = x, case .int(let q) = y { return .bool(p == q) }
                    return try f.interp.compare(.equal, x, y)
                }
            default:
                return { f in
                    let x = try head(f), y = try rightCode(f)
                    return try Compiler.compareOne(f.interp, op, x, y)
                }
            }
        }
        let ops = try rest.map { ($0.0, try expr($0.1)) }
        return { f in
            var left = try head(f)
            var result = Value.bool(true)
            for (op, code) in ops {
                let right = try code(f)
                result = try Compiler.compareOne(f.interp, op, left, right)
                if !(try f.interp.truthy(result)) { return result }
                left = right
            }
            return result
        }
    }

    static func compareOne(_ interp: Interpreter, _ op: CompareOperator, _ a: Value, _ b: Value) throws -> Value {
        switch op {
        case .is: return .bool(a.isIdentical(to: b))
        case .isNot: return .bool(!a.isIdentical(to: b))
        case .in: return .bool(try interp.contains(b, a))
        case .notIn: return .bool(!(try interp.contains(b, a)))
        default: return try interp.compare(op, a, b)
        }
    }

    func fstring(_ parts: [FStringPart]) throws -> ExprCode {
        var pieces: [(Frame) throws -> String] = []
        for part in parts {
            switch part {
            case .literal(let s):
                pieces.append { _ in s }
            case .field(let e, let conversion, let spec):
                let value = try expr(e)
                let specCode = try spec.map { try fstring($0) }
                pieces.append { f in
                    var v = try value(f)
                    switch conversion {
                    case "r": v = .string(try f.interp.repr(v))
                    case "s": v = .string(try f.interp.str(v))
                    case "a": v = .string(StringFormatting.ascii(try f.interp.repr(v)))
                    default: break
                    }
                    let specText = try specCode.map { try $0(f).stringValue ?? "" } ?? ""
                    return try f.interp.format(v, specText)
                }
            }
        }
        return { f in
            var out = ""
            for p in pieces { out += try p(f) }
            return .string(out)
        }
    }

    // MARK: Calls

    func call(_ calleeExpr: Expr, _ args: [CallArgument]) throws -> ExprCode {
        if case .name("super") = calleeExpr.kind, args.isEmpty, scope.kind == .function, let current = currentFunction,
           let firstLocation = current.receiver {
            let classLink = current.classLink
            let superName = load("super")
            return { f in
                let builtinSuper = try superName(f)
                guard case .object(let o) = builtinSuper, o === Builtin.superType else { return try f.interp.call(builtinSuper, []) }
                guard let cls = classLink.cls else { throw PyError.runtime("super(): __class__ cell not found") }
                let receiver: Value?
                switch firstLocation {
                case .slot(let i): receiver = f.slots[i]
                case .cell(let i): receiver = f.cells[i].value
                }
                guard let receiver else { throw PyError.runtime("super(): arg[0] deleted") }
                return .object(PySuper(cls: cls, receiver: receiver))
            }
        }
        let simple = args.allSatisfy { if case .positional = $0 { return true }; return false }
        if simple {
            func compileArguments() throws -> [ExprCode] {
                try args.map { arg -> ExprCode in
                    if case .positional(let e) = arg { return try expr(e) }
                    return { _ in .none }
                }
            }
            if case .attribute(let objectExpr, let method) = calleeExpr.kind {
                let object = try expr(objectExpr)
                if method == "append", args.count == 1, case .positional(let e0) = args[0] {
                    let arg = try expr(e0)
                    return { f in
                        let receiver = try object(f)
                        if case .list(let l) = receiver {
                            l.items.append(try arg(f))
                            return .none
                        }
                        return try f.interp.callMethod(receiver, method) { [try arg(f)] }
                    }
                }
                let argCodes = try compileArguments()
                let cache = MethodCache()
                return { f in
                    let receiver = try object(f)
                    switch receiver {
                    case .list, .str, .dict, .tuple:
                        let type = receiver.type
                        if type === cache.type, let function = cache.function {
                            var values: [Value] = [receiver]
                            values.reserveCapacity(argCodes.count + 1)
                            for c in argCodes { values.append(try c(f)) }
                            return try function.body(f.interp, Arguments(values))
                        }
                        if case .object(let o)? = type.dict[method], let function = o as? PyBuiltinFunction {
                            cache.type = type
                            cache.function = function
                        }
                    default: break
                    }
                    var values: [Value] = []
                    values.reserveCapacity(argCodes.count + 1)
                    return try f.interp.callMethod(receiver, method) {
                        for c in argCodes { values.append(try c(f)) }
                        return values
                    }
                }
            }
            let callee = try expr(calleeExpr)
            // A module-level function called by name (`fib(n - 1)`) is read straight from its
            // global slot; an unbound slot falls back to the load code (builtins, NameError).
            // Unretained: `callee` holds the slot for as long as this call site exists.
            let globalCallee = globalSlot(calleeExpr).map { Unmanaged.passUnretained($0) }
            let n = args.count
            // The callee is evaluated first and the arguments next, as in CPython; checking the
            // callee's type after the arguments keeps it out of their (opaque) evaluation.
            if n == 1, case .positional(let e0) = args[0] {
                let a0 = try expr(e0)
                return { f in
                    if let globalCallee, let ref = globalCallee._withUnsafeGuaranteedRef({ $0.function }) {
                        // Retained for the call: the arguments or the body may rebind the global.
                        _ = ref.retain()
                        defer { ref.release() }
                        return try ref._withUnsafeGuaranteedRef { fn in
                            let v0 = try a0(f)
                            if fn.code.simpleArity == 1 { return try f.withInterpreter { try $0.callSimple(fn, v0) } }
                            return try f.interp.invoke(fn, [v0], [])
                        }
                    }
                    let c = try callee(f)
                    let v0 = try a0(f)
                    if case .object(let o) = c, o.isFunction {
                        let fn = unsafeDowncast(o, to: PyFunction.self)
                        if fn.code.simpleArity == 1 { return try f.interp.callSimple(fn, v0) }
                    }
                    return try f.interp.call(c, Arguments([v0]))
                }
            }
            if n == 2, case .positional(let e0) = args[0], case .positional(let e1) = args[1] {
                let a0 = try expr(e0), a1 = try expr(e1)
                return { f in
                    if let globalCallee, let ref = globalCallee._withUnsafeGuaranteedRef({ $0.function }) {
                        _ = ref.retain()
                        defer { ref.release() }
                        return try ref._withUnsafeGuaranteedRef { fn in
                            let v0 = try a0(f)
                            let v1 = try a1(f)
                            if fn.code.simpleArity == 2 { return try f.withInterpreter { try $0.callSimple(fn, v0, v1) } }
                            return try f.interp.invoke(fn, [v0, v1], [])
                        }
                    }
                    let c = try callee(f)
                    let v0 = try a0(f)
                    let v1 = try a1(f)
                    if case .object(let o) = c, o.isFunction {
                        let fn = unsafeDowncast(o, to: PyFunction.self)
                        if fn.code.simpleArity == 2 { return try f.interp.callSimple(fn, v0, v1) }
                    }
                    return try f.interp.call(c, Arguments([v0, v1]))
                }
            }
            let argCodes = try compileArguments()
            return { f in
                let c: Value
                if let globalCallee, let v = globalCallee._withUnsafeGuaranteedRef({ $0.value }) { c = v } else { c = try callee(f) }
                if case .object(let o) = c, o.isFunction {
                    let fn = unsafeDowncast(o, to: PyFunction.self)
                    let code = fn.code
                    if code.simpleArity == n {
                        let interp = f.interp
                        let frame = interp.acquireFrame(code, fn.closure)
                        for i in 0..<n { frame.slots[i] = try argCodes[i](f) }
                        let result = try interp.run(fn, frame)
                        interp.recycle(consume frame, code)
                        return result
                    }
                }
                var values: [Value] = []
                values.reserveCapacity(n)
                for code in argCodes { values.append(try code(f)) }
                return try f.interp.call(c, Arguments(values))
            }
        }
        let callee = try expr(calleeExpr)
        enum Part { case positional(ExprCode), star(ExprCode), keyword(String, ExprCode), doubleStar(ExprCode) }
        let parts: [Part] = try args.map {
            switch $0 {
            case .positional(let e): return .positional(try expr(e))
            case .star(let e): return .star(try expr(e))
            case .keyword(let k, let e): return .keyword(k, try expr(e))
            case .doubleStar(let e): return .doubleStar(try expr(e))
            }
        }
        return { f in
            let c = try callee(f)
            var a = Arguments()
            for part in parts {
                switch part {
                case .positional(let code): a.positional.append(try code(f))
                case .star(let code):
                    let v = try code(f)
                    do {
                        let extra = try f.interp.collect(v)
                        // `f(*a, *a)` recursing doubles its arguments per call: bound them.
                        if extra.count >= 1 << 12 { try f.interp.checkElements(a.positional.count &+ extra.count) }
                        a.positional.append(contentsOf: extra)
                    } catch let e as PyError where e.type === Builtin.typeError && !Interpreter.isBuiltinIterable(v) && v.type.lookup("__iter__") == nil {
                        throw PyError.type("\(try f.interp.callableName(c)) argument after * must be an iterable, not \(v.typeName)")
                    }
                case .keyword(let k, let code):
                    let v = try code(f)
                    if a.keywords.contains(where: { $0.name == k }) {
                        throw PyError.type("\(try f.interp.callableName(c)) got multiple values for keyword argument '\(k)'")
                    }
                    a.keywords.append((k, v))
                case .doubleStar(let code):
                    let m = try code(f)
                    guard case .dict(let d) = m else {
                        throw PyError.type("\(try f.interp.callableName(c)) argument after ** must be a mapping, not \(m.typeName)")
                    }
                    for (k, v) in d.table.items {
                        guard case .str(let s) = k.value else { throw PyError.type("keywords must be strings") }
                        if a.keywords.contains(where: { $0.name == s.value }) {
                            throw PyError.type("\(try f.interp.callableName(c)) got multiple values for keyword argument '\(s.value)'")
                        }
                        a.keywords.append((s.value, v))
                    }
                }
            }
            return try f.interp.call(c, a)
        }
    }

    // MARK: Comprehensions

    /// Compiles `body` with the comprehension's variables in fresh hidden slots. Returns the code
    /// evaluating the first iterable (in the enclosing scope) and the body's result.
    func withComprehension<T>(_ generators: [Comprehension], _ body: () throws -> T) throws -> (ExprCode, T) {
        guard let first = generators.first else { throw SyntaxErrorInfo(.syntaxError, "invalid comprehension", line: 1, offset: 1) }
        let firstIterable = try expr(first.iterable)
        var overlay: [String: Int] = [:]
        for g in generators {
            var names = ScopeInfo()
            names.bind(g.target)
            for n in names.assigned.sorted() where overlay[n] == nil { overlay[n] = scope.newSlot() }
        }
        scope.overlays.append(overlay)
        defer { scope.overlays.removeLast() }
        return (firstIterable, try body())
    }

    /// Nested loops of a comprehension; `emit` collects each element. The first iterable is passed in.
    func comprehensionLoop(_ generators: [Comprehension], _ element: @escaping ExprCode,
                           _ emit: @escaping (Frame, Value, inout [Value]) throws -> Void) throws -> (Frame, Value, inout [Value]) throws -> Void {
        var levels: [(target: StoreCode, iterable: ExprCode?, conditions: [ExprCode])] = []
        for (i, g) in generators.enumerated() {
            levels.append((try storeTarget(g.target), i == 0 ? nil : try expr(g.iterable), try g.conditions.map(expr)))
        }
        func run(_ level: Int, _ f: Frame, _ iterable: Value, _ out: inout [Value]) throws {
            let (target, _, conditions) = levels[level]
            let interp = f.interp
            try interp.forEach(iterable) { v in
                try interp.tick()
                try target(f, v)
                for c in conditions where !(try interp.truthy(try c(f))) { return }
                if level + 1 == levels.count {
                    try emit(f, try element(f), &out)
                } else if let next = levels[level + 1].iterable {
                    try run(level + 1, f, try next(f), &out)
                }
            }
        }
        return { f, first, out in try run(0, f, first, &out) }
    }

    /// A generator expression: a lazy iterator stepping through the nested loops on demand.
    func generatorExpression(_ element: Expr, _ generators: [Comprehension]) throws -> ExprCode {
        let compiled = try withComprehension(generators) { () throws -> ([StoreCode], [ExprCode?], [[ExprCode]], ExprCode) in
            var targets: [StoreCode] = [], iterables: [ExprCode?] = [], conditions: [[ExprCode]] = []
            for (i, g) in generators.enumerated() {
                targets.append(try storeTarget(g.target))
                iterables.append(i == 0 ? nil : try expr(g.iterable))
                conditions.append(try g.conditions.map(expr))
            }
            return (targets, iterables, conditions, try expr(element))
        }
        let firstIterable = compiled.0
        let (targets, iterables, conditions, elementCode) = compiled.1
        let depth = targets.count
        return { f in
            let interp = f.interp
            var iterators: [Value?] = [Value?](repeating: nil, count: depth)
            let source = try firstIterable(f)
            if depth == 1, conditions[0].isEmpty, case .object(let so) = source, let r = so as? PyRange {
                // The common `f(x) for x in range(n)`: step the range directly.
                let target = targets[0]
                let n = r.count
                var i = 0
                return .object(PyIterator(type: Builtin.generatorType) {
                    guard i < n else { return nil }
                    try interp.tick()
                    try target(f, .int(r.element(i)))
                    i += 1
                    return try elementCode(f)
                })
            }
            iterators[0] = try interp.iterator(source)
            var level = 0
            return .object(PyIterator(type: Builtin.generatorType) {
                while true {
                    try interp.tick()
                    guard let it = iterators[level], let v = try interp.next(it) else {
                        if level == 0 { return nil }
                        iterators[level] = nil
                        level -= 1
                        continue
                    }
                    try targets[level](f, v)
                    var passed = true
                    for c in conditions[level] where !(try interp.truthy(try c(f))) {
                        passed = false
                        break
                    }
                    if !passed { continue }
                    if level + 1 == depth { return try elementCode(f) }
                    level += 1
                    if let next = iterables[level] { iterators[level] = try interp.iterator(try next(f)) }
                }
            })
        }
    }

    // MARK: Assignment targets

    func storeTarget(_ target: Expr) throws -> StoreCode {
        switch target.kind {
        case .name(let n):
            return store(n)
        case .attribute(let objectExpr, let name):
            let object = try expr(objectExpr)
            return { f, v in try f.interp.setAttribute(try object(f), name, v) }
        case .subscript(let containerExpr, let indexExpr):
            let container = try expr(containerExpr)
            let index = try expr(indexExpr)
            return { f, v in
                let c = try container(f)
                let i = try index(f)
                if case .list(let l) = c, case .int(let n) = i, n >= 0, n < l.items.count {
                    l.items[n] = v
                    return
                }
                try f.interp.setItem(c, i, v)
            }
        case .tuple(let items), .list(let items):
            let starIndex = items.firstIndex { if case .starred = $0.kind { return true }; return false }
            let stores = try items.map { item -> StoreCode in
                if case .starred(let inner) = item.kind { return try storeTarget(inner) }
                return try storeTarget(item)
            }
            let count = items.count
            if let starIndex {
                return { f, v in
                    let values = try f.interp.unpackValues(v)
                    if values.count < count - 1 {
                        throw PyError.value("not enough values to unpack (expected at least \(count - 1), got \(values.count))")
                    }
                    let after = count - starIndex - 1
                    for i in 0..<starIndex { try stores[i](f, values[i]) }
                    try stores[starIndex](f, .list(PyList(Array(values[starIndex..<(values.count - after)]))))
                    for i in 0..<after { try stores[starIndex + 1 + i](f, values[values.count - after + i]) }
                }
            }
            return { f, v in
                let values: [Value]
                if case .tuple(let t) = v, t.items.count == count { values = t.items } else {
                    values = try f.interp.unpackValues(v, expected: count)
                }
                for i in 0..<count { try stores[i](f, values[i]) }
            }
        case .starred:
            throw syntaxError("starred assignment target must be in a list or tuple", target.location)
        default:
            throw syntaxError("cannot assign to expression", target.location)
        }
    }
}
