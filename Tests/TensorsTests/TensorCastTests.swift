import Testing
@testable import Tensors

@Test func floatToIntegerTruncatesAndSaturatesToTheMinimum() throws {
    // tf.cast(tf.constant([nan, inf, -inf, 3e9, -3e9, 2.7, -2.7, 1e20]), tf.int32)
    let x = try tensor([8], [.nan, .infinity, -.infinity, 3e9, -3e9, 2.7, -2.7, 1e20])
    let min32 = Int64(Int32.min)
    #expect(x.cast(to: .int32).scalarInt64s() == [min32, min32, min32, min32, min32, 2, -2, min32])
    // ... tf.int64: [min, min, min, 3000000000, -3000000000, 2, -2, min]
    #expect(x.cast(to: .int64).scalarInt64s() == [.min, .min, .min, 3_000_000_000, -3_000_000_000, 2, -2, .min])
    let d = try tensor([2], [1e19, -1e19], .float64)
    #expect(d.cast(to: .int64).scalarInt64s() == [.min, .min])
}

@Test func numbersToBoolTestForNonZero() throws {
    // tf.cast([nan, 0., -0., 0.1], tf.bool) -> [True, False, False, True]
    let b = try tensor([4], [.nan, 0, -0.0, 0.1]).cast(to: .bool)
    #expect(b.dtype == .bool && b.scalarDoubles() == [1, 0, 0, 1])
    let n = try tensor([2], [1, 0], .bool)
    for dtype in DType.allCases { #expect(n.cast(to: dtype).scalarDoubles() == [1, 0]) }
}

@Test func integersNarrowByWrapping() throws {
    // tf.cast(tf.constant([2**40, -1, 2**31], tf.int64), tf.int32) -> [0, -1, -2147483648]
    let t = try Tensor(shape: [3], int64s: [1 << 40, -1, 1 << 31], dtype: .int64)
    #expect(t.cast(to: .int32).scalarInt64s() == [0, -1, -2_147_483_648])
}

@Test(arguments: DType.allCases, DType.allCases)
func everyPairCasts(from: DType, to: DType) throws {
    let t = try tensor([3], [0, 1, 0], from)
    let c = t.cast(to: to)
    #expect(c.dtype == to && c.shape == [3] && c.scalarDoubles() == [0, 1, 0])
    #expect(try tensor([0], [], from).cast(to: to).count == 0)
}
