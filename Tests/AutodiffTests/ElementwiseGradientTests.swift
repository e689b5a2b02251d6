import Testing
import Tensors
@testable import Autodiff

@Suite struct ElementwiseGradientTests {
    static let unaryCases: [UnaryOperation] = [.negate, .abs, .square, .sqrt, .rsqrt, .reciprocal, .exp, .log,
                                               .sin, .cos, .tan, .tanh, .sigmoid, .relu]

    @Test(arguments: unaryCases)
    func unaryRuleMatchesFiniteDifferences(op: UnaryOperation) throws {
        // Positive inputs keep sqrt, log, rsqrt in their domains.
        let positive: Set<UnaryOperation> = [.sqrt, .rsqrt, .log, .reciprocal]
        let values = pseudoRandom(6).map { positive.contains(op) ? abs($0) + 0.5 : $0 }
        try checkGradients([values], shapes: [[2, 3]]) { c, x in try c.unary(op, x[0]) }
    }

    @Test func signFloorCeilRoundHaveZeroOrNoGradient() throws {
        let c = TapeContext()
        let x = try c.constant(Tensor(shape: [2], doubles: [1.5, -2.5], dtype: .float32))
        let tape = GradientTape(context: c, persistent: true)
        try tape.enter()
        tape.watch(x)
        let s = try c.unary(.sign, x)
        let f = try c.unary(.floor, x)
        tape.exit()
        let gs = try tape.gradient(targets: [.tensor(s)], sources: [.tensor(x)])
        #expect(gs[0]?.value.scalarDoubles() == [0, 0])
        let gf = try tape.gradient(targets: [.tensor(f)], sources: [.tensor(x)])
        #expect(gf[0] == nil)
    }

    static let binaryCases: [BinaryOperation] = [.add, .subtract, .multiply, .divide, .power, .maximum, .minimum, .modulo]

    @Test(arguments: binaryCases)
    func binaryRuleMatchesFiniteDifferences(op: BinaryOperation) throws {
        let a = pseudoRandom(6, seed: 1).map { op == .power ? abs($0) + 0.5 : $0 * 3 }
        let b = pseudoRandom(6, seed: 2).map { op == .divide || op == .modulo ? abs($0) + 0.5 : $0 * 2 }
        try checkGradients([a, b], shapes: [[2, 3], [2, 3]]) { c, x in try c.binary(op, x[0], x[1]) }
    }

    @Test(arguments: [BinaryOperation.add, .multiply, .divide, .maximum])
    func broadcastInputsGetGradientsOfTheirOwnShape(op: BinaryOperation) throws {
        let a = pseudoRandom(6, seed: 3)
        let b = pseudoRandom(3, seed: 4).map { abs($0) + 0.5 }
        try checkGradients([a, b], shapes: [[2, 3], [3]]) { c, x in try c.binary(op, x[0], x[1]) }
        try checkGradients([b, Array(a[0..<2])], shapes: [[3, 1], [2, 1, 1]]) { c, x in try c.binary(op, x[0], x[1]) }
    }

    @Test func selectRoutesGradientsByCondition() throws {
        let condition = try Tensor(shape: [3], storage: .bool([true, false, true]))
        try checkGradients([pseudoRandom(3, seed: 5), pseudoRandom(3, seed: 6)], shapes: [[3], [3]]) { c, x in
            try c.select(c.constant(condition), x[0], x[1])
        }
    }

    /// The benchmark's gradient, d/dx sum(x²): the scalar upstream times 2x, exactly 2x.
    @Test func squareOfSumGradientIsExactlyTwiceTheInput() throws {
        let c = TapeContext()
        let values = pseudoRandom((1 << 18) + 5, seed: 7)
        let x = try c.constant(Tensor(shape: [values.count], doubles: values, dtype: .float32))
        let tape = GradientTape(context: c)
        try tape.enter()
        tape.watch(x)
        let y = try c.reduce(.sum, c.unary(.square, x), axes: nil)
        tape.exit()
        let g = try #require(try tape.gradient(targets: [.tensor(y)], sources: [.tensor(x)])[0])
        #expect(g.shape == x.shape)
        let twice = try Tensor.binary(.multiply, x.value, Tensor(Float(2)))
        #expect(bits(g.value) == bits(twice))
    }

    /// A full-shape upstream takes the fused pass too, with the bits of the two multiplications
    /// `(g * 2) * x` it replaces, overflow and flushed subnormals included.
    @Test(arguments: [DType.float32, .float64])
    func fusedSquareGradientMatchesTheUnfusedRule(dtype: DType) throws {
        let c = TapeContext()
        let count = 3000
        let big = dtype == .float32 ? 3e38 : 1.7e308
        let tiny = dtype == .float32 ? 1e-38 : 2.3e-308
        let xs = pseudoRandom(count, seed: 8).enumerated().map { $0 % 7 == 0 ? $1 * tiny : $1 }
        let ws = pseudoRandom(count, seed: 9).enumerated().map { $0 % 5 == 0 ? $1 * big : $1 * 3 }
        let x = try c.constant(Tensor(shape: [30, 100], doubles: xs, dtype: dtype))
        let w = try c.constant(Tensor(shape: [30, 100], doubles: ws, dtype: dtype))
        let tape = GradientTape(context: c)
        try tape.enter()
        tape.watch(x)
        let loss = try c.reduce(.sum, c.multiply(c.unary(.square, x), w), axes: nil)
        tape.exit()
        let g = try #require(try tape.gradient(targets: [.tensor(loss)], sources: [.tensor(x)])[0])
        // The upstream reaching square is 1 * w = w, so the unfused rule gave (w * 2) * x.
        let unfused = try Tensor.binary(.multiply, Tensor.binary(.multiply, w.value, Tensor(shape: [], doubles: [2], dtype: dtype)), x.value)
        #expect(g.shape == [30, 100])
        #expect(bits(g.value) == bits(unfused))
    }

    /// While an outer tape records, square's gradient stays made of recorded ops.
    @Test func squareGradientUnderAnOuterTapeHasASecondDerivative() throws {
        let c = TapeContext()
        let x = try c.constant(Tensor(shape: [3], doubles: [1, -2, 0.5], dtype: .float32))
        let outer = GradientTape(context: c), inner = GradientTape(context: c)
        try outer.enter()
        try inner.enter()
        outer.watch(x)
        inner.watch(x)
        let y = try c.reduce(.sum, c.unary(.square, x), axes: nil)
        inner.exit()
        let dy = try #require(try inner.gradient(targets: [.tensor(y)], sources: [.tensor(x)])[0])
        let total = try c.reduce(.sum, dy, axes: nil)
        outer.exit()
        let d2 = try outer.gradient(targets: [.tensor(total)], sources: [.tensor(x)])[0]
        #expect(dy.value.scalarDoubles() == [2, -4, 1])
        #expect(d2?.value.scalarDoubles() == [2, 2, 2])
    }

    @Test func castBetweenFloatsPassesTheGradient() throws {
        try checkGradients([pseudoRandom(4)], shapes: [[4]], tolerance: 1e-3) { c, x in
            try c.cast(c.cast(x[0], to: .float32), to: .float64)
        }
    }
}

/// The elements' bit patterns, for exact comparisons that also tell -0 from 0.
private func bits(_ t: Tensor) -> [UInt64] {
    switch t.storage {
    case .float32(let a): return a.map { UInt64($0.bitPattern) }
    case .float64(let a): return a.map(\.bitPattern)
    default: return []
    }
}
