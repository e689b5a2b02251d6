import Testing
@testable import Interpreter

/// Python callbacks (`__eq__`, `__hash__`, `__lt__`, `__repr__`, key functions, `__next__`) that
/// mutate the container native code is walking: each ends as CPython 3.11 ends it (outputs taken
/// from CPython), never in a trap or a use of freed storage.
let mutationCases: [(code: String, expected: String)] = [
    (#"""
class A:
    def __repr__(self):
        L.clear(); L.extend([1]*50)
        return 'A'
L = [A(), A(), A()]
print(repr(L))
"""#, #"""
[A, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]

"""#),
    (#"""
class E:
    def __eq__(self, o):
        L.clear()
        return False
L = [1, 2, 3, E()]
print(L.count(E()), L)
"""#, #"""
0 []

"""#),
    (#"""
class E:
    def __eq__(self, o):
        L.clear()
        return False
L = [E(), 2, 3]
try:
    L.remove(5)
except ValueError as e:
    print(e)
print(L)
"""#, #"""
list.remove(x): x not in list
[]

"""#),
    (#"""
class E:
    def __eq__(self, o):
        L.clear()
        return False
L = [E(), 2, 3]
try:
    print(L.index(5))
except ValueError as e:
    print(e)
"""#, #"""
5 is not in list

"""#),
    (#"""
class E:
    def __eq__(self, o):
        L.clear()
        return False
L = [E(), E(), 3]
print(5 in L, L)
"""#, #"""
False []

"""#),
    (#"""
class E:
    def __eq__(self, o):
        del L[:]
        return False
L = [E(), E(), 3]
M = [E(), E(), 4]
print(L == M)
"""#, #"""
False

"""#),
    (#"""
class E:
    def __lt__(self, o):
        L.append(1)
        return False
L = [E(), E(), E()]
try:
    L.sort()
except ValueError as e:
    print(e)
print(len(L))
"""#, #"""
list modified during sort
3

"""#),
    (#"""
L = [3, 1, 2]
def k(x):
    L.append(x)
    return x
try:
    L.sort(key=k)
except ValueError as e:
    print(e)
"""#, #"""
list modified during sort

"""#),
    (#"""
L = [1, 2, 3]
L.extend(L)
print(L)
L[1:2] = L
print(L)
L[::2] = L[::2]
print(L)
"""#, #"""
[1, 2, 3, 1, 2, 3]
[1, 1, 2, 3, 1, 2, 3, 3, 1, 2, 3]
[1, 1, 2, 3, 1, 2, 3, 3, 1, 2, 3]

"""#),
    (#"""
L = [1, 2]
n = 0
for x in L:
    n += 1
    if n < 5:
        L.append(x)
print(L)
"""#, #"""
[1, 2, 1, 2, 1, 2]

"""#),
    (#"""
d = {1: 1, 2: 2}
try:
    for k in d:
        d[k + 10] = 0
except RuntimeError as e:
    print(e)
"""#, #"""
dictionary changed size during iteration

"""#),
    (#"""
d = {1: 1, 2: 2}
try:
    for k in d:
        del d[k]
        d[k + 10] = 0
except RuntimeError as e:
    print(e)
"""#, #"""
dictionary keys changed during iteration

"""#),
    (#"""
s = {1, 2}
try:
    for k in s:
        s.add(k + 10)
except RuntimeError as e:
    print(e)
"""#, #"""
Set changed size during iteration

"""#),
    (#"""
class H:
    def __hash__(self):
        s.clear(); s.update(range(100))
        return 1
s = {1, 2, 3}
print(H() in s, len(s))
"""#, #"""
False 100

"""#),
    (#"""
L = [3, 1, 2]
def k(x):
    L.clear()
    return x
print(min(L, key=k), max([5, 4], key=lambda x: -x), sorted(L, key=k), L)
"""#, #"""
3 4 [] []

"""#),
    (#"""
class R:
    def __lt__(self, o):
        raise ZeroDivisionError('boom')
try:
    sorted([R(), R()])
except ZeroDivisionError as e:
    print('caught', e)
"""#, #"""
caught boom

"""#),
    (#"""
def g():
    yield next(it)
it = g()
try:
    next(it)
except ValueError as e:
    print(e)
"""#, #"""
generator already executing

"""#),
    (#"""
class A:
    def __repr__(self):
        return repr(self)
try:
    repr(A())
except RecursionError as e:
    print('rec')
"""#, #"""
rec

"""#),
    (#"""
try:
    print(f'{1:{10**20}}')
except Exception as e:
    print(type(e).__name__, e)
"""#, #"""
ValueError Too many decimal digits in format string

"""#),
    (#"""
try:
    print('{:99999999999999999999}'.format(1))
except Exception as e:
    print(type(e).__name__, e)
"""#, #"""
ValueError Too many decimal digits in format string

"""#),
    (#"""
L = []; L.append(L); d = {}; d[1] = d; s = [L, d]
print(L, d, s, str(L), len(repr(s)))
print(L == L, L in L)
t = (L,)
print(t)
"""#, #"""
[[...]] {1: {...}} [[[...]], {1: {...}}] [[...]] 21
True True
([[...]],)

"""#),
    (#"""
class It:
    def __iter__(self): return self
    def __next__(self):
        L.clear()
        raise StopIteration
L = [1, 2, 3]
L.extend(It())
print(L)
L = [1, 2]
L[0:1] = It()
print(L)
"""#, #"""
[]
[]

"""#),
    (#"""
L = list(range(5))
class E:
    def __eq__(self, o):
        L.pop()
        return False
L.append(E())
try:
    print(L.index(E()))
except ValueError as e:
    print(type(e).__name__, len(L))
"""#, #"""
ValueError 3

"""#),
    (#"""
d = {1: 1, 2: 2}
try:
    for k, v in d.items():
        d.pop(k)
except RuntimeError as e:
    print(e)
print(d)
"""#, #"""
dictionary changed size during iteration
{2: 2}

"""#),
    (#"""
d = {1: 1, 2: 2}
try:
    for k in d:
        d.pop(k); d[k] = 3
except RuntimeError as e:
    print(e)
print(d)
"""#, #"""
dictionary keys changed during iteration
{1: 3, 2: 3}

"""#),
    (#"""
class E:
    def __eq__(self, o):
        L.clear()
        return True
L = [1, 2, 3]
L.remove(E())
print(L)
"""#, #"""
[]

"""#),
    (#"""
class A:
    def __repr__(self):
        L.clear()
        L.extend([[i] for i in range(10000)])
        return 'A'
L = [A(), A(), A()]
print(repr(L)[:20])
"""#, #"""
[A, [1], [2], [3], [

"""#),
]

@Test(arguments: mutationCases.indices)
func mutationDuringNativeIterationMatchesCPython(_ index: Int) {
    let (code, expected) = mutationCases[index]
    let s = Session()
    #expect(s.run(code) == expected)
    #expect(s.run("1 + 1") == "2")
}
