import Testing
@testable import Tensors

@Test func transposeAndItsErrors() throws {
    let x = try tensor([2, 3], [1, 2, 3, 4, 5, 6])
    let t = try x.transposed(permutation: nil)
    #expect(t.shape == [3, 2] && t.scalarDoubles() == [1, 4, 2, 5, 3, 6])
    #expect(try x.transposed(permutation: [-1, 0]).scalarDoubles() == [1, 4, 2, 5, 3, 6])
    let cube = try Tensor.range(start: 0, limit: 24, delta: 1, dtype: .int32).reshaped([2, 3, 4])
    // np.arange(24).reshape(2,3,4).transpose(1,2,0)[1, 2] -> [6, 18]
    let p = try cube.transposed(permutation: [1, 2, 0])
    #expect(p.shape == [3, 4, 2] && Array(p.scalarInt64s()[12..<14]) == [6, 18])
    // tf.transpose(x, [0, 0]); [0, 2]; [0]
    #expect(error { _ = try x.transposed(permutation: [0, 0]) } == invalid("1 is missing from {0,0}."))
    #expect(error { _ = try x.transposed(permutation: [0, 2]) } == invalid("2 is out of range [0 .. 2)"))
    #expect(error { _ = try x.transposed(permutation: [0]) } == invalid("transpose expects a vector of size 2. But input(1) is a vector of size 1"))
}

@Test func reshapeInfersOneDimension() throws {
    let x = try tensor([2, 3], [1, 2, 3, 4, 5, 6])
    #expect(try x.reshaped([3, -1]).shape == [3, 2])
    #expect(try x.reshaped([-1]).shape == [6])
    // tf.reshape(tf.ones([0, 3]), [-1, 0]) -> shape (3, 0)
    #expect(try tensor([0, 3], []).reshaped([-1, 0]).shape == [3, 0])
    // tf.reshape(tf.ones([2,3]), [4]); [-1, 4]; [-1, -1]; [-2, 3]
    #expect(error { _ = try x.reshaped([4]) } == invalid("Input to reshape is a tensor with 6 values, but the requested shape has 4"))
    #expect(error { _ = try x.reshaped([-1, 4]) } == invalid("Input to reshape is a tensor with 6 values, but the requested shape requires a multiple of 4"))
    #expect(error { _ = try x.reshaped([-1, -1]) } == invalid("Only one input size may be -1, not both 0 and 1"))
    #expect(error { _ = try x.reshaped([-2, 3]) } == invalid("Size 0 must be non-negative, not -2"))
    #expect(error { _ = try x.reshaped([Int.max, 4]) }?.kind == .resourceExhausted)
}

@Test func expandAndSqueeze() throws {
    let x = try tensor([2, 3], [1, 2, 3, 4, 5, 6])
    #expect(try x.expandingDims(axis: 0).shape == [1, 2, 3])
    #expect(try x.expandingDims(axis: -1).shape == [2, 3, 1])
    #expect(try x.expandingDims(axis: 2).shape == [2, 3, 1])
    // tf.expand_dims(x, 3); tf.expand_dims(x, -4)
    #expect(error { _ = try x.expandingDims(axis: 3) } == invalid("Tried to expand dim index 3 for tensor with 2 dimensions."))
    #expect(error { _ = try x.expandingDims(axis: -4) } == invalid("Tried to expand dim index -4 for tensor with 2 dimensions."))
    let y = try tensor([1, 2, 1], [1, 2])
    #expect(try y.squeezed(axes: nil).shape == [2])
    #expect(try y.squeezed(axes: [-1]).shape == [1, 2])
    // tf.squeeze(tf.ones([1,2,1]), [1]); [3]; [-4]
    #expect(error { _ = try y.squeezed(axes: [1]) } == invalid("Can not squeeze dim[1], expected a dimension of 1, got 2"))
    #expect(error { _ = try y.squeezed(axes: [3]) } == invalid("Tried to squeeze dim index 3 for tensor with 3 dimensions."))
    #expect(error { _ = try y.squeezed(axes: [-4]) } == invalid("Tried to squeeze dim index -4 for tensor with 3 dimensions."))
}

