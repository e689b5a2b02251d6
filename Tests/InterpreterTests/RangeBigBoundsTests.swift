import Testing
@testable import Interpreter

// Expected texts come from CPython 3.11 running the same cells.

@Test func bigRangeIndexing() {
    let s = Session()
    #expect(s.run("r = range(10**20)\nr[5], r[-1], r[0], r[10**20 - 1]") == "(5, 99999999999999999999, 0, 99999999999999999999)")
    #expect(s.run("range(10**20)[10**20]") == "IndexError: range object index out of range")
    #expect(s.run("range(10**20)[-10**20 - 1]") == "IndexError: range object index out of range")
    #expect(s.run("range(10)[10**30]") == "IndexError: range object index out of range")
    #expect(s.run("range(10**20)[\"a\"]") == "TypeError: range indices must be integers or slices, not str")
    #expect(s.run("range(10**20)[True]") == "1")
}

@Test func bigRangeMembership() {
    let s = Session()
    #expect(s.run("r = range(10**20)\n10**19 in r, -1 in r, 10**20 in r, 7 in range(1, 10**20, 3), 2**70 + 1 in range(1, 2**80, 2)") == "(True, False, False, True, True)")
    #expect(s.run("2**63 in range(2**63 - 5, 2**63 + 5), 2**63 + 5 in range(2**63 - 5, 2**63 + 5), True in range(-1, 10**20)") == "(True, False, True)")
    #expect(s.run("-10**20 in range(0, -10**21, -10**19), -10**20 + 1 in range(0, -10**21, -10**19)") == "(True, False)")
}

@Test func bigRangeIndexCount() {
    let s = Session()
    #expect(s.run("r = range(10**20)\nr.index(7), r.count(7), r.count(10**20), r.index(10**20 - 1), range(0, -10**20, -7).index(-14)") == "(7, 1, 0, 99999999999999999999, 2)")
    #expect(s.run("range(10**20).index(10**20)") == "ValueError: 100000000000000000000 is not in range")
    #expect(s.run("range(10**20).index(-1)") == "ValueError: -1 is not in range")
    #expect(s.run("range(3).index(\"a\")") == "ValueError: sequence.index(x): x not in sequence")
    #expect(s.run("range(3).index()") == "TypeError: range.index() takes exactly one argument (0 given)")
    #expect(s.run("range(3).count(1, 2)") == "TypeError: range.count() takes exactly one argument (2 given)")
    #expect(s.run("range(3).count(\"a\"), range(3).count(1.0), range(3).index(2.0), range(3).index(True)") == "(0, 1, 2, 1)")
}

@Test func bigRangeSlicing() {
    let s = Session()
    #expect(s.run("r = range(10**20)\nr[::2], r[::-1], r[10**30:], r[5:10], r[-3:]") == "(range(0, 100000000000000000000, 2), range(99999999999999999999, -1, -1), range(100000000000000000000, 100000000000000000000), range(5, 10), range(99999999999999999997, 100000000000000000000))")
    #expect(s.run("range(-10**20, 10**20, 10**19)[3:-3:2]") == "range(-70000000000000000000, 70000000000000000000, 20000000000000000000)")
    #expect(s.run("range(5)[-10**30:10**30:10**30]") == "range(0, 5, 1000000000000000000000000000000)")
    #expect(s.run("range(10)[::3], range(10)[-1:-12:-4], range(10)[1:100:4], range(2**63 - 1)[::-1]") == "(range(0, 10, 3), range(9, -1, -4), range(1, 10, 4), range(9223372036854775806, -1, -1))")
    #expect(s.run("range(0, 10**20, 7)[::-3]") == "range(99999999999999999998, -7, -21)")
    #expect(s.run("range(10**20)[::0]") == "ValueError: slice step cannot be zero")
    #expect(s.run("range(10**20)[1.5:]") == "TypeError: slice indices must be integers or None or have an __index__ method")
}

