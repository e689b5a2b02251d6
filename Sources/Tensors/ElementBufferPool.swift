import Dispatch
import Synchronization

/// A process-wide pool of large element arrays, so a session that makes the same big results
/// again and again writes into memory that is already mapped rather than into fresh pages the
/// kernel must fault in and zero (about 3 ms per 64 MB on this machine; glibc gives every
/// block over 32 MB its own mapping and unmaps it on free, whatever `mallopt` says, on the
/// per-thread arenas sessions use).
///
/// Element buffers are Swift arrays, which free their memory themselves when the last
/// reference goes; nothing tells the pool when that happens. So the pool keeps a reference to
/// each large array it hands out and counts one as free once that reference is the only one
/// left (what `isKnownUniquelyReferenced` asks of a class reference): no tensor, copy or slice can still see it then, and no
/// one can gain a new reference except from the pool, under its lock. A free array is only
/// handed out again for the same element type and count, so nothing is wasted on slack.
///
/// Bounds:
/// - The arrays the pool references, free or in use, never add up to more than `capacity`
///   bytes. To take in a new one it first lets go of free arrays (their memory goes back to
///   the system), then of the arrays handed out longest ago (they are freed as usual when
///   their tensors go).
/// - An array not handed out for `idleLimit` is let go of by a sweep that runs while the pool
///   holds anything, so an idle server returns its memory within about 1.5 × `idleLimit`.
///
/// Sessions' live-tensor budgets are unaffected: they count tensors, and a free pooled array
/// belongs to none.
public final class ElementBufferPool: Sendable {
    /// The pool every tensor kernel draws its large results from.
    public static let shared = ElementBufferPool(capacity: defaultCapacity, idleLimit: .seconds(2), sweepsAutomatically: true)

    /// Arrays smaller than this are left to malloc, which keeps small blocks mapped anyway.
    public static let minimumBytes = 1 << 20

    /// A sixteenth of physical memory, at least 256 MiB and at most 1 GiB: room for a few
    /// 64 MB results per session without letting an idle server sit on much.
    public static var defaultCapacity: Int {
        min(max(physicalMemoryBytes / 16, 256 << 20), 1 << 30)
    }

    private struct Entry {
        let storage: any PooledArray
        let element: ObjectIdentifier
        let count: Int
        let bytes: Int
        var handedOut: UInt64 = 0
    }

    private struct State {
        /// In the order they were handed out, oldest first.
        var entries: [Entry] = []
        var bytes = 0
        var capacity: Int
        var sweepScheduled = false
    }

    private let state: Mutex<State>
    private let idleNanoseconds: UInt64
    private let sweepsAutomatically: Bool

    /// - Parameters:
    ///   - capacity: the most bytes of arrays the pool references at once.
    ///   - idleLimit: how long an array may go without being handed out before the pool lets go.
    ///   - sweepsAutomatically: whether a background sweep applies `idleLimit`; without it only
    ///     `sweep(now:)` does.
    public init(capacity: Int, idleLimit: Duration = .seconds(2), sweepsAutomatically: Bool = false) {
        state = Mutex(State(capacity: max(capacity, 0)))
        let (seconds, attoseconds) = idleLimit.components
        let whole = UInt64(clamping: seconds).multipliedReportingOverflow(by: 1_000_000_000)
        idleNanoseconds = whole.overflow ? .max : whole.partialValue &+ UInt64(clamping: attoseconds / 1_000_000_000)
        self.sweepsAutomatically = sweepsAutomatically
    }

    /// The most bytes of arrays the pool references at once; lowering it lets go of arrays
    /// until the pool fits.
    public var capacity: Int {
        get { state.withLock { $0.capacity } }
        set {
            update { state, released in
                state.capacity = max(newValue, 0)
                Self.makeRoom(for: 0, in: &state, released: &released)
            }
        }
    }

    /// Bytes of the arrays the pool references, free or still held by tensors.
    public var retainedBytes: Int { state.withLock { $0.bytes } }

    /// Bytes of the arrays only the pool holds: memory no tensor uses, kept for reuse.
    public var freeBytes: Int {
        state.withLock { state in
            var free = 0
            for i in state.entries.indices where state.entries[i].storage.isUnique { free &+= state.entries[i].bytes }
            return free
        }
    }

