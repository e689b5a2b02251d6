// Each of the seed lab's 14 cells, parsed and run in a warm session (the cells run in order,
// round after round, so each finds the state its predecessors leave), beside TensorFlow eager
// running the same cells the same way when the python in TAPELAB_PYTHON can import it.
import Foundation
import Interpreter
import TensorFlowAPI
import Kernel

// As the server does: run with glibc's thread cache tuned (the process may execute itself again).
AllocatorTuning.reexecuteIfNeeded()

let rounds = 2000
let warmUpRounds = 50

/// Median of nanosecond samples, in microseconds.
func medianMicroseconds(_ samples: [UInt64]) -> Double {
    let sorted = samples.sorted()
    guard !sorted.isEmpty else { return .nan }
    return Double(sorted[sorted.count / 2]) / 1000
}

func measureTapeLab() -> [Double] {
    let interpreter = Interpreter(output: { _ in })
    TensorFlowSession().install(into: interpreter)
    var samples = [[UInt64]](repeating: [], count: labCells.count)
    for round in 0..<(warmUpRounds + rounds) {
        for (index, cell) in labCells.enumerated() {
            let start = DispatchTime.now().uptimeNanoseconds
            let result = interpreter.execute(cell, cell: index + 1)
            let elapsed = DispatchTime.now().uptimeNanoseconds - start
            if let error = result.error {
                print("cell \(index + 1) failed: \(error.ename): \(error.evalue)")
            }
            if round >= warmUpRounds { samples[index].append(elapsed) }
        }
    }
    return samples.map(medianMicroseconds)
}

/// TensorFlow's medians in microseconds, or nil when it cannot be run.
func measureTensorFlow() -> [Double]? {
    let python = ProcessInfo.processInfo.environment["TAPELAB_PYTHON"] ?? "python3"
    let script = #"""
import os, sys, json, time, io, contextlib
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
try:
    import tensorflow as tf
except Exception:
    print("null"); sys.exit(0)
cells = json.load(open(sys.argv[1]))
rounds, warm = int(sys.argv[2]), int(sys.argv[3])
ns = {}
samples = [[] for _ in cells]
sink = io.StringIO()
for r in range(warm + rounds):
    for i, src in enumerate(cells):
        t0 = time.perf_counter_ns()
        with contextlib.redirect_stdout(sink):
            exec(compile(src, "<cell>", "exec"), ns)
        t1 = time.perf_counter_ns()
        if r >= warm: samples[i].append(t1 - t0)
    sink.seek(0); sink.truncate()
print(json.dumps([sorted(s)[len(s) // 2] / 1000 for s in samples]))
"""#
    let directory = FileManager.default.temporaryDirectory
    let cellsFile = directory.appendingPathComponent("tapelab-lab-cells-\(getpid()).json")
    let scriptFile = directory.appendingPathComponent("tapelab-lab-bench-\(getpid()).py")
    defer {
        try? FileManager.default.removeItem(at: cellsFile)
        try? FileManager.default.removeItem(at: scriptFile)
    }
    do {
        try JSONSerialization.data(withJSONObject: labCells).write(to: cellsFile)
        try script.write(to: scriptFile, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // TensorFlow is much slower per cell; fewer rounds keep the run short and the median stable.
        process.arguments = [python, scriptFile.path, cellsFile.path, "200", "20"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return try JSONSerialization.jsonObject(with: data) as? [Double]
    } catch {
        return nil
    }
}

let ours = measureTapeLab()
let reference = measureTensorFlow()
print("LabBenchmark: median µs per cell, parse + run in a warm session (target ≤ 20 µs); malloc: \(AllocatorTuning.setting), as the server runs")
print("cell  TapeLab µs  TensorFlow µs  speed-up")
for (index, value) in ours.enumerated() {
    let tf = reference.flatMap { index < $0.count ? $0[index] : nil }
    let tfText = tf.map { String(format: "%13.1f", $0) } ?? "            —"
    let ratio = tf.map { String(format: "%8.1f×", $0 / value) } ?? "        —"
    print(String(format: "%4d  %10.2f", index + 1, value) + "  " + tfText + "  " + ratio)
}
let worst = ours.max() ?? .nan
print(String(format: "max of medians: %.2f µs (%@)", worst, worst <= 20 ? "within target" : "over target"))
if reference == nil { print("TensorFlow: not importable by the python in TAPELAB_PYTHON") }
