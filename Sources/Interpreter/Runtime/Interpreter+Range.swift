import BigInt

extension Interpreter {
    /// `operator.index(v)` in arbitrary precision; nil when `v` is not an integer.
    func bigIndexValue(_ v: Value) throws -> BigInt? {
        if let b = v.bigIntValue { return b }
        if case .object(let o) = v, Self.hasUserDunders(v), let m = o.pyType.lookup("__index__") {
            return try bigIndexValue(call(m, [v]))
        }
        return nil
    }

    /// `r[index]` for a range of either kind, as CPython's `range_subscript`.
    func rangeItem(_ r: RangeBounds, _ index: Value) throws -> Value {
        if case .object(let o) = index, let s = o as? PySlice {
            let (start, stop, step) = try bigSliceIndices(s, r.count)
            return .object(Builtin.makeRange(start: r.element(start), stop: r.element(stop), step: r.step * step))
        }
        guard var i = try bigIndexValue(index) else {
            throw PyError.type("range indices must be integers or slices, not \(index.typeName)")
        }
        if i.sign == .minus { i += r.count }
        if i.sign == .minus || i >= r.count { throw PyError.index("range object index out of range") }
        return .integer(r.element(i))
    }

    /// CPython's `_PySlice_GetLongIndices`: a slice's start, stop and step clamped to `length`.
    func bigSliceIndices(_ s: PySlice, _ length: BigInt) throws -> (BigInt, BigInt, BigInt) {
        func index(_ v: Value) throws -> BigInt? {
            if case .none = v { return nil }
            if let i = try bigIndexValue(v) { return i }
            throw PyError.type("slice indices must be integers or None or have an __index__ method")
        }
        let step = try index(s.step) ?? 1
        if step.isZero { throw PyError.value("slice step cannot be zero") }
        let lower: BigInt = step.sign == .minus ? -1 : 0
        let upper: BigInt = step.sign == .minus ? length - 1 : length
        func clamp(_ v: BigInt) -> BigInt {
            let i = v.sign == .minus ? v + length : v
            return i < lower ? lower : i > upper ? upper : i
        }
        let start = try index(s.start).map(clamp) ?? (step.sign == .minus ? upper : lower)
        let stop = try index(s.stop).map(clamp) ?? (step.sign == .minus ? lower : upper)
        return (start, stop, step)
    }

    /// `x in r` for an int `x`; nil for other values, which CPython compares element by element.
    func rangeContains(_ r: RangeBounds, _ item: Value) -> Bool? {
        guard let x = item.bigIntValue else { return nil }
        return r.position(of: x) != nil
    }

    /// An iterator over a big range, from its first element forwards or its last backwards.
    func bigRangeIterator(_ r: PyBigRange, reversed: Bool) -> Value {
        var i: BigInt = 0
        let n = r.count
        let first = reversed ? r.start + (n - 1) * r.step : r.start
        let step = reversed ? -r.step : r.step
        return .object(PyIterator(type: Builtin.longRangeIteratorType) {
            guard i < n else { return nil }
            defer { i += 1 }
            return .integer(first + i * step)
        })
    }

    /// `hash(r)`: CPython hashes `(len, start, step)`, with `None` for what equality ignores.
    func rangeHash(_ r: RangeBounds) throws -> Int {
        let start: Value = r.count.isZero ? .none : .integer(r.start)
        let step: Value = r.count <= 1 ? .none : .integer(r.step)
        return try hash(.makeTuple([.integer(r.count), start, step]))
    }
}

extension Builtin {
    nonisolated(unsafe) public static let longRangeIteratorType: PyType = PyType(name: "longrange_iterator", base: objectType)

    static func installRangeMethods() {
        func bounds(_ args: Arguments, _ name: String) throws -> RangeBounds {
            guard case .object(let o)? = args.positional.first, let r = RangeBounds(o) else {
                throw PyError.type("descriptor '\(name)' for 'range' objects doesn't apply to a '\(args.positional.first?.typeName ?? "NoneType")' object")
            }
            guard args.positional.count == 2 else {
                throw PyError.type("range.\(name)() takes exactly one argument (\(args.positional.count - 1) given)")
            }
            return r
        }
        rangeType.define("index") { interp, args in
            let r = try bounds(args, "index")
            let x = args.positional[1]
            if let i = x.bigIntValue {
                if let p = r.position(of: i) { return .integer(p) }
                throw PyError.value("\(try interp.repr(x)) is not in range")
            }
            var p: BigInt = 0
            let it = try interp.iterator(args.positional[0])
            while let v = try interp.next(it) {
                if try v.isIdentical(to: x) || interp.equals(v, x) { return .integer(p) }
                p += 1
            }
            throw PyError.value("sequence.index(x): x not in sequence")
        }
        rangeType.define("count") { interp, args in
            let r = try bounds(args, "count")
            let x = args.positional[1]
            if let i = x.bigIntValue { return .int(r.position(of: i) == nil ? 0 : 1) }
            var n = 0
            try interp.forEach(args.positional[0]) { v in
                if try v.isIdentical(to: x) || interp.equals(v, x) { n += 1 }
            }
            return .int(n)
        }
    }
}
