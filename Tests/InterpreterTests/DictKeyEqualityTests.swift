import Testing
@testable import Interpreter

// Dict and set keys that are instances of cell classes with __eq__ / __hash__.
// Every expected text is what CPython 3.11 prints for the same cell.

/// dict lookups, set membership and literals call __hash__, then __eq__ on a collision
@Test func dictKeysCallHashAndEq() {
    let s = Session()
    #expect(s.run(#"""
    class P:
        def __init__(self, x): self.x = x
        def __eq__(self, o):
            print('eq', self.x, getattr(o, 'x', o))
            return isinstance(o, P) and self.x == o.x
        def __hash__(self):
            print('hash', self.x)
            return hash(self.x)
        def __repr__(self): return f'P({self.x})'
    d = {P(1): 'a'}
    print(d[P(1)], P(1) in d, d.get(P(1)), P(2) in d, d.get(P(2), 'no'))
    """#) == #"""
    hash 1
    hash 1
    eq 1 1
    hash 1
    eq 1 1
    hash 1
    eq 1 1
    hash 2
    hash 2
    a True a False no

    """#)
    #expect(s.run(#"""
    s = {P(1), P(1), P(2)}
    len(s)
    """#) == #"""
    hash 1
    hash 1
    eq 1 1
    hash 2
    2
    """#)
    #expect(s.run(#"""
    a = P(1)
    s = {a}
    print(a in s)
    s.add(P(1))
    s
    """#) == #"""
    hash 1
    hash 1
    True
    hash 1
    eq 1 1
    {P(1)}
    """#)
    #expect(s.run(#"""
    d = {P(1): 1, P(2): 2}
    d[P(1)] = 10
    d
    """#) == #"""
    hash 1
    hash 2
    hash 1
    eq 1 1
    {P(1): 10, P(2): 2}
    """#)
    #expect(s.run(#"""
    del d[P(2)]
    d
    """#) == #"""
    hash 2
    eq 2 2
    {P(1): 10}
    """#)
    #expect(s.run("d.pop(P(1)), d") == #"""
    hash 1
    eq 1 1
    (10, {})
    """#)
    #expect(s.run(#"""
    d = dict([(P(3), 'x'), (P(3), 'y')])
    d
    """#) == #"""
    hash 3
    hash 3
    eq 3 3
    {P(3): 'y'}
    """#)
    #expect(s.run(#"""
    d = {P(3): 'x', P(3): 'y'}
    d
    """#) == #"""
    hash 3
    hash 3
    eq 3 3
    {P(3): 'y'}
    """#)
    #expect(s.run("{P(5), P(5)} | {P(5), P(6)}") == #"""
    hash 5
    hash 5
    eq 5 5
    hash 5
    hash 6
    eq 5 5
    {P(5), P(6)}
    """#)
}

/// set algebra and comparisons run __eq__ as often as CPython does
@Test func setOperationsCompareWithEq() {
    let s = Session()
    #expect(s.run(#"""
    class P:
        def __init__(self, x): self.x = x
        def __eq__(self, o):
            print('eq', self.x, getattr(o, 'x', o))
            return isinstance(o, P) and self.x == o.x
        def __hash__(self):
            print('hash', self.x)
            return hash(self.x)
        def __repr__(self): return f'P({self.x})'
    """#) == "")
    #expect(s.run("{P(5), P(6)} & {P(6)}") == #"""
    hash 5
    hash 6
    hash 6
    eq 6 6
    {P(6)}
    """#)
    #expect(s.run("{P(5), P(6)} - {P(6)}") == #"""
    hash 5
    hash 6
    hash 6
    eq 6 6
    {P(5)}
    """#)
    #expect(s.run("{P(5), P(6)} ^ {P(6), P(7)}") == #"""
    hash 5
    hash 6
    hash 6
    hash 7
    eq 6 6
    {P(5), P(7)}
    """#)
    #expect(s.run("{P(5)} == {P(5)}, {P(5)} <= {P(5), P(6)}") == #"""
    hash 5
    hash 5
    eq 5 5
    hash 5
    hash 5
    hash 6
    eq 5 5
    (True, True)
    """#)
    #expect(s.run("{P(1): 1} == {P(1): 1}") == #"""
    hash 1
    hash 1
    eq 1 1
    True
    """#)
    #expect(s.run("[P(1), P(2)].index(P(2)), [P(1), P(2), P(1)].count(P(1)), P(2) in [P(1), P(2)], P(2) in (P(2),)") == #"""
    eq 1 2
    eq 2 2
    eq 1 1
    eq 2 1
    eq 1 1
    eq 1 2
    eq 2 2
    eq 2 2
    (1, 2, True, True)
    """#)
}

/// hash() and unhashable classes
@Test func hashOfCellObjects() {
    let s = Session()
    #expect(s.run(#"""
    class P:
        def __init__(self, x): self.x = x
        def __eq__(self, o):
            print('eq', self.x, getattr(o, 'x', o))
            return isinstance(o, P) and self.x == o.x
        def __hash__(self):
            print('hash', self.x)
            return hash(self.x)
        def __repr__(self): return f'P({self.x})'
    """#) == "")
    #expect(s.run("hash(P(7))") == #"""
    hash 7
    7
    """#)
    #expect(s.run(#"""
    class Q:
        def __eq__(self, o): return True
    hash(Q())
    """#) == "TypeError: unhashable type: 'Q'")
    #expect(s.run("{Q(): 1}") == "TypeError: unhashable type: 'Q'")
    #expect(s.run("Q() in {1, 2}") == "TypeError: unhashable type: 'Q'")
    #expect(s.run(#"""
    class R:
        __hash__ = None
    {R()}
    """#) == "TypeError: unhashable type: 'R'")
    #expect(s.run(#"""
    class S:
        def __hash__(self): return 'x'
    hash(S())
    """#) == "TypeError: __hash__ method should return an integer")
    #expect(s.run("{S(): 1}") == "TypeError: __hash__ method should return an integer")
    #expect(s.run(#"""
    class T:
        def __hash__(self): return 1.0
    hash(T())
    """#) == "TypeError: __hash__ method should return an integer")
    #expect(s.run(#"""
    class U:
        def __hash__(self): return 2**70
    hash(U())
    """#) == "512")
    #expect(s.run(#"""
    class V:
        def __hash__(self): return -1
    hash(V())
    """#) == "-2")
    #expect(s.run(#"""
    class W:
        def __hash__(self): return True
    hash(W())
    """#) == "1")
}

/// errors from __hash__ and __eq__ propagate; __eq__ may match builtin keys
@Test func keyEqualityErrorsAndMixedTypes() {
    let s = Session()
    #expect(s.run(#"""
    class P:
        def __init__(self, x): self.x = x
        def __eq__(self, o):
            print('eq', self.x, getattr(o, 'x', o))
            return isinstance(o, P) and self.x == o.x
        def __hash__(self):
            print('hash', self.x)
            return hash(self.x)
        def __repr__(self): return f'P({self.x})'
    """#) == "")
    #expect(s.run(#"""
    class Boom:
        def __hash__(self): raise ValueError('no hash')
    {Boom(): 1}
    """#) == "ValueError: no hash")
    #expect(s.run(#"""
    class EqBoom:
        def __hash__(self): return 1
        def __eq__(self, o): raise KeyError('eq boom')
    d = {EqBoom(): 1}
    d[EqBoom()]
    """#) == "KeyError: 'eq boom'")
    #expect(s.run("EqBoom() in {1: 2}") == "KeyError: 'eq boom'")
    #expect(s.run(#"""
    class One:
        def __hash__(self): return hash(1)
        def __eq__(self, o): return o == 1
    print({1: 'int'}[One()], One() in {1}, {One(): 'one'}[1], 1 in {One()}, {One()} == {1})
    """#) == #"""
    int True one True True

    """#)
}

/// a lookup survives __eq__ changing the dict
@Test func dictMutatedInsideEq() {
    let s = Session()
    #expect(s.run(#"""
    class P:
        def __init__(self, x): self.x = x
        def __eq__(self, o):
            print('eq', self.x, getattr(o, 'x', o))
            return isinstance(o, P) and self.x == o.x
        def __hash__(self):
            print('hash', self.x)
            return hash(self.x)
        def __repr__(self): return f'P({self.x})'
    """#) == "")
    #expect(s.run(#"""
    class Mut:
        def __init__(self, d): self.d = d
        def __hash__(self): return 7
        def __eq__(self, o):
            self.d.clear()
            return False
    d = {}
    k1 = Mut(d)
    d[k1] = 1
    print(Mut(d) in d, len(d))
    """#) == #"""
    False 0

    """#)
    #expect(s.run(#"""
    class Grow:
        def __init__(self, d, n): self.d, self.n = d, n
        def __hash__(self): return 7
        def __eq__(self, o):
            if len(self.d) < 50: self.d[len(self.d) + 1000] = 0
            return False
    d = {}
    d[Grow(d, 0)] = 1
    d[Grow(d, 1)] = 2
    len(d)
    """#) == "3")
}

/// a class defining __eq__ alone is unhashable even when its base has __hash__
@Test func hashInheritance() {
    let s = Session()
    #expect(s.run(#"""
    class P:
        def __init__(self, x): self.x = x
        def __eq__(self, o):
            print('eq', self.x, getattr(o, 'x', o))
            return isinstance(o, P) and self.x == o.x
        def __hash__(self):
            print('hash', self.x)
            return hash(self.x)
        def __repr__(self): return f'P({self.x})'
    """#) == "")
    #expect(s.run(#"""
    class Base:
        def __init__(self, x): self.x = x
        def __eq__(self, o): return self.x == o.x
        def __hash__(self): return hash(self.x)
    class Child(Base):
        def __eq__(self, o): return False
    hash(Child(1))
    """#) == "TypeError: unhashable type: 'Child'")
    #expect(s.run(#"""
    class Child2(Base):
        pass
    {Child2(1): 'c'}[Base(1)]
    """#) == "'c'")
}

/// tuples and frozensets of objects compare their items with __eq__
@Test func containerKeysWithCellObjects() {
    let s = Session()
    #expect(s.run(#"""
    class P:
        def __init__(self, x): self.x = x
        def __eq__(self, o):
            print('eq', self.x, getattr(o, 'x', o))
            return isinstance(o, P) and self.x == o.x
        def __hash__(self):
            print('hash', self.x)
            return hash(self.x)
        def __repr__(self): return f'P({self.x})'
    """#) == "")
    #expect(s.run("{(P(1), 2): 'tuple'}[(P(1), 2)]") == #"""
    hash 1
    hash 1
    eq 1 1
    'tuple'
    """#)
    #expect(s.run("(P(1), 'a') in {(P(1), 'a')}") == #"""
    hash 1
    hash 1
    eq 1 1
    True
    """#)
    #expect(s.run("frozenset([P(1)]) == frozenset([P(1)])") == #"""
    hash 1
    hash 1
    eq 1 1
    True
    """#)
    #expect(s.run("{frozenset([P(1)]): 'f'}[frozenset([P(1)])]") == #"""
    hash 1
    hash 1
    eq 1 1
    'f'
    """#)
}

/// dict and set methods find keys by __eq__
@Test func dictAndSetMethodsUseEq() {
    let s = Session()
    #expect(s.run(#"""
    class P:
        def __init__(self, x): self.x = x
        def __eq__(self, o):
            print('eq', self.x, getattr(o, 'x', o))
            return isinstance(o, P) and self.x == o.x
        def __hash__(self):
            print('hash', self.x)
            return hash(self.x)
        def __repr__(self): return f'P({self.x})'
    """#) == "")
    #expect(s.run(#"""
    d = {P(1): 'a'}
    d.setdefault(P(1), 'b'), d
    """#) == #"""
    hash 1
    hash 1
    eq 1 1
    ('a', {P(1): 'a'})
    """#)
    #expect(s.run("dict.fromkeys([P(1), P(1)])") == #"""
    hash 1
    hash 1
    eq 1 1
    {P(1): None}
    """#)
    #expect(s.run(#"""
    s = {P(1)}
    s.discard(P(1)); s
    """#) == #"""
    hash 1
    hash 1
    eq 1 1
    set()
    """#)
    #expect(s.run(#"""
    s = {P(1)}
    s.remove(P(1)); s
    """#) == #"""
    hash 1
    hash 1
    eq 1 1
    set()
    """#)
    #expect(s.run(#"""
    s = {P(2)}
    s.remove(P(3))
    """#) == #"""
    hash 2
    hash 3
    KeyError: P(3)
    """#)
    #expect(s.run("{P(1)}.issubset([P(1)]), {P(1)}.isdisjoint([P(1)]), {P(1)}.issuperset([P(1)])") == #"""
    hash 1
    hash 1
    eq 1 1
    hash 1
    hash 1
    eq 1 1
    hash 1
    hash 1
    eq 1 1
    (True, False, True)
    """#)
    #expect(s.run(#"""
    s = {P(1), P(2)}
    s |= {P(2), P(3)}
    s -= {P(1)}
    s &= {P(3)}
    s
    """#) == #"""
    hash 1
    hash 2
    hash 2
    hash 3
    eq 2 2
    hash 1
    eq 1 1
    hash 3
    eq 3 3
    {P(3)}
    """#)
    #expect(s.run("{**{P(1): 1}, **{P(1): 2}}") == #"""
    hash 1
    hash 1
    eq 1 1
    {P(1): 2}
    """#)
    #expect(s.run("{P(1): 1} | {P(1): 2}") == #"""
    hash 1
    hash 1
    eq 1 1
    {P(1): 2}
    """#)
    #expect(s.run(#"""
    d = {P(1): 1}
    d.update({P(1): 3})
    d
    """#) == #"""
    hash 1
    hash 1
    eq 1 1
    {P(1): 3}
    """#)
    #expect(s.run("{x: 1 for x in [P(1), P(1)]}, {x for x in [P(2), P(2)]}") == #"""
    hash 1
    hash 1
    eq 1 1
    hash 2
    hash 2
    eq 2 2
    ({P(1): 1}, {P(2)})
    """#)
    #expect(s.run(#"""
    class NI:
        def __eq__(self, o): return NotImplemented
        def __hash__(self): return 1
    NI() in {NI(): 1}
    """#) == "False")
    #expect(s.run(#"""
    class Truthy:
        def __bool__(self): raise RuntimeError('bool!')
    class TE:
        def __eq__(self, o): return Truthy()
        def __hash__(self): return 3
    {TE(): 1}[TE()]
    """#) == "RuntimeError: bool!")
}
