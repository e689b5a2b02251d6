extension Builtin {
    static func complexReceiver(_ args: Arguments, _ method: String) throws -> PyComplex {
        try receiver(args, "complex", method) { v -> PyComplex? in
            if case .object(let o) = v { return o as? PyComplex }
            return nil
        }
    }

    /// The other operand of a binary method (`z.__add__(other)`).
    static func complexOther(_ args: Arguments, _ method: String) throws -> Value {
        guard args.positional.count == 2 else {
            throw PyError.type("expected 1 argument, got \(max(0, args.positional.count - 1))")
        }
        return args.positional[1]
    }

    static func installComplexMethods() {
        let t = complexType
        t.constructor = { interp, args in try makeComplex(interp, args) }
        for (name, reflected, op) in [("__add__", "__radd__", BinaryOperator.add), ("__sub__", "__rsub__", .subtract),
                                      ("__mul__", "__rmul__", .multiply), ("__truediv__", "__rtruediv__", .divide)] {
            t.define(name) { interp, args in
                let z = try complexReceiver(args, name)
                return try interp.complexBinary(op, .object(z), complexOther(args, name))
            }
            t.define(reflected) { interp, args in
                let z = try complexReceiver(args, reflected)
                return try interp.complexBinary(op, complexOther(args, reflected), .object(z))
            }
        }
        t.define("__pow__") { interp, args in
            let z = try complexReceiver(args, "__pow__")
            guard args.positional.count == 2 || args.positional.count == 3 else {
                throw PyError.type("expected 1 or 2 arguments, got \(max(0, args.positional.count - 1))")
            }
            if args.positional.count == 3, !args.positional[2].isNone { throw PyError.value("complex modulo") }
            return try interp.complexBinary(.power, .object(z), args.positional[1])
        }
        t.define("__rpow__") { interp, args in
            let z = try complexReceiver(args, "__rpow__")
            guard args.positional.count == 2 || args.positional.count == 3 else {
                throw PyError.type("expected 1 or 2 arguments, got \(max(0, args.positional.count - 1))")
            }
            if args.positional.count == 3, !args.positional[2].isNone { throw PyError.value("complex modulo") }
            return try interp.complexBinary(.power, args.positional[1], .object(z))
        }
        t.define("__neg__") { _, args in
            let z = try complexReceiver(args, "__neg__")
            return .object(PyComplex(-z.real, -z.imag))
        }
        t.define("__pos__") { _, args in
            let z = try complexReceiver(args, "__pos__")
            return .object(PyComplex(z.real, z.imag))
        }
        t.define("__abs__") { _, args in
            let z = try complexReceiver(args, "__abs__")
            return .float(try ComplexMath.magnitude((z.real, z.imag)))
        }
        t.define("__bool__") { _, args in
            let z = try complexReceiver(args, "__bool__")
            return .bool(z.real != 0 || z.imag != 0)
        }
        t.define("__eq__") { interp, args in
            try interp.complexEquals(complexReceiver(args, "__eq__"), complexOther(args, "__eq__"))
        }
        t.define("__hash__") { interp, args in .int(try interp.complexHash(complexReceiver(args, "__hash__"))) }
        t.define("__repr__") { _, args in
            let z = try complexReceiver(args, "__repr__")
            return .string(ComplexText.repr(real: z.real, imag: z.imag))
        }
        t.define("__format__") { _, args in
            let z = try complexReceiver(args, "__format__")
            guard args.positional.count == 2, case .str(let spec) = args.positional[1] else {
                throw PyError.type("format() argument 2 must be str, not \(args.positional.count == 2 ? args.positional[1].typeName : "NoneType")")
            }
            return .string(try text { try ComplexText.format(real: z.real, imag: z.imag, spec: spec.value) })
        }
        t.define("conjugate") { _, args in
            let z = try complexReceiver(args, "conjugate")
            return .object(PyComplex(z.real, -z.imag))
        }
        let readonly: (Interpreter, Value, Value) throws -> Void = { _, _, _ in
            throw PyError(attributeError, "readonly attribute")
        }
        t.property("real", get: { _, v in
            guard case .object(let o) = v, let z = o as? PyComplex else { throw PyError.type("descriptor 'real' for 'complex' objects doesn't apply to a '\(v.typeName)' object") }
            return .float(z.real)
        }, set: readonly)
        t.property("imag", get: { _, v in
            guard case .object(let o) = v, let z = o as? PyComplex else { throw PyError.type("descriptor 'imag' for 'complex' objects doesn't apply to a '\(v.typeName)' object") }
            return .float(z.imag)
        }, set: readonly)
    }

    /// `complex(real=0, imag=0)` and `complex(string)`, with CPython's checks and messages.
    static func makeComplex(_ interp: Interpreter, _ args: Arguments) throws -> Value {
        for k in args.keywords where k.name != "real" && k.name != "imag" {
            throw PyError.type("'\(k.name)' is an invalid keyword argument for complex()")
        }
        let a = try args.bind("complex", ["real", "imag"])
        let first = a[0], second = a[1]
        if case .str(let s)? = first {
            if second != nil { throw PyError.type("complex() can't take second arg if first is a string") }
            guard let digits = ComplexText.removingUnderscores(s.value) else {
                throw PyError.value("could not convert string to complex: \(StringFormatting.repr(s.value))")
            }
            guard let z = ComplexText.parse(digits) else { throw PyError.value("complex() arg is a malformed string") }
            return .object(PyComplex(z.real, z.imag))
        }
        if case .str? = second { throw PyError.type("complex() second arg can't be a string") }
        /// The argument as a complex, and whether it was one (a real argument adds no cross term).
        func part(_ v: Value, _ which: String) throws -> (ComplexMath.C, isComplex: Bool) {
            if case .object(let o) = v, let z = o as? PyComplex { return ((z.real, z.imag), true) }
            if let c = try interp.complexOperand(v) { return (c, false) }
            if case .object(let o) = v, Interpreter.hasUserDunders(v) {
                if let m = o.pyType.lookup("__complex__") {
                    let r = try interp.call(m, [v])
                    guard case .object(let ro) = r, let z = ro as? PyComplex else {
                        throw PyError.type("__complex__ returned non-complex (type \(r.typeName))")
                    }
                    return ((z.real, z.imag), true)
                }
                if o.pyType.lookup("__float__") != nil || o.pyType.lookup("__index__") != nil {
                    return ((try toFloat(interp, v), 0), false)
                }
            }
            throw PyError.type("complex() \(which), not '\(v.typeName)'")
        }
        var x: (ComplexMath.C, isComplex: Bool) = ((0, 0), false)
        if let first { x = try part(first, "first argument must be a string or a number") }
        guard let second else { return .object(PyComplex(x.0.re, x.0.im)) }
        let y = try part(second, "second argument must be a number")
        // complex(a, b) is a + b*1j; CPython adds the cross terms only for complex arguments.
        var real = x.0.re, imag = y.0.re
        if y.isComplex { real -= y.0.im }
        if x.isComplex { imag += x.0.im }
        return .object(PyComplex(real, imag))
    }
}
