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

    @Test func castBetweenFloatsPassesTheGradient() throws {
        try checkGradients([pseudoRandom(4)], shapes: [[4]], tolerance: 1e-3) { c, x in
            try c.cast(c.cast(x[0], to: .float32), to: .float64)
        }
    }
}
