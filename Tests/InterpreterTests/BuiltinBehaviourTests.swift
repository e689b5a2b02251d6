import Testing
@testable import Interpreter

// Expected texts come from CPython 3.11 running the same cells (generated once, checked in).

@Test func builtinPrint() {
    let s = Session()
    #expect(s.run("print(1, 'a', None, sep='-', end='!')") == "1-a-None!")
    #expect(s.run("print()") == "\n")
    #expect(s.run("print('a', 'b', sep='')") == "ab\n")
    #expect(s.run("print(1, sep=1)") == "TypeError: sep must be None or a string, not int")
}

@Test func builtinLen() {
    let s = Session()
    #expect(s.run("len([1,2]), len('héllo'), len({1:2}), len(range(0, 10, 3)), len(set()), len(())") == "(2, 5, 1, 4, 0, 0)")
    #expect(s.run("len(5)") == "TypeError: object of type 'int' has no len()")
    #expect(s.run("len()") == "TypeError: len() takes exactly one argument (0 given)")
}

@Test func builtinRange() {
    let s = Session()
    #expect(s.run("list(range(5)), list(range(2, 10, 3)), list(range(10, 0, -3)), range(3), range(1, 5, 2)") == "([0, 1, 2, 3, 4], [2, 5, 8], [10, 7, 4, 1], range(0, 3), range(1, 5, 2))")
    #expect(s.run("range(1.5)") == "TypeError: 'float' object cannot be interpreted as an integer")
    #expect(s.run("range(1, 2, 0)") == "ValueError: range() arg 3 must not be zero")
    #expect(s.run("range(10)[-1], range(10)[2:8:2], 5 in range(10), 10 in range(10)") == "(9, range(2, 8, 2), True, False)")
    #expect(s.run("range()") == "TypeError: range expected at least 1 argument, got 0")
}

@Test func builtinEnumerateZip() {
    let s = Session()
    #expect(s.run("list(enumerate('ab', 1)), list(zip([1,2,3], 'ab')), list(zip())") == "([(1, 'a'), (2, 'b')], [(1, 'a'), (2, 'b')], [])")
    #expect(s.run("list(zip([1], [2, 3], strict=True))") == "ValueError: zip() argument 2 is longer than argument 1")
    #expect(s.run("list(enumerate(5))") == "TypeError: 'int' object is not iterable")
}

@Test func builtinReversedSorted() {
    let s = Session()
    #expect(s.run("list(reversed([1,2,3])), list(reversed('abc')), list(reversed(range(4))), sorted([3,1,2], reverse=True)") == "([3, 2, 1], ['c', 'b', 'a'], [3, 2, 1, 0], [3, 2, 1])")
    #expect(s.run("sorted(['b', 'A', 'c'], key=str.lower)") == "['A', 'b', 'c']")
    #expect(s.run("sorted([(1, 'b'), (1, 'a'), (0, 'z')], key=lambda p: p[0])") == "[(0, 'z'), (1, 'b'), (1, 'a')]")
    #expect(s.run("sorted([1, 'a'])") == "TypeError: '<' not supported between instances of 'str' and 'int'")
    #expect(s.run("reversed(5)") == "TypeError: 'int' object is not reversible")
}

@Test func builtinMinMax() {
    let s = Session()
    #expect(s.run("min(3, 1, 2), max([1, 5, 2]), min('bca'), max([], default=7), min([(2, 'a'), (1, 'b')]), max(['aa', 'b'], key=len)") == "(1, 5, 'a', 7, (1, 'b'), 'aa')")
    #expect(s.run("min([])") == "ValueError: min() arg is an empty sequence")
    #expect(s.run("max()") == "TypeError: max expected at least 1 argument, got 0")
    #expect(s.run("max(1, 2, default=3)") == "TypeError: Cannot specify a default for max() with multiple positional arguments")
}

@Test func builtinSum() {
    let s = Session()
    #expect(s.run("sum([1, 2, 3]), sum([0.1] * 10), sum([[1], [2]], []), sum(range(101), 10), sum([1, 2.5])") == "(6, 0.9999999999999999, [1, 2], 5060, 3.5)")
    #expect(s.run("sum(['a', 'b'])") == "TypeError: unsupported operand type(s) for +: 'int' and 'str'")
    #expect(s.run("sum([1, 'a'])") == "TypeError: unsupported operand type(s) for +: 'int' and 'str'")
    #expect(s.run("sum([2**62, 2**62, 2**62])") == "13835058055282163712")
}

@Test func builtinAbsRound() {
    let s = Session()
    #expect(s.run("abs(-3), abs(-2.5), abs(True), round(2.5), round(3.5), round(-2.5), round(2.675, 2), round(1234, -2), round(1250, -2), round(0.5), round(1.5, 0)") == "(3, 2.5, 1, 2, 4, -2, 2.67, 1200, 1200, 0, 2.0)")
    #expect(s.run("abs('a')") == "TypeError: bad operand type for abs(): 'str'")
    #expect(s.run("round('a')") == "TypeError: type str doesn't define __round__ method")
    #expect(s.run("round(float('inf'))") == "OverflowError: cannot convert float infinity to integer")
    #expect(s.run("round(2.5, None)") == "2")
}

