import ConformanceSupport
import Foundation
import Testing
@testable import Interpreter

/// Programs written to hurt the evaluator: re-entrancy, self-reference, mutation from callbacks,
/// huge sizes and widths. The fuzzer below runs them, mutated and spliced together.
enum Adversarial {
    static let programs: [String] = [
        "class A:\n    def __repr__(self):\n        return repr([self])\nrepr(A())",
        "class A:\n    def __str__(self):\n        return str(self)\nprint(A())",
        "def g():\n    yield next(it)\nit = g()\nnext(it)",
        "def g():\n    x = yield 1\n    it.send(2)\nit = g()\nnext(it)\nit.send(1)",
        "f'{1:{10**10}}'",
        "f'{1:>{2**62}}'",
        "'{:{}}'.format('x', 10**9)",
        "'%*s' % (2**40, 'x')",
        "class R:\n    def __lt__(self, o):\n        raise ValueError('no')\nsorted([R(), R(), R()])",
        "class R:\n    def __lt__(self, o):\n        L.append(1)\n        return True\nL = [R(), R()]\nL.sort()\nL",
        "import sys\nsys.setrecursionlimit(10**9)",
        "class A:\n    def __del__(self):\n        raise ValueError\na = A()\ndel a",
        "L = []\nL.append(L)\nprint(L, str(L), repr(L), len(L), L == L, L in L, list(L), tuple(L), sorted([1]), L * 2)",
        "L = []\nL.append(L)\nL < L",
        "L = []\nL.append(L)\nmax(L, L)",
        "L = []\nL.append(L)\nL += L\nprint(L)\nL.sort()",
        "d = {}\nd[1] = d\nprint(d, d == d, list(d.items()), str(d.values()))",
        "a = []\nb = [a]\na.append(b)\na == b",
        "a = []\nb = [a]\na.append(b)\nsorted([a, b])",
        "t = ([],)\nt[0].append(t)\nprint(t, hash(1), t == t)",
        "s = set()\nfor i in s:\n    s.add(i)\ns.add(1)\nfor i in s:\n    s.add(i + 1)",
        "d = {1: 1}\nfor k in d:\n    del d[k]\n    d[k + 1] = 1",
        "L = [1]\nfor x in L:\n    L.append(x)\n    if len(L) > 10**5: break",
        "L = [3, 2, 1]\nL.sort(key=lambda x: L.clear() or x)\nL",
        "class E:\n    def __eq__(self, o):\n        L.clear()\n        return False\nL = [E()] * 5\nL.count(1), L.index(E()) if L else 0",
        "class H:\n    def __hash__(self):\n        d.clear()\n        return 1\nd = {1: 2}\nd[H()] = 3\nd",
        "class I:\n    def __iter__(self):\n        return self\n    def __next__(self):\n        L.append(1)\n        if len(L) > 100: raise StopIteration\n        return 1\nL = []\nL.extend(I())\nL[1:3] = I()",
        "L = [1, 2, 3]\nL[::2] = L[:2]\nL[1:] = L\nL.extend(L)\nL.insert(-10**30, 0)",
        "def f():\n    return f()\ntry:\n    f()\nexcept RecursionError:\n    f()",
        "x = 1\nfor i in range(100):\n    x = [x, x]\nlen(repr(x)) if False else x == x",
        "x = ()\nfor i in range(10**4):\n    x = (x,)\nrepr(x)[:10]",
        "x = []\nfor i in range(10**4):\n    x = [x]\nx == x, str(x)[:5]",
        "min([], key=lambda v: v)\nmax(iter([]), default=1)",
        "s = 'ab'\nwhile True:\n    s += s",
        "[0] * 10**10",
        "' '.join(['x'] * 10**6) * 10**4",
        "list(range(2**62))",
        "(1).__class__.__class__",
        "class M(type): pass",
        "g = (x for x in range(3))\nnext(g)\ng.close()\nnext(g)",
        "def gen():\n    try:\n        yield 1\n    finally:\n        yield 2\ng = gen()\nnext(g)\ng.close()",
        "raise raise",
        "class B(Exception):\n    def __str__(self):\n        raise B()\nraise B()",
        "class B(Exception):\n    def __repr__(self):\n        return 1\nrepr(B())\nraise B()",
        "try:\n    1/0\nexcept Exception as e:\n    e.__traceback__ = e\n    raise e from e",
        "e = ValueError()\ne.__context__ = e\nraise e",
        "10**10**10",
        "1 << 10**10",
        "pow(10, 10**10, 7), pow(2, -1, 1)",
        "round(1.5, 10**20), round(10**400, -10**20)",
        "'x'.center(2**63 - 1)",
        "'x'.expandtabs(2**31)\n'\\t'.expandtabs(10**6) * 1000",
        "int('9' * 10**6)",
        "str(10 ** 100000)",
        "float('1e' + '9' * 100)",
        "[*range(10**7)][::-1][10**8:]",
        "{**{i: i for i in range(10)}, **{}}",
        "hash(float('nan')), hash(-1), hash((1, [2]))",
        "class K:\n    def __hash__(self):\n        return 10**100\n{K(): 1}",
        "class K:\n    def __len__(self):\n        return -1\nlen(K())",
        "class K:\n    def __len__(self):\n        return 10**100\nlen(K()), bool(K())",
        "class K:\n    def __index__(self):\n        return 10**100\n[1][K()]",
        "class K:\n    def __getitem__(self, i):\n        return K()\nlist(zip(K(), range(5)))",
        "def f(*a, **k):\n    return f(*a, *a, **k)\nf(1)",
    ]
}

/// The adversarial programs, alone, mutated and spliced in pairs, on interpreters with tight
/// memory bounds and a short deadline: none may crash the process, and each interpreter still
/// answers a plain cell afterwards.
@Test func fuzzEvaluatorWithAdversarialPrograms() throws {
    let count = try #require(onLargeStack { () -> Int in
        let environment = ProcessInfo.processInfo.environment
        var rng = SplitMix(state: UInt64(environment["TAPELAB_FUZZ_SEED"] ?? "") ?? 0xBAD5EED)
        let budget = Date().addingTimeInterval(Double(environment["TAPELAB_FUZZ_SECONDS"] ?? "") ?? 4)
        let programs = Adversarial.programs
        var ran = 0
        var interp = Interpreter()
        func fresh() -> Interpreter {
            let i = Interpreter()
            i.memoryLimits.heapGrowthBytes = 256 << 20
            i.memoryLimits.maxContainerElements = 1 << 24
            i.memoryLimits.maxStringBytes = 1 << 26
            return i
        }
        interp = fresh()
        while Date() < budget {
            let pick = { programs[Int.random(in: 0..<programs.count, using: &rng)] }
            let source: String
            switch ran % 3 {
            case 0: source = ran < programs.count ? programs[ran] : pick()
            case 1: source = Fuzz.mutate(pick(), &rng)
            default: source = pick() + "\n" + Fuzz.mutate(pick(), &rng)
            }
            if ran % 20 == 0 { interp = fresh() }
            if environment["TAPELAB_FUZZ_TRACE"] != nil { print("FUZZ>", source.debugDescription) }
            interp.cancellation.reset()
            interp.cancellation.setDeadline(secondsFromNow: 0.2)
            _ = interp.execute(source, cell: ran)
            interp.cancellation.reset()
            if interp.execute("1 + 1", cell: ran).result != "2" { return -1 }
            ran += 1
        }
        return ran
    })
    print("adversarial fuzz: \(count) inputs ran without a crash")
    #expect(count > Adversarial.programs.count)
}
