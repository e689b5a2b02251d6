import Foundation
import Interpreter

/// Cell 8 of the seed lab (nested tapes), the size of a typical lab cell.
let labCell8 = """
x = tf.Variable(1.0)

with tf.GradientTape() as tape_2:
    with tf.GradientTape() as tape_1:
        y = x * x * x

        # The first gradient calculation should occur at least
        # within the outer with block
        dy_dx = tape_1.gradient(y, x)
        d2y_dx2 = tape_2.gradient(dy_dx, x)

    print(dy_dx)
    print(d2y_dx2)
"""

/// A denser cell: comprehensions, f-strings, a function and a class.
let mixedCell = """
def scale(values, factor=2.0, *, clip=None):
    out = [v * factor for v in values if v is not None]
    if clip is not None:
        out = [min(max(v, -clip), clip) for v in out]
    return out

class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return f"Point({self.x!r}, {self.y:.2f})"

print(scale([1, 2, None, 3], clip=5), {k: v ** 2 for k, v in enumerate(range(4))})
"""

/// Median nanoseconds per call of `body` over `rounds` rounds of `iterations` calls.
func medianNanoseconds(rounds: Int = 25, iterations: Int = 2000, _ body: () -> Int) -> (median: Double, best: Double, sink: Int) {
    var sink = 0
    for _ in 0..<iterations { sink &+= body() }
    var samples: [Double] = []
    for _ in 0..<rounds {
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<iterations { sink &+= body() }
        let elapsed = DispatchTime.now().uptimeNanoseconds - start
        samples.append(Double(elapsed) / Double(iterations))
    }
    samples.sort()
    return (samples[samples.count / 2], samples[0], sink)
}

/// CPython's `compile(source, '<cell>', 'exec')` time per call in microseconds, if `python3` runs.
func cpythonCompileMicroseconds(_ source: String) -> Double? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    let script = "import sys, timeit; s = sys.stdin.read(); n = 2000; "
        + "print(min(timeit.repeat(lambda: compile(s, '<cell>', 'exec'), number=n, repeat=5)) / n * 1e6)"
    process.arguments = ["python3", "-c", script]
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    do {
        try process.run()
    } catch {
        return nil
    }
    input.fileHandleForWriting.write(Data(source.utf8))
    try? input.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Double(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
}

/// Parses lab-sized cells in a loop and prints the median time per parse (target: well under
/// 20 µs for lab cell 8), beside CPython's `compile()` of the same text when `python3` is there.
func runParseBenchmark() {
    for (name, source) in [("lab cell 8", labCell8), ("mixed cell", mixedCell)] {
        let result = medianNanoseconds {
            (try? PythonParser.parse(source))?.count ?? -1
        }
        var line = String(format: "parse %@ (%d bytes): median %.2f µs, best %.2f µs", name, source.utf8.count,
                          result.median / 1000, result.best / 1000)
        if let reference = cpythonCompileMicroseconds(source) {
            line += String(format: "; CPython compile(): %.2f µs", reference)
        }
        print(line + (result.sink == 0 ? " (no statements?)" : ""))
    }
}
