import BigInt
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `math` module: CPython's functions with their `math domain error` / `math range error` rules.
enum MathModule {
    static func real(_ interp: Interpreter, _ v: Value) throws -> Double {
        switch v {
        case .float(let d): return d
        case .int(let i): return Double(i)
        case .bool(let b): return b ? 1 : 0
        case .object(let o):
            if let b = o as? PyBigInt { return try Interpreter.toDouble(b.value) }
            if o.pyType.lookup("__float__") != nil || o.pyType.lookup("__index__") != nil { return try Builtin.toFloat(interp, v) }
        default: break
        }
        throw PyError.type("must be real number, not \(v.typeName)")
    }

    static func integer(_ interp: Interpreter, _ v: Value) throws -> BigInt {
        if let b = v.bigIntValue { return b }
        if let i = try interp.indexValue(v) { return BigInt(i) }
        throw PyError.type("'\(v.typeName)' object cannot be interpreted as an integer")
    }

    /// A one-argument float function: NaN results from finite input are domain errors,
    /// infinite results from finite input are range errors.
    static func unary(_ name: String, _ f: @escaping (Double) -> Double, domain: ((Double) -> Bool)? = nil,
                      overflowIsRange: Bool = true) -> (String, Value) {
        (name, Builtin.fn(name) { interp, args in
            try args.expect(name, min: 1, max: 1)
            let x = try real(interp, args.positional[0])
            if let domain, !domain(x) { throw PyError.value("math domain error") }
            let r = f(x)
            if r.isNaN && !x.isNaN { throw PyError.value("math domain error") }
            if r.isInfinite && x.isFinite {
                if overflowIsRange { throw PyError.overflow("math range error") }
                throw PyError.value("math domain error")
            }
            return .float(r)
        })
    }

    static func rounding(_ name: String, _ rule: FloatingPointRoundingRule) -> (String, Value) {
        (name, Builtin.fn(name) { interp, args in
            try args.expect(name, min: 1, max: 1)
            let v = args.positional[0]
            if let b = v.bigIntValue { return .integer(b) }
            if case .object(let o) = v, let m = o.pyType.lookup("__\(name)__") { return try interp.call(m, [v]) }
            if case .float = v {} else if name == "trunc" {
                throw PyError.type("type \(v.typeName) doesn't define __trunc__ method")
            }
            let d = try real(interp, v)
            if d.isNaN { throw PyError.value("cannot convert float NaN to integer") }
            if d.isInfinite { throw PyError.overflow("cannot convert float infinity to integer") }
            return .integer(BigInt(d.rounded(rule)))
        })
    }

    static func log(_ interp: Interpreter, _ v: Value) throws -> Double {
        if let b = v.bigIntValue, Int(exactly: b) == nil {
            if b <= 0 { throw PyError.value("math domain error") }
            // Large ints: log of the top bits plus the shift.
            let shift = max(0, b.magnitude.bitWidth - 64)
            let top = Double(b >> shift)
            return Glibc_log(top) + Double(shift) * Glibc_log(2.0)
        }
        let x = try real(interp, v)
        if x <= 0 && !x.isNaN { throw PyError.value("math domain error") }
        return Glibc_log(x)
    }

