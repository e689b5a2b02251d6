import Testing
@testable import Interpreter

/// A stand-in for a host tensor: a list of doubles with operators, indexing and conversions.
final class Vec: PyObject {
    nonisolated(unsafe) static let type: PyType = {
        let t = PyType.hostClass(name: "Vec", module: "fakelib")
        t.constructor = { interp, args in
            guard let first = args.positional.first else { throw PyError.type("Vec() needs values") }
            return .object(Vec(try interp.collect(first).map { try interp.toDouble($0) }))
        }
        func operands(_ interp: Interpreter, _ a: Value, _ b: Value) throws -> ([Double], [Double])? {
            guard case .object(let ao) = a, let x = ao as? Vec else { return nil }
            if case .object(let bo) = b, let y = bo as? Vec { return (x.values, y.values) }
            if case .str = b { return nil }
            guard let d = try? interp.toDouble(b) else { return nil }
            return (x.values, Array(repeating: d, count: x.values.count))
        }
        for (name, f) in [("__add__", { (p: Double, q: Double) in p + q }), ("__mul__", { $0 * $1 }),
                          ("__radd__", { $1 + $0 }), ("__rmul__", { $1 * $0 })] {
            t.method(name) { interp, this, args in
                guard let (x, y) = try operands(interp, this, args.positional[0]) else { return .notImplemented }
                return .object(Vec(zip(x, y).map(f)))
            }
        }
        t.method("__repr__") { interp, this, _ in
            guard case .object(let o) = this, let v = o as? Vec else { return .string("?") }
            return .string("Vec(" + (try v.values.map { try interp.repr(.float($0)) }.joined(separator: ", ")) + ")")
        }
        t.method("__len__") { _, this, _ in
            guard case .object(let o) = this, let v = o as? Vec else { return .int(0) }
            return .int(v.values.count)
        }
        t.method("__getitem__") { interp, this, args in
            guard case .object(let o) = this, let v = o as? Vec else { return .none }
            let index = args.positional[0]
            if case .tuple(let t) = index { return .string("tuple of \(t.items.count): " + (try interp.repr(index))) }
            if index.isNone { return .string("newaxis") }
            if case .object(let io) = index, let s = io as? PySlice {
                let (start, _, step, count) = try interp.sliceIndices(s, v.values.count)
                return .object(Vec((0..<count).map { v.values[start + $0 * step] }))
            }
            guard let i = try interp.toInt(index), i >= 0, i < v.values.count else {
                throw PyError.index("index out of range")
            }
            return .float(v.values[i])
        }
        t.method("__iter__") { _, this, _ in
            guard case .object(let o) = this, let v = o as? Vec else { return .none }
            var i = 0
            return .object(PyIterator {
                defer { i += 1 }
                return i < v.values.count ? .float(v.values[i]) : nil
            })
        }
        t.method("__float__") { _, this, _ in
            guard case .object(let o) = this, let v = o as? Vec, v.values.count == 1 else {
                throw PyError.type("only size-1 vectors can be converted")
            }
            return .float(v.values[0])
        }
        t.method("__format__") { _, this, args in
            guard case .object(let o) = this, let v = o as? Vec else { return .none }
            return .string("Vec[\(v.values.count)]:\(args.positional.first?.stringValue ?? "")")
        }
        t.method("__enter__") { _, this, _ in this }
        t.method("__exit__") { interp, _, _ in
            interp.setGlobal("exited", .bool(true))
            return .bool(false)
        }
        t.method("__call__") { interp, this, args in
            try interp.call(args.positional[0], [this])
        }
        t.property("size", get: { _, this in
            guard case .object(let o) = this, let v = o as? Vec else { return .none }
            return .int(v.values.count)
        })
        t.unhashable(message: "unhashable type: 'Vec' (use ref())")
        return t
    }()

    let values: [Double]
    init(_ values: [Double]) { self.values = values }
    override var pyType: PyType { Vec.type }
}