@Test func builtinDivmodPow() {
    let s = Session()
    #expect(s.run("divmod(7, 2), divmod(-7, 2), divmod(7.5, 2), pow(2, 10), pow(2, -1), pow(3, 4, 5), pow(2, -1, 7), divmod(-7.5, 2)") == "((3, 1), (-4, 1), (3.0, 1.5), 1024, 0.5, 1, 4, (-4.0, 0.5))")
    #expect(s.run("divmod(1, 0)") == "ZeroDivisionError: integer division or modulo by zero")
    #expect(s.run("divmod(1.0, 0)") == "ZeroDivisionError: float divmod()")
    #expect(s.run("pow(2, 3, 0)") == "ValueError: pow() 3rd argument cannot be 0")
    #expect(s.run("pow(2.0, 3, 4)") == "TypeError: pow() 3rd argument not allowed unless all arguments are integers")
    #expect(s.run("divmod('a', 1)") == "TypeError: unsupported operand type(s) for divmod(): 'str' and 'int'")
}

@Test func builtinInt() {
    let s = Session()
    #expect(s.run("int('42'), int(' -7 '), int('ff', 16), int('0x1f', 0), int('1_000'), int(3.9), int(-3.9), int(True), int('101', 2), int('z', 36)") == "(42, -7, 255, 31, 1000, 3, -3, 1, 5, 35)")
    #expect(s.run("int('abc')") == "ValueError: invalid literal for int() with base 10: 'abc'")
    #expect(s.run("int('1.5')") == "ValueError: invalid literal for int() with base 10: '1.5'")
    #expect(s.run("int([1])") == "TypeError: int() argument must be a string, a bytes-like object or a real number, not 'list'")
    #expect(s.run("int('12', 1)") == "ValueError: int() base must be >= 2 and <= 36, or 0")
    #expect(s.run("int(float('nan'))") == "ValueError: cannot convert float NaN to integer")
    #expect(s.run("int(float('inf'))") == "OverflowError: cannot convert float infinity to integer")
    #expect(s.run("int('')") == "ValueError: invalid literal for int() with base 10: ''")
    #expect(s.run("int(5, 10)") == "TypeError: int() can't convert non-string with explicit base")
}

@Test func builtinFloat() {
    let s = Session()
    #expect(s.run("float('1.5'), float(' -2e3 '), float('inf'), float('-nan'), float(3), float('1_0.5'), float()") == "(1.5, -2000.0, inf, nan, 3.0, 10.5, 0.0)")
    #expect(s.run("float('abc')") == "ValueError: could not convert string to float: 'abc'")
    #expect(s.run("float([1])") == "TypeError: float() argument must be a string or a real number, not 'list'")
    #expect(s.run("float('1__0')") == "ValueError: could not convert string to float: '1__0'")
}

@Test func builtinStrBool() {
    let s = Session()
    #expect(s.run("str(1.0), str([1, 'a']), str(None), str(), bool([]), bool([0]), bool(''), bool('0'), bool(0.0), bool(None)") == "('1.0', \"[1, 'a']\", 'None', '', False, True, False, True, False, False)")
    #expect(s.run("str(b=1)") == "TypeError: 'b' is an invalid keyword argument for str()")
}

@Test func builtinContainers() {
    let s = Session()
    #expect(s.run("list('abc'), tuple([1, 2]), dict([(1, 2)], a=3), set([3, 1, 3]), frozenset([1, 2]), dict(a=1), list(), tuple(), dict(), set()") == "(['a', 'b', 'c'], (1, 2), {1: 2, 'a': 3}, {1, 3}, frozenset({1, 2}), {'a': 1}, [], (), {}, set())")
    #expect(s.run("list(1)") == "TypeError: 'int' object is not iterable")
    #expect(s.run("dict([1, 2])") == "TypeError: cannot convert dictionary update sequence element #0 to a sequence")
    #expect(s.run("dict([(1, 2, 3)])") == "ValueError: dictionary update sequence element #0 has length 3; 2 is required")
    #expect(s.run("set([[1]])") == "TypeError: unhashable type: 'list'")
}

@Test func builtinIsinstance() {
    let s = Session()
    #expect(s.run("isinstance(1, int), isinstance(True, int), isinstance(1, (str, float)), isinstance([], list), issubclass(bool, int), issubclass(ValueError, Exception), isinstance(1.0, (int, float))") == "(True, True, False, True, True, True, True)")
    #expect(s.run("isinstance(1, 1)") == "TypeError: isinstance() arg 2 must be a type, a tuple of types, or a union")
    #expect(s.run("issubclass(1, int)") == "TypeError: issubclass() arg 1 must be a class")
}

@Test func builtinType() {
    let s = Session()
    #expect(s.run("type(1), type('a').__name__, type(None), type(type), type(len), type([]) is list, type(1.5).__name__") == "(<class 'int'>, 'str', <class 'NoneType'>, <class 'type'>, <class 'builtin_function_or_method'>, True, 'float')")
    #expect(s.run("type(1)(5), type('')('x')") == "(5, 'x')")
}

@Test func builtinRepr() {
    let s = Session()
    #expect(s.run("repr('a\\'b'), repr(\"it's\"), repr('a\\nb\\x00'), repr(1.0), repr([1, 'x']), repr((1,)), repr({'a': [1]}), repr('é\\u200b')") == "('\"a\\'b\"', '\"it\\'s\"', \"'a\\\\nb\\\\x00'\", '1.0', \"[1, 'x']\", '(1,)', \"{'a': [1]}\", \"'é\\\\u200b'\")")
}