    static func make() -> PyModule {
        var d: [String: Value] = [
            "pi": .float(Double.pi), "e": .float(M_E), "tau": .float(2 * Double.pi),
            "inf": .float(.infinity), "nan": .float(.nan),
        ]
        let unaries: [(String, Value)] = [
            unary("sqrt", { $0.squareRoot() }, domain: { $0 >= 0 || $0.isNaN }),
            unary("exp", { Glibc_exp($0) }),
            unary("exp2", { Glibc_exp2($0) }),
            unary("expm1", { Glibc_expm1($0) }),
            unary("sin", { Glibc_sin($0) }, domain: { !$0.isInfinite }),
            unary("cos", { Glibc_cos($0) }, domain: { !$0.isInfinite }),
            unary("tan", { Glibc_tan($0) }, domain: { !$0.isInfinite }),
            unary("asin", { Glibc_asin($0) }),
            unary("acos", { Glibc_acos($0) }),
            unary("atan", { Glibc_atan($0) }),
            unary("sinh", { Glibc_sinh($0) }),
            unary("cosh", { Glibc_cosh($0) }),
            unary("tanh", { Glibc_tanh($0) }),
            unary("asinh", { Glibc_asinh($0) }),
            unary("acosh", { Glibc_acosh($0) }),
            unary("atanh", { Glibc_atanh($0) }, domain: { abs($0) < 1 || $0.isNaN }),
            unary("log2", { Glibc_log2($0) }, domain: { $0 > 0 || $0.isNaN }),
            unary("log10", { Glibc_log10($0) }, domain: { $0 > 0 || $0.isNaN }),
            unary("log1p", { Glibc_log1p($0) }, domain: { $0 > -1 || $0.isNaN }),
            unary("fabs", { abs($0) }),
            unary("erf", { Glibc_erf($0) }),
            unary("erfc", { Glibc_erfc($0) }),
            unary("gamma", { Glibc_tgamma($0) }, domain: { !($0 <= 0 && $0 == $0.rounded()) && $0 != -.infinity }),
            unary("lgamma", { Glibc_lgamma($0) }, domain: { !($0 <= 0 && $0 == $0.rounded()) }),
            unary("degrees", { $0 * 180 / Double.pi }),
            unary("radians", { $0 * Double.pi / 180 }),
            rounding("floor", .down), rounding("ceil", .up), rounding("trunc", .towardZero),
        ]
        for (k, v) in unaries { d[k] = v }
        d["log"] = Builtin.fn("log") { interp, args in
            try args.expect("log", min: 1, max: 2)
            let x = try log(interp, args.positional[0])
            guard args.positional.count == 2 else { return .float(x) }
            let base = try log(interp, args.positional[1])
            if base == 0 { throw PyError.zeroDivision("float division by zero") }
            return .float(x / base)
        }
        d["pow"] = Builtin.fn("pow") { interp, args in
            try args.expect("pow", min: 2, max: 2)
            let x = try real(interp, args.positional[0]), y = try real(interp, args.positional[1])
            if x == 0 && y < 0 { throw PyError.value("math domain error") }
            if x < 0 && y.isFinite && y != y.rounded() { throw PyError.value("math domain error") }
            let r = Foundation_pow(x, y)
            if r.isInfinite && x.isFinite && y.isFinite { throw PyError.overflow("math range error") }
            return .float(r)
        }
        d["atan2"] = Builtin.fn("atan2") { interp, args in
            try args.expect("atan2", min: 2, max: 2)
            return .float(Glibc_atan2(try real(interp, args.positional[0]), try real(interp, args.positional[1])))
        }
        d["hypot"] = Builtin.fn("hypot") { interp, args in
            var acc = 0.0
            for v in args.positional { acc = Glibc_hypot(acc, try real(interp, v)) }
            return .float(acc)
        }
        d["copysign"] = Builtin.fn("copysign") { interp, args in
            try args.expect("copysign", min: 2, max: 2)
            return .float(Glibc_copysign(try real(interp, args.positional[0]), try real(interp, args.positional[1])))
        }
        d["fmod"] = Builtin.fn("fmod") { interp, args in
            try args.expect("fmod", min: 2, max: 2)
            let x = try real(interp, args.positional[0]), y = try real(interp, args.positional[1])
            if y == 0 || x.isInfinite { throw PyError.value("math domain error") }
            return .float(fmod(x, y))
        }
        d["modf"] = Builtin.fn("modf") { interp, args in
            try args.expect("modf", min: 1, max: 1)
            let x = try real(interp, args.positional[0])
            if x.isInfinite { return .tuple(PyTuple([.float(x < 0 ? -0.0 : 0.0), .float(x)])) }
            let whole = x.rounded(.towardZero)
            return .tuple(PyTuple([.float(Glibc_copysign(x - whole, x)), .float(whole)]))
        }
        d["frexp"] = Builtin.fn("frexp") { interp, args in
            try args.expect("frexp", min: 1, max: 1)
            let x = try real(interp, args.positional[0])
            if x == 0 || !x.isFinite { return .tuple(PyTuple([.float(x), .int(0)])) }
            let e = Int(x.exponent) + 1
            return .tuple(PyTuple([.float(x / Foundation_pow(2, Double(e))), .int(e)]))
        }
        d["ldexp"] = Builtin.fn("ldexp") { interp, args in
            try args.expect("ldexp", min: 2, max: 2)
            let x = try real(interp, args.positional[0])
            let e = Int(clamping: try integer(interp, args.positional[1]))
            let r = Glibc_scalbn(x, Int32(clamping: e))
            if r.isInfinite && x.isFinite { throw PyError.overflow("math range error") }
            return .float(r)
        }
        d["isfinite"] = Builtin.fn("isfinite") { interp, args in
            try args.expect("isfinite", min: 1, max: 1)
            return .bool(try real(interp, args.positional[0]).isFinite)
        }
        d["isinf"] = Builtin.fn("isinf") { interp, args in
            try args.expect("isinf", min: 1, max: 1)
            return .bool(try real(interp, args.positional[0]).isInfinite)
        }
        d["isnan"] = Builtin.fn("isnan") { interp, args in
            try args.expect("isnan", min: 1, max: 1)
            return .bool(try real(interp, args.positional[0]).isNaN)
        }
        d["isclose"] = Builtin.fn("isclose") { interp, args in
            let a = try args.bind("isclose", ["a", "b", "rel_tol", "abs_tol"], required: 2)
            let x = try real(interp, a[0] ?? .none), y = try real(interp, a[1] ?? .none)
            let rel = try a[2].map { try real(interp, $0) } ?? 1e-9
            let absTol = try a[3].map { try real(interp, $0) } ?? 0
            if rel < 0 || absTol < 0 { throw PyError.value("tolerances must be non-negative") }
            if x == y { return .bool(true) }
            if x.isInfinite || y.isInfinite { return .bool(false) }
            let diff = abs(y - x)
            return .bool(diff <= abs(rel * y) || diff <= abs(rel * x) || diff <= absTol)
        }
        d["factorial"] = Builtin.fn("factorial") { interp, args in
            try args.expect("factorial", min: 1, max: 1)
            if case .float = args.positional[0] { throw PyError.type("'float' object cannot be interpreted as an integer") }
            let n = try integer(interp, args.positional[0])
            if n < 0 { throw PyError.value("factorial() not defined for negative values") }
            guard let k = Int(exactly: n) else {
                throw PyError.overflow("factorial() argument should not exceed \(Int.max)")
            }
            guard k <= 20_000 else { throw PyError.overflow("factorial() argument should not exceed 20000") }
            var r = BigInt(1)
            if k > 1 { for i in 2...k { r *= BigInt(i) } }
            return .integer(r)
        }
        d["gcd"] = Builtin.fn("gcd") { interp, args in
            var g = BigInt(0)
            for v in args.positional { g = g.greatestCommonDivisor(with: try integer(interp, v)) }
            return .integer(g)
        }
        d["lcm"] = Builtin.fn("lcm") { interp, args in
            var l = BigInt(1)
            for v in args.positional {
                let x = try integer(interp, v)
                if x == 0 { return .int(0) }
                l = (l * x).magnitude.asBigInt / l.greatestCommonDivisor(with: x)
            }
            return .integer(l)
        }
        d["isqrt"] = Builtin.fn("isqrt") { interp, args in
            try args.expect("isqrt", min: 1, max: 1)
            let n = try integer(interp, args.positional[0])
            if n < 0 { throw PyError.value("isqrt() argument must be nonnegative") }
            return .integer(n.squareRoot())
        }
        d["comb"] = Builtin.fn("comb") { interp, args in
            try args.expect("comb", min: 2, max: 2)
            let n = try integer(interp, args.positional[0]), k = try integer(interp, args.positional[1])
            if n < 0 { throw PyError.value("n must be a non-negative integer") }
            if k < 0 { throw PyError.value("k must be a non-negative integer") }
            if k > n { return .int(0) }
            let kk = Int(clamping: min(k, n - k))
            var r = BigInt(1)
            if kk > 0 {
                for i in 0..<kk {
                    r = r * (n - BigInt(i)) / BigInt(i + 1)
                    try interp.tick()
                }
            }
            return .integer(r)
        }
        d["perm"] = Builtin.fn("perm") { interp, args in
            try args.expect("perm", min: 1, max: 2)
            let n = try integer(interp, args.positional[0])
            let k = args.positional.count == 2 ? try integer(interp, args.positional[1]) : n
            if n < 0 { throw PyError.value("n must be a non-negative integer") }
            if k < 0 { throw PyError.value("k must be a non-negative integer") }
            if k > n { return .int(0) }
            var r = BigInt(1)
            var i = BigInt(0)
            while i < k {
                r *= n - i
                i += 1
                try interp.tick()
            }
            return .integer(r)
        }
        d["prod"] = Builtin.fn("prod") { interp, args in
            let a = try args.bind("prod", ["iterable", "start"], required: 1, positionalOnly: 1)
            var total = a[1] ?? .int(1)
            try interp.forEach(a[0] ?? .none) { total = try interp.binary(.multiply, total, $0) }
            return total
        }
        d["fsum"] = Builtin.fn("fsum") { interp, args in
            try args.expect("fsum", min: 1, max: 1)
            // Shewchuk's algorithm, as CPython's msum.
            var partials: [Double] = []
            var special = 0.0
            try interp.forEach(args.positional[0]) { v in
                var x = try real(interp, v)
                if !x.isFinite {
                    special += x
                    return
                }
                var i = 0
                for var y in partials {
                    if abs(x) < abs(y) { swap(&x, &y) }
                    let hi = x + y
                    let lo = y - (hi - x)
                    if lo != 0 {
                        partials[i] = lo
                        i += 1
                    }
                    x = hi
                }
                partials.removeSubrange(i...)
                partials.append(x)
            }
            if special != 0 || special.isNaN { return .float(special) }
            var hi = 0.0
            var n = partials.count
            if n > 0 {
                n -= 1
                hi = partials[n]
                var lo = 0.0
                while n > 0 {
                    let x = hi
                    n -= 1
                    let y = partials[n]
                    hi = x + y
                    let yr = hi - x
                    lo = y - yr
                    if lo != 0 { break }
                }
                if n > 0 && ((lo < 0 && partials[n - 1] < 0) || (lo > 0 && partials[n - 1] > 0)) {
                    let y = lo * 2
                    let x = hi + y
                    let yr = x - hi
                    if y == yr { hi = x }
                }
            }
            return .float(hi)
        }
        d["dist"] = Builtin.fn("dist") { interp, args in
            try args.expect("dist", min: 2, max: 2)
            let p = try interp.collect(args.positional[0]), q = try interp.collect(args.positional[1])
            guard p.count == q.count else { throw PyError.value("both points must have the same number of dimensions") }
            var acc = 0.0
            for (a, b) in zip(p, q) { acc = Glibc_hypot(acc, try real(interp, a) - real(interp, b)) }
            return .float(acc)
        }
        return PyModule(name: "math", dict: d)
    }
}

