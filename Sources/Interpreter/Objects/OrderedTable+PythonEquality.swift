/// A dict or set: the owner of an `OrderedTable`. Lookups that run `__eq__` re-read the table
/// from its owner after every call, because that code may change it.
public protocol TableOwner: AnyObject {
    var table: OrderedTable { get set }
}

extension PyDict: TableOwner {}
extension PySet: TableOwner {}

extension DictKey {
    /// True when comparing this key with another may run Python code (an `__eq__` of a cell class
    /// or host type, also inside a tuple or frozenset), so identity can't decide inequality.
    var needsPythonEquality: Bool { Self.needsPythonEquality(value) }

    static func needsPythonEquality(_ value: Value) -> Bool {
        switch value {
        case .none, .bool, .int, .float, .str, .list, .dict: return false
        case .tuple(let t): return t.items.contains { needsPythonEquality($0) }
        case .object(let o):
            if let s = o as? PySet { return s.table.hasPythonKeys }
            guard Interpreter.hasUserDunders(value), let eq = o.pyType.lookup("__eq__") else { return false }
            if case .object(let method) = eq, case .object(let identity)? = Builtin.objectType.dict["__eq__"] {
                return method !== identity
            }
            return true
        }
    }
}

extension Interpreter {
    /// `owner[key]` for a dict or set table: the stored value, or nil when no key is equal.
    /// Keys of builtin types are found with one hash lookup; an `__eq__` runs only where CPython
    /// runs it (a stored key with the same hash that is not the same object).
    /// - Throws: what `__eq__` raises.
    @inline(__always)
    public func tableGet<T: TableOwner>(_ owner: T, _ key: DictKey) throws -> Value? {
        if let v = owner.table.get(key) { return v }
        guard owner.table.hasPythonKeys || key.needsPythonEquality,
              let position = try pythonEqualPosition(owner, key) else { return nil }
        return owner.table.value(at: position)
    }

    /// `key in owner`.
    @inline(__always)
    public func tableContains<T: TableOwner>(_ owner: T, _ key: DictKey) throws -> Bool {
        if owner.table.contains(key) { return true }
        guard owner.table.hasPythonKeys || key.needsPythonEquality else { return false }
        return try pythonEqualPosition(owner, key) != nil
    }

    /// `owner[key] = value`: an equal stored key keeps its place and its original key object.
    @inline(__always)
    public func tableSet<T: TableOwner>(_ owner: T, _ key: DictKey, _ value: Value) throws {
        if !owner.table.hasPythonKeys && !key.needsPythonEquality {
            owner.table.set(key, value)
            return
        }
        if let position = try owner.table.position(of: key) ?? pythonEqualPosition(owner, key) {
            owner.table.setValue(at: position, value)
        } else {
            owner.table.set(key, value)
        }
    }

    /// Removes the key equal to `key` and returns its value, or nil when there is none.
    @discardableResult
    public func tableRemove<T: TableOwner>(_ owner: T, _ key: DictKey) throws -> Value? {
        if !owner.table.hasPythonKeys && !key.needsPythonEquality { return owner.table.remove(key) }
        guard let position = try owner.table.position(of: key) ?? pythonEqualPosition(owner, key) else { return nil }
        return owner.table.remove(at: position)
    }

    /// True when every key of `subset` has an equal key in `superset`.
    func tableKeysAll<T: TableOwner, U: TableOwner>(of subset: T, in superset: U) throws -> Bool {
        for key in subset.table.keys where try !tableContains(superset, key) { return false }
        return true
    }

    /// Set comparison as CPython's `set_richcompare` does it: sizes first, then one containment
    /// test per element of the smaller side (so `__eq__` runs as often as there).
    func setCompare(_ op: CompareOperator, _ x: PySet, _ y: PySet) throws -> Bool? {
        let (nx, ny) = (x.table.count, y.table.count)
        switch op {
        case .equal: return try nx == ny && tableKeysAll(of: x, in: y)
        case .notEqual: return try !(nx == ny && tableKeysAll(of: x, in: y))
        case .lessEqual: return try nx <= ny && tableKeysAll(of: x, in: y)
        case .less: return try nx < ny && tableKeysAll(of: x, in: y)
        case .greaterEqual: return try nx >= ny && tableKeysAll(of: y, in: x)
        case .greater: return try nx > ny && tableKeysAll(of: y, in: x)
        default: return nil
        }
    }

    /// CPython's `dictkeys_generic_lookup`: compares `key` with each stored key of the same hash,
    /// in insertion order, stored key first (`stored == key`). When the comparison changed the
    /// entry it looked at, the search starts again, as CPython's does.
    func pythonEqualPosition<T: TableOwner>(_ owner: T, _ key: DictKey) throws -> Int? {
        try enterNative("in comparison")
        defer { leaveNative() }
        search: while true {
            for position in owner.table.positions(withHash: key.hash) {
                guard let stored = owner.table.key(at: position), stored.hash == key.hash else { continue }
                if DictKey.keysEqual(stored.value, key.value) { return position }
                let equal = try equals(stored.value, key.value)
                guard let now = owner.table.key(at: position), now.value.isIdentical(to: stored.value) else { continue search }
                if equal { return position }
            }
            return nil
        }
    }
}