@Test func builtinMapFilter() {
    let s = Session()
    #expect(s.run("list(map(str, [1, 2])), list(map(lambda a, b: a + b, [1, 2], [10, 20, 30])), list(filter(None, [0, 1, '', 'a'])), list(filter(lambda x: x > 1, [1, 2, 3]))") == "(['1', '2'], [11, 22], [1, 'a'], [2, 3])")
    #expect(s.run("map(1)") == "TypeError: map() must have at least two arguments.")
    #expect(s.run("list(map(1, [1]))") == "TypeError: 'int' object is not callable")
}

@Test func builtinAnyAll() {
    let s = Session()
    #expect(s.run("any([]), all([]), any([0, '', 1]), all([1, 'a', []]), any(x > 2 for x in range(5))") == "(False, True, True, False, True)")
    #expect(s.run("any(1)") == "TypeError: 'int' object is not iterable")
}

@Test func builtinChrOrd() {
    let s = Session()
    #expect(s.run("chr(65), chr(0x1F600), ord('a'), ord('€'), hex(255), hex(-1), oct(8), bin(5), bin(-5), hex(2**70)") == "('A', '😀', 97, 8364, '0xff', '-0x1', '0o10', '0b101', '-0b101', '0x400000000000000000')")
    #expect(s.run("chr(-1)") == "ValueError: chr() arg not in range(0x110000)")
    #expect(s.run("chr(0x110000)") == "ValueError: chr() arg not in range(0x110000)")
    #expect(s.run("ord('ab')") == "TypeError: ord() expected a character, but string of length 2 found")
    #expect(s.run("ord(1)") == "TypeError: ord() expected string of length 1, but int found")
    #expect(s.run("hex(1.5)") == "TypeError: 'float' object cannot be interpreted as an integer")
}

@Test func builtinAttrs() {
    let s = Session()
    #expect(s.run("class C: pass\nc = C()\nsetattr(c, 'x', 5)\nhasattr(c, 'x'), getattr(c, 'x'), getattr(c, 'y', 'dflt'), hasattr(c, 'y')") == "(True, 5, 'dflt', False)")
    #expect(s.run("getattr(1, 'nope')") == "AttributeError: 'int' object has no attribute 'nope'")
    #expect(s.run("getattr(1, 2)") == "TypeError: attribute name must be string, not 'int'")
    #expect(s.run("class C: pass\ndelattr(C(), 'x')") == "AttributeError: 'C' object has no attribute 'x'")
}

@Test func builtinIterNext() {
    let s = Session()
    #expect(s.run("it = iter([1, 2])\nnext(it), next(it), next(it, 'end')") == "(1, 2, 'end')")
    #expect(s.run("next(iter([]))") == "StopIteration: ")
    #expect(s.run("next([1])") == "TypeError: 'list' object is not an iterator")
    #expect(s.run("it = iter(range(3))\nlist(it), list(it)") == "([0, 1, 2], [])")
}

@Test func builtinIdHashCallable() {
    let s = Session()
    #expect(s.run("hash(1), hash(-1), hash(True), hash(1.0), hash(2**61), hash((1, 2)) == hash((1, 2)), callable(len), callable(1), callable(int), id(len) == id(len)") == "(1, -2, 1, 1, 1, True, True, False, True, True)")
    #expect(s.run("hash([])") == "TypeError: unhashable type: 'list'")
    #expect(s.run("hash({})") == "TypeError: unhashable type: 'dict'")
}

@Test func builtinFormat() {
    let s = Session()
    #expect(s.run("format(3.14159, '.2f'), format(42, '08b'), format('ab', '>5'), format(1234567, ','), format(0.5, '%'), format(12, 'x'), format(True), format(None)") == "('3.14', '00101010', '   ab', '1,234,567', '50.000000%', 'c', 'True', 'None')")
    #expect(s.run("format(1, 'z')") == "ValueError: Negative zero coercion (z) not allowed in integer format specifier")
    #expect(s.run("format('a', 'd')") == "ValueError: Unknown format code 'd' for object of type 'str'")
}

