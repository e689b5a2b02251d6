import Testing
@testable import Tensors

@Test func int32ArithmeticWraps() throws {
    // m = tf.constant(2147483647); m + 1; tf.constant([100000]) * 100000; tf.constant(-2147483648) - 1
    let m = Tensor(Int32.max)
    #expect(try Tensor.binary(.add, m, Tensor(Int32(1))).scalarInt64s() == [-2_147_483_648])
    #expect(try Tensor.binary(.multiply, tensor([1], [100_000], .int32), Tensor(Int32(100_000))).scalarInt64s() == [1_410_065_408])
    #expect(try Tensor.binary(.subtract, Tensor(Int32.min), Tensor(Int32(1))).scalarInt64s() == [2_147_483_647])
    // tf.abs / tf.negative of [-2147483648] stay -2147483648
    #expect(try Tensor(Int32.min).unary(.abs).scalarInt64s() == [-2_147_483_648])
    #expect(try Tensor(Int32.min).unary(.negate).scalarInt64s() == [-2_147_483_648])
}

@Test(arguments: [DType.int32, .int64])
func integerFloorDivisionAndModuloFollowPython(dtype: DType) throws {
    let x = try tensor([4], [7, -7, 7, -7], dtype)
    let y = try tensor([4], [2, 2, -2, -2], dtype)
    // tf.math.floordiv -> [3, -4, -4, 3]; tf.math.floormod -> [1, 1, -1, -1]
    #expect(try Tensor.binary(.floorDivide, x, y).scalarInt64s() == [3, -4, -4, 3])
    #expect(try Tensor.binary(.modulo, x, y).scalarInt64s() == [1, 1, -1, -1])
    // tf.raw_ops.Div(x=[-7], y=[2]) -> [-3]
    #expect(try Tensor.binary(.divide, x, y).scalarInt64s() == [3, -3, -3, 3])
    let zero = try tensor([1], [0], dtype)
    for op in [BinaryOperation.floorDivide, .modulo, .divide] {
        #expect(error { _ = try Tensor.binary(op, x, zero) } == invalid("Integer division by zero"))
    }
    // An empty result divides nothing.
    #expect(try Tensor.binary(.floorDivide, tensor([0], [], dtype), zero).shape == [0])
}

@Test func integerDivisionOverflowWraps() throws {
    // tf.constant([-2147483648]) // tf.constant([-1]) -> [-2147483648]; floormod -> [0]
    let x = try tensor([1], [-2_147_483_648], .int32)
    let y = try tensor([1], [-1], .int32)
    #expect(try Tensor.binary(.floorDivide, x, y).scalarInt64s() == [-2_147_483_648])
    #expect(try Tensor.binary(.modulo, x, y).scalarInt64s() == [0])
}

@Test func floatFloorDivisionAndModulo() throws {
    // tf.math.floordiv([7., -7., 1.], [2., 2., 0.]) -> [3., -4., inf]
    #expect(values(try Tensor.binary(.floorDivide, tensor([3], [7, -7, 1]), tensor([3], [2, 2, 0]))) == expected([3, -4, .infinity]))
    // tf.math.floormod([7., -7., 7., -7., 1., -0.], [2., 2., -2., -2., 0., 3.]) -> [1., 1., -1., -1., nan, -0.]
    let r = try Tensor.binary(.modulo, tensor([6], [7, -7, 7, -7, 1, -0.0]), tensor([6], [2, 2, -2, -2, 0, 3]))
    #expect(values(r) == expected([1, 1, -1, -1, .nan, -0.0]))
}

@Test func integerPowers() throws {
    // tf.pow([2, 3], [31, 40]) int32 -> [-2147483648, 689956897]
    #expect(try Tensor.binary(.power, tensor([2], [2, 3], .int32), tensor([2], [31, 40], .int32)).scalarInt64s() == [-2_147_483_648, 689_956_897])
    // tf.pow([1], [-1]) raises, even where the answer would be an integer
    #expect(error { _ = try Tensor.binary(.power, tensor([1], [1], .int64), tensor([1], [-1], .int64)) }
            == invalid("Integers to negative integer powers are not allowed"))
    // tf.pow([2.], [-1.]) -> [0.5]
    #expect(try Tensor.binary(.power, tensor([1], [2]), tensor([1], [-1])).scalarDoubles() == [0.5])
}

@Test func maximumAndMinimumPropagateNaN() throws {
    // tf.maximum([1., nan], [nan, 1.]) -> [nan, nan]
    let x = try tensor([2], [1, .nan]), y = try tensor([2], [.nan, 1])
    #expect(values(try Tensor.binary(.maximum, x, y)) == ["nan", "nan"])
    #expect(values(try Tensor.binary(.minimum, x, y)) == ["nan", "nan"])
    #expect(try Tensor.binary(.maximum, tensor([2], [1, 5], .int64), tensor([2], [3, 2], .int64)).scalarInt64s() == [3, 5])
}

