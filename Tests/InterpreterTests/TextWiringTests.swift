import ConformanceSupport
import Foundation
import Testing
@testable import Interpreter

/// Runs `source` in an interpreter whose globals `pct`, `sfmt`, `fmap` and `m` reach the text
/// wiring directly (`%`, `str.format`, `str.format_map`, and a str method by name), so the
/// wiring is checked without changing the process-wide `str` type.
private func evaluateWired(_ source: String) -> TextResult {
    let outcome = onLargeStack { () -> ExecutionResult in
        let interp = Interpreter()
        let methods = Dictionary(Builtin.textStrMethods(), uniquingKeysWith: { _, last in last })
        func native(_ name: String, _ body: @escaping NativeFunction) {
            interp.setGlobal(name, .object(PyBuiltinFunction(name: name, body)))
        }
        native("pct") { interp, args in
            .string(try interp.percentFormat(args[0]?.stringValue ?? "", args[1] ?? .none))
        }
        native("sfmt") { interp, args in
            .string(try interp.formatTemplate(args[0]?.stringValue ?? "", positional: Array(args.positional.dropFirst()),
                                              keywords: args.keywords))
        }
        native("fmap") { interp, args in
            .string(try interp.formatTemplate(args[0]?.stringValue ?? "", positional: [], keywords: [], mapping: args[1]))
        }
        native("m") { interp, args in
            guard let name = args[0]?.stringValue, let body = methods[name] else { throw PyError.type("no such method") }
            return try body(interp, Arguments(Array(args.positional.dropFirst()), keywords: args.keywords))
        }
        return interp.execute(source, cell: 1)
    }
    guard let outcome else { return .ok("no result") }
    if let error = outcome.error {
        if error.ename == "MemoryError" { return .memoryError }
        guard let kind = TextError.Kind(rawValue: error.ename) else { return .ok("\(error.ename): \(error.evalue)") }
        return .error(kind, error.evalue)
    }
    return .ok(outcome.result ?? "None")
}

@Test func textWiringMatchesCPython() {
    #expect(wiringCases.rows.count > 90)
    var mismatches: [String] = []
    for row in wiringCases.rows {
        let got = evaluateWired(row[0])
        let want = TextResult(row: row)
        var same = got == want
        if case .ok(let a) = got, case .ok(let b) = want { same = Array(a.unicodeScalars) == Array(b.unicodeScalars) }
        if !same { mismatches.append("\(row[0])\n  got  \(got)\n  want \(want)") }
    }
    #expect(mismatches.isEmpty, "\(mismatches.count) of \(wiringCases.rows.count):\n\(mismatches.joined(separator: "\n"))")
    try? mismatches.joined(separator: "\n").write(toFile: "/tmp/wire_mismatches.txt", atomically: true, encoding: .utf8)
}

