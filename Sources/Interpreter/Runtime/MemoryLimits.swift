#if canImport(Glibc)
import Glibc
#endif

/// Bounds on the memory one interpreter's Python objects may take, so no cell can exhaust the
/// machine and take every other session down with it (DESIGN.md §4). Exceeding one raises
/// `MemoryError` in the cell; the session stays usable with everything it held before.
///
/// Two mechanisms keep the hot paths cheap:
/// - single allocations whose size is known up front (`seq * n`, `str + str`, `join`, padding,
///   materialising an iterable) are refused when larger than `maxContainerElements` elements or
///   `maxStringBytes` bytes, before anything is allocated;
/// - growth one element at a time (appends in a loop, comprehensions, `s += s`) is caught by
///   sampling the process's allocated heap every `sampleTicks` loop iterations or calls and after
///   every `sampleBytes` of noted large allocations: the cell fails when the heap has grown by more
///   than `heapGrowthBytes` since the execution started, or when it exceeds `processHeapBytes`.
///
/// The measure is the process's resident memory, so a concurrent session's growth counts too;
/// the session that is allocating when the bound is crossed is the one that fails.
public struct MemoryLimits: Sendable, Equatable {
    /// Elements one list, tuple, dict or set may be built with in one step (16 bytes each).
    public var maxContainerElements: Int
    /// UTF-8 bytes of one str built in one step.
    public var maxStringBytes: Int
    /// Growth of the allocated heap during one execution before `MemoryError`; 0 disables.
    public var heapGrowthBytes: Int
    /// Allocated heap of the whole process before `MemoryError`; 0 disables.
    public var processHeapBytes: Int
    /// Loop iterations and calls between two heap samples (rounded to a multiple of 256).
    public var sampleTicks: Int
    /// Bytes of noted large allocations between two heap samples.
    public var sampleBytes: Int

    /// - Parameters defaults: 2^26 elements (1 GiB of element storage), 256 MiB per str, 1 GiB of
    ///   heap growth per execution, no process bound; a sample every 65,536 ticks or 64 MiB.
    public init(
        maxContainerElements: Int = 1 << 26,
        maxStringBytes: Int = 1 << 28,
        heapGrowthBytes: Int = 1 << 30,
        processHeapBytes: Int = 0,
        sampleTicks: Int = 1 << 16,
        sampleBytes: Int = 64 << 20
    ) {
        self.maxContainerElements = maxContainerElements
        self.maxStringBytes = maxStringBytes
        self.heapGrowthBytes = heapGrowthBytes
        self.processHeapBytes = processHeapBytes
        self.sampleTicks = sampleTicks
        self.sampleBytes = sampleBytes
    }

    /// The machine's physical memory in bytes (0 where unknown).
    public static func physicalMemoryBytes() -> Int {
        #if os(Linux)
        let pages = sysconf(Int32(_SC_PHYS_PAGES))
        guard pages > 0 else { return 0 }
        return pages.multipliedReportingOverflow(by: pageSize).overflow ? Int.max : pages * pageSize
        #else
        return 0
        #endif
    }

    /// `/proc/self/statm`, opened once: procfs regenerates the text on every read at offset 0,
    /// and opening it costs more than the read (a path walk), which mattered when sampling ran
    /// once per execution.
    private static let statm: Int32 = {
        #if os(Linux)
        return open("/proc/self/statm", O_RDONLY | O_CLOEXEC)
        #else
        return -1
        #endif
    }()

    /// The process's resident memory in bytes (Linux `/proc/self/statm`; 0 where unknown).
    /// Memory an execution frees stays resident for reuse, so growth past the baseline means
    /// memory the process did not have before.
    public static func allocatedHeapBytes() -> Int {
        #if os(Linux)
        let fd = statm
        guard fd >= 0 else { return 0 }
        var buffer = (0 as UInt64, 0 as UInt64, 0 as UInt64, 0 as UInt64, 0 as UInt64, 0 as UInt64, 0 as UInt64, 0 as UInt64)
        return withUnsafeMutableBytes(of: &buffer) { bytes -> Int in
            let n = pread(fd, bytes.baseAddress, bytes.count, 0)
            guard n > 0 else { return 0 }
            return residentBytes(statm: UnsafeRawBufferPointer(rebasing: bytes.prefix(n)))
        }
        #else
        return 0
        #endif
    }

