import ConformanceSupport
import Testing
@testable import Interpreter

// The call fast paths: a module-level function called by name is read straight from its global
// slot, the callee's type is checked by class, frames come from a per-function pool, and
// `if n < 2: return n`, `return n`, `n - 1`, `n < 2` read the local slot in place. Each must see
// every rebinding of the name and keep CPython 3.11's errors.

@Test func callSiteSeesRedefinedAndDeletedGlobalFunction() {
    let s = Session()
    #expect(s.run("def f(): return 1\ndef g(): return f()\ng()") == "1")
    #expect(s.run("def f(): return 2\ng()") == "2")
    #expect(s.run("del f\ng()") == "NameError: name 'f' is not defined")
    #expect(s.run("f = lambda: 3\ng()") == "3")
}

@Test func callSiteSeesBuiltinShadowedAfterFirstCall() {
    let s = Session()
    #expect(s.run("def h(x): return len(x)\nh([1, 2])") == "2")
    #expect(s.run("def len(x): return 99\nh([1])") == "99")
    #expect(s.run("del len\nh([1, 2, 3])") == "3")
}

@Test func callSiteSeesGlobalStatementStoresAndDeletes() {
    let s = Session()
    #expect(s.run("def sq(n): return n * n\ndef use(n): return sq(n)\nuse(3)") == "9")
    #expect(s.run("def swap():\n    global sq\n    sq = lambda n: n * 10\nswap()\nuse(3)") == "30")
    #expect(s.run("def drop():\n    global sq\n    del sq\ndrop()\nuse(3)") == "NameError: name 'sq' is not defined")
}

@Test func callSiteSeesGlobalsSetByHost() {
    let s = Session()
    s.run("def one(n): return n + 1\ndef ten(n): return n + 10\ndef use(n): return one(n)")
    #expect(s.run("use(1)") == "2")
    s.interp.setGlobal("one", s.interp.global("ten"))
    #expect(s.run("use(1)") == "11")
    s.interp.setGlobal("one", nil)
    #expect(s.run("use(1)") == "NameError: name 'one' is not defined")
    s.interp.setGlobal("one", .int(5))
    #expect(s.run("use(1)") == "TypeError: 'int' object is not callable")
}

@Test func localSlotFastPathsReportUnboundLocals() {
    let s = Session()
    let message = "UnboundLocalError: cannot access local variable 'n' where it is not associated with a value"
    #expect(s.run("def k(n):\n    del n\n    return n - 1\nk(1)") == message)
    #expect(s.run("def c(n):\n    del n\n    if n < 2: return 0\nc(1)") == message)
    #expect(s.run("def r(n):\n    del n\n    return n\nr(1)") == message)
    #expect(s.run("def a(n):\n    if n < 2:\n        return m\n    m = 1\n    return m\na(1)")
        == "UnboundLocalError: cannot access local variable 'm' where it is not associated with a value")
}

@Test func recursiveFunctionKeepsOperandSemantics() {
    let s = Session()
    s.run("def fib(n):\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)")
    #expect(s.run("fib(20), fib(7.0), fib(True)") == "(6765, 13.0, True)")
    #expect(s.run("fib('x')") == "TypeError: '<' not supported between instances of 'str' and 'int'")
    s.run("def deep(n):\n    if n < 1: return 0\n    return deep(n - 1) + 1")
    #expect(s.run("deep(5000)") == "RecursionError: maximum recursion depth exceeded")
    #expect(s.run("deep(100)") == "100")
}

@Test func fusedIfReturnKeepsTracebackLines() throws {
    let s = Session()
    s.run("def f(n):\n    if n < 2:\n        return missing\n    return f(n - 1)")
    let result = try #require(onLargeStack { s.interp.execute("f(2)", cell: 9) })
    let error = try #require(result.error)
    #expect(error.ename == "NameError")
    // The inner call stops on line 3 of cell 1, the outer one on its recursive call, line 4.
    let places = error.traceback.filter { $0.hasPrefix("Cell In[") }
    #expect(places == ["Cell In[9], line 1", "Cell In[1], line 4, in f", "Cell In[1], line 3, in f"])
}

@Test func pooledFramesAreNotSharedWithLiveGenerators() {
    let s = Session()
    #expect(s.run("def gen(n): return (n + i for i in range(3))\nx, y = gen(1), gen(10)\nlist(x), list(y)")
        == "([1, 2, 3], [10, 11, 12])")
    #expect(s.run("def counter(n):\n    yield n\n    yield n + 1\na, b = counter(1), counter(5)\nnext(a), next(b), next(a), next(b)")
        == "(1, 5, 2, 6)")
}

@Test func fastCallSitesFallBackForOtherCallables() {
    let s = Session()
    let cell = """
    class A:
        def f(self, k): return k + 1
    class B(A):
        def f(self, k): return super().f(k) * 2
    class Callable:
        def __call__(self, n): return ('called', n)
    cc = Callable()
    def outer():
        x = 5
        def inner(n): return n + x
        return inner
    def two(a, b): return a - b
    def via(n): return cc(n), abs(n), B().f(n), B().f(k=n), outer()(n), two(5, n), two(b=1, a=n)
    via(-3)
    """
    #expect(s.run(cell) == "(('called', -3), 3, -4, -4, 2, 8, -4)")
    #expect(s.run("two(1)") == "TypeError: two() missing 1 required positional argument: 'b'")
    #expect(s.run("two(1, 2, 3)") == "TypeError: two() takes 2 positional arguments but 3 were given")
}

@Test func callSiteSeesImportStarRebinding() {
    let s = Session()
    #expect(s.run("def sqrt(x): return 'mine'\ndef use(x): return sqrt(x)\nuse(4)") == "'mine'")
    #expect(s.run("from math import *\nuse(4)") == "2.0")
}

@Test func callSiteAfterCloseSeesUnboundGlobals() throws {
    let s = Session()
    s.run("def f(n): return n\ndef g(n): return f(n)")
    let g = try #require(s.interp.global("g"))
    let before = try s.interp.call(g, [.int(7)])
    guard case .int(7) = before else {
        Issue.record("g(7) returned \(before)")
        return
    }
    s.interp.close()
    do {
        _ = try s.interp.call(g, [.int(1)])
        Issue.record("a closed session's globals must be unbound")
    } catch let error as PyError {
        #expect(error.type === Builtin.nameError)
    }
}
