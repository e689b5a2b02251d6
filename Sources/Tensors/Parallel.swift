import Dispatch

/// Splitting work over the machine's cores.
enum Parallel {
    /// Element counts below this run on the calling thread: the hand-off costs more than it saves.
    static let threshold = 1 << 16

    /// Cores worth using, read once.
    static let cores: Int = max(1, min(ProcessInfoCores.count, 64))

    /// Calls `body` on disjoint ranges covering `0..<count`, on several threads when
    /// `count * costPerElement` is large enough to pay for it.
    @inline(__always)
    static func forEachChunk(count: Int, costPerElement: Int = 1, _ body: (Range<Int>) -> Void) {
        let work = count.multipliedReportingOverflow(by: max(costPerElement, 1))
        guard cores > 1, work.overflow || work.partialValue >= threshold, count > 1 else {
            body(0..<count)
            return
        }
        // A few chunks per core smooth out a core that is busy with another session.
        let chunks = min(count, cores * 4)
        withoutActuallyEscaping(body) { body in
            let box = UncheckedSendable(body)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let lower = count / chunks * chunk + min(chunk, count % chunks)
                let upper = lower + count / chunks + (chunk < count % chunks ? 1 : 0)
                box.value(lower..<upper)
            }
        }
    }
}

/// Wraps a value that is safe to share because every thread touches a disjoint part of it.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// The number of cores the process may run on.
enum ProcessInfoCores {
    static var count: Int {
        #if canImport(Glibc)
        let n = sysconf(Int32(_SC_NPROCESSORS_ONLN))
        return n > 0 ? Int(n) : 1
        #else
        return 1
        #endif
    }
}

#if canImport(Glibc)
import Glibc
#endif
