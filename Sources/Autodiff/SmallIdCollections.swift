/// A set of tensor ids that stays a short array while small.
///
/// Tapes and backward walks usually hold a handful of ids; scanning a few words beats hashing
/// them and allocating hash tables on every op and every `gradient()` call. Past `linearLimit`
/// ids it moves to a hashed `Set`, so large tapes keep constant-time lookups.
struct IdSet {
    private static let linearLimit = 24
    private var small: [Int] = []
    private var hashed: Set<Int>?

    init() {}

    init<S: Sequence<Int>>(_ ids: S) {
        for id in ids { insert(id) }
    }

    var isEmpty: Bool { hashed?.isEmpty ?? small.isEmpty }

    @inline(__always)
    func contains(_ id: Int) -> Bool {
        if let hashed { return hashed.contains(id) }
        for member in small where member == id { return true }
        return false
    }

    /// Adds `id`; true when it was not already a member.
    @discardableResult
    mutating func insert(_ id: Int) -> Bool {
        if hashed != nil { return hashed?.insert(id).inserted ?? false }
        if contains(id) { return false }
        if small.count < Self.linearLimit {
            small.append(id)
        } else {
            var set = Set(small)
            set.insert(id)
            hashed = set
            small = []
        }
        return true
    }

    mutating func removeAll() {
        small.removeAll()
        hashed = nil
    }
}

/// The gradient summed so far for each tensor id of a backward walk, a short array of pairs
/// while small (see `IdSet`), a dictionary when large.
struct GradientTable {
    private static let linearLimit = 24
    private var ids: [Int] = []
    private var values: [TrackedTensor?] = []
    private var hashed: [Int: TrackedTensor]?

    @inline(__always)
    private func position(_ id: Int) -> Int? {
        for i in ids.indices where ids[i] == id { return i }
        return nil
    }

    subscript(id: Int) -> TrackedTensor? {
        get {
            if let hashed { return hashed[id] }
            guard let i = position(id) else { return nil }
            return values[i]
        }
        set {
            if hashed != nil {
                hashed?[id] = newValue
            } else if let i = position(id) {
                values[i] = newValue
            } else if let newValue {
                if ids.count < Self.linearLimit {
                    ids.append(id)
                    values.append(newValue)
                } else {
                    var table: [Int: TrackedTensor] = [:]
                    for (key, value) in zip(ids, values) { table[key] = value }
                    table[id] = newValue
                    hashed = table
                    ids = []
                    values = []
                }
            }
        }
    }

    /// Takes the gradient of `id` out of the table.
    mutating func removeValue(forKey id: Int) -> TrackedTensor? {
        let value = self[id]
        if value != nil { self[id] = nil }
        return value
    }
}
