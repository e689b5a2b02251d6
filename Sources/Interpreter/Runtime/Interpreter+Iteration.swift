extension Interpreter {
    /// `iter(value)`: an iterator object (a `PyIterator`, generator, or an object with `__next__`).
    public func iterator(_ value: Value) throws -> Value {
        switch value {
        case .list(let l):
            var i = 0
            return .object(PyIterator(type: Builtin.listIteratorType) {
                guard i < l.items.count else { return nil }
                defer { i += 1 }
                return l.items[i]
            })
        case .tuple(let t):
            var i = 0
            let items = t.items
            return .object(PyIterator(type: Builtin.tupleIteratorType) {
                guard i < items.count else { return nil }
                defer { i += 1 }
                return items[i]
            })
        case .str(let s):
            var it = s.value.unicodeScalars.makeIterator()
            return .object(PyIterator(type: Builtin.strIteratorType) { it.next().map { .string(String($0)) } })
        case .dict(let d):
            return .object(dictIterator(d, .keys))
        case .object(let o):
            switch o {
            case let r as PyRange:
                var i = 0
                let n = r.count
                return .object(PyIterator(type: Builtin.rangeIteratorType) {
                    guard i < n else { return nil }
                    defer { i += 1 }
                    return .int(r.element(i))
                })
            case let r as PyBigRange:
                return bigRangeIterator(r, reversed: false)
            case let s as PySet:
                var i = 0
                let items = s.orderedElements
                let version = s.table.version
                return .object(PyIterator(type: Builtin.setIteratorType) {
                    if s.table.version != version { throw PyError.runtime("Set changed size during iteration") }
                    guard i < items.count else { return nil }
                    defer { i += 1 }
                    return items[i]
                })
            case let v as PyDictView:
                return .object(dictIterator(v.dict, v.kind))
            case is PyIterator, is PyGenerator:
                return value
            default:
                if Self.hasUserDunders(value), let m = o.pyType.lookup("__iter__") {
                    let it = try call(m, [value])
                    if it.type.lookup("__next__") == nil && !Self.isNativeIterator(it) {
                        throw PyError.type("iter() returned non-iterator of type '\(it.typeName)'")
                    }
                    return it
                }
                if Self.hasUserDunders(value), let m = o.pyType.lookup("__getitem__") {
                    var i = 0
                    return .object(PyIterator {
                        do {
                            defer { i += 1 }
                            return try self.call(m, [value, .int(i)])
                        } catch let e as PyError where e.type.isSubtype(of: Builtin.indexError) || e.type.isSubtype(of: Builtin.stopIteration) {
                            return nil
                        }
                    })
                }
            }
        default: break
        }
        throw PyError.type("'\(value.typeName)' object is not iterable")
    }

    static func isNativeIterator(_ v: Value) -> Bool {
        if case .object(let o) = v { return o is PyIterator || o is PyGenerator }
        return false
    }

    func dictIterator(_ d: PyDict, _ kind: PyDictView.Kind) -> PyIterator {
        var position = 0
        let size = d.table.count
        // CPython's rules: a different size fails at once; the same size with other keys fails
        // once more entries were produced than the dict had when iteration began.
        var remaining = size
        return PyIterator(type: Builtin.dictKeyIteratorType) {
            if d.table.count != size {
                throw PyError.runtime("dictionary changed size during iteration")
            }
            while let slot = d.table.entry(at: position) {
                position += 1
                guard let entry = slot else { continue }
                if remaining == 0 { throw PyError.runtime("dictionary keys changed during iteration") }
                remaining -= 1
                switch kind {
                case .keys: return entry.key.value
                case .values: return entry.value
                case .items: return .tuple(PyTuple([entry.key.value, entry.value]))
                }
            }
            return nil
        }
    }

    /// The next element of an iterator object, or nil when it is exhausted.
    public func next(_ iterator: Value) throws -> Value? {
        if case .object(let o) = iterator {
            if let it = o as? PyIterator { return try it.next() }
            if let g = o as? PyGenerator { return try g.resume(self, sending: .none) }
            if let m = o.pyType.lookup("__next__") {
                do {
                    return try call(m, [iterator])
                } catch let e as PyError where e.type.isSubtype(of: Builtin.stopIteration) {
                    return nil
                }
            }
        }
        throw PyError.type("'\(iterator.typeName)' object is not an iterator")
    }

    /// Every element of an iterable, in order.
    public func collect(_ value: Value, forListExtend: Bool = false, forSliceAssignment: Bool = false) throws -> [Value] {
        switch value {
        case .list(let l): return l.items
        case .tuple(let t): return t.items
        default: break
        }
        let it: Value
        do {
            it = try iterator(value)
        } catch let e as PyError where e.type === Builtin.typeError && !Self.isBuiltinIterable(value) && value.type.lookup("__iter__") == nil {
            if forSliceAssignment { throw PyError.type("can only assign an iterable") }
            throw e
        }
        var result: [Value] = []
        while let v = try next(it) {
            result.append(v)
            if result.count & 0xFFF == 0 { try checkElements(result.count) }
            try tick()
        }
        return result
    }

    /// Calls `body` with each element of an iterable; fast for lists, tuples and ranges.
    @inline(__always)
    public func forEach(_ value: Value, _ body: (Value) throws -> Void) throws {
        switch value {
        case .list(let l):
            var i = 0
            while i < l.items.count {
                try body(l.items[i])
                i += 1
            }
        case .tuple(let t):
            for v in t.items { try body(v) }
        case .object(let o) where o is PyRange:
            let r = o as? PyRange ?? PyRange(start: 0, stop: 0, step: 1)
            let n = r.count
            var i = 0
            while i < n {
                try body(.int(r.element(i)))
                i += 1
            }
        default:
            let it = try iterator(value)
            if case .object(let o) = it, let native = o as? PyIterator {
                while let v = try native.next() { try body(v) }
                return
            }
            while let v = try next(it) { try body(v) }
        }
    }
}
