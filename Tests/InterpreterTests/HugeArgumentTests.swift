import Testing
@testable import Interpreter

// Huge int arguments (beyond a machine word) to round, indexing, slicing, str and list methods.
// Every expected text is what CPython 3.11 prints for the same cell.

/// round() clamps a float ndigits and takes an int ndigits of any size
@Test func roundWithHugeNdigits() {
    let s = Session()
    #expect(s.run("round(1.5, 10**20)") == "1.5")
    #expect(s.run("round(1.5, -10**20)") == "0.0")
    #expect(s.run("round(-1.5, -10**20)") == "-0.0")
    #expect(s.run("round(15, 10**20)") == "15")
    #expect(s.run("round(15, -10**6)") == "0")
    #expect(s.run("round(10**5000, -4301) == 10**5000") == "True")
    #expect(s.run("round(10**30 + 5 * 10**20, -21) == 10**30") == "True")
    #expect(s.run("round(True, 10**20)") == "1")
    #expect(s.run("round(1.5, -(2**63))") == "0.0")
    #expect(s.run("round(1.5, 2**63)") == "1.5")
    #expect(s.run("round(2.675, 2)") == "2.67")
    #expect(s.run("round(1e300, -300)") == "1e+300")
    #expect(s.run("round(float('inf'), 10**30)") == "inf")
    #expect(s.run("round(5e-324, 10**20)") == "5e-324")
    #expect(s.run("round(123.456, -2)") == "100.0")
    #expect(s.run("round(1.5, 1.0)") == "TypeError: 'float' object cannot be interpreted as an integer")
}

/// indices and slice bounds beyond a machine word
@Test func hugeIndicesAndSlices() {
    let s = Session()
    #expect(s.run("[1, 2][10**20]") == "IndexError: cannot fit 'int' into an index-sized integer")
    #expect(s.run("[1, 2][-10**20]") == "IndexError: cannot fit 'int' into an index-sized integer")
    #expect(s.run("[1, 2, 3][10**20:]") == "[]")
    #expect(s.run("[1, 2, 3][-10**20:2]") == "[1, 2]")
    #expect(s.run("[1, 2, 3][::10**20]") == "[1]")
    #expect(s.run("'abc'[10**20:]") == "''")
    #expect(s.run("'abc'[::-10**20]") == "'c'")
    #expect(s.run("(1, 2)[10**20]") == "IndexError: cannot fit 'int' into an index-sized integer")
    #expect(s.run("'abc'[10**20]") == "IndexError: cannot fit 'int' into an index-sized integer")
    #expect(s.run("[1, 2].pop(10**20)") == "OverflowError: Python int too large to convert to C ssize_t")
    #expect(s.run("[1, 2].insert(10**20, 5)") == "OverflowError: Python int too large to convert to C ssize_t")
    #expect(s.run("[1, 2, 1].index(1, 10**20)") == "ValueError: 1 is not in list")
    #expect(s.run("[1, 2, 1].index(1, -10**20)") == "0")
    #expect(s.run("'abc'.index('b', 10**20)") == "ValueError: substring not found")
    #expect(s.run("[1] * -10**20") == "OverflowError: cannot fit 'int' into an index-sized integer")
    #expect(s.run("[1] * 10**20") == "OverflowError: cannot fit 'int' into an index-sized integer")
    #expect(s.run("sum([1, 2], 10**20)") == "100000000000000000003")
    #expect(s.run("[1,2].pop(-10**20)") == "OverflowError: Python int too large to convert to C ssize_t")
    #expect(s.run("[1,2].pop(2**62)") == "IndexError: pop index out of range")
    #expect(s.run("[1,2].insert(-10**20, 0)") == "OverflowError: Python int too large to convert to C ssize_t")
    #expect(s.run("[1,2,3][10**20:-10**20:-1]") == "[3, 2, 1]")
    #expect(s.run("[1,2,3][1:10**20]") == "[2, 3]")
}

