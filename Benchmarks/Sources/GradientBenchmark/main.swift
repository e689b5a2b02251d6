// The gradient of tf.reduce_sum(tf.square(x)) for 16M float32 elements, as cells compute it:
// the tape section (square and sum, recorded) and the gradient() call timed apart, beside
// TensorFlow eager doing the same in the same run when the python in TAPELAB_PYTHON imports it.
import Foundation
import Interpreter
import TensorFlowAPI

let elements = 1 << 24
let repetitions = 30
let setup = "import tensorflow as tf\nx = tf.linspace(-1., 1., \(elements))"
let tapeSection = "with tf.GradientTape() as t:\n    t.watch(x)\n    y = tf.reduce_sum(tf.square(x))"
let gradientCall = "g = t.gradient(y, x)"
let cleanup = "del g, t, y"

func median(_ samples: [Double]) -> Double {
    let sorted = samples.sorted()
    return sorted.isEmpty ? .nan : sorted[sorted.count / 2]
}

func milliseconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
}

func run(_ interpreter: Interpreter, _ code: String) {
    if let error = interpreter.execute(code, cell: 1).error {
        print("failed: \(error.ename): \(error.evalue)")
    }
}

func measureTapeLab() -> (tape: Double, gradient: Double) {
    let interpreter = Interpreter(output: { _ in })
    TensorFlowSession().install(into: interpreter)
    run(interpreter, setup)
    var tapeTimes: [Double] = [], gradientTimes: [Double] = []
    for _ in 0..<repetitions {
        tapeTimes.append(milliseconds { run(interpreter, tapeSection) })
        gradientTimes.append(milliseconds { run(interpreter, gradientCall) })
        run(interpreter, cleanup)
    }
    return (median(tapeTimes), median(gradientTimes))
}

func measureTensorFlow() -> (tape: Double, gradient: Double)? {
    let python = ProcessInfo.processInfo.environment["TAPELAB_PYTHON"] ?? "python3"
    let script = #"""
import os, sys, time, json
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
try:
    import tensorflow as tf
except Exception:
    print("null"); sys.exit(0)
n, reps = int(sys.argv[1]), int(sys.argv[2])
x = tf.linspace(-1., 1., n)
tape, grad = [], []
for _ in range(reps + 3):
    t0 = time.perf_counter_ns()
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.reduce_sum(tf.square(x))
    t1 = time.perf_counter_ns()
    g = t.gradient(y, x)
    _ = g.shape
    t2 = time.perf_counter_ns()
    tape.append((t1 - t0) / 1e6); grad.append((t2 - t1) / 1e6)
    del g, t, y
tape, grad = sorted(tape[3:]), sorted(grad[3:])
print(json.dumps([tape[len(tape) // 2], grad[len(grad) // 2]]))
"""#
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("tapelab-gradient-bench-\(getpid()).py")
    defer { try? FileManager.default.removeItem(at: file) }
    do {
        try script.write(to: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, file.path, String(elements), String(repetitions)]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard let values = try JSONSerialization.jsonObject(with: data) as? [Double], values.count == 2 else { return nil }
        return (values[0], values[1])
    } catch {
        return nil
    }
}

/// glibc's `mallopt` (declared in malloc.h, which the Glibc module leaves out).
@_silgen_name("mallopt")
func mallopt(_ parameter: Int32, _ value: Int32) -> Int32
let mallocTrimThreshold: Int32 = -1
let mallocMmapMax: Int32 = -4

let fresh = measureTapeLab()
#if canImport(Glibc)
// Freed 64 MB buffers otherwise go back to the kernel (glibc maps every block over its mmap
// threshold, at most 32 MB), so every fresh result pays for faulting in and zeroing 16K pages;
// with mmap off and no trimming they stay in the heap and are reused.
_ = mallopt(mallocMmapMax, 0)
_ = mallopt(mallocTrimThreshold, Int32.max)
#endif
let reused = measureTapeLab()
let reference = measureTensorFlow()
print("GradientBenchmark: d/dx reduce_sum(square(x)), x = 16M float32, median of \(repetitions) (target ≤ 10 ms)")
print("               TapeLab ms (fresh pages)  TapeLab ms (heap reuse)  TensorFlow ms")
func row(_ name: String, _ a: Double, _ b: Double, _ tf: Double?) {
    let tfText = tf.map { String(format: "%13.2f", $0) } ?? "            —"
    print(name.padding(toLength: 15, withPad: " ", startingAt: 0) + String(format: "%24.2f  %23.2f", a, b) + "  " + tfText)
}
row("tape section", fresh.tape, reused.tape, reference?.tape)
row("gradient()", fresh.gradient, reused.gradient, reference?.gradient)
row("total", fresh.tape + fresh.gradient, reused.tape + reused.gradient, reference.map { $0.tape + $0.gradient })
if reference == nil { print("TensorFlow: not importable by the python in TAPELAB_PYTHON") }
