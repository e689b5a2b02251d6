import Testing
@testable import Interpreter

// Complex numbers: literals, complex(), arithmetic, comparisons, hash, repr and format.
// Every expected text is what CPython 3.11 prints for the same cell.

/// imaginary literals and complex() from numbers and strings
@Test func complexLiteralsAndConstructor() {
    let s = Session()
    #expect(s.run("complex()") == "0j")
    #expect(s.run("complex(1, 2)") == "(1+2j)")
    #expect(s.run("complex(1.5)") == "(1.5+0j)")
    #expect(s.run("complex('1+2j')") == "(1+2j)")
    #expect(s.run("complex(' ( -1.5e3-2J ) ')") == "(-1500-2j)")
    #expect(s.run("complex('j'), complex('-j'), complex('+1j'), complex('1+j'), complex('inf-nanj'), complex('1_0j')") == "(1j, -1j, 1j, (1+1j), (inf+nanj), 10j)")
    #expect(s.run("complex('1+2j', 1)") == "TypeError: complex() can't take second arg if first is a string")
    #expect(s.run("complex(1, '2')") == "TypeError: complex() second arg can't be a string")
    #expect(s.run("complex('abc')") == "ValueError: complex() arg is a malformed string")
    #expect(s.run("complex('1+2j+3')") == "ValueError: complex() arg is a malformed string")
    #expect(s.run("complex(None)") == "TypeError: complex() first argument must be a string or a number, not 'NoneType'")
    #expect(s.run("complex(1, None)") == "TypeError: complex() second argument must be a number, not 'NoneType'")
    #expect(s.run("complex([1])") == "TypeError: complex() first argument must be a string or a number, not 'list'")
    #expect(s.run("complex(1+2j, 3+4j)") == "(-3+5j)")
    #expect(s.run("complex(real=3, imag=4)") == "(3+4j)")
    #expect(s.run("complex(imag=2)") == "2j")
    #expect(s.run("complex(True, False)") == "(1+0j)")
    #expect(s.run("complex(10**400)") == "OverflowError: int too large to convert to float")
    #expect(s.run("complex('')") == "ValueError: complex() arg is a malformed string")
    #expect(s.run("1j, 1.5J, 1e3j, 1_0j, 0j, -0j, 0.0j") == "(1j, 1.5j, 1000j, 10j, 0j, (-0-0j), 0j)")
    #expect(s.run("1j.real.__class__, (1+2j).imag") == "(<class 'float'>, 2.0)")
    #expect(s.run("1j.real, 1J.imag, 1e3J, 1_0.5j, 0o7 if 1j else 2, 5j if 0 else 1") == "(0.0, 1.0, 1000j, 10.5j, 7, 1)")
    #expect(s.run("1jif 1 else 2") == "1j")
    #expect(s.run("1_j") == "SyntaxError: invalid decimal literal (<cell>, line 1)")
    #expect(s.run("1e3_j") == "SyntaxError: invalid decimal literal (<cell>, line 1)")
    #expect(s.run("0xfj") == "SyntaxError: invalid hexadecimal literal (<cell>, line 1)")
    #expect(s.run("complex('1e')") == "ValueError: complex() arg is a malformed string")
    #expect(s.run("complex('1e5j'), complex('-1.5E-3+2.5E3J'), complex('infj'), complex('-Infinity+NaNj'), complex('.5j'), complex('5.j')") == "(100000j, (-0.0015+2500j), infj, (-inf+nanj), 0.5j, 5j)")
    #expect(s.run("complex('1+2j)')") == "ValueError: complex() arg is a malformed string")
    #expect(s.run("complex('(1+2j')") == "ValueError: complex() arg is a malformed string")
    #expect(s.run("complex(' 1 + 2j')") == "ValueError: complex() arg is a malformed string")
    #expect(s.run("complex('1__0j')") == "ValueError: could not convert string to complex: '1__0j'")
    #expect(s.run("complex('_1j')") == "ValueError: could not convert string to complex: '_1j'")
    #expect(s.run("complex('1j ')") == "1j")
    #expect(s.run("complex(1e308, 1e308) * 2") == "(inf+infj)")
    #expect(s.run("complex(1j, 1j), complex(2j), complex(1, 2j), complex(-0.0, -0.0), complex(0.0, -0.0)") == "((-1+1j), 2j, (-1+0j), (-0-0j), -0j)")
    #expect(s.run("complex(x=1)") == "TypeError: 'x' is an invalid keyword argument for complex()")
    #expect(s.run("complex(1, 2, 3)") == "TypeError: complex() takes at most 2 arguments (3 given)")
}

