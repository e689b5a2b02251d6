import ConformanceSupport
import Foundation
import Testing
@testable import Interpreter

@Test func interruptStopsARunawayLoopWithinMillisecondsAndKeepsState() throws {
    let s = Session()
    s.run("before = 41")
    let token = s.interp.cancellation
    let started = Date()
    DispatchQueue.global().asyncAfter(deadline: .now() + 0.05) { token.interrupt() }
    let out = try #require(onLargeStack { s.run("before += 1\nwhile True:\n    pass") })
    let elapsed = Date().timeIntervalSince(started)
    #expect(out == "KeyboardInterrupt: ")
    // The loop never ends by itself; the bound is loose because CI shares two cores with other tests.
    #expect(elapsed < 5.0)
    #expect(s.run("before") == "42")
}

@Test func deadlineRaisesTimeoutErrorAndKeepsState() throws {
    let s = Session()
    s.interp.cancellation.setDeadline(secondsFromNow: 0.05)
    let out = try #require(onLargeStack { s.run("n = 0\nwhile True:\n    n += 1") })
    #expect(out.hasPrefix("TimeoutError: "))
    #expect(s.run("n > 0") == "True")
    s.interp.cancellation.reset()
    #expect(s.run("n = 1\nn") == "1")
}

@Test func interruptReachesDeepRecursionAndComprehensions() throws {
    let s = Session()
    let token = s.interp.cancellation
    DispatchQueue.global().asyncAfter(deadline: .now() + 0.05) { token.interrupt() }
    let out = try #require(onLargeStack { s.run("def f(n):\n    return sum(i for i in range(n)) + f(n)\nf(10**9)") })
    #expect(out == "KeyboardInterrupt: ")
}

@Test func recursionLimitRaisesRecursionError() throws {
    let s = Session()
    let out = try #require(onLargeStack { s.run("def f(n):\n    return f(n + 1)\nf(0)") })
    #expect(out == "RecursionError: maximum recursion depth exceeded")
    let ok = try #require(onLargeStack { s.run("def g(n):\n    return 0 if n == 0 else 1 + g(n - 1)\ng(900)") })
    #expect(ok == "900")
    let method = try #require(onLargeStack {
        s.run("class A:\n    def __repr__(self):\n        return repr(self)\nrepr(A())")
    })
    #expect(method.hasPrefix("RecursionError: maximum recursion depth exceeded"))
}

@Test func recursionFitsInTheDocumentedStack() throws {
    // 64 MiB is the documented stack for the default limit of 1000 frames.
    let done = DispatchSemaphore(value: 0)
    let box = TextBox()
    let thread = Thread {
        let s = Session()
        box.text = s.run("def f(n):\n    x = [n, {'k': (n, n)}]\n    return f(n + 1) + x[0]\nf(0)")
        done.signal()
    }
    thread.stackSize = 64 << 20
    thread.start()
    done.wait()
    #expect(box.text == "RecursionError: maximum recursion depth exceeded")
}

@Test func nestedAndSelfContainingContainersAreBounded() throws {
    let s = Session()
    #expect(s.run("a = [1]\na.append(a)\na") == "[1, [...]]")
    #expect(s.run("d = {}\nd['self'] = d\nd") == "{'self': {...}}")
    let deep = try #require(onLargeStack {
        s.run("x = []\nfor _ in range(100000):\n    x = [x]\nrepr(x)")
    })
    #expect(deep == "RecursionError: maximum recursion depth exceeded while getting the repr of an object")
    let compare = try #require(onLargeStack {
        s.run("y = []\nfor _ in range(100000):\n    y = [y]\nz = []\nfor _ in range(100000):\n    z = [z]\ny == z")
    })
    #expect(compare == "RecursionError: maximum recursion depth exceeded in comparison")
}

@Test func hugeIntegersAreBounded() throws {
    let s = Session()
    let out = try #require(onLargeStack { s.run("10 ** 10 ** 10") })
    #expect(out == "MemoryError: ")
    #expect(s.run("len(str(10 ** 4299))") == "4300")
    #expect(s.run("str(10 ** 5000)") == "ValueError: Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit")
    #expect(s.run("int('1' * 5000)") == "ValueError: Exceeds the limit (4300 digits) for integer string conversion: value has 5000 digits; use sys.set_int_max_str_digits() to increase the limit")
    #expect(s.run("x = 1 << 100000\nx.bit_length()") == "100001")
}

@Test func deepSourceNestingDoesNotCrash() throws {
    let s = Session()
    let source = String(repeating: "(", count: 10000) + "1" + String(repeating: ")", count: 10000)
    let out = try #require(onLargeStack { s.run(source) })
    #expect(out.hasPrefix("SyntaxError") || out.hasPrefix("RecursionError") || out == "1")
}

@Test func cellsCannotReachTheSystem() {
    let s = Session()
    #expect(s.run("open('x')") == "NameError: name 'open' is not defined")
    #expect(s.run("exec('1')") == "NameError: name 'exec' is not defined")
    #expect(s.run("eval('1')") == "NameError: name 'eval' is not defined")
    #expect(s.run("__import__('os')") == "NameError: name '__import__' is not defined")
    #expect(s.run("import sys") == "ModuleNotFoundError: No module named 'sys'")
    #expect(s.run("import subprocess") == "ModuleNotFoundError: No module named 'subprocess'")
}

@Test func deeplyNestedObjectsAreFreedWithoutDeepRecursion() throws {
    // Built on a large stack, freed on a 512 KiB one: freeing must not recurse per nesting level.
    let done = DispatchSemaphore(value: 0)
    final class Holder: @unchecked Sendable { var session: Session? = Session() }
    let holder = Holder()
    holder.session?.run("""
        x = []
        t = ()
        d = {}
        class Node:
            pass
        n = None
        for _ in range(200000):
            x = [x]
            t = (t,)
            d = {'k': d}
            m = Node()
            m.next = n
            n = m
        """)
    let thread = Thread {
        holder.session = nil
        done.signal()
    }
    thread.stackSize = 512 << 10
    thread.start()
    done.wait()
    #expect(holder.session == nil)
}
