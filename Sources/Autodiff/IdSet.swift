/// A set of tensor ids that stays a short array while small.
///
/// Tapes usually watch a handful of ids; scanning a few words beats hashing
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
            if small.isEmpty { small.reserveCapacity(Self.linearLimit) }
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
