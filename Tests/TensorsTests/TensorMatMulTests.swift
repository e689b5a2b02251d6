import Testing
@testable import Tensors

@Test(arguments: [DType.float32, .float64, .int32, .int64])
func matmulOfSmallMatrices(dtype: DType) throws {
    let a = try tensor([2, 3], [1, 2, 3, 4, 5, 6], dtype)
    let b = try tensor([3, 2], [7, 8, 9, 10, 11, 12], dtype)
    let c = try Tensor.matmul(a, b)
    // np.array([[1,2,3],[4,5,6]]) @ np.array([[7,8],[9,10],[11,12]]) -> [[58, 64], [139, 154]]
    #expect(c.shape == [2, 2] && c.dtype == dtype && c.scalarDoubles() == [58, 64, 139, 154])
    let ct = try Tensor.matmul(b, a, transposeA: true, transposeB: true)
    #expect(ct.scalarDoubles() == [58, 139, 64, 154])
}

@Test func integerMatmulWraps() throws {
    // tf.matmul([[2147483647]], [[2]]) -> [[-2]]
    #expect(try Tensor.matmul(tensor([1, 1], [2_147_483_647], .int32), tensor([1, 1], [2], .int32)).scalarInt64s() == [-2])
}

@Test func batchedMatmulBroadcastsBatches() throws {
    let a = try Tensor.ones(shape: [2, 1, 2, 3], dtype: .float32)
    let b = try Tensor.ones(shape: [3, 3, 2], dtype: .float32)
    // tf.matmul(tf.ones([2,1,2,3]), tf.ones([3,3,2])).shape -> [2, 3, 2, 2]
    let c = try Tensor.matmul(a, b)
    #expect(c.shape == [2, 3, 2, 2] && c.scalarDoubles().allSatisfy { $0 == 3 })
    #expect(try Tensor.matmul(Tensor.ones(shape: [2, 3], dtype: .float32), Tensor.ones(shape: [2, 3, 2], dtype: .float32)).shape == [2, 2, 2])
    let x = try Tensor.range(start: 0, limit: 8, delta: 1, dtype: .float64).reshaped([2, 2, 2])
    // np.arange(8.).reshape(2,2,2) @ np.arange(8.).reshape(2,2,2)
    #expect(try Tensor.matmul(x, x).scalarDoubles() == [2, 3, 6, 11, 46, 55, 66, 79])
}

@Test func emptyMatmuls() throws {
    let z = try Tensor.matmul(Tensor.ones(shape: [2, 0], dtype: .float32), Tensor.ones(shape: [0, 3], dtype: .float32))
    #expect(z.shape == [2, 3] && z.scalarDoubles() == [0, 0, 0, 0, 0, 0])
    #expect(try Tensor.matmul(Tensor.ones(shape: [0, 4], dtype: .float32), Tensor.ones(shape: [4, 3], dtype: .float32)).shape == [0, 3])
}

@Test func matmulErrorsUseTensorFlowWording() throws {
    let f = { (shape: [Int]) throws -> Tensor in try Tensor.ones(shape: shape, dtype: .float32) }
    // tf.matmul(tf.ones([2,3]), tf.ones([2,2])); tf.ones([3]) @ ...; batch mismatches
    #expect(error { _ = try Tensor.matmul(f([2, 3]), f([2, 2])) } == invalid("Matrix size-incompatible: In[0]: [2,3], In[1]: [2,2]"))
    #expect(error { _ = try Tensor.matmul(f([3]), f([3, 2])) } == invalid("In[0] ndims must be >= 2"))
    #expect(error { _ = try Tensor.matmul(f([2, 3]), f([3])) } == invalid("In[1] ndims must be >= 2"))
    #expect(error { _ = try Tensor.matmul(f([2, 2, 3]), f([3, 3, 2])) }
            == invalid("In[0] and In[1] must have compatible batch dimensions: [2,2,3] vs. [3,3,2]"))
    #expect(error { _ = try Tensor.matmul(f([2, 2, 3]), f([2, 2, 2])) } == invalid("Matrix size-incompatible: In[0]: [2,2,3], In[1]: [2,2,2] 0 0"))
    #expect(error { _ = try Tensor.matmul(tensor([1, 1], [1], .bool), tensor([1, 1], [1], .bool)) }
            == invalid("Value for attr 'T' of bool is not in the list of allowed values: bfloat16, half, float, double, int32, int64, uint8, uint16, uint32, uint64, complex64, complex128"))
}

@Test(arguments: [(7, 5, 3), (13, 33, 50), (64, 70, 45), (97, 131, 66)])
func tiledFloat32KernelMatchesThePlainLoop(m: Int, n: Int, k: Int) throws {
    let av = (0..<(m * k)).map { Double(($0 * 7) % 11) - 5 }
    let bv = (0..<(k * n)).map { Double(($0 * 5) % 13) - 6 }
    let c = try Tensor.matmul(tensor([m, k], av), tensor([k, n], bv))
    // Small integers keep every float32 sum exact, so the reference is exact too.
    var want = [Double](repeating: 0, count: m * n)
    for i in 0..<m { for j in 0..<n { for p in 0..<k { want[i * n + j] += av[i * k + p] * bv[p * n + j] } } }
    #expect(c.scalarDoubles() == want)
}

@Test func float32ProductsRoundLikeTensorFlow() throws {
    let a = try tensor([2, 4], [0.5, 0.1, -1.7, -1.9, 1.4, 1.0, 1.3, 0.1])
    let b = try tensor([4, 2], [1.2, -0.7, -0.2, 1.1, -1.6, -0.8, -1.6, -0.2])
    // tf.matmul(a, b) -> [[6.34, 1.5], [-0.76, -0.9399999]]; rounding each product separately
    // would give -0.75999993 for the third element
    #expect(floats(try Tensor.matmul(a, b)) == [6.34, 1.5, -0.76, -0.9399999])
    #expect(floats(try Tensor.matmul(a.transposed(permutation: nil), b, transposeA: true)) == [6.34, 1.5, -0.76, -0.9399999])
}
