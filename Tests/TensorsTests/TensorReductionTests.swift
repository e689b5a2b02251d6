import Testing
@testable import Tensors

@Test func reduceOverAxes() throws {
    let x = try tensor([2, 3], [1, 2, 3, 4, 5, 6])
    #expect(try x.reduce(.sum, axes: nil, keepDims: false).scalarDoubles() == [21])
    #expect(try x.reduce(.sum, axes: [0], keepDims: false).scalarDoubles() == [5, 7, 9])
    #expect(try x.reduce(.sum, axes: [-1], keepDims: true).shape == [2, 1])
    #expect(try x.reduce(.mean, axes: [1], keepDims: false).scalarDoubles() == [2, 5])
    #expect(try x.reduce(.max, axes: [0], keepDims: false).scalarDoubles() == [4, 5, 6])
    #expect(try x.reduce(.min, axes: [1], keepDims: false).scalarDoubles() == [1, 4])
    #expect(try x.reduce(.prod, axes: nil, keepDims: true).shape == [1, 1])
    #expect(try x.reduce(.prod, axes: nil, keepDims: false).scalarDoubles() == [720])
    #expect(try x.reduce(.sum, axes: [], keepDims: false).scalarDoubles() == x.scalarDoubles())
}

@Test func reduceInterleavedAxes() throws {
    let x = try Tensor.range(start: 0, limit: 24, delta: 1, dtype: .int64).reshaped([2, 3, 4])
    let r = try x.reduce(.sum, axes: [0, 2], keepDims: false)
    // numpy: np.arange(24).reshape(2,3,4).sum(axis=(0,2)) -> [60, 92, 124]
    #expect(r.scalarInt64s() == [60, 92, 124])
    let middle = try x.reduce(.max, axes: [1], keepDims: false)
    #expect(middle.shape == [2, 4] && middle.scalarInt64s() == [8, 9, 10, 11, 20, 21, 22, 23])
}

@Test func emptyReductionsGiveIdentities() throws {
    // tf.reduce_max(tf.ones([0,3]), axis=0) -> [-inf]*3; tf.reduce_min of int32 -> [2147483647]*3
    let e = try tensor([0, 3], [])
    #expect(try e.reduce(.max, axes: [0], keepDims: false).scalarDoubles() == [-.infinity, -.infinity, -.infinity])
    #expect(try tensor([0, 3], [], .int32).reduce(.min, axes: [0], keepDims: false).scalarInt64s() == [2_147_483_647, 2_147_483_647, 2_147_483_647])
    // tf.reduce_mean(tf.ones([0,3]), axis=0) -> [nan]*3; int32 -> [0]*3
    #expect(values(try e.reduce(.mean, axes: [0], keepDims: false)) == ["nan", "nan", "nan"])
    #expect(try tensor([0, 3], [], .int32).reduce(.mean, axes: [0], keepDims: false).scalarInt64s() == [0, 0, 0])
    #expect(try e.reduce(.sum, axes: nil, keepDims: false).scalarDoubles() == [0])
    #expect(try e.reduce(.prod, axes: [1], keepDims: false).shape == [0])
    #expect(try tensor([0], [], .bool).reduce(.all, axes: nil, keepDims: false).scalarDoubles() == [1])
    #expect(try tensor([0], [], .bool).reduce(.any, axes: nil, keepDims: false).scalarDoubles() == [0])
}

@Test func integerReductionsTruncateAndWrap() throws {
    // tf.reduce_mean(tf.constant([-1, -2, 2])) -> 0
    #expect(try tensor([3], [-1, -2, 2], .int32).reduce(.mean, axes: [0], keepDims: false).scalarInt64s() == [0])
    // tf.reduce_prod(tf.constant([100000, 100000])) -> 1410065408
    #expect(try tensor([2], [100_000, 100_000], .int32).reduce(.prod, axes: nil, keepDims: false).scalarInt64s() == [1_410_065_408])
}

@Test func nanPropagatesThroughMaxAndMin() throws {
    // tf.reduce_max([1., nan, 3.]) -> nan; tf.reduce_min([nan, 1., 3.]) -> nan
    #expect(values(try tensor([3], [1, .nan, 3]).reduce(.max, axes: nil, keepDims: false)) == ["nan"])
    #expect(values(try tensor([3], [.nan, 1, 3]).reduce(.min, axes: nil, keepDims: false)) == ["nan"])
}