@Test func concatAndStack() throws {
    let a = try tensor([2, 2], [1, 2, 3, 4], .int64), b = try tensor([2, 1], [5, 6], .int64)
    let c = try Tensor.concat([a, b], axis: -1)
    #expect(c.shape == [2, 3] && c.scalarInt64s() == [1, 2, 5, 3, 4, 6])
    #expect(try Tensor.concat([a, tensor([0, 2], [], .int64), a], axis: 0).scalarInt64s() == [1, 2, 3, 4, 1, 2, 3, 4])
    let s = try Tensor.stack([tensor([2], [1, 2]), tensor([2], [3, 4])], axis: 1)
    #expect(s.shape == [2, 2] && s.scalarDoubles() == [1, 3, 2, 4])
    #expect(try Tensor.stack([Tensor(true), Tensor(false)], axis: 0).shape == [2])
    // tf.stack([])
    #expect(try Tensor.stack([], axis: 0).shape == [0])
}

@Test func concatAndStackErrors() throws {
    let f = { (shape: [Int]) throws -> Tensor in try Tensor.ones(shape: shape, dtype: .float32) }
    // tf.concat([tf.ones([2,3]), tf.ones([3,2])], 1) and friends
    #expect(error { _ = try Tensor.concat([f([2, 3]), f([3, 2])], axis: 1) }
            == invalid("ConcatOp : Dimension 0 in both shapes must be equal: shape[0] = [2,3] vs. shape[1] = [3,2]"))
    #expect(error { _ = try Tensor.concat([f([2, 3]), f([3, 2])], axis: 0) }
            == invalid("ConcatOp : Dimension 1 in both shapes must be equal: shape[0] = [2,3] vs. shape[1] = [3,2]"))
    #expect(error { _ = try Tensor.concat([f([2, 3]), f([3])], axis: 0) }
            == invalid("ConcatOp : Ranks of all input tensors should match: shape[0] = [2,3] vs. shape[1] = [3]"))
    #expect(error { _ = try Tensor.concat([f([2, 3]), f([2, 3])], axis: 2) }
            == invalid("ConcatOp : Expected concatenating dimensions in the range [-2, 2), but got 2"))
    #expect(error { _ = try Tensor.concat([f([2, 3]), f([2, 3])], axis: -3) }
            == invalid("ConcatOp : Expected concatenating dimensions in the range [-2, 2), but got -3"))
    #expect(error { _ = try Tensor.concat([Tensor(Float(1)), Tensor(Float(2))], axis: 0) }
            == invalid("ConcatOp : Can't concatenate scalars (use tf.stack instead)"))
    // tf.stack([tf.ones([2]), tf.ones([3])]); tf.raw_ops.Pack(..., axis=2)
    #expect(error { _ = try Tensor.stack([f([2]), f([3])], axis: 0) }
            == invalid("Shapes of all inputs must match: values[0].shape = [2] != values[1].shape = [3]"))
    #expect(error { _ = try Tensor.stack([f([2]), f([2])], axis: 2) } == invalid("axis = 2 not in [-2, 2)"))
    // tf.stack([tf.ones([2]), tf.ones([3]), tf.ones([2], tf.int32)]): the dtypes are checked first.
    let ints = try Tensor.ones(shape: [2], dtype: .int32)
    #expect(error { _ = try Tensor.stack([f([2]), f([3]), ints], axis: 0) }
            == invalid("cannot compute Pack as input #2(zero-based) was expected to be a float tensor but is a int32 tensor"))
}

