import Testing
import Tensors
@testable import Autodiff

/// Checks the gradients a tape computes for `f` against central finite differences, in float64.
///
/// The scalar differentiated is `sum(f(inputs) * weights)` with fixed pseudo-random weights, so
/// every element of the output contributes with a different factor.
func checkGradients(_ inputs: [[Double]], shapes: [[Int]], tolerance: Double = 1e-6,
                    sourceLocation: SourceLocation = #_sourceLocation,
                    _ f: (TapeContext, [TrackedTensor]) throws -> TrackedTensor) throws {
    let context = TapeContext()
    let tensors = try zip(inputs, shapes).map { try context.constant(Tensor(shape: $1, doubles: $0, dtype: .float64)) }
    let tape = GradientTape(context: context)
    try tape.enter()
    for t in tensors { tape.watch(t) }
    let output = try f(context, tensors)
    let weights = try context.constant(Tensor(shape: output.shape, doubles: pseudoRandom(output.value.count), dtype: .float64))
    let loss = try context.reduce(.sum, context.multiply(output, weights), axes: nil)
    tape.exit()
    let analytic = try tape.gradient(targets: [.tensor(loss)], sources: tensors.map { .tensor($0) })

    func lossValue(_ values: [[Double]]) throws -> Double {
        let plain = TapeContext()
        let xs = try zip(values, shapes).map { try plain.constant(Tensor(shape: $1, doubles: $0, dtype: .float64)) }
        let out = try f(plain, xs)
        return zip(out.value.scalarDoubles(), weights.value.scalarDoubles()).reduce(0) { $0 + $1.0 * $1.1 }
    }

    let h = 1e-6
    for (which, values) in inputs.enumerated() {
        let gradient = try #require(analytic[which], "no gradient for input \(which)", sourceLocation: sourceLocation)
        #expect(gradient.shape == shapes[which], sourceLocation: sourceLocation)
        let computed = gradient.value.scalarDoubles()
        for index in values.indices {
            var plus = inputs, minus = inputs
            plus[which][index] += h
            minus[which][index] -= h
            let numeric = (try lossValue(plus) - lossValue(minus)) / (2 * h)
            let scale = max(1, abs(numeric))
            #expect(abs(computed[index] - numeric) <= tolerance * scale * 100,
                    "input \(which)[\(index)]: tape \(computed[index]) vs finite difference \(numeric)",
                    sourceLocation: sourceLocation)
        }
    }
}

/// Deterministic values in [-1, 1) that avoid the kinks of abs, relu and friends at 0.
func pseudoRandom(_ count: Int, seed: UInt64 = 0x9E3779B97F4A7C15) -> [Double] {
    var state = seed
    return (0..<count).map { _ in
        state = state &* 6364136223846793005 &+ 1442695040888963407
        let unit = Double(state >> 11) / Double(1 << 53)
        let value = unit * 2 - 1
        return abs(value) < 0.05 ? value + 0.1 : value
    }
}