@Test func anyAndAll() throws {
    let b = try tensor([2, 2], [1, 0, 0, 0], .bool)
    #expect(try b.reduce(.any, axes: [1], keepDims: false).scalarDoubles() == [1, 0])
    #expect(try b.reduce(.all, axes: [0], keepDims: false).scalarDoubles() == [0, 0])
    // tf.reduce_any(tf.constant([1., 2.]))
    #expect(error { _ = try tensor([2], [1, 2]).reduce(.any, axes: nil, keepDims: false) }
            == invalid("cannot compute Any as input #0(zero-based) was expected to be a bool tensor but is a float tensor"))
    // tf.reduce_sum(tf.constant([True, True]))
    #expect(error { _ = try b.reduce(.sum, axes: nil, keepDims: false) }
            == invalid("Value for attr 'T' of bool is not in the list of allowed values: float, double, int32, uint8, int16, int8, complex64, int64, qint8, quint8, qint32, bfloat16, qint16, quint16, uint16, complex128, half, uint32, uint64"))
}

@Test func badAxesUseTensorFlowWording() throws {
    let x = try tensor([2, 3], [1, 2, 3, 4, 5, 6])
    // tf.reduce_sum(x, axis=2); axis=-3; axis=[0, 0]; axis=[0, -2]; tf.reduce_sum(3., axis=0)
    #expect(error { _ = try x.reduce(.sum, axes: [2], keepDims: false) } == invalid("Invalid reduction dimension (2 for input with 2 dimension(s)"))
    #expect(error { _ = try x.reduce(.sum, axes: [-3], keepDims: false) } == invalid("Invalid reduction dimension (-3 for input with 2 dimension(s)"))
    #expect(error { _ = try x.reduce(.sum, axes: [0, 0], keepDims: false) } == invalid("Invalid reduction arguments: Axes contains duplicate dimension: 0"))
    #expect(error { _ = try x.reduce(.sum, axes: [0, -2], keepDims: false) } == invalid("Invalid reduction arguments: Axes contains duplicate dimension: 0"))
    #expect(error { _ = try Tensor(Float(3)).reduce(.sum, axes: [0], keepDims: false) } == invalid("Invalid reduction dimension (0 for input with 0 dimension(s)"))
}

@Test func largeSumsUseEveryCore() throws {
    let n = 1 << 20
    let ones = try Tensor.ones(shape: [n], dtype: .float32)
    #expect(try ones.reduce(.sum, axes: nil, keepDims: false).scalarDoubles() == [Double(n)])
    #expect(try ones.reshaped([1024, 1024]).reduce(.sum, axes: [1], keepDims: false).scalarDoubles() == [Double](repeating: 1024, count: 1024))
    #expect(try ones.reshaped([1024, 1024]).reduce(.mean, axes: [0], keepDims: false).scalarDoubles() == [Double](repeating: 1, count: 1024))
}

@Test func argMaxAndArgMin() throws {
    let x = try tensor([2, 3], [1, 5, 5, 7, 0, 7])
    #expect(try x.argMax(axis: 1).scalarInt64s() == [1, 0])
    #expect(try x.argMin(axis: 0).scalarInt64s() == [0, 1, 0])
    #expect(try x.argMax(axis: -2).dtype == .int64)
    // tf.argmax([1., nan, 3.]) -> 2; tf.argmin([1., nan, 0.]) -> 2; tf.argmax([nan, 1., 3.]) -> 2; tf.argmin(...) -> 1
    #expect(try tensor([3], [1, .nan, 3]).argMax(axis: 0).scalarInt64s() == [2])
    #expect(try tensor([3], [1, .nan, 0]).argMin(axis: 0).scalarInt64s() == [2])
    #expect(try tensor([3], [.nan, 1, 3]).argMax(axis: 0).scalarInt64s() == [2])
    #expect(try tensor([3], [.nan, 1, 3]).argMin(axis: 0).scalarInt64s() == [1])
    // tf.argmax([True, False]) -> 0
    #expect(try tensor([2], [1, 0], .bool).argMax(axis: 0).scalarInt64s() == [0])
    #expect(try Tensor(shape: [2], int64s: [Int64.max - 1, Int64.max], dtype: .int64).argMax(axis: 0).scalarInt64s() == [1])
    // tf.argmax(x, axis=2); tf.argmax(tf.ones([0,3]), axis=0); tf.argmax(tf.constant(3.), 0)
    #expect(error { _ = try x.argMax(axis: 2) } == invalid("Expected dimension in the range [-2, 2), but got 2"))
    #expect(error { _ = try tensor([0, 3], []).argMax(axis: 0) } == invalid("Reduction axis 0 is empty in shape [0,3]"))
    #expect(error { _ = try Tensor(Float(3)).argMax(axis: 0) } == invalid("Expected dimension in the range [0, 0), but got 0"))
}

