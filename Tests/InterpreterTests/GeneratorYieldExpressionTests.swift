import Testing
@testable import Interpreter

// Expected texts come from CPython 3.11 running the same cells.

@Test func generatorYieldAssignment() {
    let s = Session()
    #expect(s.run("def g():\n    x = yield 1\n    print('got', x)\n    y = yield x\n    return y\nit = g()\nprint(next(it), it.send('a'))\ntry:\n    it.send('b')\nexcept StopIteration as e:\n    print('stop', e.value)") == "got a\n1 a\nstop b\n")
}

@Test func generatorYieldInExpressions() {
    let s = Session()
    #expect(s.run("def g():\n    print((yield))\n    print((yield 5))\nit = g()\nprint(next(it), it.send('one'), end=' ')\ntry:\n    it.send('two')\nexcept StopIteration:\n    print('done')") == "one\nNone 5 two\ndone\n")
    #expect(s.run("def g():\n    y = (yield 1) + (yield 2)\n    yield y\nit = g()\nprint(next(it), it.send(10), it.send(20))") == "1 2 30\n")
    #expect(s.run("def f(v):\n    return v * 2\ndef g(x):\n    r = f((yield x))\n    yield r\nit = g(3)\nprint(next(it), it.send(4))") == "3 8\n")
    #expect(s.run("def g():\n    total = 0\n    while True:\n        total += (yield total)\nit = g()\nnext(it)\nprint(it.send(1), it.send(2), it.send(3))") == "1 3 6\n")
    #expect(s.run("def g():\n    return (yield 1)\nit = g()\nnext(it)\ntry:\n    it.send(42)\nexcept StopIteration as e:\n    print(e.value)") == "42\n")
    #expect(s.run("def g():\n    x = [(yield i) for i in range(2)]") == "SyntaxError: 'yield' inside list comprehension (<cell>, line 2)")
}

@Test func generatorYieldInWhileCondition() {
    let s = Session()
    #expect(s.run("def g():\n    n = 0\n    while (yield n):\n        n += 1\n    yield 'end'\nit = g()\nprint(next(it), it.send(True), it.send(True), it.send(False))") == "0 1 2 end\n")
}

@Test func generatorYieldInFinally() {
    let s = Session()
    #expect(s.run("def g():\n    try:\n        yield 1\n    finally:\n        yield 2\n        print('after')\nprint(list(g()))") == "after\n[1, 2]\n")
    #expect(s.run("def g():\n    try:\n        yield 1\n    finally:\n        print('cleanup')\nit = g()\nnext(it)\nit.close()\nprint('closed')") == "cleanup\nclosed\n")
    #expect(s.run("def g():\n    try:\n        yield 1\n    except GeneratorExit:\n        print('exit')\n        raise\nit = g()\nnext(it)\nit.close()\nit.close()\nprint('ok')") == "exit\nok\n")
    #expect(s.run("def g():\n    try:\n        yield 1\n    finally:\n        yield 2\nit = g()\nnext(it)\nit.close()") == "RuntimeError: generator ignored GeneratorExit")
    #expect(s.run("def g():\n    try:\n        yield 1\n    finally:\n        return 5\nit = g()\nnext(it)\nprint(it.close())") == "None\n")
}

@Test func generatorYieldInWith() {
    let s = Session()
    #expect(s.run("class CM:\n    def __enter__(self):\n        print('enter')\n        return self\n    def __exit__(self, *a):\n        print('exit', a[0])\n        return False\ndef g():\n    with CM():\n        x = yield 1\n        print('x', x)\n        yield 2\nit = g()\nprint(next(it))\nprint(it.send('v'))\nit.close()") == "enter\n1\nx v\n2\nexit <class 'GeneratorExit'>\n")
    #expect(s.run("class CM:\n    def __enter__(self):\n        return self\n    def __exit__(self, *a):\n        print('exit', a[0])\ndef g():\n    with CM():\n        yield 1\nit = g()\nnext(it)\ntry:\n    it.throw(ValueError('boom'))\nexcept ValueError as e:\n    print('caught', e)") == "exit <class 'ValueError'>\ncaught boom\n")
}