/// size arguments beyond a machine word raise CPython's errors
@Test func hugeSizesInTextAndBuiltins() {
    let s = Session()
    #expect(s.run("'abc'.find('b', 10**20)") == "-1")
    #expect(s.run("'abc'.find('b', -10**20, 10**20)") == "1")
    #expect(s.run("'abc'.count('b', -10**20)") == "1")
    #expect(s.run("'a,b'.split(',', 10**20)") == "OverflowError: Python int too large to convert to C ssize_t")
    #expect(s.run("'a,b'.rsplit(',', -10**20)") == "OverflowError: Python int too large to convert to C ssize_t")
    #expect(s.run("'a'.replace('a', 'b', 10**20)") == "OverflowError: Python int too large to convert to C ssize_t")
    #expect(s.run("'ab'.center(-10**20)") == "OverflowError: Python int too large to convert to C ssize_t")
    #expect(s.run("'ab'.ljust(-10**20)") == "OverflowError: Python int too large to convert to C ssize_t")
    #expect(s.run("'ab'.zfill(-10**20)") == "OverflowError: Python int too large to convert to C ssize_t")
    #expect(s.run("'ab'.center(10**20)") == "OverflowError: Python int too large to convert to C ssize_t")
    #expect(s.run("'a' * 10**20") == "OverflowError: cannot fit 'int' into an index-sized integer")
    #expect(s.run("'a' * -10**20") == "OverflowError: cannot fit 'int' into an index-sized integer")
    #expect(s.run("(1,) * 10**20") == "OverflowError: cannot fit 'int' into an index-sized integer")
    #expect(s.run("chr(10**20)") == "OverflowError: Python int too large to convert to C int")
    #expect(s.run("int('1', 10**20)") == "ValueError: int() base must be >= 2 and <= 36, or 0")
    #expect(s.run(#"""
    f"{1.5:.{10**20}f}"
    """#) == "ValueError: Too many decimal digits in format string")
    #expect(s.run("format(1.5, '.100000000000000000000f')") == "ValueError: Too many decimal digits in format string")
    #expect(s.run("format(1.5, '100000000000000000000')") == "ValueError: Too many decimal digits in format string")
    #expect(s.run("'%.*f' % (10**20, 1.5)") == "OverflowError: Python int too large to convert to C int")
    #expect(s.run("(10**20).bit_length()") == "67")
    #expect(s.run("divmod(10**40, 7)") == "(1428571428571428571428571428571428571428, 4)")
    #expect(s.run("pow(2, 10**20, 7)") == "2")
    #expect(s.run("pow(2, -10**20)") == "0.0")
    #expect(s.run("2 ** -10**20") == "0.0")
    #expect(s.run("1.5 ** 10**20") == "OverflowError: (34, 'Numerical result out of range')")
    #expect(s.run("10**20 << 0") == "100000000000000000000")
    #expect(s.run("1 << 10**20") == "OverflowError: too many digits in integer")
    #expect(s.run("1 >> 10**20") == "0")
    #expect(s.run("-1 >> 10**20") == "-1")
    #expect(s.run("'ab'.expandtabs(10**20)") == "OverflowError: Python int too large to convert to C int")
    #expect(s.run("'ab'.expandtabs(-10**20)") == "OverflowError: Python int too large to convert to C int")
    #expect(s.run("hex(10**20)") == "'0x56bc75e2d63100000'")
    #expect(s.run("'abc'.startswith('b', 10**20)") == "False")
    #expect(s.run("'abc'.endswith('c', -10**20, 10**20)") == "True")
    #expect(s.run("enumerate('ab', 10**20).__next__()") == "(100000000000000000000, 'a')")
    #expect(s.run("'{0:{1}}'.format(1, 10**20)") == "ValueError: Too many decimal digits in format string")
    #expect(s.run("'{:10000000000000000000}'.format(1)") == "ValueError: Too many decimal digits in format string")
    #expect(s.run("'abc'.rjust(10**20)") == "OverflowError: Python int too large to convert to C ssize_t")
    #expect(s.run("chr(2**31)") == "OverflowError: Python int too large to convert to C int")
    #expect(s.run("chr(2**40)") == "OverflowError: Python int too large to convert to C int")
    #expect(s.run("chr(-2**40)") == "OverflowError: Python int too large to convert to C int")
    #expect(s.run("chr(-1)") == "ValueError: chr() arg not in range(0x110000)")
    #expect(s.run("int('1', 2**40)") == "ValueError: int() base must be >= 2 and <= 36, or 0")
    #expect(s.run("int('1', -10**20)") == "ValueError: int() base must be >= 2 and <= 36, or 0")
    #expect(s.run("'ab'.expandtabs(2**31)") == "OverflowError: Python int too large to convert to C int")
    #expect(s.run(#"""
    'a\tb'.expandtabs(-5)
    """#) == "'ab'")
    #expect(s.run("format(10**20, ',')") == "'100,000,000,000,000,000,000'")
    #expect(s.run("format(10**30, 'x')") == "'c9f2c9cd04674edea40000000'")
    #expect(s.run("format(2**100, 'e')") == "'1.267651e+30'")
    #expect(s.run("format(10**20, '.3f')") == "'100000000000000000000.000'")
    #expect(s.run("'{:,}'.format(-10**25)") == "'-10,000,000,000,000,000,000,000,000'")
    #expect(s.run("10**20 % 7, (-10**20) // 7") == "(2, -14285714285714285715)")
    #expect(s.run("float(10**400)") == "OverflowError: int too large to convert to float")
    #expect(s.run("int(1e308) == 10**308") == "False")
    #expect(s.run("pow(10**20, 2, 10**30)") == "0")
    #expect(s.run("divmod(-10**20, 10**19 + 1)") == "(-10, 10)")
    #expect(s.run("str(10**20)") == "'100000000000000000000'")
    #expect(s.run("abs(-10**20)") == "100000000000000000000")
}

/// math functions with huge int arguments
@Test func hugeArgumentsInMath() {
    let s = Session()
    #expect(s.run("import math") == "")
    #expect(s.run("math.factorial(10**20)") == "OverflowError: factorial() argument should not exceed 9223372036854775807")
    #expect(s.run("math.ldexp(1.0, 10**20)") == "OverflowError: math range error")
    #expect(s.run("math.ldexp(1.0, -10**20)") == "0.0")
    #expect(s.run("math.isqrt(10**100)") == "100000000000000000000000000000000000000000000000000")
    #expect(s.run("math.comb(10**20, 2)") == "4999999999999999999950000000000000000000")
    #expect(s.run("math.perm(5, 10**20)") == "0")
    #expect(s.run("math.gcd(10**40, 10**20)") == "100000000000000000000")
    #expect(s.run("math.floor(1e300)") == "1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160")
    #expect(s.run("math.trunc(-1e300) == -10**300") == "False")
}

/// CPython 3.11 builds 10**(10**20) for `round(15, -10**20)` and never finishes; the exact answer
/// is 0, because 10**k exceeds twice the number once k is past its bit width.
@Test func roundIntToHugeNegativeDigits() {
    let s = Session()
    #expect(s.run("round(15, -10**20), round(-15, -10**30), round(10**50, -(2**63))") == "(0, 0, 0)")
    #expect(s.run("round(10**30 + 5 * 10**29, -30), round(25 * 10**40, -41), round(35 * 10**40, -41)") == "(2000000000000000000000000000000, 200000000000000000000000000000000000000000, 400000000000000000000000000000000000000000)")
}