@Test(arguments: [DType.int32, .int64, .float32, .float64])
func comparisonsGiveBool(dtype: DType) throws {
    let x = try tensor([3], [1, 2, 3], dtype), y = try tensor([1], [2], dtype)
    let cases: [(BinaryOperation, [Double])] = [
        (.equal, [0, 1, 0]), (.notEqual, [1, 0, 1]), (.less, [1, 0, 0]),
        (.lessEqual, [1, 1, 0]), (.greater, [0, 0, 1]), (.greaterEqual, [0, 1, 1]),
    ]
    for (op, want) in cases {
        let r = try Tensor.binary(op, x, y)
        #expect(r.dtype == .bool && r.scalarDoubles() == want)
    }
}

@Test(arguments: [DType.int32, .int64, .float32, .float64])
func arithmeticOnEveryNumericType(dtype: DType) throws {
    let x = try tensor([2, 2], [1, 2, 3, 4], dtype), y = try tensor([2], [10, 20], dtype)
    #expect(try Tensor.binary(.add, x, y).scalarDoubles() == [11, 22, 13, 24])
    #expect(try Tensor.binary(.subtract, y, x).scalarDoubles() == [9, 18, 7, 16])
    #expect(try Tensor.binary(.multiply, x, y).scalarDoubles() == [10, 40, 30, 80])
    #expect(try Tensor.binary(.power, x, tensor([], [2], dtype)).scalarDoubles() == [1, 4, 9, 16])
    #expect(try Tensor.binary(.add, tensor([0, 2], [], dtype), y).shape == [0, 2])
}

@Test func logicalOps() throws {
    let x = try tensor([4], [1, 1, 0, 0], .bool), y = try tensor([4], [1, 0, 1, 0], .bool)
    #expect(try Tensor.binary(.logicalAnd, x, y).scalarDoubles() == [1, 0, 0, 0])
    #expect(try Tensor.binary(.logicalOr, x, y).scalarDoubles() == [1, 1, 1, 0])
    #expect(try Tensor.binary(.equal, x, y).scalarDoubles() == [1, 0, 0, 1])
    #expect(try x.unary(.logicalNot).scalarDoubles() == [0, 0, 1, 1])
    // tf.math.logical_and on float32 inputs
    #expect(error { _ = try Tensor.binary(.logicalAnd, tensor([1], [1]), tensor([1], [1])) }
            == invalid("cannot compute LogicalAnd as input #0(zero-based) was expected to be a bool tensor but is a float tensor"))
    // tf.raw_ops.AddV2 on bool inputs
    #expect(error { _ = try Tensor.binary(.add, x, y) }
            == invalid("Value for attr 'T' of bool is not in the list of allowed values: bfloat16, half, float, double, uint8, uint16, uint32, uint64, int8, int16, int32, int64, complex64, complex128"))
    #expect(error { _ = try Tensor.binary(.less, x, y) }
            == invalid("Value for attr 'T' of bool is not in the list of allowed values: float, double, int32, uint8, int16, int8, int64, bfloat16, uint16, half, uint32, uint64"))
}

@Test func mismatchedDTypesAreRejected() {
    // tf.constant([1, 2, 3]) + 0.5
    #expect(error { _ = try Tensor.binary(.add, Tensor(Int32(1)), Tensor(Float(0.5))) }
            == invalid("cannot compute AddV2 as input #1(zero-based) was expected to be a int32 tensor but is a float tensor"))
}