@Test func generatorThrow() {
    let s = Session()
    #expect(s.run("def g():\n    while True:\n        try:\n            yield 1\n        except ValueError as e:\n            print('handled', e)\nit = g()\nnext(it)\nprint(it.throw(ValueError('x')))") == "handled x\n1\n")
    #expect(s.run("def g():\n    yield 1\nit = g()\ntry:\n    it.throw(KeyError('k'))\nexcept KeyError as e:\n    print('raised', repr(e))\nprint(list(it))") == "raised KeyError('k')\n[]\n")
}

@Test func generatorSendErrors() {
    let s = Session()
    #expect(s.run("def g():\n    yield 1\nit = g()\nit.send(5)") == "TypeError: can't send non-None value to a just-started generator")
    #expect(s.run("def g():\n    yield 1\nit = g()\nprint(it.send(None), list(it))") == "1 []\n")
}

@Test func yieldOutsideFunction() {
    let s = Session()
    #expect(s.run("yield 1") == "SyntaxError: 'yield' outside function (<cell>, line 1)")
    #expect(s.run("x = yield") == "SyntaxError: 'yield' outside function (<cell>, line 1)")
    #expect(s.run("class C:\n    yield 1") == "SyntaxError: 'yield' outside function (<cell>, line 2)")
    #expect(s.run("[(yield) for i in range(3)]") == "SyntaxError: 'yield' inside list comprehension (<cell>, line 1)")
    #expect(s.run("def f():\n    return [(yield) for i in range(3)]") == "SyntaxError: 'yield' inside list comprehension (<cell>, line 2)")
}

@Test func generatorYieldKeepsEvaluationOrder() {
    let s = Session()
    #expect(s.run("calls = []\ndef h(tag):\n    calls.append(tag)\n    return tag\ndef g():\n    r = [h('a'), (yield 1), h('b'), (yield 2)]\n    yield r\nit = g()\nprint(next(it), it.send('x'), it.send('y'), calls)") == "1 2 ['a', 'x', 'b', 'y'] ['a', 'b']\n")
    #expect(s.run("def g():\n    d = {}\n    d[(yield 'key')] = (yield 'value')\n    yield d\nit = g()\nprint(next(it), it.send('v'), it.send('k'))") == "value key {'k': 'v'}\n")
    #expect(s.run("def g():\n    x = 'yes' if (yield 1) else 'no'\n    y = (yield 2) or 'fallback'\n    yield x, y\nit = g()\nprint(next(it), it.send(0), it.send(''))") == "1 2 ('no', 'fallback')\n")
    #expect(s.run("def g():\n    n = 10\n    n -= (yield n)\n    yield n\nit = g()\nprint(next(it), it.send(3))") == "10 7\n")
    #expect(s.run("def g():\n    try:\n        v = 1 + (yield 'a')\n    except ValueError as e:\n        v = 'caught ' + str(e)\n    yield v\nit = g()\nnext(it)\nprint(it.throw(ValueError('bad')))") == "caught bad\n")
    #expect(s.run("def g():\n    if (yield 'test'):\n        yield 'then'\n    else:\n        yield 'else'\nit = g()\nprint(next(it), it.send(1))") == "test then\n")
}

@Test func generatorReturnThroughFinally() {
    let s = Session()
    #expect(s.run("def g():\n    try:\n        return 'r'\n    finally:\n        yield 'in finally'\nit = g()\nprint(next(it))\ntry:\n    next(it)\nexcept StopIteration as e:\n    print('value', e.value)") == "in finally\nvalue r\n")
    #expect(s.run("def g():\n    try:\n        raise KeyError('k')\n    finally:\n        x = yield 'f'\n        print('sent', x)\nit = g()\nnext(it)\ntry:\n    it.send('s')\nexcept KeyError as e:\n    print('propagated', repr(e))") == "sent s\npropagated KeyError('k')\n")
    #expect(s.run("def g():\n    for i in range(3):\n        try:\n            yield i\n        finally:\n            yield -i\nprint(list(g()))") == "[0, 0, 1, -1, 2, -2]\n")
    #expect(s.run("def inner():\n    try:\n        yield 1\n    finally:\n        print('inner closed')\ndef outer():\n    yield from inner()\nit = outer()\nnext(it)\nit.close()") == "inner closed\n")
    #expect(s.run("def inner():\n    try:\n        yield 1\n    except ValueError:\n        yield 'inner handled'\n    return 'done'\ndef outer():\n    r = yield from inner()\n    yield r\nit = outer()\nnext(it)\nprint(it.throw(ValueError), next(it))") == "inner handled done\n")
}

