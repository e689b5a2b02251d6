import Testing
import Tensors
@testable import Autodiff

@Suite struct GradientTapeTests {
    let c = TapeContext()

    func scalar(_ x: Double) throws -> TrackedTensor { try c.scalar(x, .float32) }

    @Test func nonPersistentTapeAnswersOnce() throws {
        let x = try scalar(3)
        let tape = GradientTape(context: c)
        try tape.enter()
        tape.watch(x)
        let y = try c.multiply(x, x)
        let z = try c.multiply(y, y)
        tape.exit()
        #expect(try tape.gradient(targets: [.tensor(z)], sources: [.tensor(x)])[0]?.value.scalarDoubles() == [108])
        #expect(throws: AutodiffError.nonPersistentTapeUsed) {
            try tape.gradient(targets: [.tensor(y)], sources: [.tensor(x)])
        }
    }

    @Test func persistentTapeAnswersAgain() throws {
        let x = try scalar(3)
        let tape = GradientTape(context: c, persistent: true)
        try tape.enter()
        tape.watch(x)
        let y = try c.multiply(x, x)
        let z = try c.multiply(y, y)
        tape.exit()
        #expect(try tape.gradient(targets: [.tensor(z)], sources: [.tensor(x)])[0]?.value.scalarDoubles() == [108])
        #expect(try tape.gradient(targets: [.tensor(y)], sources: [.tensor(x)])[0]?.value.scalarDoubles() == [6])
    }

    /// The lab's cells 8–14: the first gradient taken while the outer tape records is itself recorded.
    @Test func nestedTapesGiveSecondDerivatives() throws {
        let x = try c.makeVariable(Tensor(Float(1)), name: "x")
        let outer = GradientTape(context: c), inner = GradientTape(context: c)
        try outer.enter()
        try inner.enter()
        let y = try c.multiply(c.multiply(c.read(x), c.read(x)), c.read(x))
        let dy = try inner.gradient(targets: [.tensor(y)], sources: [.variable(x)])[0]
        inner.exit()
        let d2y = try outer.gradient(targets: [.tensor(#require(dy))], sources: [.variable(x)])[0]
        outer.exit()
        #expect(dy?.value.scalarDoubles() == [3])
        #expect(d2y?.value.scalarDoubles() == [6])
    }

    /// The lab's cells 10 and 11: a first gradient taken after the outer tape stopped leaves it blind.
    @Test func firstGradientOutsideOuterTapeGivesNone() throws {
        let x = try c.makeVariable(Tensor(Float(1)), name: "x")
        let outer = GradientTape(context: c, persistent: true), inner = GradientTape(context: c, persistent: true)
        try outer.enter()
        try inner.enter()
        let y = try c.multiply(c.multiply(c.read(x), c.read(x)), c.read(x))
        inner.exit()
        outer.exit()
        let dy = try inner.gradient(targets: [.tensor(y)], sources: [.variable(x)])[0]
        #expect(dy?.value.scalarDoubles() == [3])
        #expect(try outer.gradient(targets: [.tensor(#require(dy))], sources: [.variable(x)])[0] == nil)
    }

    @Test func thirdDerivativeThroughThreeTapes() throws {
        let x = try scalar(2)
        let t3 = GradientTape(context: c), t2 = GradientTape(context: c), t1 = GradientTape(context: c)
        for t in [t3, t2, t1] { try t.enter(); t.watch(x) }
        let y = try c.multiply(c.multiply(c.multiply(x, x), x), x)  // x⁴
        let d1 = try #require(try t1.gradient(targets: [.tensor(y)], sources: [.tensor(x)])[0])
        let d2 = try #require(try t2.gradient(targets: [.tensor(d1)], sources: [.tensor(x)])[0])
        let d3 = try #require(try t3.gradient(targets: [.tensor(d2)], sources: [.tensor(x)])[0])
        #expect(d1.value.scalarDoubles() == [32] && d2.value.scalarDoubles() == [48] && d3.value.scalarDoubles() == [48])
    }

    @Test func persistentTapeDifferentiatesItsOwnGradient() throws {
        let x = try scalar(3)
        let tape = GradientTape(context: c, persistent: true)
        try tape.enter()
        tape.watch(x)
        let y = try c.multiply(x, x)
        let g = try #require(try tape.gradient(targets: [.tensor(y)], sources: [.tensor(x)])[0])
        tape.exit()
        #expect(try tape.gradient(targets: [.tensor(g)], sources: [.tensor(x)])[0]?.value.scalarDoubles() == [2])
    }

    @Test func unwatchedAndUnconnectedSources() throws {
        let x = try scalar(3), other = try scalar(1)
        let tape = GradientTape(context: c, persistent: true)
        try tape.enter()
        let y = try c.multiply(x, x)
        tape.watch(other)
        tape.exit()
        #expect(try tape.gradient(targets: [.tensor(y)], sources: [.tensor(x)])[0] == nil)
        let zeros = try tape.gradient(targets: [.tensor(y)], sources: [.tensor(other)], unconnectedAsZeros: true)
        #expect(zeros[0]?.value.scalarDoubles() == [0])
        // A target that is its own source has gradient one, watched or not.
        #expect(try tape.gradient(targets: [.tensor(x)], sources: [.tensor(x)])[0]?.value.scalarDoubles() == [1])
    }

    @Test func integerSourcesGetNoGradient() throws {
        let i = try c.constant(Tensor(Int32(3)))
        let tape = GradientTape(context: c)
        try tape.enter()
        tape.watch(i)
        let y = try c.multiply(i, i)
        tape.exit()
        #expect(try tape.gradient(targets: [.tensor(y)], sources: [.tensor(i)])[0] == nil)
    }

    @Test func stopRecordingAndReset() throws {
        let x = try scalar(2)
        let tape = GradientTape(context: c, persistent: true)
        try tape.enter()
        tape.watch(x)
        let y = try c.multiply(x, x)
        #expect(tape.suspendRecording())
        let z = try c.multiply(y, x)
        tape.resumeRecording()
        tape.exit()
        #expect(try tape.gradient(targets: [.tensor(z)], sources: [.tensor(x)])[0] == nil)
        #expect(try tape.gradient(targets: [.tensor(y)], sources: [.tensor(x)])[0]?.value.scalarDoubles() == [4])
        tape.reset()
        #expect(try tape.gradient(targets: [.tensor(y)], sources: [.tensor(x)])[0] == nil)
        #expect(!tape.suspendRecording())
    }

    @Test func accessedVariablesAreWatchedInCreationOrder() throws {
        let a = try c.makeVariable(Tensor(Float(1)), name: "a")
        let b = try c.makeVariable(Tensor(Float(2)), name: "b")
        let frozen = try c.makeVariable(Tensor(Float(3)), name: "f", trainable: false)
        let tape = GradientTape(context: c)
        try tape.enter()
        let y = try c.multiply(c.multiply(c.read(b), c.read(a)), c.read(frozen))
        tape.exit()
        #expect(tape.watchedVariables.map(\.name) == ["a", "b"])
        let g = try tape.gradient(targets: [.tensor(y)], sources: [.variable(a), .variable(b), .variable(frozen)])
        #expect(g[0]?.value.scalarDoubles() == [6] && g[1]?.value.scalarDoubles() == [3] && g[2] == nil)

        let manual = GradientTape(context: c, watchAccessedVariables: false)
        try manual.enter()
        let w = try c.multiply(c.read(a), c.read(b))
        manual.exit()
        #expect(manual.watchedVariables.isEmpty)
        #expect(try manual.gradient(targets: [.tensor(w)], sources: [.variable(a)])[0] == nil)
    }

    @Test func severalTargetsSumAndOutputGradientsWeigh() throws {
        let x = try scalar(3)
        let tape = GradientTape(context: c, persistent: true)
        try tape.enter()
        tape.watch(x)
        let y = try c.multiply(x, x), z = try c.multiply(x, try scalar(5))
        tape.exit()
        #expect(try tape.gradient(targets: [.tensor(y), .tensor(z)], sources: [.tensor(x)])[0]?.value.scalarDoubles() == [11])
        let weighted = try tape.gradient(targets: [.tensor(y)], sources: [.tensor(x)], outputGradients: [try scalar(10)])
        #expect(weighted[0]?.value.scalarDoubles() == [60])
    }

    @Test func jacobianOfElementwiseSquare() throws {
        let x = try c.constant(Tensor(shape: [3], doubles: [1, 2, 3], dtype: .float32))
        let tape = GradientTape(context: c)
        try tape.enter()
        tape.watch(x)
        let y = try c.multiply(x, x)
        tape.exit()
        let j = try #require(try tape.jacobian(target: .tensor(y), source: .tensor(x)))
        #expect(j.shape == [3, 3])
        #expect(j.value.scalarDoubles() == [2, 0, 0, 0, 4, 0, 0, 0, 6])
    }

    @Test func reenteringAnActiveTapeIsAnError() throws {
        let tape = GradientTape(context: c)
        try tape.enter()
        #expect(throws: AutodiffError.tapeAlreadyActive) { try tape.enter() }
        tape.exit()
    }
}
