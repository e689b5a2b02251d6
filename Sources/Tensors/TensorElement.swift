/// A Swift type that can be a tensor's element: the bridge between `TensorStorage`'s cases
/// and generic kernels.
protocol TensorElement: Sendable, Equatable {
    static var dtype: DType { get }
    /// Wraps elements of this type in the storage case that holds them.
    static func storage(_ elements: [Self]) -> TensorStorage
    static var zero: Self { get }
    static var one: Self { get }
    /// The element converted to `Double` (bool: 0 or 1).
    var doubleValue: Double { get }
}

extension Bool: TensorElement {
    static var dtype: DType { .bool }
    static func storage(_ elements: [Bool]) -> TensorStorage { .bool(elements) }
    static var zero: Bool { false }
    static var one: Bool { true }
    var doubleValue: Double { self ? 1 : 0 }
}

extension Int32: TensorElement {
    static var dtype: DType { .int32 }
    static var one: Int32 { 1 }
    static func storage(_ elements: [Int32]) -> TensorStorage { .int32(elements) }
    var doubleValue: Double { Double(self) }
}

extension Int64: TensorElement {
    static var dtype: DType { .int64 }
    static var one: Int64 { 1 }
    static func storage(_ elements: [Int64]) -> TensorStorage { .int64(elements) }
    var doubleValue: Double { Double(self) }
}

extension Float: TensorElement {
    static var dtype: DType { .float32 }
    static var one: Float { 1 }
    static func storage(_ elements: [Float]) -> TensorStorage { .float32(elements) }
    var doubleValue: Double { Double(self) }
}

extension Double: TensorElement {
    static var dtype: DType { .float64 }
    static var one: Double { 1 }
    static func storage(_ elements: [Double]) -> TensorStorage { .float64(elements) }
    var doubleValue: Double { self }
}

/// Makes an array of `count` elements by letting `body` write every one of them.
///
/// Avoids initialising memory that the kernel overwrites anyway. Large arrays come from
/// `ElementBufferPool.shared`, so `body` may find old elements there: it must write them all.
@inline(__always)
func makeArray<T>(count: Int, _ body: (UnsafeMutableBufferPointer<T>) -> Void) -> [T] {
    guard ElementBufferPool.isPoolable(T.self, count: count) else {
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            body(buffer)
            initialized = count
        }
    }
    return ElementBufferPool.shared.makeArray(count: count, body)
}

extension TensorStorage {
    /// The elements, when they are of type `T` (without copying them).
    func elements<T: TensorElement>(_: T.Type) -> [T]? {
        guard dtype == T.dtype else { return nil }
        switch self {
        case .bool(let a): return unsafeBitCast(a, to: [T].self)
        case .int32(let a): return unsafeBitCast(a, to: [T].self)
        case .int64(let a): return unsafeBitCast(a, to: [T].self)
        case .float32(let a): return unsafeBitCast(a, to: [T].self)
        case .float64(let a): return unsafeBitCast(a, to: [T].self)
        }
    }
}

/// Asks the kernel to back a large, not yet touched buffer with huge pages, as numpy does:
/// writing a fresh 64 MB result otherwise spends most of its time in page faults.
@inline(__always)
func adviseHugePages<T>(_ buffer: UnsafeMutableBufferPointer<T>) {
    #if os(Linux)
    let bytes = buffer.count &* MemoryLayout<T>.stride
    guard bytes >= 1 << 22, let base = buffer.baseAddress else { return }
    let page = 4096
    let start = (Int(bitPattern: base) &+ page &- 1) & ~(page &- 1)
    let end = (Int(bitPattern: base) &+ bytes) & ~(page &- 1)
    guard end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) else { return }
    _ = madvise(pointer, end &- start, MADV_HUGEPAGE)
    #endif
}

#if canImport(Glibc)
import Glibc
#endif