func fakeSession() -> Session {
    let s = Session()
    let errors = PyModule(name: "fakelib.errors")
    let invalid = PyType.hostException(name: "InvalidArgumentError", module: "fakelib.errors")
    errors.dict["InvalidArgumentError"] = .object(invalid)
    s.interp.registerModule("fakelib") { _ in
        let m = PyModule(name: "fakelib")
        m.dict["Vec"] = .object(Vec.type)
        m.dict["errors"] = .object(errors)
        m.function("fail") { _, args in
            throw PyError(invalid, "bad input: \(args.positional.count)")
        }
        m.function("apply") { interp, args in
            try interp.call(args.positional[0], Array(args.positional.dropFirst()))
        }
        return m
    }
    return s
}

@Test func hostModulesImportAndUnknownModulesFail() {
    let s = fakeSession()
    #expect(s.run("import fakelib as fl\nfl.Vec([1, 2])") == "Vec(1.0, 2.0)")
    #expect(s.run("from fakelib import Vec\nVec([3])") == "Vec(3.0)")
    #expect(s.run("import numpy") == "ModuleNotFoundError: No module named 'numpy'")
    #expect(s.run("import os") == "ModuleNotFoundError: No module named 'os'")
    #expect(s.run("import fakelib.errors\nfakelib.errors.InvalidArgumentError") == "<class 'fakelib.errors.InvalidArgumentError'>")
}

@Test func hostOperatorsDispatchOnBothSides() {
    let s = fakeSession()
    s.run("import fakelib as fl\nv = fl.Vec([1, 2])")
    #expect(s.run("v + v") == "Vec(2.0, 4.0)")
    #expect(s.run("2 * v") == "Vec(2.0, 4.0)")
    #expect(s.run("v * 3") == "Vec(3.0, 6.0)")
    #expect(s.run("1 + v") == "Vec(2.0, 3.0)")
    #expect(s.run("v + 'a'") == "TypeError: unsupported operand type(s) for +: 'Vec' and 'str'")
    #expect(s.run("'a' + v") == "TypeError: can only concatenate str (not \"Vec\") to str")
    #expect(s.run("v - v") == "TypeError: unsupported operand type(s) for -: 'Vec' and 'Vec'")
}

@Test func hostIndexingIterationAndConversions() {
    let s = fakeSession()
    s.run("import fakelib as fl\nv = fl.Vec([1, 2, 3])")
    #expect(s.run("v[1]") == "2.0")
    #expect(s.run("v[::2]") == "Vec(1.0, 3.0)")
    #expect(s.run("v[1:, ..., None]") == "'tuple of 3: (slice(1, None, None), Ellipsis, None)'")
    #expect(s.run("v[None]") == "'newaxis'")
    #expect(s.run("v[7]") == "IndexError: index out of range")
    #expect(s.run("list(v), len(v), bool(v), v.size") == "([1.0, 2.0, 3.0], 3, True, 3)")
    #expect(s.run("float(fl.Vec([4]))") == "4.0")
    #expect(s.run("float(v)") == "TypeError: only size-1 vectors can be converted")
    #expect(s.run("f'{v:>5}'") == "'Vec[3]:>5'")
    #expect(s.run("str(v), repr([v])") == "('Vec(1.0, 2.0, 3.0)', '[Vec(1.0, 2.0, 3.0)]')")
    #expect(s.run("{v: 1}") == "TypeError: unhashable type: 'Vec' (use ref())")
    #expect(s.run("v.size = 3") == "AttributeError: property 'size' of 'Vec' object has no setter")
    #expect(s.run("v.nothing") == "AttributeError: 'Vec' object has no attribute 'nothing'")
}

@Test func hostContextManagersCallablesAndCallbacks() {
    let s = fakeSession()
    s.run("import fakelib as fl\nv = fl.Vec([1, 2])")
    #expect(s.run("with v as w:\n    print(w)\nexited") == "Vec(1.0, 2.0)\nTrue")
    #expect(s.run("v(len)") == "2")
    #expect(s.run("fl.apply(lambda a, b: a * b, 6, 7)") == "42")
}

@Test func hostExceptionsAreCatchableByClass() {
    let s = fakeSession()
    s.run("import fakelib as fl")
    #expect(s.run("fl.fail(1, 2)") == "InvalidArgumentError: bad input: 2")
    #expect(s.run("""
        try:
            fl.fail()
        except fl.errors.InvalidArgumentError as e:
            print('caught', e, isinstance(e, Exception))
        """) == "caught bad input: 0 True\n")
    #expect(s.run("raise fl.errors.InvalidArgumentError('from a cell')") == "InvalidArgumentError: from a cell")
}