// Thin names for the C math library so the table above reads uniformly.
@inline(__always) func Glibc_log(_ x: Double) -> Double { log(x) }
@inline(__always) func Glibc_exp(_ x: Double) -> Double { exp(x) }
@inline(__always) func Glibc_exp2(_ x: Double) -> Double { exp2(x) }
@inline(__always) func Glibc_expm1(_ x: Double) -> Double { expm1(x) }
@inline(__always) func Glibc_sin(_ x: Double) -> Double { sin(x) }
@inline(__always) func Glibc_cos(_ x: Double) -> Double { cos(x) }
@inline(__always) func Glibc_tan(_ x: Double) -> Double { tan(x) }
@inline(__always) func Glibc_asin(_ x: Double) -> Double { asin(x) }
@inline(__always) func Glibc_acos(_ x: Double) -> Double { acos(x) }
@inline(__always) func Glibc_atan(_ x: Double) -> Double { atan(x) }
@inline(__always) func Glibc_atan2(_ y: Double, _ x: Double) -> Double { atan2(y, x) }
@inline(__always) func Glibc_sinh(_ x: Double) -> Double { sinh(x) }
@inline(__always) func Glibc_cosh(_ x: Double) -> Double { cosh(x) }
@inline(__always) func Glibc_tanh(_ x: Double) -> Double { tanh(x) }
@inline(__always) func Glibc_asinh(_ x: Double) -> Double { asinh(x) }
@inline(__always) func Glibc_acosh(_ x: Double) -> Double { acosh(x) }
@inline(__always) func Glibc_atanh(_ x: Double) -> Double { atanh(x) }
@inline(__always) func Glibc_log2(_ x: Double) -> Double { log2(x) }
@inline(__always) func Glibc_log10(_ x: Double) -> Double { log10(x) }
@inline(__always) func Glibc_log1p(_ x: Double) -> Double { log1p(x) }
@inline(__always) func Glibc_erf(_ x: Double) -> Double { erf(x) }
@inline(__always) func Glibc_erfc(_ x: Double) -> Double { erfc(x) }
@inline(__always) func Glibc_tgamma(_ x: Double) -> Double { tgamma(x) }
@inline(__always) func Glibc_lgamma(_ x: Double) -> Double { lgamma(x) }
@inline(__always) func Glibc_hypot(_ x: Double, _ y: Double) -> Double { hypot(x, y) }
@inline(__always) func Glibc_copysign(_ x: Double, _ y: Double) -> Double { copysign(x, y) }
@inline(__always) func Glibc_scalbn(_ x: Double, _ n: Int32) -> Double { scalbn(x, n) }