@Test func tileAndBroadcastTo() throws {
    let x = try tensor([2, 1], [1, 2], .int32)
    let t = try x.tiled([2, 3])
    #expect(t.shape == [4, 3] && t.scalarInt64s() == [1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2])
    #expect(try x.tiled([0, 1]).shape == [0, 1])
    // tf.tile(tf.ones([2,3]), [1]); [1, -1]
    let y = try Tensor.ones(shape: [2, 3], dtype: .float32)
    #expect(error { _ = try y.tiled([1]) } == invalid("Expected multiples argument to be a vector of length 2 but got length 1"))
    #expect(error { _ = try y.tiled([1, -1]) } == invalid("Expected multiples[1] >= 0, but got -1"))
    #expect(error { _ = try y.tiled([1 << 40, 1 << 40]) }?.kind == .resourceExhausted)
    let b = try x.broadcast(to: [2, 2, 3])
    #expect(b.shape == [2, 2, 3] && b.scalarInt64s() == [1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2])
    // tf.broadcast_to(tf.ones([2,3]), [3,3]); [3]
    #expect(error { _ = try y.broadcast(to: [3, 3]) } == invalid("Incompatible shapes: [2,3] vs. [3,3]"))
    #expect(error { _ = try y.broadcast(to: [3]) } == invalid("Rank of input (2) must be no greater than rank of output shape (1)."))
}

@Test func selectBroadcastsAllThree() throws {
    // tf.where([[True], [False]], tf.ones([3]), tf.zeros([1])) -> [[1,1,1],[0,0,0]]
    let r = try Tensor.select(condition: tensor([2, 1], [1, 0], .bool), Tensor.ones(shape: [3], dtype: .float32), Tensor.zeros(shape: [1], dtype: .float32))
    #expect(r.shape == [2, 3] && r.scalarDoubles() == [1, 1, 1, 0, 0, 0])
    #expect(try Tensor.select(condition: tensor([2], [0, 1], .bool), tensor([2], [1, 2], .int64), tensor([2], [3, 4], .int64)).scalarInt64s() == [3, 2])
    // tf.where([True, False], tf.ones([3]), tf.zeros([3])); float condition
    #expect(error { _ = try Tensor.select(condition: tensor([2], [1, 0], .bool), tensor([3], [1, 1, 1]), tensor([3], [0, 0, 0])) }
            == invalid("condition [2], then [3], and else [3] must be broadcastable"))
    #expect(error { _ = try Tensor.select(condition: tensor([2], [1, 0]), tensor([2], [1, 1]), tensor([2], [0, 0])) }
            == invalid("cannot compute SelectV2 as input #0(zero-based) was expected to be a bool tensor but is a float tensor"))
}

@Test func nonZeroIndicesListPositions() throws {
    // tf.where(tf.constant([1., 0., 2.])) -> [[0], [2]]
    let w = try tensor([3], [1, 0, 2]).nonZeroIndices()
    #expect(w.shape == [2, 1] && w.dtype == .int64 && w.scalarInt64s() == [0, 2])
    let m = try tensor([2, 2], [0, 1, 1, 0], .bool).nonZeroIndices()
    #expect(m.shape == [2, 2] && m.scalarInt64s() == [0, 1, 1, 0])
    #expect(try tensor([0], []).nonZeroIndices().shape == [0, 1])
    #expect(Tensor(Float.nan).nonZeroIndices().shape == [1, 0])
}

@Test func unstackAndSplit() throws {
    let x = try tensor([2, 3], [1, 2, 3, 4, 5, 6])
    let rows = try x.unstacked(axis: 0)
    #expect(rows.count == 2 && rows[1].shape == [3] && rows[1].scalarDoubles() == [4, 5, 6])
    let columns = try x.unstacked(axis: -1)
    #expect(columns.count == 3 && columns[2].scalarDoubles() == [3, 6])
    #expect(error { _ = try x.unstacked(axis: 2) } == invalid("axis = 2 not in [-2, 2)"))
    let parts = try x.split(count: 3, axis: 1)
    #expect(parts.count == 3 && parts[1].shape == [2, 1] && parts[1].scalarDoubles() == [2, 5])
    // tf.split(tf.ones([2,3]), 2, axis=1)
    #expect(error { _ = try x.split(count: 2, axis: 1) }
            == invalid("Number of ways to split should evenly divide the split dimension, but got split_dim 1 (size = 3) and num_split 2"))
}
