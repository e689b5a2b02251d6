import BigInt

extension Interpreter {
    /// `bool(value)`.
    @inline(__always)
    public func truthy(_ value: Value) throws -> Bool {
        switch value {
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .none: return false
        case .float(let d): return d != 0
        case .str(let s): return !s.value.isEmpty
        case .list(let l): return !l.items.isEmpty
        case .tuple(let t): return !t.items.isEmpty
        case .dict(let d): return d.count != 0
        case .object(let o): return try objectTruthy(o, value)
        }
    }

    private func objectTruthy(_ o: PyObject, _ value: Value) throws -> Bool {
        switch o {
        case is PyBigInt: return true
        case let s as PySet: return s.table.count != 0
        case let r as PyRange: return r.count != 0
        case let r as PyBigRange: return !r.count.isZero
        case is PyType, is PyFunction, is PyBuiltinFunction, is PyModule: return true
        default: break
        }
        if let method = o.pyType.lookup("__bool__") {
            let result = try call(method, [value])
            guard case .bool(let b) = result else {
                throw PyError.type("__bool__ should return bool, returned \(result.typeName)")
            }
            return b
        }
        if let method = o.pyType.lookup("__len__") {
            return try lengthResult(call(method, [value])) != 0
        }
        return true
    }

    func lengthResult(_ v: Value) throws -> Int {
        switch v {
        case .int(let i):
            if i < 0 { throw PyError.value("__len__() should return >= 0") }
            return i
        case .bool(let b): return b ? 1 : 0
        case .object(let o) where o is PyBigInt:
            throw PyError.overflow("cannot fit 'int' into an index-sized integer")
        default:
            throw PyError.type("'\(v.typeName)' object cannot be interpreted as an integer")
        }
    }

    /// `a == b`.
    public func equals(_ a: Value, _ b: Value) throws -> Bool {
        switch (a, b) {
        case let (.int(x), .int(y)): return x == y
        case let (.str(x), .str(y)): return x === y || x.value == y.value
        case let (.float(x), .float(y)): return x == y
        case (.none, .none): return true
        case let (.bool(x), .bool(y)): return x == y
        default: return try truthy(compareSlow(.equal, a, b))
        }
    }

    /// Runs a rich comparison (`==`, `!=`, `<`, `<=`, `>`, `>=`) with CPython's dispatch.
    @inline(__always)
    public func compare(_ op: CompareOperator, _ a: Value, _ b: Value) throws -> Value {
        switch (a, b) {
        case let (.int(x), .int(y)):
            switch op {
            case .less: return .bool(x < y)
            case .lessEqual: return .bool(x <= y)
            case .greater: return .bool(x > y)
            case .greaterEqual: return .bool(x >= y)
            case .equal: return .bool(x == y)
            case .notEqual: return .bool(x != y)
            default: break
            }
        case let (.float(x), .float(y)):
            switch op {
            case .less: return .bool(x < y)
            case .lessEqual: return .bool(x <= y)
            case .greater: return .bool(x > y)
            case .greaterEqual: return .bool(x >= y)
            case .equal: return .bool(x == y)
            case .notEqual: return .bool(x != y)
            default: break
            }
        default: break
        }
        return try compareSlow(op, a, b)
    }

    func compareSlow(_ op: CompareOperator, _ a: Value, _ b: Value) throws -> Value {
        if let r = try builtinCompare(op, a, b) { return .bool(r) }
        let (name, reflected) = Self.compareDunders(op)
        let aIsUser = Self.hasUserDunders(a), bIsUser = Self.hasUserDunders(b)
        if bIsUser, !aIsUser || b.type !== a.type && b.type.isSubtype(of: a.type), let m = b.type.lookup(reflected) {
            let r = try call(m, [b, a])
            if !r.isNotImplemented { return r }
        }
        if aIsUser, let m = a.type.lookup(name) {
            let r = try call(m, [a, b])
            if !r.isNotImplemented { return r }
        }
        if bIsUser, aIsUser, let m = b.type.lookup(reflected) {
            let r = try call(m, [b, a])
            if !r.isNotImplemented { return r }
        }
        switch op {
        case .equal: return .bool(a.isIdentical(to: b))
        case .notEqual:
            if aIsUser, a.type.lookup("__eq__") != nil {
                let r = try call(a.type.lookup("__eq__") ?? .none, [a, b])
                if !r.isNotImplemented { return .bool(!(try truthy(r))) }
            }
            return .bool(!a.isIdentical(to: b))
        default:
            throw PyError.type("'\(op.rawValue)' not supported between instances of '\(a.typeName)' and '\(b.typeName)'")
        }
    }

    static func compareDunders(_ op: CompareOperator) -> (String, String) {
        switch op {
        case .less: return ("__lt__", "__gt__")
        case .lessEqual: return ("__le__", "__ge__")
        case .greater: return ("__gt__", "__lt__")
        case .greaterEqual: return ("__ge__", "__le__")
        case .equal: return ("__eq__", "__eq__")
        default: return ("__ne__", "__ne__")
        }
    }

