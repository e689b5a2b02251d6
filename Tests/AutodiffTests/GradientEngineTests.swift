import Testing
import Tensors
@testable import Autodiff

/// The backward walk's bookkeeping: which tensor's gradient lands where.
@Suite struct GradientEngineTests {
    let c = TapeContext()

    func scalar(_ x: Double) throws -> TrackedTensor { try c.scalar(x, .float32) }

    /// A source that an op on the tape produced keeps its own gradient and still passes it on.
    @Test func intermediateSourceKeepsItsGradient() throws {
        let x = try scalar(3)
        let tape = GradientTape(context: c)
        try tape.enter()
        tape.watch(x)
        let y = try c.multiply(x, x)
        let z = try c.multiply(y, y)
        tape.exit()
        let gradients = try tape.gradient(targets: [.tensor(z)], sources: [.tensor(y), .tensor(x)])
        #expect(gradients.map { $0?.value.scalarDoubles() } == [[18], [108]])
    }

    @Test func repeatedSourceGetsTheGradientEachTime() throws {
        let x = try scalar(3)
        let tape = GradientTape(context: c)
        try tape.enter()
        tape.watch(x)
        let y = try c.multiply(x, x)
        tape.exit()
        let gradients = try tape.gradient(targets: [.tensor(y)], sources: [.tensor(x), .tensor(x)])
        #expect(gradients.map { $0?.value.scalarDoubles() } == [[6], [6]])
    }

    @Test func targetThatIsTheSourceHasGradientOne() throws {
        let x = try scalar(3)
        let tape = GradientTape(context: c)
        try tape.enter()
        tape.watch(x)
        _ = try c.multiply(x, x)
        tape.exit()
        #expect(try tape.gradient(targets: [.tensor(x)], sources: [.tensor(x)])[0]?.value.scalarDoubles() == [1])
    }

    /// Records off every path from source to target add nothing, and a constant operand gets no gradient.
    @Test func recordsOffThePathAreSkipped() throws {
        let x = try scalar(3), w = try scalar(5), k = try scalar(2)
        let tape = GradientTape(context: c)
        try tape.enter()
        tape.watch(x)
        tape.watch(w)
        let unrelated = try c.multiply(w, w)
        let y = try c.divide(x, k)
        tape.exit()
        let gradients = try tape.gradient(targets: [.tensor(y)], sources: [.tensor(x), .tensor(w), .tensor(unrelated)])
        #expect(gradients[0]?.value.scalarDoubles() == [0.5])
        #expect(gradients[1] == nil)
        #expect(gradients[2] == nil)
    }

    @Test func quotientRuleForBothOperands() throws {
        let a = try scalar(3), b = try scalar(2)
        let tape = GradientTape(context: c)
        try tape.enter()
        tape.watch(a)
        tape.watch(b)
        let q = try c.divide(a, b)
        tape.exit()
        let gradients = try tape.gradient(targets: [.tensor(q)], sources: [.tensor(a), .tensor(b)])
        #expect(gradients.map { $0?.value.scalarDoubles() } == [[0.5], [-0.75]])
    }

    /// Scalar arithmetic skips the array kernels but must give their bits, flush-to-zero included.
    @Test(arguments: [BinaryOperation.add, .subtract, .multiply, .divide])
    func scalarArithmeticMatchesTheKernels(op: BinaryOperation) throws {
        let pairs: [(Double, Double)] = [(3, 7), (1e-20, 1e-20), (1e-30, -1e10), (.infinity, 0), (-0.0, 0.1), (.nan, 1)]
        for dtype in [DType.float32, .float64] {
            for (u, v) in pairs {
                let a = try Tensor(shape: [], doubles: [u], dtype: dtype), b = try Tensor(shape: [], doubles: [v], dtype: dtype)
                let fast = try #require(Tensor.scalarArithmetic(op, a, b))
                let kernel = try Tensor.binary(op, a, b)
                #expect(fast.dtype == kernel.dtype && fast.shape == kernel.shape)
                #expect(fast.scalarDoubles().map(\.bitPattern) == kernel.scalarDoubles().map(\.bitPattern))
            }
        }
        let vector = try Tensor(shape: [1], doubles: [1], dtype: .float32)
        #expect(Tensor.scalarArithmetic(op, vector, vector) == nil)
        #expect(Tensor.scalarArithmetic(.maximum, Tensor(Float(1)), Tensor(Float(2))) == nil)
    }
}