@Test func builtinStrMethods() {
    let s = Session()
    #expect(s.run("'Hello'.upper(), 'Hello'.lower(), '  x '.strip(), 'xxaxx'.strip('x'), 'a,b,,c'.split(','), 'a b  c'.split(), 'a b c'.split(None, 1), 'a,b,c'.rsplit(',', 1), '-'.join(['a', 'b']), 'aaa'.replace('a', 'b', 2)") == "('HELLO', 'hello', 'x', 'a', ['a', 'b', '', 'c'], ['a', 'b', 'c'], ['a', 'b c'], ['a,b', 'c'], 'a-b', 'bba')")
    #expect(s.run("'hello'.find('l'), 'hello'.rfind('l'), 'hello'.index('e'), 'hello'.count('l'), 'hello'.startswith('he'), 'hello'.endswith(('x', 'lo')), 'abc'.center(7, '*'), 'ab'.ljust(4, '.'), '7'.zfill(3), '-7'.zfill(4)") == "(2, 3, 1, 2, True, True, '**abc**', 'ab..', '007', '-007')")
    #expect(s.run("'a=b=c'.partition('='), 'a=b=c'.rpartition('='), 'x'.partition('='), 'hello world'.title(), 'hello'.capitalize(), 'AbC'.swapcase(), '12'.isdigit(), 'ab'.isalpha(), ' '.isspace(), 'Ab'.isupper(), 'ab1'.isalnum()") == "(('a', '=', 'b=c'), ('a=b', '=', 'c'), ('x', '', ''), 'Hello World', 'Hello', 'aBc', True, True, True, False, True)")
    #expect(s.run("'a\\nb\\r\\nc'.splitlines(), 'a\\nb'.splitlines(True), 'prefix_x'.removeprefix('prefix_'), 'x.py'.removesuffix('.py'), 'a\\tb'.expandtabs(4), 'abc'[::-1], 'abcdef'[1:5:2], 'x' * 3, 'ab' in 'cabd'") == "(['a', 'b', 'c'], ['a\\n', 'b'], 'x', 'x', 'a   b', 'cba', 'bd', 'xxx', True)")
    #expect(s.run("'{} {}'.format(1, 'a'), '{1}{0}'.format('a', 'b'), '{x}-{y!r}'.format(x=1, y='s'), '{:>6.2f}|{:<4}|{:^5}'.format(3.14159, 'ab', 'c'), '{0[1]}{a.real}'.format([5, 6], a=3), '{{}}'.format(), '{:,}'.format(10**6)") == "('1 a', 'ba', \"1-'s'\", '  3.14|ab  |  c  ', '63', '{}', '1,000,000')")
    #expect(s.run("'a'.join([1])") == "TypeError: sequence item 0: expected str instance, int found")
    #expect(s.run("'abc'.index('z')") == "ValueError: substring not found")
    #expect(s.run("'a'.split('')") == "ValueError: empty separator")
    #expect(s.run("'{}{}'.format(1)") == "IndexError: Replacement index 1 out of range for positional args tuple")
    #expect(s.run("'{x}'.format()") == "KeyError: 'x'")
    #expect(s.run("'a'.startswith(1)") == "TypeError: startswith first arg must be str or a tuple of str, not int")
    #expect(s.run("'abc'.center(5, 'xy')") == "TypeError: The fill character must be exactly one character long")
    #expect(s.run("'%s and %d' % ('a', 3)") == "'a and 3'")
    #expect(s.run("'%5.1f|%-4d|%x|%r' % (3.14159, 7, 255, 'q')") == "\"  3.1|7   |ff|'q'\"")
    #expect(s.run("'%d' % 'a'") == "TypeError: %d format: a real number is required, not str")
    #expect(s.run("'%s %s' % (1,)") == "TypeError: not enough arguments for format string")
    #expect(s.run("'%s' % (1, 2)") == "TypeError: not all arguments converted during string formatting")
    #expect(s.run("'%(a)s-%(b)03d' % {'a': 'x', 'b': 7}") == "'x-007'")
    #expect(s.run("'%%|%c' % 65") == "'%|A'")
}

@Test func builtinListMethods() {
    let s = Session()
    #expect(s.run("l = [3, 1, 2]\nl.append(4); l.extend([5]); l.insert(0, 0); l.insert(-1, 9); l.remove(9); x = l.pop(); y = l.pop(0)\nl, x, y, l.index(2), l.count(1)") == "([3, 1, 2, 4], 5, 0, 2, 1)")
    #expect(s.run("l = [3, 1, 2]\nl.sort(); a = l.copy(); l.reverse(); l, a") == "([3, 2, 1], [1, 2, 3])")
    #expect(s.run("[].pop()") == "IndexError: pop from empty list")
    #expect(s.run("[1].pop(5)") == "IndexError: pop index out of range")
    #expect(s.run("[1].remove(2)") == "ValueError: list.remove(x): x not in list")
    #expect(s.run("[1].index(2)") == "ValueError: 2 is not in list")
    #expect(s.run("l = [1, 2, 3, 4, 5]\nl[1:3] = ['a']; del l[0]; l[::2] = [0, 0]\nl") == "[0, 4, 0]")
    #expect(s.run("l = [1, 2]\nl[5]") == "IndexError: list index out of range")
    #expect(s.run("l = [1]\nl[2] = 0") == "IndexError: list assignment index out of range")
    #expect(s.run("l = [1, 2, 3]\ndel l[::2]\nl") == "[2]")
    #expect(s.run("[1, 2] * 2, [0] * 0, [1, 2] + [3], [1, 2] < [1, 3], [1, [2]] == [1, [2]]") == "([1, 2, 1, 2], [], [1, 2, 3], True, True)")
}

@Test func builtinDictMethods() {
    let s = Session()
    #expect(s.run("d = {'a': 1}\nd.update(b=2); d.setdefault('c', 3); d.setdefault('a', 9)\nd, d.get('z'), d.get('z', 0), d.pop('c'), d.pop('z', None), list(d.keys()), list(d.values()), list(d.items())") == "({'a': 1, 'b': 2}, None, 0, 3, None, ['a', 'b'], [1, 2], [('a', 1), ('b', 2)])")
    #expect(s.run("d = {'a': 1, 'b': 2}\nd.popitem(), d, d.copy(), dict.fromkeys('ab', 0)") == "(('b', 2), {'a': 1}, {'a': 1}, {'a': 0, 'b': 0})")
    #expect(s.run("{}.popitem()") == "KeyError: 'popitem(): dictionary is empty'")
    #expect(s.run("{}.pop('x')") == "KeyError: 'x'")
    #expect(s.run("{'a': 1}['b']") == "KeyError: 'b'")
    #expect(s.run("d = {1: 'a'}\nd[1.0], True in {1: 2}, {1: 2} == {1.0: 2}") == "('a', True, True)")
    #expect(s.run("d = {1: 2}\nfor k in d:\n    d[k + 1] = 0") == "RuntimeError: dictionary changed size during iteration")
    #expect(s.run("d = {'b': 1, 'a': 2}\nd.keys(), d.values(), d.items(), len(d.keys()), 'a' in d.keys()") == "(dict_keys(['b', 'a']), dict_values([1, 2]), dict_items([('b', 1), ('a', 2)]), 2, True)")
    #expect(s.run("{**{'a': 1}, 'b': 2}, {'a': 1} | {'b': 2}") == "({'a': 1, 'b': 2}, {'a': 1, 'b': 2})")
}