    /// True for instances of classes that may define special methods (cell classes, host types).
    @inline(__always)
    static func hasUserDunders(_ v: Value) -> Bool {
        guard case .object(let o) = v else { return false }
        return !(o is PyBigInt || o is PySet || o is PyRange || o is PyBigRange || o is PySlice || o is PyType || o is PyFunction
            || o is PyBuiltinFunction || o is PySingleton || o is PyModule)
    }

    /// Comparisons between builtin values; nil when neither side is a builtin the rules cover.
    func builtinCompare(_ op: CompareOperator, _ a: Value, _ b: Value) throws -> Bool? {
        if let order = try numericOrder(a, b) {
            guard let order else { return op == .notEqual }  // NaN
            return Self.apply(op, order)
        }
        switch (a, b) {
        case let (.str(x), .str(y)):
            if op == .equal { return x.value == y.value }
            if op == .notEqual { return x.value != y.value }
            return Self.apply(op, Self.order(x.value, y.value))
        case let (.list(x), .list(y)):
            return try sequenceCompare(op, { x.items }, { y.items })
        case let (.tuple(x), .tuple(y)):
            let (xs, ys) = (x.items, y.items)
            return try sequenceCompare(op, { xs }, { ys })
        case let (.dict(x), .dict(y)):
            guard op == .equal || op == .notEqual else { return nil }
            try enterNative("in comparison")
            defer { leaveNative() }
            var same = x.count == y.count
            if same {
                for (key, value) in x.table.items {
                    guard let other = try tableGet(y, key), try equals(value, other) else { same = false; break }
                }
            }
            return op == .equal ? same : !same
        case (.none, .none):
            if op == .equal { return true }
            if op == .notEqual { return false }
            return nil
        case let (.object(x), .object(y)):
            if let sx = x as? PySet, let sy = y as? PySet { return try setCompare(op, sx, sy) }
            if op == .equal || op == .notEqual, let rx = RangeBounds(x), let ry = RangeBounds(y) {
                let same = rx.sameElements(ry)
                return op == .equal ? same : !same
            }
            return nil
        default:
            return nil
        }
    }

    /// -1, 0, 1 for numbers (nil inside when NaN makes them unordered); nil when not both numbers.
    func numericOrder(_ a: Value, _ b: Value) throws -> Int?? {
        switch (a, b) {
        case let (.int(x), .int(y)): return .some(x < y ? -1 : x == y ? 0 : 1)
        case let (.float(x), .float(y)):
            if x.isNaN || y.isNaN { return .some(nil) }
            return .some(x < y ? -1 : x == y ? 0 : 1)
        default: break
        }
        if case .float(let x) = a, let y = b.bigIntValue { return .some(Self.compareFloatInt(x, y)) }
        if case .float(let y) = b, let x = a.bigIntValue { return .some(Self.compareFloatInt(y, x).map { -$0 }) }
        if let x = a.bigIntValue, let y = b.bigIntValue { return .some(x < y ? -1 : x == y ? 0 : 1) }
        return nil
    }

    /// Exact comparison of a float with an int, as CPython does it (no rounding of the int).
    static func compareFloatInt(_ x: Double, _ y: BigInt) -> Int? {
        if x.isNaN { return nil }
        if x.isInfinite { return x > 0 ? 1 : -1 }
        let whole = x.rounded(.towardZero)
        guard let wholeInt = BigInt(exactly: whole) else { return nil }
        if wholeInt < y { return -1 }
        if wholeInt > y { return 1 }
        let frac = x - whole
        return frac > 0 ? 1 : frac < 0 ? -1 : 0
    }

    static func order(_ x: String, _ y: String) -> Int {
        // Python orders str by code point; Swift's `<` uses canonical equivalence, so compare scalars.
        var i = x.unicodeScalars.makeIterator(), j = y.unicodeScalars.makeIterator()
        while true {
            switch (i.next(), j.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case let (p?, q?): if p != q { return p.value < q.value ? -1 : 1 }
            }
        }
    }

    static func apply(_ op: CompareOperator, _ order: Int) -> Bool {
        switch op {
        case .less: return order < 0
        case .lessEqual: return order <= 0
        case .greater: return order > 0
        case .greaterEqual: return order >= 0
        case .equal: return order == 0
        case .notEqual: return order != 0
        default: return false
        }
    }

    /// Lexicographic comparison. `x` and `y` answer the live elements, re-read at every step
    /// because `__eq__` may mutate a list being compared (CPython re-reads the sizes too).
    func sequenceCompare(_ op: CompareOperator, _ x: () -> [Value], _ y: () -> [Value]) throws -> Bool {
        try enterNative("in comparison")
        defer { leaveNative() }
        if (op == .equal || op == .notEqual) && x().count != y().count { return op == .notEqual }
        var i = 0
        while true {
            let (xs, ys) = (x(), y())
            guard i < xs.count, i < ys.count else { break }
            let (p, q) = (xs[i], ys[i])
            i += 1
            if p.isIdentical(to: q) { continue }
            if try !equals(p, q) {
                if op == .equal { return false }
                if op == .notEqual { return true }
                return try truthy(compare(op, p, q))
            }
        }
        let (xn, yn) = (x().count, y().count)
        return Self.apply(op, xn < yn ? -1 : xn == yn ? 0 : 1)
    }

