import Testing
@testable import Tensors

@Test func basicSlices() throws {
    let v = try Tensor.range(start: 0, limit: 6, delta: 1, dtype: .int32)
    // tf.constant([0,1,2,3,4,5])[5:-9:-2] -> [5, 3, 1]; [-100:100:3] -> [0, 3]
    #expect(try v.sliced([.range(start: 5, stop: -9, step: -2)]).scalarInt64s() == [5, 3, 1])
    #expect(try v.sliced([.range(start: -100, stop: 100, step: 3)]).scalarInt64s() == [0, 3])
    #expect(try v.sliced([.range(start: nil, stop: nil, step: -1)]).scalarInt64s() == [5, 4, 3, 2, 1, 0])
    #expect(try v.sliced([.range(start: 4, stop: 2, step: nil)]).shape == [0])
    #expect(try v.sliced([.index(-1)]).scalarInt64s() == [5])
    #expect(try v.sliced([.index(-1)]).isScalar)
}

@Test func multiDimensionalSlices() throws {
    let x = try Tensor.range(start: 0, limit: 24, delta: 1, dtype: .int64).reshaped([2, 3, 4])
    // np.arange(24).reshape(2,3,4)[1, ::2, 1:3] -> [[13, 14], [21, 22]]
    let s = try x.sliced([.index(1), .range(start: nil, stop: nil, step: 2), .range(start: 1, stop: 3, step: nil)])
    #expect(s.shape == [2, 2] && s.scalarInt64s() == [13, 14, 21, 22])
    // x[..., 0] -> [[0, 4, 8], [12, 16, 20]]
    #expect(try x.sliced([.ellipsis, .index(0)]).scalarInt64s() == [0, 4, 8, 12, 16, 20])
    // tf.ones([2,3])[None, ..., None, 1].shape -> [1, 2, 1]
    #expect(try Tensor.ones(shape: [2, 3], dtype: .float32).sliced([.newAxis, .ellipsis, .newAxis, .index(1)]).shape == [1, 2, 1])
    #expect(try x.sliced([]).shape == [2, 3, 4])
    #expect(try x.sliced([.newAxis]).shape == [1, 2, 3, 4])
}

@Test func sliceErrorsUseTensorFlowWording() throws {
    let v = try Tensor.ones(shape: [3], dtype: .float32)
    // tf.ones([3])[3]; [-4]; tf.ones([3,4])[:, 5]; [::0]; tf.ones([3])[1, 2]; [..., ...]
    #expect(error { _ = try v.sliced([.index(3)]) } == invalid("slice index 3 of dimension 0 out of bounds."))
    #expect(error { _ = try v.sliced([.index(-4)]) } == invalid("slice index -1 of dimension 0 out of bounds."))
    #expect(error { _ = try Tensor.ones(shape: [3, 4], dtype: .float32).sliced([.range(start: nil, stop: nil, step: nil), .index(5)]) }
            == invalid("slice index 5 of dimension 1 out of bounds."))
    #expect(error { _ = try v.sliced([.range(start: nil, stop: nil, step: 0)]) } == invalid("strides[0] must be non-zero"))
    #expect(error { _ = try v.sliced([.index(1), .index(2)]) } == invalid("Index out of range using input dim 1; input has only 1 dims"))
    #expect(error { _ = try v.sliced([.ellipsis, .ellipsis]) } == invalid("Multiple ellipses in slice spec not allowed"))
    // [0, 1, 2][-2**63 : 2**63-1 : -2**63] -> []; [2**63-1 : -2**63 : -2**63] -> [2]
    #expect(try v.sliced([.range(start: Int.min, stop: Int.max, step: Int.min)]).shape == [0])
    #expect(try v.sliced([.range(start: Int.max, stop: Int.min, step: Int.min)]).shape == [1])
}

@Test func sliceGradientPlacesValuesInZeros() throws {
    let indices: [SliceIndex] = [.range(start: nil, stop: nil, step: -2), .index(1)]
    let x = try Tensor.range(start: 0, limit: 12, delta: 1, dtype: .float32).reshaped([4, 3])
    let s = try x.sliced(indices)
    // x[::-2, 1] -> [10, 4]
    #expect(s.scalarDoubles() == [10, 4])
    let g = try Tensor.sliceGradient(s, inputShape: [4, 3], indices: indices)
    #expect(g.shape == [4, 3] && g.scalarDoubles() == [0, 0, 0, 0, 4, 0, 0, 0, 0, 0, 10, 0])
    #expect(try Tensor.sliceGradient(Tensor(Float(1)), inputShape: [3], indices: [.index(-1)]).scalarDoubles() == [0, 0, 1])
    #expect(error { _ = try Tensor.sliceGradient(Tensor(Float(1)), inputShape: [3], indices: [.range(start: nil, stop: nil, step: nil)]) } != nil)
}
