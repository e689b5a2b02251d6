import Dispatch

/// Float sums and products in exactly the order TensorFlow's CPU kernel adds them (Eigen's
/// `InnerMostDimReducer` as built for AVX), so float32 results agree with TensorFlow's to the
/// last bit rather than differing by summation order.
///
/// The order: a whole-tensor reduction of at least `shardBytes` splits into two equal shards
/// (any remainder reduced first); runs longer than 1024 packets split in two at a packet
/// boundary past the middle, recursively, and the halves combine as `identity ⊕ left ⊕ right`. A shorter run keeps
/// 4 packet accumulators over blocks of 4 packets, folds them into the first, adds any
/// remaining whole packets to it, folds the leftover scalars in order, and combines that with
/// the packet's lanes added pairwise (high half onto low half, repeatedly).
protocol PacketReducer: SendableMetatype {
    associatedtype Scalar: SIMDScalar & BinaryFloatingPoint
    associatedtype Packet: SIMD where Packet.Scalar == Scalar
    static var identity: Scalar { get }
    static func combine(_ a: Scalar, _ b: Scalar) -> Scalar
    static func combine(_ a: Packet, _ b: Packet) -> Packet
}

/// float32 packets are 8 lanes (AVX), float64 packets 4.
enum Float32Sum: PacketReducer {
    static var identity: Float { 0 }
    static func combine(_ a: Float, _ b: Float) -> Float { a + b }
    static func combine(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> { a + b }
}

enum Float64Sum: PacketReducer {
    static var identity: Double { 0 }
    static func combine(_ a: Double, _ b: Double) -> Double { a + b }
    static func combine(_ a: SIMD4<Double>, _ b: SIMD4<Double>) -> SIMD4<Double> { a + b }
}

enum Float32Product: PacketReducer {
    static var identity: Float { 1 }
    static func combine(_ a: Float, _ b: Float) -> Float { a * b }
    static func combine(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> { a * b }
}

enum Float64Product: PacketReducer {
    static var identity: Double { 1 }
    static func combine(_ a: Double, _ b: Double) -> Double { a * b }
    static func combine(_ a: SIMD4<Double>, _ b: SIMD4<Double>) -> SIMD4<Double> { a * b }
}

enum TensorFlowOrder {
    /// Packets per leaf of the split (Eigen's `LeafSize` for float and double).
    static let leafPackets = 1024
    /// From this many bytes on, TensorFlow's full reduction runs as two shards on two threads
    /// (its cost model's threshold, measured: 109,377 float32 or 54,689 float64 elements).
    static let shardBytes = 437_508

    /// The reduction of one output's `n` contiguous elements (a row of a larger reduction).
    static func reduce<R: PacketReducer>(_ p: UnsafePointer<R.Scalar>, _ n: Int, _: R.Type) -> R.Scalar {
        tree(p, 0, n, R.self)
    }

    /// The reduction of a whole tensor to one value: sharded in two past `shardBytes`, the
    /// shards reduced on two cores and combined after any remainder, as TensorFlow does.
    static func reduceAll<R: PacketReducer>(_ p: UnsafePointer<R.Scalar>, _ n: Int, _: R.Type) -> R.Scalar {
        guard n &* MemoryLayout<R.Scalar>.stride >= shardBytes, Parallel.cores > 1 else { return tree(p, 0, n, R.self) }
        let block = n / 2
        var shards = (R.identity, R.identity)
        withUnsafeMutablePointer(to: &shards) { pointer in
            let shared = UncheckedSendable((pointer, p))
            DispatchQueue.concurrentPerform(iterations: 2) { shard in
                let (out, p) = shared.value
                let value = tree(p, shard &* block, block, R.self)
                if shard == 0 { out.pointee.0 = value } else { out.pointee.1 = value }
            }
        }
        var result = 2 &* block < n ? tree(p, 2 &* block, n &- 2 &* block, R.self) : R.identity
        result = R.combine(result, shards.0)
        return R.combine(result, shards.1)
    }

    /// `first` is the run's offset from the start of the tensor: split points align to packets
    /// counted from there.
    private static func tree<R: PacketReducer>(_ p: UnsafePointer<R.Scalar>, _ first: Int, _ count: Int, _: R.Type) -> R.Scalar {
        let width = R.Packet.scalarCount
        guard count > width &* leafPackets else { return leaf(p + first, count, R.self) }
        let half = count / 2 + count % 2
        let split = width &* ((first &+ half &+ width &- 1) / width)
        let left = min(split &- first, count)
        var result = R.combine(R.identity, tree(p, first, left, R.self))
        if left < count { result = R.combine(result, tree(p, split, count &- left, R.self)) }
        return result
    }
    @inline(__always)
    private static func leaf<R: PacketReducer>(_ p: UnsafePointer<R.Scalar>, _ n: Int, _: R.Type) -> R.Scalar {
        let width = R.Packet.scalarCount
        let raw = UnsafeRawPointer(p)
        let stride = MemoryLayout<R.Scalar>.stride
        @inline(__always) func packet(_ i: Int) -> R.Packet {
            raw.loadUnaligned(fromByteOffset: i &* stride, as: R.Packet.self)
        }
        var start = 0
        var acc0 = R.Packet(repeating: R.identity)
        if n >= 4 &* width {
            var acc1 = acc0, acc2 = acc0, acc3 = acc0
            let blocked = n / (4 &* width) &* (4 &* width)
            var j = 0
            while j < blocked {
                acc0 = R.combine(acc0, packet(j))
                acc1 = R.combine(acc1, packet(j &+ width))
                acc2 = R.combine(acc2, packet(j &+ 2 &* width))
                acc3 = R.combine(acc3, packet(j &+ 3 &* width))
                j &+= 4 &* width
            }
            acc0 = R.combine(R.combine(R.combine(acc0, acc1), acc2), acc3)
            start = blocked
        }
        if start <= n &- width {
            let whole = n / width &* width
            var j = start
            while j < whole {
                acc0 = R.combine(acc0, packet(j))
                j &+= width
            }
            start = whole
        }
        var scalar = R.identity
        for j in start..<n { scalar = R.combine(scalar, p[j]) }
        // Lanes pairwise: high half onto low half until one lane is left.
        var lanes = acc0
        var live = width
        while live > 1 {
            live /= 2
            for i in 0..<live { lanes[i] = R.combine(lanes[i], lanes[i &+ live]) }
        }
        return R.combine(scalar, lanes[0])
    }
}