    /// `a in b`.
    public func contains(_ container: Value, _ item: Value) throws -> Bool {
        switch container {
        case .list(let l):
            // `__eq__` may mutate the list: re-read it at every step.
            var i = 0
            while i < l.items.count {
                let v = l.items[i]
                if try v.isIdentical(to: item) || equals(v, item) { return true }
                i += 1
            }
            return false
        case .tuple(let t):
            for v in t.items where try v.isIdentical(to: item) || equals(v, item) { return true }
            return false
        case .dict(let d):
            return try tableContains(d, dictKey(item))
        case .str(let s):
            guard case .str(let sub) = item else {
                throw PyError.type("'in <string>' requires string as left operand, not \(item.typeName)")
            }
            return sub.value.isEmpty || s.value.contains(sub.value)
        case .object(let o):
            if let set = o as? PySet { return try tableContains(set, dictKey(item)) }
            if let r = o as? PyRange {
                guard case .int(let i) = item else {
                    if case .bool(let b) = item { return try contains(container, .int(b ? 1 : 0)) }
                    break
                }
                if r.step > 0 ? (i < r.start || i >= r.stop) : (i > r.start || i <= r.stop) { return false }
                return (i &- r.start) % r.step == 0
            }
            if o is PyBigRange, let r = RangeBounds(o), let found = rangeContains(r, item) { return found }
            if let method = o.pyType.lookup("__contains__"), Self.hasUserDunders(container) {
                return try truthy(call(method, [container, item]))
            }
        default: break
        }
        if container.type.lookup("__iter__") == nil && !Self.isBuiltinIterable(container) {
            throw PyError.type("argument of type '\(container.typeName)' is not iterable")
        }
        let it = try iterator(container)
        while let v = try next(it) {
            if try v.isIdentical(to: item) || equals(v, item) { return true }
        }
        return false
    }

    static func isBuiltinIterable(_ v: Value) -> Bool {
        switch v {
        case .str, .list, .tuple, .dict: return true
        case .object(let o): return o is PySet || o is PyRange || o is PyBigRange || o is PyIterator || o is PyGenerator
        default: return false
        }
    }

    /// The dict key for `value`, hashing it with Python's rules (`unhashable type: 'list'`).
    public func dictKey(_ value: Value) throws -> DictKey {
        DictKey(value: value, hash: try hash(value))
    }

    /// `hash(value)`; ints hash as CPython's (modulo 2**61 - 1).
    public func hash(_ value: Value) throws -> Int {
        switch value {
        case .int(let i): return Self.hashInt(i)
        case .bool(let b): return b ? 1 : 0
        case .str(let s): return s.value.hashValue
        case .none: return 0x5f3759df
        case .float(let d):
            if let i = Int(exactly: d) { return Self.hashInt(i) }
            if d.isNaN { return 0 }
            if let b = BigInt(exactly: d) { return Self.hashBig(b) }
            return d.hashValue
        case .tuple(let t):
            try enterNative("while calling a Python object")
            defer { leaveNative() }
            var h = Hasher()
            for item in t.items { h.combine(try hash(item)) }
            return h.finalize()
        case .list: throw PyError.type("unhashable type: 'list'")
        case .dict: throw PyError.type("unhashable type: 'dict'")
        case .object(let o):
            if let b = o as? PyBigInt { return Self.hashBig(b.value) }
            if let r = RangeBounds(o) { return try rangeHash(r) }
            if let s = o as? PySet {
                guard s.isFrozen else { throw PyError.type("unhashable type: 'set'") }
                var acc = 0
                for k in s.table.keys { acc ^= k.hash &* 0x9E3779B1 }
                return acc
            }
            if o is PyInstance || !(o is PyType), let method = o.pyType.lookup("__hash__") {
                if case .none = method { throw PyError.type("unhashable type: '\(o.pyType.name)'") }
                let r = try call(method, [value])
                guard let i = r.bigIntValue else { throw PyError.type("__hash__ method should return an integer") }
                return Int(exactly: i).map { $0 == -1 ? -2 : $0 } ?? Self.hashBig(i)
            }
            if o is PyInstance, o.pyType.lookup("__eq__") != nil, !(o is PyException) {
                throw PyError.type("unhashable type: '\(o.pyType.name)'")
            }
            return ObjectIdentifier(o).hashValue
        }
    }

    static func hashInt(_ i: Int) -> Int {
        let modulus = (1 << 61) - 1
        var h = i.magnitude % UInt(modulus)
        if h == UInt(modulus) { h = 0 }
        var r = Int(h)
        if i < 0 { r = -r }
        return r == -1 ? -2 : r
    }

    static func hashBig(_ b: BigInt) -> Int {
        if let i = Int(exactly: b) { return hashInt(i) }
        let modulus = BigInt((1 << 61) - 1)
        var r = Int(b.magnitude % modulus.magnitude)
        if b.sign == .minus { r = -r }
        return r == -1 ? -2 : r
    }
}
