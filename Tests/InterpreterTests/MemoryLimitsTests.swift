import ConformanceSupport
import Foundation
import Testing
@testable import Interpreter

/// Cells that would need gigabytes: each ends in CPython's `MemoryError` (or `OverflowError` for
/// sizes past an index-sized integer) within seconds, and the session keeps its state.
let memoryCases: [(code: String, expected: String)] = [
    ("[0] * 10**10", "MemoryError: "),
    ("'x' * 10**10", "MemoryError: "),
    ("(0,) * 10**10", "MemoryError: "),
    ("[0] * 2**62", "MemoryError: "),
    ("'x' * 2**62", "MemoryError: "),
    ("[0] * 10**20", "OverflowError: cannot fit 'int' into an index-sized integer"),
    ("'x' * 10**20", "OverflowError: cannot fit 'int' into an index-sized integer"),
    ("list(range(10**10))", "MemoryError: "),
    ("tuple(range(10**10))", "MemoryError: "),
    ("set(range(10**10))", "MemoryError: "),
    ("{i: i for i in range(10**10)}", "MemoryError: "),
    ("[i for i in range(10**10)]", "MemoryError: "),
    ("[[0] * 10**6 for _ in range(10**6)]", "MemoryError: "),
    ("s = 'ab'\nwhile True:\n    s += s", "MemoryError: "),
    ("l = [1]\nwhile True:\n    l += l", "MemoryError: "),
    ("l = [1]\nwhile True:\n    l = l + l", "MemoryError: "),
    ("l = []\nwhile True:\n    l.append(1)", "MemoryError: "),
    ("l = []\nwhile True:\n    l.extend([1] * 1000)", "MemoryError: "),
    ("d = {}\ni = 0\nwhile True:\n    d[i] = i\n    i += 1", "MemoryError: "),
    ("l = []\nwhile True:\n    l.append([0] * 10**7)", "MemoryError: "),
    ("l = []\nwhile True:\n    l.append('x' * 10**7)", "MemoryError: "),
    ("' '.join(['ab'] * 10**5) * 10**5", "MemoryError: "),
    ("l = [0] * 10**6\nl *= 10**5", "MemoryError: "),
    ("'a'.ljust(10**10)", "MemoryError: "),
    ("'a'.zfill(10**10)", "MemoryError: "),
    ("'{:{}}'.format(1, 10**10)", "MemoryError: "),
    ("'%*d' % (10**10, 1)", "MemoryError: "),
    ("list(zip(*[range(10**10)]))", "MemoryError: "),
]

/// Serialized: the heap bound measures the whole process, so these cells must not run side by side.
@Suite(.serialized) struct MemoryLimitsTests {
    @Test(arguments: memoryCases.indices)
    func hugeAllocationsRaiseMemoryErrorAndTheSessionSurvives(_ index: Int) throws {
    let (code, expected) = memoryCases[index]
    let s = Session()
    s.interp.memoryLimits.heapGrowthBytes = 128 << 20
    s.run("kept = [1, 2, 3]")
    let started = Date()
    let out = try #require(onLargeStack { s.run(code) })
    #expect(out == expected)
    // A bound, not a measurement: without the limits these cells run until the machine is out of memory.
    #expect(Date().timeIntervalSince(started) < 20)
    #expect(s.run("kept + [len('ok' * 1000)]") == "[1, 2, 3, 2000]")
}

    @Test func memoryLimitsAreConfigurable() throws {
    let s = Session()
    s.interp.memoryLimits.maxContainerElements = 100
    s.interp.memoryLimits.maxStringBytes = 100
    #expect(s.run("len([0] * 100)") == "100")
    #expect(s.run("[0] * 101") == "MemoryError: ")
    #expect(s.run("len('x' * 100)") == "100")
    #expect(s.run("'x' * 101") == "MemoryError: ")
    #expect(s.run("len(list(range(100)))") == "100")
}

    @Test func heapGrowthIsMeasuredPerExecution() throws {
    let s = Session()
    s.interp.memoryLimits.heapGrowthBytes = 256 << 20
    // Each cell stays under the bound; what earlier cells hold does not count against later ones.
    #expect(s.run("a = [0] * (8 << 20)\nlen(a)") == "8388608")
    #expect(s.run("b = [1] * (8 << 20)\nlen(b)") == "8388608")
    #expect(s.run("c = [2] * (8 << 20)\nlen(c)") == "8388608")
    let out = try #require(onLargeStack { s.run("c = []\nwhile True:\n    c.append(len(c))") })
    #expect(out == "MemoryError: ")
    #expect(s.run("len(a) + len(b)") == "16777216")
}

    @Test func residentSizeIsReadFromStatm() {
        let line = Array("12345 678 90 1 0 2 0\n".utf8)
        let bytes = line.withUnsafeBytes { MemoryLimits.residentBytes(statm: $0) }
        #expect(bytes > 0 && bytes % 678 == 0)
        // Readings through the one kept descriptor are live, not the first text cached: touching
        // 256 MiB shows up. Other suites allocate and free concurrently, so a few attempts.
        var grew = false
        for _ in 0..<5 where !grew {
            let before = MemoryLimits.allocatedHeapBytes()
            let block = [UInt8](repeating: 1, count: 256 << 20)
            let after = MemoryLimits.allocatedHeapBytes()
            grew = before > 0 && after >= before + (128 << 20) && block.count > 0
        }
        #expect(grew)
    }
}
