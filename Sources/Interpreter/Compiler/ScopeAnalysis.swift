/// Which names a function (or class body) binds, declares and uses, and which names its nested
/// scopes need from it: the input for deciding slots, cells and globals before compiling.
struct ScopeInfo {
    var assigned: Set<String> = []
    var globals: Set<String> = []
    var nonlocals: Set<String> = []
    var used: Set<String> = []
    /// Names nested functions and classes use without binding them.
    var childFree: Set<String> = []
    var containsYield = false

    /// Names this scope needs from enclosing function scopes.
    var free: Set<String> {
        used.union(childFree).union(nonlocals).subtracting(assigned).subtracting(globals)
    }

    static func function(_ parameters: Parameters, _ body: [Stmt]) -> ScopeInfo {
        var info = ScopeInfo()
        for p in parameters.positional { info.assigned.insert(p.name) }
        for p in parameters.keywordOnly { info.assigned.insert(p.name) }
        if let v = parameters.varArgs { info.assigned.insert(v) }
        if let v = parameters.varKeywords { info.assigned.insert(v) }
        info.visit(body)
        info.assigned.subtract(info.globals)
        info.assigned.subtract(info.nonlocals)
        return info
    }

    static func lambda(_ parameters: Parameters, _ body: Expr) -> ScopeInfo {
        var info = ScopeInfo()
        for p in parameters.positional { info.assigned.insert(p.name) }
        for p in parameters.keywordOnly { info.assigned.insert(p.name) }
        if let v = parameters.varArgs { info.assigned.insert(v) }
        if let v = parameters.varKeywords { info.assigned.insert(v) }
        info.visit(body)
        return info
    }

    static func classBody(_ body: [Stmt]) -> ScopeInfo {
        var info = ScopeInfo()
        info.visit(body)
        info.assigned.subtract(info.globals)
        info.assigned.subtract(info.nonlocals)
        return info
    }

    mutating func visit(_ stmts: [Stmt]) {
        for s in stmts { visit(s) }
    }

    mutating func bind(_ target: Expr) {
        switch target.kind {
        case .name(let n): assigned.insert(n)
        case .tuple(let items), .list(let items): for i in items { bind(i) }
        case .starred(let e): bind(e)
        default: visit(target)
        }
    }

    mutating func visit(_ s: Stmt) {
        switch s.kind {
        case .expression(let e): visit(e)
        case .assign(let targets, let value):
            for t in targets { bind(t) }
            visit(value)
        case .augmentedAssign(let target, _, let value):
            bind(target)
            if case .name(let n) = target.kind { used.insert(n) }
            visit(value)
        case .annotatedAssign(let target, let annotation, let value):
            if value != nil { bind(target) }
            visit(annotation)
            if let value { visit(value) }
        case .delete(let targets): for t in targets { bind(t) }
        case .pass, .break, .continue: break
        case .return(let e): if let e { visit(e) }
        case .if(let test, let body, let orElse), .while(let test, let body, let orElse):
            visit(test)
            visit(body)
            visit(orElse)
        case .for(let target, let iterable, let body, let orElse):
            bind(target)
            visit(iterable)
            visit(body)
            visit(orElse)
        case .try(let body, let handlers, let orElse, let finally):
            visit(body)
            for h in handlers {
                if let t = h.type { visit(t) }
                if let n = h.name { assigned.insert(n) }
                visit(h.body)
            }
            visit(orElse)
            visit(finally)
        case .raise(let e, let cause):
            if let e { visit(e) }
            if let cause { visit(cause) }
        case .with(let items, let body):
            for item in items {
                visit(item.context)
                if let t = item.target { bind(t) }
            }
            visit(body)
        case .functionDef(let def):
            assigned.insert(def.name)
            for d in def.decorators { visit(d) }
            visitDefaults(def.parameters)
            childFree.formUnion(ScopeInfo.function(def.parameters, def.body).free)
        case .classDef(let def):
            assigned.insert(def.name)
            for d in def.decorators { visit(d) }
            for b in def.bases { visit(b) }
            let inner = ScopeInfo.classBody(def.body)
            childFree.formUnion(inner.used.subtracting(inner.assigned).union(inner.childFree).subtracting(inner.globals))
        case .global(let names): globals.formUnion(names)
        case .nonlocal(let names): nonlocals.formUnion(names)
        case .assert(let test, let message):
            visit(test)
            if let message { visit(message) }
        case .import(let names):
            for n in names { assigned.insert(n.asName ?? String(n.name.split(separator: ".").first ?? "")) }
        case .importFrom(_, let names):
            for n in names where n.name != "*" { assigned.insert(n.asName ?? n.name) }
        }
    }