@Test func builtinSetMethods() {
    let s = Session()
    #expect(s.run("s = {3, 1, 2}\ns.add(5); s.discard(9); s.remove(1)\ns, s | {9}, s & {2, 3}, s - {2}, s ^ {3, 4}, s.union([7], [8]), {1, 2} <= {1, 2, 3}, {1} < {1}, set('aab') == {'a', 'b'}") == "({2, 3, 5}, {9, 2, 3, 5}, {2, 3}, {3, 5}, {2, 4, 5}, {2, 3, 5, 7, 8}, True, False, True)")
    #expect(s.run("set().pop()") == "KeyError: 'pop from an empty set'")
    #expect(s.run("s = {1}\ns.remove(2)") == "KeyError: 2")
    #expect(s.run("{[1]}") == "TypeError: unhashable type: 'list'")
    #expect(s.run("frozenset([1, 2]) | {3}, {frozenset([1])}") == "(frozenset({1, 2, 3}), {frozenset({1})})")
}

@Test func builtinTupleMethods() {
    let s = Session()
    #expect(s.run("t = (1, 2, 2, 3)\nt.count(2), t.index(3), t[1:], t + (4,), t * 2, (1, 2) < (1, 2, 0), ()") == "(2, 3, (2, 2, 3), (1, 2, 2, 3, 4), (1, 2, 2, 3, 1, 2, 2, 3), True, ())")
    #expect(s.run("(1,).index(5)") == "ValueError: tuple.index(x): x not in tuple")
    #expect(s.run("t = (1,)\nt[0] = 2") == "TypeError: 'tuple' object does not support item assignment")
    #expect(s.run("(1, 2) + [3]") == "TypeError: can only concatenate tuple (not \"list\") to tuple")
}

@Test func builtinNumbers() {
    let s = Session()
    #expect(s.run("7 // 2, -7 // 2, 7 % -3, -7 % 3, 7.5 // 2, -7.5 % 2, 2 ** -2, 2 ** 0.5, 10 / 4, 1e300 * 1e10, -(2**63), 2**63, (-2)**63, 0.1 + 0.2") == "(3, -4, -2, 2, 3.0, 0.5, 0.25, 1.4142135623730951, 2.5, inf, -9223372036854775808, 9223372036854775808, -9223372036854775808, 0.30000000000000004)")
    #expect(s.run("1 / 0") == "ZeroDivisionError: division by zero")
    #expect(s.run("1 // 0") == "ZeroDivisionError: integer division or modulo by zero")
    #expect(s.run("1 % 0") == "ZeroDivisionError: integer modulo by zero")
    #expect(s.run("1.0 / 0") == "ZeroDivisionError: float division by zero")
    #expect(s.run("1.0 // 0.0") == "ZeroDivisionError: float floor division by zero")
    #expect(s.run("0 ** -1") == "ZeroDivisionError: 0.0 cannot be raised to a negative power")
    #expect(s.run("2.0 ** 10000") == "OverflowError: (34, 'Numerical result out of range')")
    #expect(s.run("1 << -1") == "ValueError: negative shift count")
    #expect(s.run("~5, -~5, 5 & 3, 5 | 3, 5 ^ 3, 1 << 70, -1 >> 1, 2**100 >> 90") == "(-6, 6, 1, 7, 6, 1180591620717411303424, -1, 1024)")
    #expect(s.run("True + True, True / 2, -True, 3 * False") == "(2, 0.5, -1, 0)")
    #expect(s.run("1 + 'a'") == "TypeError: unsupported operand type(s) for +: 'int' and 'str'")
    #expect(s.run("'a' * 2.0") == "TypeError: can't multiply sequence by non-int of type 'float'")
    #expect(s.run("[] * []") == "TypeError: can't multiply sequence by non-int of type 'list'")
    #expect(s.run("-'a'") == "TypeError: bad operand type for unary -: 'str'")
    #expect(s.run("1 < 'a'") == "TypeError: '<' not supported between instances of 'int' and 'str'")
    #expect(s.run("None < 1") == "TypeError: '<' not supported between instances of 'NoneType' and 'int'")
    #expect(s.run("1 == 1.0, 2**53 + 1 == float(2**53 + 1), 0.1 == 1/10, float('nan') == float('nan')") == "(True, False, True, False)")
    #expect(s.run("1e16, 1e-5, 123456789.0, 1.5e300, 2.0**0.5, 1/3, -0.0, float('inf'), 100.0, 1e22") == "(1e+16, 1e-05, 123456789.0, 1.5e+300, 1.4142135623730951, 0.3333333333333333, -0.0, inf, 100.0, 1e+22)")
}

