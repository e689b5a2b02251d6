import Foundation
import Interpreter
import Kernel

// As the server does: run with glibc's thread cache tuned (the process may execute itself again).
AllocatorTuning.reexecuteIfNeeded()

// Runs loop-heavy cells in TapeLab's interpreter and in CPython (`python3`, timed inside Python
// with time.perf_counter) in the same run, and prints the medians side by side.

struct Case {
    let name: String
    let setup: String
    let code: String
}

let cases = [
    Case(name: "sum of squares 1e6", setup: "", code: "sum(i*i for i in range(10**6))"),
    Case(name: "nested loop appends 1000x1000", setup: "", code: """
        out = []
        for i in range(1000):
            for j in range(1000):
                out.append(i + j)
        """),
    Case(name: "recursive fib(25)", setup: """
        def fib(n):
            if n < 2:
                return n
            return fib(n - 1) + fib(n - 2)
        """, code: "fib(25)"),
]

let repeats = 7

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.isEmpty ? .nan : s[s.count / 2]
}

/// One timed run of the case in a warm interpreter (the setup ran once before).
func tapelabOnce(_ interp: Interpreter, _ c: Case, _ cell: Int) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    let result = interp.execute(c.code, cell: cell)
    let end = DispatchTime.now().uptimeNanoseconds
    if let error = result.error { print("  TapeLab error: \(error.ename): \(error.evalue)") }
    return Double(end - start) / 1e9
}

func tapelabSeconds(_ c: Case) -> Double {
    let interp = Interpreter()
    _ = interp.execute(c.setup, cell: 1)
    return median((0..<repeats).map { tapelabOnce(interp, c, $0 + 2) })
}

/// One timed run of the case in a fresh CPython process, timed inside Python with perf_counter.
func cpythonOnce(_ c: Case) -> Double? {
    let indentedCode = c.code.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
    let script = """
    import time
    \(c.setup)
    def run():
    \(indentedCode)
    t = time.perf_counter()
    run()
    print(time.perf_counter() - t)
    """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script]
    let pipe = Pipe()
    process.standardOutput = pipe
    do { try process.run() } catch { return nil }
    process.waitUntilExit()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    return Double(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
}

/// Runs on a thread with a large stack, as the kernel does.
func onLargeStack(_ body: @escaping @Sendable () -> Void) {
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        body()
        done.signal()
    }
    thread.stackSize = 256 << 20
    thread.start()
    done.wait()
}

// `InterpreterBenchmark --only NAME` runs TapeLab's side of the matching cases only (for profiling).
let arguments = CommandLine.arguments
if arguments.count == 3, arguments[1] == "--only" {
    onLargeStack {
        for c in cases where c.name.contains(arguments[2]) {
            print(c.name, String(format: "%.2f ms", tapelabSeconds(c) * 1000))
        }
    }
    exit(0)
}

onLargeStack {
    // TapeLab and CPython runs alternate so both see the same machine load.
    print("InterpreterBenchmark (median of \(repeats) alternating runs)")
    print("case".padding(toLength: 32, withPad: " ", startingAt: 0) + "   TapeLab     CPython   ratio")
    for c in cases {
        let interp = Interpreter()
        _ = interp.execute(c.setup, cell: 1)
        var ours: [Double] = [], theirs: [Double] = []
        for run in 0..<repeats {
            ours.append(tapelabOnce(interp, c, run + 2))
            if let t = cpythonOnce(c) { theirs.append(t) }
        }
        let o = median(ours)
        let t = theirs.isEmpty ? nil : median(theirs)
        let ratio = t.map { String(format: "%6.2fx", o / $0) } ?? "   n/a"
        let reference = t.map { String(format: "%8.2f ms", $0 * 1000) } ?? "     n/a"
        print(c.name.padding(toLength: 32, withPad: " ", startingAt: 0)
              + String(format: "%8.2f ms", o * 1000) + "  " + reference + "  " + ratio)
    }
    if !arguments.contains("--no-parse") { runParseBenchmark() }
}
