/// A hashable key with Python's equality where it needs no Python code: `1`, `1.0` and `True` are
/// one key; containers of equal keys are equal; other objects compare by identity. Keys whose
/// equality runs an `__eq__` are matched by `Interpreter.tableGet` and friends, which call it on a
/// hash collision. The hash is computed once, when the key is made (`Interpreter.dictKey`),
/// because Python hashing may run user code and fail.
public struct DictKey: Hashable {
    public let value: Value
    public let hash: Int

    public init(value: Value, hash: Int) {
        self.value = value
        self.hash = hash
    }

    /// A str key (host code and keyword arguments use these).
    public init(string: String) {
        self.value = .string(string)
        self.hash = string.hashValue
    }

    public static func == (a: DictKey, b: DictKey) -> Bool {
        a.hash == b.hash && keysEqual(a.value, b.value)
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(hash) }

    static func keysEqual(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case let (.int(x), .int(y)): return x == y
        case let (.str(x), .str(y)): return x === y || x.value == y.value
        case (.none, .none): return true
        case let (.float(x), .float(y)): return x == y
        case let (.tuple(x), .tuple(y)):
            return x.items.count == y.items.count && zip(x.items, y.items).allSatisfy { keysEqual($0, $1) }
        default:
            if let x = numericKey(a), let y = numericKey(b) { return x == y }
            if case .object(let x) = a, case .object(let y) = b {
                if x === y { return true }
                if let bx = x as? PyBigInt, let by = y as? PyBigInt { return bx.value == by.value }
                if let rx = RangeBounds(x), let ry = RangeBounds(y) { return rx.sameElements(ry) }
                if let sx = x as? PySet, let sy = y as? PySet, sx.isFrozen, sy.isFrozen {
                    return sx.table.count == sy.table.count && sx.table.keys.allSatisfy { sy.table.contains($0) }
                }
            }
            return false
        }
    }

    private static func numericKey(_ v: Value) -> Double? {
        switch v {
        case .int(let i): return Double(i)
        case .bool(let b): return b ? 1 : 0
        case .float(let f): return f
        default: return nil
        }
    }
}

/// An insertion-ordered hash table of keys with values: the storage of dict and set.
public struct OrderedTable {
    private var index: [DictKey: Int] = [:]
    private var entries: [(key: DictKey, value: Value)?] = []
    /// Positions by hash, for the lookups that compare with `__eq__`. Built on first need and kept
    /// up to date by appends; operations that move or reuse positions drop it. Removed positions
    /// stay listed (their entries are nil) until then.
    private var positionsByHash: [Int: [Int]]?
    /// True once a key whose equality may run Python code was stored: a lookup that misses by
    /// identity must then look for an equal key among those with its hash.
    public private(set) var hasPythonKeys = false
    public private(set) var count = 0
    /// Bumped on every insertion or removal of a key, so iterators detect size changes.
    public private(set) var version = 0

    public init() {}

    public func get(_ key: DictKey) -> Value? {
        guard let position = index[key] else { return nil }
        return entries[position]?.value
    }

    public func contains(_ key: DictKey) -> Bool { index[key] != nil }

    /// Inserts or replaces; a replaced key keeps its position (and its original key object).
    public mutating func set(_ key: DictKey, _ value: Value) {
        if let position = index[key] {
            entries[position]?.value = value
        } else {
            if !hasPythonKeys && key.needsPythonEquality { hasPythonKeys = true }
            positionsByHash?[key.hash, default: []].append(entries.count)
            index[key] = entries.count
            entries.append((key, value))
            count += 1
            version &+= 1
        }
    }

    /// The position of a key equal to `key` without running Python code (identity for objects).
    func position(of key: DictKey) -> Int? { index[key] }

    /// The key stored at a raw position, or nil when it was removed or is out of range.
    func key(at position: Int) -> DictKey? {
        position >= 0 && position < entries.count ? entries[position]?.key : nil
    }

    /// The value stored at a raw position, or nil when it was removed or is out of range.
    func value(at position: Int) -> Value? {
        position >= 0 && position < entries.count ? entries[position]?.value : nil
    }

    /// Replaces the value at a live position (its key stays).
    mutating func setValue(at position: Int, _ value: Value) {
        guard position >= 0, position < entries.count, entries[position] != nil else { return }
        entries[position]?.value = value
    }

    /// Removes the entry at a live position and returns its value.
    mutating func remove(at position: Int) -> Value? {
        guard position >= 0, position < entries.count, let entry = entries[position] else { return nil }
        if index[entry.key] == position { index.removeValue(forKey: entry.key) }
        entries[position] = nil
        count -= 1
        version &+= 1
        if entries.count > 16 && count * 2 < entries.count { compact() }
        return entry.value
    }