@Test func builtinFunctions() {
    let s = Session()
    #expect(s.run("def f(a, b=2, *args, c, d=4, **kw):\n    return a, b, args, c, d, kw\nf(1, c=3), f(1, 2, 3, 4, c=5, e=6)") == "((1, 2, (), 3, 4, {}), (1, 2, (3, 4), 5, 4, {'e': 6}))")
    #expect(s.run("def f(a, b): pass\nf(1)") == "TypeError: f() missing 1 required positional argument: 'b'")
    #expect(s.run("def f(a, b): pass\nf(1, 2, 3)") == "TypeError: f() takes 2 positional arguments but 3 were given")
    #expect(s.run("def f(a): pass\nf(1, a=2)") == "TypeError: f() got multiple values for argument 'a'")
    #expect(s.run("def f(a): pass\nf(z=1)") == "TypeError: f() got an unexpected keyword argument 'z'")
    #expect(s.run("def f(*, k): pass\nf()") == "TypeError: f() missing 1 required keyword-only argument: 'k'")
    #expect(s.run("def f(a, b, c): pass\nf()") == "TypeError: f() missing 3 required positional arguments: 'a', 'b', and 'c'")
    #expect(s.run("def f(a=1): pass\nf(1, 2)") == "TypeError: f() takes from 0 to 1 positional arguments but 2 were given")
    #expect(s.run("def f(x):\n    return x * 2\nf.__name__, (lambda: 0).__name__, f.__qualname__") == "('f', '<lambda>', 'f')")
    #expect(s.run("def outer():\n    n = 0\n    def inc():\n        nonlocal n\n        n += 1\n        return n\n    return inc\ng = outer()\ng(), g(), g()") == "(1, 2, 3)")
    #expect(s.run("x = 1\ndef f():\n    global x\n    x = 5\nf()\nx") == "5")
    #expect(s.run("def f():\n    print(y)\n    y = 1\nf()") == "UnboundLocalError: cannot access local variable 'y' where it is not associated with a value")
    #expect(s.run("fs = [lambda i=i: i for i in range(3)]\n[f() for f in fs]") == "[0, 1, 2]")
    #expect(s.run("def deco(fn):\n    def wrapper(*a, **k):\n        return ('wrapped', fn(*a, **k))\n    return wrapper\n@deco\ndef g(x):\n    return x\ng(3)") == "('wrapped', 3)")
    #expect(s.run("def f(*args, **kwargs):\n    return args, kwargs\nf(*[1, 2], **{'a': 3}), f(*'ab')") == "(((1, 2), {'a': 3}), (('a', 'b'), {}))")
    #expect(s.run("def f(): pass\nf(*1)") == "TypeError: __main__.f() argument after * must be an iterable, not int")
    #expect(s.run("def f(): pass\nf(**[1])") == "TypeError: __main__.f() argument after ** must be a mapping, not list")
}

@Test func builtinClasses() {
    let s = Session()
    #expect(s.run("class A:\n    cls_attr = 1\n    def __init__(self, x):\n        self.x = x\n    def __repr__(self):\n        return f'A({self.x})'\n    def __eq__(self, o):\n        return isinstance(o, A) and o.x == self.x\n    def __lt__(self, o):\n        return self.x < o.x\n    def __len__(self):\n        return self.x\n    def __getitem__(self, i):\n        return i * 2\n    def __call__(self, y):\n        return self.x + y\n    def __add__(self, o):\n        return A(self.x + (o.x if isinstance(o, A) else o))\n    def __radd__(self, o):\n        return A(o + self.x)\n    def __contains__(self, v):\n        return v == 1\n    def __bool__(self):\n        return self.x > 0\na = A(3)\na, a == A(3), a != A(4), sorted([A(2), A(1)]), len(a), a[5], a(1), a + 1, 1 + a, 1 in a, bool(A(0)), A.cls_attr, a.cls_attr") == "(A(3), True, True, [A(1), A(2)], 3, 10, 4, A(4), A(4), True, False, 1, 1)")
    #expect(s.run("class B:\n    pass\nB().x") == "AttributeError: 'B' object has no attribute 'x'")
    #expect(s.run("class B:\n    pass\nB.x") == "AttributeError: type object 'B' has no attribute 'x'")
    #expect(s.run("class B:\n    pass\nB(1)") == "TypeError: B() takes no arguments")
    #expect(s.run("class P:\n    def __init__(self, v):\n        self.v = v\n    def f(self):\n        return 'P.f'\nclass Q(P):\n    def __init__(self, v):\n        super().__init__(v * 2)\n    def f(self):\n        return 'Q>' + super().f()\nq = Q(2)\nq.v, q.f(), isinstance(q, P), Q.__mro__, Q.__name__") == "(4, 'Q>P.f', True, (<class '__main__.Q'>, <class '__main__.P'>, <class 'object'>), 'Q')")
    #expect(s.run("class S:\n    @staticmethod\n    def s(x):\n        return x\n    @classmethod\n    def c(cls):\n        return cls.__name__\n    @property\n    def p(self):\n        return 42\nS.s(1), S().s(2), S.c(), S().c(), S().p") == "(1, 2, 'S', 'S', 42)")
    #expect(s.run("class S:\n    @property\n    def p(self):\n        return 1\nS().p = 2") == "AttributeError: property 'p' of 'S' object has no setter")
    #expect(s.run("class It:\n    def __init__(self):\n        self.n = 0\n    def __iter__(self):\n        return self\n    def __next__(self):\n        self.n += 1\n        if self.n > 3:\n            raise StopIteration\n        return self.n\nlist(It())") == "[1, 2, 3]")
    #expect(s.run("class Ctx:\n    def __enter__(self):\n        print('enter')\n        return 'val'\n    def __exit__(self, t, v, tb):\n        print('exit', t.__name__ if t else None)\n        return True\nwith Ctx() as v:\n    print(v)\n    1 / 0\nprint('after')") == "enter\nval\nexit ZeroDivisionError\nafter\n")
    #expect(s.run("class N:\n    pass\nn = N()\nn < n") == "TypeError: '<' not supported between instances of 'N' and 'N'")
    #expect(s.run("class E:\n    def __eq__(self, o):\n        return True\nE() == 1, {1: 2}.get(1), hash(E())") == "TypeError: unhashable type: 'E'")
    #expect(s.run("class V:\n    def __str__(self):\n        return 'str!'\nprint(V()), str(V()), f'{V()}'") == "str!\n(None, 'str!', 'str!')")
    #expect(s.run("with 1:\n    pass") == "TypeError: 'int' object does not support the context manager protocol")
}

