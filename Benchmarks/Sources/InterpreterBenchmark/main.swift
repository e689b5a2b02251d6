import Foundation
import Interpreter

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

func tapelabSeconds(_ c: Case) -> Double {
    var times: [Double] = []
    let interp = Interpreter()
    _ = interp.execute(c.setup, cell: 1)
    for run in 0..<repeats {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = interp.execute(c.code, cell: run + 2)
        let end = DispatchTime.now().uptimeNanoseconds
        if let error = result.error { print("  TapeLab error: \(error.ename): \(error.evalue)") }
        times.append(Double(end - start) / 1e9)
    }
    return median(times)
}

func cpythonSeconds(_ c: Case) -> Double? {
    let indentedCode = c.code.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
    let script = """
    import time, statistics
    \(c.setup)
    def run():
    \(indentedCode)
    times = []
    for _ in range(\(repeats)):
        t = time.perf_counter()
        run()
        times.append(time.perf_counter() - t)
    print(statistics.median(times))
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

onLargeStack {
    print("InterpreterBenchmark (median of \(repeats) runs)")
    print("case".padding(toLength: 32, withPad: " ", startingAt: 0) + "   TapeLab     CPython   ratio")
    for c in cases {
        let ours = tapelabSeconds(c)
        let theirs = cpythonSeconds(c)
        let ratio = theirs.map { String(format: "%6.2fx", ours / $0) } ?? "   n/a"
        let reference = theirs.map { String(format: "%8.2f ms", $0 * 1000) } ?? "     n/a"
        print(c.name.padding(toLength: 32, withPad: " ", startingAt: 0)
              + String(format: "%8.2f ms", ours * 1000) + "  " + reference + "  " + ratio)
    }
}
