import Testing
import Tensors
@testable import Autodiff

@Suite struct ShapeAndReductionGradientTests {
    let values = pseudoRandom(24, seed: 11)

    @Test(arguments: [ReductionOperation.sum, .mean, .max, .min, .prod])
    func reductionRules(op: ReductionOperation) throws {
        for axes in [nil, [0], [1], [-1], [0, 2]] as [[Int]?] {
            try checkGradients([values], shapes: [[2, 3, 4]]) { c, x in try c.reduce(op, x[0], axes: axes) }
            try checkGradients([values], shapes: [[2, 3, 4]]) { c, x in try c.reduce(op, x[0], axes: axes, keepDims: true) }
        }
    }

    @Test func prodGradientIsRightAtZero() throws {
        try checkGradients([[2, 0, 3, 0, 0, 5]], shapes: [[2, 3]]) { c, x in try c.reduce(.prod, x[0], axes: [1]) }
    }

    @Test func maxSplitsTheGradientBetweenTies() throws {
        let c = TapeContext()
        let x = try c.constant(Tensor(shape: [4], doubles: [1, 3, 3, 2], dtype: .float32))
        let tape = GradientTape(context: c)
        try tape.enter()
        tape.watch(x)
        let m = try c.reduce(.max, x, axes: nil)
        tape.exit()
        #expect(try tape.gradient(targets: [.tensor(m)], sources: [.tensor(x)])[0]?.value.scalarDoubles() == [0, 0.5, 0.5, 0])
    }

    @Test func matmulRulesForEveryTransposition() throws {
        for (ta, tb) in [(false, false), (false, true), (true, false), (true, true)] {
            try checkGradients([pseudoRandom(6, seed: 1), pseudoRandom(12, seed: 2)],
                               shapes: [ta ? [3, 2] : [2, 3], tb ? [4, 3] : [3, 4]]) { c, x in
                try c.matmul(x[0], x[1], transposeA: ta, transposeB: tb)
            }
        }
    }

    @Test func batchedMatmulWithBroadcastBatch() throws {
        try checkGradients([pseudoRandom(12, seed: 3), pseudoRandom(6, seed: 4)], shapes: [[2, 2, 3], [3, 2]]) { c, x in
            try c.matmul(x[0], x[1])
        }
    }

    @Test func shapeOpRules() throws {
        try checkGradients([values], shapes: [[2, 3, 4]]) { c, x in try c.reshape(x[0], to: [6, -1]) }
        try checkGradients([values], shapes: [[2, 3, 4]]) { c, x in try c.transpose(x[0], permutation: [2, 0, 1]) }
        try checkGradients([values], shapes: [[2, 3, 4]]) { c, x in try c.transpose(x[0], permutation: nil) }
        try checkGradients([values], shapes: [[2, 3, 4]]) { c, x in try c.expandDims(x[0], axis: 1) }
        try checkGradients([Array(values[0..<6])], shapes: [[2, 1, 3]]) { c, x in try c.squeeze(x[0], axes: nil) }
        try checkGradients([Array(values[0..<6])], shapes: [[2, 3]]) { c, x in try c.tile(x[0], multiples: [2, 3]) }
        try checkGradients([Array(values[0..<3])], shapes: [[3]]) { c, x in try c.broadcast(x[0], to: [2, 3]) }
    }

    @Test func concatStackAndSliceRules() throws {
        let a = Array(values[0..<6]), b = Array(values[6..<12])
        try checkGradients([a, b], shapes: [[2, 3], [2, 3]]) { c, x in try c.concat(x, axis: 0) }
        try checkGradients([a, b], shapes: [[2, 3], [2, 3]]) { c, x in try c.concat(x, axis: -1) }
        try checkGradients([a, b], shapes: [[2, 3], [2, 3]]) { c, x in try c.stack(x, axis: 1) }
        try checkGradients([values], shapes: [[2, 3, 4]]) { c, x in
            try c.slice(x[0], [.index(1), .range(start: nil, stop: nil, step: -2), .range(start: 1, stop: 3, step: 1)])
        }
        try checkGradients([values], shapes: [[2, 3, 4]]) { c, x in try c.slice(x[0], [.ellipsis, .index(-1), .newAxis]) }
    }
}
