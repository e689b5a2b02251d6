import Testing
import Tensors
@testable import Autodiff

@Suite struct MemoryTests {
    @Test func droppingATapeReleasesWhatItRecorded() throws {
        let c = TapeContext()
        let before = c.memory.liveBytes
        do {
            let x = try c.constant(Tensor.ones(shape: [1000], dtype: .float32))
            var tape: GradientTape? = GradientTape(context: c, persistent: true)
            try tape?.enter()
            tape?.watch(x)
            for _ in 0..<10 { _ = try c.unary(.exp, c.multiply(x, x)) }
            tape?.exit()
            // The tape keeps alive what its rules need (each exp's output)…
            #expect(c.memory.liveBytes == before + 11 * 4000)
            tape = nil
            // …and frees them when dropped; only `x` is left.
            #expect(c.memory.liveBytes == before + 4000)
        }
        #expect(c.memory.liveBytes == before)
    }

    @Test func nonPersistentGradientReleasesRecords() throws {
        let c = TapeContext()
        let x = try c.constant(Tensor.ones(shape: [1000], dtype: .float32))
        let tape = GradientTape(context: c)
        try tape.enter()
        tape.watch(x)
        var y: TrackedTensor? = try c.unary(.exp, c.multiply(x, x))
        tape.exit()
        _ = try tape.gradient(targets: [.tensor(#require(y))], sources: [.tensor(x)])
        y = nil
        #expect(c.memory.liveBytes == 4000)
    }

    /// A large result's buffer stays in the element pool after its tensor goes, but the session's
    /// account counts tensors only: the budget sees nothing of it.
    @Test func pooledBuffersAreNotChargedToTheSession() throws {
        let c = TapeContext(memory: MemoryAccount(budget: 12 << 20))
        let count = (1 << 20) + 56
        let x = try c.constant(Tensor.ones(shape: [count], dtype: .float32))
        for _ in 0..<4 {
            // Each square's 4 MiB would pass the budget on the third round if freed buffers counted.
            var y: TrackedTensor? = try c.unary(.square, x)
            #expect(c.memory.liveBytes == 2 * 4 * count)
            y = nil
            #expect(y == nil && c.memory.liveBytes == 4 * count)
        }
    }

    @Test func budgetRefusesTensorsPastIt() throws {
        let c = TapeContext(memory: MemoryAccount(budget: 10_000))
        let kept = try c.constant(Tensor.ones(shape: [2000], dtype: .float32))
        #expect(throws: TensorError.self) { try c.multiply(kept, kept) }
        #expect(c.memory.liveBytes == 8000)
    }
}
