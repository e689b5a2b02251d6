#if canImport(Glibc)
import Glibc

/// glibc's `mallopt` (declared in malloc.h, which the Glibc module leaves out).
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif

/// How the process's allocator treats large freed blocks (config key `malloc_retain_bytes`).
public enum AllocatorTuning {
    /// Keeps freed large blocks in the heap for reuse instead of returning each to the kernel.
    ///
    /// glibc serves every block over its mmap threshold (at most 32 MiB) with its own `mmap` and
    /// unmaps it on `free`, so each fresh 64 MiB tensor result pays for faulting in and zeroing
    /// 16K pages (about 7 ms here). With mmap off, large blocks come from the heap and are reused;
    /// free memory at the top of the main heap is still handed back once it exceeds `bytes`
    /// (capped at 2 GiB, glibc's limit). Per-thread arenas (up to 64 MiB heaps each) may keep
    /// their free space too, so the process can hold more than `bytes` beyond its live data.
    ///
    /// - Parameter bytes: the trim threshold; 0 leaves glibc's defaults alone.
    /// - Returns: whether the allocator took the settings (always `false` off glibc or for 0).
    @discardableResult
    public static func retainFreedMemory(upTo bytes: Int) -> Bool {
        #if canImport(Glibc)
        guard bytes > 0 else { return false }
        let trimThreshold: Int32 = -1
        let mmapMax: Int32 = -4
        return glibcMallopt(mmapMax, 0) == 1 && glibcMallopt(trimThreshold, Int32(clamping: bytes)) == 1
        #else
        return false
        #endif
    }
}
