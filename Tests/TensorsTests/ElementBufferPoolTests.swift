import Dispatch
import Synchronization
import Testing
@testable import Tensors

/// 1 MiB of float32: the smallest array the pool takes.
private let poolCount = ElementBufferPool.minimumBytes / 4
private let mebibyte = 1 << 20

private func address<T>(_ array: [T]) -> UInt {
    array.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
}

private func filled(_ pool: ElementBufferPool, _ count: Int = poolCount, with value: Float) -> [Float] {
    pool.makeArray(count: count) { (out: UnsafeMutableBufferPointer<Float>) in out.initialize(repeating: value) }
}

/// Every 4096th element and the last one, which is enough to catch a buffer written by someone else.
private func holds(_ array: [Float], only value: Float) -> Bool {
    guard let last = array.last, last == value else { return array.isEmpty }
    return stride(from: 0, to: array.count, by: 4096).allSatisfy { array[$0] == value }
}

/// The object holding an array's elements, to watch through a weak reference whether it is freed.
private func storageObject(_ array: [Float]) -> AnyObject {
    unsafeBitCast(array, to: AnyObject.self)
}

private func storageAddress(_ tensor: Tensor) -> UInt {
    guard case .float32(let elements) = tensor.storage else { return 0 }
    return address(elements)
}

@Suite struct ElementBufferPoolTests {
    @Test func freedArrayIsHandedOutAgain() {
        let pool = ElementBufferPool(capacity: 64 * mebibyte)
        var first: [Float]? = filled(pool, with: 1)
        let firstAddress = first.map(address) ?? 0
        #expect(pool.freeBytes == 0)
        first = nil
        #expect(pool.freeBytes == 4 * poolCount)
        let second = filled(pool, with: 2)
        #expect(address(second) == firstAddress)
        #expect(holds(second, only: 2))
        #expect(pool.freeBytes == 0 && pool.retainedBytes == 4 * poolCount)
    }

    @Test func onlyTheSameTypeAndCountIsReused() {
        let pool = ElementBufferPool(capacity: 64 * mebibyte)
        var first: [Float]? = filled(pool, with: 1)
        let firstAddress = first.map(address) ?? 0
        first = nil
        let longer = filled(pool, poolCount + 8, with: 2)
        let otherType = pool.makeArray(count: poolCount) { (out: UnsafeMutableBufferPointer<Int32>) in out.initialize(repeating: 3) }
        #expect(address(longer) != firstAddress && address(otherType) != firstAddress)
        #expect(pool.freeBytes == 4 * poolCount)
    }

    @Test func smallArraysAreLeftAlone() {
        let pool = ElementBufferPool(capacity: 64 * mebibyte)
        let small = filled(pool, poolCount - 1, with: 1)
        #expect(small.count == poolCount - 1 && pool.retainedBytes == 0)
    }

    @Test func anArrayStillHeldIsNeverHandedOut() {
        let pool = ElementBufferPool(capacity: 64 * mebibyte)
        var first: [Float]? = filled(pool, with: 1)
        let copy = first
        first = nil
        let second = filled(pool, with: 2)
        #expect(address(second) != copy.map(address))
        #expect(copy.map { holds($0, only: 1) } == true)
        #expect(holds(second, only: 2))
    }

    @Test func tensorsNeverShareAPooledBuffer() throws {
        // An element count no other test uses, so the shared pool's other users cannot interfere.
        let count = (1 << 18) + 24
        let x = try Tensor.filled(shape: [count], value: 3, dtype: .float32)
        var kept: Tensor? = try x.unary(.negate)
        let keptAddress = kept.map(storageAddress) ?? 0
        let other = try x.unary(.square)
        #expect(storageAddress(other) != keptAddress)
        #expect(kept.map { holds(floats($0), only: -3) } == true)
        kept = nil
        let again = try x.unary(.negate)
        #expect(storageAddress(again) == keptAddress)
        #expect(holds(floats(again), only: -3) && holds(floats(other), only: 9))
    }

    @Test func formBinaryStillWritesInPlace() throws {
        let count = (1 << 18) + 40
        var x = try Tensor.binary(.add, Tensor.filled(shape: [count], value: 1, dtype: .float32), Tensor(Float(1)))
        let before = storageAddress(x)
        try x.formBinary(.multiply, Tensor(Float(3)))
        #expect(storageAddress(x) == before)
        #expect(holds(floats(x), only: 6))
    }