/// + - * / ** with ints, floats and complex, and their errors
@Test func complexArithmetic() {
    let s = Session()
    #expect(s.run("1 + 2j, (1+2j) - 3, 2 * (1+2j), (1+2j) * (3-4j), (1+2j) / (3-4j), 1 / 2j, (1+2j) ** 2, 2 ** (1+1j), (1+2j) ** 0.5, (1+2j) ** -1, 1j ** 1j") == "((1+2j), (-2+2j), (2+4j), (11+2j), (-0.2+0.4j), -0.5j, (-3+4j), (1.5384778027279442+1.2779225526272695j), (1.272019649514069+0.7861513777574233j), (0.2-0.4j), (0.20787957635076193+0j))")
    #expect(s.run("-(1+2j), +(1+2j), abs(3+4j), abs(-1j)") == "((-1-2j), (1+2j), 5.0, 1.0)")
    #expect(s.run("(1+2j) == (1+2j), (1+0j) == 1, 1.0 == (1+0j), (1+1j) != 1, 1j == 1j + 0.0, (2**53 + 1) == complex(2**53 + 1)") == "(True, True, True, True, True, False)")
    #expect(s.run("1 / 0j") == "ZeroDivisionError: complex division by zero")
    #expect(s.run("(1+2j) / 0") == "ZeroDivisionError: complex division by zero")
    #expect(s.run("0j ** -1") == "ZeroDivisionError: 0.0 to a negative or complex power")
    #expect(s.run("0j ** 1j") == "ZeroDivisionError: 0.0 to a negative or complex power")
    #expect(s.run("0j ** 0") == "(1+0j)")
    #expect(s.run("(1+2j) // 2") == "TypeError: unsupported operand type(s) for //: 'complex' and 'int'")
    #expect(s.run("(1+2j) % 2") == "TypeError: unsupported operand type(s) for %: 'complex' and 'int'")
    #expect(s.run("divmod(1j, 2)") == "TypeError: unsupported operand type(s) for divmod(): 'complex' and 'int'")
    #expect(s.run("pow(1j, 2, 3)") == "ValueError: complex modulo")
    #expect(s.run("10j ** 400") == "OverflowError: complex exponentiation")
    #expect(s.run(#"""
    x = 1j
    x += 1; x *= 2; x -= 0.5; x /= 2; x
    """#) == "(0.75+1j)")
    #expect(s.run("sum([1j, 2j, 3])") == "(3+3j)")
    #expect(s.run("1j * float('inf'), complex(float('inf'), 0) * 2, 1e308j * 10") == "((nan+infj), (inf+nanj), infj)")
    #expect(s.run("(1+1e308j) * (1+1e308j)") == "(-inf+infj)")
    #expect(s.run("abs(complex(1e308, 1e308))") == "1.4142135623730951e+308")
    #expect(s.run("True + 1j, 1j + True, 1j - 10**20, 10**400 + 1j") == "OverflowError: int too large to convert to float")
    #expect(s.run("[1j] * 2, (1j, 2j), sorted([1, 2]), max([1j])") == "([1j, 1j], (1j, 2j), [1, 2], 1j)")
    #expect(s.run("-1j, -(0j), -complex(0, 0), 0j * -1, abs(complex(float('nan'), float('inf')))") == "((-0-1j), (-0-0j), (-0-0j), (-0+0j), inf)")
    #expect(s.run("abs(complex(1e308, 1e308) * 2)") == "inf")
    #expect(s.run("(2+3j) ** 3, (2+3j) ** -3, (1+1j) ** 100, (1+1j) ** 101, (0.5+0j) ** 2.5, 2 ** 0.5j, (-8) ** (1/3+0j)") == "((-46+9j), (-0.020937642239417388-0.004096495220755576j), (-1125899906842624+0j), (-1125899906842634.5-1125899906842629.5j), (0.1767766952966369+0j), (0.9405421046832438+0.3396771251026685j), (1.0000000000000002+1.7320508075688772j))")
    #expect(s.run("1j ** 2, (1j) ** 3, 1j ** 0, 0j ** 0j, 0j ** 2") == "((-1+0j), (-0-1j), (1+0j), (1+0j), 0j)")
    #expect(s.run("(1e200j) ** 2") == "OverflowError: complex exponentiation")
    #expect(s.run("(1+2j) / (0+0j)") == "ZeroDivisionError: complex division by zero")
    #expect(s.run("(1+2j) / 0.0") == "ZeroDivisionError: complex division by zero")
    #expect(s.run("1e300j / 1e-300") == "infj")
    #expect(s.run("(1+2j) / (3+4j), (1+2j) / 2, 2 / (1+2j), 1.5 / 1j, (1+2j) / complex(float('inf'), 1)") == "((0.44+0.08j), (0.5+1j), (0.4-0.8j), -1.5j, 0j)")
    #expect(s.run("hash(complex(2**60, 0)) == hash(2**60), hash(complex(float('inf'), 0)) == hash(float('inf')), hash(3.0+4.0j), hash(-1j), hash(complex(1e300, -1e-300))") == "(True, True, 4000015, -2000006, 6339398033648882639)")
    #expect(s.run("1j + 'a'") == "TypeError: unsupported operand type(s) for +: 'complex' and 'str'")
    #expect(s.run("'a' * 1j") == "TypeError: can't multiply sequence by non-int of type 'complex'")
    #expect(s.run("1j & 1") == "TypeError: unsupported operand type(s) for &: 'complex' and 'int'")
    #expect(s.run("~1j") == "TypeError: bad operand type for unary ~: 'complex'")
    #expect(s.run("1j @ 1j") == "TypeError: unsupported operand type(s) for @: 'complex' and 'complex'")
}

/// repr, str and format of complex numbers
@Test func complexReprAndFormat() {
    let s = Session()
    #expect(s.run("repr(complex(-0.0, -1.0)), repr(complex(1.5, 0)), repr(complex(float('inf'), float('nan'))), repr(complex(0, float('-inf')))") == "('(-0-1j)', '(1.5+0j)', '(inf+nanj)', '-infj')")
    #expect(s.run("str(1+2j), repr(2j), repr(-2j), repr(complex(-0.0, 0)), repr(1e16j), repr(complex(1e-5, 1e300))") == "('(1+2j)', '2j', '(-0-2j)', '(-0+0j)', '1e+16j', '(1e-05+1e+300j)')")
    #expect(s.run(#"""
    f"{1+2j}", f"{1+2j:.2f}", format(1+2j, '.2f'), format(1.5+2j, ''), format(1j, '10'), format(1+2j, '>15'), format(1+2j, '<15.3e')
    """#) == "('(1+2j)', '1.00+2.00j', '1.00+2.00j', '(1.5+2j)', '        1j', '         (1+2j)', '1.000e+00+2.000e+00j')")
    #expect(s.run("format(1+2j, '+.1f'), format(-1-2j, ' g'), format(1j, 'g'), format(complex(1.5, -0.0), '^20'), format(1+2j, 'x')") == "ValueError: Unknown format code 'x' for object of type 'complex'")
    #expect(s.run("format(1+2j, '010')") == "ValueError: Zero padding is not allowed in complex format specifier")
    #expect(s.run("format(1+2j, '=10')") == "ValueError: '=' alignment flag is not allowed in complex format specifier")
    #expect(s.run("format(1e20+1j, ','), format(1234.5+6789j, ',.1f'), format(1+1j, '.3'), format(1j, '*>8')") == "('(1e+20+1j)', '1,234.5+6,789.0j', '(1+1j)', '******1j')")
    #expect(s.run(#"""
    f"{3.0+0j!r}", str(complex(1, 1e-20)), [1j, 2+0j], {1j: 2}
    """#) == "('(3+0j)', '(1+1e-20j)', [1j, (2+0j)], {1j: 2})")
    #expect(s.run("f'{1j!s:>10}', '%s' % (1+1j), '%r' % 2j, str([complex(1,2)])") == "('        1j', '(1+1j)', '2j', '[(1+2j)]')")
    #expect(s.run("format(1+2j, 'E'), format(1+2j, '.3G'), format(1+2j, 'n'), format(-0.0-0.0j, ''), format(-0.0-0.0j, 'z.1f'), format(1+2j, '#.0f'), format(1+2j, '_.2f')") == "('1.000000E+00+2.000000E+00j', '1+2j', '1+2j', '(-0+0j)', '0.0+0.0j', '1.+2.j', '1.00+2.00j')")
    #expect(s.run("format(1+2j, '%')") == "ValueError: Unknown format code '%' for object of type 'complex'")
    #expect(s.run("format(1+2j, 'd')") == "ValueError: Unknown format code 'd' for object of type 'complex'")
    #expect(s.run("format(1+2j, ' ')") == "'( 1+2j)'")
    #expect(s.run("format(complex(float('nan'), float('-inf')), '.2f'), format(complex(0, float('nan')), ''), format(1e100j, '.3e')") == "('nan-infj', 'nanj', '0.000e+00+1.000e+100j')")
    #expect(s.run("'{:^12.2f}'.format(3-4j), '{0.real} {0.imag}'.format(1+2j)") == "(' 3.00-4.00j ', '1.0 2.0')")
}

/// ==, ordering errors, hash, bool, .real/.imag, conversions and dict keys
@Test func complexComparisonsHashAndAttributes() {
    let s = Session()
    #expect(s.run("(1+2j).real, (1+2j).imag, (1+2j).conjugate(), (3j).conjugate()") == "(1.0, 2.0, (1-2j), -3j)")
    #expect(s.run("hash(1j), hash(1+0j) == hash(1), hash(complex(1.5, 2.5)), hash(complex(-1, 0))") == "(1000003, True, 4611686018429387911, -2)")
    #expect(s.run("bool(0j), bool(1j), bool(complex(0, -0.0)), not 1j") == "(False, True, False, False)")
    #expect(s.run("1j < 2j") == "TypeError: '<' not supported between instances of 'complex' and 'complex'")
    #expect(s.run("1j <= 1") == "TypeError: '<=' not supported between instances of 'complex' and 'int'")
    #expect(s.run("1 > 1j") == "TypeError: '>' not supported between instances of 'int' and 'complex'")
    #expect(s.run("int(1j)") == "TypeError: int() argument must be a string, a bytes-like object or a real number, not 'complex'")
    #expect(s.run("float(1j)") == "TypeError: float() argument must be a string or a real number, not 'complex'")
    #expect(s.run("type(1j), isinstance(1j, complex), complex, complex.__name__") == "(<class 'complex'>, True, <class 'complex'>, 'complex')")
    #expect(s.run("round(1j)") == "TypeError: type complex doesn't define __round__ method")
    #expect(s.run("1j in {1j: 1}, 0j in {0: 'z'}, {0: 'z'}[0j], {1.5+0j: 'a'}.get(1.5)") == "(True, True, 'z', 'a')")
    #expect(s.run("(1+2j).real = 3") == "AttributeError: readonly attribute")
    #expect(s.run("(1j).foo") == "AttributeError: 'complex' object has no attribute 'foo'")
    #expect(s.run("max([1j, 2j])") == "TypeError: '>' not supported between instances of 'complex' and 'complex'")
    #expect(s.run("[1, 2][1j]") == "TypeError: list indices must be integers or slices, not complex")
    #expect(s.run("bool(complex(0, float('nan'))), bool(-0j)") == "(True, False)")
    #expect(s.run("1 == 1j, 1j == None, 1j != 'a', [1j].count(1j), [1j, 1].index(1+0j), (1+0j) in [1], 1j in (0, 1j)") == "(False, False, True, 1, 1, True, True)")
}

/// a negative float to a fractional power gives a complex, as in CPython
@Test func negativeFloatToFractionalPowerIsComplex() {
    let s = Session()
    #expect(s.run("(-8) ** 0.5") == "(1.7319121124709868e-16+2.8284271247461903j)")
    #expect(s.run("(-8.0) ** (1/3)") == "(1.0000000000000002+1.7320508075688772j)")
    #expect(s.run("pow(-2, 0.5)") == "(8.659560562354934e-17+1.4142135623730951j)")
    #expect(s.run("(-2.0) ** -0.5") == "(4.329780281177467e-17-0.7071067811865476j)")
    #expect(s.run("0.0 ** -1") == "ZeroDivisionError: 0.0 cannot be raised to a negative power")
    #expect(s.run(#"""
    import math
    math.pow(-8, 0.5)
    """#) == "ValueError: math domain error")
}