    /// Lets go of every free array now, returning its memory to the system.
    public func trim() {
        update { state, released in
            var i = 0
            while i < state.entries.count {
                if state.entries[i].storage.isUnique {
                    state.bytes &-= state.entries[i].bytes
                    released.append(state.entries.remove(at: i).storage)
                } else {
                    i &+= 1
                }
            }
        }
    }

    /// Lets go of every array last handed out more than the idle limit before `now`
    /// (nanoseconds of `DispatchTime.uptimeNanoseconds`).
    /// - Returns: whether the pool still references any array.
    @discardableResult
    public func sweep(now: UInt64) -> Bool {
        update { state, released in
            Self.releaseIdle(before: now, idle: idleNanoseconds, in: &state, released: &released)
        }
    }

    /// An array of `count` elements, every one of which `body` initialises: a free pooled
    /// array of that type and count when there is one, else a new one the pool then tracks.
    func makeArray<T>(count: Int, _ body: (UnsafeMutableBufferPointer<T>) -> Void) -> [T] {
        guard Self.isPoolable(T.self, count: count) else { return Self.newArray(count: count, body) }
        let array: [T]
        if var reused = take(T.self, count: count) {
            // The pool's reference is gone and it was the last other one: this writes in place.
            reused.withUnsafeMutableBufferPointer { body($0) }
            array = reused
        } else {
            array = Self.newArray(count: count, body)
        }
        track(array)
        return array
    }

    /// Stops tracking `array`, so that its holder can write into it in place (the pool's
    /// reference would make copy-on-write copy it). `track` it again afterwards.
    func forget<T>(_ array: [T]) {
        guard Self.isPoolable(T.self, count: array.count) else { return }
        let target = array.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
        update { state, released in
            guard let i = state.entries.firstIndex(where: { $0.storage.address == target }) else { return }
            state.bytes &-= state.entries[i].bytes
            released.append(state.entries.remove(at: i).storage)
        }
    }

    /// Tracks `array` (handed out now) so that it can be reused once nothing else holds it.
    func track<T>(_ array: [T]) {
        let count = array.count
        guard Self.isPoolable(T.self, count: count) else { return }
        let bytes = count &* MemoryLayout<T>.stride
        var entry = Entry(storage: Pooled(array), element: ObjectIdentifier(T.self), count: count, bytes: bytes)
        let startSweeping = update { state, released in
            guard bytes <= state.capacity else { return false }
            Self.makeRoom(for: bytes, in: &state, released: &released)
            // Stamped under the lock, so the entries stay in hand-out order.
            entry.handedOut = DispatchTime.now().uptimeNanoseconds
            state.entries.append(entry)
            state.bytes &+= bytes
            guard sweepsAutomatically, !state.sweepScheduled else { return false }
            state.sweepScheduled = true
            return true
        }
        if startSweeping { scheduleSweep() }
    }

    /// A free array of `count` elements of `T`, no longer tracked, or nil.
    private func take<T>(_: T.Type, count: Int) -> [T]? {
        let element = ObjectIdentifier(T.self)
        let found = state.withLock { state -> (any PooledArray)? in
            // The most recently handed out first: its pages are the likeliest to be in cache.
            for i in state.entries.indices.reversed() where state.entries[i].element == element && state.entries[i].count == count {
                guard state.entries[i].storage.isUnique else { continue }
                state.bytes &-= state.entries[i].bytes
                return state.entries.remove(at: i).storage
            }
            return nil
        }
        // Whatever the last other holder did to the elements happens before the new owner writes.
        atomicMemoryFence(ordering: .acquiring)
        return (found as? Pooled<T>)?.takeArray()
    }

    private func scheduleSweep() {
        let interval = min(idleNanoseconds / 2, 60_000_000_000)
        DispatchQueue.global(qos: .utility).asyncAfter(deadline: .now() + .nanoseconds(Int(max(interval, 1_000_000)))) { [self] in
            let again = update { state, released in
                let remaining = Self.releaseIdle(before: DispatchTime.now().uptimeNanoseconds, idle: idleNanoseconds,
                                                 in: &state, released: &released)
                state.sweepScheduled = remaining
                return remaining
            }
            if again { scheduleSweep() }
        }
    }

