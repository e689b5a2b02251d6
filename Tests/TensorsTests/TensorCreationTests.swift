import Testing
@testable import Tensors

@Test func scalarInitialisersHaveRankZero() {
    #expect(Tensor(Float(1.5)).dtype == .float32)
    #expect(Tensor(2.5).dtype == .float64)
    #expect(Tensor(Int32(3)).dtype == .int32)
    #expect(Tensor(Int64(4)).dtype == .int64)
    #expect(Tensor(true).dtype == .bool)
    #expect(Tensor(true).isScalar && Tensor(Int64(4)).scalarInt64s() == [4])
}

@Test(arguments: DType.allCases)
func fillConvertsTheValueByCastRules(dtype: DType) throws {
    let t = try Tensor.filled(shape: [2, 2], value: 2.7, dtype: dtype)
    #expect(t.shape == [2, 2] && t.dtype == dtype)
    let expectedValue: Double
    switch dtype {
    case .bool: expectedValue = 1
    case .int32, .int64: expectedValue = 2
    case .float32: expectedValue = Double(Float(2.7))
    case .float64: expectedValue = 2.7
    }
    #expect(t.scalarDoubles() == [Double](repeating: expectedValue, count: 4))
    #expect(try Tensor.zeros(shape: [0, 3], dtype: dtype).count == 0)
    #expect(try Tensor.ones(shape: [3], dtype: dtype).scalarDoubles() == [1, 1, 1])
}

@Test func negativeDimensionsAndHugeShapesAreErrors() {
    // tf.fill([-1], 2.7)
    #expect(error { _ = try Tensor.zeros(shape: [-1], dtype: .float32) } == invalid("Dimension -1 must be >= 0"))
    let oom = error { _ = try Tensor.zeros(shape: [1 << 20, 1 << 20], dtype: .float32) }
    #expect(oom?.kind == .resourceExhausted)
    #expect(oom?.message == TensorLimits.oomMessage(shape: [1 << 20, 1 << 20], dtype: .float32))
}

@Test func rangeAccumulatesInTheTargetType() throws {
    // tf.range(0., 1., 0.3) -> [0., 0.3, 0.6, 0.90000004] float32
    #expect(floats(try Tensor.range(start: 0, limit: 1, delta: 0.3, dtype: .float32)) == [0, 0.3, 0.6, 0.90000004])
    // tf.range(0, 5, 2), tf.range(5, 0, -2)
    #expect(try Tensor.range(start: 0, limit: 5, delta: 2, dtype: .int32).scalarInt64s() == [0, 2, 4])
    #expect(try Tensor.range(start: 5, limit: 0, delta: -2, dtype: .int64).scalarInt64s() == [5, 3, 1])
    #expect(try Tensor.range(start: 3, limit: 3, delta: 1, dtype: .float64).shape == [0])
}

@Test func rangeErrorsUseTensorFlowWording() {
    // tf.range(0, 10, 0); tf.range(10, 0, 1); tf.range(0, 10, -1); tf.range(1.5, 0.5, 1.)
    #expect(error { _ = try Tensor.range(start: 0, limit: 10, delta: 0, dtype: .int32) } == invalid("Requires delta != 0: 0"))
    #expect(error { _ = try Tensor.range(start: 10, limit: 0, delta: 1, dtype: .int32) } == invalid("Requires start <= limit when delta > 0: 10/0"))
    #expect(error { _ = try Tensor.range(start: 0, limit: 10, delta: -1, dtype: .int32) } == invalid("Requires start >= limit when delta < 0: 0/10"))
    #expect(error { _ = try Tensor.range(start: 1.5, limit: 0.5, delta: 1, dtype: .float32) } == invalid("Requires start <= limit when delta > 0: 1.5/0.5"))
    #expect(error { _ = try Tensor.range(start: 0, limit: 1e12, delta: 1, dtype: .float32) }?.kind == .resourceExhausted)
}

@Test func linspaceEndsExactlyAtStop() throws {
    // tf.linspace(0., 1., 7)
    #expect(floats(try Tensor.linspace(start: 0, stop: 1, count: 7, dtype: .float32))
            == [0, 0.16666667, 0.33333334, 0.5, 0.6666667, 0.8333334, 1])
    #expect(try Tensor.linspace(start: 0, stop: 10, count: 5, dtype: .float64).scalarDoubles() == [0, 2.5, 5, 7.5, 10])
    #expect(try Tensor.linspace(start: 0, stop: 1, count: 1, dtype: .float32).scalarDoubles() == [0])
    #expect(try Tensor.linspace(start: 0, stop: 1, count: 0, dtype: .float32).shape == [0])
    // tf.linspace(0., 1., -1)
    #expect(error { _ = try Tensor.linspace(start: 0, stop: 1, count: -1, dtype: .float32) } == invalid("Requires start <= limit when delta > 0: 1/-1"))
}

@Test func eyeHasOnesOnTheDiagonal() throws {
    // tf.eye(2, 3, dtype=tf.int32)
    let t = try Tensor.eye(rows: 2, columns: 3, dtype: .int32)
    #expect(t.shape == [2, 3] && t.scalarInt64s() == [1, 0, 0, 0, 1, 0])
    #expect(try Tensor.eye(rows: 2, columns: 2, dtype: .bool).scalarDoubles() == [1, 0, 0, 1])
    #expect(error { _ = try Tensor.eye(rows: -1, columns: -1, dtype: .float32) } == invalid("Dimension -1 must be >= 0"))
}

@Test func elementAccess() throws {
    let t = try tensor([2], [1.5, -2.5], .float64)
    #expect(t.double(at: 1) == -2.5)
    #expect(t.double(at: 2).isNaN && t.double(at: -1).isNaN)
    #expect(t.scalarInt64s() == [1, -2])
    #expect(try Tensor(shape: [2], int64s: [1 << 40, -1], dtype: .int32).scalarInt64s() == [0, -1])
}