@Test func unaryFloatOps() throws {
    // tf.round([0.5, 1.5, 2.5, -0.5, -1.5, 2.4]) -> [0., 2., 2., -0., -2., 2.]
    #expect(values(try tensor([6], [0.5, 1.5, 2.5, -0.5, -1.5, 2.4]).unary(.round)) == expected([0, 2, 2, -0.0, -2, 2]))
    // tf.sign([-2., 0., -0., 3., nan]) -> [-1., 0., 0., 1., nan]
    #expect(values(try tensor([5], [-2, 0, -0.0, 3, .nan]).unary(.sign)) == expected([-1, 0, 0, 1, .nan]))
    // tf.nn.relu([-1., nan, 2.]) -> [0., nan, 2.]
    #expect(values(try tensor([3], [-1, .nan, 2]).unary(.relu)) == expected([0, .nan, 2]))
    // tf.sigmoid([-100., 0., 100., 1.]) -> [0., 0.5, 1., 0.7310586]
    #expect(floats(try tensor([4], [-100, 0, 100, 1]).unary(.sigmoid)) == [0, 0.5, 1, 0.7310586])
    // tf.math.rsqrt([4., 0., -1.]) -> [0.5, inf, nan]
    #expect(values(try tensor([3], [4, 0, -1]).unary(.rsqrt)) == expected([0.5, .infinity, .nan]))
    let x = try tensor([2], [-1.5, 2.25], .float64)
    #expect(try x.unary(.negate).scalarDoubles() == [1.5, -2.25])
    #expect(try x.unary(.abs).scalarDoubles() == [1.5, 2.25])
    #expect(try x.unary(.square).scalarDoubles() == [2.25, 5.0625])
    #expect(try x.unary(.floor).scalarDoubles() == [-2, 2])
    #expect(try x.unary(.ceil).scalarDoubles() == [-1, 3])
    #expect(try x.unary(.reciprocal).scalarDoubles() == [-1 / 1.5, 1 / 2.25])
    #expect(try tensor([1], [4], .float64).unary(.sqrt).scalarDoubles() == [2])
    #expect(try tensor([1], [0], .float64).unary(.exp).scalarDoubles() == [1])
    #expect(try tensor([1], [1], .float64).unary(.log).scalarDoubles() == [0])
    #expect(try tensor([1], [0], .float64).unary(.sin).scalarDoubles() == [0])
    #expect(try tensor([1], [0], .float64).unary(.cos).scalarDoubles() == [1])
    #expect(try tensor([1], [0], .float64).unary(.tan).scalarDoubles() == [0])
    #expect(try tensor([1], [0], .float64).unary(.tanh).scalarDoubles() == [0])
}

@Test(arguments: UnaryOperation.allCases)
func everyUnaryOpKeepsShapeOnEmptyTensors(op: UnaryOperation) throws {
    let dtype: DType = op == .logicalNot ? .bool : .float32
    #expect(try tensor([0, 3], [], dtype).unary(op).shape == [0, 3])
}

@Test func unaryIntegerOps() throws {
    let x = try tensor([3], [-2, 0, 3], .int32)
    // tf.sign([-2, 0, 3]) -> [-1, 0, 1]
    #expect(try x.unary(.sign).scalarInt64s() == [-1, 0, 1])
    #expect(try x.unary(.relu).scalarInt64s() == [0, 0, 3])
    #expect(try x.unary(.square).scalarInt64s() == [4, 0, 9])
    #expect(try x.unary(.round).scalarInt64s() == [-2, 0, 3])
    // tf.square(tf.constant([65536])) -> [0]
    #expect(try tensor([1], [65536], .int32).unary(.square).scalarInt64s() == [0])
    // tf.sqrt(tf.constant([4, 9]))
    #expect(error { _ = try x.unary(.sqrt) }
            == invalid("Value for attr 'T' of int32 is not in the list of allowed values: bfloat16, half, float, double, complex64, complex128"))
    // tf.floor(tf.constant([1]))
    #expect(error { _ = try x.unary(.floor) } == invalid("Value for attr 'T' of int32 is not in the list of allowed values: bfloat16, half, float, double"))
    // tf.abs(tf.constant([True]))
    #expect(error { _ = try Tensor(true).unary(.abs) }
            == invalid("Value for attr 'T' of bool is not in the list of allowed values: bfloat16, half, float, double, int8, int16, int32, int64"))
    // tf.math.logical_not(tf.constant([1.]))
    #expect(error { _ = try Tensor(Float(1)).unary(.logicalNot) }
            == invalid("cannot compute LogicalNot as input #0(zero-based) was expected to be a bool tensor but is a float tensor"))
}

@Test func inPlaceFormReusesTheBufferAndMatchesBinary() throws {
    var x = try tensor([2, 2], [1, 2, 3, 4])
    let copy = x
    try x.formBinary(.multiply, tensor([2], [10, 100]))
    #expect(x.scalarDoubles() == [10, 200, 30, 400])
    // The value it was copied from is untouched.
    #expect(copy.scalarDoubles() == [1, 2, 3, 4])
    var small = try tensor([2], [1, 2])
    try small.formBinary(.add, tensor([2, 2], [1, 1, 1, 1]))
    #expect(small.shape == [2, 2] && small.scalarDoubles() == [2, 3, 2, 3])
    var ints = try tensor([1], [7], .int32)
    try ints.formBinary(.floorDivide, tensor([1], [-2], .int32))
    #expect(ints.scalarInt64s() == [-4])
}