@Test func builtinExceptions() {
    let s = Session()
    #expect(s.run("try:\n    raise ValueError('bad', 2)\nexcept ValueError as e:\n    print(e, repr(e), e.args)") == "('bad', 2) ValueError('bad', 2) ('bad', 2)\n")
    #expect(s.run("try:\n    {}['k']\nexcept KeyError as e:\n    print(str(e), repr(e))") == "'k' KeyError('k')\n")
    #expect(s.run("class MyErr(Exception):\n    pass\ntry:\n    raise MyErr('x')\nexcept Exception as e:\n    print(type(e).__name__, e, isinstance(e, MyErr))") == "MyErr x True\n")
    #expect(s.run("try:\n    try:\n        1 / 0\n    except ZeroDivisionError as e:\n        raise ValueError('wrapped') from e\nexcept ValueError as e:\n    print(repr(e.__cause__), e.__suppress_context__)") == "ZeroDivisionError('division by zero') True\n")
    #expect(s.run("try:\n    try:\n        1 / 0\n    except ZeroDivisionError:\n        raise KeyError('k')\nexcept KeyError as e:\n    print(repr(e.__context__), e.__cause__)") == "ZeroDivisionError('division by zero') None\n")
    #expect(s.run("def f():\n    try:\n        return 'try'\n    finally:\n        print('finally')\nf()") == "finally\n'try'")
    #expect(s.run("for i in range(3):\n    try:\n        if i == 1:\n            continue\n        print(i)\n    finally:\n        print('f', i)") == "0\nf 0\nf 1\n2\nf 2\n")
    #expect(s.run("raise") == "RuntimeError: No active exception to reraise")
    #expect(s.run("raise 5") == "TypeError: exceptions must derive from BaseException")
    #expect(s.run("raise ValueError") == "ValueError: ")
    #expect(s.run("try:\n    pass\nexcept 5:\n    pass\nelse:\n    print('else')") == "else\n")
    #expect(s.run("try:\n    1/0\nexcept 5:\n    pass") == "TypeError: catching classes that do not inherit from BaseException is not allowed")
    #expect(s.run("assert 1 == 2, 'msg'") == "AssertionError: msg")
    #expect(s.run("assert False") == "AssertionError: ")
    #expect(s.run("e = RuntimeError()\nstr(e), repr(e), repr(KeyError()), str(KeyError('a', 'b'))") == "('', 'RuntimeError()', 'KeyError()', \"('a', 'b')\")")
    #expect(s.run("try:\n    1/0\nexcept (TypeError, ZeroDivisionError) as e:\n    err = e\nerr.args, 'e' in dir() if False else 0") == "(('division by zero',), 0)")
    #expect(s.run("class E2(Exception):\n    def __init__(self, v):\n        super().__init__(f'v={v}')\n        self.v = v\nraise E2(3)") == "E2: v=3")
    #expect(s.run("class E3(Exception):\n    def __str__(self):\n        return 'custom'\nraise E3()") == "E3: custom")
    #expect(s.run("raise StopIteration") == "StopIteration: ")
    #expect(s.run("raise KeyboardInterrupt") == "KeyboardInterrupt: ")
}

@Test func builtinGenerators() {
    let s = Session()
    #expect(s.run("def g():\n    yield 1\n    yield 2\n    return 'done'\nx = g()\nnext(x), next(x), next(x, 'end')") == "(1, 2, 'end')")
    #expect(s.run("def g():\n    for i in range(3):\n        if i % 2 == 0:\n            yield i\n    yield from [10, 11]\nlist(g())") == "[0, 2, 10, 11]")
    #expect(s.run("def g():\n    total = 0\n    while True:\n        x = yield total\n        if x is None:\n            break\n        total += x\ngen = g()\nnext(gen), gen.send(5), gen.send(7)") == "(0, 5, 12)")
    #expect(s.run("def g():\n    try:\n        yield 1\n        yield 2\n    finally:\n        print('cleanup')\nlist(g())") == "cleanup\n[1, 2]")
    #expect(s.run("def inner():\n    yield 1\n    return 'ret'\ndef outer():\n    r = yield from inner()\n    yield r\nlist(outer())") == "[1, 'ret']")
    #expect(s.run("def g():\n    yield 1\nnext(g()), type(g()).__name__") == "(1, 'generator')")
    #expect(s.run("def g():\n    yield 1\n    raise StopIteration\nlist(g())") == "RuntimeError: generator raised StopIteration")
    #expect(s.run("gen = (x * x for x in range(4))\nnext(gen), list(gen), list(gen)") == "(0, [1, 4, 9], [])")
    #expect(s.run("sum(x for x in range(10) if x % 2), max(len(w) for w in ['a', 'abc']), [y for x in [[1, 2], [3]] for y in x], {k: v for k, v in zip('ab', [1, 2])}, {x % 3 for x in range(10)}") == "(25, 3, [1, 2, 3], {'a': 1, 'b': 2}, {0, 1, 2})")
}

