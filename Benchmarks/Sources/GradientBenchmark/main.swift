// The gradient of tf.reduce_sum(tf.square(x)) for 16M float32 elements, as cells compute it:
// the tape section (square and sum, recorded) and the gradient() call timed apart, beside
// TensorFlow eager doing the same in the same run when the python in TAPELAB_PYTHON imports it.
//
// TapeLab runs on a thread of its own, as a session's cells do: glibc gives such threads their
// own arenas, which map every 64 MB block afresh and unmap it on free, so this measures what a
// session gets, not what the main thread's heap would give. The process's malloc settings are
// left at their defaults.
import Foundation
import Interpreter
import Synchronization
import TensorFlowAPI
import Kernel

// As the server does: run with glibc's thread cache tuned (the process may execute itself again).
AllocatorTuning.reexecuteIfNeeded()

let elements = 1 << 24
let repetitions = 30
let warmUp = 3
/// Longer than the element pool keeps an unused buffer, so the run after it starts cold again.
let idleSeconds = 4.0
let setup = "import tensorflow as tf\nx = tf.linspace(-1., 1., \(elements))"
let tapeSection = "with tf.GradientTape() as t:\n    t.watch(x)\n    y = tf.reduce_sum(tf.square(x))"
let gradientCall = "g = t.gradient(y, x)"
let cleanup = "del g, t, y"

struct Times: Sendable {
    var tape: Double
    var gradient: Double
    var total: Double { tape + gradient }
}

struct TapeLabTimes: Sendable {
    /// Median of `repetitions` executions after `warmUp`: what a session gets running the cells again and again.
    var steady: Times
    /// The session's first execution: every result lands in fresh pages.
    var first: Times
    /// The first execution after `idleSeconds` without any: the pool has returned its buffers.
    var afterIdle: Times
}

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

func measureOnce(_ interpreter: Interpreter) -> Times {
    let tape = milliseconds { run(interpreter, tapeSection) }
    let gradient = milliseconds { run(interpreter, gradientCall) }
    run(interpreter, cleanup)
    return Times(tape: tape, gradient: gradient)
}

func measureTapeLab() -> TapeLabTimes {
    let interpreter = Interpreter(output: { _ in })
    TensorFlowSession().install(into: interpreter)
    run(interpreter, setup)
    let first = measureOnce(interpreter)
    for _ in 1..<warmUp { _ = measureOnce(interpreter) }
    var tapeTimes: [Double] = [], gradientTimes: [Double] = []
    for _ in 0..<repetitions {
        let times = measureOnce(interpreter)
        tapeTimes.append(times.tape)
        gradientTimes.append(times.gradient)
    }
    Thread.sleep(forTimeInterval: idleSeconds)
    let afterIdle = measureOnce(interpreter)
    return TapeLabTimes(steady: Times(tape: median(tapeTimes), gradient: median(gradientTimes)), first: first, afterIdle: afterIdle)
}

/// A value handed from one thread to another.
final class ResultSlot<Value: Sendable>: Sendable {
    let value = Mutex<Value?>(nil)
}

/// Runs `body` on a new thread with a session-sized stack and waits for its result.
func onSessionThread<Result: Sendable>(_ body: @escaping @Sendable () -> Result) -> Result? {
    let slot = ResultSlot<Result>()
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        let result = body()
        slot.value.withLock { $0 = result }
        done.signal()
    }
    thread.stackSize = 64 << 20
    thread.start()
    done.wait()
    return slot.value.withLock { $0 }
}

func measureTensorFlow() -> Times? {
    let python = ProcessInfo.processInfo.environment["TAPELAB_PYTHON"] ?? "python3"
    let script = #"""
import os, sys, time, json
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
try:
    import tensorflow as tf
except Exception:
    print("null"); sys.exit(0)
n, reps, warm = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
x = tf.linspace(-1., 1., n)
tape, grad = [], []
for _ in range(reps + warm):
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
tape, grad = sorted(tape[warm:]), sorted(grad[warm:])
print(json.dumps([tape[len(tape) // 2], grad[len(grad) // 2]]))
"""#
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("tapelab-gradient-bench-\(getpid()).py")
    defer { try? FileManager.default.removeItem(at: file) }
    do {
        try script.write(to: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, file.path, String(elements), String(repetitions), String(warmUp)]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard let values = try JSONSerialization.jsonObject(with: data) as? [Double], values.count == 2 else { return nil }
        return Times(tape: values[0], gradient: values[1])
    } catch {
        return nil
    }
}

guard let tapeLab = onSessionThread(measureTapeLab) else {
    print("GradientBenchmark: the session thread returned no result")
    exit(1)
}
let reference = measureTensorFlow()
print("GradientBenchmark: d/dx reduce_sum(square(x)), x = 16M float32, TapeLab on a session thread")
print("target: TapeLab steady-state total (tape section + gradient()) ≤ 10 ms")
print("steady state: median of \(repetitions) executions after \(warmUp) warm-up ones (TensorFlow likewise); "
      + "first run and after \(Int(idleSeconds)) s idle: one execution each")
print("               TapeLab ms steady state  TapeLab ms first run  TapeLab ms after idle  TensorFlow ms steady state")
func row(_ name: String, _ keyPath: KeyPath<Times, Double>) {
    let tfText = reference.map { String(format: "%26.2f", $0[keyPath: keyPath]) } ?? String(repeating: " ", count: 25) + "—"
    print(name.padding(toLength: 15, withPad: " ", startingAt: 0)
          + String(format: "%23.2f  %20.2f  %21.2f", tapeLab.steady[keyPath: keyPath], tapeLab.first[keyPath: keyPath],
                   tapeLab.afterIdle[keyPath: keyPath])
          + "  " + tfText)
}
row("tape section", \.tape)
row("gradient()", \.gradient)
row("total", \.total)
print(tapeLab.steady.total <= 10 ? "target met" : "target missed")
if reference == nil { print("TensorFlow: not importable by the python in TAPELAB_PYTHON") }
