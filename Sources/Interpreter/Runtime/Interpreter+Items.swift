import BigInt

extension Interpreter {
    /// The `Int` behind an int, bool or object with `__index__`; nil for other types.
    public func indexValue(_ v: Value) throws -> Int? {
        switch v {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        case .object(let o):
            if let b = o as? PyBigInt {
                guard let i = Int(exactly: b.value) else {
                    throw PyError.index("cannot fit 'int' into an index-sized integer")
                }
                return i
            }
            if Self.hasUserDunders(v), let m = o.pyType.lookup("__index__") {
                return try indexValue(call(m, [v]))
            }
            return nil
        default: return nil
        }
    }

    /// Resolves a slice against a sequence length: CPython's `PySlice_GetIndicesEx`.
    public func sliceIndices(_ s: PySlice, _ length: Int) throws -> (start: Int, stop: Int, step: Int, count: Int) {
        func bound(_ v: Value) throws -> Int? {
            if case .none = v { return nil }
            if let b = v.bigIntValue, Int(exactly: b) == nil { return b.sign == .minus ? Int.min / 2 : Int.max / 2 }
            if let i = try indexValue(v) { return i }
            throw PyError.type("slice indices must be integers or None or have an __index__ method")
        }
        var step = 1
        if case .none = s.step {} else {
            if let b = s.step.bigIntValue, Int(exactly: b) == nil { step = b.sign == .minus ? -Int.max : Int.max } else {
                guard let st = try bound(s.step) else { throw PyError.type("slice indices must be integers or None or have an __index__ method") }
                step = st
            }
        }
        if step == 0 { throw PyError.value("slice step cannot be zero") }
        let lower = step < 0 ? -1 : 0
        let upper = step < 0 ? length - 1 : length
        func adjust(_ v: Int?, _ defaultValue: Int) -> Int {
            guard var i = v else { return defaultValue }
            if i < 0 {
                i += length
                if i < 0 { i = lower }
            } else if i >= length {
                i = upper
            }
            return i
        }
        let start = adjust(try bound(s.start), step < 0 ? upper : lower)
        let stop = adjust(try bound(s.stop), step < 0 ? lower : upper)
        var count = 0
        if step < 0 {
            if stop < start { count = (start - stop - 1) / (-step) + 1 }
        } else if start < stop {
            count = (stop - start - 1) / step + 1
        }
        return (start, stop, step, count)
    }

    func sliceItems<T>(_ items: [T], _ s: PySlice) throws -> [T] {
        let (start, _, step, count) = try sliceIndices(s, items.count)
        if step == 1 { return count > 0 ? Array(items[start..<(start + count)]) : [] }
        var result: [T] = []
        result.reserveCapacity(count)
        var i = start
        for _ in 0..<count {
            result.append(items[i])
            i &+= step
        }
        return result
    }

    func normalizedIndex(_ index: Value, _ count: Int, _ kind: String) throws -> Int {
        guard let i = try indexValue(index) else {
            if kind == "string" { throw PyError.type("string indices must be integers, not '\(index.typeName)'") }
            throw PyError.type("\(kind) indices must be integers or slices, not \(index.typeName)")
        }
        let j = i < 0 ? i + count : i
        if j < 0 || j >= count {
            throw PyError.index(kind == "range" ? "range object index out of range" : "\(kind) index out of range")
        }
        return j
    }