    /// Positions (live or removed) of the keys stored with `hash`, in insertion order.
    mutating func positions(withHash hash: Int) -> [Int] {
        if let positionsByHash { return positionsByHash[hash] ?? [] }
        var built: [Int: [Int]] = [:]
        for (position, entry) in entries.enumerated() {
            if let entry { built[entry.key.hash, default: []].append(position) }
        }
        positionsByHash = built
        return built[hash] ?? []
    }

    @discardableResult
    public mutating func remove(_ key: DictKey) -> Value? {
        guard let position = index.removeValue(forKey: key) else { return nil }
        let old = entries[position]?.value
        entries[position] = nil
        count -= 1
        version &+= 1
        if entries.count > 16 && count * 2 < entries.count { compact() }
        return old
    }

    public mutating func removeAll() {
        index.removeAll()
        entries.removeAll()
        positionsByHash = nil
        hasPythonKeys = false
        count = 0
        version &+= 1
    }

    /// Removes and returns the last inserted entry.
    public mutating func popLast() -> (key: DictKey, value: Value)? {
        while let last = entries.last {
            entries.removeLast()
            positionsByHash = nil
            if let entry = last {
                index.removeValue(forKey: entry.key)
                count -= 1
                version &+= 1
                return entry
            }
        }
        return nil
    }

    private mutating func compact() {
        positionsByHash = nil
        entries = entries.compactMap { $0 }.map { Optional($0) }
        index.removeAll(keepingCapacity: true)
        for (position, entry) in entries.enumerated() {
            if let entry { index[entry.key] = position }
        }
    }

    /// Keys in insertion order.
    public var keys: [DictKey] { entries.compactMap { $0?.key } }
    /// Values in insertion order.
    public var values: [Value] { entries.compactMap { $0?.value } }
    /// Entries in insertion order.
    public var items: [(key: DictKey, value: Value)] { entries.compactMap { $0 } }

    /// The live entry at a raw position (positions include removed slots), for iterators.
    func entry(at position: Int) -> (key: DictKey, value: Value)?? {
        position < entries.count ? .some(entries[position]) : .none
    }
}

/// A Python dict (insertion ordered).
public final class PyDict: PyObject {
    @exclusivity(unchecked) public var table = OrderedTable()

    public override init() {}

    deinit {
        guard table.count > 0 else { return }
        var values = table.items.flatMap { [$0.key.value, $0.value] }
        table.removeAll()
        Trashcan.dispose(&values)
    }

    public override var pyType: PyType { Builtin.dictType }

    public var count: Int { table.count }

    /// Value for a str key (for host code and keyword arguments).
    public subscript(string key: String) -> Value? {
        get { table.get(DictKey(string: key)) }
        set {
            if let newValue { table.set(DictKey(string: key), newValue) } else { table.remove(DictKey(string: key)) }
        }
    }
}

/// A Python set or frozenset.
public final class PySet: PyObject {
    @exclusivity(unchecked) public var table = OrderedTable()
    public let isFrozen: Bool

    public init(frozen: Bool = false) { isFrozen = frozen }

    public override var pyType: PyType { isFrozen ? Builtin.frozensetType : Builtin.setType }

    /// Elements in CPython's iteration order where it is predictable (ints: the slot order of
    /// CPython's open-addressing table), else insertion order.
    public var orderedElements: [Value] {
        let keys = table.keys
        guard keys.count > 1, keys.allSatisfy({ if case .int = $0.value { return true }; return false }) else {
            return keys.map(\.value)
        }
        return PySet.cpythonOrder(keys.map(\.hash)).map { keys[$0].value }
    }

    /// Replays CPython's `set_add_entry` and `set_table_resize` for the given hashes inserted in
    /// order, returning the positions of the inputs in table order.
    static func cpythonOrder(_ hashes: [Int]) -> [Int] {
        var mask = 7
        var table = [Int](repeating: -1, count: 8)
        var fill = 0
        func insert(_ item: Int, into table: inout [Int], mask: Int) {
            let hash = UInt(bitPattern: hashes[item])
            var perturb = hash
            var i = Int(hash & UInt(mask))
            while true {
                let probes = i + 9 <= mask ? 9 : 0
                var j = i
                for _ in 0...probes {
                    if table[j] < 0 {
                        table[j] = item
                        return
                    }
                    j += 1
                }
                perturb >>= 5
                i = Int((UInt(i) &* 5 &+ 1 &+ perturb) & UInt(mask))
            }
        }
        for item in hashes.indices {
            insert(item, into: &table, mask: mask)
            fill += 1
            if fill * 5 >= mask * 3 {
                let used = fill
                let minUsed = used > 50000 ? used * 2 : used * 4
                var size = 8
                while size <= minUsed { size <<= 1 }
                var fresh = [Int](repeating: -1, count: size)
                for old in table where old >= 0 { insert(old, into: &fresh, mask: size - 1) }
                table = fresh
                mask = size - 1
            }
        }
        return table.filter { $0 >= 0 }
    }
}
