// Times the Tensors kernels the performance targets name and, in the same run, numpy doing
// the same work, so the figures compare like with like on this machine.
import Foundation
import Tensors

/// Median wall time in seconds of `runs` calls of `body`, after one warm-up call.
func median(runs: Int, _ body: () throws -> Void) rethrows -> Double {
    try body()
    var times: [Double] = []
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return times.sorted()[runs / 2]
}

/// Deterministic values in [-1, 1).
func values(_ count: Int, seed: UInt64) -> [Double] {
    var state = seed
    return (0..<count).map { _ in
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) / Double(1 << 53) * 2 - 1
    }
}

func line(_ name: String, _ seconds: Double, _ extra: String = "") {
    print(name.padding(toLength: 34, withPad: " ", startingAt: 0) + String(format: "%9.3f ms", seconds * 1e3) + extra)
}

let big = 16 * 1024 * 1024
let side = 1024
let flops = 2.0 * Double(side * side * side)

do {
    print("TapeLab Tensors (median)")
    let x = try Tensor(shape: [big], doubles: values(big, seed: 1), dtype: .float32)
    let y = try Tensor(shape: [big], doubles: values(big, seed: 2), dtype: .float32)
    let sum = try median(runs: 21) { _ = try x.reduce(.sum, axes: nil, keepDims: false) }
    line("sum 16M float32", sum)
    // Results of 1 MiB and more come from the element pool, so repeated runs reuse the last
    // result's pages; with the pool off each result lands in fresh pages (numpy's always do).
    let product = try median(runs: 21) { _ = try Tensor.binary(.multiply, x, y) }
    line("multiply 2 x 16M float32", product, "  (result in a pooled buffer)")
    let poolCapacity = ElementBufferPool.shared.capacity
    ElementBufferPool.shared.capacity = 0
    let freshProduct = try median(runs: 21) { _ = try Tensor.binary(.multiply, x, y) }
    ElementBufferPool.shared.capacity = poolCapacity
    line("multiply 2 x 16M float32", freshProduct, "  (result in fresh pages, pool off)")
    // The in-place form writes into the left operand's own buffer (multiplying by ones keeps
    // the values stable across runs).
    var target = x
    let ones = try Tensor.ones(shape: [big], dtype: .float32)
    try target.formBinary(.multiply, ones)
    let inPlace = try median(runs: 21) { try target.formBinary(.multiply, ones) }
    line("multiply in place 16M float32", inPlace)
    let a = try Tensor(shape: [side, side], doubles: values(side * side, seed: 3), dtype: .float32)
    let b = try Tensor(shape: [side, side], doubles: values(side * side, seed: 4), dtype: .float32)
    let mm = try median(runs: 7) { _ = try Tensor.matmul(a, b) }
    line("matmul 1024x1024 float32", mm, String(format: "  %6.1f GFLOP/s", flops / mm / 1e9))
} catch {
    print("TapeLab benchmark failed: \(error)")
}

// The numpy reference, run by the interpreter named in TAPELAB_PYTHON (default python3).
let script = """
import time, sys
try:
    import numpy as np
except ImportError:
    print("numpy: not installed, reference skipped"); sys.exit(0)
def median(runs, f):
    f(); ts = []
    for _ in range(runs):
        t = time.perf_counter(); f(); ts.append(time.perf_counter() - t)
    return sorted(ts)[runs // 2]
def line(name, s, extra=""):
    print(f"{name:<34}{s * 1e3:9.3f} ms{extra}")
rng = np.random.default_rng(0)
x = rng.uniform(-1, 1, 16 * 1024 * 1024).astype(np.float32)
y = rng.uniform(-1, 1, 16 * 1024 * 1024).astype(np.float32)
a = rng.uniform(-1, 1, (1024, 1024)).astype(np.float32)
b = rng.uniform(-1, 1, (1024, 1024)).astype(np.float32)
print(f"numpy {np.__version__} (median)")
line("sum 16M float32", median(21, lambda: x.sum()))
line("multiply 2 x 16M float32", median(21, lambda: x * y))
ones = np.ones_like(x)
line("multiply in place 16M float32", median(21, lambda: np.multiply(x, ones, out=x)))
mm = median(7, lambda: a @ b)
line("matmul 1024x1024 float32", mm, f"  {2 * 1024 ** 3 / mm / 1e9:6.1f} GFLOP/s")
"""
let environment = ProcessInfo.processInfo.environment
let python = environment["TAPELAB_PYTHON"] ?? "python3"
var childEnvironment = environment
// numpy's OpenBLAS picks its own kernels and cache sizes when these are unset.
childEnvironment["OPENBLAS_CORETYPE"] = nil
childEnvironment["OPENBLAS_L2_SIZE"] = nil
let process = Process()
process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
process.arguments = [python, "-c", script]
process.environment = childEnvironment
print("")
// Our lines first: stdout is buffered when piped.
fflush(nil)
do {
    try process.run()
    process.waitUntilExit()
    if process.terminationStatus != 0 { print("numpy reference: \(python) exited with status \(process.terminationStatus)") }
} catch {
    print("numpy reference skipped: cannot run \(python): \(error)")
}