    /// The second field of a statm line ("size resident shared ..."), pages converted to bytes.
    static func residentBytes(statm text: UnsafeRawBufferPointer) -> Int {
        // "size resident shared ...": the second field, in pages.
        var field = 0
        var pages = 0
        for byte in text {
            if byte == UInt8(ascii: " ") {
                field += 1
                if field > 1 { break }
            } else if field == 1, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                pages = pages &* 10 &+ Int(byte &- UInt8(ascii: "0"))
            }
        }
        return pages &* pageSize
    }

    private static let pageSize: Int = {
        #if canImport(Glibc)
        return max(1, sysconf(Int32(_SC_PAGESIZE)))
        #else
        return 4096
        #endif
    }()
}

extension Interpreter {
    /// Starts an execution's heap accounting. The baseline is taken by the execution's first
    /// sample rather than here: most cells never sample, and reading the resident size on every
    /// execution was a fifth of a short cell's time. Growth before that first sample is at most
    /// `sampleTicks` iterations' or `sampleBytes` of noted allocations' worth.
    func resetHeapAccounting() {
        heapBaseline = -1
        noteCredit = memoryLimits.sampleBytes
        sampleCountdown = max(1, memoryLimits.sampleTicks >> 8)
    }

    /// Compares the allocated heap with the bounds; throws `MemoryError` past one of them.
    func sampleHeap() throws {
        let limits = memoryLimits
        guard limits.heapGrowthBytes > 0 || limits.processHeapBytes > 0 else { return }
        let now = MemoryLimits.allocatedHeapBytes()
        if heapBaseline < 0 { heapBaseline = now }
        if limits.heapGrowthBytes > 0, now - heapBaseline > limits.heapGrowthBytes {
            throw PyError(Builtin.memoryError, args: [])
        }
        if limits.processHeapBytes > 0, now > limits.processHeapBytes {
            throw PyError(Builtin.memoryError, args: [])
        }
    }

    /// Called every 256 ticks (with the cancellation check): samples the heap every `sampleTicks`.
    @inline(__always)
    func countHeapSample() throws {
        sampleCountdown -= 1
        if sampleCountdown <= 0 {
            sampleCountdown = max(1, memoryLimits.sampleTicks >> 8)
            try sampleHeap()
        }
    }

    /// Records an allocation of about `bytes`, sampling the heap once enough has been noted.
    func noteAllocation(bytes: Int) throws {
        noteCredit &-= bytes
        if noteCredit <= 0 {
            noteCredit = memoryLimits.sampleBytes
            try sampleHeap()
        }
    }

    /// Refuses a container of `count` elements (count may be the product of a repeat).
    func checkElements(_ count: Int) throws {
        if count > memoryLimits.maxContainerElements { throw PyError(Builtin.memoryError, args: []) }
        if count >= 1 << 16 { try noteAllocation(bytes: count &* 16) }
    }

    /// Refuses a str of `bytes` UTF-8 bytes.
    func checkStringBytes(_ bytes: Int) throws {
        if bytes > memoryLimits.maxStringBytes { throw PyError(Builtin.memoryError, args: []) }
        if bytes >= 1 << 20 { try noteAllocation(bytes: bytes) }
    }

    /// `count * times` elements, or `MemoryError` when that overflows or passes the bound.
    func checkRepeat(_ count: Int, _ times: Int, string: Bool) throws {
        let (total, overflow) = count.multipliedReportingOverflow(by: times)
        if overflow { throw PyError(Builtin.memoryError, args: []) }
        if string { try checkStringBytes(total) } else { try checkElements(total) }
    }
}