@Test func bigRangeIteration() {
    let s = Session()
    #expect(s.run("r = range(10**20)\nnext(iter(r)), next(reversed(r)), type(iter(r)).__name__, type(reversed(r)).__name__, type(iter(range(3))).__name__") == "(0, 99999999999999999999, 'longrange_iterator', 'longrange_iterator', 'range_iterator')")
    #expect(s.run("list(range(2**63 - 5, 2**63 + 5))") == "[9223372036854775803, 9223372036854775804, 9223372036854775805, 9223372036854775806, 9223372036854775807, 9223372036854775808, 9223372036854775809, 9223372036854775810, 9223372036854775811, 9223372036854775812]")
    #expect(s.run("list(reversed(range(2**63 - 5, 2**63 + 5)))") == "[9223372036854775812, 9223372036854775811, 9223372036854775810, 9223372036854775809, 9223372036854775808, 9223372036854775807, 9223372036854775806, 9223372036854775805, 9223372036854775804, 9223372036854775803]")
    #expect(s.run("list(range(2**64, -2**64, -2**63))") == "[18446744073709551616, 9223372036854775808, 0, -9223372036854775808]")
    #expect(s.run("list(range(5, -10**20, -2**62))") == "[5, -4611686018427387899, -9223372036854775803, -13835058055282163707, -18446744073709551611, -23058430092136939515, -27670116110564327419, -32281802128991715323, -36893488147419103227, -41505174165846491131, -46116860184273879035, -50728546202701266939, -55340232221128654843, -59951918239556042747, -64563604257983430651, -69175290276410818555, -73786976294838206459, -78398662313265594363, -83010348331692982267, -87622034350120370171, -92233720368547758075, -96845406386975145979]")
    #expect(s.run("[x for x in range(-2**63 - 2, -2**63 + 2)]") == "[-9223372036854775810, -9223372036854775809, -9223372036854775808, -9223372036854775807]")
    #expect(s.run("total = 0\nfor i in range(10**20, 10**20 + 5):\n    total += i\ntotal") == "500000000000000000010")
    #expect(s.run("it = iter(range(10**20, 10**20 + 2))\nnext(it), next(it), next(it, 'done')") == "(100000000000000000000, 100000000000000000001, 'done')")
}

@Test func bigRangeLengthAndTruth() {
    let s = Session()
    #expect(s.run("len(range(10**20))") == "OverflowError: Python int too large to convert to C ssize_t")
    #expect(s.run("len(range(10**20, -10**20, -1))") == "OverflowError: Python int too large to convert to C ssize_t")
    #expect(s.run("len(range(-1, 2**63 - 1))") == "OverflowError: Python int too large to convert to C ssize_t")
    #expect(s.run("len(range(2**63 - 1)), len(range(-2**63, 0)), len(range(2**63 - 5, 2**63 + 5)), len(range(0, 10**20, 10**19))") == "OverflowError: Python int too large to convert to C ssize_t")
    #expect(s.run("bool(range(10**20)), bool(range(10**20, 0)), bool(range(10**20, 10**20 + 1)), bool(range(0, -10**20, 1))") == "(True, False, True, False)")
}

@Test func bigRangeAttributesAndRepr() {
    let s = Session()
    #expect(s.run("r = range(1, 10**20, 3)\nr.start, r.stop, r.step, repr(r), str(range(10**20)), range(-10**20, 0, -2**64)") == "(1, 100000000000000000000, 3, 'range(1, 100000000000000000000, 3)', 'range(0, 100000000000000000000)', range(-100000000000000000000, 0, -18446744073709551616))")
    #expect(s.run("range(2**63 - 1, 2**63), range(-2**63, 2**63 - 1)") == "(range(9223372036854775807, 9223372036854775808), range(-9223372036854775808, 9223372036854775807))")
    #expect(s.run("range(10**20, 5, 0)") == "ValueError: range() arg 3 must not be zero")
    #expect(s.run("range(1.5, 10**20)") == "TypeError: 'float' object cannot be interpreted as an integer")
}

@Test func bigRangeEqualityAndHash() {
    let s = Session()
    #expect(s.run("range(10**20) == range(0, 10**20, 1), range(10**20) != range(0, 10**20, 2), range(0) == range(10**20, 5)") == "(True, True, True)")
    #expect(s.run("range(10**20, 10**20 + 1, 7) == range(10**20, 10**20 + 1, 3), range(10**20) == range(10**20 + 1)") == "(True, False)")
    #expect(s.run("hash(range(10**20)) == hash(range(0, 10**20, 1)), hash(range(10**20, 5)) == hash(range(0)), hash(range(10**20, 10**20 + 1, 7)) == hash(range(10**20, 10**20 + 1, 3))") == "(True, True, True)")
    #expect(s.run("hash(range(0, 3, 5)) == hash(range(0, 1)), hash(range(3)) == hash(range(0, 3)), {range(10**20): 1}[range(0, 10**20)]") == "(True, True, 1)")
}

@Test func wordRangesStayFast() {
    let s = Session()
    #expect(s.run("type(range(5)).__name__, list(range(-3, 3)), range(2, 9, 3)[1], 8 in range(2, 9, 3), range(5)[-1]") == "('range', [-3, -2, -1, 0, 1, 2], 5, True, 4)")
    #expect(s.run("r = range(0, 2**63 - 1, 2**62)\nlist(r), len(r), r[-1]") == "([0, 4611686018427387904], 2, 4611686018427387904)")
}