    /// `container[index]`.
    public func getItem(_ container: Value, _ index: Value) throws -> Value {
        switch container {
        case .list(let l):
            if case .int(let i) = index, i >= 0, i < l.items.count { return l.items[i] }
            if case .object(let o) = index, let s = o as? PySlice { return .list(PyList(try sliceItems(l.items, s))) }
            return l.items[try normalizedIndex(index, l.items.count, "list")]
        case .tuple(let t):
            if case .int(let i) = index, i >= 0, i < t.items.count { return t.items[i] }
            if case .object(let o) = index, let s = o as? PySlice { return .tuple(PyTuple(try sliceItems(t.items, s))) }
            return t.items[try normalizedIndex(index, t.items.count, "tuple")]
        case .dict(let d):
            if let v = try tableGet(d, dictKey(index)) { return v }
            throw PyError.key(index)
        case .str(let s):
            if case .object(let o) = index, let sl = o as? PySlice {
                return .string(String(scalars: try sliceItems(s.scalars, sl)))
            }
            let scalars = s.scalars
            return .string(String(scalars[try normalizedIndex(index, scalars.count, "string")]))
        case .object(let o):
            if let r = o as? PyRange {
                if case .int(let i) = index {
                    let n = r.count
                    let j = i < 0 ? i &+ n : i
                    if j < 0 || j >= n { throw PyError.index("range object index out of range") }
                    return .int(r.element(j))
                }
                if let b = RangeBounds(r) { return try rangeItem(b, index) }
            }
            if o is PyBigRange, let b = RangeBounds(o) { return try rangeItem(b, index) }
            if let t = o as? PyType {
                if let m = t.lookup("__class_getitem__") { return try call(m, [container, index]) }
                throw PyError.type("type '\(t.name)' is not subscriptable")
            }
            if Self.hasUserDunders(container), let m = o.pyType.lookup("__getitem__") {
                return try call(m, [container, index])
            }
        default: break
        }
        throw PyError.type("'\(container.typeName)' object is not subscriptable")
    }

    /// `container[index] = value`.
    public func setItem(_ container: Value, _ index: Value, _ value: Value) throws {
        switch container {
        case .list(let l):
            if case .int(let i) = index, i >= 0, i < l.items.count {
                l.items[i] = value
                return
            }
            if case .object(let o) = index, let s = o as? PySlice {
                let replacement = try collect(value, forSliceAssignment: true)
                let (start, stop, step, count) = try sliceIndices(s, l.items.count)
                if step == 1 {
                    let end = max(start, stop)
                    l.items.replaceSubrange(start..<end, with: replacement)
                    return
                }
                if replacement.count != count {
                    throw PyError.value("attempt to assign sequence of size \(replacement.count) to extended slice of size \(count)")
                }
                var i = start
                for v in replacement {
                    l.items[i] = v
                    i &+= step
                }
                return
            }
            guard let i = try indexValue(index) else {
                throw PyError.type("list indices must be integers or slices, not \(index.typeName)")
            }
            let j = i < 0 ? i + l.items.count : i
            guard j >= 0, j < l.items.count else { throw PyError.index("list assignment index out of range") }
            l.items[j] = value
            return
        case .dict(let d):
            try tableSet(d, dictKey(index), value)
            return
        case .object(let o):
            if Self.hasUserDunders(container), let m = o.pyType.lookup("__setitem__") {
                _ = try call(m, [container, index, value])
                return
            }
        default: break
        }
        throw PyError.type("'\(container.typeName)' object does not support item assignment")
    }

    /// `del container[index]`.
    public func deleteItem(_ container: Value, _ index: Value) throws {
        switch container {
        case .list(let l):
            if case .object(let o) = index, let s = o as? PySlice {
                let (start, _, step, count) = try sliceIndices(s, l.items.count)
                var positions = Set<Int>()
                var i = start
                for _ in 0..<count {
                    positions.insert(i)
                    i &+= step
                }
                l.items = l.items.enumerated().filter { !positions.contains($0.offset) }.map(\.element)
                return
            }
            l.items.remove(at: try normalizedIndex(index, l.items.count, "list"))
            return
        case .dict(let d):
            if try tableRemove(d, dictKey(index)) == nil { throw PyError.key(index) }
            return
        case .object(let o):
            if Self.hasUserDunders(container), let m = o.pyType.lookup("__delitem__") {
                _ = try call(m, [container, index])
                return
            }
        default: break
        }
        throw PyError.type("'\(container.typeName)' object does not support item deletion")
    }

    /// `len(value)`.
    public func length(_ value: Value) throws -> Int {
        switch value {
        case .str(let s): return s.count
        case .list(let l): return l.items.count
        case .tuple(let t): return t.items.count
        case .dict(let d): return d.count
        case .object(let o):
            if let s = o as? PySet { return s.table.count }
            if let r = o as? PyRange { return r.count }
            if let r = o as? PyBigRange {
                guard let n = Int(exactly: r.count) else { throw PyError.overflow("Python int too large to convert to C ssize_t") }
                return n
            }
            if let v = o as? PyDictView { return v.dict.count }
            if Self.hasUserDunders(value), let m = o.pyType.lookup("__len__") { return try lengthResult(call(m, [value])) }
        default: break
        }
        throw PyError.type("object of type '\(value.typeName)' has no len()")
    }
}
