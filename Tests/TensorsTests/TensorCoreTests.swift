import Testing
@testable import Tensors

@Test func shapeMustMatchStorage() throws {
    #expect(throws: TensorError.invalidArgument("Input to reshape is a tensor with 3 values, but the requested shape has 4")) {
        try Tensor(shape: [2, 2], storage: .float32([1, 2, 3]))
    }
    let t = try Tensor(shape: [3], storage: .int32([1, 2, 3]))
    #expect(t.dtype == .int32 && t.rank == 1 && t.byteCount == 12)
}

@Test func elementCountOverflowIsAnError() {
    #expect(throws: TensorError.self) { try TensorLimits.elementCount(of: [Int.max, 2], dtype: .float32) }
    #expect(throws: TensorError.self) { try TensorLimits.elementCount(of: [100000, 100000], dtype: .float32) }
}