    @Test func retainedBytesNeverPassTheCapacity() {
        let capacity = 5 * mebibyte
        let pool = ElementBufferPool(capacity: capacity)
        var kept: [[Float]] = []
        var state: UInt64 = 7
        for round in 0..<40 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let count = poolCount + Int(state >> 33) % (2 * poolCount)
            let array = filled(pool, count, with: Float(round))
            if round % 3 == 0 { kept.append(array) }
            if kept.count > 2 { kept.removeFirst() }
            #expect(pool.retainedBytes <= capacity)
            #expect(pool.freeBytes <= pool.retainedBytes)
        }
        for (i, array) in kept.enumerated() { #expect(holds(array, only: array.first ?? -1), "kept array \(i)") }
        let tooBig = filled(pool, 2 * capacity / 4, with: 1)
        #expect(tooBig.count == capacity / 2 && pool.retainedBytes <= capacity)
    }

    @Test func loweringTheCapacityLetsGo() {
        let pool = ElementBufferPool(capacity: 8 * mebibyte)
        var arrays: [[Float]] = (0..<4).map { filled(pool, with: Float($0)) }
        arrays.removeFirst(2)
        #expect(pool.retainedBytes == 4 * mebibyte && pool.freeBytes == 2 * mebibyte)
        pool.capacity = 2 * mebibyte
        #expect(pool.retainedBytes <= 2 * mebibyte)
        #expect(arrays.allSatisfy { holds($0, only: $0.first ?? -1) })
    }

    @Test func idleArraysGoBackToTheSystem() {
        let pool = ElementBufferPool(capacity: 64 * mebibyte, idleLimit: .seconds(1))
        weak var storage: AnyObject?
        let start = DispatchTime.now().uptimeNanoseconds
        do {
            let array = filled(pool, with: 1)
            storage = storageObject(array)
        }
        #expect(storage != nil && pool.freeBytes == 4 * poolCount)
        #expect(pool.sweep(now: start &+ 500_000_000))
        #expect(storage != nil && pool.retainedBytes == 4 * poolCount)
        #expect(!pool.sweep(now: DispatchTime.now().uptimeNanoseconds &+ 2_000_000_000))
        #expect(pool.retainedBytes == 0)
        #expect(storage == nil)
    }

    @Test func idleArraysInUseAreOnlyForgotten() {
        let pool = ElementBufferPool(capacity: 64 * mebibyte, idleLimit: .seconds(1))
        let array = filled(pool, with: 5)
        #expect(!pool.sweep(now: DispatchTime.now().uptimeNanoseconds &+ 2_000_000_000))
        #expect(pool.retainedBytes == 0 && holds(array, only: 5))
    }

    @Test func trimReturnsFreeArraysOnly() {
        let pool = ElementBufferPool(capacity: 64 * mebibyte)
        let kept = filled(pool, with: 1)
        weak var storage: AnyObject?
        do {
            let dropped = filled(pool, with: 2)
            storage = storageObject(dropped)
        }
        pool.trim()
        #expect(storage == nil)
        #expect(pool.retainedBytes == 4 * poolCount && holds(kept, only: 1))
    }

    @Test func theBackgroundSweepReleasesIdleArrays() async throws {
        let pool = ElementBufferPool(capacity: 64 * mebibyte, idleLimit: .milliseconds(100), sweepsAutomatically: true)
        weak var storage: AnyObject?
        do {
            let array = filled(pool, with: 1)
            storage = storageObject(array)
        }
        #expect(pool.retainedBytes == 4 * poolCount)
        for _ in 0..<100 where pool.retainedBytes > 0 {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(pool.retainedBytes == 0)
        #expect(storage == nil)
    }

    @Test func threadsAllocatingAndFreeingNeverShareABuffer() {
        let capacity = 12 * mebibyte
        let pool = ElementBufferPool(capacity: capacity)
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 6) { thread in
            for round in 0..<25 {
                let count = round % 2 == 0 ? poolCount : poolCount + 16
                let a = filled(pool, count, with: Float(thread * 1000 + round))
                let b = filled(pool, count, with: Float(-thread * 1000 - round - 1))
                if address(a) == address(b) || !holds(a, only: Float(thread * 1000 + round))
                    || !holds(b, only: Float(-thread * 1000 - round - 1)) || pool.retainedBytes > capacity {
                    failures.add()
                }
            }
        }
        #expect(failures.count == 0)
        #expect(pool.retainedBytes <= capacity)
    }
}

/// A counter several threads add to.
private final class Failures: Sendable {
    private let value = Mutex(0)
    func add() { value.withLock { $0 += 1 } }
    var count: Int { value.withLock { $0 } }
}
