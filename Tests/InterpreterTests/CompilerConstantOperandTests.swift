import Testing
@testable import Interpreter

// `n - 1`, `i + 1`, `n < 2`, `n == 0` read their int literal at compile time; every operand
// that is not a small int must still take the general path. Expected texts come from CPython 3.11.

@Test func constantOperandIntOverflowAndFloats() {
    let s = Session()
    #expect(s.run("n = 9223372036854775807\nn + 1, -n - 2 - 1, 2.5 - 1, 2.5 + 1, True - 1, True + 1")
        == "(9223372036854775808, -9223372036854775810, 1.5, 3.5, 0, 2)")
    #expect(s.run("1.5 < 2, True < 2, 2 < 2, 'a' == 0, 0.0 == 0, False == 0, (n := 2**70) < 2, n - 1")
        == "(True, True, False, False, True, True, False, 1180591620717411303423)")
}

@Test func constantOperandErrorsKeepReferenceMessages() {
    let s = Session()
    #expect(s.run("'a' - 1") == "TypeError: unsupported operand type(s) for -: 'str' and 'int'")
    #expect(s.run("'a' + 1") == "TypeError: can only concatenate str (not \"int\") to str")
    #expect(s.run("[] < 2") == "TypeError: '<' not supported between instances of 'list' and 'int'")
}

@Test func constantOperandDispatchesToDunders() {
    let s = Session()
    let cell = """
    class C:
        def __sub__(self, k): return ('sub', k)
        def __add__(self, k): return ('add', k)
        def __lt__(self, k): return ('lt', k)
        def __eq__(self, k): return ('eq', k)
    c = C()
    c - 1, c + 1, c < 2, c == 0
    """
    #expect(s.run(cell) == "(('sub', 1), ('add', 1), ('lt', 2), ('eq', 0))")
    #expect(s.run("def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\nfib(20)") == "6765")
}

@Test func constantOperandConditions() {
    let s = Session()
    let cell = """
    out = []
    for v in [1, 2, 3, 2.0, True, 2**70, 'x']:
        row = []
        try:
            if v < 2: row.append('lt')
            if v <= 2: row.append('le')
            if v > 2: row.append('gt')
            if v >= 2: row.append('ge')
            if v == 2: row.append('eq')
            if v != 2: row.append('ne')
        except TypeError as e:
            row.append(str(e))
        out.append(row)
    out
    """
    #expect(s.run(cell) == "[['lt', 'le', 'ne'], ['le', 'ge', 'eq'], ['gt', 'ge', 'ne'], ['le', 'ge', 'eq'], ['lt', 'le', 'ne'], ['gt', 'ge', 'ne'], [\"'<' not supported between instances of 'str' and 'int'\"]]")
}