@Test func largeTensorsTakeTheParallelPaths() throws {
    let n = 1 << 18
    let x = try Tensor.range(start: 0, limit: Double(n), delta: 1, dtype: .float32)
    let twice = try Tensor.binary(.add, x, x)
    #expect(twice.double(at: n - 1) == Double(2 * (n - 1)))
    let scaled = try Tensor.binary(.multiply, Tensor(Float(3)), x)
    #expect(scaled.double(at: 12345) == 3 * 12345)
    let grid = try Tensor.binary(.add, x.reshaped([512, 512]), tensor([512, 1], (0..<512).map { Double($0) }))
    #expect(grid.double(at: 511 * 512 + 7) == Double(511 * 512 + 7 + 511))
    #expect(try x.unary(.square).double(at: 1000) == 1_000_000)
}

@Test func inPlaceFormWritesIntoAnUnsharedBuffer() throws {
    func address(_ t: Tensor) -> UnsafeRawPointer? {
        guard case .float32(let a) = t.storage else { return nil }
        return a.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
    }
    var x = try Tensor.range(start: 0, limit: 1000, delta: 1, dtype: .float32)
    let before = address(x)
    try x.formBinary(.add, Tensor(Float(1)))
    #expect(address(x) == before)
    #expect(x.double(at: 999) == 1000)
}

@Test func float32TranscendentalsMatchTensorFlowBits() throws {
    // Eight elements fill one packet (TensorFlow's approximation); the ninth is a tail element.
    let x = try tensor([9], [-7.96, -7.952, -7.492, -7.796, 1.0666667, 3.2, 4.266667, 7.998, 7.998])
    // tf.exp(x)
    #expect(floats(try x.unary(.exp)) == [0.00034915312, 0.0003519575, 0.0005575267, 0.0004113772, 2.9056778, 24.532532, 71.283646, 2975.0024, 2975.0024])
    // tf.sigmoid(x)
    #expect(floats(try x.unary(.sigmoid)) == [0.00034903124, 0.00035183367, 0.0005572162, 0.00041120805, 0.74396247, 0.96083426, 0.9861656, 0.99966395, 0.99966395])
    // tf.tanh(x)
    #expect(floats(try x.unary(.tanh)) == [-1, -1, -0.99999946, -0.99999976, 0.78820217, 0.99668235, 0.99960655, 1, 1])
    // tf.math.log([0.18, 0.188, 0.5, 2., 3., 10., 0.001, 7.5, 0.18]): the same input gives
    // -1.7147985 in the packet and -1.7147983 as the tail element
    let l = try tensor([9], [0.18, 0.188, 0.5, 2, 3, 10, 0.001, 7.5, 0.18])
    #expect(floats(try l.unary(.log)) == [-1.7147985, -1.6713133, -0.6931472, 0.6931472, 1.0986123, 2.3025851, -6.9077554, 2.014903, -1.7147983])
    // tf.sin / tf.cos of [-7.712, -7.532, -7.996, -7.992, 0.5, 1., 3., 100., -7.712]
    let t = try tensor([9], [-7.712, -7.532, -7.996, -7.992, 0.5, 1, 3, 100, -7.712])
    #expect(floats(try t.unary(.sin)) == [-0.98993754, -0.9486102, -0.98993236, -0.99049056, 0.47942555, 0.84147096, 0.14112, -0.50636566, -0.9899375])
    #expect(floats(try t.unary(.cos)) == [0.14150518, 0.31644693, -0.14154127, -0.13758071, 0.87758255, 0.5403023, -0.9899925, 0.8623189, 0.1415052])
    // tf.exp(tf.constant([-7.96])) alone is a tail element: the C library's answer, bits 968298121,
    // one below the packet answer above
    #expect(floats(try tensor([1], [-7.96]).unary(.exp)).map(\.bitPattern) == [968_298_121])
}

@Test func subnormalResultsFlushToZero() throws {
    // tf.sigmoid([-100.]) -> [0.]; tf.exp([-100.] * 9) -> zeros; tf.constant([1e-38]) * 0.1 -> [0.]
    #expect(floats(try tensor([1], [-100]).unary(.sigmoid)) == [0])
    #expect(floats(try tensor([9], [Double](repeating: -100, count: 9)).unary(.exp)) == [Float](repeating: 0, count: 9))
    #expect(floats(try Tensor.binary(.multiply, tensor([1], [1e-38]), tensor([1], [0.1]))) == [0])
    // tf.reduce_sum(tf.constant([1e-39, 1e-39])) -> 0.0
    #expect(floats(try tensor([2], [1e-39, 1e-39]).reduce(.sum, axes: nil, keepDims: false)) == [0])
}
