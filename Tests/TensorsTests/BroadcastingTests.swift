import Testing
@testable import Tensors

@Test func broadcastShapes() throws {
    #expect(try Tensor.broadcastShape([2, 1, 3], [4, 1]) == [2, 4, 3])
    #expect(try Tensor.broadcastShape([], [2, 3]) == [2, 3])
    #expect(try Tensor.broadcastShape([0, 1], [1, 5]) == [0, 5])
    // tf.add(tf.ones([2,3]), tf.ones([3,2])); tf.add([1,2,3], [1,2])
    #expect(error { _ = try Tensor.broadcastShape([2, 3], [3, 2]) } == invalid("Incompatible shapes: [2,3] vs. [3,2]"))
    #expect(error { _ = try Tensor.broadcastShape([3], [2]) } == invalid("Incompatible shapes: [3] vs. [2]"))
}

@Test func binaryBroadcastsBothWays() throws {
    let column = try tensor([3, 1], [1, 2, 3])
    let row = try tensor([1, 2], [10, 20])
    let sum = try Tensor.binary(.add, column, row)
    #expect(sum.shape == [3, 2] && sum.scalarDoubles() == [11, 21, 12, 22, 13, 23])
    let middle = try Tensor.binary(.subtract, tensor([2, 1, 2], [1, 2, 3, 4]), tensor([3, 1], [0, 10, 20]))
    #expect(middle.shape == [2, 3, 2])
    #expect(middle.scalarDoubles() == [1, 2, -9, -8, -19, -18, 3, 4, -7, -6, -17, -16])
    let scalarLeft = try Tensor.binary(.subtract, Tensor(Float(1)), tensor([2], [1, 2]))
    #expect(scalarLeft.scalarDoubles() == [0, -1])
    #expect(try Tensor.binary(.add, tensor([2, 0], []), tensor([1], [1])).shape == [2, 0])
}

@Test func broadcastResultsRespectTheElementLimit() throws {
    let column = try Tensor.zeros(shape: [1 << 14, 1], dtype: .float32)
    let row = try Tensor.zeros(shape: [1, 1 << 14], dtype: .float32)
    let oom = error { _ = try Tensor.binary(.add, column, row) }
    #expect(oom == TensorError(.resourceExhausted, TensorLimits.oomMessage(shape: [1 << 14, 1 << 14], dtype: .float32)))
}