    mutating func visitDefaults(_ p: Parameters) {
        for q in p.positional { if let d = q.defaultValue { visit(d) } }
        for q in p.keywordOnly { if let d = q.defaultValue { visit(d) } }
    }

    mutating func visitComprehension(_ generators: [Comprehension], _ elements: [Expr]) {
        // Comprehension variables live in hidden slots; only the names they read matter here.
        var inner = ScopeInfo()
        var targets = ScopeInfo()
        for g in generators {
            targets.bind(g.target)
            inner.visit(g.iterable)
            for c in g.conditions { inner.visit(c) }
        }
        for e in elements { inner.visit(e) }
        used.formUnion(inner.used.subtracting(targets.assigned))
        used.formUnion(targets.used)
        childFree.formUnion(inner.childFree)
        // A walrus inside a comprehension binds in the enclosing scope.
        assigned.formUnion(inner.assigned)
    }

    mutating func visit(_ e: Expr) {
        switch e.kind {
        case .int, .bigInt, .float, .imaginary, .string, .bool, .none, .ellipsis: break
        case .formattedString(let parts): visit(parts)
        case .name(let n): used.insert(n)
        case .attribute(let v, _): visit(v)
        case .subscript(let v, let i):
            visit(v)
            visit(i)
        case .slice(let a, let b, let c):
            if let a { visit(a) }
            if let b { visit(b) }
            if let c { visit(c) }
        case .call(let f, let args):
            visit(f)
            for a in args {
                switch a {
                case .positional(let x), .star(let x), .keyword(_, let x), .doubleStar(let x): visit(x)
                }
            }
        case .binary(_, let a, let b):
            visit(a)
            visit(b)
        case .unary(_, let a): visit(a)
        case .and(let items), .or(let items), .tuple(let items), .list(let items), .set(let items):
            for i in items { visit(i) }
        case .compare(let first, let rest):
            visit(first)
            for (_, x) in rest { visit(x) }
        case .conditional(let t, let b, let o):
            visit(t)
            visit(b)
            visit(o)
        case .lambda(let p, let body):
            visitDefaults(p)
            childFree.formUnion(ScopeInfo.lambda(p, body).free)
        case .dict(let items):
            for item in items {
                switch item {
                case .pair(let k, let v):
                    visit(k)
                    visit(v)
                case .unpack(let m): visit(m)
                }
            }
        case .starred(let x): visit(x)
        case .listComprehension(let elt, let gens), .setComprehension(let elt, let gens), .generator(let elt, let gens):
            visitComprehension(gens, [elt])
        case .dictComprehension(let k, let v, let gens):
            visitComprehension(gens, [k, v])
        case .yield(let x):
            containsYield = true
            if let x { visit(x) }
        case .yieldFrom(let x):
            containsYield = true
            visit(x)
        case .namedExpr(let n, let v):
            assigned.insert(n)
            visit(v)
        }
    }

    mutating func visit(_ parts: [FStringPart]) {
        for p in parts {
            if case .field(let e, _, let spec) = p {
                visit(e)
                if let spec { visit(spec) }
            }
        }
    }
}