@Test func builtinControl() {
    let s = Session()
    #expect(s.run("for i in range(3):\n    pass\nelse:\n    print('else', i)") == "else 2\n")
    #expect(s.run("while True:\n    break\nelse:\n    print('no')") == "")
    #expect(s.run("n = 0\nwhile n < 5:\n    n += 1\n    if n == 2:\n        continue\n    if n == 4:\n        break\n    print(n)") == "1\n3\n")
    #expect(s.run("x = 5\n'big' if x > 3 else 'small', 1 and 2, 0 or 'x', None or 0, not []") == "('big', 2, 'x', 0, True)")
    #expect(s.run("a, *b, c = range(5)\na, b, c") == "(0, [1, 2, 3], 4)")
    #expect(s.run("a, b = 1") == "TypeError: cannot unpack non-iterable int object")
    #expect(s.run("a, b = [1, 2, 3]") == "ValueError: too many values to unpack (expected 2)")
    #expect(s.run("a, b, c = [1, 2]") == "ValueError: not enough values to unpack (expected 3, got 2)")
    #expect(s.run("(a, b), c = [1, 2], 3\na, b, c") == "(1, 2, 3)")
    #expect(s.run("x = y = []\nx.append(1)\ny") == "[1]")
    #expect(s.run("del undefined_name") == "NameError: name 'undefined_name' is not defined")
    #expect(s.run("x = 1\ndel x\nx") == "NameError: name 'x' is not defined")
    #expect(s.run("if (n := 10) > 5:\n    print(n)") == "10\n")
    #expect(s.run("[1, 2][True], 'abc'[-1], (1, 2, 3)[-2:]") == "(2, 'c', (2, 3))")
}

@Test func builtinMath() {
    let s = Session()
    #expect(s.run("import math\nmath.sqrt(16), math.floor(-2.5), math.ceil(2.1), math.trunc(-2.7), math.pi, math.e, math.isclose(0.1 + 0.2, 0.3), math.gcd(12, 18), math.factorial(10), math.log(8, 2), math.log10(1000), math.hypot(3, 4), math.isnan(math.nan), math.inf") == "(4.0, -3, 3, -2, 3.141592653589793, 2.718281828459045, True, 6, 3628800, 3.0, 3.0, 5.0, True, inf)")
    #expect(s.run("import math\nmath.sqrt(-1)") == "ValueError: math domain error")
    #expect(s.run("import math\nmath.log(0)") == "ValueError: math domain error")
    #expect(s.run("import math\nmath.exp(1000)") == "OverflowError: math range error")
    #expect(s.run("import math\nmath.factorial(-1)") == "ValueError: factorial() not defined for negative values")
    #expect(s.run("import math\nmath.floor(math.inf)") == "OverflowError: cannot convert float infinity to integer")
    #expect(s.run("import math\nmath.sqrt('a')") == "TypeError: must be real number, not str")
    #expect(s.run("import math\nmath.nope") == "AttributeError: module 'math' has no attribute 'nope'")
    #expect(s.run("from math import sqrt, pi as PI\nsqrt(4), PI") == "(2.0, 3.141592653589793)")
    #expect(s.run("import math\nmath.fsum([0.1] * 10), math.prod([1, 2, 3]), math.comb(5, 2), math.perm(5, 2), math.isqrt(17), math.copysign(1, -0.0), math.degrees(math.pi), math.atan2(1, 1)") == "(1.0, 6, 10, 20, 4, -1.0, 180.0, 0.7853981633974483)")
}

@Test func builtinNames() {
    let s = Session()
    #expect(s.run("undefined_thing") == "NameError: name 'undefined_thing' is not defined")
    #expect(s.run("int.nope") == "AttributeError: type object 'int' has no attribute 'nope'")
    #expect(s.run("(1).nope") == "AttributeError: 'int' object has no attribute 'nope'")
    #expect(s.run("None.append") == "AttributeError: 'NoneType' object has no attribute 'append'")
    #expect(s.run("len.x") == "AttributeError: 'builtin_function_or_method' object has no attribute 'x'")
    #expect(s.run("x = 5\nx.y = 1") == "AttributeError: 'int' object has no attribute 'y'")
    #expect(s.run("'abc'.y = 1") == "AttributeError: 'str' object has no attribute 'y'")
    #expect(s.run("int.y = 1") == "TypeError: cannot set 'y' attribute of immutable type 'int'")
    #expect(s.run("1()") == "TypeError: 'int' object is not callable")
    #expect(s.run("'a'()") == "TypeError: 'str' object is not callable")
    #expect(s.run("[1, 2]['a']") == "TypeError: list indices must be integers or slices, not str")
    #expect(s.run("'ab'['a']") == "TypeError: string indices must be integers, not 'str'")
    #expect(s.run("(1,)['a']") == "TypeError: tuple indices must be integers or slices, not str")
    #expect(s.run("1[0]") == "TypeError: 'int' object is not subscriptable")
    #expect(s.run("int[0]") == "TypeError: type 'int' is not subscriptable")
    #expect(s.run("for x in 5: pass") == "TypeError: 'int' object is not iterable")
    #expect(s.run("iter(5)") == "TypeError: 'int' object is not iterable")
    #expect(s.run("a = 5\na[0] = 1") == "TypeError: 'int' object does not support item assignment")
    #expect(s.run("del (1)[0]") == "TypeError: 'int' object does not support item deletion")
    #expect(s.run("'a' < 1") == "TypeError: '<' not supported between instances of 'str' and 'int'")
}