    /// - Returns: whether arrays remain.
    private static func releaseIdle(before now: UInt64, idle: UInt64, in state: inout State, released: inout [any PooledArray]) -> Bool {
        // Entries are in hand-out order, so the idle ones lead.
        while let first = state.entries.first, now >= first.handedOut, now &- first.handedOut > idle {
            state.bytes &-= first.bytes
            released.append(state.entries.removeFirst().storage)
        }
        return !state.entries.isEmpty
    }

    /// Lets go of arrays until `bytes` more fit: free ones first, then those handed out longest ago.
    private static func makeRoom(for bytes: Int, in state: inout State, released: inout [any PooledArray]) {
        var i = 0
        while state.bytes &+ bytes > state.capacity, i < state.entries.count {
            if state.entries[i].storage.isUnique {
                state.bytes &-= state.entries[i].bytes
                released.append(state.entries.remove(at: i).storage)
            } else {
                i &+= 1
            }
        }
        while state.bytes &+ bytes > state.capacity, !state.entries.isEmpty {
            state.bytes &-= state.entries[0].bytes
            released.append(state.entries.removeFirst().storage)
        }
    }

    /// Runs `body` under the lock. The arrays it lets go of (appended to its second argument)
    /// are freed after the lock is released: unmapping 64 MB takes a while.
    private func update<Result: Sendable>(_ body: (inout State, inout [any PooledArray]) -> Result) -> Result {
        var released: [any PooledArray] = []
        let result = state.withLock { state in body(&state, &released) }
        released.removeAll()
        return result
    }

    /// Only arrays of trivial elements are reused (a kernel overwrites them without destroying
    /// the old elements), and only those at least `minimumBytes` long.
    static func isPoolable<T>(_: T.Type, count: Int) -> Bool {
        let bytes = count.multipliedReportingOverflow(by: MemoryLayout<T>.stride)
        return _isPOD(T.self) && MemoryLayout<[T]>.size == MemoryLayout<AnyObject>.size
            && !bytes.overflow && bytes.partialValue >= minimumBytes
    }

    private static func newArray<T>(count: Int, _ body: (UnsafeMutableBufferPointer<T>) -> Void) -> [T] {
        [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            adviseHugePages(buffer)
            body(buffer)
            initialized = count
        }
    }
}

/// One pooled array, boxed so that arrays of every element type share one list.
///
/// Unchecked `Sendable`: the pool touches a box only under its lock, and hands the array out
/// only when the box's reference is the last one.
private protocol PooledArray: AnyObject, Sendable {
    /// Whether the box holds the array's only reference.
    var isUnique: Bool { get }
    /// The first element's address: the array's identity while it lives.
    var address: UnsafeRawPointer? { get }
}

private final class Pooled<T>: PooledArray, @unchecked Sendable {
    var array: [T]

    init(_ array: [T]) {
        self.array = array
    }

    var isUnique: Bool {
        // What `isKnownUniquelyReferenced` asks of a class reference, asked of the array's storage
        // (arrays of trivial elements are one native reference, which `isPoolable` relies on too).
        _isUnique_native(&array)
    }

    var address: UnsafeRawPointer? {
        array.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
    }

    /// The array, leaving the box without a reference to it.
    func takeArray() -> [T] {
        var taken: [T] = []
        swap(&taken, &array)
        return taken
    }
}

/// Physical memory in bytes (1 GiB when the system does not say).
private var physicalMemoryBytes: Int {
    #if canImport(Glibc)
    let pages = sysconf(Int32(_SC_PHYS_PAGES))
    let size = sysconf(Int32(_SC_PAGESIZE))
    guard pages > 0, size > 0 else { return 1 << 30 }
    let bytes = pages.multipliedReportingOverflow(by: size)
    return bytes.overflow ? .max : bytes.partialValue
    #else
    return 1 << 30
    #endif
}

#if canImport(Glibc)
import Glibc
#endif
