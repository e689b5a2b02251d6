#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Frees deeply nested containers without deep native recursion (CPython's "trashcan"): past a
/// small depth, a dying container's elements are parked on a per-thread list and released by the
/// outermost deinit in a loop, so `x = [x]` nested a million times frees on any stack.
enum Trashcan {
    final class State {
        var depth = 0
        var pending: [[Value]] = []
    }

    static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { pointer in
            if let pointer { Unmanaged<State>.fromOpaque(pointer).release() }
        }
        return key
    }()

    static var state: State {
        if let pointer = pthread_getspecific(key) { return Unmanaged<State>.fromOpaque(pointer).takeUnretainedValue() }
        let made = State()
        pthread_setspecific(key, Unmanaged.passRetained(made).toOpaque())
        return made
    }

    /// Releases `items` (taking them out of the dying container), deferring when nested deeply.
    static func dispose(_ items: inout [Value]) {
        guard !items.isEmpty else { return }
        let s = state
        if s.depth > 40 {
            s.pending.append(items)
            items = []
            return
        }
        s.depth += 1
        items = []
        s.depth -= 1
        if s.depth == 0 {
            while !s.pending.isEmpty {
                var next = s.pending.removeLast()
                s.depth += 1
                next = []
                s.depth -= 1
                _ = next
            }
        }
    }
}