// Recorded by running each expression through python3 (CPython 3.11), with
// pct = lambda t, a: t % a; sfmt = lambda t, *a, **k: t.format(*a, **k);
// fmap = lambda t, mp: t.format_map(mp); m = lambda name, s, *a, **k: getattr(s, name)(*a, **k).
private let wiringCases = TextTable(#"""
[
["pct('%d %s %r %5.2f %x %o %e %g %%', (1, 'a', 'b', 3.14159, 255, 8, 12345.678, 0.0001))", "ok", "\"1 a 'b'  3.14 ff 10 1.234568e+04 0.0001 %\""],
["pct('%s', {'a': 1})", "ok", "\"{'a': 1}\""],
["pct('%(a)s-%(b)05.1f', {'a': 'x', 'b': 2.25})", "ok", "'x-002.2'"],
["pct('abc', [])", "ok", "'abc'"],
["pct('%(a)s', [])", "TypeError", "list indices must be integers or slices, not str"],
["pct('%d', 'x')", "TypeError", "%d format: a real number is required, not str"],
["pct('%x', 1.5)", "TypeError", "%x format: an integer is required, not float"],
["pct('%c%c', (72, 'i'))", "ok", "'Hi'"],
["pct('%-6s|%6s|', ('ab', 'cd'))", "ok", "'ab    |    cd|'"],
["pct('%+.3e', -0.000123)", "ok", "'-1.230e-04'"],
["pct('%#x %#o %#X', (255, 8, 255))", "ok", "'0xff 0o10 0XFF'"],
["pct('%d %d', (1,))", "TypeError", "not enough arguments for format string"],
["pct('%d', (1, 2))", "TypeError", "not all arguments converted during string formatting"],
["pct('%s %s', ('a', ['b']))", "ok", "\"a ['b']\""],
["pct('%5%', ())", "TypeError", "not enough arguments for format string"],
["pct('%.2f%%', 99.555)", "ok", "'99.56%'"],
["pct('%*d|%-*d|', (4, 1, 4, 2))", "ok", "'   1|2   |'"],
["pct('%.*f', (2, 3.14159))", "ok", "'3.14'"],
["pct('%i %u', (3.9, -3.9))", "ok", "'3 -3'"],
["pct('%d', float('nan'))", "ValueError", "cannot convert float NaN to integer"],
["pct('%c', 'ab')", "TypeError", "%c requires int or char"],
["pct('%c', 0x110000)", "OverflowError", "%c arg not in range(0x110000)"],
["pct('%a', '\u00e9')", "ok", "\"'\\\\xe9'\""],
["pct('%.3s', 'abcdef')", "ok", "'abc'"],
["pct('%(x)s', {'y': 1})", "KeyError", "'x'"],
["pct('%s %r', (None, None))", "ok", "'None None'"],
["pct('%d', True)", "ok", "'1'"],
["pct('%r', ((1, 2),))", "ok", "'(1, 2)'"],
["pct('%d', 10**30)", "ok", "'1000000000000000000000000000000'"],
["pct('%f', 10**400)", "OverflowError", "int too large to convert to float"],
["pct('%s', 10**30)", "ok", "'1000000000000000000000000000000'"],
["pct('%z', 1)", "ValueError", "unsupported format character 'z' (0x7a) at index 1"],
["pct('%', ())", "ValueError", "incomplete format"],
["pct('%(a', {'a': 1})", "ValueError", "incomplete format key"],
["sfmt('{} {}', 1, 'a')", "ok", "'1 a'"],
["sfmt('{0} {1} {0}', 'x', 'y')", "ok", "'x y x'"],
["sfmt('{name}={value:.2f}', name='pi', value=3.14159)", "ok", "'pi=3.14'"],
["sfmt('{0[1]} {1[k]}', [1, 2], {'k': 'v'})", "ok", "'2 v'"],
["sfmt('{!r:>10}|', 'hi')", "ok", "\"      'hi'|\""],
["sfmt('{:*^11,}', 1234567)", "ok", "'*1,234,567*'"],
["sfmt('{:{}.{}f}', 3.14159, 10, 3)", "ok", "'     3.142'"],
["sfmt('{} {0}', 1)", "ValueError", "cannot switch from automatic field numbering to manual field specification"],
["sfmt('{0} {}', 1, 2)", "ValueError", "cannot switch from manual field specification to automatic field numbering"],
["sfmt('{2}', 1, 2)", "IndexError", "Replacement index 2 out of range for positional args tuple"],
["sfmt('}')", "ValueError", "Single '}' encountered in format string"],
["sfmt('{')", "ValueError", "Single '{' encountered in format string"],
["sfmt('{:d}', 1.5)", "ValueError", "Unknown format code 'd' for object of type 'float'"],
["sfmt('{0.real} {0.imag}', 5)", "ok", "'5 0'"],
["sfmt('{!a}', '\u00e9')", "ok", "\"'\\\\xe9'\""],
["sfmt('{x}', y=1)", "KeyError", "'x'"],
["sfmt('{0[5]}', 'xyz')", "IndexError", "string index out of range"],
["sfmt('{:s}', 1)", "ValueError", "Unknown format code 's' for object of type 'int'"],
["sfmt('{:>5}', None)", "TypeError", "unsupported format string passed to NoneType.__format__"],
["sfmt('{0!s:^9}|{0!r:^9}|', 'ab')", "ok", "\"   ab    |  'ab'   |\""],
["sfmt('{a[b]}', a={'b': 2})", "ok", "'2'"],
["sfmt('{0:{1}}', 'x', '>4')", "ok", "'   x'"],
["sfmt('{:{:{}}}', 1, 2, 3)", "ValueError", "Max string recursion exceeded"],
["fmap('{a}-{b}', {'a': 1, 'b': 2})", "ok", "'1-2'"],
["fmap('{c}', {'a': 1})", "KeyError", "'c'"],
["m('find', 'hello', 'l'), m('rfind', 'hello', 'l'), m('find', 'hello', ''), m('find', 'hello', '', 10), m('find', 'hello', 'l', -2), m('find', 'hello', 'h', 1, 3), m('find', 'hello', 'l', None, None)", "ok", "(2, 3, 0, -1, 3, -1, 2)"],
["m('find', 'hello', 1)", "TypeError", "must be str, not int"],
["m('find', 'hello', 'l', 'x')", "TypeError", "slice indices must be integers or None or have an __index__ method"],
["m('find', 'hello')", "TypeError", "find() takes at least 1 argument (0 given)"],
["m('find', 'hello', 'l', 10**30), m('count', 'hello', 'l', -10**30)", "ok", "(-1, 2)"],
["m('index', 'hello', 'z')", "ValueError", "substring not found"],
["m('rindex', 'hello', 'l'), m('index', 'hello', 'l', 3)", "ok", "(3, 3)"],
["m('count', 'aaaa', 'aa'), m('count', 'abc', ''), m('count', 'abc', '', 5), m('count', 'hello', 'l', 3)", "ok", "(2, 4, 0, 1)"],
["m('startswith', 'hello', ('x', 'he')), m('endswith', 'hello', 'lo', 0, 5), m('startswith', 'hello', '', 6), m('endswith', 'hello', ('a', 'b'))", "ok", "(True, True, False, False)"],
["m('startswith', 'a', 1)", "TypeError", "startswith first arg must be str or a tuple of str, not int"],
["m('startswith', 'a', (1,))", "TypeError", "tuple for startswith must only contain str, not int"],
["m('upper', '\u00df stra\u00dfe'), m('lower', '\u03a3\u0391\u03a3 \u039f\u0394\u039f\u03a3'), m('casefold', 'Stra\u00dfe'), m('title', \"they're bill's\"), m('capitalize', 'hELLO wORLD'), m('swapcase', 'Hello')", "ok", "('SS STRASSE', '\u03c3\u03b1\u03c2 \u03bf\u03b4\u03bf\u03c2', 'strasse', \"They'Re Bill'S\", 'Hello world', 'hELLO')"],
["m('upper', 'a', 1)", "TypeError", "str.upper() takes no arguments (1 given)"],
["m('center', 'ab', 7, '*'), m('ljust', 'ab', 5, '.'), m('rjust', 'ab', 5), m('zfill', '-7', 4), m('zfill', '7', 3), m('center', 'abc', 6)", "ok", "('***ab**', 'ab...', '   ab', '-007', '007', ' abc  ')"],
["m('center', 'ab', 5, 'xy')", "TypeError", "The fill character must be exactly one character long"],
["m('center', 'a', 5, 1)", "TypeError", "The fill character must be a unicode character, not int"],
["m('center', 'a', 'x')", "TypeError", "'str' object cannot be interpreted as an integer"],
["m('center', 'a', 10**30)", "OverflowError", "Python int too large to convert to C ssize_t"],
["m('center', 'a', 5, fillchar='*')", "TypeError", "str.center() takes no keyword arguments"],
["m('ljust', 'a')", "TypeError", "ljust expected at least 1 argument, got 0"],
["m('zfill', 'a', 'x')", "TypeError", "'str' object cannot be interpreted as an integer"],
["m('expandtabs', 'a\\tb\\tc'), m('expandtabs', 'a\\tb', 4), m('expandtabs', 'a\\tb', tabsize=2)", "ok", "('a       b       c', 'a   b', 'a b')"],
["m('isdigit', '123'), m('isnumeric', '\u00bd'), m('isdigit', '\u00bd'), m('isalpha', 'abc'), m('isalnum', 'a1'), m('isspace', ' \\t\\x1c'), m('isupper', 'ABC'), m('islower', 'abc'), m('istitle', 'Ab Cd'), m('isidentifier', '_x1'), m('isidentifier', '1x'), m('isdecimal', '\u00b2'), m('isascii', '\u00e9'), m('isprintable', 'a\\n')", "ok", "(True, True, False, True, True, True, True, True, True, True, False, False, False, False)"],
["m('isalpha', 'a', 1)", "TypeError", "str.isalpha() takes no arguments (1 given)"],
["m('removeprefix', 'prefix_rest', 'prefix_'), m('removesuffix', 'file.txt', '.txt')", "ok", "('rest', 'file')"],
["m('removeprefix', 'a', 1)", "TypeError", "removeprefix() argument must be str, not int"],
["m('split', '  a b  c  '), m('split', 'a,b,,c', ','), m('split', 'a,b,c', ',', 1), m('rsplit', 'a b c', ' ', 1), m('split', '', ','), m('split', ''), m('split', '  a b  c  ', None, 1), m('rsplit', '  a b  c  ', maxsplit=1)", "ok", "(['a', 'b', 'c'], ['a', 'b', '', 'c'], ['a', 'b,c'], ['a b', 'c'], [''], [], ['a', 'b  c  '], ['  a b', 'c'])"],
["m('split', 'x', '')", "ValueError", "empty separator"],
["m('split', 'a', 1)", "TypeError", "must be str or None, not int"],
["m('splitlines', 'a\\nb\\r\\nc\\rd'), m('splitlines', 'a\\nb\\n', True), m('splitlines', 'a\\x1cb', keepends=True)", "ok", "(['a', 'b', 'c', 'd'], ['a\\n', 'b\\n'], ['a\\x1c', 'b'])"],
["m('strip', '  xx  '), m('strip', 'xxhixx', 'x'), m('lstrip', '  a '), m('rstrip', ' a  '), m('strip', 'abcba', 'ab'), m('strip', '\\x1c a\\u3000'), m('strip', 'a', None)", "ok", "('xx', 'hi', 'a ', ' a', 'c', 'a', 'a')"],
["m('strip', 'a', 1)", "TypeError", "strip arg must be None or str"],
["m('partition', 'key=value=x', '='), m('rpartition', 'key=value=x', '='), m('partition', 'abc', 'z'), m('rpartition', 'abc', 'z')", "ok", "(('key', '=', 'value=x'), ('key=value', '=', 'x'), ('abc', '', ''), ('', '', 'abc'))"],
["m('partition', 'abc', '')", "ValueError", "empty separator"],
["m('partition', 'abc', 1)", "TypeError", "must be str, not int"],
["m('replace', 'aaa', 'a', 'b', 2), m('replace', 'abc', '', '-'), m('replace', 'abc', 'x', 'y'), m('replace', 'abc', 'b', 'B', -1)", "ok", "('bba', '-a-b-c-', 'abc', 'aBc')"],
["m('replace', 'abc', 1, 'x')", "TypeError", "replace() argument 1 must be str, not int"],
["m('replace', 'abc', 'a')", "TypeError", "replace expected at least 2 arguments, got 1"],
["m('format', '{:>6.2f}|{:<4}|{:^5}', 3.14159, 'ab', 7)", "ok", "'  3.14|ab  |  7  '"],
["m('format_map', '{x}', {'x': 'y'})", "ok", "'y'"]
]
"""#)