@Test func sumToShapeUndoesBroadcasting() throws {
    let g = try tensor([2, 3], [1, 2, 3, 4, 5, 6])
    #expect(try g.sum(toShape: [3]).scalarDoubles() == [5, 7, 9])
    #expect(try g.sum(toShape: [2, 1]).scalarDoubles() == [6, 15])
    #expect(try g.sum(toShape: []).scalarDoubles() == [21])
    #expect(try g.sum(toShape: [1, 3]).shape == [1, 3])
    #expect(try g.sum(toShape: [2, 3]).scalarDoubles() == g.scalarDoubles())
    #expect(error { _ = try g.sum(toShape: [2]) } == invalid("Incompatible shapes: [2,3] vs. [2]"))
}

/// ((i * 7919) % 10007 - 5003) / 1000 for i in 0..<n: values whose float32 sum depends on order.
private func scrambled(_ n: Int) throws -> Tensor {
    let doubles: [Double] = (0..<n).map { (i: Int) -> Double in
        let k: Int = (i * 7919) % 10007 - 5003
        return Double(k) / 1000
    }
    return try Tensor(shape: [n], doubles: doubles, dtype: .float32)
}

@Test func floatSumsAddInTensorFlowsOrder() throws {
    // tf.reduce_sum(tf.constant([0.1] * 100)) -> 10.0 (adding in order gives 10.000002)
    #expect(floats(try tensor([100], [Double](repeating: 0.1, count: 100)).reduce(.sum, axes: nil, keepDims: false)) == [10])
    // tf.reduce_sum(tf.fill([20, 8], 0.1), axis=0)[0] -> 2.0 (adding in order gives 2.0000002)
    #expect(floats(try Tensor.filled(shape: [20, 8], value: 0.1, dtype: .float32).reduce(.sum, axes: [0], keepDims: false)).first == 2)
    // x = tf.constant([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]): reduce_sum -> 2.8, reduce_mean -> 0.4
    let x = try tensor([7], [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7])
    #expect(floats(try x.reduce(.sum, axes: nil, keepDims: false)) == [2.8])
    #expect(floats(try x.reduce(.mean, axes: nil, keepDims: false)) == [0.4])
    // tf.reduce_mean(tf.reshape(tf.range(12, dtype=tf.float32) / 10, (3, 4)), axis=0)
    let r = try Tensor.binary(.divide, Tensor.range(start: 0, limit: 12, delta: 1, dtype: .float32), Tensor(Float(10))).reshaped([3, 4])
    #expect(floats(try r.reduce(.mean, axes: [0], keepDims: false)) == [0.4, 0.5, 0.59999996, 0.7])
}

@Test func longFloatSumsSplitLikeTensorFlow() throws {
    // tf.reduce_sum of scrambled(20000) -> 0.9068117 (split into halves past 8192 elements)
    #expect(floats(try scrambled(20000).reduce(.sum, axes: nil, keepDims: false)) == [0.9068117])
    // tf.reduce_sum(tf.reshape(scrambled(20000), [100, 200]), axis=1)[:3] -> [7.9710016, -3.6140013, -5.1920023]
    #expect(Array(floats(try scrambled(20000).reshaped([100, 200]).reduce(.sum, axes: [1], keepDims: false)).prefix(3)) == [7.9710016, -3.6140013, -5.1920023])
}

/// TensorFlow shards long whole-tensor sums over its threads; this is its answer on two cores.
@Test(.enabled(if: Parallel.cores == 2))
func shardedSumsMatchTensorFlowOnTwoCores() throws {
    // tf.reduce_sum of scrambled(200001) -> 2.9020927
    #expect(floats(try scrambled(200_001).reduce(.sum, axes: nil, keepDims: false)) == [2.9020927])
}
